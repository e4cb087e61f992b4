"""Helpers for the browser tests: readable axe reports, screenshots and a reflow check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BROWSER_TESTS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def missing_browser_tool() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[dev]')"
    return None


def format_violations(violations: list[dict], where: str) -> str:
    """axe violations as a readable report: rule, impact, help, link and the failing elements."""
    lines = [f"{len(violations)} axe-core violation(s) (WCAG 2.2 A/AA) on {where}:"]
    for violation in violations:
        lines.append(
            f"\n- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}"
        )
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation.get("nodes", [])[:8]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"  * {target}")
            lines.append(f"    {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
        if len(violation.get("nodes", [])) > 8:
            lines.append(f"  ... and {len(violation['nodes']) - 8} more element(s)")
    return "\n".join(lines)


def assert_accessible(axe, page, where: str) -> None:
    """Run axe-core with the WCAG 2.0-2.2 A/AA tags; fail with a readable report on any violation."""
    results = axe.run(page, options=AXE_OPTIONS)
    violations = results.response.get("violations", [])
    if violations:
        pytest.fail(format_violations(violations, where), pytrace=False)


#: The widths every page type and form state is checked at (desktop, tablet, the WCAG reflow width).
AXE_WIDTHS = (1280, 768, 320)


def assert_accessible_at_every_width(axe, page, where: str) -> None:
    """``assert_accessible`` at 1280, 768 and 320 px on the state the page is in (a form state after a
    POST cannot be loaded again, so the viewport is resized); the viewport is restored to 1280 px."""
    height = page.viewport_size["height"] if page.viewport_size else 900
    try:
        for width in AXE_WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            assert_accessible(axe, page, f"{where} at {width} px")
    finally:
        page.set_viewport_size({"width": 1280, "height": height})


def screenshot(page, name: str, widths: tuple[int, ...] = (1280, 375)) -> None:
    """Full-page screenshots at the given widths; the viewport is restored to 1280 px afterwards."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.viewport_size["height"] if page.viewport_size else 900
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}-{width}.jpg"), full_page=True, type="jpeg", quality=80
        )
    page.set_viewport_size({"width": 1280, "height": height})


def horizontal_overflow(page, width: int = 320) -> int:
    """How many CSS pixels the page is wider than a ``width`` px viewport (0: reflows fine)."""
    height = page.viewport_size["height"] if page.viewport_size else 900
    page.set_viewport_size({"width": width, "height": height})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": height})
    return max(0, int(overflow))


def overflowing_elements(page, width: int = 320) -> list[str]:
    """Elements sticking out to the right of a ``width`` px viewport, for a helpful failure message."""
    height = page.viewport_size["height"] if page.viewport_size else 900
    page.set_viewport_size({"width": width, "height": height})
    found = page.evaluate(
        """(width) => Array.from(document.querySelectorAll('body *'))
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 10)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                 + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)')""",
        width,
    )
    page.set_viewport_size({"width": 1280, "height": height})
    return found


def tab_to(page, predicate: str, max_tabs: int = 80) -> str:
    """Press Tab until ``predicate`` (a JS function of the focused element) is true; returns its tag.

    Fails when the element is never reached: then it cannot be reached with the keyboard.
    """
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return page.evaluate("document.activeElement.tagName.toLowerCase()")
    pytest.fail(f"Not reachable with Tab within {max_tabs} presses: {predicate}", pytrace=False)
