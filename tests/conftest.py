"""Shared fixtures: the seeded site (loaded once per test database), a client with the site's host."""

from __future__ import annotations

import pytest


def _ensure_seed():
    from wagtail.models import Site

    from portal.models import HomePage
    from portal.seed.loader import load_seed_content

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        load_seed_content()
        site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


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
