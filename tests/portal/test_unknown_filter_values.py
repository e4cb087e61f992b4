"""Unknown filter values on the catalogue and the case library: a plain message, never the visitor's words.

A government page must not print what a visitor put in a link (``?functie=Bel 0900-1234 voor korting``
would otherwise show up as an "official" sentence). The served page says the choice is unknown and shows
everything; the value appears nowhere in the response: not in the message, not in a link, not in a form
field's value.
"""

from __future__ import annotations

from urllib.parse import quote, quote_plus

import pytest
from django.utils.html import escape

from programmes.models import Role
from tests.cases.factories import CaseIndexPageFactory, CasePageFactory
from tests.programmes.factories import CatalogueIndexPageFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db

SPAM = "Bel 0900-1234 voor korting"
HOSTILE_VALUES = [
    SPAM,
    "Bezoek www.voorbeeld-oplichter.nl",
    "<b>Let op</b>",
    "x" * 300,
]


def forms_of(value: str) -> set[str]:
    """Every way a value could be echoed in HTML: as typed, escaped, or URL-encoded in a link."""
    return {value, escape(value), quote(value), quote_plus(value), value[:40], escape(value[:40])}


def assert_not_echoed(html: str, value: str) -> None:
    for form in forms_of(value):
        assert form not in html, f"visitor text {form!r} is echoed in the page"
    for word in ("0900-1234", "korting", "oplichter", "Let op"):
        if word in value:
            assert word not in html, word


@pytest.fixture
def catalogue(seeded):
    page = CatalogueIndexPageFactory(parent=seeded, slug="aanbod-test", title="Aanbod")
    role = Role.objects.get(slug="griffiers")
    ProgrammePageFactory(parent=page, title="Testprogramma griffiers", roles=[role])
    return page


@pytest.fixture
def library(seeded):
    page = CaseIndexPageFactory(parent=seeded, slug="casussen-test", title="Bibliotheek")
    CasePageFactory(parent=page, title="Testcasus griffie", tags=["intervisie"])
    return page


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_catalogue_says_the_role_is_unknown_without_repeating_it(client, catalogue, value):
    response = client.get(catalogue.url, {"functie": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert_not_echoed(html, value)
    assert "We kennen deze functie niet." in html
    assert "Testprogramma griffiers" in html  # the whole catalogue is shown


@pytest.mark.parametrize("param", ["functie", "thema", "soort"])
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_case_library_says_the_choice_is_unknown_without_repeating_it(
    client, library, param, value
):
    response = client.get(library.url, {param: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert_not_echoed(html, value)
    message = {
        "functie": "We kennen deze functie niet.",
        "thema": "We kennen dit thema niet.",
        "soort": "We kennen deze soort casus niet.",
    }[param]
    assert message in html
    assert "Testcasus griffie" in html


def test_a_valid_choice_next_to_an_unknown_one_is_kept_and_the_unknown_one_not_shown(
    client, library
):
    html = client.get(library.url, {"thema": "intervisie", "soort": SPAM}).content.decode()
    assert_not_echoed(html, SPAM)
    assert "We kennen deze soort casus niet." in html
    assert "Testcasus griffie" in html
