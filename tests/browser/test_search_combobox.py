"""The search suggestions in real Chromium: a text input with role=combobox (ARIA 1.2; not allowed on
type=search), Down/Enter with the keyboard, axe-clean with the list open."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_search_suggestions_are_a_valid_combobox_with_the_keyboard(page, axe):
    page.goto("/zoeken/")
    field = page.locator("#search-q")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    assert page.locator("input[type=search][role=combobox]").count() == 0

    field.focus()
    page.keyboard.type("driehoek")
    listbox = page.locator("#search-q-suggestions")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    assert_accessible(axe, page, "search with suggestions open")

    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert active and page.locator(f"[id='{active}']").get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/aan-de-slag/versterken-lokale-driehoeken/")
