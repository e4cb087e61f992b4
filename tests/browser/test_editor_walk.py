"""An editor's walk in real Chromium: log in as Eindredactie, create a programme with a role and a
take-away in the page editor, publish it from the action menu, and see it in the catalogue under that
role (and not under another).

Scheduling is covered through the admin views with freezegun in tests/portal/test_admin_scheduling.py:
the scheduling dialog resets its field when it closes, which made a browser version brittle.
"""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest

from tests.browser.helpers import ROOT, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "walk-eindredactie-2026"


def _shell(live_site, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=live_site.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def test_editor_creates_schedules_and_sees_a_programme(live_site, page):
    username = f"eindredacteur-{uuid.uuid4().hex[:6]}"
    catalogue_id = _shell(
        live_site,
        "from django.contrib.auth.models import Group, User\n"
        "from programmes.models import CatalogueIndexPage\n"
        f"u = User.objects.create_user({username!r}, password={PASSWORD!r}, is_staff=True)\n"
        "u.groups.add(Group.objects.get(name='Eindredactie'))\n"
        "print(CatalogueIndexPage.objects.get().pk)",
    )
    title = f"Wandeling {username[-6:]}"

    # Log in (Dutch login page).
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    assert page.url.rstrip("/").endswith("/admin")

    # Create the programme under "Aan de slag".
    page.goto(f"/admin/pages/add/programmes/programmepage/{catalogue_id}/")
    page.fill("#id_title", title)
    page.fill("#id_intro", "Een programma dat in de browser is aangemaakt.")
    page.get_by_label("Griffiers").check()
    page.locator("#id_takeaways-ADD").click()
    page.fill("#id_takeaways-0-text", "Een redacteur kan het zelf")
    screenshot(page, "editor-walk-form", widths=(1280,))

    # Publish through the action menu in the footer.
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    assert page.url.endswith(f"/admin/pages/{catalogue_id}/")
    slug = _shell(
        live_site,
        "from programmes.models import ProgrammePage\n"
        f"p = ProgrammePage.objects.get(title={title!r})\n"
        "assert p.live\n"
        "print(p.slug)",
    )

    page.goto("/aan-de-slag/?functie=griffiers")
    assert title in page.content()
    screenshot(page, "editor-walk-catalogue", widths=(1280,))
    page.goto("/aan-de-slag/?functie=burgemeesters")
    assert title not in page.content()
    page.goto(f"/aan-de-slag/{slug}/")
    assert "Een redacteur kan het zelf" in page.content()
