"""What the SQLite (FTS5) database backend can do: Dutch word forms, compounds, prefix autocomplete."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("documents SQLite FTS5 behaviour; this run uses PostgreSQL")


def test_whole_words_match_case_and_accent_insensitively(sqlite_only, seeded, client):
    html = client.get("/zoeken/", {"q": "DRIEHOEKEN"}).content.decode()
    assert "Versterken lokale driehoeken" in html


def test_dutch_stemming_on_sqlite(sqlite_only, seeded, client):
    """Issue 19: the index and the query both hold Dutch stems, so a singular finds a plural (this test
    asserted the opposite, as a documented limitation, before)..."""
    ContentPageFactory(title="Vogelpagina", words="kwartelkoningen")
    assert "Vogelpagina" in client.get("/zoeken/", {"q": "kwartelkoningen"}).content.decode()
    assert "Vogelpagina" in client.get("/zoeken/", {"q": "kwartelkoning"}).content.decode()
    assert "Vogelpagina" not in client.get("/zoeken/", {"q": "koningin"}).content.decode()


def test_but_autocomplete_matches_prefixes(sqlite_only, seeded, client):
    """...while the suggestions (title prefixes) do find it."""
    data = client.get("/zoeken/suggesties/", {"q": "driehoek"}).json()
    assert any(s["title"] == "Versterken lokale driehoeken" for s in data["suggestions"])


@pytest.mark.parametrize(
    "words", ["raad", "griffier", "lokale driehoeken", "rangwoord", "rangwoord rangpagina"]
)
def test_ranked_results_match_modelsearchs_own_order(sqlite_only, seeded, words):
    """``search.backends.database`` ranks in one pass over the matches; the order (score, then newest id)
    and every page of it are the same as modelsearch's own SQLite compiler gives (the same Dutch
    matching, modelsearch's ranking)."""
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from search.backends.sqlite import DutchMatching, RankedSQLiteSearchBackend

    class DutchCompiler(DutchMatching, SQLiteSearchQueryCompiler):
        pass

    class TheirRanking(SQLiteSearchBackend):
        query_compiler_class = DutchCompiler
        autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler

    for i in range(
        12
    ):  # ties and different scores: the word once or several times, in title or body
        ContentPageFactory(
            title=f"Rangpagina {i}" + (" rangwoord" if i % 3 == 0 else ""),
            words="rangwoord " * (i % 4 + 1),
        )
    ours, theirs = get_search_backend(), TheirRanking({})
    assert isinstance(ours, RankedSQLiteSearchBackend)
    pages = Page.objects.live().filter(depth__gt=1)
    total = ours.search(words, pages).count()
    assert total > 0
    for start, stop in [(0, 10), (5, 9), (10, 20), (max(total - 3, 0), total + 5)]:
        ranked = [page.pk for page in ours.search(words, pages)[start:stop]]
        expected = [page.pk for page in theirs.search(words, pages)[start:stop]]
        assert ranked == expected
    prefix = words[:-2]  # the suggestions' prefix matching ranks the same way
    for start, stop in [(0, 8), (8, 16)]:
        ranked = [page.pk for page in ours.autocomplete(prefix, pages)[start:stop]]
        expected = [page.pk for page in theirs.autocomplete(prefix, pages)[start:stop]]
        assert ranked == expected


def test_a_results_page_is_ranked_without_a_match_per_result(sqlite_only, seeded):
    """modelsearch's compiler scores each result in a correlated subquery that runs the full-text match
    again (work grows with the square of the matches: 74 s for a word on 11,000 pages)."""
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    with CaptureQueriesContext(connection) as ctx:
        list(get_search_backend().search("raad", Page.objects.live())[:10])
        list(get_search_backend().autocomplete("raa", Page.objects.live())[:10])
    for query in ctx.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"].replace("%", "%%"))
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "CORRELATED" not in plan
