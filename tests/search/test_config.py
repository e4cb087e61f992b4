"""The search backend is chosen by environment variables (portal.env.search_config)."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.utils import deep_update

from portal import env
from search.index_settings import dutch_index_settings


def test_database_backend_by_default_on_sqlite(monkeypatch):
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    assert env.search_config() == {"default": {"BACKEND": "search.backends.database"}}


def test_postgres_gets_the_dutch_text_search_configuration(monkeypatch):
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1/portal")
    config = env.search_config()["default"]
    assert config == {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "dutch"}


@pytest.mark.parametrize(
    "choice", ["elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"]
)
def test_external_engines_from_the_environment(monkeypatch, choice):
    monkeypatch.setenv("SEARCH_BACKEND", choice)
    monkeypatch.setenv("SEARCH_URL", "http://search.internal:9200")
    monkeypatch.setenv("SEARCH_INDEX", "portaal")
    monkeypatch.setenv("SEARCH_TIMEOUT", "2")
    config = env.search_config()["default"]
    # OpenSearch through our subclasses with the engine's circuit breaker (search.backends)
    package = "search.backends" if choice.startswith("opensearch") else "wagtail.search.backends"
    assert config["BACKEND"] == f"{package}.{choice}"
    assert config["URLS"] == ["http://search.internal:9200"]
    assert config["INDEX_PREFIX"] == "portaal_"
    assert config["TIMEOUT"] == 2
    assert config["OPTIONS"] == {"max_retries": 0, "retry_on_timeout": False}
    assert config["INDEX_SETTINGS"] == dutch_index_settings()


def test_external_engine_needs_a_url(monkeypatch):
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch3")
    monkeypatch.delenv("SEARCH_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        env.search_config()


def test_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv("SEARCH_BACKEND", "solr")
    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKEND"):
        env.search_config()


def test_dutch_analyser_merges_into_wagtails_analysis_block():
    """Same shape as modelsearch's own settings: Wagtail's analysers survive, ours is the default."""
    merged = deep_update(
        copy.deepcopy(ElasticsearchBaseSearchBackend.settings), dutch_index_settings()
    )
    analysis = merged["settings"]["analysis"]
    assert {"ngram_analyzer", "edgengram_analyzer", "default"} <= set(analysis["analyzer"])
    assert analysis["analyzer"]["default"]["filter"][-1] == "dutch_stemmer"
    assert analysis["filter"]["dutch_stemmer"] == {"type": "snowball", "language": "Dutch"}
    assert {"ngram", "edgengram", "dutch_stop"} <= set(analysis["filter"])
    assert "analysis" not in merged["settings"].get("index", {})
