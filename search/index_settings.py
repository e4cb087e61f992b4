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

The same extras as the database backends (issue 19), in the analyser itself:

* ``dutch_synonyms``: the default lexicon (``search.lexicon.DEFAULT_SYNONYMS``) as a ``synonym`` filter.
  The editors' own synonyms reach the engine at query time (``search.lexicon.expand``), like every
  backend; the filter makes the defaults hold even for a query that bypasses the lexicon.
* ``dutch_decompounder``: ``dictionary_decompounder`` with the parts Dutch compounds in this domain are
  made of (``COMPOUND_PARTS``): "raadsakkoorden" is also indexed as "raad" and "akkoord",
  "participatieland" as "participatie", so a part finds the compound; the whole word still matches
  exactly and ranks higher.
* ``dutch_irregular``: ``stemmer_override`` for the irregular plurals the stemmer gets wrong
  (raadsleden -> raadslid).

osmem-server (CI) applies all three; it warns "not supported; ignored" when the index is created but
analyses with them (checked with ``_analyze``). It rejects ``hyphenation_decompounder``.
"""

from __future__ import annotations

DUTCH_ANALYZER = "dutch_text"


# Parts of compounds in this domain (folded, singular): a word made of them is also indexed as its parts.
COMPOUND_PARTS = [
    "raad", "akkoord", "participatie", "democratie", "driehoek", "gemeente", "burger", "bijeenkomst",
    "samenwerking", "verband", "instrument", "overdracht", "thema", "land", "kring", "leer", "lid",
    "secretaris", "griffier", "griffie", "wethouder", "burgemeester", "bestuur", "college",
    "samenleving", "ambt", "drager", "werk", "periode", "vernieuwing", "ondersteuning", "formatie",
]  # fmt: skip

# Irregular forms the Snowball stemmer cannot know (the rest of the lexicon is synonyms).
IRREGULAR_FORMS = [
    "raadsleden => raadslid",
    "commissieleden => commissielid",
    "burgerleden => burgerlid",
    "collegeleden => collegelid",
    "secretarissen => secretaris",
    "gemeentesecretarissen => gemeentesecretaris",
]


def _synonym_rules() -> list[str]:
    from search.lexicon import DEFAULT_SYNONYMS

    rules = []
    for terms, _note in DEFAULT_SYNONYMS:
        cleaned = [" ".join(term.replace("&", " ").split()).lower() for term in terms.split(",")]
        rules.append(", ".join(term for term in cleaned if term))
    return rules


def dutch_index_settings() -> dict:
    """The ``INDEX_SETTINGS`` block for every Elasticsearch/OpenSearch backend."""
    analyzer = {
        "type": "custom",
        "tokenizer": "standard",
        "filter": [
            "lowercase",
            "asciifolding",
            "dutch_synonyms",
            "dutch_decompounder",
            "dutch_stop",
            "dutch_irregular",
            "dutch_stemmer",
        ],
    }
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "dutch_synonyms": {"type": "synonym", "synonyms": _synonym_rules()},
                    "dutch_decompounder": {
                        "type": "dictionary_decompounder",
                        "word_list": COMPOUND_PARTS,
                        "min_subword_size": 3,
                        "only_longest_match": False,
                    },
                    "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                    "dutch_irregular": {"type": "stemmer_override", "rules": IRREGULAR_FORMS},
                    "dutch_stemmer": {"type": "snowball", "language": "Dutch"},
                },
                "analyzer": {
                    "default": analyzer,
                    DUTCH_ANALYZER: dict(analyzer),
                },
            }
        }
    }
