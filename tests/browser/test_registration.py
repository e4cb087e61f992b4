"""The registration form in real Chromium: every state is free of axe violations at 1280, 768 and 320 px
(empty, errors, review, confirmation, closed, full), the error summary works, and the whole registration of De Lerende
Raad can be done with the keyboard only (Tab, Enter, Space and typing)."""

from __future__ import annotations

import time

import pytest

from registrations.spam import MIN_SECONDS
from tests.browser.helpers import assert_accessible_at_every_width, screenshot, tab_to
from tests.browser.states import EMPTY_ROLE, FULL_PROGRAMME

pytestmark = pytest.mark.browser

FORM = "/aan-de-slag/de-lerende-raad/aanmelden/"
CLOSED_FORM = "/aan-de-slag/leerkring-raadsakkoorden/aanmelden/"
FULL_FORM = f"/aan-de-slag/{FULL_PROGRAMME}/aanmelden/"


def wait_out_the_spam_check(loaded_at: float) -> None:
    """The form refuses answers sent within MIN_SECONDS of showing it (a bot check); people are slower."""
    remaining = MIN_SECONDS + 0.3 - (time.monotonic() - loaded_at)
    if remaining > 0:
        time.sleep(remaining)


def test_registration_form_states_are_accessible(page, axe):
    page.goto(FORM)
    loaded_at = time.monotonic()
    assert_accessible_at_every_width(axe, page, "registration form, empty")
    for field_id, autocomplete in [
        ("id_contact_name", "name"),
        ("id_contact_function", "organization-title"),
        ("id_email", "email"),
        ("id_phone", "tel"),
    ]:
        assert page.get_attribute(f"#{field_id}", "autocomplete") == autocomplete
    screenshot(page, "registration-empty")

    # Errors: send the empty form.
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende: controleer uw aanmelding").click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), (
        "focus moves to the error summary"
    )
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))"):
        assert page.locator(f"[id='{href}']").count() == 1, (
            f"error summary link #{href} has no target"
        )
    for described in page.locator("[aria-invalid=true]").evaluate_all(
        "els => els.map(el => el.getAttribute('aria-describedby') || '')"
    ):
        assert any(
            page.locator(f"[id='{ref}']").count() and ref.endswith("_error")
            for ref in described.split()
        ), f"invalid field not tied to its error message: {described!r}"
    assert_accessible_at_every_width(axe, page, "registration form with errors")
    screenshot(page, "registration-errors")

    # Review: fill in everything.
    page.fill("#id_municipality", "Zeist")
    page.keyboard.press("Tab")
    page.fill("#id_contact_name", "Anna de Vries")
    page.fill("#id_contact_function", "griffier")
    page.fill("#id_email", "anna@example.org")
    page.fill("#id_phone", "030 123 4567")
    page.check("#id_consent")
    wait_out_the_spam_check(loaded_at)
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende: controleer uw aanmelding").click()
    assert page.locator("h1").inner_text() == "Controleer uw aanmelding"
    assert "Zeist" in page.locator("main").inner_text()
    assert_accessible_at_every_width(axe, page, "registration review")
    screenshot(page, "registration-review")

    # Confirmation.
    with page.expect_navigation():
        page.locator("button[value=confirm]").click()
    assert "/aanmelden/bevestiging/" in page.url
    assert page.locator("h1").inner_text() == "Aanmelding ontvangen"
    assert_accessible_at_every_width(axe, page, "registration confirmation")
    screenshot(page, "registration-confirmation")


def test_closed_registration_is_accessible(page, axe):
    response = page.goto(CLOSED_FORM)
    assert response is not None and response.status == 200
    assert page.locator("form[method=post]").count() == 0
    assert_accessible_at_every_width(axe, page, "registration closed (Leerkring)")
    screenshot(page, "registration-closed")


def test_full_registration_offers_the_waiting_list_accessibly(page, axe):
    page.goto(FULL_FORM)
    assert "wachtlijst" in page.locator("main").inner_text()
    assert_accessible_at_every_width(axe, page, "registration form, track full")
    screenshot(page, "registration-full")


def test_catalogue_empty_result_is_accessible(page, axe):
    page.goto(f"/aan-de-slag/?functie={EMPTY_ROLE}")
    assert page.locator("main .card").count() == 0
    assert_accessible_at_every_width(axe, page, "catalogue, empty result")
    screenshot(page, "catalogue-empty")


def test_whole_registration_with_the_keyboard_only(page):
    page.goto(FORM)
    loaded_at = time.monotonic()

    fields = [
        ("id_municipality", "Utrecht"),
        ("id_contact_name", "Bram Jansen"),
        ("id_contact_function", "raadsgriffier"),
        ("id_email", "bram@example.org"),
        ("id_phone", "030 765 4321"),
    ]
    for field_id, text in fields:
        tab_to(page, f"(el) => el.id === '{field_id}'")
        page.keyboard.type(text)
    tab_to(page, "(el) => el.id === 'id_consent'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")

    tab_to(page, "(el) => el.matches('button[type=submit]')")
    wait_out_the_spam_check(loaded_at)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Controleer uw aanmelding", page.locator(
        "main"
    ).inner_text()[:500]
    assert "Utrecht" in page.locator("main").inner_text()

    tab_to(page, "(el) => el.matches('button[value=confirm]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/aanmelden/bevestiging/" in page.url
    assert page.locator("h1").inner_text() == "Aanmelding ontvangen"


def test_change_from_the_review_with_the_keyboard_keeps_everything(page, axe):
    """The review's "Wijzigen" of a section, reached with Tab and pressed with Enter, lands on that
    section of the form with every answer still filled in; the review lays out one answer per row."""
    page.goto(FORM)
    loaded_at = time.monotonic()
    page.fill("#id_municipality", "Bunnik")
    page.keyboard.press("Tab")
    page.fill("#id_contact_name", "Anna de Vries")
    page.fill("#id_contact_function", "griffier")
    page.fill("#id_email", "anna@example.org")
    page.fill("#id_phone", "030 123 4567")
    page.fill("#id_remarks", "Graag in de ochtend")
    page.check("#id_consent")
    wait_out_the_spam_check(loaded_at)
    with page.expect_navigation():
        page.locator(".registration-form button[type=submit]").click()

    # One row per answer: each row's label sits left of its value, and rows sit under each other.
    rows = page.locator(".summary-list__row")
    assert rows.count() >= 2, page.locator("main").inner_text()[:800]
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1, "rows are stacked, not side by side"
    key = rows.nth(0).locator("dt").bounding_box()
    value = rows.nth(0).locator("dd").bounding_box()
    assert value["x"] > key["x"] and abs(value["y"] - key["y"]) < 4, "label | value on one line"
    assert_accessible_at_every_width(axe, page, "registration review with change controls")

    tab_to(page, "(el) => el.getAttribute('formaction')?.endsWith('#contactpersoon')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/aanmelden/#contactpersoon")
    assert page.input_value("#id_contact_name") == "Anna de Vries"
    assert page.input_value("#id_email") == "anna@example.org"
    assert page.input_value("#id_phone") == "030 123 4567"
    assert page.input_value("#id_remarks") == "Graag in de ochtend"
    assert page.input_value("#id_municipality") == "Bunnik"
    assert page.is_checked("#id_consent")
    # The next Tab continues in the contact section (the fragment is the focus starting point).
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#contactpersoon') !== null")
