"""The programme page template says each thing once, with factory data (the seed check is in
tests/portal/test_seed_programme_pages.py): one registration call to action for the whole page, its
label following the programme's registration state from one place
(``programmes.services.registration_action_label``), each heading once, each fee once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from programmes.constants import RegistrationState
from programmes.services import registration_action_label
from tests.portal.test_seed_programme_pages import (
    duplicate_headings,
    fee_mentions,
    registration_links,
)
from tests.programmes.factories import FeeTierFactory, ProgrammePageFactory, TrackFactory
from tests.registrations.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def served(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("main")


def call_to_action_labels(main, page) -> list[str]:
    target = page.url + "aanmelden/"
    return [
        a.get_text(" ", strip=True)
        for a in main.find_all("a", href=True)
        if a["href"].split("?")[0] == target
    ]


@pytest.fixture
def programme(seeded):
    page = ProgrammePageFactory(
        title="Samen leren", slug="samen-leren", takeaways=["Kennis delen", "Elkaar ontmoeten"]
    )
    paid = TrackFactory(programme=page, name="Leergang", slug="leergang", sort_order=0)
    FeeTierFactory(track=paid, min_population=0, amount=Decimal("750.00"))
    FeeTierFactory(track=paid, min_population=50_000, amount=Decimal("1250.00"))
    free = TrackFactory(programme=page, name="Meekijken", slug="meekijken", free=True, sort_order=1)
    return page, paid, free


def test_one_call_to_action_each_heading_and_fee_once(client, programme):
    page, _paid, _free = programme
    main = served(client, page)
    assert len(registration_links(main, page)) == 1
    assert duplicate_headings(main) == []
    assert fee_mentions(main, Decimal("750.00")) == 1
    assert fee_mentions(main, Decimal("1250.00")) == 1
    assert call_to_action_labels(main, page) == ["Aanmelden voor Samen leren"]


def test_label_follows_the_programme_state_from_one_place(client, seeded):
    page = ProgrammePageFactory(title="Vol traject", slug="vol-traject")
    track = TrackFactory(programme=page, capacity=1, free=True)
    RegistrationFactory(track=track)
    main = served(client, page)
    assert call_to_action_labels(main, page) == ["Aanmelden voor de wachtlijst voor Vol traject"]
    assert registration_action_label(RegistrationState.WAITING_LIST) == (
        "Aanmelden voor de wachtlijst"
    )
    assert registration_action_label(RegistrationState.OPEN) == "Aanmelden"


def test_an_open_track_next_to_a_full_one_invites_to_register(client, programme):
    page, paid, _free = programme
    paid.capacity = 1
    paid.save()
    RegistrationFactory(track=paid)
    main = served(client, page)
    assert call_to_action_labels(main, page) == ["Aanmelden voor Samen leren"]


def test_no_call_to_action_when_registration_is_closed(client, seeded):
    page = ProgrammePageFactory(slug="gesloten-traject")
    TrackFactory(programme=page, closed=True, free=True)
    main = served(client, page)
    assert registration_links(main, page) == []
