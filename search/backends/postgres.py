"""modelsearch's PostgreSQL backend with compound-word matching (see ``search.backends.database``).

The ``dutch`` text search configuration stems regular forms ("driehoeken" -> "driehoek"). On top of it each
query word long enough also matches as a prefix of a stemmed lexeme (``'participatie':*`` finds
"participatieland"); the word itself stays in the query too, so ``ts_rank`` ranks exact matches above
compounds. The GIN index on ``title || body`` (migration 0001) serves prefix lexemes as well.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from search.analysis import MIN_PREFIX_LENGTH


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


class DutchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = DutchPostgresSearchQueryCompiler
