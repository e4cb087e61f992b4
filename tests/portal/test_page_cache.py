"""The whole-page cache: hits for anonymous visitors, fresh the moment an editor publishes, never personal."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from programmes.models import ProgrammePage

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def test_second_request_is_a_hit_with_one_query(seeded, client, django_assert_num_queries):
    first = client.get("/aan-de-slag/?functie=griffiers")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # only the cache generation
        second = client.get("/aan-de-slag/?functie=griffiers")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "no-cache" in second["Cache-Control"]
    assert second["ETag"]


def test_etag_revalidation_gives_304(seeded, client):
    etag = client.get("/aan-de-slag/")["ETag"]
    assert client.get("/aan-de-slag/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publish_shows_at_once(seeded, client, django_capture_on_commit_callbacks):
    client.get("/aan-de-slag/")
    assert client.get("/aan-de-slag/")["X-Page-Cache"] == "hit"
    page = ProgrammePage.objects.get(slug="raad-in-beraad")
    page.title = "Raad in Beraad, vernieuwd"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/aan-de-slag/")
    assert response["X-Page-Cache"] == "miss"
    assert "Raad in Beraad, vernieuwd" in response.content.decode()


def test_unpublish_and_restriction_take_effect_at_once(
    seeded, client, django_capture_on_commit_callbacks
):
    url = "/aan-de-slag/trots-op-de-raad/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = ProgrammePage.objects.get(slug="trots-op-de-raad")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == 302  # login required, not the cached copy
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(url).status_code == 404


def test_logged_in_users_are_never_served_from_cache(seeded, client, admin_user):
    client.get("/aan-de-slag/")
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/aan-de-slag/")


def test_forms_are_never_cached(seeded, client):
    url = "/aan-de-slag/de-lerende-raad/aanmelden/"
    first = client.get(url)
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get(url)


def test_admin_and_api_are_not_cached(seeded, client):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
