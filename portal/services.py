"""Queries for site-wide pages."""

from __future__ import annotations


def home_highlights(limit: int = 6) -> dict:
    """The newest live, public offerings and cases for the home page."""
    from cases.models import CasePage
    from programmes.models import ProgrammePage

    programmes = (
        ProgrammePage.objects.live()
        .public()
        .order_by("-first_published_at")
        .only("title", "url_path", "intro", "kind")[:limit]
    )
    cases = (
        CasePage.objects.live()
        .public()
        .order_by("-date")
        .only("title", "url_path", "summary", "date")[:3]
    )
    return {"latest_programmes": programmes, "latest_cases": cases}


def statement_kind(page, request) -> str | None:
    """``"accessibility"`` or ``"privacy"`` when ``page`` is the statement the site settings point at:
    its template then adds the parts the law asks for, filled from the site settings
    (``templates/includes/accessibility_statement.html``, ``privacy_statement.html``)."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return None
    settings = SiteSettings.for_site(site)
    if page.pk == settings.accessibility_page_id:
        return "accessibility"
    if page.pk == settings.privacy_page_id:
        return "privacy"
    return None
