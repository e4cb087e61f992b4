"""Admin searches while the external search engine is down or hangs: the listing answers with a Dutch
message instead of a 500 (portal.middleware.SearchUnavailableMiddleware)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model

from tests.search.conftest import use_engine
from tests.search.test_engine_down import dead_engine  # noqa: F401 - fixture
from tests.slow_servers import hung_listener

pytestmark = [pytest.mark.external_search, pytest.mark.django_db]

ADMIN_SEARCHES = [
    "/admin/pages/search/",
    "/admin/snippets/people/person/",
    "/admin/images/",
    "/admin/documents/",
]
MESSAGE = "Zoeken is tijdelijk niet beschikbaar"


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("zoekbeheer", "", "wachtwoord-123")
    client.force_login(editor)
    return client


def assert_degrades(client, url):
    started = time.monotonic()
    response = client.get(url, {"q": "raad"}, follow=True)
    elapsed = time.monotonic() - started
    assert response.status_code in (200, 503), url
    assert MESSAGE in response.content.decode(), url
    assert elapsed < 5, f"{url} took {elapsed:.1f} s"
    return response


@pytest.mark.parametrize("url", ADMIN_SEARCHES)
def test_admin_search_with_engine_down_shows_dutch_message(dead_engine, editor_client, url):  # noqa: F811
    assert_degrades(editor_client, url)


def test_admin_search_with_hanging_engine_shows_dutch_message(
    seeded, editor_client, monkeypatch, settings
):
    with hung_listener() as engine:
        use_engine(monkeypatch, settings, f"http://127.0.0.1:{engine.port}", timeout=1)
        assert_degrades(editor_client, "/admin/pages/search/")
