"""Status changes of registrations made by programme staff, and the capacity overview.

The flow:

- A public submission arrives as RECEIVED (or CONFIRMED when the track confirms automatically), or on the
  WAITING_LIST when the edition is full (``registrations/services.py``).
- Staff then ``confirm`` a received registration, ``withdraw`` one at the municipality's request, or
  ``cancel`` one. Withdrawn and cancelled registrations are final: they free their place.
- ``promote_next`` gives a freed place to the oldest registration on the waiting list of that track and
  edition (order of arrival), but only while places are left. Order of arrival is a rule of this module,
  not of a view: ``change_status`` refuses a place (received or confirmed) to a waiting-list
  registration while an older one of the same track and edition still waits (``waiting_ahead``).

Every change goes through ``change_status``: it checks the transition is allowed, checks capacity when a
registration moves into a place, writes a ``RegistrationEvent`` (who, when, from, to) and, where the change
matters to the municipality, queues a mail through the outbox (``registrations.mail.enqueue_mail``), which
is sent after the transaction commits.

The capacity rule for staff lives here too: a place is taken by every registration in ``PLACED_STATUSES``
for the same track and edition.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from programmes.models import Track
from registrations.constants import (
    PLACED_STATUSES,
    MailKind,
    RegistrationStatus,
)
from registrations.models import Registration, RegistrationEvent

logger = logging.getLogger(__name__)

S = RegistrationStatus

#: Allowed status transitions made by staff (the key is the current status).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.CONFIRMED, S.WITHDRAWN, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.WITHDRAWN, S.CANCELLED}),
    S.WAITING_LIST: frozenset({S.RECEIVED, S.CONFIRMED, S.WITHDRAWN, S.CANCELLED}),
    S.WITHDRAWN: frozenset(),
    S.CANCELLED: frozenset(),
}

#: Changes the municipality hears about by mail (new status; promotion is detected separately).
MAILED_STATUSES = frozenset({S.CONFIRMED, S.WITHDRAWN, S.CANCELLED})


CENT = Decimal("0.01")


class TransitionError(Exception):
    """A status change that is not allowed (wrong current status, or no place left)."""


@dataclass(frozen=True)
class CapacityRow:
    """Capacity of one track edition, for the overview."""

    track_id: int
    programme_title: str
    track_name: str
    edition: str
    capacity: int | None
    taken: int
    waiting: int
    total_fees: Decimal

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)


def allowed_transitions(registration: Registration) -> frozenset[str]:
    if registration.anonymised_at:
        return frozenset()
    return ALLOWED_TRANSITIONS.get(registration.status, frozenset())


def places_taken(track_id: int, edition: str) -> int:
    return Registration.objects.filter(
        track_id=track_id, edition=edition, status__in=PLACED_STATUSES
    ).count()


def has_place_left(track: Track | None, edition: str) -> bool:
    if track is None or track.capacity is None:
        return True
    return places_taken(track.pk, edition) < track.capacity


def waiting_ahead(registration: Registration) -> Registration | None:
    """The oldest registration that has waited longer than ``registration`` on the same track and
    edition's waiting list (anonymised ones excepted, as ``promote_next`` skips them); ``None`` when
    ``registration`` is first in line (or not on the waiting list)."""
    if registration.status != S.WAITING_LIST:
        return None
    earlier = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, pk__lt=registration.pk
    )
    return (
        Registration.objects.filter(
            earlier,
            track_id=registration.track_id,
            edition=registration.edition,
            status=S.WAITING_LIST,
            anonymised_at__isnull=True,
        )
        .order_by("created_at", "pk")
        .first()
    )


def _lock_track(track_id: int | None) -> Track | None:
    """Serialise capacity decisions per track (PostgreSQL row lock; a no-op on SQLite)."""
    if track_id is None:
        return None
    return Track.objects.select_for_update().filter(pk=track_id).first()


def change_status(
    registration: Registration, to_status: str, *, user=None, note: str = ""
) -> Registration:
    """Move ``registration`` to ``to_status``, log it and mail the municipality where it matters.

    Raises ``TransitionError`` when the change is not allowed or would exceed the track's capacity.
    """
    to_status = RegistrationStatus(to_status)
    with transaction.atomic():
        track = _lock_track(registration.track_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if to_status not in allowed_transitions(current):
            raise TransitionError(
                _("A registration with status “%(from)s” cannot become “%(to)s”.")
                % {"from": current.get_status_display(), "to": to_status.label}
            )
        moves_into_place = to_status in PLACED_STATUSES and current.status not in PLACED_STATUSES
        if moves_into_place and (ahead := waiting_ahead(current)) is not None:
            raise TransitionError(
                _(
                    "%(reference)s has been on the waiting list longer: places go in order of "
                    "arrival, so give that registration a place first."
                )
                % {"reference": ahead.reference}
            )
        if moves_into_place and not has_place_left(track, current.edition):
            raise TransitionError(_("There are no places left in this edition."))

        from_status = current.status
        current.status = to_status
        current.save(update_fields=["status", "updated_at"])
        event = RegistrationEvent.objects.create(
            registration=current,
            from_status=from_status,
            to_status=to_status,
            user=user if getattr(user, "is_authenticated", False) else None,
            note=note[:300],
        )
        _mail_status_change(current, event)
        logger.info(
            "registration %s: %s -> %s (event %s)", current.pk, from_status, to_status, event.pk
        )
    registration.status = current.status
    registration.updated_at = current.updated_at
    return registration


def confirm(registration: Registration, *, user=None, note: str = "") -> Registration:
    return change_status(registration, S.CONFIRMED, user=user, note=note)


def withdraw(registration: Registration, *, user=None, note: str = "") -> Registration:
    return change_status(registration, S.WITHDRAWN, user=user, note=note)


def cancel(registration: Registration, *, user=None, note: str = "") -> Registration:
    return change_status(registration, S.CANCELLED, user=user, note=note)


def promote_next(track: Track, edition: str, *, user=None) -> Registration | None:
    """Give a free place to the oldest registration on the waiting list; ``None`` if none or full.

    The promoted registration is confirmed at once when the track confirms automatically, otherwise it
    becomes RECEIVED and waits for a staff confirmation.
    """
    with transaction.atomic():
        track = _lock_track(track.pk)
        if track is None or not has_place_left(track, edition):
            return None
        candidate = (
            Registration.objects.filter(
                track=track,
                edition=edition,
                status=S.WAITING_LIST,
                anonymised_at__isnull=True,
            )
            .order_by("created_at", "pk")
            .first()
        )
        if candidate is None:
            return None
        to_status = S.CONFIRMED if track.auto_confirm else S.RECEIVED
        return change_status(
            candidate, to_status, user=user, note=_("Promoted from the waiting list")
        )


def _mail_status_change(registration: Registration, event: RegistrationEvent) -> None:
    promoted = event.from_status == S.WAITING_LIST and event.to_status in PLACED_STATUSES
    if not (promoted or event.to_status in MAILED_STATUSES) or not registration.email:
        return
    from registrations.ical import calendar_for_place
    from registrations.mail import enqueue_mail

    with translation.override("nl"):
        context = {"registration": registration, "event": event, "promoted": promoted}
        subject = _("Your registration %(reference)s: %(status)s") % {
            "reference": registration.reference,
            "status": registration.get_status_display().lower(),
        }
        body = render_to_string("registrations/admin/mail/status_change.txt", context)
    enqueue_mail(
        kind=MailKind.STATUS_CHANGE,
        dedupe_key=f"status:{registration.pk}:{event.pk}",
        to=registration.email,
        subject=subject,
        body=body,
        ics=calendar_for_place(registration),  # when this change confirms the place
        registration=registration,
    )


def capacity_overview(edition: str | None = None) -> list[CapacityRow]:
    """Places taken, places left, waiting list length and total fees per track edition."""
    placed = Q(status__in=PLACED_STATUSES)
    rows = (
        Registration.objects.filter(track__isnull=False)
        .values("track_id", "edition", "track__capacity", "track__name", "programme_title")
        .annotate(
            taken=Count("pk", filter=placed),
            waiting=Count("pk", filter=Q(status=S.WAITING_LIST)),
            fees=Sum("fee_amount", filter=placed),
        )
        .order_by("programme_title", "track__name", "edition")
    )
    if edition:
        rows = rows.filter(edition=edition)
    result = [
        CapacityRow(
            track_id=row["track_id"],
            programme_title=row["programme_title"],
            track_name=row["track__name"],
            edition=row["edition"],
            capacity=row["track__capacity"],
            taken=row["taken"],
            waiting=row["waiting"],
            total_fees=(row["fees"] or Decimal("0")).quantize(CENT),
        )
        for row in rows
    ]
    # Tracks whose current edition has no registrations yet still show their free places.
    seen = {(row.track_id, row.edition) for row in result}
    empty_tracks = Track.objects.exclude(edition="").select_related("programme")
    if edition:
        empty_tracks = empty_tracks.filter(edition=edition)
    for track in empty_tracks:
        if (track.pk, track.edition) not in seen:
            result.append(
                CapacityRow(
                    track_id=track.pk,
                    programme_title=track.programme.title,
                    track_name=track.name,
                    edition=track.edition,
                    capacity=track.capacity,
                    taken=0,
                    waiting=0,
                    total_fees=Decimal("0.00"),
                )
            )
    result.sort(key=lambda row: (row.programme_title, row.track_name, row.edition))
    return result
