"""The WCAG 2.2 AA criteria axe-core cannot decide on its own, measured in real Chromium:

- 2.4.11 Focus Not Obscured: tabbing through long pages, no focused element is covered by the header
  (sticky or not) or by any other element;
- 2.5.8 Target Size (Minimum): links and buttons in the main navigation, the forms and the filters are at
  least 24 x 24 CSS px (inline links in running text are exempt);
- 3.2.6 Consistent Help: the contact link is in the same place (the footer's first service link) on
  every page type and form state;
- 3.3.7 Redundant Entry: the review step of the two-step registration asks for nothing again, and
  "Wijzigen" brings back what was typed.

What a browser cannot measure (e.g. 3.3.8 Accessible Authentication for the admin login) is in
docs/wcag22.md."""

from __future__ import annotations

import time

import pytest

from tests.browser.test_pages import PAGE_TYPES
from tests.browser.test_registration import FORM, wait_out_the_spam_check

pytestmark = pytest.mark.browser

MIN_TARGET = 24
LONG_PAGES = ["/aan-de-slag/", "/aan-de-slag/de-lerende-raad/", "/casussen/", FORM]

# Is the focused element visible, i.e. not covered by the header or anything else? Checks the
# element's own points (centre and inset corners) with elementFromPoint after the browser scrolled it
# into view the way it does for keyboard focus.
OBSCURED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Let :focus styles (the skip link sliding in) and the scroll into view settle: wait until the
  // element's box is the same in two frames in a row.
  const frame = () => new Promise(done => requestAnimationFrame(done));
  let r = el.getBoundingClientRect();
  for (let i = 0; i < 20; i++) {
    await frame();
    const next = el.getBoundingClientRect();
    const same = next.top === r.top && next.left === r.left && next.width === r.width;
    r = next;
    if (same && i > 0) break;
  }
  if (r.width === 0 || r.height === 0) return null;
  const header = document.querySelector('header.site-header');
  const h = header ? header.getBoundingClientRect() : null;
  const describe = (node) => node ? node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
      + (typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\\s+/).join('.') : '') : 'none';
  const problems = [];
  const pos = header ? getComputedStyle(header).position : '';
  if (h && (pos === 'sticky' || pos === 'fixed') && r.top < h.bottom && r.bottom > h.top) {
    problems.push('under the ' + pos + ' header');
  }
  const inset = 2;
  const points = [
    [r.left + r.width / 2, r.top + r.height / 2],
    [r.left + inset, r.top + inset], [r.right - inset, r.top + inset],
    [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset],
  ].filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  if (points.length === 0) problems.push('scrolled out of view');
  for (const [x, y] of points) {
    const hit = document.elementFromPoint(x, y);
    if (hit && !(el === hit || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some(l => l.contains(hit))))) {
      problems.push('covered by ' + describe(hit) + ' at ' + Math.round(x) + ',' + Math.round(y));
      break;
    }
  }
  return problems.length ? describe(el) + ': ' + problems.join('; ') : null;
}"""


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("path", LONG_PAGES)
def test_focus_is_never_obscured(page, path, width):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(path)
    seen = 0
    problems = []
    for _ in range(60):
        page.keyboard.press("Tab")
        found = page.evaluate(OBSCURED)
        if found:  # measure once more after a pause: count what stays, not a frame of repainting
            page.wait_for_timeout(300)
            found = page.evaluate(OBSCURED)
        seen += 1
        if found:
            problems.append(found)
        if page.evaluate("document.activeElement.closest('footer') !== null"):
            break
    assert seen > 5, f"{path}: tabbing reached only {seen} elements"
    assert problems == [], f"{path} at {width}px: focused elements obscured: {problems}"


TARGETS = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter(el => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1
      && !el.closest('.visually-hidden, [aria-hidden=true]');  // e.g. the spam trap, off screen
  })
  .map(el => {
    const r = el.getBoundingClientRect();
    return {what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/)[0] : '')
              + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"',
            width: r.width, height: r.height};
  })"""

TARGET_SELECTORS = ", ".join(
    [
        ".site-nav a",
        ".site-search input",
        ".site-search button",
        ".facet__option",
        ".filter-panel__summary",
        ".chosen-filter",
        ".pagination a",
        "main form button",
        "main form input:not([type=hidden])",
        "main form select",
        "main form textarea",
        ".utrecht-button-link",
    ]
)


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize(
    "path", ["/", "/aan-de-slag/?functie=griffiers", "/casussen/", "/zoeken/?q=raad", FORM]
)
def test_targets_are_at_least_24_px(page, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    page.evaluate(
        "document.querySelectorAll('details[data-filter-panel]').forEach(d => d.open = true)"
    )
    targets = page.evaluate(TARGETS, TARGET_SELECTORS)
    assert targets, f"{path}: no targets found"
    small = [
        f"{t['what']} {t['width']:.0f}x{t['height']:.0f}"
        for t in targets
        if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET
    ]
    assert small == [], f"{path} at {width}px: targets smaller than 24x24 px: {small}"


HELP = """() => {
  const links = Array.from(document.querySelectorAll('footer.site-footer nav a'));
  return links.map(a => a.getAttribute('href'));
}"""


def test_help_is_in_the_same_place_on_every_page(page):
    paths = [path for _, path, _ in PAGE_TYPES] + [
        FORM,
        "/aan-de-slag/leerkring-raadsakkoorden/aanmelden/",
    ]
    first_links = {}
    for path in paths:
        page.goto(path)
        links = page.evaluate(HELP)
        first_links[path] = links[0] if links else None
        # The header's main navigation has the contact page too, in the same position.
        nav = page.locator(".site-nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert nav.index("/contact/") == 2, f"{path}: contact not third in the main navigation"
    assert set(first_links.values()) == {"/contact/"}, first_links


def test_review_step_asks_for_nothing_again_and_change_keeps_the_answers(page):
    page.goto(FORM)
    loaded_at = time.monotonic()
    page.fill("#id_municipality", "Houten")  # not one the other browser tests register
    page.keyboard.press("Tab")
    page.fill("#id_contact_name", "Anna de Vries")
    page.fill("#id_contact_function", "griffier")
    page.fill("#id_email", "anna.houten@example.org")
    page.fill("#id_phone", "030 123 4567")
    page.check("#id_consent")
    wait_out_the_spam_check(loaded_at)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()
    assert page.locator("h1").inner_text() == "Controleer uw aanmelding"

    # The review shows every answer and asks for none of them again.
    visible_fields = page.locator(
        "main input:not([type=hidden]), main select, main textarea"
    ).evaluate_all("els => els.filter(e => e.offsetParent !== null).map(e => e.name || e.id)")
    assert visible_fields == [], f"the review step asks again for: {visible_fields}"
    main = page.locator("main").inner_text()
    for answer in [
        "Houten",
        "Anna de Vries",
        "griffier",
        "anna.houten@example.org",
        "030 123 4567",
    ]:
        assert answer in main

    # "Wijzigen" goes back to the form with everything still filled in.
    with page.expect_navigation():
        page.locator("button[value=edit]").first.click()
    assert page.input_value("#id_contact_name") == "Anna de Vries"
    assert page.input_value("#id_email") == "anna.houten@example.org"
    assert page.input_value("#id_phone") == "030 123 4567"
    assert page.is_checked("#id_consent")


def test_admin_login_password_can_be_pasted_and_filled_by_a_password_manager(page):
    """3.3.8 Accessible Authentication, the part a browser can check: nothing blocks pasting."""
    page.goto("/admin/login/")
    password = page.locator("input[type=password]")
    assert password.get_attribute("autocomplete") == "current-password"
    blocked = password.evaluate(
        """el => {
          const data = new DataTransfer();
          data.setData('text/plain', 'geplakt-wachtwoord');
          const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
          return !el.dispatchEvent(event);
        }"""
    )
    assert blocked is False, "the admin login blocks pasting a password"
    assert page.locator("form img, form iframe, [class*=captcha]").count() == 0
