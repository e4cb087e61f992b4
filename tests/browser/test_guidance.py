"""The self-scan and the e-mail alert form in real Chromium, keyboard-only (Tab, Space, Enter, typing)
and without the site's JavaScript (every script request is aborted), axe-clean at 1280, 768, 375 and 320 px."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (
    assert_accessible,
    horizontal_overflow,
    overflowing_elements,
    screenshot,
    tab_to,
)

pytestmark = pytest.mark.browser

WIDTHS = [1280, 768, 375, 320]  # issue 23: 1280, 768 and 320 px; issue 20: 375 px


@pytest.fixture
def no_js_page(page):
    page.route("**/*.js", lambda route: route.abort())
    return page


def _check(axe, page, name: str, width: int) -> None:
    assert_accessible(axe, page, f"{name} at {width} px")
    assert page.locator("h1").count() == 1, f"{name}: expected exactly one h1"
    overflow = horizontal_overflow(page, 320)
    assert overflow == 0, (
        f"{name} scrolls horizontally at 320 px by {overflow} px: {overflowing_elements(page, 320)}"
    )
    page.set_viewport_size({"width": width, "height": 900})


@pytest.mark.parametrize("width", WIDTHS)
def test_scan_keyboard_only_without_javascript(no_js_page, axe, width):
    page = no_js_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/zelfscan/")
    assert "Wat past bij uw gemeente?" in page.locator("h1").inner_text()
    _check(axe, page, "scan-start", width)
    tab_to(page, "el => el.textContent.trim() === 'Start de scan'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vraag/1/")

    # Sending without an answer: the error summary, axe-clean.
    tab_to(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Volgende vraag')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert "Kies een van de antwoorden." in page.locator(".error-summary").inner_text()
    _check(axe, page, "scan-question-error", width)
    if width == 1280:
        screenshot(page, "scan-question-error")

    for number in range(1, 6):
        assert f"Vraag {number} van 5" in page.locator(".scan__progress").inner_text()
        if number == 1 and width == 1280:
            screenshot(page, "scan-question")
        _check(axe, page, f"scan-question-{number}", width)
        tab_to(page, "el => el.type === 'radio'")
        page.keyboard.press("Space")
        label = "Bekijk de uitslag" if number == 5 else "Volgende vraag"
        tab_to(page, f"el => el.tagName === 'BUTTON' && el.textContent.includes('{label}')")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    assert "/uitslag/" in page.url
    assert page.locator("h1").inner_text() == "Uw uitslag"
    assert page.locator(".scan__result").count() >= 1
    assert "Waarom dit aanbod:" in page.content()
    _check(axe, page, "scan-result", width)
    if width == 1280:
        screenshot(page, "scan-result")


@pytest.mark.parametrize("width", WIDTHS)
def test_alert_subscription_keyboard_only_without_javascript(no_js_page, axe, width):
    page = no_js_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/aan-de-slag/?functie=griffiers")
    tab_to(
        page, "el => el.textContent.trim() === 'Ontvang een e-mail bij nieuw aanbod voor griffiers'"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/meldingen/aanmelden/**")
    _check(axe, page, "alert-subscribe", width)

    tab_to(
        page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Stuur bevestigingsmail')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    _check(axe, page, "alert-subscribe-error", width)
    if width == 1280:
        screenshot(page, "alert-subscribe-error")

    tab_to(page, "el => el.type === 'email'")
    page.keyboard.type("griffier@gemeente.nl")
    tab_to(page, "el => el.type === 'radio'")
    page.keyboard.press("Space")
    tab_to(
        page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Stuur bevestigingsmail')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Kijk in uw mailbox"
    _check(axe, page, "alert-subscribe-sent", width)
