"""What every endpoint under ``/api/v1/`` shares, after the NL API Design Rules.

* Errors are ``application/problem+json`` (RFC 9457): ``type``, ``title`` (Dutch), ``status``,
  ``detail``, ``instance``; a 400 also carries ``invalidParams`` (``[{"name", "reason"}]``, as the NL
  rules' problem extension). The older members ``error`` (= ``detail``) and ``field`` stay for clients
  written against them. Views build them with :func:`problem`; :class:`ApiMiddleware` turns every other
  error response under ``/api/`` (an unknown path's 404, a 405 from ``require_GET``, a 500) into one.
* Every response under ``/api/`` carries the ``API-Version`` header (:data:`API_VERSION`, the same as
  ``info.version`` in the OpenAPI document, ``portal/openapi.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
API_VERSION = "1.0.0"
PROBLEM_CONTENT_TYPE = "application/problem+json"
#: Headers of an original error response that the problem response keeps.
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control")


def status_title(status: int) -> str:
    """The Dutch title of a problem with this status."""
    titles = {
        400: _("Bad request"),
        404: _("Not found"),
        405: _("Method not allowed"),
        429: _("Too many requests"),
        500: _("Internal server error"),
        503: _("Service unavailable"),
    }
    return titles.get(status, _("Request failed"))


def problem(
    request: HttpRequest | None,
    status: int,
    detail: str,
    *,
    field: str | None = None,
    title: str | None = None,
) -> JsonResponse:
    """An RFC 9457 problem response; ``field`` names the query parameter it is about."""
    body: dict = {
        "type": "about:blank",
        "title": title or status_title(status),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.path
    if status == 400 and field:
        body["invalidParams"] = [{"name": field, "reason": detail}]
    body["error"] = detail
    body["field"] = field
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


def default_detail(status: int) -> str:
    details = {
        404: _("There is nothing at this address in the API."),
        405: _("This method is not supported here."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    return details.get(status, status_title(status))


class ApiMiddleware:
    """``API-Version`` on every API response; every API error as ``application/problem+json``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(PROBLEM_CONTENT_TYPE):
            original = response
            response = problem(request, original.status_code, default_detail(original.status_code))
            for header in KEPT_HEADERS:
                if header in original:
                    response[header] = original[header]
        response["API-Version"] = API_VERSION
        return response
