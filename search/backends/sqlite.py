"""modelsearch's SQLite FTS5 backend with relevance ranking in one pass (see ``search.backends.database``).

Imported only on SQLite: modelsearch defines its FTS model only there."""

from __future__ import annotations

from django.db.models import Case, IntegerField, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

MAX_RANKED_SLICE = 1000  # ids become SQL parameters; a larger slice keeps modelsearch's own way


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


class RankedSQLiteSearchQueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
