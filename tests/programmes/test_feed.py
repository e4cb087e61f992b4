"""The Atom feed of the catalogue: valid XML, filterable by role, only live and public offerings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from programmes.models import Role
from tests.portal.test_seed import EXPECTED_ROLES
from tests.programmes.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

URL = "/aan-de-slag/feed/"
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, query=None) -> tuple[ET.Element, list[str]]:
    response = client.get(URL, query or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output); raises on invalid XML
    assert root.tag == f"{ATOM}feed"
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    return root, [link.rstrip("/").rsplit("/", 1)[-1] for link in links]


def test_feed_lists_every_offering(seeded, client):
    root, slugs = entries(client)
    assert set(slugs) == set(EXPECTED_ROLES) and len(slugs) == len(EXPECTED_ROLES)
    assert root.find(f"{ATOM}title").text == "Aan de slag"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text
    assert entry.find(f"{ATOM}summary").text
    # on the configured public address (SITE_URL), not on the host the request came in on
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/aan-de-slag/")


@pytest.mark.parametrize("role", ["griffiers", "burgemeesters", "raadsleden"])
def test_feed_filtered_by_role(seeded, client, role):
    root, slugs = entries(client, {"functie": role})
    assert set(slugs) == {slug for slug, roles in EXPECTED_ROLES.items() if role in roles}
    assert root.find(f"{ATOM}title").text == f"Aan de slag: aanbod voor {role}"
    categories = {c.get("term") for c in root.iter(f"{ATOM}category")}
    assert Role.objects.get(slug=role).name in categories


def test_unknown_role_is_a_404(seeded, client):
    assert client.get(URL, {"functie": "astronauten"}).status_code == 404
    assert client.get(URL, {"functie": "x" * 10_000}).status_code == 404
    assert client.get(URL, {"functie": ""}).status_code == 200


def test_private_and_unpublished_pages_never_appear(seeded, client):
    griffiers = Role.objects.get(slug="griffiers")
    private = ProgrammePageFactory(slug="besloten-kring", roles=[griffiers])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = ProgrammePageFactory(slug="nog-niet-klaar", roles=[griffiers])
    draft.unpublish()
    visible = ProgrammePageFactory(slug="nieuw-voor-griffiers", roles=[griffiers])
    for query in [None, {"functie": "griffiers"}]:
        _root, slugs = entries(client, query)
        assert "besloten-kring" not in slugs
        assert "nog-niet-klaar" not in slugs
        assert slugs[0] == visible.slug  # newest first


def test_editor_text_is_escaped_in_the_feed(seeded, client):
    ProgrammePageFactory(title="<script>x</script> & co", intro="a < b")
    response = client.get(URL)
    assert b"<script>" not in response.content
    root = ET.fromstring(response.content)  # noqa: S314
    titles = [e.text for e in root.iter(f"{ATOM}title")]
    assert "<script>x</script> & co" in titles


def test_catalogue_links_to_its_feed(seeded, client):
    html = client.get("/aan-de-slag/", {"functie": "griffiers"}).content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/aan-de-slag/feed/?functie=griffiers"' in html


def test_feed_has_an_author(seeded, client):
    """RFC 4287 4.1.1: a feed without atom:author on every entry needs a feed-level atom:author."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Programmabureau <Lokale> Democratie"
    site_settings.save()
    for query in [None, {"functie": "griffiers"}]:
        root, _slugs = entries(client, query)
        authors = root.findall(f"{ATOM}author")
        assert len(authors) == 1
        assert authors[0].find(f"{ATOM}name").text == "Programmabureau <Lokale> Democratie"
        assert root.findall(f"{ATOM}entry")
        assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
