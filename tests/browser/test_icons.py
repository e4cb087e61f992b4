"""The browser's own requests: the favicon is served (no 404 and console error on every page) and the
header logo loads."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page_has_no_console_errors_and_icons_load(page, site_url):
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert errors == [] and failed == []

    favicon = page.request.get(site_url + "/favicon.ico")
    assert favicon.status == 200 and favicon.headers["content-type"] == "image/x-icon"
    svg = page.locator('link[rel="icon"][type="image/svg+xml"]').get_attribute("href")
    assert page.request.get(site_url + svg).status == 200
    logo = page.locator("img.site-header__logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert logo.get_attribute("alt") == ""
    assert "Programmabureau Lokale Democratie" in page.locator("a.site-header__name").inner_text()
