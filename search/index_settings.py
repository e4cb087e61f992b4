"""Index settings for Elasticsearch/OpenSearch: Dutch analysis.

modelsearch (behind ``wagtail.search``) deep-merges ``INDEX_SETTINGS`` into its own class attribute
``ElasticsearchBaseSearchBackend.settings``, whose shape is ``{"settings": {"analysis": {...}, "index":
{...}}}``. Our block therefore lives under ``settings.analysis`` (next to Wagtail's ``ngram_analyzer`` and
``edgengram_analyzer``, which it keeps), not under ``settings.index.analysis``: that would create a second,
separately merged analysis block.

Wagtail maps full-text ``SearchField`` s to ``text`` fields without an explicit analyser, so the index's
``default`` analyser decides how they are indexed and searched. We make that analyser Dutch: lower-casing,
ASCII folding (so "coördinatie" matches "coordinatie"), Dutch stop words and the Dutch Snowball stemmer
(so "driehoek" matches "driehoeken" and "raadsakkoord" matches "raadsakkoorden"). The stemmer is the
``snowball`` filter with ``language: Dutch``, which Elasticsearch, OpenSearch and osmem-server (CI) all
accept; osmem rejects the equivalent ``stemmer`` filter with ``language: dutch``. Autocomplete fields keep
Wagtail's edge-n-gram analyser. After changing this, rebuild the index: ``manage.py update_index``.
"""

from __future__ import annotations

DUTCH_ANALYZER = "dutch_text"


def dutch_index_settings() -> dict:
    """The ``INDEX_SETTINGS`` block for every Elasticsearch/OpenSearch backend."""
    analyzer = {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"],
    }
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                    "dutch_stemmer": {"type": "snowball", "language": "Dutch"},
                },
                "analyzer": {
                    "default": analyzer,
                    DUTCH_ANALYZER: dict(analyzer),
                },
            }
        }
    }
