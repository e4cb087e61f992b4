"""Views for /zoeken/ (results page) and /zoeken/suggesties/ (autocomplete JSON).

Thin on purpose: searching lives in ``search.query`` (and the modules it names), the caches in
``search.cache``. Both views answer GET only, never set
cookies, and turn an unavailable external search engine into a 503 (HTML page or JSON).
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.ratelimit import ratelimit
from programmes.models import CatalogueIndexPage
from search.cache import cache_results_page, cached_results_page, results_page_key
from search.constants import MIN_SUGGEST_LENGTH
from search.errors import SearchUnavailable
from search.facets import panel_facets
from search.filtering import SearchFilters, search_url
from search.query import clean_query, run_search
from search.querylog import log_query
from search.suggest import suggestions

_SLUG = re.compile(r"[-a-z0-9_]{1,100}")


def _param(request: HttpRequest, name: str) -> str:
    """A short slug-like GET parameter, or "" (never lets odd input reach the database)."""
    value = request.GET.get(name, "").strip()
    return value if _SLUG.fullmatch(value) else ""


def _page_param(request: HttpRequest) -> str:
    """The ``page`` parameter as digits only ("" otherwise: the paginator then shows page 1)."""
    value = request.GET.get("page", "").strip()[:6]
    return value if value.isdigit() else ""


@require_safe
@ratelimit("search", methods=("GET", "HEAD"))
def search_view(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    filters = SearchFilters.from_params(
        _param(request, "soort"), _param(request, "aanbod"), _param(request, "functie")
    )
    page = _page_param(request)
    # Count a search once: not again for its other pages or facet clicks.
    counted = bool(query) and request.GET.get("page", "1") in ("", "1") and not filters.active
    key = results_page_key(query, filters, page, request)
    html = cached_results_page(key)
    if html is not None:
        if counted:
            log_query(query)
        return _no_store(HttpResponse(html))
    try:
        outcome = run_search(query, filters, page, request)
    except SearchUnavailable:
        response = render(request, "search/unavailable.html", {"query": query}, status=503)
        response["Retry-After"] = "30"
        return _no_store(response)
    if counted:
        log_query(query)

    page_obj = outcome.paginator_page() if query else None
    first_page = page_obj is None or page_obj.number == 1
    facet_groups = panel_facets(outcome, query, filters)

    pagination = None
    if page_obj is not None and page_obj.paginator.num_pages > 1:
        pagination = {
            "previous": search_url(query, filters, page=page_obj.previous_page_number())
            if page_obj.has_previous()
            else "",
            "next": search_url(query, filters, page=page_obj.next_page_number())
            if page_obj.has_next()
            else "",
        }
    context = {
        "query": query,
        "filters": filters,
        "outcome": outcome,
        "page_obj": page_obj,
        "items": outcome.items,
        "total": page_obj.paginator.count if page_obj is not None else 0,
        "pagination": pagination,
        "show_extras": first_page,
        "clear_url": search_url(query, SearchFilters()),
        "did_you_mean_url": search_url(outcome.did_you_mean, filters)
        if outcome.did_you_mean
        else "",
        "catalogue_url": _catalogue_url(request) if query and not outcome.total else "",
        "facet_groups": facet_groups,
        "chosen_count": sum(bool(v) for v in (filters.kind, filters.offering_kind, filters.role)),
    }
    response = render(request, "search/search.html", context)
    cache_results_page(key, request, response, outcome)
    return _no_store(response)


def _catalogue_url(request: HttpRequest) -> str:
    """The catalogue "Aan de slag" (offerings per role), wherever editors put it in the tree."""
    catalogue = CatalogueIndexPage.objects.live().public().first()
    return (catalogue.get_url(request) or "") if catalogue else ""


def _no_store(response: HttpResponse) -> HttpResponse:
    """Search pages stay out of browser and proxy caches: a query can be personal."""
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@ratelimit("search_suggest", methods=("GET", "HEAD"), json=True)
def suggest_view(request: HttpRequest) -> JsonResponse:
    query = clean_query(request.GET.get("q", ""))
    if len(query) < MIN_SUGGEST_LENGTH:
        return JsonResponse({"suggestions": []})
    try:
        data = suggestions(query, request)
    except SearchUnavailable:
        response = JsonResponse({"suggestions": []}, status=503)
        response["Cache-Control"] = "no-store"
        return response
    response = JsonResponse({"suggestions": data})
    response["Cache-Control"] = "public, max-age=60"
    return response
