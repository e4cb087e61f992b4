"""portal.filters: GET parameters validated by a form, facets with counts, links that keep filters."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.filters import (
    FacetDefinition,
    FilterForm,
    build_url,
    facet_counts,
    filter_listing,
    paginate,
)
from programmes.constants import OfferingKind
from programmes.models import ProgrammePage, Role
from tests.portal.test_seed import EXPECTED_ROLES
from tests.programmes.factories import ProgrammePageFactory, RoleFactory

pytestmark = pytest.mark.django_db

ROLE = FacetDefinition(
    param="functie",
    label="Wat voor functie heb je?",
    lookup="roles__slug",
    options=lambda: Role.objects.values_list("slug", "name"),
)
KIND = FacetDefinition(
    param="soort", label="Soort", lookup="kind", options=lambda: OfferingKind.choices
)
ROLES_MULTI = FacetDefinition(
    param="functie",
    label="Functie",
    lookup="roles__slug",
    options=lambda: Role.objects.values_list("slug", "name"),
    multiple=True,
)
EXPECTED_COUNTS = Counter(role for roles in EXPECTED_ROLES.values() for role in roles)


def programmes():
    return ProgrammePage.objects.live().public().order_by("path")


def listing(query: str, definitions=(ROLE,), **kwargs):
    return filter_listing(
        programmes(), definitions, QueryDict(query), path="/aan-de-slag/", **kwargs
    )


def form(query: str) -> FilterForm:
    options = {"functie": [("griffiers", "Griffiers"), ("raadsleden", "Raadsleden")]}
    f = FilterForm(QueryDict(query), [ROLE], options)
    f.is_valid()
    return f


# Parsing ---------------------------------------------------------------------------------------


def test_valid_value():
    f = form("functie=griffiers")
    assert f.selected() == {"functie": ["griffiers"]}
    assert not f.non_field_errors()


def test_empty_value_means_all_without_message():
    f = form("functie=")
    assert f.selected() == {"functie": []}
    assert not f.errors


def test_unknown_value_is_a_form_level_message_not_an_exception():
    f = form("functie=astronauten")
    assert f.selected() == {"functie": []}
    assert "functie" not in f.errors
    [message] = f.non_field_errors()
    assert "astronauten" not in message  # the visitor's value is never repeated


def test_repeated_value_uses_the_last_one():
    assert form("functie=raadsleden&functie=griffiers").selected() == {"functie": ["griffiers"]}
    f = form("functie=griffiers&functie=onzin")
    assert f.selected() == {"functie": []}
    assert f.non_field_errors() and "onzin" not in f.non_field_errors()[0]


def test_absurdly_long_value_is_rejected_and_not_echoed_in_full():
    f = form("functie=" + "x" * 10_000)
    assert f.selected() == {"functie": []}
    [message] = f.non_field_errors()
    assert len(message) < 200


def test_no_data_at_all():
    f = FilterForm(None, [ROLE], {"functie": []})
    assert f.selected() == {"functie": []}


# Links -----------------------------------------------------------------------------------------


def test_build_url_keeps_other_filters_and_drops_page():
    params = {"functie": ["griffiers"], "soort": ["lab"], "page": ["3"]}
    assert build_url("/x/", params) == "/x/?functie=griffiers&soort=lab"
    assert build_url("/x/", params, functie=[]) == "/x/?soort=lab"
    assert build_url("/x/", params, functie=["raadsleden"]) == "/x/?functie=raadsleden&soort=lab"
    assert build_url("/x/", {}) == "/x/"
    assert build_url("/x/", {"q": ["a&b=c"]}) == "/x/?q=a%26b%3Dc"


# Listing ---------------------------------------------------------------------------------------


def test_counts_per_option_match_the_seed(seeded):
    result = listing("")
    [facet] = result.facets
    assert {o.value: o.count for o in facet.options} == dict(EXPECTED_COUNTS)
    assert facet.all_count == len(EXPECTED_ROLES) == result.count
    assert facet.all_selected and not result.chosen


def test_filter_by_role(seeded):
    result = listing("functie=griffiers")
    expected = {slug for slug, roles in EXPECTED_ROLES.items() if "griffiers" in roles}
    assert {p.slug for p in result.page.object_list} == expected
    assert result.count == len(expected)
    [chosen] = result.chosen
    assert (chosen.label, chosen.remove_url) == ("Griffiers", "/aan-de-slag/")
    griffiers = next(o for o in result.facets[0].options if o.value == "griffiers")
    assert griffiers.selected and griffiers.url == "/aan-de-slag/?functie=griffiers"


def test_unknown_value_shows_everything_and_a_message(seeded):
    result = listing("functie=astronauten&page=1")
    assert result.count == len(EXPECTED_ROLES)
    assert result.messages and "astronauten" not in result.messages[0]
    assert result.facets[0].all_selected


def test_unknown_parameters_are_not_echoed_into_links(seeded):
    result = listing("functie=griffiers&evil=%3Cscript%3E")
    urls = [o.url for o in result.facets[0].options] + [result.facets[0].all_url]
    assert not any("evil" in url for url in urls)


def test_keep_carries_extra_parameters(seeded):
    result = listing("functie=griffiers&q=raad", keep=("q",))
    assert result.chosen[0].remove_url == "/aan-de-slag/?q=raad"
    assert result.clear_url == "/aan-de-slag/?q=raad"


def test_two_facets_count_on_the_other_facet(seeded):
    ProgrammePageFactory(kind=OfferingKind.LAB, roles=[Role.objects.get(slug="griffiers")])
    result = listing("functie=griffiers&soort=lab", definitions=(ROLE, KIND))
    assert [p.kind for p in result.page.object_list] and all(
        p.kind == "lab" for p in result.page.object_list
    )
    role_facet, kind_facet = result.facets
    # Role counts are restricted to labs; kind counts to offerings for griffiers.
    labs = programmes().filter(kind="lab")
    assert role_facet.all_count == labs.count()
    for_griffiers = programmes().filter(roles__slug="griffiers")
    assert kind_facet.all_count == for_griffiers.count()
    lab = next(o for o in kind_facet.options if o.value == "lab")
    assert lab.count == for_griffiers.filter(kind="lab").count()
    # Links keep the other facet.
    raad = next(o for o in role_facet.options if o.value == "raadsleden")
    assert raad.url == "/aan-de-slag/?functie=raadsleden&soort=lab"


def test_multiple_values_match_any_without_duplicates(seeded):
    result = listing("functie=griffiers&functie=burgemeesters", definitions=(ROLES_MULTI,))
    expected = {
        slug for slug, roles in EXPECTED_ROLES.items() if roles & {"griffiers", "burgemeesters"}
    }
    slugs = [p.slug for p in result.page.object_list]
    assert sorted(slugs) == sorted(expected)
    assert len(result.chosen) == 2


def test_pagination_keeps_the_filter_and_corrects_bad_numbers(seeded):
    result = listing("functie=griffiers&page=2", per_page=3)
    assert result.page.number == 2
    assert result.previous_url == "/aan-de-slag/?functie=griffiers"
    assert result.next_url == "/aan-de-slag/?functie=griffiers&page=3"
    assert [link.url for link in result.page_links if link.number == 2] == [
        "/aan-de-slag/?functie=griffiers&page=2"
    ]
    assert listing("page=999", per_page=5).page.number == 3  # last page
    assert listing("page=abc", per_page=5).page.number == 1
    # Too many digits for int(): treated as not a number, so page 1, never an error.
    assert listing("page=" + "9" * 5000, per_page=5).page.number == 1


def test_paginate_helper():
    page = paginate(list(range(25)), "2", 10)
    assert list(page.object_list) == list(range(10, 20))


def test_counts_take_one_query_whatever_the_number_of_options(seeded):
    queryset = programmes()  # .public() reads the view restrictions once, here
    with CaptureQueriesContext(connection) as few:
        facet_counts(queryset, "roles__slug")
    roles = RoleFactory.create_batch(10)
    for role in roles:
        ProgrammePageFactory(roles=[role])
    queryset = programmes()
    with CaptureQueriesContext(connection) as many:
        counts = facet_counts(queryset, "roles__slug")
    assert len(few) == len(many) == 1
    assert all(counts[r.slug] == 1 for r in roles)


def test_listing_query_count_is_constant(seeded):
    with CaptureQueriesContext(connection) as before:
        listing("functie=griffiers")
    griffiers = Role.objects.get(slug="griffiers")
    for _ in range(30):
        ProgrammePageFactory(roles=[griffiers, RoleFactory()])
    with CaptureQueriesContext(connection) as after:
        listing("functie=griffiers")
    assert len(before) == len(after)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.text(max_size=300), max_size=4))
def test_any_input_gives_a_valid_selection_or_a_message(values):
    query = QueryDict(mutable=True)
    query.setlist("functie", values)
    f = form(query.urlencode())
    selected = f.selected()["functie"]
    assert selected in ([], ["griffiers"], ["raadsleden"])
    assert not f.has_error("functie")
    if values and values[-1] not in ("", "griffiers", "raadsleden"):
        assert len(f.non_field_errors()) == 1
