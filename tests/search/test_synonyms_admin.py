"""Editors keep the search lexicon in the admin: Instellingen > Zoeksynoniemen (issue 19)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from search.lexicon import DEFAULT_SYNONYMS
from search.models import SearchSynonym
from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/portal_search/searchsynonym/"


@pytest.fixture
def editor(client, seeded):
    user = get_user_model().objects.create_superuser(
        username="zoekredacteur", email="zoek@example.nl", password="geheim-wachtwoord-123"
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_default_lexicon_is_seeded():
    assert SearchSynonym.objects.count() >= len(DEFAULT_SYNONYMS)
    assert SearchSynonym.objects.filter(terms="raadslid, raadsleden").exists()


def test_the_admin_lists_the_synonyms_in_dutch(editor):
    html = editor.get(LIST_URL).content.decode()
    assert "Zoeksynoniemen" in html
    assert "raadslid, raadsleden" in html


def test_an_editor_adds_a_group_and_search_uses_it(editor, django_capture_on_commit_callbacks):
    ContentPageFactory(title="Wijkrondje", words="een wandeling door de wijk")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"{LIST_URL}add/", {"terms": "ommetje, wandeling", "note": "Spreektaal"}
        )
    assert response.status_code == 302
    editor.logout()
    assert "Wijkrondje" in editor.get("/zoeken/", {"q": "ommetje"}).content.decode()


def test_an_empty_group_gets_a_dutch_error(editor):
    response = editor.post(f"{LIST_URL}add/", {"terms": "", "note": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zoeksynoniem kon niet worden aangemaakt vanwege fouten." in html
    assert "verplicht" in html.lower()
