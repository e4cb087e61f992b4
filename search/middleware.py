"""Admin searches degrade instead of failing when the external search engine is down or hangs.

Wagtail's admin listings (pages search, snippets, images, documents) run the search engine query while
rendering; an unreachable engine raised a 500. ``AdminSearchUnavailableMiddleware`` catches the engine's
errors (``search.errors.engine_errors``) on admin URLs and sends the editor back to the same listing
without the search term, with a Dutch message saying search is temporarily unavailable. Nothing of the
query is logged or echoed (it may hold a name or an e-mail address).
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from search.errors import engine_errors

logger = logging.getLogger("portal.search")

ADMIN_PREFIX = "/admin/"
SEARCH_PARAMETERS = ("q", "p", "page")


class AdminSearchUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.errors = engine_errors()

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self.errors or not isinstance(exception, self.errors):
            return None
        if not request.path.startswith(ADMIN_PREFIX):
            return None
        logger.warning("Search engine unavailable in the admin (%s).", type(exception).__name__)
        message = _(
            "Search is temporarily unavailable. The list is shown without your search term; "
            "please try again in a few minutes."
        )
        if request.method == "GET" and any(p in request.GET for p in SEARCH_PARAMETERS):
            messages.warning(request, message)
            rest = [(k, v) for k, v in request.GET.items() if k not in SEARCH_PARAMETERS]
            return HttpResponseRedirect(request.path + (f"?{urlencode(rest)}" if rest else ""))
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "60"
        return response
