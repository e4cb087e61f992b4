"""Site-wide middleware.

``ContentSecurityPolicyMiddleware`` is Django's own CSP middleware with one change: the Wagtail admin, which
still ships inline scripts and styles, gets the policy as *report-only*, while every public page enforces it.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/documents/")


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIXES) and not hasattr(response, "_csp_config"):
            response._csp_config = {}
            response._csp_ro_config = settings.SECURE_CSP
        return super().process_response(request, response)
