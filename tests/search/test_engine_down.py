"""When the external search engine is down or hangs: a friendly 503 on /zoeken/, and editors can still
save and publish (modelsearch catches indexing errors for external backends; we check it stays so)."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from people.models import Person
from portal.models import ContentPage
from tests.search.conftest import refresh_index, start_osmem, use_engine
from tests.search.factories import ContentPageFactory

pytestmark = [pytest.mark.external_search, pytest.mark.django_db]


@pytest.fixture
def dead_engine(seeded, monkeypatch, settings):
    """A real engine that served the site and was then stopped (its port now refuses connections)."""
    server = start_osmem()
    try:
        use_engine(monkeypatch, settings, server.url)
        call_command("update_index", verbosity=0)
        refresh_index()
    finally:
        server.close()
    return server.url


def test_engine_worked_then_down_gives_friendly_503(dead_engine, client):
    started = time.monotonic()
    response = client.get("/zoeken/", {"q": "driehoek"})
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    html = response.content.decode()
    assert "Zoeken is tijdelijk niet beschikbaar" in html
    assert response["Retry-After"]
    suggest = client.get("/zoeken/suggesties/", {"q": "drie"})
    assert suggest.status_code == 503
    assert suggest.json() == {"suggestions": []}


def test_empty_query_needs_no_engine(dead_engine, client):
    assert client.get("/zoeken/").status_code == 200


def test_hanging_engine_times_out_into_503(seeded, client, monkeypatch, settings):
    """A server that accepts connections but never answers: the client's timeout (1 s) applies."""
    with socket.socket() as sink:
        sink.bind(("127.0.0.1", 0))
        sink.listen(8)
        use_engine(monkeypatch, settings, f"http://127.0.0.1:{sink.getsockname()[1]}", timeout=1)
        started = time.monotonic()
        response = client.get("/zoeken/", {"q": "driehoek"})
        assert time.monotonic() - started < 5
    assert response.status_code == 503


def test_publishing_in_the_admin_works_with_the_engine_down(dead_engine, client):
    page = ContentPageFactory(title="Pagina voor de storing")  # saving already hits the dead engine
    editor = get_user_model().objects.create_superuser("zoekredacteur", "", "wachtwoord-123")
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Gepubliceerd tijdens storing",
            "slug": page.slug,
            "intro": "Nieuwe intro.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ContentPage.objects.get(pk=page.pk)
    assert page.live and page.title == "Gepubliceerd tijdens storing"
    assert not page.has_unpublished_changes


def test_indexing_errors_are_logged_without_personal_data(dead_engine, caplog):
    # the failed (skipped) index update is logged by search.backends (portal.search) or modelsearch
    with caplog.at_level(logging.WARNING):
        Person.objects.create(name="Geheime Naam", slug="geheime-naam", email="geheim@example.org")
    messages = [
        record.getMessage()
        for record in caplog.records
        if record.name in ("modelsearch.index", "portal.search")
    ]
    assert messages, "the failed index update should be logged"
    assert all("Geheime" not in message and "geheim@" not in message for message in messages)
    assert any("people.Person" in message for message in messages)
