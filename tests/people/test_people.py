"""People: the people page, contact cards and the editor's choice to hide e-mail and phone."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from wagtail_factories import ImageFactory

from people.models import Person
from people.services import people_by_organisation, tel_uri
from programmes.models import ProgrammeContact, ProgrammePage
from tests.cases.factories import CasePageFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_people_page_groups_by_organisation_with_other_last(client, seeded):
    response = client.get("/contact/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = ["Ministerie van BZK", "TwynstraGudde", "VNG", "Overige"]
    positions = [html.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    # People without an organisation are under "Overige", after the last organisation heading.
    assert html.index("Anka Visser") > positions[-1]
    assert html.index("Lia Randsdorp") > positions[-1]
    assert positions[2] < html.index("Petra Paulides") < positions[3]
    assert '<h3 class="contact-card__name">Iris van Genuchten</h3>' in html


def test_people_by_organisation_merges_spelling_variants(seeded):
    PersonFactory(name="Aa", organisation="vng ")
    groups = dict(people_by_organisation())
    assert [p.name for p in groups["VNG"]] == ["Aa", "Petra Paulides"]
    assert list(groups)[-1] == "Overige"


def test_hidden_email_and_phone_never_appear_on_public_pages(client, seeded):
    person = PersonFactory(
        name="Geheime Gerda",
        email="gerda.geheim@example.nl",
        phone="06 9999 0000",
        show_email=False,
        show_phone=False,
    )
    programme = ProgrammePage.objects.get(slug="de-lerende-raad")
    ProgrammeContact.objects.create(page=programme, person=person, role="contact", sort_order=9)
    case = CasePageFactory(contacts=[(person, "contact")])
    for url in ("/contact/", case.url, programme.url, "/casussen/"):
        html = client.get(url).content.decode()
        assert "gerda.geheim" not in html, url
        assert "9999" not in html, url
    assert "Geheime Gerda" in client.get("/contact/").content.decode()
    assert "Geheime Gerda" in client.get(case.url).content.decode()


def test_contact_card_shows_allowed_details_as_links():
    person = Person(
        name="Petra",
        job_title="adviseur",
        organisation="VNG",
        email="petra@vng.nl",
        phone="06-41251188",
        bio="Bel gerust.",
    )
    html = render_to_string("includes/contact_card.html", {"person": person})
    assert '<h3 class="contact-card__name">Petra</h3>' in html
    assert 'href="mailto:petra@vng.nl"' in html
    assert 'href="tel:0641251188"' in html
    assert "adviseur" in html and "VNG" in html and "Bel gerust." in html

    html = render_to_string(
        "includes/contact_card.html",
        {"person": person, "heading_level": 2, "role_label": "Begeleider"},
    )
    assert '<h2 class="contact-card__name">Petra</h2>' in html and "Begeleider" in html

    person.show_email = person.show_phone = False
    html = render_to_string("includes/contact_card.html", {"person": person})
    assert "petra@vng.nl" not in html and "tel:" not in html and "0641251188" not in html


def test_contact_card_photo_alt_text_is_the_image_description(seeded, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    described = PersonFactory(photo=ImageFactory(description="Portret van Petra", title="IMG_1"))
    html = render_to_string("includes/contact_card.html", {"person": described})
    assert 'alt="Portret van Petra"' in html

    undescribed = PersonFactory(photo=ImageFactory(description="", title="IMG_2"))
    html = render_to_string("includes/contact_card.html", {"person": undescribed})
    assert 'alt=""' in html and "IMG_2" not in html


def test_contact_card_escapes_editor_text():
    person = Person(name="<script>x()</script>", bio="<b>bio</b>", email="", phone="")
    html = render_to_string("includes/contact_card.html", {"person": person})
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>bio</b>" not in html


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("06 12098499", "tel:0612098499"),
        ("06-41251188", "tel:0641251188"),
        ("+31 (0)6 5073 8579", "tel:+31650738579"),
        ("", ""),
        ("onbekend", ""),
    ],
)
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri
