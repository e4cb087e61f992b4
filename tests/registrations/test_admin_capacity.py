"""The capacity overview ("Capaciteit per editie") for programme staff: who is waiting, which editions the
filter offers, and what it costs at scale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def _age(registration, days):
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


def _promote_url(track) -> str:
    return reverse("registration:promote", args=[track.pk])


def test_anonymised_waiting_rows_are_not_counted_nor_offered_for_promotion(staff_client):
    track = TrackFactory(capacity=2, edition="2031")
    RegistrationFactory(track=track, confirmed=True)
    RegistrationFactory(track=track, waiting=True, anonymised=True)

    page = staff_client.get(reverse("registration:capacity"), {"edition": "2031"})
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if r.track_id == track.pk)
    assert (row.taken, row.places_left, row.waiting) == (1, 1, 0)
    # A place is free, but nobody who can take it is waiting: no promotion is offered.
    assert _promote_url(track) not in page.text


def test_promotion_offered_on_the_overview_succeeds(staff_client):
    track = TrackFactory(capacity=2, edition="2031", auto_confirm=False)
    RegistrationFactory(track=track, confirmed=True)
    erased = RegistrationFactory(track=track, waiting=True, anonymised=True)
    waiting = RegistrationFactory(track=track, waiting=True)
    _age(erased, 5)  # the anonymised row is the oldest on the list
    _age(waiting, 1)

    page = staff_client.get(reverse("registration:capacity"), {"edition": "2031"})
    row = next(r for r in page.context["rows"] if r.track_id == track.pk)
    assert row.waiting == 1
    assert _promote_url(track) in page.text

    response = staff_client.post(_promote_url(track), {"edition": "2031"}, follow=True)
    assert Registration.objects.get(pk=waiting.pk).status == S.RECEIVED
    assert Registration.objects.get(pk=erased.pk).status == S.WAITING_LIST
    assert waiting.reference in response.text
    row = next(r for r in response.context["rows"] if r.track_id == track.pk)
    assert row.waiting == 0


def test_waiting_queryset_is_the_one_definition(seeded):
    track = TrackFactory(capacity=1)
    live = RegistrationFactory(track=track, waiting=True)
    RegistrationFactory(track=track, waiting=True, anonymised=True)
    RegistrationFactory(track=track, confirmed=True)
    assert list(Registration.objects.waiting()) == [live]
