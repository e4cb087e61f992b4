"""modelsearch's PostgreSQL backend with compound-word matching (see ``search.backends.database``).

The ``dutch`` text search configuration stems regular forms ("driehoeken" -> "driehoek"). On top of it each
query word long enough also matches as a prefix of a stemmed lexeme (``'participatie':*`` finds
"participatieland"). A page is ranked by its exact matches plus a hundredth of its prefix matches, so exact
matches (even in the body) rank above compounds (even in the title). The GIN index on ``title || body``
(migration 0001) serves prefix lexemes as well.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from search.analysis import MIN_PREFIX_LENGTH

# A compound match counts this much of an exact one: the title weighs 10x the body and short titles get
# a further length bonus (title_norm, up to about 3x), so an exact word in the body must still win.
PREFIX_WEIGHT = 0.01


class DutchPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        if not terms:
            return None
        combined = None
        for term in terms:
            lexeme = Lexeme(term)
            if len(term) >= MIN_PREFIX_LENGTH:
                lexeme = lexeme | Lexeme(term, prefix=True)
            if combined is None:
                combined = lexeme
            elif query.operator == "and":
                combined = combined & lexeme
            else:
                combined = combined | lexeme
        return SearchQuery(combined, search_type="raw", config=config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if not isinstance(query, PlainText):
            return super().build_tsrank(vector, query, config=config, boost=boost)
        exact = PostgresSearchQueryCompiler.build_tsquery_content(self, query, config=config)
        with_prefixes = self.build_tsquery_content(query, config=config)
        rank = SearchRank(vector, exact, weights=self.sql_weights) + PREFIX_WEIGHT * SearchRank(
            vector, with_prefixes, weights=self.sql_weights
        )
        return rank * boost if boost != 1.0 else rank


class DutchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = DutchPostgresSearchQueryCompiler
