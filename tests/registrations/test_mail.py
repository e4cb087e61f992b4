"""The mail outbox: retries when the mail server is down, deduplication, iCalendar attachment."""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from freezegun import freeze_time

from programmes.models import TrackMeeting
from registrations import ical
from registrations.constants import MailStatus
from registrations.mail import MAX_ATTEMPTS, enqueue_mail, send_pending
from registrations.models import OutgoingMail, Registration
from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db


class DownBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: anna@example.org")


def register_through_the_site(client, page, **overrides):
    review = client.post(page.url + "aanmelden/", form_data(**overrides))
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    return client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})


def test_mail_server_down_registration_saved_then_delivered_once(
    client, programme, django_capture_on_commit_callbacks, caplog
):
    page, _track = programme
    start = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)
    with (
        freeze_time(start),
        override_settings(EMAIL_BACKEND="tests.registrations.test_mail.DownBackend"),
    ):
        with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING):
            response = register_through_the_site(client, page)
        assert response.status_code == 303
        assert client.get(response["Location"]).status_code == 200  # the user sees success
    assert Registration.objects.count() == 1
    pending = OutgoingMail.objects.get(kind="confirmation")
    assert pending.status == MailStatus.PENDING
    assert pending.attempts == 1
    assert pending.last_error == "SMTPServerDisconnected"
    assert pending.next_attempt_at > start
    assert len(mail.outbox) == 0
    assert "anna@example.org" not in caplog.text and "Anna de Vries" not in caplog.text

    # not due yet: nothing happens
    with freeze_time(start + dt.timedelta(seconds=30)):
        assert send_pending() == 0
    # the server is back and the backoff has passed
    with freeze_time(start + dt.timedelta(minutes=2)):
        assert send_pending() == 2
        assert send_pending() == 0
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 1
    pending.refresh_from_db()
    assert pending.status == MailStatus.SENT and pending.attempts == 2 and pending.sent_at


@override_settings(EMAIL_BACKEND="tests.registrations.test_mail.DownBackend")
def test_gives_up_after_max_attempts_with_growing_backoff(seeded):
    outgoing = enqueue_mail(
        kind="confirmation", dedupe_key="x:1", to="a@example.org", subject="S", body="B"
    )
    moment = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)
    waits = []
    for _attempt in range(MAX_ATTEMPTS):
        with freeze_time(moment):
            assert send_pending() == 0
        outgoing.refresh_from_db()
        if outgoing.next_attempt_at:
            waits.append(outgoing.next_attempt_at - moment)
            moment = outgoing.next_attempt_at
    assert outgoing.status == MailStatus.FAILED
    assert outgoing.attempts == MAX_ATTEMPTS
    assert waits == sorted(waits) and waits[0] == dt.timedelta(minutes=1)


def test_enqueue_is_deduplicated(seeded):
    first = enqueue_mail(
        kind="confirmation",
        dedupe_key="AM-X:confirmation",
        to="a@example.org",
        subject="S",
        body="B",
    )
    second = enqueue_mail(
        kind="confirmation",
        dedupe_key="AM-X:confirmation",
        to="b@example.org",
        subject="T",
        body="C",
    )
    assert first.pk == second.pk
    assert OutgoingMail.objects.count() == 1


def test_management_command_sends_due_mail(seeded):
    enqueue_mail(
        kind="staff_notice", dedupe_key="cmd:1", to="staff@example.org", subject="S", body="B"
    )
    call_command("send_queued_mail")
    assert len(mail.outbox) == 1
    call_command("send_queued_mail")
    assert len(mail.outbox) == 1


def test_confirmation_has_ics_for_dated_meetings_only(
    client, programme, django_capture_on_commit_callbacks
):
    page, track = programme
    TrackMeeting.objects.create(
        track=track, title="Kick-off; deel 1, Den Haag", date=dt.date(2026, 9, 14), sort_order=0
    )
    TrackMeeting.objects.create(
        track=track, title="Terugkomdag", when="voorjaar 2027", sort_order=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        register_through_the_site(client, page)
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert "Terugkomdag: voorjaar 2027" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "DTSTART;VALUE=DATE:20260914\r\n" in content
    assert "SUMMARY:Testprogramma: Kick-off\\; deel 1\\, Den Haag\r\n" in content
    assert content.count("BEGIN:VEVENT") == 1
    assert "UID:" in content and "DTSTAMP:" in content


def test_no_attachment_without_dated_meetings(
    client, programme, django_capture_on_commit_callbacks
):
    page, _track = programme
    with django_capture_on_commit_callbacks(execute=True):
        register_through_the_site(client, page)
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert message.attachments == []


def test_ical_escaping_folding_and_crlf():
    meeting = TrackMeeting(
        pk=7,
        title="x",
        date=dt.date(2026, 3, 2),
        start_time=dt.time(19, 30),
        end_time=dt.time(21, 0),
        location="Stadhuis, zaal 3\\4",
    )
    text = ical.meetings_calendar(
        [meeting],
        programme_title="Ë" * 60,
        reference="AM-1",
        stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20260302T183000Z" in text  # 19:30 in Amsterdam (CET) is 18:30 UTC
    assert "DTEND:20260302T200000Z" in text
    assert "LOCATION:Stadhuis\\, zaal 3\\\\4" in text
    assert "UID:AM-1-7@" in text
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    assert (
        ical.meetings_calendar([TrackMeeting(title="x")], programme_title="p", reference="r") == ""
    )
    assert ical.escape_text("a\nb") == "a\\nb"
