"""A programme's retention period has the site setting's minimum (issue 24, item 4): the admin refuses a
shorter one with a Dutch message on the field, and the daily run never uses a shorter one either (a value
set before this rule, or by code)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from portal.models import MIN_RETENTION_DAYS
from programmes.models import ProgrammePage
from registrations.constants import RegistrationStatus
from registrations.models import Registration
from tests.programmes.factories import TrackFactory
from tests.programmes.test_track_order import (  # noqa: F401
    admin_client,
    build_programme,
    edit_form_data,
)

from .staff_factories import RegistrationFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)


def test_the_minimum_is_the_site_settings_minimum():
    from django.core.validators import MinValueValidator

    from portal.models import SiteSettings

    for model in (SiteSettings, ProgrammePage):
        validators = model._meta.get_field("retention_days").validators
        minimums = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
        assert minimums == [MIN_RETENTION_DAYS] == [30]


@pytest.mark.parametrize("typed", ["0", "1", "29"])
def test_admin_refuses_a_period_below_the_minimum(admin_client, typed):  # noqa: F811
    page = build_programme("added-later")
    url, data = edit_form_data(admin_client, page)
    data["retention_days"] = typed
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["retention_days"] == [
        "Bewaar persoonsgegevens minstens 30 dagen, net als de standaard in de site-instellingen; "
        "laat het veld leeg voor de standaard."
    ]
    text = html.unescape(response.content.decode())
    assert f'name="retention_days" value="{typed}"' in text  # what was typed is kept
    assert ProgrammePage.objects.get(pk=page.pk).retention_days is None


def test_admin_accepts_the_minimum(admin_client):  # noqa: F811
    page = build_programme("added-later")
    url, data = edit_form_data(admin_client, page)
    data["retention_days"] = "30"
    data["action-publish"] = "action-publish"
    assert admin_client.post(url, data).status_code == 302
    assert ProgrammePage.objects.get(pk=page.pk).retention_days == 30


@pytest.mark.parametrize("status", [RegistrationStatus.RECEIVED, RegistrationStatus.WAITING_LIST])
def test_a_zero_period_stored_earlier_is_not_applied(seeded, status):
    page = build_programme("added-later")
    ProgrammePage.objects.filter(pk=page.pk).update(retention_days=0)
    track = TrackFactory(programme=page, slug="extra")
    with freeze_time(START):
        reg = RegistrationFactory(track=track, status=status)
    with freeze_time(START + dt.timedelta(days=1)):
        call_command("anonymise_registrations")
    assert Registration.objects.get(pk=reg.pk).anonymised_at is None
    with freeze_time(START + dt.timedelta(days=MIN_RETENTION_DAYS + 1)):
        call_command("anonymise_registrations")
    assert Registration.objects.get(pk=reg.pk).anonymised_at is not None
