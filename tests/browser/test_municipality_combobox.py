"""The municipality combobox in real Chromium: the ARIA 1.2 combobox pattern with the keyboard, and
axe-clean with its list open (skipped without Chromium, like every browser test)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

FORM = "/aan-de-slag/de-lerende-raad/aanmelden/"


def listbox_options(page) -> list[str]:
    return page.locator("#id_municipality_listbox [role=option]").all_inner_texts()


def test_combobox_pattern_with_the_keyboard(page, axe):
    page.goto(FORM)
    combobox = page.locator("#id_municipality")
    assert combobox.get_attribute("role") == "combobox"
    assert combobox.get_attribute("aria-expanded") == "false"
    assert combobox.get_attribute("aria-controls") == "id_municipality_listbox"
    assert page.locator("label[for=id_municipality]").count() == 1
    assert not page.locator("#id_municipality_select").is_visible()

    combobox.focus()
    page.keyboard.type("Den Haag")
    page.wait_for_selector("#id_municipality_listbox [role=option]")
    assert combobox.get_attribute("aria-expanded") == "true"
    assert listbox_options(page)[0].startswith("'s-Gravenhage")
    assert "gevonden" in page.locator("[data-municipality-field] [role=status]").inner_text()
    assert_accessible(axe, page, "registration form, municipality list open")

    page.keyboard.press("ArrowDown")
    active = combobox.get_attribute("aria-activedescendant")
    assert active == "id_municipality_option_0"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")  # picks the suggestion, does not send the form
    assert page.url.endswith(FORM)
    assert combobox.input_value() == "'s-Gravenhage"
    assert page.locator("#id_municipality_select").input_value() == "GM0518"
    assert combobox.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Escape")  # list closed: Escape clears
    assert combobox.input_value() == ""
    assert page.locator("#id_municipality_select").input_value() == ""

    page.keyboard.type("sgravenhage")
    page.wait_for_selector("#id_municipality_listbox [role=option]")
    page.keyboard.press("Escape")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert combobox.input_value() == "sgravenhage"


def test_typed_exact_name_without_picking_is_kept(page):
    page.goto(FORM)
    page.fill("#id_municipality", "zeist")
    page.keyboard.press("Tab")
    # expect() polls from Playwright's side; wait_for_function would need eval, which our CSP forbids.
    expect(page.locator("#id_municipality_select")).to_have_value("GM0355")
