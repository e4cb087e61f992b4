"""Dutch text analysis for the SQLite search index and for queries: one function for both sides.

SQLite's FTS5 knows no Dutch. modelsearch stores whatever text it is given, so ``index_text`` turns a
page's title and body into the words FTS5 indexes: every word folded (lower case, accents removed, as
FTS5's own ``unicode61`` tokenizer does) and, where it differs, followed by its Dutch Snowball stem
("burgemeesters" -> "burgemeesters burgemeester"). ``query_terms`` gives the same forms for what a
visitor typed, so "burgemeester" finds "Burgemeesters aan het woord" and "griffier" and "griffiers"
find the same pages.

The stemmer is Snowball's original Dutch algorithm (``dutch_porter`` in PyStemmer): the one PostgreSQL's
``dutch`` configuration and the Elasticsearch/OpenSearch ``snowball`` filter with ``language: Dutch``
use, so every backend agrees on what a word's stem is. Irregular forms (raadslid/raadsleden) are for
the lexicon (``search.lexicon``), not for the stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# A query word this long or longer also matches as a prefix: "participatie" finds "participatieland",
# "driehoek" finds "driehoeken" (ranked below exact matches: see search.backends.sqlite).
MIN_PREFIX_LENGTH = 5

_WORD = re.compile(r"[^\W_]+")
_stemmer = Stemmer.Stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: "Coördinatie" -> "coordinatie" (what FTS5's tokenizer does)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Dutch Snowball stem of a folded word."""
    return _stemmer.stemWord(word)


def index_text(text: str) -> str:
    """What FTS5 indexes for ``text``: each folded word, followed by its stem where that differs."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        stemmed = stem(word)
        if stemmed != word:
            out.append(stemmed)
    return " ".join(out)


@dataclass(frozen=True)
class QueryTerm:
    """One query word in the forms the index holds."""

    word: str  # folded
    stem: str

    @property
    def prefix(self) -> bool:
        """Whether the word also matches as the start of a longer (compound) word."""
        return len(self.word) >= MIN_PREFIX_LENGTH


def query_terms(text: str) -> list[QueryTerm]:
    return [QueryTerm(word, stem(word)) for word in words(text)]
