"""The database search backend, with relevance ranking on SQLite that scales with the number of matches.

``SEARCH_BACKEND=database`` (the default) points ``WAGTAILSEARCH_BACKENDS`` here. ``SearchBackend`` is
modelsearch's own factory (PostgreSQL, MySQL, SQLite FTS5 or the fallback), with one change on SQLite:

modelsearch's SQLite compiler orders a results page by a *correlated* subquery that runs the full-text
match again for every matching page, so the work grows with the square of the matches: a word on 11,000
pages took 74 s (``docs/benchmarks.md``). ``search.backends.sqlite`` scores every match once, in one query
on the FTS table (bm25, the same weights and the same order: best score first, then newest id), takes
the page of ids it needs and loads those objects: 27 ms for the same word. Counts, facets, unordered
searches, score annotations and negated queries keep modelsearch's own code.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks this name up in the module
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":  # modelsearch's FTS model exists only on SQLite
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from search.backends.sqlite import RankedSQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            return RankedSQLiteSearchBackend(params)
    return backend
