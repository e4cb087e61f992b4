"""Queries behind the catalogue "Aan de slag", its feed and the programme page.

The catalogue lists the live, public programme pages under it, in the editors' tree order, filterable by
role with ``?functie=<role slug>`` (see ``portal.filters`` for the mechanics: form, counts, links and
pagination). Everything a card shows is fetched with a fixed number of queries, whatever the number of
programmes: roles, take-aways and tracks (with fee tiers) are prefetched for the current page of
results, and the registration state of all their tracks comes from one aggregate query
(``programmes.services.availability_for_tracks``).

The programme page gets its parts through :func:`programme_details`: roles, take-aways, contacts and
supervisors, live related cases, and per track a fee summary and the registration state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.caching import cached_fragments
from portal.filters import FacetDefinition, Listing, filter_listing
from programmes.constants import ContactRole
from programmes.models import FeeTier, ProgrammePage, ProgrammeTakeaway, Role, Track
from programmes.services import (
    TrackAvailability,
    availability_for_tracks,
    fee_summary,
    programme_availability,
)

if TYPE_CHECKING:
    from programmes.models import CatalogueIndexPage

ROLE_PARAM = "functie"
FEED_LIMIT = 50


def role_options() -> list[tuple[str, str]]:
    """Every role as ``(slug, plural name)``, in the editors' order: the filter's options."""
    return list(Role.objects.order_by("sort_order", "name").values_list("slug", "name"))


def role_facet(label: str) -> FacetDefinition:
    return FacetDefinition(
        param=ROLE_PARAM,
        label=label,
        lookup="roles__slug",
        options=role_options,
        all_label=_("All roles"),  # the same label as the case library and search
        unknown_message=_("We do not know this role. You are seeing the whole catalogue."),
    )


def catalogue_programmes(catalogue: CatalogueIndexPage) -> QuerySet[ProgrammePage]:
    """The live, public offerings in ``catalogue``, in tree order (as editors arranged them)."""
    return ProgrammePage.objects.child_of(catalogue).live().public().order_by("path")


def with_card_data(queryset: QuerySet[ProgrammePage]) -> QuerySet[ProgrammePage]:
    """Prefetch what a card shows: roles, take-aways, tracks with their fee tiers."""
    return queryset.prefetch_related(
        Prefetch("roles", queryset=Role.objects.order_by("sort_order", "name")),
        Prefetch("takeaways", queryset=ProgrammeTakeaway.objects.order_by("sort_order")),
        Prefetch(
            "tracks",
            queryset=Track.objects.all().prefetch_related(  # Track.Meta.ordering: by position
                Prefetch("fee_tiers", queryset=FeeTier.objects.order_by("min_population"))
            ),
        ),
    )


def attach_availability(programmes: Sequence[ProgrammePage]) -> None:
    """Set ``programme.availability`` (``TrackAvailability`` or ``None`` without tracks) and
    ``track.availability`` on every prefetched track, with one aggregate query in all."""
    tracks = [track for programme in programmes for track in programme.tracks.all()]
    availability = availability_for_tracks(tracks)
    for programme in programmes:
        per_track = []
        for track in programme.tracks.all():
            track.availability = availability.get(track.pk)
            if track.availability is not None:
                per_track.append(track.availability)
        programme.availability = programme_availability(per_track)


@dataclass
class Catalogue:
    listing: Listing
    role: Role | None  # the chosen role, if any
    cards: list[str]  # the rendered cards of this page of results, in order


CARD_TEMPLATE = "includes/programme_card.html"


def render_cards(ids: list[int]) -> dict[int, str]:
    """The catalogue card of each programme in ``ids``, with a fixed number of queries for any number:
    the pages with their prefetched card data, and one aggregate query for availability."""
    programmes = list(with_card_data(ProgrammePage.objects.filter(pk__in=ids)))
    attach_availability(programmes)
    return {
        programme.pk: render_to_string(CARD_TEMPLATE, {"programme": programme, "heading_level": 3})
        for programme in programmes
    }


def get_catalogue(catalogue: CatalogueIndexPage, data: QueryDict, *, path: str) -> Catalogue:
    """The catalogue for the GET parameters ``data``: filtered, counted, paginated, with its cards.

    Cards are cached per programme under the cache generation (``portal.caching.cached_fragments``):
    every publish and every registration makes them fresh, and a page of results whose cards are all
    cached costs one query for the ids of that page."""
    listing = filter_listing(
        catalogue_programmes(catalogue),
        [role_facet(catalogue.filter_label)],
        data,
        path=path,
        per_page=catalogue.per_page,
    )
    ids = list(listing.page.object_list.values_list("pk", flat=True))
    listing.page.object_list = ids
    language = get_language() or ""
    cards = cached_fragments(ids, lambda pk: ("programme-card", pk, language), render_cards)
    role = None
    if listing.chosen:
        chosen = listing.chosen[0]
        role = Role(slug=chosen.value, name=chosen.label, singular=chosen.label)
    return Catalogue(listing=listing, role=role, cards=cards)


def feed_programmes(catalogue: CatalogueIndexPage, role: Role | None) -> list[ProgrammePage]:
    """The newest live, public offerings for the feed, optionally for one role."""
    queryset = catalogue_programmes(catalogue)
    if role is not None:
        queryset = queryset.filter(roles=role)
    return list(
        queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk").prefetch_related(
            Prefetch("roles", queryset=Role.objects.order_by("sort_order", "name"))
        )[:FEED_LIMIT]
    )


@dataclass(frozen=True)
class TrackInfo:
    track: Track
    fee_summary: str
    availability: TrackAvailability | None


@dataclass
class ProgrammeDetails:
    roles: list[Role]
    takeaways: list[ProgrammeTakeaway]
    contacts: list[Any]
    supervisors: list[Any]
    related_cases: list[Any]
    tracks: list[TrackInfo]
    availability: TrackAvailability | None

    @property
    def accepts_registrations(self) -> bool:
        return self.availability is not None and self.availability.accepts_registrations


def _split_contacts(contacts: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    people, supervisors = [], []
    for contact in contacts:
        (supervisors if contact.role == ContactRole.SUPERVISOR else people).append(contact)
    return people, supervisors


def programme_details(page: ProgrammePage) -> ProgrammeDetails:
    """Everything the programme page shows besides its own fields, in a fixed number of queries."""
    contacts, supervisors = _split_contacts(
        page.contacts.select_related("person", "person__photo").order_by("sort_order")
    )
    tracks = list(
        page.tracks.all().prefetch_related(  # Track.Meta.ordering: by position
            Prefetch("fee_tiers", queryset=FeeTier.objects.order_by("min_population")),
            "meetings",
        )
    )
    availability = availability_for_tracks(tracks)
    infos = [
        TrackInfo(track=t, fee_summary=fee_summary(t), availability=availability.get(t.pk))
        for t in tracks
    ]
    from cases.queries import cases_for_programme

    related_cases = list(cases_for_programme(page).only("title", "url_path", "summary", "date"))
    return ProgrammeDetails(
        roles=list(page.roles.order_by("sort_order", "name")),
        takeaways=list(page.takeaways.order_by("sort_order")),
        contacts=contacts,
        supervisors=supervisors,
        related_cases=related_cases,
        tracks=infos,
        availability=programme_availability([i.availability for i in infos if i.availability]),
    )
