"""registrations.services.register(): statuses, snapshot, re-checks at submit time; and the factories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from programmes.models import Municipality
from registrations.constants import RegistrationStatus
from registrations.models import OutgoingMail, RegistrationEvent
from registrations.services import (
    DuplicateRegistration,
    RegistrationClosed,
    new_reference,
    register,
)
from tests.registrations.conftest import make_programme
from tests.registrations.factories import (
    MunicipalityFactory,
    OutgoingMailFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Anna de Vries",
    "contact_function": "griffier",
    "email": "anna@example.org",
    "phone": "070 123 4567",
}


def gm(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


@pytest.mark.parametrize(
    ("population", "amount", "tier_min"),
    [
        (49_999, "750.00", 0),
        (50_000, "1000.00", 50_000),
        (99_999, "1000.00", 50_000),
        (100_000, "1500.00", 100_000),
    ],
)
def test_snapshot_at_tier_boundaries(seeded, population, amount, tier_min):
    _page, (track,) = make_programme()
    municipality = MunicipalityFactory(population=population)
    result = register(track=track, municipality=municipality, submission_key="k", **CONTACT)
    registration = result.registration
    assert result.created
    assert registration.fee_amount == Decimal(amount)
    assert registration.fee_tier_min == tier_min
    assert registration.population == population
    assert registration.population_reference_date == dt.date(2024, 1, 1)
    assert registration.edition == track.edition
    assert registration.track_name == track.name


def test_free_and_on_request_snapshots(seeded):
    _page, (free,) = make_programme(fee_kind="free")
    _page, (agreed,) = make_programme(fee_kind="on_request")
    one = register(
        track=free, municipality=gm("GM0363"), submission_key="a", **CONTACT
    ).registration
    two = register(
        track=agreed, municipality=gm("GM0363"), submission_key="b", **CONTACT
    ).registration
    assert one.fee_amount == Decimal("0.00") and one.fee_tier == "Gratis"
    assert two.fee_amount is None and two.fee_tier == "In overleg"


def test_manual_confirmation_gives_received(seeded):
    _page, (track,) = make_programme(auto_confirm=False)
    result = register(track=track, municipality=gm("GM0518"), submission_key="k", **CONTACT)
    assert result.registration.status == RegistrationStatus.RECEIVED
    event = RegistrationEvent.objects.get(registration=result.registration)
    assert (event.from_status, event.to_status) == ("", RegistrationStatus.RECEIVED)


def test_window_is_rechecked_at_submit_time(seeded):
    _page, (track,) = make_programme(closes_on=dt.date(2020, 1, 1))
    with pytest.raises(RegistrationClosed):
        register(track=track, municipality=gm("GM0518"), submission_key="k", **CONTACT)
    _page, (later,) = make_programme(opens_on=dt.date(2999, 1, 1))
    with pytest.raises(RegistrationClosed):
        register(track=later, municipality=gm("GM0518"), submission_key="k2", **CONTACT)
    assert OutgoingMail.objects.count() == 0


def test_duplicate_and_idempotent(seeded):
    _page, (track,) = make_programme()
    first = register(track=track, municipality=gm("GM0518"), submission_key="k", **CONTACT)
    again = register(track=track, municipality=gm("GM0518"), submission_key="k", **CONTACT)
    assert not again.created and again.registration.pk == first.registration.pk
    with pytest.raises(DuplicateRegistration) as exc:
        register(track=track, municipality=gm("GM0518"), submission_key="other", **CONTACT)
    assert exc.value.existing.pk == first.registration.pk
    # a withdrawn registration no longer blocks a new one
    first.registration.status = RegistrationStatus.WITHDRAWN
    first.registration.save()
    assert register(
        track=track, municipality=gm("GM0518"), submission_key="third", **CONTACT
    ).created


def test_capacity_counts_only_the_current_edition_and_placed_statuses(seeded):
    _page, (track,) = make_programme(capacity=1)
    RegistrationFactory(track=track, edition="2020")  # an old edition
    RegistrationFactory(track=track, waiting=True)  # waiting does not hold a place
    RegistrationFactory(track=track, status=RegistrationStatus.CANCELLED)
    assert (
        register(
            track=track, municipality=gm("GM0518"), submission_key="a", **CONTACT
        ).registration.status
        == RegistrationStatus.CONFIRMED
    )
    assert register(
        track=track, municipality=gm("GM0363"), submission_key="b", **CONTACT
    ).on_waiting_list


def test_mails_are_queued_and_staff_notice_has_no_personal_data(
    seeded, django_capture_on_commit_callbacks
):
    _page, (track,) = make_programme()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            track=track, municipality=gm("GM0518"), submission_key="k", **CONTACT
        ).registration
    keys = set(OutgoingMail.objects.values_list("dedupe_key", flat=True))
    assert keys == {f"{registration.reference}:confirmation", f"{registration.reference}:staff"}
    staff = OutgoingMail.objects.get(kind="staff_notice")
    for secret in ("Anna", "anna@example.org", "070 123 4567"):
        assert secret not in staff.body and secret not in staff.subject
    assert len(mail.outbox) == 2


def test_references_are_unguessable_and_readable():
    refs = {new_reference() for _ in range(500)}
    assert len(refs) == 500
    for ref in refs:
        assert len(ref) == 17 and not set(ref) & set("01IOL")


def test_every_factory_builds(seeded):
    assert RegistrationFactory().pk
    assert RegistrationFactory(waiting=True).status == RegistrationStatus.WAITING_LIST
    assert MunicipalityFactory().search_text
    assert OutgoingMailFactory().status == "pending"
