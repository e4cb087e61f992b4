"""Issue 19: search understands Dutch word forms, the lexicon, compounds and typos, through /zoeken/,
on SQLite (the embedded default) and on PostgreSQL alike. Every test builds its own pages."""

from __future__ import annotations

import re

import pytest

from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def _titles(client, q: str) -> list[str]:
    html = client.get("/zoeken/", {"q": q}).content.decode()
    return re.findall(r'<h2 class="search-result__title"><a href="[^"]*">([^<]*)</a>', html)


def test_a_singular_finds_the_plural_title(seeded, client):
    ContentPageFactory(title="Burgemeesters aan het woord", words="vijf gesprekken")
    assert "Burgemeesters aan het woord" in _titles(client, "burgemeester")


@pytest.mark.parametrize(
    ("one", "other", "texts"),
    [
        ("griffier", "griffiers", ["De griffier schrijft", "Voor griffiers", "Twee griffiers"]),
        (
            "bijeenkomst",
            "bijeenkomsten",
            ["Een bijeenkomst", "Drie bijeenkomsten", "Bijeenkomsten"],
        ),
    ],
)
def test_singular_and_plural_find_the_same_pages(seeded, client, one, other, texts):
    for i, text in enumerate(texts):
        ContentPageFactory(title=f"Vormpagina {i}", words=text)
    first, second = (client.get("/zoeken/", {"q": q}).content.decode() for q in (one, other))
    count = re.compile(r"(\d+) resulta")
    assert count.search(first).group(1) == count.search(second).group(1)
    assert sorted(_titles(client, one)) == sorted(_titles(client, other))
    expected = {f"Vormpagina {i}" for i in range(len(texts))}
    assert set(_titles(client, f"vormpagina {one}")) == expected
    assert set(_titles(client, f"vormpagina {other}")) == expected


def test_an_irregular_plural_finds_the_singular(seeded, client):
    """raadsleden/raadslid: no stemmer knows it; the lexicon does."""
    ContentPageFactory(title="Anders formeren", words="een checklist voor elk raadslid")
    ContentPageFactory(title="Secretarissenpagina", words="de gemeentesecretaris en de secretaris")
    assert "Anders formeren" in _titles(client, "raadsleden")
    assert "Anders formeren" in _titles(client, "raadslid")
    assert "Secretarissenpagina" in _titles(client, "secretarissen")


def test_an_abbreviation_finds_the_full_name(seeded, client):
    ContentPageFactory(title="Collegepagina", words="het college van burgemeester en wethouders")
    ContentPageFactory(
        title="Genootschappagina", words="het Nederlands Genootschap van Burgemeesters"
    )
    assert "Collegepagina" in _titles(client, "B&W")
    assert "Genootschappagina" in _titles(client, "NGB")


def test_a_part_of_a_compound_finds_it_below_exact_matches(seeded, client):
    ContentPageFactory(title="Op reis naar participatieland", words="samen op pad")
    ContentPageFactory(title="Over burgers", words="participatie van inwoners")
    found = _titles(client, "participatie")
    assert found.index("Over burgers") < found.index("Op reis naar participatieland")


def test_editors_synonyms_count_from_the_next_search(
    seeded, client, django_capture_on_commit_callbacks
):
    from search.models import SearchSynonym

    ContentPageFactory(title="Wijkpagina", words="een wandeling door de wijk")
    assert "Wijkpagina" not in _titles(client, "ommetje")
    with django_capture_on_commit_callbacks(execute=True):
        SearchSynonym.objects.create(terms="ommetje, wandeling")
    assert "Wijkpagina" in _titles(client, "ommetje")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("griffir", "griffier"), ("burgemeeser", "burgemeester"), ("partisipatie", "participatie")],
)
def test_a_typo_gets_a_did_you_mean_link(seeded, client, typed, meant):
    ContentPageFactory(title="Typopagina", words="griffier burgemeester participatie griffier")
    html = client.get("/zoeken/", {"q": typed}).content.decode()
    assert f'Bedoelde u <a href="/zoeken/?q={meant}">{meant}</a>?' in html
    assert "Typopagina" in _titles(client, meant)


def test_no_results_offer_the_role_catalogue(seeded, client):
    html = client.get("/zoeken/", {"q": "xyzzyplugh"}).content.decode()
    assert "Niets gevonden" in html
    assert 'href="/aan-de-slag/">Bekijk het aanbod voor uw functie</a>' in html
    assert "Bedoelde u" not in html
