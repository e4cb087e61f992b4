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
