"""The case library /casussen/: combined filters, shareable URLs, counts, pagination, bad input, queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from cases.models import CaseIndexPage, CasePage, CaseTag
from programmes.models import Role
from tests.cases.factories import CasePageFactory

pytestmark = pytest.mark.django_db

LIBRARY = "/casussen/"
SEED_TITLE = "Verslag themabijeenkomst ondersteuning politieke ambtsdragers"


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def count_text(html: str) -> str:
    match = re.search(r'<p class="[^"]*case-library__count"[^>]*>([^<]*)</p>', html)
    return match.group(1) if match else ""


@pytest.fixture
def cases(seeded):
    """Three extra cases next to the seeded report, with different roles, themes and kinds."""
    griffiers = Role.objects.get(slug="griffiers")
    raadsleden = Role.objects.get(slug="raadsleden")
    wethouders = Role.objects.get(slug="wethouders")
    return {
        "a": CasePageFactory(
            title="Casus A griffie",
            date=dt.date(2024, 5, 1),
            roles=[griffiers],
            tags=["intervisie"],
            kind="practice",
        ),
        "b": CasePageFactory(
            title="Casus B raad",
            date=dt.date(2023, 5, 1),
            roles=[raadsleden, griffiers],
            tags=["raadswerk", "participatie"],
            kind="guide",
        ),
        "c": CasePageFactory(
            title="Casus C wethouder",
            date=dt.date(2022, 5, 1),
            roles=[wethouders],
            tags=["participatie"],
            kind="practice",
        ),
    }


def get(client, query: str = ""):
    response = client.get(LIBRARY + query)
    assert response.status_code == 200
    return response.content.decode()


def test_library_lists_all_cases_newest_first_with_count(client, cases):
    html = get(client)
    assert titles(html) == ["Casus A griffie", "Casus B raad", "Casus C wethouder", SEED_TITLE]
    assert count_text(html) == "4 casussen"


def test_filter_by_role(client, cases):
    html = get(client, "?functie=griffiers")
    assert titles(html) == ["Casus A griffie", "Casus B raad", SEED_TITLE]
    assert count_text(html) == "3 casussen"
    assert 'href="/casussen/?functie=griffiers" aria-current="page">Griffiers' in html


def test_filter_by_theme_and_by_kind(client, cases):
    assert titles(get(client, "?thema=participatie")) == ["Casus B raad", "Casus C wethouder"]
    assert titles(get(client, "?soort=guide")) == ["Casus B raad"]
    assert count_text(get(client, "?soort=report")) == "1 casus"


def test_role_theme_and_kind_combine(client, cases):
    html = get(client, "?functie=griffiers&thema=participatie&soort=guide")
    assert titles(html) == ["Casus B raad"]
    assert count_text(html) == "1 casus"
    assert 'class="chosen-filters"' in html
    # Each chosen filter can be removed on its own; the others stay in the link.
    assert 'href="/casussen/?thema=participatie&amp;soort=guide"' in html  # remove role
    assert 'href="/casussen/?functie=griffiers&amp;soort=guide"' in html  # remove theme
    assert 'href="/casussen/?functie=griffiers&amp;thema=participatie"' in html  # remove kind
    assert 'class="chosen-filters__clear" href="/casussen/"' in html
    assert titles(get(client, "?functie=wethouders&thema=participatie&soort=guide")) == []


def test_per_option_counts_take_the_other_filters_into_account(client, cases):
    html = get(client, "?functie=griffiers")
    # With role=griffiers: participatie matches only B; practice matches A.
    assert re.search(r'thema=participatie">participatie <span class="facet__count">\(1\)', html)
    assert re.search(r'soort=practice">Praktijkvoorbeeld <span class="facet__count">\(1\)', html)
    # The role facet ignores its own choice: wethouders still shows its 1 case.
    assert re.search(r'functie=wethouders">Wethouders <span class="facet__count">\(2\)', html)


def test_unknown_values_give_a_message_not_an_error(client, cases):
    html = get(client, "?functie=astronauten&thema=onbekend&soort=roman")
    assert "We kennen deze functie niet." in html
    assert "We kennen dit thema niet." in html
    assert "We kennen deze soort casus niet." in html
    assert count_text(html) == "4 casussen"  # unknown filters behave as "Alle"
    for value in ("astronauten", "onbekend", "roman"):
        assert value not in html  # the visitor's values are never repeated


def test_unknown_value_next_to_a_valid_one_keeps_the_valid_one(client, cases):
    html = get(client, "?functie=griffiers&soort=roman")
    assert titles(html) == ["Casus A griffie", "Casus B raad", SEED_TITLE]
    assert "We kennen deze soort casus niet." in html
    assert "roman" not in html


def test_repeated_parameter_uses_the_last_value(client, cases):
    assert titles(get(client, "?soort=report&soort=guide")) == ["Casus B raad"]
    assert titles(get(client, "?thema=intervisie&thema=")) == titles(get(client))


def test_long_and_strange_values_are_handled(client, cases):
    long_value = "a" * 5000
    html = get(client, f"?functie={long_value}&thema=%00%3Cscript%3E&soort=%E2%9C%93")
    assert long_value not in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert count_text(html) == "4 casussen"


def test_empty_values_mean_all(client, cases):
    html = get(client, "?functie=&thema=&soort=")
    assert count_text(html) == "4 casussen"
    assert "We kennen" not in html


def test_empty_state_offers_to_remove_the_filters(client, cases):
    html = get(client, "?functie=gemeentesecretarissen&soort=checklist")
    assert titles(html) == []
    assert count_text(html) == "0 casussen"
    empty = html.split('case-library__empty">', 1)[1].split("</div>", 1)[0]
    assert "Er zijn geen casussen die passen bij je keuze." in empty
    assert 'href="/casussen/"' in empty


def test_library_without_cases_says_so(client, seeded):
    CasePage.objects.all().unpublish()
    html = get(client)
    assert count_text(html) == "0 casussen"
    assert "Er zijn nog geen casussen." in html


def test_draft_and_private_cases_are_not_listed(client, cases):
    from wagtail.models import PageViewRestriction

    CasePageFactory(title="Conceptcasus", live=False)
    private = CasePageFactory(title="Beslotencasus")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = get(client)
    assert "Conceptcasus" not in html and "Beslotencasus" not in html
    assert count_text(html) == "4 casussen"


def test_pagination_keeps_the_filters(client, cases):
    library = CaseIndexPage.objects.get()
    library.per_page = 2
    library.save()
    html = get(client, "?functie=griffiers")
    assert titles(html) == ["Casus A griffie", "Casus B raad"]
    assert 'href="/casussen/?functie=griffiers&amp;page=2"' in html
    page2 = get(client, "?functie=griffiers&page=2")
    assert titles(page2) == [SEED_TITLE]
    assert count_text(page2) == "3 casussen"
    assert 'href="/casussen/?functie=griffiers" rel="prev"' in page2
    # Filter links drop the page number, so a new filter starts at page 1.
    assert "page=2&amp;" not in page2 and "&amp;page=2&amp;" not in page2
    # A bad page number gives a valid page, not an error.
    assert titles(get(client, "?functie=griffiers&page=99")) == [SEED_TITLE]
    assert titles(get(client, "?functie=griffiers&page=abc")) == titles(html)


def test_theme_links_on_a_case_lead_to_the_filtered_library(client, cases):
    case_html = client.get(cases["b"].url).content.decode()
    assert 'href="/casussen/?thema=participatie"' in case_html
    assert titles(get(client, "?thema=participatie")) == ["Casus B raad", "Casus C wethouder"]


def _bulk_cases(library: CaseIndexPage, n: int) -> None:
    """Add ``n`` live cases fast: bulk-insert the page rows (tree paths computed like treebeard does),
    then the case rows with ``save_base(raw=True)``, and the relations with ``bulk_create``.

    ``add_child`` for each page (with search indexing) takes minutes for 500 pages on a busy machine;
    the result here is the same rows a publish would leave, minus revisions and search entries.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    library.refresh_from_db()
    content_type = ContentType.objects.get_for_model(CasePage)
    locale = Locale.get_default()
    depth = library.depth + 1
    kinds = ["practice", "report", "publication", "guide", "checklist"]
    base_rows = Page.objects.bulk_create(
        [
            Page(
                title=f"Gegenereerde casus {i}",
                draft_title=f"Gegenereerde casus {i}",
                slug=f"gegenereerde-casus-{i}",
                url_path=f"{library.url_path}gegenereerde-casus-{i}/",
                path=Page._get_path(library.path, depth, library.numchild + i + 1),
                depth=depth,
                numchild=0,
                live=True,
                content_type=content_type,
                locale=locale,
            )
            for i in range(n)
        ]
    )
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + n)
    for i, base in enumerate(base_rows):
        case = CasePage(
            page_ptr_id=base.pk,
            kind=kinds[i % len(kinds)],
            date=dt.date(2010, 1, 1) + dt.timedelta(days=i),
            summary=f"Samenvatting {i}.",
        )
        case.save_base(raw=True, force_insert=True)
    roles = list(Role.objects.all())
    tags = [Tag.objects.get_or_create(name=f"thema {i}", slug=f"thema-{i}")[0] for i in range(8)]
    through = CasePage.roles.through
    through.objects.bulk_create(
        [
            through(casepage_id=p.pk, role_id=roles[i % len(roles)].pk)
            for i, p in enumerate(base_rows)
        ]
    )
    CaseTag.objects.bulk_create(
        [CaseTag(content_object_id=p.pk, tag=tags[i % len(tags)]) for i, p in enumerate(base_rows)]
    )


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_cases(client, seeded):
    library = CaseIndexPage.objects.get()
    assert CasePage.objects.live().count() == 1
    urls = [LIBRARY, LIBRARY + "?functie=griffiers&soort=report", LIBRARY + "?thema=toerusting"]
    client.get(LIBRARY)  # warm per-process caches
    with_one = [_count_queries(client, url) for url in urls]

    _bulk_cases(library, 499)
    assert CasePage.objects.live().count() == 500
    with_many = [_count_queries(client, url) for url in urls]
    print("queries with 1 case:", with_one, "with 500 cases:", with_many)
    assert with_many == with_one, (with_one, with_many)
    html = get(client, "?page=3")
    assert count_text(html) == "500 casussen"
    assert len(titles(html)) == library.per_page
