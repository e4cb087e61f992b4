"""Index settings for Elasticsearch/OpenSearch: Dutch analysis.

Wagtail merges ``INDEX_SETTINGS`` into its own. We replace the default analyser of full-text fields with a
Dutch one (lower-casing, ASCII folding so "coördinatie" matches "coordinatie", Dutch stop words and the
Dutch Snowball stemmer so "driehoek" matches "driehoeken"). Its shape follows Wagtail's own analysis block.
"""

from __future__ import annotations


def dutch_index_settings() -> dict:
    return {
        "settings": {
            "index": {
                "analysis": {
                    "filter": {
                        "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                        "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                    },
                    "analyzer": {
                        "default": {
                            "type": "custom",
                            "tokenizer": "standard",
                            "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"],
                        },
                    },
                }
            }
        }
    }
