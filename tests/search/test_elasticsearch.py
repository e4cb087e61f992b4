"""The Elasticsearch 8/9 backends against a real Elasticsearch, when ELASTICSEARCH_URL is set.

osmem-server only speaks the OpenSearch API, so these run only where a real Elasticsearch is available:
``ELASTICSEARCH_URL=http://127.0.0.1:9200 pytest tests/search/test_elasticsearch.py``.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.core.management import call_command

from portal import env

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.external_search,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL,
        reason="ELASTICSEARCH_URL is not set: the Elasticsearch 8/9 backends need a real "
        "Elasticsearch server (osmem-server covers the OpenSearch backends only)",
    ),
]


@pytest.mark.parametrize(
    ("backend", "client_major"), [("elasticsearch8", 8), ("elasticsearch9", 9)]
)
def test_elasticsearch_backend_end_to_end(
    seeded, client, monkeypatch, settings, backend, client_major
):
    elasticsearch = pytest.importorskip("elasticsearch", reason="pip install -e '.[elasticsearch]'")
    if elasticsearch.__versionstr__.split(".")[0] != str(client_major):
        pytest.skip(f"the installed elasticsearch client is {elasticsearch.__versionstr__}")
    monkeypatch.setenv("SEARCH_BACKEND", backend)
    monkeypatch.setenv("SEARCH_URL", ELASTICSEARCH_URL)
    monkeypatch.setenv("SEARCH_INDEX", f"t{uuid.uuid4().hex[:10]}")
    settings.WAGTAILSEARCH_BACKENDS = env.search_config()
    call_command("update_index", verbosity=0)
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    get_search_backend().get_index_for_model(Page).refresh()
    html = client.get("/zoeken/", {"q": "driehoek"}).content.decode()
    assert "Versterken lokale driehoeken" in html
