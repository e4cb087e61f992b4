"""Search cost and freshness: a fixed query budget whatever the amount of content or roles, the outcome
cache (hit without searching again, fresh the moment an editor publishes), and the per-IP rate limit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from programmes.models import Role
from tests.cases.factories import CasePageFactory
from tests.programmes.factories import ProgrammePageFactory, RoleFactory
from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

QUERY = {"q": "budgetwoord"}


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_content(roles: list[Role], n: int) -> None:
    for i in range(n):
        ProgrammePageFactory(title=f"Budgetaanbod {i}", intro="Over het budgetwoord.", roles=roles)
        CasePageFactory(title=f"Budgetcasus {i}", summary="Ook het budgetwoord.", roles=roles)
        ContentPageFactory(title=f"Budgetpagina {i}", words="budgetwoord")


def test_query_count_does_not_grow_with_results_or_roles(seeded, client):
    roles = list(Role.objects.all()[:2])
    _add_content(roles, 2)
    client.get("/zoeken/", QUERY)  # the query log row exists from here on
    small = _queries(client, QUERY)
    filtered_small = _queries(client, {**QUERY, "functie": roles[0].slug, "soort": "case"})

    extra_roles = [RoleFactory() for _ in range(4)]
    _add_content([*roles, *extra_roles], 12)
    html = client.get("/zoeken/", QUERY).content.decode()
    assert "42 resultaten" in html  # 14 of each page type, over 5 result pages
    assert _queries(client, QUERY) == small
    assert _queries(client, {**QUERY, "functie": roles[0].slug, "soort": "case"}) == filtered_small


def test_role_facet_counts_each_page_once_per_role(seeded, client):
    griffiers = Role.objects.get(slug="griffiers")
    raadsleden = Role.objects.get(slug="raadsleden")
    ProgrammePageFactory(title="Telaanbod", intro="Het telwoord.", roles=[griffiers, raadsleden])
    CasePageFactory(title="Telcasus", summary="Het telwoord.", roles=[griffiers])
    ContentPageFactory(title="Telpagina", words="telwoord")
    html = client.get("/zoeken/", {"q": "telwoord"}).content.decode()
    assert 'functie=griffiers">Griffiers <span class="facet__count">(2)</span>' in html
    assert 'functie=raadsleden">Raadsleden <span class="facet__count">(1)</span>' in html
    # With the role chosen, the role facet still counts as if it were not (to switch roles).
    html = client.get("/zoeken/", {"q": "telwoord", "functie": "raadsleden"}).content.decode()
    assert "1 resultaat" in html
    assert 'Griffiers <span class="facet__count">(2)</span>' in html


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_a_repeated_search_is_served_from_the_cache(seeded, client):
    ContentPageFactory(title="Cachepagina", words="cachewoord")
    first = _queries(client, {"q": "cachewoord"})
    second = _queries(client, {"q": "cachewoord"})
    assert second < first
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/zoeken/", {"q": "cachewoord"}).content.decode()
    assert "Cachepagina" in html
    searched = [q["sql"] for q in ctx.captured_queries if "indexentry" in q["sql"].lower()]
    assert searched == []  # no search query at all on a hit


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_publishing_makes_cached_search_results_fresh(
    seeded, client, django_capture_on_commit_callbacks
):
    html = client.get("/zoeken/", {"q": "versewoord"}).content.decode()
    assert "Nieuwe pagina" not in html
    with django_capture_on_commit_callbacks(execute=True):
        page = ContentPageFactory(title="Nieuwe pagina", words="versewoord")
    html = client.get("/zoeken/", {"q": "versewoord"}).content.decode()
    assert "Nieuwe pagina" in html
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    html = client.get("/zoeken/", {"q": "versewoord"}).content.decode()
    assert "Nieuwe pagina" not in html


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_a_page_made_private_never_shows_from_a_cached_outcome(seeded, client):
    """Even if the cache were not invalidated, results are re-read as live and public pages."""
    from wagtail.models import PageViewRestriction

    page = ContentPageFactory(title="Straks besloten", words="sluitwoord")
    assert "Straks besloten" in client.get("/zoeken/", {"q": "sluitwoord"}).content.decode()
    # No on_commit callbacks run here, so the generation is not bumped: the outcome stays cached.
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/zoeken/", {"q": "sluitwoord"}).content.decode()
    assert "Straks besloten" not in html


@override_settings(RATE_LIMITS={"search": (3, 60), "search_suggest": (2, 60)})
def test_search_and_suggestions_are_rate_limited_per_client(seeded, client):
    for _ in range(3):
        assert client.get("/zoeken/", {"q": "raad"}).status_code == 200
    response = client.get("/zoeken/", {"q": "raad"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "Te veel" in response.content.decode()
    other = client.get("/zoeken/", {"q": "raad"}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    for _ in range(2):
        assert client.get("/zoeken/suggesties/", {"q": "raad"}).status_code == 200
    limited = client.get("/zoeken/suggesties/", {"q": "raad"})
    assert limited.status_code == 429
    assert "error" in limited.json()


@pytest.mark.postgres
def test_postgresql_has_the_gin_index_the_search_query_uses(postgres_only):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["portal_search_indexentry_title_body_gin"],
        )
        row = cursor.fetchone()
    assert row is not None
    assert "gin" in row[0].lower() and "(title || body)" in row[0]


def test_query_log_is_written_in_batches(seeded, client):
    from wagtail.contrib.search_promotions.models import Query

    for _ in range(20):
        client.get("/zoeken/", {"q": "Batchwoord"})
    assert Query.get("batchwoord").hits == 11  # the first at once, then one batch of 10
    client.get("/zoeken/", {"q": "batchwoord"})
    assert Query.get("batchwoord").hits == 21


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_a_repeated_anonymous_search_is_served_as_cached_html(seeded, client):
    """The second visitor gets the same page from the cache: no search, only the generation and the
    check that every result is still live and public."""
    ContentPageFactory(title="Htmlpagina", words="htmlwoord")
    first = client.get("/zoeken/", {"q": "htmlwoord"})
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/zoeken/", {"q": "htmlwoord"})
    assert second.content == first.content
    assert "Htmlpagina" in second.content.decode()
    assert second["Cache-Control"] == "no-store"
    assert len(ctx.captured_queries) <= 4


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_a_logged_in_editor_never_gets_the_cached_html(seeded, client, django_user_model):
    """Editors see their user bar on every page: the page cached for anonymous visitors is not theirs."""
    ContentPageFactory(title="Sessiepagina", words="sessiewoord")
    anonymous = client.get("/zoeken/", {"q": "sessiewoord"}).content.decode()
    assert "wagtail-userbar" not in anonymous
    editor = django_user_model.objects.create_superuser("zoekredacteur", password="x" * 20)
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get("/zoeken/", {"q": "sessiewoord"}).content.decode()
    assert "Sessiepagina" in html and "wagtail-userbar" in html
    client.logout()
    assert client.get("/zoeken/", {"q": "sessiewoord"}).content.decode() == anonymous


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_searches_served_from_the_cache_still_count_for_popular_searches(seeded, client):
    from wagtail.contrib.search_promotions.models import Query

    ContentPageFactory(title="Telcachepagina", words="telcachewoord")
    for _ in range(20):
        client.get("/zoeken/", {"q": "telcachewoord"})
    assert (
        Query.get("telcachewoord").hits == 11
    )  # as without the cache: the first, then a batch of 10


def test_the_total_follows_the_chosen_kind(seeded, client):
    ProgrammePageFactory(title="Soortaanbod", intro="Het soortwoord.")
    CasePageFactory(title="Soortcasus 1", summary="Het soortwoord.")
    CasePageFactory(title="Soortcasus 2", summary="Het soortwoord.")
    ContentPageFactory(title="Soortpagina", words="soortwoord")
    assert "4 resultaten" in client.get("/zoeken/", {"q": "soortwoord"}).content.decode()
    html = client.get("/zoeken/", {"q": "soortwoord", "soort": "case"}).content.decode()
    assert "2 resultaten" in html and "Soortaanbod" not in html
    html = client.get("/zoeken/", {"q": "soortwoord", "soort": "page"}).content.decode()
    assert "1 resultaat" in html and "Soortpagina" in html


@pytest.mark.postgres
def test_postgresql_joins_pages_to_index_entries_through_an_index(postgres_only):
    """The backend joins on ``page.id::varchar(50)::text``; without an index on that expression every
    search reads every page row."""
    from wagtail.models import Page

    sql, params = Page.objects.live().search("woord").get_queryset().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_hashjoin = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "portal_search_page_id_text" in plan


@override_settings(SEARCH_CACHE_SECONDS=300)
def test_a_promoted_page_made_private_never_shows_from_a_cached_page(seeded, client):
    """Promotions are checked as live and public on a cache hit too, like the results."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    ContentPageFactory(title="Gewone treffer", words="promowoord")
    promoted = ContentPageFactory(title="Uitgelichte pagina", words="iets anders")
    SearchPromotion.objects.create(query=Query.get("promowoord"), page=promoted, sort_order=0)
    assert "Uitgelichte pagina" in client.get("/zoeken/", {"q": "promowoord"}).content.decode()
    # No on_commit callbacks run here, so the generation is not bumped: the page stays cached.
    PageViewRestriction.objects.create(page=promoted, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/zoeken/", {"q": "promowoord"}).content.decode()
    assert "Gewone treffer" in html and "Uitgelichte pagina" not in html
