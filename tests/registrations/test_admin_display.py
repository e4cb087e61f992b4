"""What programme staff read in the "Aanmeldingen" admin and its exports: Wagtail's own header button, local
times written one way everywhere, Dutch headings, Dutch amounts, no raw ``None``, Dutch paths."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from registrations import workflow
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db

# 19:15 UTC is 20:15 in Amsterdam (winter time).
REGISTERED_UTC = "2026-11-30 19:15:42"
LOCAL = "30-11-2026 20:15"


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# --- 15: the header button and the list's columns ------------------------------------------------------


def test_capacity_header_button_uses_wagtails_header_button_classes(staff_client):
    RegistrationFactory()
    html = staff_client.get(reverse("registration:index")).text
    href = re.escape(reverse("registration:capacity"))
    link = re.search(rf'<a href="{href}" class="([^"]*)"', html)
    assert link, "the capacity link is not in the header"
    classes = link.group(1).split()
    assert {"button", "w-header-button"} <= set(classes)
    assert "button-secondary" not in classes


def test_list_columns_have_widths_and_the_table_may_scroll(staff_client):
    RegistrationFactory()
    html = staff_client.get(reverse("registration:index")).text
    table = html[html.index('<table class="listing') :]
    table = table[: table.index("</thead>")]
    # Every column carries a width (Wagtail's Column(width=...)), so the reference and the
    # "Aangemeld op" column keep their room instead of being squeezed or cut off.
    cols = re.findall(r"<col ([^>]*)/?>", table)
    assert len(cols) == 8 and all("width=" in col for col in cols)
    assert "Aangemeld op" in table
    assert 'class="w-overflow-x-auto"' in html


# --- 16: local times, written one way --------------------------------------------------------------


@pytest.fixture
def registered_at_known_instant(seeded):
    with freeze_time(REGISTERED_UTC):
        reg = RegistrationFactory()
        workflow.confirm(reg, user=None, note="Akkoord")
    return reg


def test_inspect_view_and_history_show_the_same_local_time(
    staff_client, registered_at_known_instant
):
    reg = registered_at_known_instant
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).text
    details = html[html.index('id="registration-details"') : html.index('id="fee-snapshot"')]
    history = html[html.index('id="status-history"') :]
    assert LOCAL in details  # "Aangemeld op" and "Toestemming gegeven op"
    assert LOCAL in history
    assert "19:15" not in html


def test_list_shows_the_local_time(staff_client, registered_at_known_instant):
    html = staff_client.get(reverse("registration:index")).text
    assert LOCAL in html
    assert "19:15" not in html


def test_csv_and_xlsx_export_the_same_local_time(staff_client, registered_at_known_instant):
    url = reverse("registration:index")
    rows = _csv_rows(staff_client.get(url + "?export=csv"))
    created = rows[0].index("Aangemeld op")
    assert rows[1][created] == LOCAL

    response = staff_client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Aangemeld op") + 1)
    assert cell.value == dt.datetime(2026, 11, 30, 20, 15, 42)
    assert cell.number_format == "dd-mm-yyyy hh:mm"


# --- 17: Dutch headings, Dutch amounts, no raw None, Dutch paths -------------------------------------


def test_export_headings_are_dutch(staff_client):
    RegistrationFactory()
    header = _csv_rows(staff_client.get(reverse("registration:index") + "?export=csv"))[0]
    assert "Peildatum inwonertal" in header
    assert "Geanonimiseerd op" in header
    for english in ("Population reference date", "Anonymised at", "Reference", "Fee kind"):
        assert english not in header


def test_inspect_shows_a_dash_not_none(staff_client):
    reg = RegistrationFactory(phone="")
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).text
    details = html[html.index('id="registration-details"') : html.index('id="status-history"')]
    assert "None" not in details
    assert "Verzendsleutel" not in html  # the submission key is internal
    assert re.search(r"Geanonimiseerd op</dt>\s*<dd>\s*—\s*</dd>", details)


def test_amounts_are_written_in_dutch_notation(staff_client):
    track = TrackFactory(capacity=5)
    reg = RegistrationFactory(track=track, fee_amount=Decimal("5000.00"), confirmed=True)
    RegistrationFactory(track=track, fee_amount=Decimal("5000.00"), confirmed=True)

    listing = staff_client.get(reverse("registration:index")).text
    assert "€ 5.000,00" in listing and "5000,00" not in listing

    detail = staff_client.get(reverse("registration:inspect", args=[reg.pk])).text
    assert "€ 5.000,00" in detail and "5000,00" not in detail

    capacity = staff_client.get(reverse("registration:capacity")).text
    assert "€ 10.000,00" in capacity and "10000,00" not in capacity


def test_erase_page_breadcrumbs_are_dutch(staff_client):
    reg = RegistrationFactory()
    html = staff_client.get(reverse("registration:erase", args=[reg.pk])).text
    breadcrumbs = html[
        html.index("w-breadcrumbs") : html.index("</nav>", html.index("w-breadcrumbs"))
    ]
    assert "Home" not in breadcrumbs
    assert "Aanmeldingen" in breadcrumbs and reg.reference in breadcrumbs


def test_capacity_page_has_a_dutch_path_and_the_old_one_redirects(staff_client):
    url = reverse("registration:capacity")
    assert url == "/admin/aanmeldingen/capaciteit/"
    assert staff_client.get(url).status_code == 200
    old = staff_client.get("/admin/aanmeldingen/capacity/?edition=2026")
    assert old.status_code == 301 and old["Location"] == url + "?edition=2026"
