"""The confirm request renders no mail (issue 22, confirm-step CPU): it stores the outbox rows (kind,
recipient, subject, registration) and the send task builds the text, HTML, calendar and links later.

With the database task backend the request leaves the rows unrendered and no mail template is rendered
during it; the worker then builds and sends each mail once, describing the registration as it was
submitted even if staff changed its status in between."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from portal import env
from programmes.models import TrackMeeting
from registrations import workflow
from registrations.constants import MailKind, MailStatus, RegistrationStatus
from registrations.models import OutgoingMail, Registration
from tests.registrations.conftest import make_programme
from tests.registrations.test_mail_tasks import register, run_worker

from .staff_factories import staff_user

pytestmark = pytest.mark.django_db(transaction=True)
S = RegistrationStatus


@pytest.fixture
def dated_programme(seeded):
    page, (track,) = make_programme(auto_confirm=False)
    TrackMeeting.objects.create(
        track=track, title="Startbijeenkomst", date=dt.date(2026, 9, 14), sort_order=0
    )
    return page, track


def test_confirm_request_renders_no_mail_and_the_worker_builds_it(
    client, dated_programme, settings
):
    page, _track = dated_programme
    settings.SITE_URL = "http://127.0.0.1:18080"  # the worker builds links on SITE_URL too
    with override_settings(TASKS=env.tasks_config("database")):
        response = register(client, page)
        assert response.status_code == 303
        mail_templates = [t.name for t in response.templates if t.name.startswith("mail/")]
        assert mail_templates == []
        rows = OutgoingMail.objects.all()
        assert {row.kind for row in rows} == {MailKind.CONFIRMATION, MailKind.STAFF_NOTICE}
        assert all(row.body == "" and row.html_body == "" and row.ics == "" for row in rows)
        assert mail.outbox == []

        # Staff confirm the place before the worker got to the acknowledgement.
        registration = Registration.objects.get()
        workflow.change_status(registration, S.CONFIRMED, user=staff_user())
        run_worker()

    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    by_kind = {row.kind: row for row in OutgoingMail.objects.all()}
    acknowledgement = by_kind[MailKind.CONFIRMATION]
    assert registration.reference in acknowledgement.body
    assert "Anna de Vries" in acknowledgement.body or "Anna" in acknowledgement.html_body
    assert "http://127.0.0.1:18080/" in acknowledgement.body  # links on SITE_URL
    # the acknowledgement describes the registration as submitted (not yet confirmed): no calendar;
    # the status-change mail that confirms the place carries it
    assert acknowledgement.ics == ""
    assert "BEGIN:VCALENDAR" in by_kind[MailKind.STATUS_CHANGE].ics
    assert registration.reference in by_kind[MailKind.STAFF_NOTICE].body
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 2
    assert len(mail.outbox) == 3

    with override_settings(TASKS=env.tasks_config("database")):
        run_worker()  # sent once
    assert len(mail.outbox) == 3


def test_a_mail_whose_registration_is_gone_fails_without_personal_data(client, dated_programme):
    page, _track = dated_programme
    with override_settings(TASKS=env.tasks_config("database")):
        assert register(client, page).status_code == 303
        OutgoingMail.objects.update(registration=None)
        run_worker()
    for row in OutgoingMail.objects.all():
        assert row.status == MailStatus.FAILED
        assert row.last_error == "MailNotBuildable"
    assert mail.outbox == []
