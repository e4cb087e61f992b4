"""The search page's filters (``soort``, ``aanbod``, ``functie``): validation, querysets and links.

Links are built with the shared ``portal.filters.build_url`` (the catalogue and the case library use it
too): known parameters only, in a fixed order, ``page`` only where a link asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from cases.models import CasePage
from portal.filters import PAGE_PARAM, build_url
from programmes.constants import OfferingKind
from programmes.models import ProgrammePage, Role
from search.constants import ResultKind
from search.pages import uses_database_backend

SEARCH_PATH = "/zoeken/"


@dataclass(frozen=True)
class SearchFilters:
    """Validated facet choices; unknown values are dropped (a stale link never errors)."""

    kind: str = ""
    offering_kind: str = ""
    role: str = ""

    @classmethod
    def from_params(cls, kind: str, offering_kind: str, role: str) -> SearchFilters:
        kind = kind if kind in ResultKind.values else ""
        offering_kind = offering_kind if offering_kind in OfferingKind.values else ""
        if offering_kind and kind not in ("", ResultKind.PROGRAMME):
            offering_kind = ""
        role = role if role and role_exists(role) else ""
        return cls(kind=kind, offering_kind=offering_kind, role=role)

    @property
    def active(self) -> bool:
        return bool(self.kind or self.offering_kind or self.role)


def role_exists(slug: str) -> bool:
    return Role.objects.filter(slug=slug).exists()


def search_url(query: str, filters: SearchFilters, **changes: str | int | None) -> str:
    """A /zoeken/ link for the cleaned query and filters, with ``changes`` applied (None removes)."""
    values = {
        "q": query,
        "soort": filters.kind,
        "aanbod": filters.offering_kind,
        "functie": filters.role,
    }
    params = {name: [value] if value else [] for name, value in values.items()}
    page = changes.pop(PAGE_PARAM, None)
    url = build_url(SEARCH_PATH, params, **{k: [str(v)] if v else [] for k, v in changes.items()})
    if page:
        url = f"{url}{'&' if '?' in url else '?'}{PAGE_PARAM}={page}"
    return url


def _ids(queryset: QuerySet):
    """Page ids for an ``id__in`` filter: a subquery on the database backend, a list for engines."""
    ids = queryset.values("id")
    return ids if uses_database_backend() else list(ids.values_list("id", flat=True))


def role_filter(role: str) -> Q:
    """Pages (programmes and cases) for one role. On the database backend two plain ``id IN (subquery)``
    conditions side by side: nesting them in a third subquery made PostgreSQL pick a plan that took
    seconds at 10,000 pages."""
    programmes = ProgrammePage.objects.filter(roles__slug=role).values("pk")
    cases = CasePage.objects.filter(roles__slug=role).values("pk")
    if uses_database_backend():
        return Q(id__in=programmes) | Q(id__in=cases)
    return Q(id__in=[*programmes.values_list("pk", flat=True), *cases.values_list("pk", flat=True)])


def filtered_pages(base: QuerySet, filters: SearchFilters, *, skip: str = "") -> QuerySet:
    """``base`` (``searchable_pages()``, built once per request: ``.public()`` reads the restrictions)
    narrowed by the filters; ``skip`` leaves one filter out (for that facet's counts)."""
    pages = base
    if filters.kind and skip != "kind":
        if filters.kind == ResultKind.PROGRAMME:
            pages = pages.type(ProgrammePage)
        elif filters.kind == ResultKind.CASE:
            pages = pages.type(CasePage)
        else:
            pages = pages.not_type(ProgrammePage, CasePage)
    if filters.offering_kind and skip != "offering_kind":
        pages = pages.filter(id__in=_ids(ProgrammePage.objects.filter(kind=filters.offering_kind)))
    if filters.role and skip != "role":
        pages = pages.filter(role_filter(filters.role))
    return pages
