"""Queries for the case library: what a case page shows, and which cases a programme lists.

The flow
--------
* ``case_page_context(case)`` gathers everything a case page shows (lessons, roles, themes,
  municipalities, documents, contacts, related programmes) with a fixed number of queries. Related
  programmes are filtered to live, public pages, so a draft or private programme never leaks onto a case.
  It also works on an unsaved preview revision (modelcluster's in-memory relations).
* ``cases_for_programme(programme)`` is the other direction of ``CasePage.related_programmes``: the live,
  public cases that name this programme, newest first; ``templates/includes/related_cases.html`` renders
  them as case cards.
* ``library_url`` / ``filter_url`` build the shareable library addresses the case page links its roles
  and themes to (``/casussen/?functie=griffiers``, ``/casussen/?thema=<tag-slug>``).
* ``case_library(library, request)`` is the library page (/casussen/): the shared filterable-list
  machinery in ``portal.filters`` with three facets that combine: role (``functie``), theme (``thema``)
  and kind (``soort``). Options come from the roles, the themes used by live cases and the case kinds;
  each option shows how many cases it would give together with the other chosen filters. Unknown
  values give a message and behave as "Alle". The number of queries does not depend on the number
  of cases (see tests/cases/test_library.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from cases.constants import CaseKind
from cases.models import CaseIndexPage, CasePage
from portal.filters import FacetDefinition, Listing, filter_listing

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.http import HttpRequest
    from wagtail.query import PageQuerySet

    from programmes.models import ProgrammePage

# Query-string names of the library filters (Dutch: they appear in shareable URLs).
ROLE_PARAM = "functie"
THEME_PARAM = "thema"
KIND_PARAM = "soort"


@dataclass(frozen=True)
class DocumentLink:
    """A downloadable document as the case page lists it."""

    title: str
    url: str
    file_type: str
    file_size: int | None


def library_url(request: HttpRequest | None = None) -> str:
    """The URL of the (single) case library, or "" when there is none."""
    library = CaseIndexPage.objects.live().first()
    return library.get_url(request) if library else ""


def filter_url(base_url: str, param: str, value: str) -> str:
    """The library filtered on one value: ``/casussen/?thema=<tag-slug>``."""
    return f"{base_url}?{urlencode({param: value})}"


def _document_links(case: CasePage) -> list[DocumentLink]:
    links = []
    for item in case.documents.select_related("document").all():
        document = item.document
        try:
            size = document.get_file_size()
        except OSError:  # the file is missing from storage: still list it, without a size
            size = None
        links.append(
            DocumentLink(
                title=item.title or document.title,
                url=document.url,
                file_type=document.file_extension.upper(),
                file_size=size,
            )
        )
    return links


def case_page_context(case: CasePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything a case page shows besides its own fields."""
    from programmes.models import ProgrammePage

    parent = case.get_parent() if case.pk else None
    base_url = parent.get_url(request) if parent is not None else library_url(request)
    related_ids = [programme.pk for programme in case.related_programmes.all()]
    tags = sorted(case.tags.all(), key=lambda tag: tag.name.casefold())
    return {
        "library_url": base_url,
        "lessons": list(case.lessons.all()),
        "roles": [
            {"name": role.name, "url": filter_url(base_url, ROLE_PARAM, role.slug)}
            for role in sorted(case.roles.all(), key=lambda role: (role.sort_order, role.name))
        ],
        "themes": [
            {"name": tag.name, "url": filter_url(base_url, THEME_PARAM, tag.slug)} for tag in tags
        ],
        "municipalities": sorted(case.municipalities.all(), key=lambda m: m.name),
        "documents": _document_links(case),
        "contacts": [
            {"person": contact.person, "role_label": contact.get_role_display()}
            for contact in case.contacts.select_related("person", "person__photo").all()
        ],
        "related_programmes": list(
            ProgrammePage.objects.live().public().filter(pk__in=related_ids).order_by("title")
        ),
    }


def cases_for_programme(programme: ProgrammePage) -> PageQuerySet:
    """The live, public cases related to ``programme``, newest first (two queries: restrictions, cases).

    Usage on the programme page: ``{% include "includes/related_cases.html" with cases=... %}``.
    """
    return (
        CasePage.objects.live()
        .public()
        .filter(related_programmes=programme)
        .order_by("-date", "title")
    )


def role_options() -> Iterable[tuple[str, str]]:
    from programmes.models import Role

    return Role.objects.order_by("sort_order", "name").values_list("slug", "name")


def theme_options() -> Iterable[tuple[str, str]]:
    """The themes (tags) of live cases, alphabetically."""
    return (
        Tag.objects.filter(cases_casetag_items__content_object__live=True)
        .order_by("name")
        .values_list("slug", "name")
        .distinct()
    )


def kind_options() -> Iterable[tuple[str, str]]:
    return CaseKind.choices


LIBRARY_FACETS = (
    FacetDefinition(
        param=ROLE_PARAM,
        label=_("For whom?"),
        lookup="roles__slug",
        options=role_options,
        all_label=_("All roles"),
        unknown_message=_("We do not know this role. You are seeing cases for all roles."),
    ),
    FacetDefinition(
        param=THEME_PARAM,
        label=_("Theme"),
        lookup="tags__slug",
        options=theme_options,
        all_label=_("All themes"),
        unknown_message=_("We do not know this theme. You are seeing cases on all themes."),
    ),
    FacetDefinition(
        param=KIND_PARAM,
        label=_("Kind"),
        lookup="kind",
        options=kind_options,
        all_label=_("All kinds"),
        unknown_message=_("We do not know this kind of case. You are seeing all kinds of cases."),
    ),
)


def library_cases(library: CaseIndexPage):
    """The live, public cases in ``library``, newest first."""
    return CasePage.objects.child_of(library).live().public().order_by("-date", "title", "pk")


def case_library(library: CaseIndexPage, request: HttpRequest) -> Listing:
    """The filtered, counted and paginated cases for one request of the library page."""
    return filter_listing(
        library_cases(library),
        LIBRARY_FACETS,
        request.GET,
        path=library.get_url(request) or request.path,
        per_page=library.per_page,
    )


def count_label(count: int) -> str:
    """ "1 casus" / "3 casussen" (translated)."""
    return ngettext("%(count)s case", "%(count)s cases", count) % {"count": count}


__all__ = [
    "LIBRARY_FACETS",
    "DocumentLink",
    "case_library",
    "case_page_context",
    "cases_for_programme",
    "count_label",
    "filter_url",
    "library_url",
]
