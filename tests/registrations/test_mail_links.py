"""Links in the registration mails lead to the running site: the configured public address (SITE_URL),
which in development follows the port `make run` serves on. Calendar files carry the same address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from programmes.models import TrackMeeting
from registrations.models import Registration
from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db

RUNNING = "http://127.0.0.1:18080"
URL = re.compile(r"https?://[^\s\"'<>]+")


def register_through_the_site(client, page):
    review = client.post(page.url + "aanmelden/", form_data())
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    return client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})


def test_confirmation_and_staff_mails_link_to_site_url(
    client, programme, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = RUNNING  # as `PORT=18080 make run` configures it
    page, track = programme
    TrackMeeting.objects.create(track=track, title="Start", date=dt.date(2027, 3, 1), sort_order=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert register_through_the_site(client, page).status_code == 303
    registration = Registration.objects.get()
    confirmation = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    staff = next(m for m in mail.outbox if m.to == [settings.PROGRAMME_STAFF_EMAIL])

    confirmation_url = f"{RUNNING}{page.url}aanmelden/bevestiging/{registration.reference}/"
    assert confirmation_url in confirmation.body
    html, _mimetype = confirmation.alternatives[0]
    assert confirmation_url in html
    assert f"{RUNNING}/admin/" in staff.body
    for text in (confirmation.body, html, staff.body):
        for link in URL.findall(text):
            if "example.org" not in link:  # the registrant's and contacts' own addresses
                assert link.startswith(f"{RUNNING}/"), link

    ((_name, calendar, _type),) = confirmation.attachments
    assert f"UID:{registration.reference}-" in calendar
    assert "@127.0.0.1\r\n" in calendar  # identified by the public host, not a made-up domain
