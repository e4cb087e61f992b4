"""What the fee-quote API needs, cached under the site's one cache generation (``portal.caching``).

Three kinds of entry, each under ``portal.caching.fragment_key`` (so under the cache generation and
today's date, with the fragment caches' lifetime ``FRAGMENT_CACHE_SECONDS``; 0 turns them off):

* the route: a programme slug -> the id of the live, public programme page with that slug;
* the schedule of a programme page, keyed by its page id: its tracks by position, with their tiers;
* a municipality, keyed by its CBS code.

Nothing here deletes entries: every change that can alter a quote bumps the generation, after which
all entries are misses. Publishing, unpublishing, moving, renaming (``page_slug_changed``) or deleting a
page, view restrictions and municipalities bump it in ``portal.caching``; saving or deleting a track or
fee tier bumps it through the receivers ``ProgrammesConfig.ready`` connects (``connect_signals``). So after
a rename the old slug's route is gone at once and answers 404, while the schedule follows the page id.

Warm, a quote costs two cache round trips (route and municipality in one ``get_many``, then the schedule)
and no queries of its own; the generation is read once per request, and the page cache middleware has
already read it for an anonymous request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import DatabaseError

from portal.caching import bump_generation, fragment_key, fragment_seconds

PREFIX = "fee-quote"
MAX_SLUG_LENGTH = 255


@dataclass(frozen=True)
class CachedTier:
    min_population: int
    amount: Decimal


@dataclass(frozen=True)
class CachedTrack:
    """Just enough of a ``Track`` for ``programmes.services.quote_for_track``."""

    slug: str
    fee_kind: str
    tiers: tuple[CachedTier, ...]


@dataclass(frozen=True)
class CachedMunicipality:
    code: str
    name: str
    population: int
    reference_date: dt.date


def route_key(slug: str) -> str:
    return fragment_key(PREFIX, "route", slug)


def schedule_key(page_id: int) -> str:
    return fragment_key(PREFIX, "schedule", page_id)


def municipality_key(code: str) -> str:
    return fragment_key(PREFIX, "municipality", code)


def load_page_id(slug: str) -> int | None:
    """The id of the live, public programme page ``slug`` (the first in the tree if several)."""
    from programmes.models import ProgrammePage

    return (
        ProgrammePage.objects.live()
        .public()
        .filter(slug=slug)
        .order_by("path")
        .values_list("pk", flat=True)
        .first()
    )


def load_schedule(page_id: int) -> tuple[CachedTrack, ...]:
    """The tracks of programme page ``page_id`` by position (``Track.Meta.ordering``), with tiers."""
    from programmes.models import FeeTier, Track

    tracks = list(Track.objects.filter(programme_id=page_id).only("pk", "slug", "fee_kind"))
    tiers: dict[int, list[CachedTier]] = {}
    for track_id, min_population, amount in (
        FeeTier.objects.filter(track__in=tracks)
        .order_by("min_population")
        .values_list("track_id", "min_population", "amount")
    ):
        tiers.setdefault(track_id, []).append(CachedTier(min_population, amount))
    return tuple(
        CachedTrack(track.slug, track.fee_kind, tuple(tiers.get(track.pk, ()))) for track in tracks
    )


def load_municipality(code: str) -> CachedMunicipality | None:
    from programmes.models import Municipality

    row = (
        Municipality.objects.filter(code=code)
        .values_list("code", "name", "population", "reference_date")
        .first()
    )
    return CachedMunicipality(*row) if row else None


def _uncached(slug: str, code: str | None):
    page_id = load_page_id(slug)
    schedule = None if page_id is None else load_schedule(page_id)
    return schedule, (load_municipality(code) if code else None)


def lookup(
    slug: str, code: str | None
) -> tuple[tuple[CachedTrack, ...] | None, CachedMunicipality | None]:
    """The schedule of the live, public programme ``slug`` (``None`` if there is none) and the
    municipality (if a code is given), loading and storing what is missing. Misses are not cached
    (no cache filling by strangers)."""
    if fragment_seconds() <= 0 or len(slug) > MAX_SLUG_LENGTH:
        return _uncached(slug, code)
    try:
        slug_key = route_key(slug)
        code_key = municipality_key(code) if code else None
    except DatabaseError:  # the generation cannot be read: compute, cache nothing
        return _uncached(slug, code)
    lifetime = fragment_seconds()
    found = cache.get_many([key for key in (slug_key, code_key) if key])

    page_id = found.get(slug_key)
    if page_id is None:
        page_id = load_page_id(slug)
        if page_id is not None:
            cache.set(slug_key, page_id, lifetime)
    schedule = None
    if page_id is not None:
        key = schedule_key(page_id)
        schedule = cache.get(key)
        if schedule is None:
            schedule = load_schedule(page_id)
            cache.set(key, schedule, lifetime)

    municipality = found.get(code_key) if code_key else None
    if code and municipality is None:
        municipality = load_municipality(code)
        if municipality is not None:
            cache.set(code_key, municipality, lifetime)
    return schedule, municipality


def connect_signals() -> None:
    """Called from ``ProgrammesConfig.ready``: a saved or deleted track, fee tier or meeting changes the
    programme page and the quotes, so it bumps the cache generation (pages, fragments and fee schedules
    alike). Pages, view restrictions and municipalities are watched by ``portal.caching``."""
    from django.db.models.signals import post_delete, post_save

    from programmes.models import FeeTier, Track, TrackMeeting

    for model in (Track, FeeTier, TrackMeeting):
        name = model._meta.label_lower
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"fee-cache-save-{name}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"fee-cache-delete-{name}")
