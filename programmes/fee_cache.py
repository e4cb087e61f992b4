"""A short-lived cache of what the fee-quote API needs: a programme's fee schedule and a municipality.

The API is public and cached by browsers and proxies for five minutes anyway (``Cache-Control: public,
max-age=300``), so the server keeps the same data for at most as long: one cache round trip instead of
four queries. Publishing, unpublishing or deleting a programme, saving a track or fee tier, changing a
view restriction and saving a municipality delete the affected entries at once (and again after the
transaction commits), so editors see their change in the API straight away.

The receivers use lazy model references and are connected when this module is imported; it is imported
by ``programmes/forms.py``, which the ``ProgrammePage`` model loads, so they are always active.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

TTL_SECONDS = 300
PREFIX = "fee-quote:v1"
MAX_SLUG_LENGTH = 255


@dataclass(frozen=True)
class CachedTier:
    min_population: int
    amount: Decimal


@dataclass(frozen=True)
class CachedTrack:
    """Just enough of a ``Track`` for ``programmes.services.quote_fee``."""

    slug: str
    fee_kind: str
    tiers: tuple[CachedTier, ...]

    @property
    def fee_tiers(self) -> CachedTrack:  # quote_fee reads ``track.fee_tiers.all()``
        return self

    def all(self) -> tuple[CachedTier, ...]:
        return self.tiers


@dataclass(frozen=True)
class CachedMunicipality:
    code: str
    name: str
    population: int
    reference_date: dt.date


def programme_key(slug: str) -> str:
    return f"{PREFIX}:programme:{slug}"


def municipality_key(code: str) -> str:
    return f"{PREFIX}:municipality:{code}"


def load_schedule(slug: str) -> tuple[CachedTrack, ...] | None:
    """The tracks (by position) of the live, public programme ``slug``; ``None`` if there is none."""
    from programmes.models import FeeTier, ProgrammePage, Track

    programme_id = (
        ProgrammePage.objects.live()
        .public()
        .filter(slug=slug)
        .order_by("path")
        .values_list("pk", flat=True)
        .first()
    )
    if programme_id is None:
        return None
    tracks = list(
        Track.objects.filter(programme_id=programme_id)
        .only("pk", "slug", "fee_kind", "sort_order")
        .order_by("sort_order", "pk")
    )
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


def lookup(
    slug: str, code: str | None
) -> tuple[tuple[CachedTrack, ...] | None, CachedMunicipality | None]:
    """The programme's schedule and the municipality (if a code is given), from the cache in one round
    trip, loading and storing what is missing. Misses are not cached (no cache filling by strangers)."""
    cacheable = len(slug) <= MAX_SLUG_LENGTH
    keys = [programme_key(slug)] if cacheable else []
    if code:
        keys.append(municipality_key(code))
    found = cache.get_many(keys) if keys else {}

    schedule = found.get(programme_key(slug)) if cacheable else None
    if schedule is None:
        schedule = load_schedule(slug)
        if schedule is not None and cacheable:
            cache.set(programme_key(slug), schedule, TTL_SECONDS)

    municipality = None
    if code:
        municipality = found.get(municipality_key(code))
        if municipality is None:
            municipality = load_municipality(code)
            if municipality is not None:
                cache.set(municipality_key(code), municipality, TTL_SECONDS)
    return schedule, municipality


# --------------------------------------------------------------------------------------------------
# Invalidation


def _forget(keys: list[str]) -> None:
    keys = [k for k in keys if k]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_programmes(slugs) -> None:
    _forget([programme_key(slug) for slug in slugs if slug])


def _slug_of_programme(page_id: int | None) -> list[str]:
    from wagtail.models import Page

    if not page_id:
        return []
    return list(Page.objects.filter(pk=page_id).values_list("slug", flat=True))


def _on_page_change(sender, instance, **kwargs) -> None:
    from programmes.models import ProgrammePage

    if isinstance(instance, ProgrammePage):
        forget_programmes([instance.slug])


def _on_track_change(sender, instance, **kwargs) -> None:
    forget_programmes(_slug_of_programme(instance.programme_id))


def _on_tier_change(sender, instance, **kwargs) -> None:
    from programmes.models import Track

    programme_ids = Track.objects.filter(pk=instance.track_id).values_list(
        "programme_id", flat=True
    )
    for programme_id in programme_ids:
        forget_programmes(_slug_of_programme(programme_id))


def _on_restriction_change(sender, instance, **kwargs) -> None:
    from programmes.models import ProgrammePage

    page = getattr(instance, "page", None)
    if page is None:
        return
    forget_programmes(
        ProgrammePage.objects.filter(path__startswith=page.path).values_list("slug", flat=True)
    )


def _on_municipality_change(sender, instance, **kwargs) -> None:
    _forget([municipality_key(instance.code)])


page_published.connect(_on_page_change, dispatch_uid="fee_cache_published")
page_unpublished.connect(_on_page_change, dispatch_uid="fee_cache_unpublished")
for _signal in (post_save, post_delete):
    _name = "save" if _signal is post_save else "delete"
    _signal.connect(
        _on_page_change, sender="programmes.ProgrammePage", dispatch_uid=f"fee_cache_page_{_name}"
    )
    _signal.connect(
        _on_track_change, sender="programmes.Track", dispatch_uid=f"fee_cache_track_{_name}"
    )
    _signal.connect(
        _on_tier_change, sender="programmes.FeeTier", dispatch_uid=f"fee_cache_tier_{_name}"
    )
    _signal.connect(
        _on_restriction_change,
        sender="wagtailcore.PageViewRestriction",
        dispatch_uid=f"fee_cache_restriction_{_name}",
    )
    _signal.connect(
        _on_municipality_change,
        sender="programmes.Municipality",
        dispatch_uid=f"fee_cache_municipality_{_name}",
    )
