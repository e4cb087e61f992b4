"""Dutch-aware matching on PostgreSQL (the database backend with SEARCH_CONFIG="dutch")."""

from __future__ import annotations

import pytest

from tests.search.factories import ContentPageFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("driehoek", "Versterken lokale driehoeken"),
        ("raadsakkoord", "Leerkring Raadsakkoorden voor griffiers"),
        ("griffier", "Leerkring Raadsakkoorden voor griffiers"),
        ("Driehoek", "Versterken lokale driehoeken"),
    ],
)
def test_stemming_finds_inflected_forms(postgres_only, seeded, client, query, expected):
    assert expected in client.get("/zoeken/", {"q": query}).content.decode()


def test_stemmed_word_only_in_the_body(postgres_only, seeded, client):
    ContentPageFactory(title="Verslag van een avond", words="gemeentelijke samenwerkingsverbanden")
    html = client.get("/zoeken/", {"q": "samenwerkingsverband"}).content.decode()
    assert "Verslag van een avond" in html


def test_dutch_stop_words_alone_find_nothing_and_do_not_fail(postgres_only, seeded, client):
    response = client.get("/zoeken/", {"q": "de het een"})
    assert response.status_code == 200


def test_role_facet_counts_follow_the_query(postgres_only, seeded, client):
    html = client.get("/zoeken/", {"q": "raadsakkoord"}).content.decode()
    assert 'functie=griffiers">Griffiers <span class="facet__count">(1)</span>' in html


def test_uses_the_dutch_configuration(postgres_only, settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "dutch"
