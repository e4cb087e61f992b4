"""Faults: a database error in the middle of a registration leaves nothing half-saved.

A real database trigger (SQLite or PostgreSQL) makes one INSERT of the submission fail: the
registration itself, its first status event or its queued mail. Each time the whole submission rolls
back (no Registration, no RegistrationEvent, no OutgoingMail, no mail sent) and the person sees the
site's Dutch 500 page without a stack trace. ``FAULTS`` counts the injected faults.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from django.core import mail
from django.db import connection

from registrations.models import OutgoingMail, Registration, RegistrationEvent
from tests.registrations.conftest import form_data, make_programme

pytestmark = pytest.mark.django_db

FAULTS: list[str] = []


@contextmanager
def failing_insert(table: str):
    """A temporary trigger that makes every INSERT into ``table`` fail, inside the test transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER fuzz_boom BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION fuzz_boom() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER fuzz_boom BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION fuzz_boom()"
            )
        else:  # pragma: no cover
            pytest.skip(f"no trigger recipe for {connection.vendor}")
    FAULTS.append(table)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER fuzz_boom")
            else:
                cursor.execute(f"DROP TRIGGER fuzz_boom ON {table}")
                cursor.execute("DROP FUNCTION fuzz_boom()")


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nfaults injected: {len(FAULTS)} ({', '.join(FAULTS)}); lost or half-saved: 0")


@pytest.fixture
def programme(seeded):
    page, _tracks = make_programme()
    return page


def pending_for(client, page) -> str:
    review = client.post(page.url + "aanmelden/", form_data())
    return re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)


@pytest.mark.parametrize(
    "table",
    [
        Registration._meta.db_table,
        RegistrationEvent._meta.db_table,
        OutgoingMail._meta.db_table,
    ],
)
def test_database_error_during_submission_saves_nothing_and_shows_500_page(
    client, programme, table, django_capture_on_commit_callbacks
):
    pending = pending_for(client, programme)
    client.raise_request_exception = False
    with failing_insert(table), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            programme.url + "aanmelden/", {"step": "confirm", "pending": pending}
        )

    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert '<html lang="nl">' in html
    for leak in (
        "Traceback",
        "injected fault",
        "IntegrityError",
        "InternalError",
        "registrations/",
    ):
        assert leak not in html
    # nothing half-saved, nothing sent
    assert Registration.objects.count() == 0
    assert RegistrationEvent.objects.count() == 0
    assert OutgoingMail.objects.count() == 0
    assert callbacks == [] and mail.outbox == []

    # the same confirmation works once the database is healthy again: nothing was lost for good
    client.raise_request_exception = True
    with django_capture_on_commit_callbacks(execute=True):
        retry = client.post(programme.url + "aanmelden/", {"step": "confirm", "pending": pending})
    assert retry.status_code == 303
    assert Registration.objects.count() == 1
    assert RegistrationEvent.objects.count() == 1
    assert OutgoingMail.objects.count() == 2
