"""Every public page type in real Chromium: zero axe-core violations (WCAG 2.2 A and AA) at 1280, 768
and 320 px, reflow at 320 px without horizontal scrolling, no requests to other hosts, no cookies, and
screenshots at 1280 and 375 px in test-artifacts/screenshots/ for a human to look at."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (
    AXE_WIDTHS,
    assert_accessible,
    horizontal_overflow,
    overflowing_elements,
    screenshot,
)

pytestmark = pytest.mark.browser

LERENDE_RAAD = "/aan-de-slag/de-lerende-raad/"
LEERKRING = "/aan-de-slag/leerkring-raadsakkoorden/"
CASE = "/casussen/themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018/"

# (name for the screenshot, path, expected HTTP status)
PAGE_TYPES = [
    ("home", "/", 200),
    ("catalogue", "/aan-de-slag/", 200),
    ("catalogue-filtered", "/aan-de-slag/?functie=griffiers", 200),
    ("catalogue-unknown-filter", "/aan-de-slag/?functie=astronauten", 200),
    ("programme-leerkring", LEERKRING, 200),
    ("programme-lerende-raad", LERENDE_RAAD, 200),
    ("cases", "/casussen/", 200),
    ("cases-filtered", "/casussen/?functie=raadsleden&soort=report", 200),
    ("cases-empty", "/casussen/?soort=guide", 200),
    ("case", CASE, 200),
    ("people", "/contact/", 200),
    ("content-about", "/over/", 200),
    ("content-privacy", "/privacy/", 200),
    ("content-accessibility", "/toegankelijkheid/", 200),
    ("search-results", "/zoeken/?q=raad", 200),
    ("search-no-results", "/zoeken/?q=xyzzyqwerty", 200),
    ("search-empty", "/zoeken/", 200),
    ("not-found", "/deze-pagina-bestaat-niet/", 404),
]


@pytest.mark.parametrize(
    ("name", "path", "status"), PAGE_TYPES, ids=[name for name, _, _ in PAGE_TYPES]
)
def test_page_type_is_accessible(page, context, axe, name, path, status):
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: HTTP {response.status}"

    assert_accessible(axe, page, f"{name} ({path}) at 1280 px")
    assert page.locator("h1").count() == 1, f"{path}: expected exactly one h1"
    for width in AXE_WIDTHS[1:]:  # loaded at that width, as a tablet or phone would
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert_accessible(axe, page, f"{name} ({path}) at {width} px")
    page.set_viewport_size({"width": 1280, "height": 900})

    overflow = horizontal_overflow(page, 320)
    assert overflow == 0, (
        f"{path} scrolls horizontally at 320 px by {overflow} px; widest elements: "
        f"{overflowing_elements(page, 320)}"
    )
    screenshot(page, name)

    assert page.outside_requests == [], f"{path} made third-party requests"
    assert context.cookies() == [], f"{path} set cookies on a public page"
