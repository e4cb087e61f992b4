"""The capacity overview ("Capaciteit per editie") for programme staff: who is waiting, which editions the
filter offers, and what it costs at scale."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def _age(registration, days):
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


def _promote_url(track) -> str:
    return reverse("registration:promote", args=[track.pk])


def test_anonymised_waiting_rows_are_not_counted_nor_offered_for_promotion(staff_client):
    track = TrackFactory(capacity=2, edition="2031")
    RegistrationFactory(track=track, confirmed=True)
    RegistrationFactory(track=track, waiting=True, anonymised=True)

    page = staff_client.get(reverse("registration:capacity"), {"edition": "2031"})
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if r.track_id == track.pk)
    assert (row.taken, row.places_left, row.waiting) == (1, 1, 0)
    # A place is free, but nobody who can take it is waiting: no promotion is offered.
    assert _promote_url(track) not in page.text


def test_promotion_offered_on_the_overview_succeeds(staff_client):
    track = TrackFactory(capacity=2, edition="2031", auto_confirm=False)
    RegistrationFactory(track=track, confirmed=True)
    erased = RegistrationFactory(track=track, waiting=True, anonymised=True)
    waiting = RegistrationFactory(track=track, waiting=True)
    _age(erased, 5)  # the anonymised row is the oldest on the list
    _age(waiting, 1)

    page = staff_client.get(reverse("registration:capacity"), {"edition": "2031"})
    row = next(r for r in page.context["rows"] if r.track_id == track.pk)
    assert row.waiting == 1
    assert _promote_url(track) in page.text

    response = staff_client.post(_promote_url(track), {"edition": "2031"}, follow=True)
    assert Registration.objects.get(pk=waiting.pk).status == S.RECEIVED
    assert Registration.objects.get(pk=erased.pk).status == S.WAITING_LIST
    assert waiting.reference in response.text
    row = next(r for r in response.context["rows"] if r.track_id == track.pk)
    assert row.waiting == 0


def test_waiting_queryset_is_the_one_definition(seeded):
    track = TrackFactory(capacity=1)
    live = RegistrationFactory(track=track, waiting=True)
    RegistrationFactory(track=track, waiting=True, anonymised=True)
    RegistrationFactory(track=track, confirmed=True)
    assert list(Registration.objects.waiting()) == [live]


# --- 19: the capacity page's edition filter ------------------------------------------------------------


def _edition_options(html: str) -> list[str]:
    select = html[html.index('<select name="edition"') : html.index("</select>")]
    return re.findall(r'<option value="([^"]+)"', select)


def test_capacity_filter_offers_every_edition_of_every_track(staff_client):
    past = TrackFactory(edition="2019", capacity=10)  # no registrations at all
    current = TrackFactory(edition="2027", capacity=10)
    RegistrationFactory(track=current)
    moved = TrackFactory(edition="2028")
    RegistrationFactory(track=moved)  # registered for 2028 ...
    Registration.objects.filter(track=moved).update(edition="2025")  # ... under an earlier edition

    html = staff_client.get(reverse("registration:capacity")).text
    options = _edition_options(html)
    assert {"2019", "2025", "2027", "2028"} <= set(options)
    assert options == sorted(options, reverse=True)

    filtered = staff_client.get(reverse("registration:capacity"), {"edition": "2019"})
    rows = filtered.context["rows"]
    assert past.pk in [row.track_id for row in rows]
    assert {row.edition for row in rows} == {"2019"}
    assert 'value="2019" selected' in filtered.text


# --- 22: the filter choices come from the database, the query count does not grow -------------------


def _registrations(count: int, track) -> None:
    for i in range(count):
        RegistrationFactory(
            track=track,
            edition=f"20{10 + i % 7}",
            fee_tier=f"tier {i % 3}",
            fee_tier_min=(i % 3) * 10_000,
        )


def _queries(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def _unbounded_registration_reads(queries: list[str]) -> list[str]:
    """Queries that read rows of the registrations table one by one, without a limit (what loading
    every registration into Python looks like); counts, DISTINCT, UNION and GROUP BY are fine."""
    reads = []
    for sql in queries:
        upper = sql.upper()
        if not upper.startswith("SELECT") or 'FROM "REGISTRATIONS_REGISTRATION"' not in upper:
            continue
        if any(word in upper for word in (" LIMIT ", "COUNT(", "DISTINCT", "GROUP BY", " UNION ")):
            continue
        reads.append(sql)
    return reads


@pytest.mark.parametrize("url_name", ["registration:index", "registration:capacity"])
def test_admin_pages_query_count_does_not_grow_with_registrations(staff_client, url_name):
    track = TrackFactory(capacity=None)
    url = reverse(url_name)
    _registrations(10, track)
    few = _queries(staff_client, url)
    _registrations(190, track)
    many = _queries(staff_client, url)
    assert len(many) == len(few), (len(few), len(many))
    assert len(many) <= 25
    assert _unbounded_registration_reads(many) == []


def test_list_filter_choices_are_distinct_and_ordered(staff_client):
    track = TrackFactory()
    _registrations(30, track)
    response = staff_client.get(reverse("registration:index"))
    filters = response.context["filters"].form
    editions = [value for value, _label in filters.fields["edition"].choices if value]
    assert editions == [f"20{n}" for n in range(16, 9, -1)]
    tiers = [value for value, _label in filters.fields["fee_tier"].choices if value]
    assert tiers == ["tier 0", "tier 1", "tier 2"]


def test_options_select_writes_what_djangos_select_writes():
    from django import forms

    from registrations.views import OptionsSelect

    choices = [("", "Alle"), ("2026", "2026"), ("<b>", "Q&A <b>")]
    for value in ("", "2026", "<b>", None):
        expected = forms.Select(choices=choices).render("edition", value, {"id": "id_edition"})
        html = OptionsSelect(choices=choices).render("edition", value, {"id": "id_edition"})
        assert re.sub(r"\s+", "", html) == re.sub(r"\s+", "", expected), value
