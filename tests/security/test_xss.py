"""XSS payloads typed into public form fields and editor fields are shown as text everywhere.

Payloads go into the registration form (name, function, remarks; the e-mail and phone validators
refuse them) and into editor fields (page titles, intro, take-aways, case summary and lessons, person
name, job title and bio, role name, the footer contact in the site settings). Then every place that
shows them is checked: public pages, search and its suggestions, the Atom feed, the review and
confirmation pages, the e-mails, the admin list and detail, and the CSV and XLSX exports.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from people.models import Person
from portal.models import SiteSettings
from programmes.models import ProgrammeContact
from registrations.models import OutgoingMail, Registration
from tests.cases.factories import CasePageFactory
from tests.programmes.factories import (
    FeeTierFactory,
    ProgrammePageFactory,
    RoleFactory,
    TrackFactory,
)
from tests.registrations.conftest import form_data
from tests.registrations.staff_factories import make_user

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"
PAYLOAD = f"Xss {SCRIPT} {IMG} {JS}"


def assert_inert(html: str, where: str) -> None:
    assert SCRIPT not in html, where
    assert "<img src=x onerror" not in html, where
    assert 'href="javascript:' not in html.lower(), where


def assert_escaped(html: str, where: str) -> None:
    assert_inert(html, where)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, where


@pytest.fixture
def editor_content(seeded):
    role = RoleFactory(name=f"Rol {PAYLOAD}", singular=f"rol {PAYLOAD}", slug="xss-rol")
    person = Person.objects.create(
        name=f"Persoon {PAYLOAD}",
        slug="xss-persoon",
        job_title=f"Functie {PAYLOAD}",
        organisation="Xss-organisatie",
        bio=f"Bio {PAYLOAD}",
        email="xss@example.nl",
    )
    programme = ProgrammePageFactory(
        title=f"Programma {PAYLOAD}",
        slug="xss-programma",
        intro=f"Intro {PAYLOAD}",
        roles=[role],
        takeaways=[f"Les {PAYLOAD}"],
    )
    ProgrammeContact.objects.create(page=programme, person=person)
    FeeTierFactory(track=TrackFactory(programme=programme, name="Vorm", slug="vorm-1"))
    case = CasePageFactory(
        title=f"Casus {PAYLOAD}",
        slug="xss-casus",
        summary=f"Samenvatting {PAYLOAD}",
        roles=[role],
        lessons=[f"Lesje {PAYLOAD}"],
        related_programmes=[programme],
    )
    settings = SiteSettings.for_site(seeded.get_site())
    settings.footer_contact = f"Footer {PAYLOAD}"
    settings.save()
    return programme, case


def test_editor_fields_are_escaped_on_every_public_page(client, editor_content):
    programme, case = editor_content
    for url in (
        "/",
        "/aan-de-slag/",
        "/aan-de-slag/?functie=xss-rol",
        programme.url,
        programme.url + "aanmelden/",
        "/casussen/",
        case.url,
        "/contact/",
        "/zoeken/?q=Xss",
        f"/zoeken/?q={SCRIPT}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), url)
    # the footer contact is on every page, escaped
    assert "Footer Xss &lt;script&gt;" in client.get("/").content.decode()


def test_suggestions_json_and_feed_xml_carry_payloads_as_text(client, editor_content):
    response = client.get("/zoeken/suggesties/", {"q": "Programma Xss"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert SCRIPT in json.dumps(response.json(), ensure_ascii=False)  # plain text data, not HTML

    feed = client.get("/aan-de-slag/feed/")
    assert feed.status_code == 200
    raw = feed.content.decode()
    assert SCRIPT not in raw  # escaped in the XML
    tree = ET.fromstring(feed.content)  # noqa: S314 -- our own feed in a test
    assert not [el for el in tree.iter() if el.tag.rsplit("}", 1)[-1] in ("script", "img")]
    titles = [el.text or "" for el in tree.iter() if el.tag.endswith("title")]
    assert any(SCRIPT in t for t in titles)  # read back as text


@pytest.fixture
def registered(client, editor_content, django_capture_on_commit_callbacks):
    """A registration with payloads in every free-text field, through review and confirmation."""
    programme, _case = editor_content
    url = programme.url + "aanmelden/"
    data = form_data(
        contact_name=f"Naam {PAYLOAD}",
        contact_function=f'=HYPERLINK("x") {PAYLOAD}',
        remarks=f"Opmerking {PAYLOAD}",
    )
    # e-mail and phone refuse markup: the validator stops it before anything else
    for field in ("email", "phone"):
        refused = client.post(url, {**data, field: f"a{SCRIPT}@example.org"})
        assert refused.status_code == 200
        assert_inert(refused.content.decode(), field)
        assert 'name="pending"' not in refused.content.decode()

    review = client.post(url, data)
    html = review.content.decode()
    assert_escaped(html, "review page")
    pending = re.search(r'name="pending" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"step": "confirm", "pending": pending})
    assert response.status_code == 303
    confirmation = client.get(response["Location"])
    assert_inert(confirmation.content.decode(), "confirmation page")
    return Registration.objects.get()


def test_payloads_in_the_mails_are_escaped(registered):
    assert len(mail.outbox) == 2
    html_bodies = [
        body
        for message in mail.outbox
        for body, content_type in getattr(message, "alternatives", [])
        if content_type == "text/html"
    ]
    assert html_bodies, "the confirmation has an HTML part"
    for body in html_bodies:
        assert_inert(body, "html mail")
    confirmation = next(b for b in html_bodies if "Naam Xss" in b)
    for field in ("Naam", "Opmerking", "Programma"):  # name, remarks, editor's programme title
        assert f"{field} Xss &lt;script&gt;alert(1)&lt;/script&gt;" in confirmation, field
    stored_html = [m.html_body for m in OutgoingMail.objects.all() if m.html_body]
    assert stored_html
    for body in stored_html:
        assert_inert(body, "stored html mail")
        # plain-text bodies are text/plain: the payload may appear verbatim, that is harmless


def test_admin_list_detail_and_exports_escape_payloads(client, registered):
    client.force_login(make_user("beheerder", superuser=True))
    index = client.get(reverse("registration:index"))
    assert index.status_code == 200
    assert_escaped(index.content.decode(), "admin list")
    inspect = client.get(reverse("registration:inspect", args=[registered.pk]))
    assert inspect.status_code == 200
    assert_escaped(inspect.content.decode(), "admin detail")

    csv_response = client.get(reverse("registration:index") + "?export=csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"Naam {PAYLOAD}" in cells  # exactly what was typed, as data
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("x") ' + PAYLOAD in cells

    xlsx = client.get(reverse("registration:index") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [str(v) for row in sheet.iter_rows(min_row=2, values_only=True) for v in row if v]
    assert f"Opmerking {PAYLOAD}" in values
    assert not [v for v in values if v[:1] in ("=", "+", "@", "\t", "\r")]
