"""Factories for registrations. Registrations made through ``register()`` are preferred in flow tests;
this factory is for setting up state (e.g. a full track) directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from programmes.constants import FeeKind
from programmes.models import Municipality
from registrations.constants import RegistrationStatus
from registrations.models import OutgoingMail, Registration
from tests.programmes.factories import TrackFactory


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GX{n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    population = 42_000
    reference_date = dt.date(2024, 1, 1)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    reference = factory.Sequence(lambda n: f"AM-TEST-{n:04d}")
    track = factory.SubFactory(TrackFactory)
    programme = factory.LazyAttribute(lambda o: o.track.programme)
    programme_title = factory.LazyAttribute(lambda o: o.track.programme.title)
    track_name = factory.LazyAttribute(lambda o: o.track.name)
    edition = factory.LazyAttribute(lambda o: o.track.edition)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = RegistrationStatus.CONFIRMED
    contact_name = "Test Persoon"
    contact_function = "griffier"
    email = "test@example.org"
    phone = "070 123 4567"
    consent_at = factory.LazyFunction(timezone.now)
    fee_kind = FeeKind.TIERED
    fee_amount = Decimal("750.00")
    fee_tier = "tot 50.000 inwoners"
    fee_tier_min = 0
    population = factory.LazyAttribute(lambda o: o.municipality.population)
    population_reference_date = factory.LazyAttribute(lambda o: o.municipality.reference_date)

    class Params:
        waiting = factory.Trait(status=RegistrationStatus.WAITING_LIST)


class OutgoingMailFactory(DjangoModelFactory):
    class Meta:
        model = OutgoingMail

    kind = "confirmation"
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
    to = "test@example.org"
    subject = "Onderwerp"
    body = "Tekst"
