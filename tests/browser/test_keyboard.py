"""Keyboard-only use in real Chromium: only Tab, Enter and Space (and typing text into fields).

The skip link, a visible 3px focus ring on everything that takes focus, and the catalogue filter.
The whole registration walk is in test_registration.py.
"""

from __future__ import annotations

import pytest

from tests.browser.helpers import tab_to

pytestmark = pytest.mark.browser

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
  };
}"""


def test_skip_link_is_first_visible_and_moves_focus_to_the_content(page):
    page.goto("/aan-de-slag/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, "the focused skip link is on screen"
    assert skip.inner_text() == "Naar de inhoud"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    assert page.url.endswith("#inhoud")

    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), (
        "after the skip link, Tab goes to the first link or field in the content"
    )


@pytest.mark.parametrize("path", ["/", "/aan-de-slag/de-lerende-raad/aanmelden/"])
def test_every_focusable_element_shows_a_3px_focus_ring(page, path):
    page.goto(path)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "body":
            break
        seen.append(focus)
        assert focus["outlineStyle"] not in ("none", "hidden") and focus["outlineWidth"] >= 3, (
            f"no visible focus ring on <{focus['tag']}> {focus['text']!r} on {path}: {focus}"
        )
    assert len(seen) >= 10


def test_catalogue_filter_works_with_the_keyboard_only(page):
    page.goto("/aan-de-slag/")
    cards_before = page.locator("main .card").count()

    # Tab to the "Griffiers" option of the role filter and choose it with Space (radio or checkbox)
    # or Enter (a filter link); then submit with Enter when it is a form.
    target = tab_to(
        page,
        """(el) => (el.matches('input[type=radio], input[type=checkbox]') && el.value === 'griffiers')
                || (el.matches('a[href]') && /[?&]functie=griffiers(&|$)/.test(el.getAttribute('href')))""",
    )
    if target == "a":
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        tab_to(
            page,
            "(el) => el.matches('button[type=submit], button:not([type]), input[type=submit]')",
        )
        with page.expect_navigation():
            page.keyboard.press("Enter")

    assert "functie=griffiers" in page.url
    cards_after = page.locator("main .card").count()
    assert 0 < cards_after < cards_before, (
        f"filtering on griffiers should narrow the list ({cards_before} -> {cards_after})"
    )
    assert "Griffiers" in page.locator("main").inner_text()
