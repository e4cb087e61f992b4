"""Editors create every page type through the real admin forms, and bad input shows Dutch errors.

CasePage, CaseIndexPage and PeopleIndexPage are covered in tests/cases/. Helpers here (``admin_user``,
``programme_form_data``, ``page_form_data``) are reused by the other admin test modules.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import ContentPage, HomePage
from programmes.models import CatalogueIndexPage, ProgrammePage, Role

pytestmark = pytest.mark.django_db


def admin_user(username: str = "beheerder", groups: tuple[str, ...] = (), superuser: bool = True):
    """A staff user (superuser unless groups are given) with an empty language preference."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="geheim-wachtwoord-2026",
        first_name="Test",
        last_name=username.capitalize(),
        is_staff=True,
        is_superuser=superuser and not groups,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def add_url(model, parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def page_form_data(**fields) -> dict:
    """Flat POST data for a page form: the page fields plus the (empty) comments formset."""
    return nested_form_data({"comments": inline_formset([]), **fields})


def track_data(**overrides) -> dict:
    track = {
        "name": "Leergang 2027",
        "slug": "leergang-2027",
        "description": "Vijf bijeenkomsten met de hele raad.",
        "fee_kind": "tiered",
        "fee_note": "",
        "edition": "2027",
        "opens_on": "2027-01-01",
        "closes_on": "2027-03-31",
        "capacity": "12",
        "auto_confirm": "on",
        "fee_tiers": inline_formset(
            [
                {"min_population": "0", "amount": "500.00"},
                {"min_population": "50000", "amount": "900.00"},
            ]
        ),
        "meetings": inline_formset(
            [{"title": "Startbijeenkomst", "when": "januari 2027", "date": "2027-01-20"}]
        ),
    }
    track.update(overrides)
    return track


def programme_form_data(roles, *, slug="samen-besluiten", tracks=None, **overrides) -> dict:
    data = {
        "title": "Samen besluiten",
        "slug": slug,
        "kind": "programme",
        "intro": "Een programma voor raad en college over samen besluiten.",
        "takeaways_intro": "Een goed proces zorgt voor:",
        "takeaways": inline_formset(
            [
                {"text": "Heldere afspraken tussen raad en college", "link_url": ""},
                {"text": "Meer vertrouwen van inwoners", "link_url": "https://example.org/"},
            ]
        ),
        "body": streamfield(
            [
                ("heading", "Wat levert het op?"),
                ("paragraph", rich_text("<p>Een <b>betere</b> besluitvorming.</p>")),
            ]
        ),
        "tags": "besluitvorming, raad",
        "organiser": "Programmabureau Lokale Democratie",
        "contacts": inline_formset([]),
        "tracks": inline_formset(tracks if tracks is not None else [track_data()]),
        "retention_days": "",
    }
    data.update(overrides)
    flat = page_form_data(**data)
    flat["roles"] = [str(role.pk) for role in roles]  # a multi-value field: not flattened
    return flat


@pytest.fixture
def editor_client(client, seeded):
    client.force_login(admin_user())
    return client


def test_admin_speaks_dutch_for_a_user_without_language_preference(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "nl"
    assert 'lang="nl"' in response.text
    assert "Pagina's" in response.text


def test_home_page_cannot_be_created_twice(editor_client):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)
    response = editor_client.get(add_url(HomePage, root))
    assert response.status_code == 302  # back to the dashboard with an error message
    assert (
        editor_client.post(add_url(HomePage, root), page_form_data(title="X", slug="x")).status_code
        == 302
    )
    assert HomePage.objects.count() == 1


def test_content_page_created_and_published_through_admin(editor_client, seeded):
    data = page_form_data(
        title="Colofon",
        slug="colofon",
        intro="Wie maakt deze site.",
        body=streamfield(
            [
                ("heading", "Redactie"),
                ("paragraph", rich_text("<p>Het programmabureau.</p>")),
                ("quote", {"text": "Samen leren.", "attribution": "Redactie"}),
                (
                    "call_to_action",
                    {"text": "Neem contact op", "page": "", "url": "https://example.org/"},
                ),
            ]
        ),
    )
    data["action-publish"] = "action-publish"
    response = editor_client.post(add_url(ContentPage, seeded), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = ContentPage.objects.get(slug="colofon")
    assert page.live
    assert [block.block_type for block in page.body] == [
        "heading",
        "paragraph",
        "quote",
        "call_to_action",
    ]
    public = editor_client.get("/colofon/")
    assert public.status_code == 200
    assert "Samen leren." in public.text


def test_call_to_action_with_page_and_url_shows_dutch_error(editor_client, seeded):
    data = page_form_data(
        title="Fout",
        slug="fout",
        intro="",
        body=streamfield(
            [
                (
                    "call_to_action",
                    {"text": "Klik", "page": str(seeded.pk), "url": "https://example.org/"},
                )
            ]
        ),
    )
    response = editor_client.post(add_url(ContentPage, seeded), data)
    assert response.status_code == 200
    assert "Kies een pagina of vul een webadres in, niet allebei." in response.text
    assert not ContentPage.objects.filter(slug="fout").exists()


def test_second_catalogue_cannot_be_created(editor_client, seeded):
    assert CatalogueIndexPage.objects.count() == 1
    assert not CatalogueIndexPage.can_create_at(seeded)
    response = editor_client.get(add_url(CatalogueIndexPage, seeded))
    assert response.status_code == 302
    assert CatalogueIndexPage.objects.count() == 1


def test_catalogue_created_through_admin_in_a_fresh_tree(editor_client, seeded):
    """With the seeded catalogue gone (rolled back after the test), the admin form creates one."""
    CatalogueIndexPage.objects.get().delete()
    data = page_form_data(
        title="Aan de slag",
        slug="aan-de-slag",
        intro="Al het aanbod.",
        filter_label="Wat voor functie heb je?",
        per_page="6",
    )
    data["action-publish"] = "action-publish"
    response = editor_client.post(add_url(CatalogueIndexPage, seeded), data)
    assert response.status_code == 302
    catalogue = CatalogueIndexPage.objects.get()
    assert catalogue.per_page == 6 and catalogue.live


def test_programme_with_roles_takeaways_track_and_fee_tiers(editor_client, seeded):
    catalogue = CatalogueIndexPage.objects.get()
    roles = list(Role.objects.filter(slug__in=["griffiers", "raadsleden"]))
    data = programme_form_data(roles)
    data["action-publish"] = "action-publish"
    response = editor_client.post(add_url(ProgrammePage, catalogue), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    page = ProgrammePage.objects.get(slug="samen-besluiten")
    assert page.live
    assert {r.slug for r in page.roles.all()} == {"griffiers", "raadsleden"}
    assert [t.text for t in page.takeaways.all()] == [
        "Heldere afspraken tussen raad en college",
        "Meer vertrouwen van inwoners",
    ]
    assert set(page.tags.names()) == {"besluitvorming", "raad"}
    track = page.tracks.get()
    assert (track.opens_on, track.closes_on, track.capacity) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 31),
        12,
    )
    assert [(t.min_population, t.amount) for t in track.fee_tiers.all()] == [
        (0, Decimal("500.00")),
        (50000, Decimal("900.00")),
    ]
    assert track.meetings.get().title == "Startbijeenkomst"

    listing = editor_client.get("/aan-de-slag/?functie=griffiers")
    assert "Samen besluiten" in listing.text
    assert editor_client.get(page.url).status_code == 200


def test_programme_edit_form_renders_in_dutch(editor_client, seeded):
    page = ProgrammePage.objects.first()
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    for label in (
        "Voor wie",
        "Wat levert het op?",
        "Aanmelding en bijdrage",
        "Deelnamevorm",
        "Staffel",
    ):
        assert label in response.text, label


def _post_invalid_programme(client, **kwargs):
    catalogue = CatalogueIndexPage.objects.get()
    response = client.post(add_url(ProgrammePage, catalogue), programme_form_data(**kwargs))
    assert response.status_code == 200
    assert not ProgrammePage.objects.filter(slug="samen-besluiten").exists()
    assert "De pagina kon niet aangemaakt worden vanwege validatiefouten." in response.text
    return response


def test_programme_without_roles_shows_dutch_error_on_roles(editor_client, seeded):
    response = _post_invalid_programme(editor_client, roles=[])
    form = response.context["form"]
    assert "roles" in form.errors
    assert form.errors["roles"] == ["Dit is een verplicht veld."]
    assert "Dit is een verplicht veld." in response.text


def test_registration_window_closing_before_it_opens_shows_dutch_error(editor_client, seeded):
    roles = list(Role.objects.filter(slug="griffiers"))
    response = _post_invalid_programme(
        editor_client,
        roles=roles,
        tracks=[track_data(opens_on="2027-03-01", closes_on="2027-02-01")],
    )
    track_form = response.context["form"].formsets["tracks"].forms[0]
    assert track_form.errors["closes_on"] == [
        "De aanmelding kan niet sluiten voordat ze opent (01-03-2027)."
    ]


def test_capacity_zero_shows_dutch_error(editor_client, seeded):
    roles = list(Role.objects.filter(slug="griffiers"))
    response = _post_invalid_programme(
        editor_client, roles=roles, tracks=[track_data(capacity="0")]
    )
    track_form = response.context["form"].formsets["tracks"].forms[0]
    assert track_form.errors["capacity"] == [
        "Een deelnamevorm heeft minstens één plaats nodig; laat leeg voor geen maximum."
    ]


def test_escaping_of_editor_input(editor_client, seeded):
    catalogue = CatalogueIndexPage.objects.get()
    roles = list(Role.objects.filter(slug="griffiers"))
    data = programme_form_data(roles, intro='<script>alert("x")</script> Intro')
    data["action-publish"] = "action-publish"
    assert editor_client.post(add_url(ProgrammePage, catalogue), data).status_code == 302
    page = ProgrammePage.objects.get(slug="samen-besluiten")
    html = editor_client.get(page.url).text
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
