"""Anonymisation and erasure leave the person's name, e-mail address and phone number nowhere in the
database: not in the registration, not in its status-change notes, not in the mail outbox.

The check greps every text value of every table, so a new place that copies personal data fails it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from registrations import retention
from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Anna de Vries", "anna@example.org", "070 123 4567"
NOTE = f"Gebeld met {NAME} op {PHONE}, bevestiging naar {EMAIL}"


def database_hits(*needles: str) -> list[str]:
    """``table.column`` for every stored text value that contains one of ``needles``."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            columns = [col[0] for col in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    if not isinstance(value, str):
                        continue
                    for needle in needles:
                        if needle.lower() in value.lower():
                            hits.append(f"{table}.{column}: {needle}")
    return hits


def registered_with_a_note(client, programme) -> Registration:
    page, _track = programme
    review = client.post(page.url + "aanmelden/", form_data())
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})
    registration = Registration.objects.get()
    # Staff write the note on the status action's confirmation page, which warns against it.
    staff = get_user_model().objects.create_superuser("medewerker", "", "wachtwoord-123")
    client.force_login(staff)
    action = "confirm" if registration.status != RegistrationStatus.CONFIRMED else "withdraw"
    confirm_page = client.get(reverse("registration:action", args=[registration.pk, action]))
    assert "Schrijf hier geen persoonsgegevens" in confirm_page.content.decode()
    response = client.post(
        reverse("registration:action", args=[registration.pk, action]), {"note": NOTE}
    )
    assert response.status_code == 302
    assert registration.events.filter(note=NOTE).exists()
    client.logout()
    return registration


def test_the_person_is_in_the_database_before(
    client, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered_with_a_note(client, programme)
    hits = database_hits(NAME, EMAIL, PHONE)
    assert any(hit.startswith("registrations_registrationevent.note") for hit in hits), hits


def test_retention_run_leaves_no_personal_data_anywhere(
    client, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered_with_a_note(client, programme)
    with freeze_time(timezone.now() + dt.timedelta(days=3650)):
        assert retention.anonymise_expired().anonymised == 1
    assert database_hits(NAME, EMAIL, PHONE) == []


def test_erasure_leaves_no_personal_data_anywhere(
    client, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registered_with_a_note(client, programme)
    admin = get_user_model().objects.create_superuser("beheer", "", "wachtwoord-123")
    retention.erase_registration(registration, user=admin)
    assert database_hits(NAME, EMAIL, PHONE) == []
