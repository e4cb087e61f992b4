"""Every seeded programme page says each thing once: the seed content and the page template together.

A page repeats itself when the body restates what the template already shows from structured fields (the
take-aways under "Wat levert het op?", the fees under "Deelnemen", the contact cards), or uses a template
heading for other content. Checked on the served HTML of every seeded programme page:

- no h2 or h3 heading text occurs twice;
- every fee amount is stated once (in the track's fee summary, nowhere in the body or descriptions);
- one registration call to action (``…/aanmelden/`` link), and only when registration is open.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage
from programmes.queries import programme_details
from tests.portal.test_seed import EXPECTED_ROLES

pytestmark = pytest.mark.django_db


def main_of(client, page: ProgrammePage) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("main")


def duplicate_headings(main: BeautifulSoup) -> list[str]:
    texts = [h.get_text(" ", strip=True) for h in main.find_all(["h2", "h3"])]
    return sorted(text for text, n in Counter(texts).items() if n > 1)


def amount_pattern(amount: Decimal) -> re.Pattern:
    """'€ 3.000', '€3.000', '€ 3.000,00', '3000 euro', '3.000 euro', 'EUR 3.000'."""
    whole = int(amount)
    grouped = f"{whole:,}".replace(",", r"\.?")
    number = rf"(?<![\d.,]){grouped}(?:,\d\d)?(?![\d.,]\d)"
    return re.compile(rf"(?:€|EUR)\s?{number}|{number}\s?(?:euro|EUR)\b", re.IGNORECASE)


def fee_mentions(main: BeautifulSoup, amount: Decimal) -> int:
    return len(amount_pattern(amount).findall(main.get_text(" ")))


def registration_links(main: BeautifulSoup, page: ProgrammePage) -> list[str]:
    target = page.url + "aanmelden/"
    return [a["href"] for a in main.find_all("a", href=True) if a["href"].split("?")[0] == target]


def test_amount_pattern_finds_every_way_of_writing_a_fee():
    text = "€ 3.000 · €3.000 · € 3.000,00 · 3000 euro · 3.000 euro · EUR 3.000 · € 13.000 · 3.0001"
    assert len(amount_pattern(Decimal("3000")).findall(text)) == 6


@pytest.mark.parametrize("slug", sorted(EXPECTED_ROLES))
def test_seeded_programme_page_says_each_thing_once(seeded, client, slug):
    page = ProgrammePage.objects.get(slug=slug)
    main = main_of(client, page)

    assert duplicate_headings(main) == [], f"{slug}: headings used twice"

    for track in page.tracks.prefetch_related("fee_tiers"):
        for tier in track.fee_tiers.all():
            assert fee_mentions(main, tier.amount) == 1, (
                f"{slug}: the fee {tier.amount} of {track.name} is stated "
                f"{fee_mentions(main, tier.amount)} times"
            )

    links = registration_links(main, page)
    details = programme_details(page)
    expected = 1 if details.accepts_registrations else 0
    assert len(links) == expected, f"{slug}: {len(links)} registration calls to action"
