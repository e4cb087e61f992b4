"""What is searched: the one queryset of searchable pages, and how a result is labelled."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Page

from cases.models import CasePage
from programmes.models import ProgrammePage
from search.constants import ResultKind


def searchable_pages() -> QuerySet:
    """Every live, public page except the tree root: the single source of page results."""
    return Page.objects.live().public().filter(depth__gt=1)


def result_kind(page: Page) -> str:
    if isinstance(page, ProgrammePage):
        return ResultKind.PROGRAMME
    if isinstance(page, CasePage):
        return ResultKind.CASE
    return ResultKind.PAGE


def specific_pages(ids: list[int]) -> list[Page]:
    """The specific instances of the pages ``ids`` (found by a search of ``searchable_pages()`` in this
    request), in the same order, in one query per page type."""
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


def uses_database_backend() -> bool:
    """Whether search runs on the database (SQLite or PostgreSQL) rather than an external engine."""
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return ".database" in backend
