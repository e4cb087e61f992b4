"""Exports: filtered, streamed, formula-safe (read back with csv and openpyxl), and logged."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from registrations.constants import AccessAction, RegistrationStatus
from registrations.exports import formula_safe
from registrations.models import PersonalDataAccess

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://evil.example","klik")'


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def test_formula_safe():
    for text in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert formula_safe(text) == "'" + text
    assert formula_safe("Anna") == "Anna"


def test_csv_is_streamed_filtered_and_formula_safe(staff_client):
    RegistrationFactory(contact_name=EVIL)
    RegistrationFactory(contact_name="Uitgefilterd", status=RegistrationStatus.CANCELLED)
    url = reverse("registration:index") + "?export=csv&status=received"
    response = staff_client.get(url)
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    names = [row[13] for row in rows[1:]]
    assert names == ["'" + EVIL]
    assert rows[0][13] == "Naam"
    log = PersonalDataAccess.objects.get(action=AccessAction.EXPORT)
    assert log.row_count == 1
    assert "csv" in log.detail and "status" in log.detail


def test_xlsx_is_formula_safe(staff_client):
    RegistrationFactory(contact_name=EVIL, remarks="@evil")
    response = staff_client.get(reverse("registration:index") + "?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][13] == "'" + EVIL
    assert rows[1][17] == "'@evil"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_search_and_list_are_logged_without_personal_data(staff_client):
    reg = RegistrationFactory(contact_name="Zoekbare Persoon")
    RegistrationFactory(contact_name="Andere Persoon")
    response = staff_client.get(reverse("registration:index") + "?q=Zoekbare")
    html = response.content.decode()
    assert "Zoekbare Persoon" in html and "Andere Persoon" not in html
    log = PersonalDataAccess.objects.get(action=AccessAction.LIST)
    assert log.row_count == 1
    assert "Zoekbare" not in log.detail
    staff_client.get(reverse("registration:inspect", args=[reg.pk]))
    view = PersonalDataAccess.objects.get(action=AccessAction.VIEW)
    assert view.registration == reg


def test_person_export_json(staff_client):
    reg = RegistrationFactory(email="persoon@gemeente.example")
    RegistrationFactory(email="PERSOON@gemeente.example")
    RegistrationFactory()
    response = staff_client.get(reverse("registration:person_export", args=[reg.pk]))
    data = json.loads(response.content)
    assert len(data["registrations"]) == 2
    log = PersonalDataAccess.objects.get(action=AccessAction.PERSON_EXPORT)
    assert log.row_count == 2


def test_person_export_json_writes_local_times(staff_client):
    """Every time staff see or export is local (issue 24 item 16), the personal-data export too."""
    import datetime as dt

    reg = RegistrationFactory(email="tijd@gemeente.example")
    type(reg).objects.filter(pk=reg.pk).update(
        created_at=dt.datetime(2026, 12, 1, 19, 15, 42, tzinfo=dt.UTC)
    )
    response = staff_client.get(reverse("registration:person_export", args=[reg.pk]))
    data = json.loads(response.content)
    assert data["registrations"][0]["registered_at"] == "2026-12-01T20:15:42+01:00"
    assert not data["exported_at"].endswith("Z")


def test_detail_page_writes_the_population_with_a_thousands_separator(staff_client):
    reg = RegistrationFactory(population=374238)
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).content.decode()
    assert "374.238" in html and "374238" not in html
