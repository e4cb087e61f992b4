"""Site-wide views: health check, robots.txt, /favicon.ico and error pages in the site's look."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.site_address import absolute_url

FAVICON = "img/favicon.ico"  # rendered from static/img/favicon.svg


def healthz(request: HttpRequest) -> JsonResponse:
    """Status of the portal and each dependency as JSON (``portal.health``): 200, or 503 when the
    database is down. No personal data, never cached, never an HTML page."""
    from portal.health import DOWN, run_checks

    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"status": "method not allowed"}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    overall, checks = run_checks()
    response = JsonResponse(
        {"status": overall, "checks": checks}, status=503 if overall == DOWN else 200
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=1)
def _favicon_bytes() -> bytes:
    with open(finders.find(FAVICON), "rb") as handle:
        return handle.read()


@require_GET
@cache_control(max_age=7 * 86400, public=True)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on every site whatever the page links (no 404s)."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page rendered without a request context: it must work even when the database is down."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
