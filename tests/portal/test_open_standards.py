"""Open standards (issue 23): security.txt (RFC 9116) and the API conventions of the NL API Design Rules
(one language in paths, ``API-Version``, ``application/problem+json`` errors), through the served URLs."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from freezegun import freeze_time
from wagtail.models import Site

from portal.api import API_VERSION
from portal.models import SiteSettings

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def security_txt(client) -> dict[str, str]:
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _sep, value = line.partition(": ")
        fields[name] = value
    return fields


# --------------------------------------------------------------------------------------------------
# security.txt


@freeze_time("2026-12-01 12:00:00")
def test_security_txt_from_site_settings(client, seeded):
    settings = site_settings()
    settings.security_contact = "security@programmabureau.example.nl"
    settings.security_txt_expires = datetime.date(2027, 6, 30)
    settings.save()

    fields = security_txt(client)
    assert fields["Contact"] == "mailto:security@programmabureau.example.nl"
    assert fields["Expires"] == "2027-06-30T21:59:59Z"  # end of the day in Amsterdam (CEST)
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


@freeze_time("2026-12-01 12:00:00")
def test_security_txt_never_expired_and_falls_back_to_contact_email(client, seeded):
    settings = site_settings()
    settings.security_contact = ""
    settings.contact_email = "info@programmabureau.example.nl"
    settings.security_txt_expires = datetime.date(2026, 11, 1)  # passed
    settings.save()

    fields = security_txt(client)
    assert fields["Contact"] == "mailto:info@programmabureau.example.nl"
    assert fields["Expires"] == "2026-12-31T22:59:59Z"  # 30 days ahead, never in the past


def test_security_txt_https_contact_and_no_contact(client, seeded):
    settings = site_settings()
    settings.security_contact = "https://example.nl/kwetsbaarheid-melden"
    settings.save()
    assert security_txt(client)["Contact"] == "https://example.nl/kwetsbaarheid-melden"

    settings.security_contact = ""
    settings.contact_email = ""
    settings.save()
    assert client.get("/.well-known/security.txt").status_code == 404


@freeze_time("2026-12-01 12:00:00")
def test_admin_refuses_a_past_or_far_expiry():
    from portal.models import validate_security_txt_expires

    with pytest.raises(Exception, match="toekomst"):
        validate_security_txt_expires(datetime.date(2026, 12, 1))
    with pytest.raises(Exception, match="jaar"):
        validate_security_txt_expires(datetime.date(2028, 1, 1))
    validate_security_txt_expires(datetime.date(2027, 6, 1))


@freeze_time("2026-12-01 12:00:00")
@override_settings(SITE_URL="https://portaal.example.nl", ALLOWED_HOSTS=["portaal.example.nl"])
def test_deploy_check_warns_when_expiry_is_near(seeded, capsys):
    from portal.checks import check_security_txt_expiry

    settings = site_settings()
    settings.security_txt_expires = datetime.date(2026, 12, 20)
    settings.save()
    assert [w.id for w in check_security_txt_expiry()] == ["portal.W010"]
    settings.security_txt_expires = datetime.date(2027, 6, 1)
    settings.save()
    assert check_security_txt_expiry() == []
    call_command("check", "--deploy", "--tag", "security")  # runs without error


# --------------------------------------------------------------------------------------------------
# API conventions


def test_api_paths_are_english_and_the_old_dutch_path_redirects(client, seeded):
    response = client.get("/api/v1/municipalities", {"q": "den haag"})
    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "GM0518"
    assert response["API-Version"] == API_VERSION
    quote = client.get("/api/v1/programmes/de-lerende-raad/fee-quote", {"population": "10"})
    assert quote.status_code == 200

    old = client.get("/api/v1/gemeenten/", {"q": "den haag"})
    assert old.status_code == 308
    assert old["Location"] == "/api/v1/municipalities?q=den+haag"
    assert old["API-Version"] == API_VERSION
    # The spellings with a trailing slash still answer.
    assert client.get("/api/v1/municipalities/", {"q": "den haag"}).json() == response.json()


def test_registration_form_calls_the_english_path(client, seeded):
    from programmes.models import ProgrammePage

    page = next(p for p in ProgrammePage.objects.live() if p.tracks.exists())
    html = client.get(page.url + "aanmelden/").content.decode()
    assert 'data-autocomplete-url="/api/v1/municipalities"' in html
    assert "/api/v1/gemeenten/" not in html


@pytest.mark.parametrize(
    ("method", "url", "params", "status", "title"),
    [
        ("get", "/api/v1/programmes/de-lerende-raad/fee-quote/", {}, 400, "Ongeldige aanvraag"),
        (
            "get",
            "/api/v1/programmes/bestaat-niet/fee-quote/",
            {"population": "10"},
            404,
            "Niet gevonden",
        ),
        ("get", "/api/v1/bestaat-niet/", {}, 404, "Niet gevonden"),
        ("post", "/api/v1/municipalities/", {}, 405, "Methode niet toegestaan"),
        ("post", "/api/v1/programmes/de-lerende-raad/fee-quote/", {}, 405, None),
    ],
)
def test_api_errors_are_problem_json(client, seeded, method, url, params, status, title):
    response = getattr(client, method)(url, params)
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == API_VERSION
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["detail"]
    if title:
        assert body["title"] == title
    if status == 400:
        assert body["invalidParams"] == [{"name": "municipality", "reason": body["detail"]}]
    if status == 405:
        assert "GET" in response["Allow"]


@override_settings(RATE_LIMITS={"fee_quote": (1, 60)})
def test_rate_limited_api_answers_problem_json(client, seeded):
    url = "/api/v1/programmes/de-lerende-raad/fee-quote/"
    assert client.get(url, {"population": "10"}).status_code == 200
    response = client.get(url, {"population": "10"})
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert response["Retry-After"]
    assert response.json()["title"] == "Te veel verzoeken"


def test_server_error_in_the_api_is_problem_json(client, seeded, monkeypatch):
    from programmes import fee_cache

    def broken(*args, **kwargs):
        raise RuntimeError("the cache backend broke")

    monkeypatch.setattr(fee_cache, "lookup", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/programmes/de-lerende-raad/fee-quote", {"population": "10"})
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == API_VERSION
    body = response.json()
    assert body["title"] == "Interne serverfout"
    assert "RuntimeError" not in response.content.decode()
