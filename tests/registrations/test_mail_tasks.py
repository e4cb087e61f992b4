"""Mail goes out on Django's task framework, never inside the request.

A real TCP listener that accepts and never answers stands in for the mail server; the registration must
finish well within 3 s, and once a real SMTP server answers on that port, the database queue's worker
(``manage.py db_worker --backend background``) sends each mail exactly once.
"""

from __future__ import annotations

import re
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import env
from registrations.constants import MailStatus
from registrations.models import OutgoingMail, Registration
from tests.registrations.conftest import form_data
from tests.slow_servers import hung_listener, smtp_server

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command(
        "db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--interval", "0"
    )


def register(client, page):
    assert client.get(page.url + "aanmelden/").status_code == 200
    review = client.post(page.url + "aanmelden/", form_data())
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    return client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})


def test_hung_mail_server_never_holds_up_a_registration_and_mail_is_sent_once_it_is_back(
    client, programme, caplog
):
    page, _track = programme
    with hung_listener() as hung:
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": hung.port,
        }
        with override_settings(**smtp, EMAIL_TIMEOUT=10, TASKS=env.tasks_config("database")):
            started = time.monotonic()
            response = register(client, page)
            elapsed = time.monotonic() - started
            assert response.status_code == 303
            assert client.get(response["Location"]).status_code == 200
            assert elapsed < 3, f"registration took {elapsed:.1f} s with a hung mail server"
            assert Registration.objects.count() == 1
            assert set(OutgoingMail.objects.values_list("status", flat=True)) == {
                MailStatus.PENDING
            }
            assert DBTaskResult.objects.filter(backend_name="background").count() == 2
            assert hung.accepted == []  # the request never even connected

            # The worker meets the hung server: the attempt times out, is recorded without personal
            # data, and the task is queued again for the backoff time.
            with override_settings(EMAIL_TIMEOUT=1):
                run_worker()
            for mail in OutgoingMail.objects.all():
                assert mail.status == MailStatus.PENDING
                assert mail.attempts == 1
                assert mail.next_attempt_at > timezone.now()
                assert "anna" not in mail.last_error.lower()
            assert "anna@example.org" not in caplog.text
            retries = DBTaskResult.objects.filter(backend_name="background", status="READY")
            assert retries.count() == 2
            assert all(r.run_after > timezone.now() for r in retries)
        port = hung.port

    # Time passes (the backoff), and the mail server answers again on the same port.
    now = timezone.now()
    OutgoingMail.objects.update(next_attempt_at=now)
    DBTaskResult.objects.filter(status="READY").update(run_after=now)
    with (
        smtp_server(port) as server,
        override_settings(**smtp, EMAIL_TIMEOUT=5, TASKS=env.tasks_config("database")),
    ):
        run_worker()
        assert len(server.messages) == 2
        assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
        # Running the worker and the cron sweep again sends nothing twice.
        run_worker()
        call_command("send_queued_mail")
        assert len(server.messages) == 2
    assert b"anna@example.org" in b"".join(server.messages)
