"""One search request, from what the visitor typed to the outcome a results page shows.

The flow:

1. ``clean_query`` turns whatever the visitor typed into a short, safe string: control characters, NUL
   bytes, lone surrogates, quotes and operator characters become spaces, and it is cut to
   ``MAX_QUERY_LENGTH``. Every backend then receives plain words only (no FTS5 or tsquery syntax errors).
2. ``SearchFilters.from_params`` validates the facet choices (kind, offering kind, role).
3. ``searchable_pages`` is the one queryset searched: every *live* and *public* page (pages under a
   login or password restriction never appear, not even their titles) below the root. No list of
   searchable models: every page type's ``search_fields`` take part; ``result_kind`` only labels them.
4. ``run_search`` adds the editors' synonyms to the query (``search.lexicon.expand``), applies the
   filters as queryset filters the backend understands, searches, counts the facets
   (``search.facets``), finds matching people (``Person`` snippets) and editor-promoted results
   (``wagtail.contrib.search_promotions``), and for a search without results a "did you mean"
   (``search.suggest``). The outcome is plain data (ids, texts, counts), cached under the page cache
   generation (``search.cache``).

How words match (Dutch forms, compounds) is the backends' job: ``search.backends`` and
``search.index_settings``. The backend is chosen in ``portal.env.search_config``. With an external
engine (Elasticsearch, OpenSearch) every engine failure is raised as ``SearchUnavailable``; the view
answers 503.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from people.models import Person
from portal.filters import FacetOption
from search import cache as search_cache
from search import facets
from search.constants import MAX_QUERY_LENGTH, PEOPLE_LIMIT, RESULTS_PER_PAGE
from search.errors import SearchUnavailable, engine_errors
from search.filtering import SearchFilters, filtered_pages
from search.highlight import ResultItem, result_items
from search.lexicon import expand
from search.pages import searchable_pages, uses_database_backend
from search.suggest import did_you_mean

logger = logging.getLogger("portal.search")

__all__ = ["SearchFilters", "SearchOutcome", "SearchUnavailable", "clean_query", "run_search"]


def clean_query(raw: str | None) -> str:
    """The visitor's input as plain words, at most ``MAX_QUERY_LENGTH`` characters."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", _drop_surrogates(raw[: MAX_QUERY_LENGTH * 4]))
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if len(words) > 1:
        words = [w for w in words if len(w) > 1] or words
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def _drop_surrogates(text: str) -> str:
    return text.encode("utf-8", "ignore").decode("utf-8") if not text.isascii() else text


# -- the outcome ----------------------------------------------------------------------------------------


@dataclass
class SearchOutcome:
    """Everything one results page shows, as plain data (cached whole, see ``run_search``)."""

    query: str
    filters: SearchFilters
    total: int = 0
    page_number: int = 1
    items: list[ResultItem] = field(default_factory=list)  # this page's results, in relevance order
    kind_facets: list[FacetOption] = field(default_factory=list)
    offering_facets: list[FacetOption] = field(default_factory=list)
    role_facets: list[FacetOption] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    promotions: list[SearchPromotion] = field(default_factory=list)
    did_you_mean: str = ""  # a corrected query, for a search without results

    def paginator_page(self) -> DjangoPage:
        """A Django paginator page over the result positions (for numbering and page links)."""
        return Paginator(range(self.total), RESULTS_PER_PAGE).get_page(self.page_number)


def run_search(query: str, filters: SearchFilters, page: str = "", request=None) -> SearchOutcome:
    """One results page for ``query`` (already cleaned); raises ``SearchUnavailable``.

    The outcome is plain data, cached for ``SEARCH_CACHE_SECONDS`` under the page cache generation, so a
    publish (or any change that alters a public page) makes the next search fresh on every machine.
    """
    outcome = SearchOutcome(query=query, filters=filters)
    if not query:
        return outcome
    key = search_cache.outcome_key(query, filters, page, request)
    if key:
        cached = search_cache.get_outcome(key)
        if cached is not None:
            return cached
    base = searchable_pages()
    terms = expand(query)
    try:
        results = filtered_pages(base, filters).search(terms)
        totals = facets.kind_totals(base, terms, filters)
        outcome.kind_facets = facets.kind_facets(totals, query, filters)
        if uses_database_backend():
            # The kind facet counts every match once per kind, so it also gives the total: one search
            # query fewer (it matters for a word on nearly every page).
            outcome.total = sum(
                n for kind, n in totals.items() if not filters.kind or kind == filters.kind
            )
        else:  # an engine's facet (a terms aggregation) returns only its largest buckets: count exactly
            outcome.total = results.count()
        paginator_page = Paginator(range(outcome.total), RESULTS_PER_PAGE).get_page(page)
        outcome.page_number = paginator_page.number
        if outcome.total:
            start, end = paginator_page.start_index() - 1, paginator_page.end_index()
            page_ids = [result.pk for result in results[start:end]]
            outcome.items = result_items(page_ids, query, request)
        outcome.offering_facets = facets.offering_facets(terms, query, filters)
        outcome.role_facets = facets.role_facets(base, terms, query, filters)
        if not filters.active:
            outcome.people = list(get_search_backend().search(terms, Person)[:PEOPLE_LIMIT])
        if not outcome.total and not outcome.people:
            outcome.did_you_mean = did_you_mean(query)
    except engine_errors() as exc:
        logger.warning("Search engine unavailable: %s", type(exc).__name__)
        raise SearchUnavailable from exc
    outcome.promotions = promotions(base, query)
    if key:
        search_cache.set_outcome(key, outcome)
    return outcome


def promotions(base: QuerySet, query: str) -> list[SearchPromotion]:
    """Editor-picked results for this exact query, promoted pages only when live and public."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    visible = search_cache.visible_ids(base, [pick.page_id for pick in picks if pick.page_id])
    return [pick for pick in picks if not pick.page_id or pick.page_id in visible]
