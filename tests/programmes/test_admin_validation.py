"""Editors see Dutch errors on the right field when a programme's tracks or fee tiers are wrong.

Through the real Wagtail admin: a superuser GETs the create/edit view, then POSTs nested form data
(``nested_form_data``, ``inline_formset``, ``streamfield``, ``rich_text``) with tracks and fee tiers.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from programmes.models import FeeTier, ProgrammePage, Track
from tests.programmes.factories import RoleFactory, seeded_catalogue

pytestmark = pytest.mark.django_db

FORM_ID = "page-edit-form"


@pytest.fixture
def admin_client(client, django_user_model, seeded):
    user = django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@example.org", password="x"
    )
    client.force_login(user)
    return client


def add_url() -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("programmes", "programmepage", seeded_catalogue().pk)
    )


def tier(min_population, amount, **extra) -> dict:
    return {"min_population": str(min_population), "amount": str(amount), **extra}


def track(slug="leerkring", *, tiers=None, **fields) -> dict:
    data = {
        "name": "Leerkring",
        "slug": slug,
        "description": "Een jaar lang leren met tien gemeenten.",
        "fee_kind": "tiered",
        "fee_note": "",
        "edition": "2026",
        "opens_on": "",
        "closes_on": "",
        "capacity": "10",
        "auto_confirm": "on",
        "fee_tiers": inline_formset(
            tiers
            if tiers is not None
            else [tier(0, "750.00"), tier(50_000, "1000.00"), tier(100_000, "1500.00")]
        ),
        "meetings": inline_formset([]),
    }
    data.update(fields)
    return data


def programme_data(client, url, *, slug="nieuwe-leerkring", tracks=None, role=None):
    """The form's own defaults (every field the admin renders), overlaid with a full programme."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id=FORM_ID)
    role = role or RoleFactory(name="Griffiers (test)", slug="griffiers-test")
    fields = nested_form_data(
        {
            "title": "Nieuwe leerkring",
            "slug": slug,
            "kind": "learning_circle",
            "intro": "Een leerkring voor griffiers.",
            "takeaways_intro": "Dit levert het op:",
            "takeaways": inline_formset(
                [
                    {"text": "Kennis van raadsakkoorden", "link_url": ""},
                    {"text": "Een netwerk van collega's", "link_url": ""},
                ]
            ),
            "body": streamfield([("paragraph", rich_text("<p>Meer over de leerkring.</p>"))]),
            "tags": "raadswerk",
            "organiser": "VNG",
            "contacts": inline_formset([]),
            "tracks": inline_formset(tracks if tracks is not None else [track()]),
            "comments": inline_formset([]),
        }
    )
    for key, value in fields.items():
        data[key] = value
    data.setlist("roles", [str(role.pk)])
    return data


def errors_of(form, *path):
    """Errors of a nested form: ``errors_of(form, ("tracks", 0), ("fee_tiers", 1))``."""
    for formset_name, index in path:
        form = form.formsets[formset_name].forms[index]
    return form.errors


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# -- a valid programme is saved ----------------------------------------------------------------------


def test_editor_creates_a_programme_with_roles_takeaways_track_and_tiers(admin_client):
    role = RoleFactory(name="Griffiers (test)", slug="griffiers-test")
    data = programme_data(admin_client, add_url(), role=role)
    response = admin_client.post(add_url(), data)
    assert response.status_code == 302, page_text(response)[:3000]

    page = ProgrammePage.objects.get(slug="nieuwe-leerkring")
    assert list(page.roles.all()) == [role]
    assert [t.text for t in page.takeaways.all()] == [
        "Kennis van raadsakkoorden",
        "Een netwerk van collega's",
    ]
    created = Track.objects.get(programme=page)
    assert (created.slug, created.capacity, created.edition) == ("leerkring", 10, "2026")
    assert list(
        FeeTier.objects.filter(track=created)
        .order_by("min_population")
        .values_list("min_population", "amount")
    ) == [(0, 750), (50_000, 1000), (100_000, 1500)]


def test_a_deleted_tier_is_not_validated(admin_client):
    tiers = [tier(0, "750.00"), tier(0, "-5", DELETE="1")]
    data = programme_data(admin_client, add_url(), tracks=[track(tiers=tiers)])
    response = admin_client.post(add_url(), data)
    assert response.status_code == 302, page_text(response)[:3000]
    page = ProgrammePage.objects.get(slug="nieuwe-leerkring")
    assert FeeTier.objects.filter(track__programme=page).count() == 1


# -- invalid schedules: Dutch error on the field, nothing saved ------------------------------------


INVALID = {
    "first tier not at 0": (
        [track(tiers=[tier(10_000, "750.00"), tier(50_000, "1000.00")])],
        [("tracks", 0), ("fee_tiers", 0)],
        "min_population",
        "De eerste staffel moet beginnen bij 0 inwoners, zodat elke gemeente een bijdrage heeft. "
        "Nu begint de laagste staffel bij 10.000.",
    ),
    "duplicate start": (
        [track(tiers=[tier(0, "750"), tier(50_000, "1000"), tier(50_000, "1500")])],
        [("tracks", 0), ("fee_tiers", 2)],
        "min_population",
        "Er is al een staffel die begint bij 50.000 inwoners. Elke staffel heeft een eigen "
        "beginaantal en loopt door tot de volgende staffel.",
    ),
    "negative amount": (
        [track(tiers=[tier(0, "-750.00")])],
        [("tracks", 0), ("fee_tiers", 0)],
        "amount",
        "Het bedrag kan niet negatief zijn.",
    ),
    "tiered without tiers": (
        [track(tiers=[])],
        [("tracks", 0)],
        "fee_kind",
        "Voeg minstens één staffel toe die begint bij 0 inwoners, of kies een ander soort bijdrage.",
    ),
    "tiers on a free track": (
        [track(fee_kind="free")],
        [("tracks", 0)],
        "fee_kind",
        "Een gratis deelnamevorm of een deelnamevorm met een bijdrage in overleg heeft geen "
        "staffels. Verwijder de staffels of kies 'Naar inwonertal (staffel)'.",
    ),
    "tiers on an in-overleg track": (
        [track(fee_kind="on_request")],
        [("tracks", 0)],
        "fee_kind",
        "Een gratis deelnamevorm of een deelnamevorm met een bijdrage in overleg heeft geen "
        "staffels. Verwijder de staffels of kies 'Naar inwonertal (staffel)'.",
    ),
    "duplicate track slug": (
        [track("leerkring"), track("leerkring", name="Tweede leerkring")],
        [("tracks", 1)],
        "slug",
        "Een andere deelnamevorm van dit programma gebruikt de slug 'leerkring' al. Geef elke "
        "deelnamevorm een eigen slug.",
    ),
    "window closes before it opens": (
        [track(opens_on="2026-03-01", closes_on="2026-02-01")],
        [("tracks", 0)],
        "closes_on",
        "De aanmelding kan niet sluiten voordat ze opent (01-03-2026).",
    ),
    "capacity 0": (
        [track(capacity="0")],
        [("tracks", 0)],
        "capacity",
        "Een deelnamevorm heeft minstens één plaats nodig; laat leeg voor geen maximum.",
    ),
    "negative capacity": (
        [track(capacity="-3")],
        [("tracks", 0)],
        "capacity",
        "Een deelnamevorm heeft minstens één plaats nodig; laat leeg voor geen maximum.",
    ),
}


@pytest.mark.parametrize(("tracks", "path", "field", "message"), INVALID.values(), ids=INVALID)
def test_invalid_programme_shows_dutch_error_on_the_field(
    admin_client, tracks, path, field, message
):
    pages_before = ProgrammePage.objects.count()
    data = programme_data(admin_client, add_url(), tracks=tracks)
    response = admin_client.post(add_url(), data)

    assert response.status_code == 200
    assert message in page_text(response)
    assert errors_of(response.context["form"], *path)[field] == [message]
    assert ProgrammePage.objects.count() == pages_before
    assert not ProgrammePage.objects.filter(slug="nieuwe-leerkring").exists()


def test_editing_the_seeded_leerkring_with_a_duplicate_tier_is_refused(admin_client):
    page = ProgrammePage.objects.get(slug="leerkring-raadsakkoorden")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id=FORM_ID)
    data.update(nested_form_data({"body": streamfield([])}))
    # The leerkring is the first track; make its third tier start where the second does.
    assert data["tracks-0-slug"] == "leerkring"
    data["tracks-0-fee_tiers-2-min_population"] = "50000"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Er is al een staffel die begint bij 50.000 inwoners" in page_text(response)
    leerkring = Track.objects.get(programme=page, slug="leerkring")
    assert sorted(leerkring.fee_tiers.values_list("min_population", flat=True)) == [
        0,
        50_000,
        100_000,
    ]
