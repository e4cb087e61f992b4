"""The two search caches: outcomes (plain data) and, for anonymous visitors, rendered results pages.

Both live under ``portal.caching.fragment_key`` (the page cache generation and today's date), for
``SEARCH_CACHE_SECONDS``: a publish, or any change that alters a public page, makes the next search
fresh on every machine. A hit is checked once more against the live, public pages (one query for the
restrictions, one for the ids): the second lock on the door for private pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils.translation import get_language

from portal.caching import fragment_key, is_anonymous_read, is_shareable
from search.filtering import SearchFilters
from search.pages import searchable_pages

if TYPE_CHECKING:
    from search.query import SearchOutcome


def _key(query: str, filters: SearchFilters, page: str, request, what: str) -> str:
    """The cache key of a search's ``what``, or "" when the search cache is off or the generation
    cannot be read."""
    if settings.SEARCH_CACHE_SECONDS <= 0:
        return ""
    host = request.get_host() if request is not None else ""  # result URLs are relative to the site
    language = get_language() or ""
    try:
        return fragment_key(
            what, query, filters.kind, filters.offering_kind, filters.role, page, language, host
        )
    except DatabaseError:
        return ""


def visible_ids(pages: QuerySet, ids: Sequence[int]) -> set[int]:
    """Which of the page ``ids`` are in ``pages`` (``searchable_pages()``: live and public)."""
    return set(pages.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def linked_page_ids(outcome: SearchOutcome) -> tuple[int, ...]:
    """The pages a results page links to: its results and its promoted pages."""
    promoted = (pick.page_id for pick in outcome.promotions if pick.page_id)
    return tuple(dict.fromkeys([*(item.page_id for item in outcome.items), *promoted]))


# -- outcomes -------------------------------------------------------------------------------------------


def outcome_key(query: str, filters: SearchFilters, page: str, request=None) -> str:
    return _key(query, filters, page, request, "search")


def get_outcome(key: str) -> SearchOutcome | None:
    """The cached outcome without results (and promoted pages) that stopped being live and public
    since it was cached (every such change bumps the generation, so this normally removes nothing)."""
    outcome = cache.get(key)
    if outcome is None:
        return None
    ids = linked_page_ids(outcome)
    if ids:
        visible = visible_ids(searchable_pages(), ids)
        outcome.items = [item for item in outcome.items if item.page_id in visible]
        outcome.promotions = [
            pick for pick in outcome.promotions if not pick.page_id or pick.page_id in visible
        ]
    return outcome


def set_outcome(key: str, outcome: SearchOutcome) -> None:
    cache.set(key, outcome, settings.SEARCH_CACHE_SECONDS)


# -- rendered results pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedResults:
    """A results page as every anonymous visitor gets it, and the pages it links to (results and
    promotions)."""

    html: str
    page_ids: tuple[int, ...]


def results_page_key(query: str, filters: SearchFilters, page: str, request) -> str:
    """Where the rendered results page is cached, or "" when it must be rendered: no query, a visitor
    with a session (editors see their user bar), or the search cache off."""
    if not query or not is_anonymous_read(request):
        return ""
    return _key(query, filters, page, request, "search-html")


def cached_results_page(key: str) -> str | None:
    """The cached HTML under ``key``, if every result and promoted page on it is still live and public
    (the same second lock as ``get_outcome``: two small queries)."""
    hit = cache.get(key) if key else None
    if hit is None:
        return None
    if hit.page_ids and len(visible_ids(searchable_pages(), hit.page_ids)) != len(hit.page_ids):
        return None
    return hit.html


def cache_results_page(key: str, request, response, outcome: SearchOutcome) -> None:
    """Keep a rendered results page for other anonymous visitors, if it holds nothing personal."""
    if key and is_shareable(request, response):
        rendered = RenderedResults(
            response.content.decode(response.charset), linked_page_ids(outcome)
        )
        cache.set(key, rendered, settings.SEARCH_CACHE_SECONDS)
