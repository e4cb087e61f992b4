"""The catalogue "Aan de slag": role filter, counts, cards, pagination, messages and escaping."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import ProgrammePage, Role
from tests.portal.test_seed import EXPECTED_ROLES
from tests.programmes.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

URL = "/aan-de-slag/"
COUNTS = Counter(role for roles in EXPECTED_ROLES.values() for role in roles)


def card_slugs(html: str) -> set[str]:
    return set(re.findall(r'class="card__title"><a href="/aan-de-slag/([^/"]+)/"', html))


def card_html(html: str, slug: str) -> str:
    """The whole <article> of the card for ``slug`` (the status comes before its title)."""
    marker = f'class="card__title"><a href="/aan-de-slag/{slug}/"'
    before, after = html.split(marker, 1)
    return before[before.rindex("<article") :] + marker + after.split("</article>")[0]


def test_all_shows_every_offering(seeded, client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert card_slugs(html) == set(EXPECTED_ROLES)
    assert "12 onderdelen in het aanbod" in html


@pytest.mark.parametrize("role", sorted(COUNTS))
def test_each_role_shows_exactly_its_offerings(seeded, client, role):
    response = client.get(URL, {"functie": role})
    assert response.status_code == 200
    html = response.content.decode()
    expected = {slug for slug, roles in EXPECTED_ROLES.items() if role in roles}
    assert card_slugs(html) == expected
    assert f"{len(expected)} onderdelen voor {role}" in html


def test_filter_shows_every_role_with_counts_and_marks_the_choice(seeded, client):
    html = client.get(URL, {"functie": "griffiers"}).content.decode()
    assert "Wat is uw functie?" in html
    for slug, n in COUNTS.items():
        name = Role.objects.get(slug=slug).name
        assert f'{name} <span class="facet__count">({n})</span>' in html
    assert 'href="/aan-de-slag/?functie=griffiers" aria-current="page"' in html
    assert 'href="/aan-de-slag/">Alle functies <span class="facet__count">(12)</span>' in html


def test_result_count_is_a_live_region_and_in_the_title(seeded, client):
    html = client.get(URL, {"functie": "griffiers"}).content.decode()
    n = COUNTS["griffiers"]
    assert re.search(
        rf'role="status" aria-live="polite" aria-atomic="true">{n} onderdelen voor griffiers</p>',
        html,
    )
    assert re.search(rf"<title>Aan de slag: {n} onderdelen voor griffiers \|", html)


def test_chosen_filter_is_visible_and_removable(seeded, client):
    html = client.get(URL, {"functie": "raadsleden"}).content.decode()
    assert "Gekozen filter:" in html
    assert re.search(
        r'<a class="chosen-filter" href="/aan-de-slag/"><span class="visually-hidden">'
        r"Verwijder filter </span>Raadsleden",
        html,
    )
    assert "Gekozen filter" not in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "functie=astronauten",
        "functie=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "functie=" + "x" * 10_000,
        "functie=griffiers&functie=astronauten",
        "functie=%00",
        "functie=..%2F..%2Fetc",
    ],
)
def test_unknown_role_says_so_and_shows_the_whole_catalogue(seeded, client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We kennen deze functie niet. U ziet het hele aanbod." in html
    assert card_slugs(html) == set(EXPECTED_ROLES)
    assert "<script>alert(1)" not in html
    assert "x" * 100 not in html  # a long value is not echoed in full


def test_empty_and_repeated_values(seeded, client):
    html = client.get(f"{URL}?functie=").content.decode()
    assert card_slugs(html) == set(EXPECTED_ROLES)
    assert "We kennen deze functie" not in html
    html = client.get(f"{URL}?functie=burgemeesters&functie=griffiers").content.decode()
    expected = {slug for slug, roles in EXPECTED_ROLES.items() if "griffiers" in roles}
    assert card_slugs(html) == expected  # the last value counts, as in any Django form


def test_empty_state_for_a_role_without_offerings(seeded, client):
    Role.objects.create(name="Ambtenaren", singular="ambtenaar", slug="ambtenaren", sort_order=9)
    html = client.get(URL, {"functie": "ambtenaren"}).content.decode()
    assert "0 onderdelen voor ambtenaren" in html
    assert "Er is nog geen aanbod voor ambtenaren." in html
    assert '<a href="/aan-de-slag/">Bekijk het hele aanbod</a>' in html
    assert 'Ambtenaren <span class="facet__count">(0)</span>' in html


def test_pagination_keeps_the_filter(seeded, client):
    catalogue = ProgrammePage.objects.first().get_parent().specific
    catalogue.per_page = 3
    catalogue.save_revision().publish()
    n = COUNTS["griffiers"]
    seen: set[str] = set()
    pages = -(-n // 3)
    for number in range(1, pages + 1):
        html = client.get(URL, {"functie": "griffiers", "page": number}).content.decode()
        slugs = card_slugs(html)
        assert len(slugs) == (3 if number < pages else n - 3 * (pages - 1))
        seen |= slugs
        assert f"{n} onderdelen voor griffiers" in html
        if number < pages:
            assert (
                f'href="/aan-de-slag/?functie=griffiers&amp;page={number + 1}" rel="next"' in html
            )
        if number > 1:
            assert 'rel="prev"' in html
    assert seen == {slug for slug, roles in EXPECTED_ROLES.items() if "griffiers" in roles}
    # A page number that does not exist shows the last page; nonsense shows the first.
    assert client.get(URL, {"functie": "griffiers", "page": 99}).status_code == 200
    assert client.get(URL, {"functie": "griffiers", "page": "x" * 5000}).status_code == 200


def test_cards_show_kind_roles_takeaways_status_and_read_more(seeded, client):
    html = client.get(URL, {"functie": "griffiers"}).content.decode()
    card = card_html(html, "leerkring-raadsakkoorden")
    assert "Voor wie?" in card and "Griffiers" in card
    assert "Aanmelden is gesloten" in card  # the seeded Leerkring closed on 15 March 2019
    assert 'Lees meer<span class="visually-hidden"> over Leerkring' in card
    html = client.get(URL).content.decode()
    card = card_html(html, "anders-formeren")
    assert "Wat levert het op?" in card and "meer verbinding met elkaar;" in card
    lerende = card_html(html, "de-lerende-raad")
    assert "Aanmelden is open" in lerende


def test_editor_text_on_cards_is_escaped(seeded, client):
    griffiers = Role.objects.get(slug="griffiers")
    ProgrammePageFactory(
        title="<script>alert('titel')</script>",
        slug="script-test",
        intro='<img src=x onerror="alert(1)">',
        roles=[griffiers],
        takeaways=["<b>vet</b> & zo"],
    )
    html = client.get(URL, {"functie": "griffiers"}).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; zo" in html


def test_private_and_draft_offerings_are_not_listed(seeded, client):
    from wagtail.models import PageViewRestriction

    griffiers = Role.objects.get(slug="griffiers")
    private = ProgrammePageFactory(slug="geheim", roles=[griffiers])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    draft = ProgrammePageFactory(slug="concept", roles=[griffiers])
    draft.unpublish()
    html = client.get(URL, {"functie": "griffiers"}).content.decode()
    assert "geheim" not in card_slugs(html) and "concept" not in card_slugs(html)
    assert f'Griffiers <span class="facet__count">({COUNTS["griffiers"]})</span>' in html


def render_queries(client, query: dict) -> int:
    client.get(URL, query)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(ctx)


def test_query_count_does_not_grow_with_the_number_of_programmes(seeded, client):
    from tests.programmes.factories import FeeTierFactory, TrackFactory

    queries = [{}, {"functie": "griffiers"}, {"functie": "astronauten"}, {"page": "2"}]
    before = [render_queries(client, q) for q in queries]
    roles = list(Role.objects.all())
    for i in range(200):
        page = ProgrammePageFactory(
            roles=roles[i % 5 : i % 5 + 2], takeaways=["Een", "Twee", "Drie", "Vier"]
        )
        if i % 3 == 0:
            FeeTierFactory(track=TrackFactory(programme=page, capacity=5))
    assert ProgrammePage.objects.live().count() == 212
    after = [render_queries(client, q) for q in queries]
    assert before == after, (before, after)
