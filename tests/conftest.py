"""Shared fixtures: the seeded site (loaded once per test database), a client with the site's host."""

from __future__ import annotations

import pytest


def _ensure_seed():
    from wagtail.models import Site

    from portal.models import HomePage
    from portal.seed.loader import load_seed_content

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        _ensure_root_page()
        load_seed_content()
        site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


def _ensure_root_page():
    """A transactional test flushes every table, also Wagtail's root page and locale: recreate them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once into the test database; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        _ensure_seed()


@pytest.fixture
def seeded(db):
    """The home page of the seeded site (reloaded if a transactional test flushed the database)."""
    return _ensure_seed()


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: rate-limit counters, the query-log batches and the
    fragment and search caches all live there."""
    from django.core.cache import cache

    from portal.cache import reset_breakers

    reset_breakers()
    cache.clear()
    yield
    cache.clear()
    reset_breakers()
