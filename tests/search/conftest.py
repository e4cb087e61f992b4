"""Fixtures for the search tests: a real OpenSearch-compatible server (osmem-server) on 127.0.0.1.

``osmem`` starts one in-memory server per test session (per xdist worker) as a subprocess on a free
port and stops it at the end. ``opensearch`` points Wagtail's search at it through the same environment
variables production uses (``SEARCH_BACKEND=opensearch3``, ``SEARCH_URL``, ``SEARCH_INDEX``), with a fresh
index prefix per test, and runs ``update_index`` over the seeded content.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from portal import env


def start_osmem():
    try:
        from osmem_server import OsmemError, OsmemServer
    except ImportError:  # pragma: no cover - dev extra missing
        pytest.skip("osmem-server is not installed: pip install -e '.[dev]'")
    try:
        # Port 0: the server picks a free port and reports its URL on stdout.
        return OsmemServer.start(addr="127.0.0.1:0", japanese=False, startup_timeout=20)
    except OsmemError as exc:  # pragma: no cover - platform without a bundled binary
        pytest.skip(f"osmem-server could not start here: {exc}")


@pytest.fixture(scope="session")
def osmem():
    server = start_osmem()
    yield server
    server.close()


def use_engine(monkeypatch, settings, url: str, timeout: int = 3) -> str:
    """Configure search exactly as production would from the environment; returns the index prefix."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch3")
    monkeypatch.setenv("SEARCH_URL", url)
    monkeypatch.setenv("SEARCH_INDEX", prefix)
    monkeypatch.setenv("SEARCH_TIMEOUT", str(timeout))
    settings.WAGTAILSEARCH_BACKENDS = env.search_config()
    return prefix


def refresh_index() -> None:
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    get_search_backend().get_index_for_model(Page).refresh()


@pytest.fixture
def opensearch(seeded, osmem, monkeypatch, settings):
    """The seeded site indexed into osmem-server; search requests now go to the engine."""
    use_engine(monkeypatch, settings, osmem.url)
    call_command("update_index", verbosity=0)
    refresh_index()
    return osmem


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (the 'dutch' text search configuration); run with DATABASE_URL"
        )
