"""Status changes: allowed transitions, the status log, mails, waiting-list promotion and capacity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registrations import workflow
from registrations.constants import MailKind, RegistrationStatus
from registrations.models import OutgoingMail, Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def _age(registration, days):
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


def test_confirm_logs_who_when_from_to_and_mails(seeded):
    user = staff_user()
    reg = RegistrationFactory()
    workflow.confirm(reg, user=user, note="Akkoord")
    event = reg.events.get()
    assert (event.from_status, event.to_status, event.user, event.note) == (
        S.RECEIVED,
        S.CONFIRMED,
        user,
        "Akkoord",
    )
    mail = OutgoingMail.objects.get(registration=reg, kind=MailKind.STATUS_CHANGE)
    assert mail.to == reg.email
    assert reg.reference in mail.subject


def test_terminal_statuses_cannot_change(seeded):
    reg = RegistrationFactory()
    workflow.withdraw(reg, user=None)
    with pytest.raises(workflow.TransitionError):
        workflow.confirm(reg, user=None)
    assert Registration.objects.get(pk=reg.pk).status == S.WITHDRAWN


def test_promote_next_takes_oldest_and_respects_capacity(seeded):
    track = TrackFactory(capacity=2, auto_confirm=True)
    placed = RegistrationFactory(track=track, confirmed=True)
    RegistrationFactory(track=track, confirmed=True)
    newer = RegistrationFactory(track=track, waiting=True)
    older = RegistrationFactory(track=track, waiting=True)
    _age(newer, 1)
    _age(older, 3)
    user = staff_user()

    assert workflow.promote_next(track, track.edition, user=user) is None  # full

    workflow.withdraw(placed, user=user)
    promoted = workflow.promote_next(track, track.edition, user=user)
    assert promoted.pk == older.pk
    assert Registration.objects.get(pk=older.pk).status == S.CONFIRMED
    assert Registration.objects.get(pk=newer.pk).status == S.WAITING_LIST
    assert workflow.promote_next(track, track.edition, user=user) is None  # full again
    event = older.events.get()
    assert (event.from_status, event.to_status) == (S.WAITING_LIST, S.CONFIRMED)


def test_promote_without_auto_confirm_gives_received(seeded):
    track = TrackFactory(capacity=1, auto_confirm=False)
    waiting = RegistrationFactory(track=track, waiting=True)
    promoted = workflow.promote_next(track, track.edition, user=None)
    assert promoted.pk == waiting.pk
    assert Registration.objects.get(pk=waiting.pk).status == S.RECEIVED


def test_promote_view_and_capacity_overview(client, seeded):
    track = TrackFactory(capacity=1)
    RegistrationFactory(track=track, confirmed=True, fee_amount="500.00")
    first = RegistrationFactory(track=track, waiting=True)
    RegistrationFactory(track=track, waiting=True)
    _age(first, 2)
    rows = {r.track_id: r for r in workflow.capacity_overview()}
    row = rows[track.pk]
    assert (row.capacity, row.taken, row.places_left, row.waiting) == (1, 1, 0, 2)
    assert str(row.total_fees) == "500.00"

    client.force_login(staff_user())
    page = client.get(reverse("registration:capacity"))
    assert page.status_code == 200
    assert "Wachtlijst" in page.content.decode()
    client.post(reverse("registration:promote", args=[track.pk]), {"edition": track.edition})
    assert Registration.objects.get(pk=first.pk).status == S.WAITING_LIST  # still full


def test_waiting_list_registration_cannot_be_confirmed_directly(client, seeded):
    track = TrackFactory(capacity=5)
    older = RegistrationFactory(track=track, waiting=True)
    newer = RegistrationFactory(track=track, waiting=True)
    _age(older, 2)
    client.force_login(staff_user())
    client.post(reverse("registration:action", args=[newer.pk, "confirm"]))
    assert Registration.objects.get(pk=newer.pk).status == S.WAITING_LIST


def test_detail_shows_history_and_fee(client, seeded):
    user = staff_user()
    reg = RegistrationFactory(fee_amount="1234.50")
    workflow.confirm(reg, user=user)
    client.force_login(user)
    html = client.get(reverse("registration:inspect", args=[reg.pk])).content.decode()
    assert "€ 1.234,50" in html
    assert "Statusgeschiedenis" in html
    assert "Bevestigd" in html
