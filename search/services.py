"""Site search: what /zoeken/ and /zoeken/suggesties/ ask the search backend, and how answers are shaped.

The flow of one search request:

1. ``clean_query`` turns whatever the visitor typed into a short, safe string: control characters, NUL
   bytes, lone surrogates, quotes and operator characters become spaces, and it is cut to
   ``MAX_QUERY_LENGTH``. Every backend then receives plain words only (no FTS5 or tsquery syntax errors).
2. ``searchable_pages`` is the one queryset searched: every *live* and *public* page (pages under a
   login or password restriction never appear, not even their titles) below the root. No list of
   searchable models: every page type's ``search_fields`` take part; ``result_kind`` only labels them.
3. ``run_search`` applies the filters (kind, offering kind, role) as queryset filters the backend
   understands, searches, counts the facets for the current query, and finds matching people (``Person``
   snippets) and editor-promoted results (``wagtail.contrib.search_promotions``). Facet counts cost a
   fixed number of queries (two grouped queries for all roles on the database backends). The outcome is
   plain data (ids and counts), cached under the page cache generation for ``SEARCH_CACHE_SECONDS``.
   For anonymous visitors the rendered results page is cached the same way (``results_page_key``), so a
   repeated search costs a cache read and a visibility check of its results.
4. ``snippet`` shows the matched words in context, HTML-escaped, with ``<mark>`` around the matches.

The backend is chosen in ``portal.env.search_config``. With an external engine (Elasticsearch,
OpenSearch) every engine failure is raised as ``SearchUnavailable``; the view answers 503.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from cases.models import CasePage
from people.models import Person
from portal.caching import fragment_key, is_anonymous_read, is_shareable
from programmes.constants import OfferingKind
from programmes.models import ProgrammePage, Role
from search.constants import (
    MAX_LOGGED_QUERY_LENGTH,
    MAX_QUERY_LENGTH,
    PEOPLE_LIMIT,
    QUERY_LOG_BATCH,
    RESULTS_PER_PAGE,
    SNIPPET_WORDS,
    SUGGESTIONS_LIMIT,
    ResultKind,
)

logger = logging.getLogger("portal.search")

_DIGIT_RUN = re.compile(r"\d{5,}")


class SearchUnavailable(Exception):
    """The external search engine did not answer (down, timed out, index missing)."""


# -- input ----------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class SearchFilters:
    """Validated facet choices; unknown values are dropped (a stale link never errors)."""

    kind: str = ""
    offering_kind: str = ""
    role: str = ""

    @classmethod
    def from_params(cls, kind: str, offering_kind: str, role: str) -> SearchFilters:
        kind = kind if kind in ResultKind.values else ""
        offering_kind = offering_kind if offering_kind in OfferingKind.values else ""
        if offering_kind and kind not in ("", ResultKind.PROGRAMME):
            offering_kind = ""
        role = role if role and Role.objects.filter(slug=role).exists() else ""
        return cls(kind=kind, offering_kind=offering_kind, role=role)

    @property
    def active(self) -> bool:
        return bool(self.kind or self.offering_kind or self.role)


# -- what is searched -----------------------------------------------------------------------------------


def searchable_pages() -> QuerySet:
    """Every live, public page except the tree root: the single source of page results."""
    return Page.objects.live().public().filter(depth__gt=1)


def result_kind(page: Page) -> str:
    if isinstance(page, ProgrammePage):
        return ResultKind.PROGRAMME
    if isinstance(page, CasePage):
        return ResultKind.CASE
    return ResultKind.PAGE


def _uses_database_backend() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return ".database" in backend


def _ids(queryset: QuerySet):
    """Page ids for an ``id__in`` filter: a subquery on the database backend, a list for engines."""
    ids = queryset.values("id")
    return ids if _uses_database_backend() else list(ids.values_list("id", flat=True))


def _role_filter(role: str) -> Q:
    """Pages (programmes and cases) for one role. On the database backend two plain ``id IN (subquery)``
    conditions side by side: nesting them in a third subquery made PostgreSQL pick a plan that took
    seconds at 10,000 pages."""
    programmes = ProgrammePage.objects.filter(roles__slug=role).values("pk")
    cases = CasePage.objects.filter(roles__slug=role).values("pk")
    if _uses_database_backend():
        return Q(id__in=programmes) | Q(id__in=cases)
    return Q(id__in=[*programmes.values_list("pk", flat=True), *cases.values_list("pk", flat=True)])


def filtered_pages(base: QuerySet, filters: SearchFilters, *, skip: str = "") -> QuerySet:
    """``base`` (``searchable_pages()``, built once per request: ``.public()`` reads the restrictions)
    narrowed by the filters; ``skip`` leaves one filter out (for that facet's counts)."""
    pages = base
    if filters.kind and skip != "kind":
        if filters.kind == ResultKind.PROGRAMME:
            pages = pages.type(ProgrammePage)
        elif filters.kind == ResultKind.CASE:
            pages = pages.type(CasePage)
        else:
            pages = pages.not_type(ProgrammePage, CasePage)
    if filters.offering_kind and skip != "offering_kind":
        pages = pages.filter(id__in=_ids(ProgrammePage.objects.filter(kind=filters.offering_kind)))
    if filters.role and skip != "role":
        pages = pages.filter(_role_filter(filters.role))
    return pages


# -- results --------------------------------------------------------------------------------------------


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class SearchOutcome:
    """Everything one results page shows, as plain data (cached whole, see ``run_search``)."""

    query: str
    filters: SearchFilters
    total: int = 0
    page_number: int = 1
    items: list[ResultItem] = field(default_factory=list)  # this page's results, in relevance order
    kind_facets: list[Facet] = field(default_factory=list)
    offering_facets: list[Facet] = field(default_factory=list)
    role_facets: list[Facet] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    promotions: list[SearchPromotion] = field(default_factory=list)

    def paginator_page(self) -> DjangoPage:
        """A Django paginator page over the result positions (for numbering and page links)."""
        return Paginator(range(self.total), RESULTS_PER_PAGE).get_page(self.page_number)


def engine_errors() -> tuple[type[BaseException], ...]:
    """The exception classes the installed Elasticsearch/OpenSearch clients raise on failure."""
    errors: list[type[BaseException]] = []
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:  # pragma: no cover - depends on the installed extras
        pass
    try:
        from elastic_transport import TransportError as ElasticTransportError
        from elasticsearch import ApiError

        errors += [ElasticTransportError, ApiError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def run_search(query: str, filters: SearchFilters, page: str = "", request=None) -> SearchOutcome:
    """One results page for ``query`` (already cleaned); raises ``SearchUnavailable``.

    The outcome is plain data, cached for ``SEARCH_CACHE_SECONDS`` under the page cache generation, so a
    publish (or any change that alters a public page) makes the next search fresh on every machine.
    """
    outcome = SearchOutcome(query=query, filters=filters)
    if not query:
        return outcome
    key = _cache_key(query, filters, page, request)
    if key:
        cached = cache.get(key)
        if cached is not None:
            return _still_visible(cached)
    base = searchable_pages()
    try:
        results = filtered_pages(base, filters).search(query)
        totals = kind_totals(base, query, filters)
        outcome.kind_facets = kind_facets(totals, filters)
        if _uses_database_backend():
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
        outcome.offering_facets = offering_facets(query, filters)
        outcome.role_facets = role_facets(base, query, filters)
        if not filters.active:
            outcome.people = list(get_search_backend().search(query, Person)[:PEOPLE_LIMIT])
    except engine_errors() as exc:
        logger.warning("Search engine unavailable: %s", type(exc).__name__)
        raise SearchUnavailable from exc
    outcome.promotions = promotions(base, query)
    if key:
        cache.set(key, outcome, settings.SEARCH_CACHE_SECONDS)
    return outcome


def _still_visible(outcome: SearchOutcome) -> SearchOutcome:
    """A cached outcome without results (and promoted pages) that stopped being live and public since
    it was cached.

    Every such change bumps the cache generation, so this normally removes nothing; it is the second
    lock on the door for private pages (one query for the restrictions, one for the ids)."""
    ids = _linked_page_ids(outcome)
    if ids:
        visible = _visible_ids(searchable_pages(), ids)
        outcome.items = [item for item in outcome.items if item.page_id in visible]
        outcome.promotions = [
            pick for pick in outcome.promotions if not pick.page_id or pick.page_id in visible
        ]
    return outcome


def _visible_ids(pages: QuerySet, ids: Sequence[int]) -> set[int]:
    """Which of the page ``ids`` are in ``pages`` (``searchable_pages()``: live and public)."""
    return set(pages.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def _linked_page_ids(outcome: SearchOutcome) -> tuple[int, ...]:
    """The pages a results page links to: its results and its promoted pages."""
    promoted = (pick.page_id for pick in outcome.promotions if pick.page_id)
    return tuple(dict.fromkeys([*(item.page_id for item in outcome.items), *promoted]))


def _cache_key(
    query: str, filters: SearchFilters, page: str, request=None, what: str = "search"
) -> str:
    """The cache key of a search's ``what`` (``portal.caching.fragment_key``: generation and date), or ""
    when the search cache is off or the generation cannot be read."""
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


# -- the rendered results page --------------------------------------------------------------------------


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
    return _cache_key(query, filters, page, request, what="search-html")


def cached_results_page(key: str) -> str | None:
    """The cached HTML under ``key``, if every result and promoted page on it is still live and public
    (the same second lock as ``_still_visible``: two small queries)."""
    hit = cache.get(key) if key else None
    if hit is None:
        return None
    if hit.page_ids and len(_visible_ids(searchable_pages(), hit.page_ids)) != len(hit.page_ids):
        return None
    return hit.html


def cache_results_page(key: str, request, response, outcome: SearchOutcome) -> None:
    """Keep a rendered results page for other anonymous visitors, if it holds nothing personal."""
    if key and is_shareable(request, response):
        page_ids = _linked_page_ids(outcome)
        rendered = RenderedResults(response.content.decode(response.charset), page_ids)
        cache.set(key, rendered, settings.SEARCH_CACHE_SECONDS)


def kind_totals(base: QuerySet, query: str, filters: SearchFilters) -> dict[str, int]:
    """Matches per result kind, the kind filter itself left out (to switch kinds)."""
    counts = filtered_pages(base, filters, skip="kind").search(query).facet("content_type_id")
    programme_ct = ContentType.objects.get_for_model(ProgrammePage).id
    case_ct = ContentType.objects.get_for_model(CasePage).id
    totals = dict.fromkeys(ResultKind.values, 0)
    for content_type_id, count in counts.items():
        ct = int(content_type_id) if content_type_id is not None else None
        kind = (
            ResultKind.PROGRAMME
            if ct == programme_ct
            else ResultKind.CASE
            if ct == case_ct
            else ResultKind.PAGE
        )
        totals[kind] += count
    return totals


def kind_facets(totals: dict[str, int], filters: SearchFilters) -> list[Facet]:
    return [
        Facet(kind.value, str(kind.label), totals[kind.value], filters.kind == kind.value)
        for kind in ResultKind
        if totals[kind.value] or filters.kind == kind.value
    ]


def offering_facets(query: str, filters: SearchFilters) -> list[Facet]:
    """Counts per kind of offering; only while programmes are (also) shown."""
    if filters.kind not in ("", ResultKind.PROGRAMME):
        return []
    programmes = ProgrammePage.objects.live().public()
    if filters.role:
        programmes = programmes.filter(roles__slug=filters.role)
    counts = programmes.search(query).facet("kind")
    return [
        Facet(kind.value, str(kind.label), counts.get(kind.value, 0), filters.offering_kind == kind)
        for kind in OfferingKind
        if counts.get(kind.value) or filters.offering_kind == kind.value
    ]


def role_facets(base: QuerySet, query: str, filters: SearchFilters) -> list[Facet]:
    """Counts per role (functie), the role filter itself left out."""
    pages = filtered_pages(base, filters, skip="role")
    roles = list(Role.objects.order_by("name"))
    if _uses_database_backend():
        counts = _role_counts_in_database(pages, query)
    else:  # an engine counts fast; one count per role (there are a handful)
        counts = {
            role.pk: pages.filter(_role_filter(role.slug)).search(query).count() for role in roles
        }
    return [
        Facet(role.slug, role.name, counts.get(role.pk, 0), filters.role == role.slug)
        for role in roles
        if counts.get(role.pk) or filters.role == role.slug
    ]


def _role_counts_in_database(pages: QuerySet, query: str) -> dict[int, int]:
    """Matches per role id in two grouped queries (programmes' and cases' roles), whatever the number of
    roles. The database backends' results are a queryset, used here as a subquery."""
    matches = pages.search(query, order_by_relevance=False).get_queryset().order_by().values("pk")
    counts: Counter[int] = Counter()
    for through, column in (
        (ProgrammePage.roles.through, "programmepage_id"),
        (CasePage.roles.through, "casepage_id"),
    ):
        rows = (
            through.objects.filter(**{f"{column}__in": matches})
            .values("role_id")
            .annotate(matches=Count(column))
            .order_by()
        )
        for row in rows:
            counts[row["role_id"]] += row["matches"]
    return counts


def promotions(base: QuerySet, query: str) -> list[SearchPromotion]:
    """Editor-picked results for this exact query, promoted pages only when live and public."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    visible = _visible_ids(base, [pick.page_id for pick in picks if pick.page_id])
    return [pick for pick in picks if not pick.page_id or pick.page_id in visible]


def log_query(query: str) -> None:
    """Count the query for the editors' "popular searches" (search promotions). Long queries and
    queries with long digit runs (phone numbers, postcodes, citizen numbers) are never stored.

    Hits are counted in the cache and written in batches of ``QUERY_LOG_BATCH``: the first hit of the day
    at once (so a new query shows up), then one write per batch. Writing every search would make all
    searches for a popular word queue on one database row. A cache restart loses at most one unwritten
    batch per query: acceptable for popularity statistics.
    """
    if not query or len(query) > MAX_LOGGED_QUERY_LENGTH or _DIGIT_RUN.search(query):
        return
    today = timezone.localdate()
    normalised = normalise_query_string(query)
    key = f"search-hits:{today.isoformat()}:{hashlib.sha256(normalised.encode()).hexdigest()}"
    try:
        cache.add(key, 0, timeout=2 * 24 * 60 * 60)
        count = cache.incr(key)
    except ValueError:  # the cache is unavailable or evicted the key: write this hit directly
        count = 1
    if count == 1:
        _add_hits(normalised, today, 1)
    elif count % QUERY_LOG_BATCH == 1:
        _add_hits(normalised, today, QUERY_LOG_BATCH)


def _add_hits(normalised_query: str, date, hits: int) -> None:
    search_query = Query.objects.get_or_create(query_string=normalised_query)[0]
    daily, _created = QueryDailyHits.objects.get_or_create(query=search_query, date=date)
    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


def specific_pages(ids: list[int]) -> list[Page]:
    """The specific instances of the pages ``ids`` (found by a search of ``searchable_pages()`` in this
    request), in the same order, in one query per page type."""
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


# -- suggestions ----------------------------------------------------------------------------------------


def suggestions(query: str, request=None) -> list[dict[str, str]]:
    """Title suggestions (prefix matching) for the autocomplete listbox; raises ``SearchUnavailable``."""
    if not query:
        return []
    try:
        pages = list(searchable_pages().autocomplete(query)[:SUGGESTIONS_LIMIT])
    except engine_errors() as exc:
        logger.warning("Search engine unavailable: %s", type(exc).__name__)
        raise SearchUnavailable from exc
    return [
        {
            "title": page.title,
            "url": page.get_url(request) or "",
            "kind": result_kind(page),
        }
        for page in specific_pages([page.pk for page in pages])
    ]


# -- matched text in context ----------------------------------------------------------------------------


def page_text(page: Page) -> str:
    """The page's searchable text other than its title (intro/summary first, then the body)."""
    parts: list[str] = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = search_field.get_value(page)
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value)
        if value:
            parts.append(html.unescape(strip_tags(str(value))))
    if not parts and page.search_description:
        parts.append(page.search_description)
    return " ".join(" ".join(parts).split())


def _term_pattern(query: str) -> re.Pattern | None:
    """Words starting with a query term, or with its stem (a crude Dutch suffix strip)."""
    stems = set()
    for term in query.lower().split():
        stem = re.sub(r"(en|s|e)$", "", term) if len(term) > 4 else term
        stems.add(re.escape(stem))
    if not stems:
        return None
    alternatives = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def snippet(text: str, query: str, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the first match, escaped, matches in ``<mark>``."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    pattern = _term_pattern(query)
    match = pattern.search(text) if pattern else None
    tokens = text.split(" ")
    if match:
        before = len(text[: match.start()].split())
        start = max(0, before - words // 3)
    else:
        start = 0
    window = tokens[start : start + words]
    fragment = " ".join(window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    if pattern is None:
        return mark_safe(escape(prefix + fragment + suffix))  # noqa: S308 - escaped
    pieces, last = [], 0
    for found in pattern.finditer(fragment):
        pieces.append(escape(fragment[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(fragment[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308 - escaped


@dataclass
class ResultItem:
    """One result as plain data (cached with the outcome)."""

    page_id: int
    title: str
    kind: str
    kind_label: str
    url: str
    snippet: SafeString


def result_items(ids: list[int], query: str, request=None) -> list[ResultItem]:
    items = []
    for page in specific_pages(ids):
        kind = result_kind(page)
        label = ResultKind(kind).label
        if isinstance(page, ProgrammePage):
            label = page.get_kind_display()
        items.append(
            ResultItem(
                page_id=page.pk,
                title=page.title,
                kind=kind,
                kind_label=str(label),
                url=page.get_url(request) or "",
                snippet=snippet(page_text(page), query),
            )
        )
    return items
