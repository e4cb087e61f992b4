"""Site-wide middleware.

``ContentSecurityPolicyMiddleware`` is Django's own CSP middleware with one change: the Wagtail admin, which
still ships inline scripts and styles, gets the policy as *report-only*, while every public page enforces it.

``CachedSiteMiddleware`` answers Wagtail's ``Site.find_for_request`` for public pages from the fragment
cache (``portal.caching.cached_value``, under the cache generation that every Site save and every publish
bumps), instead of Wagtail's query per request. The admin always asks the database.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from wagtail.models import Site

from portal.caching import EXCLUDED_PREFIXES, cached_value

ADMIN_PREFIXES = ("/admin/", "/documents/")


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIXES) and not hasattr(response, "_csp_config"):
            response._csp_config = {}
            response._csp_ro_config = settings.SECURE_CSP
        return super().process_response(request, response)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(EXCLUDED_PREFIXES):
            host, port = request._get_raw_host(), request.get_port()
            site = cached_value(("site", host, port), lambda: Site.find_for_request(request))
            request._wagtail_site = site  # what Site.find_for_request reads first
        return self.get_response(request)
