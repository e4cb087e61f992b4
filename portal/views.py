"""Site-wide views: health check, robots.txt and error pages in the site's look."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


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
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page rendered without a request context: it must work even when the database is down."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
