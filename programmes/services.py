"""Domain rules for programme tracks: which fee a municipality pays, and whether a track takes registrations.

The flow
--------
A programme page has tracks (deelnamevormen). Each track has a fee kind:

* ``free``: the quote is EUR 0.00, tier label "Gratis";
* ``on_request`` ("in overleg"): the quote has no amount, tier label "In overleg";
* ``tiered``: the track has fee tiers, each "from N inhabitants (inclusive) up to the next tier".

``applicable_tier`` is THE rule that picks the tier for a population: the tier with the largest
``min_population`` that is still <= the population. So with tiers starting at 0, 50,000 and 100,000,
exactly 50,000 inhabitants pays the 50,000 tier and exactly 100,000 pays the 100,000+ tier.
``quote_fee`` wraps that rule into a ``FeeQuote`` (amount, Dutch tier label, tier bounds) that the
registration form shows on its review step, the registration stores as a snapshot, and the fee-quote API
returns. ``fee_summary`` / ``fee_schedule`` describe a whole track for cards and programme pages.
A quote without a named track is for ``main_track``: the first track by position, the one the programme
page lists first (tracks are ordered by ``sort_order``, then id, everywhere).
``validate_fee_tiers`` holds the editor rules for a schedule (first tier at 0, no duplicate starts, no
negative amounts, tiers only on tiered tracks); the admin form in ``programmes/forms.py`` shows its
errors on the field the editor must fix.

Availability (the registration window and capacity rule) is derived, never stored:
``track_availability`` turns a track plus its counts of placed and waiting registrations for the current
edition into a ``TrackAvailability`` with a ``RegistrationState``. ``availability_for_tracks`` fetches
those counts for many tracks with one aggregate query, and ``programme_availability`` sums a
programme's tracks up for its card. Dates are local dates in Europe/Amsterdam; ``closes_on`` is the last
day registrations are accepted (inclusive). A full track still accepts registrations while its window is
open: they go on the waiting list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from programmes.constants import FeeKind, RegistrationState

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


# --------------------------------------------------------------------------------------------------
# Formatting


def format_number(value: int) -> str:
    """Dutch thousands separator: 100000 -> "100.000"."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_eur(amount: Decimal, *, cents: bool | None = None) -> str:
    """Dutch money notation: "€ 1.500" for whole euros, "€ 1.500,50" otherwise.

    ``cents=True`` always shows cents ("€ 1.500,00"); ``cents=False`` rounds to whole euros.
    """
    amount = Decimal(amount).quantize(CENT)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    euros, fraction = divmod(amount, 1)
    show_cents = cents if cents is not None else fraction != 0
    if not show_cents:
        return f"{sign}€ {format_number(int(amount.quantize(Decimal(1))))}"
    return f"{sign}€ {format_number(int(euros))},{int(fraction * 100):02d}"


# --------------------------------------------------------------------------------------------------
# Which tier applies


def _tier_min(tier: Any) -> int:
    """The tier's first population, for model instances and for ``(min_population, amount)`` pairs."""
    if isinstance(tier, tuple | list):
        return int(tier[0])
    return int(tier.min_population)


def _tier_amount(tier: Any) -> Decimal:
    if isinstance(tier, tuple | list):
        return Decimal(tier[1])
    return Decimal(tier.amount)


def sorted_tiers[Tier](tiers: Iterable[Tier]) -> list[Tier]:
    """Tiers ordered by their first population (the order editors entered them does not matter)."""
    return sorted(tiers, key=_tier_min)


def applicable_tier[Tier](tiers: Iterable[Tier], population: int) -> Tier | None:
    """The tier that applies to ``population``: the one with the largest ``min_population <= population``.

    ``tiers`` are ``FeeTier`` instances (pass the prefetched ``track.fee_tiers.all()``: this function
    never queries) or ``(min_population, amount)`` pairs. Returns ``None`` when no tier starts at or below
    the population (an incomplete schedule; a valid one always starts at 0).
    """
    chosen = None
    for tier in sorted_tiers(tiers):
        if _tier_min(tier) <= population:
            chosen = tier
        else:
            break
    return chosen


def tier_bounds[Tier](tiers: Iterable[Tier], tier: Tier) -> tuple[int, int | None]:
    """``(min, max)`` of ``tier`` within ``tiers``; ``max`` is exclusive, ``None`` when open-ended."""
    low = _tier_min(tier)
    higher = [_tier_min(t) for t in tiers if _tier_min(t) > low]
    return low, (min(higher) if higher else None)


def tier_label(low: int, high: int | None, *, short: bool = False) -> str:
    """Dutch label of a population range: "tot 50.000 inwoners", "50.000 tot 100.000 inwoners", ...

    ``short`` drops "inwoners" where the context makes it clear (summaries after the first tier).
    """
    values = {"min": format_number(low), "max": format_number(high) if high is not None else ""}
    if high is None and low <= 0:
        return _("all municipalities")
    if low <= 0:
        return _("up to %(max)s inhabitants") % values
    if high is None:
        if short:
            return _("%(min)s or more") % values
        return _("%(min)s inhabitants or more") % values
    if short:
        return _("%(min)s to %(max)s") % values
    return _("%(min)s to %(max)s inhabitants") % values


# --------------------------------------------------------------------------------------------------
# Quotes


@dataclass(frozen=True)
class FeeQuote:
    """What a municipality pays for a track.

    ``amount`` is ``None`` when the fee is to be agreed ("in overleg") and ``Decimal("0.00")`` when free.
    ``tier_max`` is exclusive and ``None`` when the tier is open-ended (or there is no tier).
    """

    fee_kind: str
    amount: Decimal | None
    tier_label: str
    tier_min: int | None = None
    tier_max: int | None = None

    @property
    def amount_display(self) -> str:
        """ "€ 1.500", "Gratis" or "In overleg", for templates and e-mails."""
        if self.amount is None:
            return self.tier_label
        if self.amount == 0:
            return free_label()
        return format_eur(self.amount)


def free_label() -> str:
    return pgettext("fee", "Free")


def on_request_label() -> str:
    return pgettext("fee", "To be agreed")


def _tiers_of(track: Any) -> list:
    """The track's tiers: prefetched ``fee_tiers`` (or an unsaved cluster's in-memory children)."""
    return list(track.fee_tiers.all())


def quote_for_tiers[Tier](tiers: Sequence[Tier], population: int) -> FeeQuote:
    """The tiered quote for ``population`` from ``tiers``; "in overleg" when no tier applies."""
    tier = applicable_tier(tiers, population)
    if tier is None:
        return FeeQuote(FeeKind.TIERED.value, None, on_request_label())
    low, high = tier_bounds(tiers, tier)
    return FeeQuote(
        fee_kind=FeeKind.TIERED.value,
        amount=_tier_amount(tier).quantize(CENT),
        tier_label=tier_label(low, high),
        tier_min=low,
        tier_max=high,
    )


def quote_for_kind[Tier](fee_kind: str, tiers: Sequence[Tier], population: int) -> FeeQuote:
    """The fee of a track of ``fee_kind`` with ``tiers`` (``FeeTier`` instances or anything with
    ``min_population`` and ``amount``, such as the fee-quote API's cached tiers) for ``population``."""
    if fee_kind == FeeKind.FREE:
        return FeeQuote(FeeKind.FREE.value, ZERO, free_label())
    if fee_kind == FeeKind.ON_REQUEST:
        return FeeQuote(FeeKind.ON_REQUEST.value, None, on_request_label())
    return quote_for_tiers(tiers, population)


def quote_fee(track: Any, population: int) -> FeeQuote:
    """The fee ``track`` asks of a municipality with ``population`` inhabitants.

    Uses ``track.fee_tiers.all()`` for tiered tracks: prefetch ``fee_tiers`` to keep this query-free.
    """
    tiers = _tiers_of(track) if track.fee_kind == FeeKind.TIERED else []
    return quote_for_kind(track.fee_kind, tiers, population)


def main_track[T](tracks: Sequence[T]) -> T | None:
    """The programme's main offer: the track a fee quote without ``track`` is for.

    The rule: the first track by position, which is the order the programme page lists its tracks
    in (``Track.Meta.ordering``: ``sort_order``, then id; editors set it by moving tracks in the admin,
    and a track saved without a position goes last). ``tracks`` must be in that order, as
    ``programme.tracks.all()`` and the fee-quote API's cached schedule are. ``None`` without tracks.
    """
    return tracks[0] if tracks else None


def fee_schedule(track: Any) -> list[FeeQuote]:
    """One quote per tier, lowest first (one item for free and "in overleg" tracks); for fee tables."""
    if track.fee_kind != FeeKind.TIERED:
        return [quote_fee(track, 0)]
    tiers = sorted_tiers(_tiers_of(track))
    if not tiers:
        return [FeeQuote(FeeKind.TIERED.value, None, on_request_label())]
    return [quote_for_tiers(tiers, _tier_min(tier)) for tier in tiers]


def _with_note(text: str, note: str) -> str:
    note = (note or "").strip()
    if not note:
        return text
    if text.casefold() in note.casefold():
        return note
    return f"{text} · {note}"


def fee_summary(track: Any) -> str:
    """One line for cards and pages.

    "€ 750 (tot 50.000 inwoners) · € 1.000 (50.000 tot 100.000) · € 1.500 (100.000 of meer)",
    "Gratis", "In overleg" (with the track's fee note, if any).
    """
    if track.fee_kind == FeeKind.FREE:
        return _with_note(free_label(), track.fee_note)
    if track.fee_kind == FeeKind.ON_REQUEST:
        return _with_note(on_request_label(), track.fee_note)
    tiers = sorted_tiers(_tiers_of(track))
    if not tiers:
        return _with_note(on_request_label(), track.fee_note)
    parts = []
    for index, tier in enumerate(tiers):
        low, high = tier_bounds(tiers, tier)
        amount = format_eur(_tier_amount(tier))
        if len(tiers) == 1 and low <= 0:
            parts.append(amount)
        else:
            parts.append(f"{amount} ({tier_label(low, high, short=index > 0)})")
    return _with_note(" · ".join(parts), track.fee_note)


# --------------------------------------------------------------------------------------------------
# Validating a schedule (used by the admin form)


@dataclass(frozen=True)
class FeeScheduleError:
    """One problem in a fee schedule. ``index`` is the tier's position in the rows given (``None``: the
    track itself); ``field`` is the field the editor must change."""

    index: int | None
    field: str
    message: str


def validate_fee_tiers(
    fee_kind: str, rows: Sequence[tuple[int | None, Decimal | None]]
) -> list[FeeScheduleError]:
    """Check a track's fee schedule. ``rows`` are ``(min_population, amount)`` in the editor's order,
    without rows marked for deletion; ``None`` values (already invalid fields) are skipped.

    Rules: a tiered track has at least one tier and the lowest starts at 0; no two tiers start at the same
    population (each tier runs up to the next, so this also rules out gaps and overlaps); no negative
    populations or amounts; free and "in overleg" tracks have no tiers.
    """
    errors: list[FeeScheduleError] = []
    if fee_kind != FeeKind.TIERED:
        if rows:
            errors.append(
                FeeScheduleError(
                    None,
                    "fee_kind",
                    _(
                        "A free track or a track whose fee is to be agreed has no fee tiers. Remove "
                        "the tiers or choose 'By population tier'."
                    ),
                )
            )
        return errors
    if not rows:
        errors.append(
            FeeScheduleError(
                None,
                "fee_kind",
                _(
                    "Add at least one fee tier, starting at 0 inhabitants, or choose another kind "
                    "of fee."
                ),
            )
        )
        return errors

    seen: dict[int, int] = {}
    lowest: tuple[int, int] | None = None  # (min_population, index)
    for index, (min_population, amount) in enumerate(rows):
        if amount is not None and Decimal(amount) < 0:
            errors.append(FeeScheduleError(index, "amount", _("The amount cannot be negative.")))
        if min_population is None:
            continue
        if min_population < 0:
            errors.append(
                FeeScheduleError(
                    index, "min_population", _("The number of inhabitants cannot be negative.")
                )
            )
            continue
        if min_population in seen:
            errors.append(
                FeeScheduleError(
                    index,
                    "min_population",
                    _(
                        "Another tier already starts at %(number)s inhabitants. Each tier needs its "
                        "own starting number; it runs up to the next tier."
                    )
                    % {"number": format_number(min_population)},
                )
            )
            continue
        seen[min_population] = index
        if lowest is None or min_population < lowest[0]:
            lowest = (min_population, index)
    if lowest is not None and lowest[0] != 0:
        errors.append(
            FeeScheduleError(
                lowest[1],
                "min_population",
                _(
                    "The first tier must start at 0 inhabitants, so that every municipality has a "
                    "fee. Now the lowest tier starts at %(number)s."
                )
                % {"number": format_number(lowest[0])},
            )
        )
    return errors


# --------------------------------------------------------------------------------------------------
# Availability: registration window and capacity


@dataclass(frozen=True)
class TrackAvailability:
    """Whether a track takes registrations now, and how many places are left.

    ``places_left`` is ``None`` when the track has no capacity limit. ``closes_on`` is the last day
    (inclusive) registrations are accepted.
    """

    state: RegistrationState
    opens_on: dt.date | None
    closes_on: dt.date | None
    capacity: int | None
    places_taken: int
    places_left: int | None
    waiting_list: int

    @property
    def accepts_registrations(self) -> bool:
        """True while the window is open, also when full (the registration then goes on the list)."""
        return self.state in (RegistrationState.OPEN, RegistrationState.WAITING_LIST)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def action_label(self) -> str:
        """The label of the registration button for this state (see ``registration_action_label``)."""
        return registration_action_label(self.state)


def registration_action_label(state: RegistrationState | str) -> str:
    """The one label of a registration call to action: "Aanmelden", or "Aanmelden voor de wachtlijst"
    when every place is taken (the registration then goes on the waiting list). Used wherever a button
    leads to the registration form, so two buttons can never disagree about the same state."""
    if state == RegistrationState.WAITING_LIST:
        return _("Join the waiting list")
    return _("Register")


def window_state(
    opens_on: dt.date | None, closes_on: dt.date | None, today: dt.date | None = None
) -> RegistrationState:
    """OPEN, NOT_YET_OPEN or CLOSED from the registration window alone (capacity ignored)."""
    today = today or timezone.localdate()
    if opens_on and today < opens_on:
        return RegistrationState.NOT_YET_OPEN
    if closes_on and today > closes_on:
        return RegistrationState.CLOSED
    return RegistrationState.OPEN


def track_availability(
    track: Any, *, placed: int, waiting: int, today: dt.date | None = None
) -> TrackAvailability:
    """Availability of ``track`` given its counts for the current edition.

    ``placed`` counts registrations holding a place (``PLACED_STATUSES``), ``waiting`` those on the
    waiting list. A track whose window is open but whose places are taken is ``WAITING_LIST``.
    """
    state = window_state(track.opens_on, track.closes_on, today)
    capacity = track.capacity
    places_left = None if capacity is None else max(capacity - placed, 0)
    if state == RegistrationState.OPEN and places_left == 0:
        state = RegistrationState.WAITING_LIST
    return TrackAvailability(
        state=state,
        opens_on=track.opens_on,
        closes_on=track.closes_on,
        capacity=capacity,
        places_taken=placed,
        places_left=places_left,
        waiting_list=waiting,
    )


def registration_counts(tracks: Iterable[Any]) -> dict[int, tuple[int, int]]:
    """``{track id: (placed, waiting)}`` for each track's current edition, in one aggregate query."""
    from registrations.constants import PLACED_STATUSES, RegistrationStatus
    from registrations.models import Registration

    editions = {track.pk: track.edition or "" for track in tracks if track.pk}
    counts: dict[int, tuple[int, int]] = dict.fromkeys(editions, (0, 0))
    if not editions:
        return counts
    rows = (
        Registration.objects.filter(
            track_id__in=list(editions),
            status__in=[*PLACED_STATUSES, RegistrationStatus.WAITING_LIST],
        )
        .order_by()
        .values("track_id", "edition")
        .annotate(
            placed=Count("pk", filter=Q(status__in=list(PLACED_STATUSES))),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING_LIST)),
        )
    )
    for row in rows:
        if editions.get(row["track_id"]) == row["edition"]:
            counts[row["track_id"]] = (row["placed"], row["waiting"])
    return counts


def availability_for_tracks(
    tracks: Iterable[Any], today: dt.date | None = None
) -> dict[int, TrackAvailability]:
    """``{track id: TrackAvailability}`` for many tracks with one query, whatever their number."""
    tracks = list(tracks)
    today = today or timezone.localdate()
    counts = registration_counts(tracks)
    return {
        track.pk: track_availability(
            track, placed=counts[track.pk][0], waiting=counts[track.pk][1], today=today
        )
        for track in tracks
        if track.pk
    }


_STATE_PRIORITY = (
    RegistrationState.OPEN,
    RegistrationState.WAITING_LIST,
    RegistrationState.NOT_YET_OPEN,
    RegistrationState.CLOSED,
    RegistrationState.NONE,
)


def programme_availability(
    availabilities: Iterable[TrackAvailability],
) -> TrackAvailability | None:
    """A programme's availability for its card: the most inviting state among its tracks.

    Open beats waiting list beats not yet open beats closed. The summary covers the tracks in that state:
    earliest opening, latest closing (``None`` if one of them has no deadline), summed places (``None``
    if one of them is unlimited). ``None`` when the programme has no tracks.
    """
    items = list(availabilities)
    if not items:
        return None
    best = min(items, key=lambda a: _STATE_PRIORITY.index(a.state))
    group = [a for a in items if a.state == best.state]
    opens = [a.opens_on for a in group if a.opens_on]
    closes = [a.closes_on for a in group]
    capacities = [a.capacity for a in group]
    unlimited = any(c is None for c in capacities)
    return TrackAvailability(
        state=best.state,
        opens_on=min(opens) if opens else None,
        closes_on=None if any(c is None for c in closes) else max(closes),
        capacity=None if unlimited else sum(capacities),
        places_taken=sum(a.places_taken for a in group),
        places_left=None if unlimited else sum(a.places_left or 0 for a in group),
        waiting_list=sum(a.waiting_list for a in group),
    )
