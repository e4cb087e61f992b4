"""An editor's walk in real Chromium: log in as Eindredactie, create a programme with a role and a
take-away in the page editor, schedule it through Wagtail's "Stel schema in" dialog, choose "Publicatie
inplannen", run ``publish_scheduled`` the way cron does once the go-live time has passed, and see the
programme in the catalogue under its role (and not under another).

The go-live time is the next whole minute at least ``MIN_LEAD`` away (the widget has minute granularity),
so the walk waits up to about 75 seconds for the clock. Running publish_scheduled too early, revisions and
unpublishing are covered faster with freezegun in tests/portal/test_admin_scheduling.py.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import uuid
from zoneinfo import ZoneInfo

import pytest

from tests.browser.helpers import ROOT, assert_accessible, screenshot, tab_to

pytestmark = pytest.mark.browser

PASSWORD = "walk-eindredactie-2026"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # settings.TIME_ZONE; the schedule fields are read in it
MIN_LEAD = dt.timedelta(seconds=15)  # time to save the schedule and choose "Publicatie inplannen"


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


def _next_go_live_time() -> dt.datetime:
    """The next whole minute (Europe/Amsterdam) that is at least MIN_LEAD from now."""
    earliest = dt.datetime.now(AMSTERDAM) + MIN_LEAD
    return earliest.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def _wait_until(moment: dt.datetime) -> None:
    """Poll the clock until ``moment`` has passed (publish_scheduled wants go_live_at < now)."""
    while (remaining := (moment - dt.datetime.now(dt.UTC)).total_seconds()) >= 0:
        time.sleep(min(remaining + 0.05, 1.0))


def test_editor_creates_schedules_and_sees_a_programme(live_site, page, browser, axe):
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

    # Set the go-live time: status side panel > "Stel schema in" opens the schedule dialog.
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Stel schema in").click()
    dialog = page.locator("#schedule-publishing-dialog")
    go_live = _next_go_live_time()
    typed = go_live.strftime("%Y-%m-%d %H:%M")
    # Type the time as a keyboard user would. The date picker pops up over the dialog (and its time
    # list only offers whole hours). Escape must NOT be used to close it: Escape closes the whole dialog,
    # and Wagtail resets both schedule fields to their saved values whenever the dialog is hidden
    # (data-action="w-dialog:hidden->w-action#reset") - that is how an earlier attempt "lost" the time.
    # Tab instead: it closes the picker, moves through "Vervaldatum/tijd" (whose picker opens and closes
    # in turn) to "Schema opslaan", and Enter submits the form from there.
    dialog.locator("#id_go_live_at").fill(typed)
    tab_to(
        page,
        "el => el.matches('#schedule-publishing-dialog button.action-save')",
        max_tabs=6,
    )
    assert dialog.locator("#id_go_live_at").input_value() == typed
    screenshot(page, "editor-walk-schedule-dialog", widths=(1280,))
    with page.expect_navigation():
        page.keyboard.press("Enter")  # "Schema opslaan": saves a draft with the schedule
    assert page.url.endswith("/edit/"), page.url

    # The draft now carries the schedule; the status panel says it applies "Eenmaal ingepland".
    status = page.locator("[data-side-panel='status']")
    if not status.is_visible():
        page.locator("[data-side-panel-toggle='status']").click()
    assert "Eenmaal ingepland" in status.inner_text()
    screenshot(page, "editor-walk-draft-with-schedule", widths=(1280,))

    # The footer action menu now offers "Publicatie inplannen" instead of "Publiceren".
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    schedule_button = page.locator("button[name='action-publish']")
    assert schedule_button.inner_text().strip() == "Publicatie inplannen"
    with page.expect_navigation():
        schedule_button.click()
    assert page.url.endswith(f"/admin/pages/{catalogue_id}/"), page.url
    # Wagtail says "ingepland" (not "gepubliceerd") only when go_live_at was still in the future.
    message = page.get_by_text(f"De pagina '{title}' is ingepland voor publicatie.")
    assert message.count() == 1, (
        "not scheduled; was the go-live time already past when 'Publicatie inplannen' was chosen?"
    )
    row = page.locator("tr", has=page.get_by_role("link", name=title, exact=True))
    assert "gepland" in row.inner_text().lower()  # the explorer's status column
    screenshot(page, "editor-walk-scheduled", widths=(1280,))

    slug, generation = _shell(
        live_site,
        "from portal.caching import current_generation\n"
        "from programmes.models import ProgrammePage\n"
        f"p = ProgrammePage.objects.get(title={title!r})\n"
        "assert not p.live, 'live before its go-live time'\n"
        f"assert p.go_live_at.isoformat() == {go_live.astimezone(dt.UTC).isoformat()!r}, p.go_live_at\n"
        "assert p.latest_revision.approved_go_live_at == p.go_live_at, 'schedule not approved'\n"
        "print(p.slug, current_generation())",
    ).split()

    # Visitors (a fresh browser context: no editor session) do not see it yet.
    visitor_context = browser.new_context(
        base_url=live_site.url, locale="nl-NL", reduced_motion="reduce"
    )
    try:
        visitor = visitor_context.new_page()
        visitor.goto("/aan-de-slag/?functie=griffiers")
        assert visitor.get_by_role("link", name=title, exact=True).count() == 0
        assert visitor.goto(f"/aan-de-slag/{slug}/").status == 404

        # Cron: once the go-live time has passed, publish_scheduled makes the page live. It runs in its
        # own process, so the page cache is invalidated through the shared database generation. The
        # browser site runs with PAGE_CACHE_SECONDS = 0 (portal.settings.test), so check the bump here;
        # serving from the cache is covered in tests/portal/test_page_cache.py.
        _wait_until(go_live)
        live_site.manage("publish_scheduled")  # subprocess with the live site's env, as cron would
        live, generation_after = _shell(
            live_site,
            "from portal.caching import current_generation\n"
            "from programmes.models import ProgrammePage\n"
            f"print(ProgrammePage.objects.get(title={title!r}).live, current_generation())",
        ).split()
        assert live == "True"
        assert int(generation_after) > int(generation), (
            "publishing did not invalidate the page cache"
        )

        visitor.goto("/aan-de-slag/?functie=griffiers")
        assert visitor.get_by_role("link", name=title, exact=True).count() == 1
        assert_accessible(axe, visitor, "catalogue with the scheduled programme")
        screenshot(visitor, "editor-walk-catalogue", widths=(1280,))
        visitor.goto("/aan-de-slag/?functie=burgemeesters")
        assert visitor.get_by_role("link", name=title, exact=True).count() == 0
        assert visitor.goto(f"/aan-de-slag/{slug}/").status == 200
        assert "Een redacteur kan het zelf" in visitor.content()
        assert_accessible(axe, visitor, "the scheduled programme's page")
    finally:
        visitor_context.close()
