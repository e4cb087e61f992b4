"""The programme page: every seeded part is shown, registration status and call to action, escaping."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from cases.models import CasePage
from programmes.models import ProgrammePage, Role
from tests.portal.test_seed import EXPECTED_ROLES
from tests.programmes.factories import FeeTierFactory, ProgrammePageFactory, TrackFactory

pytestmark = pytest.mark.django_db


def get(client, slug: str) -> str:
    response = client.get(f"/aan-de-slag/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


@pytest.mark.parametrize("slug", sorted(EXPECTED_ROLES))
def test_every_seeded_programme_renders_its_roles_and_takeaways(seeded, client, slug):
    page = ProgrammePage.objects.get(slug=slug)
    html = get(client, slug)
    assert re.search(r'<h1 class="utrecht-heading-1 utrecht-heading-1--distanced">[^<]*</h1>', html)
    roles = section(html, "voor-wie")
    for role in page.roles.all():
        assert f'href="/aan-de-slag/?functie={role.slug}">{role.name}</a>' in roles
    for takeaway in page.takeaways.all():
        assert escape(takeaway.text) in html
    assert page.get_kind_display() in html


def test_takeaways_are_a_list_with_lead_in(seeded, client):
    html = section(get(client, "anders-formeren"), "opbrengst")
    assert "Een begrijpelijk en democratisch proces zorgt voor:" in html
    assert html.count("<li>") == 4
    assert "<li>meer legitimiteit;</li>" in html


def test_leerkring_contacts_supervisors_tracks_and_fees(seeded, client):
    html = get(client, "leerkring-raadsakkoorden")
    contacts = section(html, "contact")
    assert "Petra Paulides" in contacts and "petra.paulides@vng.nl" in contacts
    supervisors = section(html, "begeleiding")
    assert "Anka Visser" in supervisors and "Lia Randsdorp" in supervisors
    assert html.count(">Anka Visser</h3>") == 1  # one contact card each
    tracks = section(html, "deelnemen-titel")
    assert "€ 750" in tracks and "€ 1.000" in tracks and "€ 1.500" in tracks
    assert "Gratis" in tracks
    assert "april 2019" in tracks and "januari 2020" in tracks
    # Registration closed on 15 March 2019: status, but no call to action.
    assert "Aanmelden is gesloten" in html
    assert 'href="/aan-de-slag/leerkring-raadsakkoorden/aanmelden/"' not in html


def test_open_programme_has_a_call_to_action(seeded, client):
    html = get(client, "de-lerende-raad")
    title = escape(ProgrammePage.objects.get(slug="de-lerende-raad").title)
    assert "Aanmelden is open" in html
    assert (
        '<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"'
        ' href="/aan-de-slag/de-lerende-raad/aanmelden/">Aanmelden'
        f'<span class="visually-hidden"> voor {title}</span></a>'
    ) in html
    assert "€ 3.000" in html and "€ 5.000" in html
    assert "Iris van Genuchten" in section(html, "contact")


def test_waiting_list_and_not_yet_open(seeded, client):
    full = ProgrammePageFactory(slug="vol-programma")
    FeeTierFactory(track=TrackFactory(programme=full, capacity=1))
    html = get(client, "vol-programma")
    assert "nog 1 plaats vrij" in html
    later = ProgrammePageFactory(slug="later-programma")
    TrackFactory(programme=later, free=True, opens_on=dt.date(2999, 1, 1))
    html = get(client, "later-programma")
    assert "Aanmelden kan vanaf 1 januari 2999" in html
    assert "/aanmelden/" not in html.split('id="deelnemen-titel"')[1]


def test_organiser_and_themes(seeded, client):
    page = ProgrammePage.objects.exclude(organiser="").first()
    page.tags.add("lokale democratie")
    page.save_revision().publish()
    html = section(get(client, page.slug), "gegevens")
    assert (
        page.organiser.replace("'", "&#x27;").replace("&", "&amp;") in html
        or page.organiser in html
    )
    assert "lokale democratie" in html


def test_related_cases_live_and_public_only(seeded, client):
    html = section(get(client, "raad-in-beraad"), "casussen")
    case = CasePage.objects.get()
    assert case.title in html and case.url in html
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert 'id="casussen"' not in get(client, "raad-in-beraad")


def test_programme_without_tracks_or_contacts_has_no_empty_sections(seeded, client):
    ProgrammePageFactory(slug="kaal", roles=[Role.objects.first()])
    html = get(client, "kaal")
    for heading in ["deelnemen-titel", "contact", "begeleiding", "casussen", "aanmelden-titel"]:
        assert f'id="{heading}"' not in html


def test_editor_text_is_escaped(seeded, client):
    ProgrammePageFactory(
        slug="escape",
        title="<script>alert(1)</script>",
        intro="<i>schuin</i>",
        takeaways=["<b>vet</b>"],
        organiser="<u>org</u>",
    )
    html = get(client, "escape")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<i>schuin</i>" not in html and "<b>vet</b>" not in html and "<u>org</u>" not in html
