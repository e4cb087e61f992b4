"""Fragment caches (portal.caching.cached_value / cached_fragments): listing counts, filter options and
catalogue cards are served from the cache on a repeat, and are fresh the moment an editor publishes or a
registration changes the places left."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Role
from tests.cases.factories import CasePageFactory
from tests.programmes.factories import ProgrammePageFactory, TrackFactory
from tests.programmes.test_catalogue import card_html
from tests.registrations.factories import RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

CATALOGUE = "/aan-de-slag/"
LIBRARY = "/casussen/"


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def _get(client, url, params=None) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (CATALOGUE, {}),
        (CATALOGUE, {"functie": "griffiers"}),
        (LIBRARY, {"functie": "raadsleden", "soort": "report"}),
    ],
)
def test_a_repeat_is_served_from_the_fragment_caches_with_the_same_html(client, url, params):
    first, cold = _get(client, url, params)
    second, warm = _get(client, url, params)
    assert second == first
    assert warm < cold
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, params)
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "COUNT(" not in sql.upper()  # no count, facet count or paginator count on a repeat
    assert "programmes_programmetakeaway" not in sql  # cards come from the cache


def test_warm_catalogue_query_count_does_not_grow_with_programmes(client):
    griffiers = Role.objects.get(slug="griffiers")
    _get(client, CATALOGUE, {"functie": "griffiers"})
    _, few = _get(client, CATALOGUE, {"functie": "griffiers"})
    for i in range(15):
        ProgrammePageFactory(title=f"Extra aanbod {i}", roles=[griffiers])
    _get(client, CATALOGUE, {"functie": "griffiers"})  # generation unchanged: counts were cached
    from django.core.cache import cache

    cache.clear()
    _get(client, CATALOGUE, {"functie": "griffiers"})
    _, many = _get(client, CATALOGUE, {"functie": "griffiers"})
    assert many == few


def test_publishing_shows_a_changed_card_at_once(client, django_capture_on_commit_callbacks):
    griffiers = Role.objects.get(slug="griffiers")
    with django_capture_on_commit_callbacks(execute=True):
        programme = ProgrammePageFactory(title="Verse titel", slug="verse-titel", roles=[griffiers])
    html, _ = _get(client, CATALOGUE, {"functie": "griffiers"})
    assert "Verse titel" in html
    with django_capture_on_commit_callbacks(execute=True):
        programme.title = "Nog versere titel"
        programme.save_revision().publish()
    html, _ = _get(client, CATALOGUE, {"functie": "griffiers"})
    assert "Nog versere titel" in html and "Verse titel<" not in html


def test_a_registration_updates_places_left_on_the_card(client, django_capture_on_commit_callbacks):
    griffiers = Role.objects.get(slug="griffiers")
    with django_capture_on_commit_callbacks(execute=True):
        programme = ProgrammePageFactory(
            title="Krappe plekken", slug="krappe-plekken", roles=[griffiers]
        )
        track = TrackFactory(programme=programme, capacity=3)
    html, _ = _get(client, CATALOGUE, {"functie": "griffiers"})
    assert "nog 3 plaatsen vrij" in card_html(html, "krappe-plekken")
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(track=track)
    html, _ = _get(client, CATALOGUE, {"functie": "griffiers"})
    assert "nog 2 plaatsen vrij" in card_html(html, "krappe-plekken")


def test_library_counts_follow_a_publish(client, django_capture_on_commit_callbacks):
    raadsleden = Role.objects.get(slug="raadsleden")
    html, _ = _get(client, LIBRARY, {"functie": "raadsleden"})
    with django_capture_on_commit_callbacks(execute=True):
        CasePageFactory(title="Nieuwe casus voor raadsleden", roles=[raadsleden])
    fresh, _ = _get(client, LIBRARY, {"functie": "raadsleden"})
    assert "Nieuwe casus voor raadsleden" in fresh
    assert fresh != html


def test_programme_page_content_is_cached_and_fresh_after_a_registration(
    client, django_capture_on_commit_callbacks
):
    griffiers = Role.objects.get(slug="griffiers")
    with django_capture_on_commit_callbacks(execute=True):
        programme = ProgrammePageFactory(title="Vol raken", slug="vol-raken", roles=[griffiers])
        track = TrackFactory(programme=programme, capacity=2)
    url = "/aan-de-slag/vol-raken/"
    first, cold = _get(client, url)
    second, warm = _get(client, url)
    assert second == first and "nog 2 plaatsen vrij" in first
    assert warm < cold
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(track=track)
    html, _ = _get(client, url)
    assert "nog 1 plaats vrij" in html
    with django_capture_on_commit_callbacks(execute=True):
        programme.intro = "Een nieuwe inleiding."
        programme.save_revision().publish()
    html, _ = _get(client, url)
    assert "Een nieuwe inleiding." in html


def test_header_and_footer_are_cached_and_fresh_after_a_settings_change(
    client, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from portal.models import SiteSettings

    first, cold = _get(client, LIBRARY)
    second, warm = _get(client, LIBRARY)
    assert second == first and warm < cold
    with django_capture_on_commit_callbacks(execute=True):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.footer_contact = "Nieuw adres voor de voet"
        site_settings.save()
    html, _queries = _get(client, LIBRARY)
    assert "Nieuw adres voor de voet" in html


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", {}),
        (CATALOGUE, {"/aan-de-slag/": "page"}),
        (LIBRARY, {"/casussen/": "page"}),
        ("/zoeken/", {"/zoeken/": "page"}),
        ("/aan-de-slag/raad-in-beraad/", {"/aan-de-slag/": "true"}),
    ],
)
def test_the_cached_header_marks_the_current_section(client, url, current):
    for visited in ("/", CATALOGUE, LIBRARY, "/zoeken/", "/aan-de-slag/raad-in-beraad/"):
        client.get(visited)  # every variant of the header is in the cache now
    html = client.get(url).content.decode()
    for prefix in ("/aan-de-slag/", "/casussen/", "/contact/", "/zoeken/"):
        expected = f' aria-current="{current[prefix]}"' if prefix in current else ""
        assert f'<li><a href="{prefix}"{expected}>' in html


def test_output_with_a_csrf_token_or_nonce_is_never_kept(rf):
    from django.core.cache import cache
    from django.middleware.csrf import get_token
    from django.utils.csp import LazyNonce

    from portal.caching import cached_value, fragment_key, uses_request_secrets

    request = rf.get("/")
    request._csp_nonce = LazyNonce()
    assert not uses_request_secrets(request)
    str(request._csp_nonce)  # a template put the nonce in its output
    assert uses_request_secrets(request)
    other = rf.get("/")
    get_token(other)
    assert uses_request_secrets(other)

    keep = lambda _value: not uses_request_secrets(request)  # noqa: E731
    assert cached_value(("secret-fragment",), lambda: "html", keep) == "html"
    assert cache.get(fragment_key("secret-fragment")) is None
    assert cached_value(("plain-fragment",), lambda: "html") == "html"
    assert cache.get(fragment_key("plain-fragment")) == "html"
