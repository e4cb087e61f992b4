"""Registering a municipality for a programme track: the capacity rule on submission.

:func:`register` is the one place a registration is created. Inside one transaction it

1. returns the existing registration when the same ``submission_key`` was used before (a double click,
   a refresh, the review page confirmed in two tabs): one form, one registration, one confirmation mail;
2. locks the track row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the ``IMMEDIATE`` transaction
   mode already serialises writers), so concurrent registrations for one track are decided one by one;
3. re-checks the registration window and counts the places taken in the track's current edition
   (``programmes.services.registration_counts`` / ``track_availability``; placed = received or
   confirmed);
4. refuses a second active registration of the same municipality for the same track and edition
   (:class:`DuplicateRegistration`; the partial unique constraint in the database backs this up);
5. decides the status: a free place gives ``CONFIRMED`` (``track.auto_confirm``) or ``RECEIVED``; a full
   track gives ``WAITING_LIST``;
6. snapshots programme, track, edition, fee (``programmes.services.quote_fee``), tier, population and its
   reference date on the registration, so later edits never change it;
7. records the first status event and queues the confirmation to the registrant and a notice to the
   programme staff in the outbox (``registrations.mail``), sent after the commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from programmes.constants import RegistrationState
from programmes.models import Municipality, Track
from programmes.services import quote_fee, registration_counts, track_availability
from registrations.constants import ACTIVE_STATUSES, RegistrationStatus
from registrations.models import Registration, RegistrationEvent

# Unambiguous characters (no 0/O, 1/I/L): references are read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the person registering."""


class RegistrationClosed(RegistrationError):
    """The track's registration window is not open (any more)."""


class DuplicateRegistration(RegistrationError):
    """The municipality already has an active registration for this track and edition."""

    def __init__(self, existing: Registration | None = None):
        super().__init__("duplicate")
        self.existing = existing


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool

    @property
    def on_waiting_list(self) -> bool:
        return self.registration.status == RegistrationStatus.WAITING_LIST


def new_reference() -> str:
    """An unguessable reference such as ``AM-7K3P-Q9XW-M2RT`` (about 60 bits of randomness)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"AM-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def active_registration(track: Track, municipality: Municipality) -> Registration | None:
    """The municipality's active registration for the track's current edition, if any."""
    return (
        Registration.objects.filter(
            track=track,
            edition=track.edition or "",
            municipality=municipality,
            status__in=list(ACTIVE_STATUSES),
        )
        .order_by("created_at")
        .first()
    )


def _initial_status(track: Track) -> RegistrationStatus:
    placed, waiting = registration_counts([track])[track.pk]
    availability = track_availability(track, placed=placed, waiting=waiting)
    if not availability.accepts_registrations:
        raise RegistrationClosed("closed")
    if availability.state == RegistrationState.WAITING_LIST:
        return RegistrationStatus.WAITING_LIST
    return RegistrationStatus.CONFIRMED if track.auto_confirm else RegistrationStatus.RECEIVED


def register(
    *,
    track: Track,
    municipality: Municipality,
    contact_name: str,
    contact_function: str,
    email: str,
    phone: str = "",
    remarks: str = "",
    submission_key: str,
    consent_at=None,
) -> RegistrationResult:
    """Register ``municipality`` for ``track`` (see the module docstring for the rules).

    Raises :class:`RegistrationClosed` or :class:`DuplicateRegistration`.
    """
    existing = Registration.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return RegistrationResult(existing, created=False)
    try:
        with transaction.atomic():
            locked = Track.objects.select_for_update().get(pk=track.pk)
            existing = Registration.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return RegistrationResult(existing, created=False)
            duplicate = active_registration(locked, municipality)
            if duplicate is not None:
                raise DuplicateRegistration(duplicate)
            status = _initial_status(locked)
            programme = locked.programme
            quote = quote_fee(locked, municipality.population)
            registration = Registration.objects.create(
                reference=new_reference(),
                programme=programme,
                track=locked,
                programme_title=programme.title,
                track_name=locked.name,
                edition=locked.edition or "",
                municipality=municipality,
                status=status,
                contact_name=contact_name,
                contact_function=contact_function,
                email=email,
                phone=phone,
                remarks=remarks,
                consent_at=consent_at or timezone.now(),
                fee_kind=quote.fee_kind,
                fee_amount=quote.amount,
                fee_tier=quote.tier_label[:100],
                fee_tier_min=quote.tier_min,
                population=municipality.population,
                population_reference_date=municipality.reference_date,
                submission_key=submission_key,
            )
            RegistrationEvent.objects.create(
                registration=registration, from_status="", to_status=status
            )
            from registrations.mail import queue_registration_mails

            queue_registration_mails(registration, locked)
    except IntegrityError:
        # Lost a race the lock did not cover (the unique submission key or the one-active-registration
        # constraint): report what the database already holds.
        existing = Registration.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return RegistrationResult(existing, created=False)
        duplicate = active_registration(track, municipality)
        if duplicate is not None:
            raise DuplicateRegistration(duplicate) from None
        raise
    return RegistrationResult(registration, created=True)
