"""Facet counts of a search: per result kind, per kind of offering and per role (functie).

Each facet option is a ``portal.filters.FacetOption`` (the catalogue's and case library's too), with its
link built here (``search.filtering.search_url``). Counts cost a fixed number of queries whatever the
number of roles or results: one grouped search per facet on the database backends (two for the roles:
programmes' and cases'); an engine counts per role.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from modelsearch.query import SearchQuery

from cases.models import CasePage
from portal.filters import Facet, FacetOption
from programmes.constants import OfferingKind
from programmes.models import ProgrammePage, Role
from search.constants import ResultKind
from search.filtering import SearchFilters, filtered_pages, role_filter, search_url
from search.pages import uses_database_backend

Terms = str | SearchQuery  # what ``search.lexicon.expand`` gives


def kind_totals(base: QuerySet, terms: Terms, filters: SearchFilters) -> dict[str, int]:
    """Matches per result kind, the kind filter itself left out (to switch kinds)."""
    counts = filtered_pages(base, filters, skip="kind").search(terms).facet("content_type_id")
    programme_ct = ContentType.objects.get_for_model(ProgrammePage).id
    case_ct = ContentType.objects.get_for_model(CasePage).id
    totals = dict.fromkeys(ResultKind.values, 0)
    for content_type_id, count in counts.items():
        ct = int(content_type_id) if content_type_id is not None else None
        kind = (
            ResultKind.PROGRAMME
            if ct == programme_ct
            else ResultKind.CASE
            if ct == case_ct
            else ResultKind.PAGE
        )
        totals[kind] += count
    return totals


def kind_facets(totals: dict[str, int], query: str, filters: SearchFilters) -> list[FacetOption]:
    options = []
    for kind in ResultKind:
        selected = filters.kind == kind.value
        if not (totals[kind.value] or selected):
            continue
        value = kind.value  # the chosen option links to itself; 'All ...' removes the filter
        keep_offering = value in (None, ResultKind.PROGRAMME)
        url = search_url(
            query, filters, soort=value, aanbod=filters.offering_kind if keep_offering else None
        )
        options.append(FacetOption(kind.value, str(kind.label), totals[kind.value], selected, url))
    return options


def offering_facets(terms: Terms, query: str, filters: SearchFilters) -> list[FacetOption]:
    """Counts per kind of offering; only while programmes are (also) shown."""
    if filters.kind not in ("", ResultKind.PROGRAMME):
        return []
    programmes = ProgrammePage.objects.live().public()
    if filters.role:
        programmes = programmes.filter(roles__slug=filters.role)
    counts = programmes.search(terms).facet("kind")
    options = []
    for kind in OfferingKind:
        selected = filters.offering_kind == kind.value
        if not (counts.get(kind.value) or selected):
            continue
        value = kind.value  # the chosen option links to itself; 'All ...' removes the filter
        url = search_url(query, filters, aanbod=value, soort=ResultKind.PROGRAMME.value)
        options.append(
            FacetOption(kind.value, str(kind.label), counts.get(kind.value, 0), selected, url)
        )
    return options


def role_facets(
    base: QuerySet, terms: Terms, query: str, filters: SearchFilters
) -> list[FacetOption]:
    """Counts per role (functie), the role filter itself left out."""
    pages = filtered_pages(base, filters, skip="role")
    roles = list(Role.objects.order_by("name"))
    if uses_database_backend():
        counts = _role_counts_in_database(pages, terms)
    else:  # an engine counts fast; one count per role (there are a handful)
        counts = {
            role.pk: pages.filter(role_filter(role.slug)).search(terms).count() for role in roles
        }
    return [
        FacetOption(
            role.slug,
            role.name,
            counts.get(role.pk, 0),
            filters.role == role.slug,
            search_url(query, filters, functie=role.slug),
        )
        for role in roles
        if counts.get(role.pk) or filters.role == role.slug
    ]


def _role_counts_in_database(pages: QuerySet, terms: Terms) -> dict[int, int]:
    """Matches per role id in two grouped queries (programmes' and cases' roles), whatever the number of
    roles. The database backends' results are a queryset, used here as a subquery."""
    matches = pages.search(terms, order_by_relevance=False).get_queryset().order_by().values("pk")
    counts: Counter[int] = Counter()
    for through, column in (
        (ProgrammePage.roles.through, "programmepage_id"),
        (CasePage.roles.through, "casepage_id"),
    ):
        rows = (
            through.objects.filter(**{f"{column}__in": matches})
            .values("role_id")
            .annotate(matches=Count(column))
            .order_by()
        )
        for row in rows:
            counts[row["role_id"]] += row["matches"]
    return counts


def panel_facets(outcome, query: str, filters: SearchFilters) -> list[Facet]:
    """The facets as ``portal.filters.Facet``, for the one filter panel of catalogue, case library and
    search (includes/filter_panel.html), with the case library's labels. Search has no "all" count."""
    groups = (
        (
            "soort",
            _("Kind"),
            _("All kinds"),
            {"soort": None, "aanbod": None},
            filters.kind,
            outcome.kind_facets,
        ),
        (
            "aanbod",
            _("Kind of offering"),
            _("All offerings"),
            {"aanbod": None},
            filters.offering_kind,
            outcome.offering_facets,
        ),
        (
            "functie",
            _("For whom?"),
            _("All roles"),
            {"functie": None},
            filters.role,
            outcome.role_facets,
        ),
    )
    return [
        Facet(
            param=param,
            label=label,
            all_label=all_label,
            all_count=None,
            all_url=search_url(query, filters, **cleared),
            all_selected=not chosen,
            options=options,
        )
        for param, label, all_label, cleared, chosen, options in groups
        if options
    ]
