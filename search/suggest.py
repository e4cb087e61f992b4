"""Helping a visitor find the right words: title suggestions while typing, "did you mean" after a miss.

``did_you_mean`` corrects each query word that the index does not know to the closest word it does know
(an edit distance of 1, or 2 for longer words; ties go to the word on most pages), so "griffir" offers
"griffier" and "partisipatie" "participatie". Where the words come from:

* **SQLite**: the FTS5 index's own vocabulary (an ``fts5vocab`` table, migration 0005).
* **PostgreSQL**: the lexemes of the index (``ts_stat``), read once per page cache generation and kept in
  the cache: ``ts_stat`` reads the whole index, so asking it (even narrowed by ``pg_trgm``'s
  ``similarity``, which would also need that full read) for every miss would grow with the site.
* **Elasticsearch/OpenSearch**: the words of the page titles (cached under the page cache generation).

It only runs for a search without results, so it costs nothing on a normal search.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable

from django.db import DatabaseError, connection

from portal.caching import cached_value
from search.analysis import stem, words
from search.constants import SUGGESTIONS_LIMIT
from search.errors import SearchUnavailable, engine_errors
from search.pages import result_kind, searchable_pages, specific_pages, uses_database_backend

logger = logging.getLogger("portal.search")

VOCABULARY_TABLE = "portal_search_vocabulary"
INDEX_TABLE = "wagtailsearch_indexentry"
MIN_CORRECTED_LENGTH = 4  # shorter words are left alone ("de", "raad")


# -- title suggestions ----------------------------------------------------------------------------------


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
        {"title": page.title, "url": page.get_url(request) or "", "kind": result_kind(page)}
        for page in specific_pages([page.pk for page in pages])
    ]


# -- did you mean ---------------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts once); ``limit + 1`` once it
    is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _limit(word: str) -> int:
    return 1 if len(word) < 7 else 2


def _candidates(word: str) -> list[tuple[str, int]]:
    """Known words that could be ``word`` mistyped, with the number of pages they are on."""
    limit = _limit(word)
    low, high = len(word) - limit, len(word) + limit
    try:
        if connection.vendor == "sqlite" and uses_database_backend():
            sql = (
                f"SELECT term, doc FROM {VOCABULARY_TABLE} "  # noqa: S608 - constant table name
                "WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s"
            )
            params: list[object] = [word[0], chr(ord(word[0]) + 1), low, high]
        elif connection.vendor == "postgresql" and uses_database_backend():
            return [
                (term, count)
                for term, count in _postgres_lexemes().get(word[0], [])
                if low <= len(term) <= high
            ]
        else:
            return [(w, n) for w, n in _title_words().items() if low <= len(w) <= high]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(str(term), int(count)) for term, count in cursor.fetchall()]
    except DatabaseError:
        logger.warning("Search vocabulary unavailable", exc_info=True)
        return []


def _postgres_lexemes() -> dict[str, list[tuple[str, int]]]:
    """The index's lexemes of four letters or more by first letter, with the pages they are on."""

    def compute() -> dict[str, list[tuple[str, int]]]:
        stats = f"SELECT title || body FROM {INDEX_TABLE}"  # noqa: S608 - constant table name
        by_letter: dict[str, list[tuple[str, int]]] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat(%s) WHERE length(word) >= %s",
                [stats, MIN_CORRECTED_LENGTH - 2],
            )
            for term, count in cursor.fetchall():
                by_letter.setdefault(term[0], []).append((term, int(count)))
        return by_letter

    return cached_value(("search-vocabulary",), compute)


def _title_words() -> dict[str, int]:
    def compute() -> dict[str, int]:
        counts: Counter[str] = Counter()
        for title in searchable_pages().values_list("title", flat=True).iterator():
            counts.update(set(words(title)))
        return dict(counts)

    return cached_value(("search-title-words",), compute)


def closest_word(word: str, known: Iterable[tuple[str, int]]) -> str:
    """The known word closest to ``word`` (most pages on a tie), or "" when none is close enough or
    ``word`` itself (or its stem) is known."""
    limit = _limit(word)
    best: tuple[int, int, str] | None = None
    for term, pages in known:
        if term in (word, stem(word)):
            return ""
        distance = edit_distance(word, term, limit)
        if distance <= limit and (best is None or (distance, -pages, term) < best):
            best = (distance, -pages, term)
    return best[2] if best else ""


def did_you_mean(query: str) -> str:
    """The query with each unknown word corrected, or "" when there is nothing to correct."""
    corrected, changed = [], False
    for word in words(query):
        replacement = (
            closest_word(word, _candidates(word)) if len(word) >= MIN_CORRECTED_LENGTH else ""
        )
        corrected.append(replacement or word)
        changed = changed or bool(replacement)
    return " ".join(corrected) if changed else ""
