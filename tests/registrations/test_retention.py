"""The retention command: kept the day before the period ends, anonymised the day after, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from registrations.constants import AccessAction, MailStatus
from registrations.models import OutgoingMail, PersonalDataAccess, Registration
from registrations.retention import default_retention_days
from tests.programmes.factories import ProgrammePageFactory, TrackFactory

from .factories import OutgoingMailFactory
from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)


def test_anonymised_after_own_period_and_twice_is_safe(seeded):
    programme = ProgrammePageFactory(retention_days=30)
    track = TrackFactory(programme=programme)
    with freeze_time(START):
        reg = RegistrationFactory(track=track, remarks="iets persoonlijks")
        mail = OutgoingMailFactory(registration=reg, status=MailStatus.PENDING)
    with freeze_time(START + dt.timedelta(days=29)):
        call_command("anonymise_registrations")
    reg.refresh_from_db()
    assert reg.anonymised_at is None and reg.email
    with freeze_time(START + dt.timedelta(days=31)):
        call_command("anonymise_registrations")
    reg.refresh_from_db()
    assert reg.anonymised_at is not None
    assert (reg.email, reg.phone, reg.remarks, reg.contact_function) == ("", "", "", "")
    assert reg.contact_name == "geanonimiseerd"
    assert reg.municipality_id and reg.fee_amount and reg.programme_title
    assert not OutgoingMail.objects.filter(pk=mail.pk).exists()
    first = reg.anonymised_at
    with freeze_time(START + dt.timedelta(days=32)):
        call_command("anonymise_registrations")
    reg.refresh_from_db()
    assert reg.anonymised_at == first


def test_default_period_applies_without_programme_setting(seeded):
    days = default_retention_days()
    with freeze_time(START):
        reg = RegistrationFactory()
        sent = OutgoingMailFactory(status=MailStatus.SENT)
    with freeze_time(START + dt.timedelta(days=days - 1)):
        call_command("anonymise_registrations")
    assert Registration.objects.get(pk=reg.pk).anonymised_at is None
    assert OutgoingMail.objects.filter(pk=sent.pk).exists()
    with freeze_time(START + dt.timedelta(days=days + 1)):
        call_command("anonymise_registrations")
    assert Registration.objects.get(pk=reg.pk).anonymised_at is not None
    assert not OutgoingMail.objects.filter(pk=sent.pk).exists()


def test_erase_on_request(client, seeded):
    user = staff_user()
    reg = RegistrationFactory(contact_name="Te Wissen")
    other = RegistrationFactory()
    client.force_login(user)
    page = client.get(reverse("registration:erase", args=[reg.pk])).content.decode()
    assert reg.reference in page and "Ja, persoonsgegevens wissen" in page
    client.post(reverse("registration:erase", args=[reg.pk]))
    reg.refresh_from_db()
    assert reg.anonymised_at and reg.contact_name == "geanonimiseerd" and reg.email == ""
    assert Registration.objects.get(pk=other.pk).anonymised_at is None
    log = PersonalDataAccess.objects.get(action=AccessAction.ERASE)
    assert (log.user, log.registration, log.row_count) == (user, reg, 1)
    assert "Te Wissen" not in log.detail
