"""Login-restricted pages and private documents never leak through any public surface.

For both kinds of page restriction (LOGIN and GROUPS) one programme and one case are made private;
then the catalogue (listing and counts), the case library, search, suggestions, the Atom feed,
sitemap.xml, the fee-quote API and the registration form are checked as an anonymous visitor.
A document in a collection with a view restriction is only served after logging in.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from programmes.models import Role
from registrations.models import Registration
from tests.cases.factories import CasePageFactory
from tests.programmes.factories import FeeTierFactory, ProgrammePageFactory, TrackFactory
from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db

SECRET = "Zwijgplichtprogramma"
SECRET_CASE = "Geheimhoudingscasus"


def normalised(html: str) -> str:
    """The page without per-request values (CSP nonces, CSRF tokens, form tokens)."""
    html = re.sub(r'nonce="[^"]*"', "", html)
    html = re.sub(r'name="(csrfmiddlewaretoken|form_token)" value="[^"]*"', "", html)
    return html


LISTINGS = [
    "/aan-de-slag/",
    "/aan-de-slag/?functie=griffiers",  # cards and the facet counts
    "/aan-de-slag/feed/",
    "/casussen/",
    "/casussen/?functie=griffiers",
    "/sitemap.xml",
]
SURFACES = [
    *LISTINGS,
    f"/zoeken/?q={SECRET}",
    f"/zoeken/?q={SECRET_CASE}",
    f"/zoeken/suggesties/?q={SECRET[:6]}",
    f"/zoeken/suggesties/?q={SECRET_CASE[:6]}",
]


def restrict(page, kind: str):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Geheim")[0]])


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_restricted_pages_never_leak(client, seeded, kind):
    before = {url: normalised(client.get(url).content.decode()) for url in LISTINGS}

    griffiers = Role.objects.get(slug="griffiers")
    programme = ProgrammePageFactory(
        title=SECRET,
        slug="zwijgplicht",
        intro=f"{SECRET} intro",
        search_description=SECRET,
        roles=[griffiers],
    )
    track = TrackFactory(programme=programme, slug="vorm-1")
    FeeTierFactory(track=track)
    case = CasePageFactory(
        title=SECRET_CASE, slug="geheimhouding", summary=SECRET_CASE, roles=[griffiers]
    )
    restrict(programme, kind)
    restrict(case, kind)
    cache.clear()

    for url in SURFACES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if url.startswith("/zoeken/"):  # the query itself is echoed: look for the results instead
            body = body.replace(SECRET, "").replace(SECRET_CASE, "")
            body = body.replace(SECRET[:6], "").replace(SECRET_CASE[:6], "")
        assert SECRET not in body and SECRET_CASE not in body, url
        assert "/zwijgplicht/" not in body and "/geheimhouding/" not in body, url
    # listings and their counts are exactly as before: nothing hints at the private pages
    for url, html in before.items():
        assert normalised(client.get(url).content.decode()) == html, url

    # the pages themselves and their routes send an anonymous visitor to the login page
    for url in (programme.url, programme.url + "aanmelden/", case.url):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = client.post(programme.url + "aanmelden/", form_data())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert SECRET not in response.content.decode()
    assert Registration.objects.count() == 0

    # the fee API: a restricted programme does not exist
    api = client.get("/api/v1/programmes/zwijgplicht/fee-quote/", {"population": 1000})
    assert api.status_code == 404
    assert SECRET not in api.content.decode()


def test_control_the_same_pages_are_visible_when_public(client, seeded):
    """Control for the test above: without the restriction every surface does show them."""
    griffiers = Role.objects.get(slug="griffiers")
    programme = ProgrammePageFactory(
        title=SECRET, slug="zwijgplicht", intro=f"{SECRET} intro", roles=[griffiers]
    )
    FeeTierFactory(track=TrackFactory(programme=programme, slug="vorm-1"))
    CasePageFactory(title=SECRET_CASE, slug="geheimhouding", summary=SECRET_CASE)
    for url in (
        "/aan-de-slag/?functie=griffiers",
        "/aan-de-slag/feed/",
        "/sitemap.xml",
        f"/zoeken/?q={SECRET}",
    ):
        body = client.get(url).content.decode()
        assert SECRET in body or "/zwijgplicht/" in body, url
    assert SECRET_CASE in client.get("/casussen/").content.decode()
    api = client.get("/api/v1/programmes/zwijgplicht/fee-quote/", {"population": 1000})
    assert api.status_code == 200


def test_private_collection_documents_are_not_served_to_anonymous_visitors(client, seeded):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Vertrouwelijk")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Vertrouwelijk verslag",
        collection=private,
        file=ContentFile(b"geheime inhoud", name="vertrouwelijk.txt"),
    )
    try:
        response = client.get(document.url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
        assert b"geheime inhoud" not in response.content
        # not via the direct media URL either: documents are only served through Django
        assert document.url.startswith("/documents/")

        user = get_user_model().objects.create_user("lezer", password="x-test-password")
        client.force_login(user)
        served = client.get(document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == b"geheime inhoud"
    finally:
        document.file.delete(save=False)
