"""The seeded programme pages show their contact persons and supervisors as contact cards."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_de_lerende_raad_shows_its_twynstragudde_contact(client, seeded):
    html = client.get("/aan-de-slag/de-lerende-raad/").content.decode()
    assert '<article class="contact-card">' in html
    assert "Iris van Genuchten" in html and "TwynstraGudde" in html
    assert 'href="mailto:ivg@tg.nl"' in html
    assert 'href="tel:0612098499"' in html


def test_leerkring_shows_its_vng_contact_and_both_supervisors(client, seeded):
    html = client.get("/aan-de-slag/leerkring-raadsakkoorden/").content.decode()
    assert html.count('<article class="contact-card">') == 3
    assert "Petra Paulides" in html and "VNG" in html
    assert 'href="mailto:petra.paulides@vng.nl"' in html
    assert "Anka Visser" in html and "Lia Randsdorp" in html
    assert html.count("ervaren interim griffier") >= 2
    assert "Begeleider" in html  # the supervisors' role label
