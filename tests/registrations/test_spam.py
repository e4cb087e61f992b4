"""Spam protection: honeypot, signed time check, per-IP rate limit on submission."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.test import override_settings
from freezegun import freeze_time

from registrations import spam
from registrations.models import Registration
from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db


def token_in(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_honeypot_filled_is_rejected_without_saving(client, programme):
    page, _track = programme
    response = client.post(page.url + "aanmelden/", form_data(website="http://spam.example"))
    html = response.content.decode()
    assert "Uw aanmelding kon niet worden verwerkt" in html
    assert 'name="pending"' not in html  # no review step
    assert Registration.objects.count() == 0


def test_too_fast_submit_gets_a_friendly_message_and_keeps_values(client, programme):
    page, _track = programme
    start = dt.datetime(2026, 5, 1, 10, 0, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        token = token_in(client.get(page.url + "aanmelden/").content.decode())
    with freeze_time(start + dt.timedelta(seconds=1)):
        response = client.post(page.url + "aanmelden/", form_data(form_token=token))
    html = response.content.decode()
    assert "Dat ging wel erg snel" in html
    assert 'value="Anna de Vries"' in html
    assert 'name="pending"' not in html
    assert token_in(html) == token  # the same token becomes valid a moment later
    with freeze_time(start + dt.timedelta(seconds=5)):
        response = client.post(page.url + "aanmelden/", form_data(form_token=token))
    assert 'name="pending"' in response.content.decode()


def test_expired_and_forged_tokens_get_a_new_token(client, programme):
    page, _track = programme
    old = spam.issue_token(issued_at=time.time() - 2 * 24 * 3600)
    for token in (old, "forged", ""):
        response = client.post(page.url + "aanmelden/", form_data(form_token=token))
        html = response.content.decode()
        assert "Dit formulier stond te lang open" in html
        assert token_in(html) != token
        spam.read_token(token_in(html), check_min_age=False)  # the new one is valid
    assert Registration.objects.count() == 0


def test_read_token_reasons():
    now = time.time()
    assert spam.read_token(spam.issue_token(issued_at=now - 10)).nonce
    with pytest.raises(spam.TokenError) as exc:
        spam.read_token(spam.issue_token(issued_at=now))
    assert exc.value.reason == "too_fast"
    with pytest.raises(spam.TokenError) as exc:
        spam.read_token(spam.issue_token(issued_at=now - spam.MAX_AGE - 10))
    assert exc.value.reason == "expired"
    with pytest.raises(spam.TokenError) as exc:
        spam.read_token(spam.issue_token(issued_at=now - 10) + "x")
    assert exc.value.reason == "invalid"
    assert (
        spam.read_token(spam.issue_token(issued_at=now - 10)).nonce
        != spam.read_token(spam.issue_token(issued_at=now - 10)).nonce
    )


@override_settings(RATE_LIMITS={"registration": (1, 3600), "autocomplete": (300, 60)})
def test_confirming_is_rate_limited_per_ip(client, programme):
    page, _track = programme
    first = client.post(page.url + "aanmelden/", form_data())
    pending = re.search(r'name="pending" value="([^"]+)"', first.content.decode()).group(1)
    assert (
        client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending}).status_code
        == 303
    )
    second = client.post(page.url + "aanmelden/", form_data(municipality="GM0363"))
    pending = re.search(r'name="pending" value="([^"]+)"', second.content.decode()).group(1)
    response = client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})
    assert response.status_code == 429
    assert Registration.objects.count() == 1


def test_every_visitor_gets_their_own_form_token(client, programme):
    # The token is also the submission key: a shared (cached) form would merge two people's forms.
    page, _track = programme
    first = client.get(page.url + "aanmelden/")
    second = client.get(page.url + "aanmelden/")
    assert token_in(first.content.decode()) != token_in(second.content.decode())
    assert "no-store" in first["Cache-Control"]
