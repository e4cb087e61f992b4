"""Status actions in the admin ask first: the detail page links to a confirmation page (GET) with a Dutch
warning and an optional note for the status history; only its POST changes the status."""

from __future__ import annotations

import pytest
from django.urls import reverse

from registrations.constants import MailKind, RegistrationStatus
from registrations.models import OutgoingMail, Registration

from .staff_factories import RegistrationFactory, staff_user

pytestmark = pytest.mark.django_db
S = RegistrationStatus


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(staff_user())
    return client


def _url(reg, action: str) -> str:
    return reverse("registration:action", args=[reg.pk, action])


def test_cancel_on_the_detail_page_opens_a_confirmation_page(staff_client):
    reg = RegistrationFactory()
    html = staff_client.get(reverse("registration:inspect", args=[reg.pk])).text
    # A link to the confirmation page, not a form that cancels at once.
    assert f'href="{_url(reg, "cancel")}"' in html
    assert f'action="{_url(reg, "cancel")}"' not in html

    page = staff_client.get(_url(reg, "cancel"))
    assert page.status_code == 200
    assert "Aanmelding annuleren" in page.text
    assert "definitief" in page.text  # the Dutch warning
    assert 'name="note"' in page.text and 'maxlength="300"' in page.text
    assert "csrfmiddlewaretoken" in page.text
    # Looking at the page changes nothing.
    assert Registration.objects.get(pk=reg.pk).status == S.RECEIVED
    assert not reg.events.exists()
    assert not OutgoingMail.objects.filter(kind=MailKind.STATUS_CHANGE).exists()


def test_confirming_the_page_cancels_with_the_note_in_the_history(staff_client):
    reg = RegistrationFactory()
    response = staff_client.post(
        _url(reg, "cancel"), {"note": "Dubbel aangemeld, zie AM-2026-1"}, follow=True
    )
    assert Registration.objects.get(pk=reg.pk).status == S.CANCELLED
    event = reg.events.get()
    assert event.note == "Dubbel aangemeld, zie AM-2026-1"
    assert "Dubbel aangemeld, zie AM-2026-1" in response.text  # shown in the status history
    assert OutgoingMail.objects.filter(registration=reg, kind=MailKind.STATUS_CHANGE).exists()


@pytest.mark.parametrize(
    ("action", "status"), [("confirm", S.CONFIRMED), ("withdraw", S.WITHDRAWN)]
)
def test_every_status_action_has_its_confirmation_page(staff_client, action, status):
    reg = RegistrationFactory()
    page = staff_client.get(_url(reg, action))
    assert page.status_code == 200 and 'name="note"' in page.text
    assert Registration.objects.get(pk=reg.pk).status == S.RECEIVED
    staff_client.post(_url(reg, action), {"note": ""})
    assert Registration.objects.get(pk=reg.pk).status == status
    assert reg.events.get().note == ""


def test_a_too_long_note_gets_a_dutch_message_and_is_kept(staff_client):
    reg = RegistrationFactory()
    note = "x" * 301
    response = staff_client.post(_url(reg, "cancel"), {"note": note})
    assert response.status_code == 200
    assert "maximaal 300 tekens" in response.text
    assert note in response.text
    assert Registration.objects.get(pk=reg.pk).status == S.RECEIVED


def test_an_action_that_is_no_longer_possible_is_not_offered(staff_client):
    reg = RegistrationFactory(status=S.WITHDRAWN)
    response = staff_client.get(_url(reg, "cancel"))
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:inspect", args=[reg.pk])
    assert Registration.objects.get(pk=reg.pk).status == S.WITHDRAWN
