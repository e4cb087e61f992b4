"""modelsearch's SQLite FTS5 backend, made Dutch and ranked in one pass (see ``search.backends.database``).

Imported only on SQLite: modelsearch defines its FTS model only there.

* **Dutch words** (``DutchSQLiteIndex``, ``DutchMatching``): titles and bodies are stored as
  ``search.analysis.index_text`` (folded words, each followed by its Dutch stem), and each query word
  becomes ``("word" OR "stem" OR "word"*)``. An exact word matches all three, another form of the word
  (same stem) two, a compound that starts with the word ("participatie" in "participatieland") only the
  prefix: bm25 adds up the matched phrases, so exact matches rank first and compounds last. After
  changing the analysis, rebuild the index (``manage.py update_index``).
* **One-pass ranking** (``OnePassRanking``): modelsearch orders a results page by a correlated subquery
  that runs the match again for every matching page (74 s for a word on 11,000 pages); we score every
  match once on the FTS table and load the page of ids we need.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import (
    BM25,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.analysis import index_text, query_terms

TITLE_WEIGHT = (
    10.0  # a word in the title counts ten times one in the body (measured: relevance.yaml)
)
MAX_RANKED_SLICE = 1000  # ids become SQL parameters; a larger slice keeps modelsearch's own way


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_expression(query_string: str, operator: str = "and") -> str | None:
    """The FTS5 MATCH expression for plain query words (see the module docstring)."""
    parts = []
    for term in query_terms(query_string):
        forms = dict.fromkeys([_quoted(term.word), _quoted(term.stem)])
        if term.prefix:
            forms[_quoted(term.word) + "*"] = None
        parts.append("(" + " OR ".join(forms) + ")")
    if not parts:
        return None
    return "(" + f" {operator.upper()} ".join(parts) + ")"


def fts_phrase(query_string: str) -> str | None:
    """A phrase as its words' stems close together (the index holds both word and stem)."""
    stems = [_quoted(term.stem) for term in query_terms(query_string)]
    if not stems:
        return None
    if len(stems) == 1:
        return stems[0]
    return f"NEAR({' '.join(stems)}, {len(stems) * 2})"


class WeightedBM25(BM25):
    """FTS5's bm25 with a weight per column (autocomplete, body, title: the order of modelsearch's FTS
    table). modelsearch's plain ``bm25(table)`` weighs a word in the title like one in the body; a title
    is what a page is about."""

    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class DutchMatching:
    """Queries in the forms ``DutchSQLiteIndex`` stores, ranked with the title weighing more."""

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, Phrase | PlainText | Not):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            if isinstance(query, Phrase):
                expression = fts_phrase(query.query_string)
            else:
                expression = fts_expression(query.query_string, query.operator)
            # An empty query (only punctuation) matches nothing, as modelsearch's own "" would.
            return SearchQueryExpression(Value(expression or '""'))
        return super().build_search_query_content(query, config=config)


class OnePassRanking:
    """For a slice of results ordered by relevance: score all matches in one query, keep the slice."""

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        pk = self.queryset.model._meta.pk
        integer_pk = isinstance(pk.target_field if pk.is_relation else pk, IntegerField)
        plain = not isinstance(query, MatchAll | Not)
        page_sized = stop is not None and stop - (start or 0) <= MAX_RANKED_SLICE
        if not (
            plain and integer_pk and page_sized and self.order_by_relevance and score_field is None
        ):
            return super().search(config, start, stop, score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        object_ids = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=self.queryset.values("pk"),
            )
            .annotate(score=rank, object_pk=Cast("index_entry__object_id", IntegerField()))
            .order_by("score", "-object_pk")
            .values_list("object_pk", flat=True)
        )
        ranked = list(dict.fromkeys(object_ids[start or 0 : stop]))
        if not ranked:
            return self.queryset.none()
        position = Case(
            *(When(pk=pk, then=i) for i, pk in enumerate(ranked)), output_field=IntegerField()
        )
        return self.queryset.filter(pk__in=ranked).order_by(position)


class RankedSQLiteSearchQueryCompiler(OnePassRanking, DutchMatching, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
    """Title prefixes for the suggestions: the autocomplete column keeps modelsearch's own text."""


class DutchObjectIndexer(ObjectIndexer):
    @property
    def dutch_title(self) -> str:
        return index_text(self.title)

    @property
    def dutch_body(self) -> str:
        return index_text(self.body)


class DutchSQLiteIndex(SQLiteIndex):
    """modelsearch's ``SQLiteIndex.add_items`` with the title and body in their Dutch index form."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [DutchObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {i.id: (i.dutch_title, i.autocomplete, i.dutch_body) for i in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                self.entries.model(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    index_class = DutchSQLiteIndex
