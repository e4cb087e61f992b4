"""/healthz: JSON with one entry per dependency and its latency; 200, or 503 when the database is down;
never an HTML page."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from portal import env
from registrations.constants import MailStatus
from registrations.models import OutgoingMail
from registrations.tasks import send_outbox_mail
from tests.slow_servers import hung_listener

ROOT = Path(__file__).resolve().parents[2]
CHECKS = {"database", "cache", "search", "task_queue", "mail_outbox"}


@pytest.mark.django_db
def test_all_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECKS
    for name, check in body["checks"].items():
        assert check["status"] == "ok", name
        assert isinstance(check["latency_ms"], float | int), name
    assert body["checks"]["mail_outbox"]["oldest_unsent_age_seconds"] is None


@pytest.mark.django_db
def test_old_unsent_mail_and_waiting_tasks_are_reported(client):
    mail = OutgoingMail.objects.create(
        kind="confirmation", dedupe_key="x:confirmation", to="a@example.org", subject="s", body="b"
    )
    OutgoingMail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1), status=MailStatus.PENDING
    )
    with override_settings(TASKS=env.tasks_config("database")):
        send_outbox_mail.enqueue(mail.pk)
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=30))
        body = client.get("/healthz").json()
    assert client.get("/healthz").status_code == 200
    assert body["status"] == "degraded"
    outbox, queue = body["checks"]["mail_outbox"], body["checks"]["task_queue"]
    assert outbox["status"] == "degraded"
    assert 3500 < outbox["oldest_unsent_age_seconds"] < 3700
    assert "a@example.org" not in json.dumps(body)
    assert queue["status"] == "degraded"
    assert 1700 < queue["oldest_task_age_seconds"] < 1900


@pytest.mark.django_db
def test_hanging_redis_is_degraded_not_down(client):
    with hung_listener() as redis:
        config = env.cache_config(f"redis://127.0.0.1:{redis.port}/0")
        with override_settings(CACHES=config):
            response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["cache"]["latency_ms"] < 1000


def test_database_down_is_503_json_not_html():
    """A real process whose database refuses connections."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/healthz');"
        "print(json.dumps({'code': r.status_code, 'type': r['Content-Type'],"
        " 'body': r.content.decode()}))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/none",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["code"] == 503
    assert answer["type"] == "application/json"
    body = json.loads(answer["body"])
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert "<html" not in answer["body"].lower()
