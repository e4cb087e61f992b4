"""The meetings' calendar file goes only to municipalities with a confirmed place (issue 24, item 6):
not with the acknowledgement of a waiting-list (or not yet confirmed) registration, but with the mail
that confirms the place, also after a promotion from the waiting list. Through the public registration
form and ``mail.outbox``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from programmes.models import TrackMeeting
from registrations import workflow
from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.registrations.conftest import make_programme
from tests.registrations.test_mail import register_through_the_site

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus
ANNA = ["anna@example.org"]


def programme_with_a_dated_meeting(**track_fields):
    page, (track,) = make_programme(**track_fields)
    TrackMeeting.objects.create(
        track=track, title="Startbijeenkomst", date=dt.date(2026, 9, 14), sort_order=0
    )
    return page, track


def mails_to_anna():
    return [message for message in mail.outbox if message.to == ANNA]


def calendars(message) -> list[str]:
    return [
        content for name, content, mimetype in message.attachments if mimetype == "text/calendar"
    ]


def test_waiting_list_gets_no_calendar_until_promoted(
    client, seeded, django_capture_on_commit_callbacks
):
    page, track = programme_with_a_dated_meeting(capacity=1, auto_confirm=True)
    placed = RegistrationFactory(track=track, email="ander@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = register_through_the_site(client, page)
    assert response.status_code == 303
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.status == S.WAITING_LIST
    (acknowledgement,) = mails_to_anna()
    assert calendars(acknowledgement) == []

    staff = staff_user()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(placed, user=staff)
        workflow.promote_next(track, track.edition, user=staff)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    _acknowledgement, promotion = mails_to_anna()
    (calendar,) = calendars(promotion)
    assert "DTSTART;VALUE=DATE:20260914\r\n" in calendar


def test_unconfirmed_place_gets_the_calendar_when_staff_confirm(
    client, seeded, django_capture_on_commit_callbacks
):
    page, _track = programme_with_a_dated_meeting(auto_confirm=False)
    with django_capture_on_commit_callbacks(execute=True):
        register_through_the_site(client, page)
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.status == S.RECEIVED
    (acknowledgement,) = mails_to_anna()
    assert calendars(acknowledgement) == []

    with django_capture_on_commit_callbacks(execute=True):
        workflow.confirm(registration, user=staff_user())
    _acknowledgement, confirmation = mails_to_anna()
    assert len(calendars(confirmation)) == 1


def test_confirmed_place_gets_the_calendar_at_once(
    client, seeded, django_capture_on_commit_callbacks
):
    page, _track = programme_with_a_dated_meeting(auto_confirm=True)
    with django_capture_on_commit_callbacks(execute=True):
        register_through_the_site(client, page)
    assert Registration.objects.get(email="anna@example.org").status == S.CONFIRMED
    (confirmation,) = mails_to_anna()
    assert len(calendars(confirmation)) == 1


def test_withdrawal_mail_has_no_calendar(client, seeded, django_capture_on_commit_callbacks):
    page, _track = programme_with_a_dated_meeting(auto_confirm=True)
    with django_capture_on_commit_callbacks(execute=True):
        register_through_the_site(client, page)
        registration = Registration.objects.get(email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(registration, user=staff_user())
    _confirmation, withdrawal = mails_to_anna()
    assert calendars(withdrawal) == []
