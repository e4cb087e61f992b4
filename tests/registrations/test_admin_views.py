"""The "Aanmeldingen" list and detail for programme staff: Dutch labels, filters, search and sorting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def _refs(response) -> list[str]:
    html = response.content.decode()
    return [ref for ref in Registration.objects.values_list("reference", flat=True) if ref in html]


def test_list_has_dutch_labels_filters_and_export_buttons(staff_client):
    RegistrationFactory()
    html = staff_client.get(reverse("registration:index")).content.decode()
    for text in (
        "Aanmeldingen",
        "Gemeente",
        "Deelnamevorm",
        "Editie",
        "Staffel",
        "Aangemeld tussen",
    ):
        assert text in html, text
    assert "?export=csv" in html and "?export=xlsx" in html
    assert reverse("registration:capacity") in html


def test_filters_by_status_track_edition_tier_and_date(staff_client):
    track = TrackFactory(edition="2027")
    a = RegistrationFactory(track=track, fee_tier="tot 20.000 inwoners")
    b = RegistrationFactory(confirmed=True)
    Registration.objects.filter(pk=b.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    url = reverse("registration:index")
    assert _refs(staff_client.get(url, {"status": "confirmed"})) == [b.reference]
    assert _refs(staff_client.get(url, {"track": track.pk})) == [a.reference]
    assert _refs(staff_client.get(url, {"programme": track.programme_id})) == [a.reference]
    assert _refs(staff_client.get(url, {"edition": "2027"})) == [a.reference]
    assert _refs(staff_client.get(url, {"fee_tier": "tot 20.000 inwoners"})) == [a.reference]
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert a.reference in _refs(staff_client.get(url, {"created_at_from": since}))
    assert b.reference not in _refs(staff_client.get(url, {"created_at_from": since}))


def test_search_by_municipality_and_email(staff_client):
    a = RegistrationFactory(email="uniek@gemeente.example")
    b = RegistrationFactory()
    url = reverse("registration:index")
    assert _refs(staff_client.get(url, {"q": "uniek@"})) == [a.reference]
    assert _refs(staff_client.get(url, {"q": b.municipality.name})) == [b.reference]


def test_sorting_by_municipality(staff_client):
    RegistrationFactory(municipality__name="Zzz-gemeente", municipality__code="GZ9999")
    RegistrationFactory(municipality__name="Aaa-gemeente", municipality__code="GA9999")
    html = staff_client.get(
        reverse("registration:index"), {"ordering": "municipality__name"}
    ).content.decode()
    assert html.index("Aaa-gemeente") < html.index("Zzz-gemeente")
    html = staff_client.get(
        reverse("registration:index"), {"ordering": "-municipality__name"}
    ).content.decode()
    assert html.index("Zzz-gemeente") < html.index("Aaa-gemeente")


def test_detail_shows_actions_for_received_and_none_for_withdrawn(staff_client):
    reg = RegistrationFactory()
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).content.decode()
    assert reverse("registration:action", args=[reg.pk, "confirm"]) in html
    # The action links open a confirmation page; its form carries the CSRF token (issue 24, item 18).
    Registration.objects.filter(pk=reg.pk).update(status=RegistrationStatus.WITHDRAWN)
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).content.decode()
    assert reverse("registration:action", args=[reg.pk, "confirm"]) not in html
    assert "/status/" not in html


def test_personal_data_is_escaped(staff_client):
    reg = RegistrationFactory(contact_name="<script>alert(1)</script>", remarks="<b>vet</b>")
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
