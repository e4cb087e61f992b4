"""What search engines, link previews and browser tabs read from every page: a favicon (no 404), the
logo in the header, a meta description (falling back to the intro), Open Graph tags, a canonical link on
SITE_URL, and `noindex` on a registration's own pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from tests.cases.factories import CasePageFactory
from tests.programmes.factories import ProgrammePageFactory
from tests.registrations.conftest import form_data, make_programme

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[dict[str, str]]] = {}
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "link":
            for rel in attributes.get("rel", "").split():
                self.links.setdefault(rel, []).append(attributes)
        elif tag == "img":
            self.images.append(attributes)


def head(response) -> Head:
    assert response.status_code == 200, response.status_code
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]


def test_every_page_links_its_icons_and_shows_the_logo(seeded, client):
    page = head(client.get("/"))
    icons = {link["href"] for link in page.links["icon"]}
    assert "/favicon.ico" in icons
    svg = next(link for link in page.links["icon"] if link.get("type") == "image/svg+xml")
    assert svg["href"].endswith("img/favicon.svg") and finders.find("img/favicon.svg")
    logo = next(img for img in page.images if "site-header__logo" in img.get("class", ""))
    assert logo["src"].endswith("img/logo.svg") and finders.find("img/logo.svg")
    # decorative next to the organisation's name, which names the home link
    assert logo["alt"] == ""
    html = client.get("/").content.decode()
    assert re.search(
        r'<a class="site-header__name" href="/"><img[^>]*><span>Programmabureau Lokale Democratie',
        html,
    )


def test_description_falls_back_to_the_intro_and_og_tags_and_canonical(seeded, client, settings):
    settings.SITE_URL = "https://portaal.example.nl"
    programme = ProgrammePageFactory(
        title="Raad & Regio",
        intro="Een korte <intro> over " + "samenwerking " * 20,
        search_description="",
    )
    page = head(client.get(programme.url, {"utm_source": "x"}))
    (description,) = page.meta["description"]
    assert description.startswith("Een korte <intro> over samenwerking")
    assert len(description) <= 160 and description.endswith("…")
    assert page.meta["og:description"] == [description]
    assert page.meta["og:title"] == ["Raad & Regio"]
    assert page.meta["og:type"] == ["website"]
    assert page.meta["og:site_name"] == ["Programmabureau Lokale Democratie"]
    canonical = f"https://portaal.example.nl{programme.url}"
    assert [link["href"] for link in page.links["canonical"]] == [canonical]
    assert page.meta["og:url"] == [canonical]
    assert "robots" not in page.meta


def test_search_description_wins_over_the_intro(seeded, client):
    programme = ProgrammePageFactory(
        intro="De intro.", search_description="Voor zoekmachines.", seo_title="Zoektitel"
    )
    page = head(client.get(programme.url))
    assert page.meta["description"] == ["Voor zoekmachines."]
    assert page.meta["og:title"] == ["Zoektitel"]


@pytest.mark.parametrize(
    "url", ["/", "/aan-de-slag/", "/casussen/", "/contact/", "/over/", "/privacy/"]
)
def test_seeded_pages_have_a_description_and_canonical(seeded, client, settings, url):
    page = head(client.get(url))
    assert page.meta.get("description", [""])[0].strip(), f"{url} has no meta description"
    assert [link["href"] for link in page.links["canonical"]] == [f"{settings.SITE_URL}{url}"]


def test_a_case_is_described_by_its_summary(seeded, client):
    case = CasePageFactory(summary="Wat de gemeente leerde.", search_description="")
    assert head(client.get(case.url)).meta["description"] == ["Wat de gemeente leerde."]


def test_registration_review_and_confirmation_are_noindex(seeded, client):
    page, _tracks = make_programme()
    form = head(client.get(page.url + "aanmelden/"))
    assert "robots" not in form.meta  # the form itself may be found
    review = client.post(page.url + "aanmelden/", form_data())
    assert head(review).meta["robots"] == ["noindex"]
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    confirmed = client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})
    assert confirmed.status_code == 303
    confirmation = head(client.get(confirmed["Location"]))
    assert confirmation.meta["robots"] == ["noindex"]


def test_pages_outside_the_page_tree_have_no_canonical(seeded, client):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


def test_rich_text_intro_becomes_plain_text(seeded, client):
    from people.models import PeopleIndexPage

    people = PeopleIndexPage.objects.get()
    people.intro = "<p>Wie <b>helpt</b> je &amp; wie begeleidt?</p>"
    people.search_description = ""
    people.save_revision().publish()
    assert head(client.get(people.url)).meta["description"] == ["Wie helpt je & wie begeleidt?"]
