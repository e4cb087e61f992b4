"""The official statements (issue 23): the accessibility statement in the model of
toegankelijkheidsverklaring.nl (status A-E, date, the evaluation it rests on, known problems, contact)
and the privacy statement (controller, its contact, data protection officer), filled from the site
settings, so an editor changes them there. Checked on the served pages of the seeded site."""

from __future__ import annotations

import datetime
import re

import pytest
from wagtail.models import Site

from portal.models import AccessibilityStatus, SiteSettings

pytestmark = pytest.mark.django_db


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_seeded_accessibility_statement_has_the_required_parts(client, seeded):
    settings = site_settings()
    page = settings.accessibility_page
    assert page is not None and page.live
    body = text(client, page.url)
    assert "Toegankelijkheidsverklaring" in body
    assert "Nalevingsstatus" in body
    assert "C: eerste maatregelen genomen" in body
    assert "Datum van deze verklaring 1 december 2026" in body
    assert "Het onderzoek waarop deze verklaring berust" in body
    assert "axe-core" in body and "WCAG-EM" in body
    assert "Bekende problemen" in body and "Pdf-bestanden" in body
    assert "Een probleem melden" in body
    assert 'href="mailto:info@programmabureau.example.nl"' in client.get(page.url).content.decode()


def test_seeded_privacy_statement_names_controller_contact_and_dpo(client, seeded):
    settings = site_settings()
    page = settings.privacy_page
    assert page is not None and page.live
    html = client.get(page.url).content.decode()
    body = text(client, page.url)
    assert "Verwerkingsverantwoordelijke Programmabureau Lokale Democratie" in body
    assert "Postbus 00000" in body
    assert 'href="mailto:privacy@programmabureau.example.nl"' in html
    assert "Functionaris gegevensbescherming" in body
    assert 'href="mailto:fg@programmabureau.example.nl"' in html
    assert "Autoriteit Persoonsgegevens" in body


def test_statements_follow_the_site_settings(client, seeded):
    settings = site_settings()
    settings.accessibility_status = AccessibilityStatus.B
    settings.accessibility_statement_date = datetime.date(2027, 3, 15)
    settings.accessibility_known_problems = "Het filter op de casussenpagina mist een label."
    settings.accessibility_contact_email = "toegankelijkheid@gemeente.example.nl"
    settings.controller_name = "Ministerie van Voorbeeldzaken"
    settings.dpo_name = "Mr. J. Jansen"
    settings.dpo_email = ""
    settings.save()

    accessibility = text(client, settings.accessibility_page.url)
    assert "B: voldoet gedeeltelijk" in accessibility
    assert "15 maart 2027" in accessibility
    assert "Het filter op de casussenpagina mist een label." in accessibility
    assert "Pdf-bestanden" not in accessibility
    assert "toegankelijkheid@gemeente.example.nl" in accessibility

    privacy = text(client, settings.privacy_page.url)
    assert "Verwerkingsverantwoordelijke Ministerie van Voorbeeldzaken" in privacy
    assert "Functionaris gegevensbescherming Mr. J. Jansen" in privacy
    assert "fg@programmabureau.example.nl" not in privacy


def test_other_content_pages_have_no_statement_parts(client, seeded):
    from portal.models import ContentPage

    about = ContentPage.objects.get(slug="over")
    body = text(client, about.url)
    assert "Nalevingsstatus" not in body
    assert "Verwerkingsverantwoordelijke" not in body
