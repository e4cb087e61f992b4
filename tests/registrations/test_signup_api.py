"""The municipality autocomplete endpoint."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ["Den Haag", "den haag", "s-Gravenhage", "'s-Gravenhage", "sgravenhage", "GRAVENHAGE"]
)
def test_the_hague_is_found_by_every_name(client, seeded, query):
    response = client.get("/api/v1/municipalities/", {"q": query})
    assert response.status_code == 200
    codes = [r["code"] for r in response.json()["results"]]
    assert codes[0] == "GM0518"


def test_accents_are_ignored_and_prefix_matches_come_first(client, seeded):
    results = client.get("/api/v1/municipalities/", {"q": "Sudwest"}).json()["results"]
    assert any(r["name"] == "Súdwest-Fryslân" for r in results)
    results = client.get("/api/v1/municipalities/", {"q": "ams"}).json()["results"]
    assert results[0]["name"] == "Amstelveen" or results[0]["name"].lower().startswith("ams")
    amsterdam = next(r for r in results if r["code"] == "GM0363")
    assert amsterdam["population"] == 931298
    assert amsterdam["population_display"] == "931.298"
    assert amsterdam["reference_date"] == "2024-01-01"


def test_empty_and_silly_queries(client, seeded):
    assert client.get("/api/v1/municipalities/").json()["results"] == []
    assert client.get("/api/v1/municipalities/", {"q": "!!!"}).json()["results"] == []
    assert client.get("/api/v1/municipalities/", {"q": "a" * 5000, "limit": "x"}).status_code == 200
    assert (
        len(client.get("/api/v1/municipalities/", {"q": "e", "limit": "3"}).json()["results"]) == 3
    )
    assert client.post("/api/v1/municipalities/", {"q": "x"}).status_code == 405
