"""Order of arrival on the waiting list holds in the domain layer (issue 24, item 2): a newer
waiting-list registration cannot get a place while an older one on the same track and edition waits,
neither through ``registrations.workflow`` nor through the admin's status action."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from registrations import workflow
from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def _age(registration, days):
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    registration.refresh_from_db()


@pytest.fixture
def staff(seeded):
    return staff_user()


@pytest.fixture
def queue(seeded):
    track = TrackFactory(capacity=5, auto_confirm=False)
    older = RegistrationFactory(track=track, waiting=True, reference="AM-OUDER-0001")
    newer = RegistrationFactory(track=track, waiting=True, reference="AM-NIEUWER-0002")
    _age(older, 3)
    _age(newer, 1)
    return track, older, newer


def status(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


@pytest.mark.parametrize("action", [workflow.confirm, workflow.change_status])
def test_newer_waiting_registration_cannot_jump_the_queue(queue, staff, action):
    _track, older, newer = queue
    args = (S.RECEIVED,) if action is workflow.change_status else ()
    with pytest.raises(workflow.TransitionError) as error:
        action(newer, *args, user=staff)
    assert "AM-OUDER-0001" in str(error.value)
    assert "wachtlijst" in str(error.value)
    assert (status(older), status(newer)) == (S.WAITING_LIST, S.WAITING_LIST)
    assert not newer.events.exists()


def test_oldest_waiting_registration_can_be_confirmed_then_the_next(queue, staff):
    _track, older, newer = queue
    workflow.confirm(older, user=staff)
    assert status(older) == S.CONFIRMED
    workflow.confirm(newer, user=staff)
    assert status(newer) == S.CONFIRMED


def test_other_editions_tracks_and_anonymised_rows_do_not_hold_the_queue(queue, staff):
    track, older, newer = queue
    RegistrationFactory(track=track, waiting=True, edition="2019")
    RegistrationFactory(track=TrackFactory(), waiting=True)
    Registration.objects.filter(pk=older.pk).update(anonymised_at=timezone.now())
    workflow.confirm(newer, user=staff)
    assert status(newer) == S.CONFIRMED


def test_newer_waiting_registration_can_still_withdraw(queue, staff):
    _track, _older, newer = queue
    workflow.withdraw(newer, user=staff)
    assert status(newer) == S.WITHDRAWN


def test_admin_action_shows_the_dutch_reason(client, queue, staff):
    _track, older, newer = queue
    client.force_login(staff)
    response = client.post(reverse("registration:action", args=[newer.pk, "confirm"]), follow=True)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "AM-OUDER-0001 staat langer op de wachtlijst" in text
    assert status(newer) == S.WAITING_LIST

    client.post(reverse("registration:action", args=[older.pk, "confirm"]))
    assert status(older) == S.CONFIRMED


def test_confirm_is_not_offered_when_the_edition_is_full(client, staff):
    """The first in line on a full track gets no 'Bevestigen' link: the workflow would refuse it for want
    of a place (found walking the admin). Once a place comes free, it is offered again."""
    track = TrackFactory(capacity=1, auto_confirm=False)
    placed = RegistrationFactory(track=track, status=S.CONFIRMED)
    waiting = RegistrationFactory(track=track, waiting=True)
    client.force_login(staff)
    inspect = reverse("registration:inspect", args=[waiting.pk])
    confirm_url = reverse("registration:action", args=[waiting.pk, "confirm"])
    assert confirm_url not in client.get(inspect).content.decode()

    workflow.cancel(placed, user=staff)
    assert confirm_url in client.get(inspect).content.decode()
