"""What the SQLite (FTS5) database backend can do: whole words and prefix autocomplete, no stemming."""

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


def test_no_stemming_on_sqlite(sqlite_only, seeded, client):
    """Documented limitation: a singular does not find a plural in full-text search on SQLite..."""
    ContentPageFactory(title="Vogelpagina", words="kwartelkoningen")
    assert "Vogelpagina" in client.get("/zoeken/", {"q": "kwartelkoningen"}).content.decode()
    assert "Vogelpagina" not in client.get("/zoeken/", {"q": "kwartelkoning"}).content.decode()


def test_but_autocomplete_matches_prefixes(sqlite_only, seeded, client):
    """...while the suggestions (title prefixes) do find it."""
    data = client.get("/zoeken/suggesties/", {"q": "driehoek"}).json()
    assert any(s["title"] == "Versterken lokale driehoeken" for s in data["suggestions"])
