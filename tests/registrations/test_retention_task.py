"""The retention run as a task on Django's task framework (issue 22): the management command runs it
inline for cron as before, or queues it for the worker (``--enqueue``), and the worker's run anonymises."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import env
from registrations.models import Registration
from tests.programmes.factories import ProgrammePageFactory, TrackFactory
from tests.registrations.test_mail_tasks import run_worker

from .staff_factories import RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def old_registration():
    track = TrackFactory(programme=ProgrammePageFactory(retention_days=30))
    registration = RegistrationFactory(track=track, email="oud@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )
    return registration


def test_enqueued_retention_run_is_done_by_the_worker(seeded, capsys):
    registration = old_registration()
    with override_settings(TASKS=env.tasks_config("database")):
        call_command("anonymise_registrations", "--enqueue")
        assert "queued" in capsys.readouterr().out
        queued = DBTaskResult.objects.filter(task_path__endswith="run_retention")
        assert queued.count() == 1
        registration.refresh_from_db()
        assert registration.anonymised_at is None  # nothing done in the command itself
        run_worker()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None and registration.email == ""
    row = DBTaskResult.objects.get(task_path__endswith="run_retention")
    assert row.status == "SUCCESSFUL"
    assert row.return_value == {"anonymised": 1, "mails_deleted": 0}


def test_retention_run_can_be_queued_for_later(seeded):
    old_registration()
    with override_settings(TASKS=env.tasks_config("database")):
        call_command("anonymise_registrations", "--enqueue", "--delay-minutes", "60")
        row = DBTaskResult.objects.get(task_path__endswith="run_retention")
        assert row.run_after > timezone.now() + dt.timedelta(minutes=55)
        run_worker()  # not due yet
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0


def test_command_inline_for_cron(seeded, capsys):
    old_registration()
    call_command("anonymise_registrations")
    assert "Anonymised 1 registration(s)" in capsys.readouterr().out
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 1
