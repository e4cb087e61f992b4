"""The registration flow with the Django test client: form, review, confirm, confirmation page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail

from programmes.models import FeeTier
from registrations.constants import RegistrationStatus
from registrations.models import OutgoingMail, Registration, RegistrationEvent
from tests.registrations.conftest import form_data, make_programme

pytestmark = pytest.mark.django_db


def url(page, suffix="aanmelden/"):
    return page.url + suffix


def pending_of(response) -> str:
    match = re.search(r'name="pending" value="([^"]+)"', response.content.decode())
    assert match, "review page carries the signed pending data"
    return match.group(1)


def review(client, page, **overrides):
    return client.post(url(page), form_data(**overrides))


def confirm(client, page, pending):
    return client.post(url(page), {"step": "confirm", "pending": pending})


def test_form_renders_with_all_fields(client, programme):
    page, track = programme
    response = client.get(url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="email"' in html and 'type="email"' in html
    assert 'autocomplete="tel"' in html
    assert 'autocomplete="name"' in html
    # a plain select of all 342 municipalities, works without JavaScript
    assert html.count('<option value="GM') == 342
    assert "&#x27;s-Gravenhage" in html or "'s-Gravenhage" in html
    # honeypot: hidden container, out of tab order, autocomplete off
    assert 'class="form-honeypot" aria-hidden="true"' in html
    assert re.search(r'name="website"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="website"', html)
    assert "/privacy/" in html  # consent links the privacy statement
    assert 'name="form_token"' in html
    assert response["Cache-Control"] == "no-store"


def test_invalid_post_shows_dutch_field_errors_keeps_values_and_summary(client, programme):
    page, _track = programme
    response = review(client, page, email="geen-adres", contact_function="", consent="")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "Er is een probleem" in html
    assert 'href="#id_email"' in html and 'href="#id_contact_function"' in html
    assert "Vul een e-mailadres in de juiste vorm in" in html
    assert "Vul uw functie in." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    # typed values are kept
    assert 'value="Anna de Vries"' in html
    assert 'value="geen-adres"' in html
    assert '<option value="GM0518" selected>' in html
    assert Registration.objects.count() == 0


def test_whole_flow_review_confirm_redirect_confirmation(
    client, programme, django_capture_on_commit_callbacks
):
    page, track = programme
    response = review(client, page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer uw aanmelding" in html
    assert "566.221 inwoners op 1 januari 2024, bron: CBS" in html
    assert "€ 1.500,00" in html
    assert "100.000 inwoners of meer" in html
    assert "anna@example.org" in html  # the person checks their own data
    assert Registration.objects.count() == 0  # nothing saved before confirming

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, page, pending_of(response))
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert response["Location"] == f"{page.url}aanmelden/bevestiging/{registration.reference}/"
    assert re.fullmatch(r"AM(-[2-9A-Z]{4}){3}", registration.reference)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.fee_amount == Decimal("1500.00")
    assert registration.population == 566_221
    assert registration.programme_title == "Testprogramma"
    assert (
        RegistrationEvent.objects.filter(registration=registration, to_status="confirmed").count()
        == 1
    )

    page_response = client.get(response["Location"])
    assert page_response.status_code == 200
    body = page_response.content.decode()
    assert registration.reference in body
    assert "Aanmelding ontvangen" in body
    assert "anna@example.org" not in body and "070 123 4567" not in body

    # both mails went out after the commit, once each
    assert OutgoingMail.objects.filter(status="sent").count() == 2
    assert len(mail.outbox) == 2
    to_registrant = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert registration.reference in to_registrant.subject
    assert "€ 1.500,00" in to_registrant.body
    assert "566.221 inwoners op 1 januari 2024, bron: CBS" in to_registrant.body
    staff = next(m for m in mail.outbox if m.to != ["anna@example.org"])
    assert registration.reference in staff.body and "'s-Gravenhage" in staff.body
    assert "http://testserver/admin/" in staff.body  # link to the registration in the admin
    for secret in ("Anna de Vries", "anna@example.org", "070 123 4567"):
        assert secret not in staff.body


def test_edit_goes_back_with_everything_kept(client, programme):
    page, _track = programme
    pending = pending_of(review(client, page, remarks="Graag in de ochtend"))
    response = client.post(url(page), {"step": "edit", "pending": pending})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Anna de Vries"' in html
    assert "Graag in de ochtend" in html
    assert '<option value="GM0518" selected>' in html
    assert "error-summary" not in html


def test_tampered_pending_data_is_refused(client, programme):
    page, _track = programme
    pending = pending_of(review(client, page))
    response = confirm(client, page, pending[:-3] + "abc")
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_unknown_reference_is_404_and_other_programmes_do_not_leak(client, programme):
    page, track = programme
    other, _tracks = make_programme()
    pending = pending_of(review(client, page))
    location = confirm(client, page, pending)["Location"]
    reference = location.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(url(page, "aanmelden/bevestiging/AM-2222-2222-2222/")).status_code == 404
    assert client.get(url(other, f"aanmelden/bevestiging/{reference}/")).status_code == 404


def test_fee_snapshot_survives_tier_changes(client, programme):
    page, track = programme
    pending = pending_of(review(client, page))
    confirm(client, page, pending)
    FeeTier.objects.filter(track=track).update(amount=Decimal("9999.00"))
    registration = Registration.objects.get()
    registration.refresh_from_db()
    assert registration.fee_amount == Decimal("1500.00")
    assert registration.fee_tier_min == 100_000
    response = client.get(url(page, f"aanmelden/bevestiging/{registration.reference}/"))
    assert "€ 1.500,00" in response.content.decode()


def test_duplicate_municipality_gets_a_clear_message(client, programme):
    page, _track = programme
    confirm(client, page, pending_of(review(client, page)))
    response = review(client, page, email="ander@example.org")
    html = response.content.decode()
    assert "&#x27;s-Gravenhage is al aangemeld voor Deelnamevorm 1" in html
    assert 'href="#id_municipality"' in html
    assert Registration.objects.count() == 1


def test_double_submit_makes_one_registration_and_one_mail(
    client, programme, django_capture_on_commit_callbacks
):
    page, _track = programme
    pending = pending_of(review(client, page))
    with django_capture_on_commit_callbacks(execute=True):
        first = confirm(client, page, pending)
        second = confirm(client, page, pending)  # refresh / second tab
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert OutgoingMail.objects.filter(kind="confirmation").count() == 1
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 1


def test_closed_programme_from_the_seed(client, seeded):
    response = client.get("/aan-de-slag/leerkring-raadsakkoorden/aanmelden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanmelden kon tot 15 maart 2019" in html
    assert "petra.paulides@vng.nl" in html  # who to contact
    assert 'name="form_token"' not in html  # no form


def test_closed_track_cannot_be_posted(client, seeded):
    page, tracks = make_programme(tracks=2)
    closed = tracks[1]
    closed.opens_on, closed.closes_on = (
        dt.date(2020, 1, 1),
        dt.date(2020, 2, 1),
    )
    closed.save()
    html = client.get(url(page)).content.decode()
    assert re.search(r'value="vorm-2"[^>]*disabled', html)
    response = review(client, page, track="vorm-2")
    assert "Deze deelnamevorm kunt u niet (meer) kiezen" in response.content.decode()


def test_open_seed_programme_shows_the_form(client, seeded):
    response = client.get("/aan-de-slag/de-lerende-raad/aanmelden/")
    assert response.status_code == 200
    assert 'name="form_token"' in response.content.decode()


def test_programme_without_tracks_is_404(client, seeded):
    assert client.get("/aan-de-slag/raad-in-beraad/aanmelden/").status_code == 404


def test_full_track_warns_before_submitting_and_waiting_lists(client, seeded):
    page, (track,) = make_programme(capacity=1)
    confirm(client, page, pending_of(review(client, page, municipality="GM0363")))
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED

    form_html = client.get(url(page)).content.decode()
    assert "wachtlijst" in form_html
    response = review(client, page)
    html = response.content.decode()
    assert "U komt op de wachtlijst" in html
    confirm(client, page, pending_of(response))
    second = Registration.objects.get(municipality__code="GM0518")
    assert second.status == RegistrationStatus.WAITING_LIST
    confirmation = client.get(url(page, f"aanmelden/bevestiging/{second.reference}/"))
    assert "wachtlijst" in confirmation.content.decode()


def test_xss_is_escaped_on_review_confirmation_and_mail(
    client, programme, django_capture_on_commit_callbacks
):
    page, _track = programme
    payload = '<script>alert("x")</script>'
    response = review(client, page, contact_name=payload, remarks=payload)
    html = response.content.decode()
    assert payload not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    with django_capture_on_commit_callbacks(execute=True):
        location = confirm(client, page, pending_of(response))["Location"]
    assert payload not in client.get(location).content.decode()
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    html_body = message.alternatives[0].content
    assert payload not in html_body
    assert "&lt;script&gt;" in html_body
    registration = Registration.objects.get()
    assert registration.contact_name == payload  # stored as typed; escaped on output


def test_single_track_has_no_radio(client, programme):
    page, _track = programme
    html = client.get(url(page)).content.decode()
    assert 'type="radio"' not in html
    assert '<input type="hidden" name="track" value="vorm-1"' in html


def test_free_and_on_request_fees_on_review(client, seeded):
    page, _ = make_programme(fee_kind="free")
    html = review(client, page).content.decode()
    assert "Gratis" in html
    page2, _ = make_programme(fee_kind="on_request")
    html = review(client, page2).content.decode()
    assert "In overleg" in html


def test_not_yet_open_says_when_it_opens(client, seeded):
    page, _ = make_programme(opens_on=dt.date(2999, 3, 1))
    html = client.get(url(page)).content.decode()
    assert "Aanmelden kan vanaf 1 maart 2999" in html
    assert 'name="form_token"' not in html
