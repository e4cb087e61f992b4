"""/zoeken/ on the database backend: results, privacy, facets, pagination, promotions, people, logging."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> str:
    return response.content.decode()


def test_search_page_without_query_shows_the_form(seeded, client):
    response = client.get("/zoeken/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in html
    assert "Waar bent u naar op zoek?" in html
    assert "resultaten voor" not in html


def test_finds_programme_by_exact_title_word_with_count(seeded, client):
    html = client.get("/zoeken/", {"q": "driehoeken"}).content.decode()
    assert "Versterken lokale driehoeken" in html
    assert "resulta" in html and "voor “driehoeken”" in html


def test_body_text_is_searched(seeded, client):
    ContentPageFactory(title="Pagina zonder het woord in de titel", words="zeldzaamwoordje")
    html = client.get("/zoeken/", {"q": "zeldzaamwoordje"}).content.decode()
    assert "Pagina zonder het woord in de titel" in html
    assert "<mark>zeldzaamwoordje</mark>" in html


def test_private_and_draft_pages_never_appear(seeded, client):
    ContentPageFactory(title="Openbaar stuk", words="vertrouwelijkheid")
    ContentPageFactory(title="Besloten stuk voor leden", words="vertrouwelijkheid", private=True)
    draft = ContentPageFactory(title="Conceptstuk", words="vertrouwelijkheid")
    draft.unpublish()
    html = client.get("/zoeken/", {"q": "vertrouwelijkheid"}).content.decode()
    assert "Openbaar stuk" in html
    assert "Besloten stuk" not in html
    assert "Conceptstuk" not in html
    suggestions = client.get("/zoeken/suggesties/", {"q": "Besloten"}).json()["suggestions"]
    assert suggestions == []


def test_children_of_private_pages_are_excluded_too(seeded, client):
    parent = ContentPageFactory(title="Besloten sectie", private=True)
    ContentPageFactory(title="Kind van besloten sectie", words="ondergrondswoord", parent=parent)
    html = client.get("/zoeken/", {"q": "ondergrondswoord"}).content.decode()
    assert "Kind van besloten sectie" not in html


def test_snippet_escapes_editor_text(seeded, client):
    ContentPageFactory(
        title="Escape-test", intro="<b>vet</b> & <script>alert('x')</script> ontsnapping"
    )
    html = client.get("/zoeken/", {"q": "ontsnapping"}).content.decode()
    assert "<script>alert(" not in html
    assert "<b>vet</b>" not in html
    assert "vet &amp; alert(&#x27;x&#x27;)" in html  # tags stripped, the rest escaped
    assert "<mark>ontsnapping</mark>" in html


def test_pagination_keeps_query_and_handles_bad_pages(seeded, client):
    for _ in range(12):
        ContentPageFactory(words="paginatietest")
    first = client.get("/zoeken/", {"q": "paginatietest"}).content.decode()
    assert "12 resultaten" in first
    assert "page=2" in first and "q=paginatietest" in first
    second = client.get("/zoeken/", {"q": "paginatietest", "page": "2"}).content.decode()
    assert "Pagina 2 van 2" in second
    assert second.count('class="search-result search-result--page"') == 2
    assert client.get("/zoeken/", {"q": "paginatietest", "page": "abc"}).status_code == 200
    last = client.get("/zoeken/", {"q": "paginatietest", "page": "99999"}).content.decode()
    assert "Pagina 2 van 2" in last


def test_kind_facet_filters_and_counts(seeded, client):
    html = client.get("/zoeken/", {"q": "griffiers"}).content.decode()
    assert "soort=programme" in html
    only_cases = client.get("/zoeken/", {"q": "griffiers", "soort": "case"}).content.decode()
    assert "Leerkring Raadsakkoorden" not in only_cases


def test_role_facet_filters(seeded, client):
    html = client.get("/zoeken/", {"q": "raad", "functie": "griffiers"}).content.decode()
    assert 'aria-current="page">Griffiers' in html


def test_offering_kind_facet(seeded, client):
    html = client.get(
        "/zoeken/", {"q": "raad", "soort": "programme", "aanbod": "learning_circle"}
    ).content.decode()
    if connection.vendor == "postgresql":
        assert "Leerkring Raadsakkoorden voor griffiers" in html
    assert "De Lerende Raad" not in html


def test_people_are_shown_as_contact_persons(seeded, client):
    html = client.get("/zoeken/", {"q": "Paulides"}).content.decode()
    assert "Contactpersonen" in html
    assert "Petra Paulides" in html


def test_promotions_come_first_and_respect_privacy(seeded, client):
    public = ContentPageFactory(title="Uitgelichte pagina")
    private = ContentPageFactory(title="Geheime uitgelichte pagina", private=True)
    query = Query.get("democratie")
    SearchPromotion.objects.create(
        query=query, page=public, sort_order=0, description="Redactiekeuze"
    )
    SearchPromotion.objects.create(query=query, page=private, sort_order=1)
    html = client.get("/zoeken/", {"q": "Democratie"}).content.decode()
    assert "Aanbevolen" in html
    assert html.index("Uitgelichte pagina") < html.index('class="search-results" start="1"')
    assert "Geheime uitgelichte pagina" not in html


def test_queries_are_logged_for_editors_but_not_personal_data(seeded, client):
    before = Query.get("raadsakkoord").hits
    client.get("/zoeken/", {"q": "raadsakkoord"})
    client.get("/zoeken/", {"q": "bel 0612345678 terug"})
    client.get("/zoeken/", {"q": "woord " * 20})
    client.get("/zoeken/", {"q": "   "})
    client.get("/zoeken/", {"q": "raadsakkoord", "page": "2"})
    logged = set(Query.objects.values_list("query_string", flat=True))
    assert "raadsakkoord" in logged
    assert Query.get("raadsakkoord").hits == before + 1
    assert not any("0612345678" in q or q.startswith("woord woord") for q in logged)


def test_suggestions_json(seeded, client):
    response = client.get("/zoeken/suggesties/", {"q": "drie"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert {
        "title": "Versterken lokale driehoeken",
        "url": "/aan-de-slag/versterken-lokale-driehoeken/",
        "kind": "programme",
    } in response.json()["suggestions"]
    assert client.get("/zoeken/suggesties/", {"q": "d"}).json() == {"suggestions": []}


def test_page_works_without_javascript_and_loads_the_enhancement(seeded, client):
    html = client.get("/zoeken/", {"q": "raad"}).content.decode()
    assert '<form class="search-form" action="/zoeken/" method="get"' in html
    assert "js/search-suggest.js" in html
    assert 'data-suggest-url="/zoeken/suggesties/"' in html
