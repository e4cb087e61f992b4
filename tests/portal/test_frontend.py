"""The public front end without a browser: page structure, chrome, privacy and error pages.

Every public page type has one h1, a working skip link, the landmarks (banner, navigation, main,
contentinfo), no resources from other hosts, no inline scripts or styles the CSP would block, and sets no
cookies. 404 and 500 are in the site's look and never show a stack trace. The same pages are checked in
a real browser with axe-core in tests/browser/.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path

from portal import urls as portal_urls
from portal.models import SiteSettings
from portal.templatetags.frontend_tags import component_stylesheet_names
from portal.views import server_error

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/aan-de-slag/",
    "/aan-de-slag/?functie=griffiers",
    "/aan-de-slag/de-lerende-raad/",
    "/aan-de-slag/leerkring-raadsakkoorden/",
    "/casussen/",
    "/casussen/themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018/",
    "/contact/",
    "/over/",
    "/privacy/",
    "/toegankelijkheid/",
]
NOT_FOUND = "/deze-pagina-bestaat-niet/"
# Attributes that make the browser fetch something (links to other sites are fine, fetching is not).
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}
# <link> relations a browser does not fetch: the canonical address is on SITE_URL.
NOT_FETCHED_LINKS = {"canonical"}


class Outline(HTMLParser):
    """Collects what the structural checks need from a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.h1_count = 0
        self.inline_scripts_without_nonce = 0
        self.style_attributes = 0
        self.inline_style_elements = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "h1":
            self.h1_count += 1
        if "style" in attributes:
            self.style_attributes += 1
        executable = attributes.get("type", "") not in ("application/json", "application/ld+json")
        if tag == "script" and executable and not {"src", "nonce"} & attributes.keys():
            self.inline_scripts_without_nonce += 1
        if tag == "style" and "nonce" not in attributes:
            self.inline_style_elements += 1

    def first(self, tag: str, **match: str) -> dict[str, str] | None:
        for name, attributes in self.tags:
            if name == tag and all(attributes.get(k) == v for k, v in match.items()):
                return attributes
        return None

    def count(self, tag: str, **match: str) -> int:
        return sum(
            1
            for name, attributes in self.tags
            if name == tag and all(attributes.get(k) == v for k, v in match.items())
        )


def outline(response) -> Outline:
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def pages(client, seeded):
    def get(path: str, status: int = 200):
        response = client.get(path)
        assert response.status_code == status, f"{path}: HTTP {response.status_code}"
        return response

    return get


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, NOT_FOUND])
def test_page_has_one_h1_skip_link_and_landmarks(pages, url):
    page = outline(pages(url, 404 if url == NOT_FOUND else 200))

    assert page.h1_count == 1, f"{url} has {page.h1_count} h1 elements"
    first_link = page.first("a")
    assert first_link is not None and first_link["href"] == "#inhoud", "the skip link comes first"
    assert page.first("main", id="inhoud") is not None, "the skip link target exists"
    assert page.count("main") == 1
    assert page.count("header", **{"class": "site-header utrecht-page-header"}) == 1
    assert page.count("footer", **{"class": "site-footer utrecht-page-footer"}) == 1
    assert page.first("nav", **{"aria-label": "Hoofdmenu"}) is not None
    assert page.first("form", role="search", action="/zoeken/") is not None
    assert page.first("html", lang="nl") is not None


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_load_nothing_from_other_hosts_and_nothing_inline(pages, url):
    page = outline(pages(url))

    for tag, attributes in page.tags:
        if tag == "link" and attributes.get("rel") in NOT_FETCHED_LINKS:
            continue
        for attribute in RESOURCE_ATTRIBUTES.get(tag, []):
            for value in attributes.get(attribute, "").split(","):
                host = urlsplit(value.strip().split(" ")[0]).netloc
                assert host in ("", "localhost"), f"{url}: <{tag} {attribute}={value!r}>"
    assert page.inline_scripts_without_nonce == 0, f"{url}: inline <script> without a CSP nonce"
    assert page.inline_style_elements == 0, f"{url}: inline <style> (blocked by the CSP)"
    assert page.style_attributes == 0, f"{url}: style attributes (blocked by the CSP)"


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, NOT_FOUND])
def test_public_get_pages_set_no_cookies(pages, url):
    response = pages(url, 404 if url == NOT_FOUND else 200)

    assert not response.cookies, f"{url} sets cookies: {list(response.cookies)}"
    assert "Content-Security-Policy" in response.headers


def test_header_shows_the_organisation_and_marks_the_current_section(pages, seeded):
    settings = SiteSettings.for_site(seeded.get_site())
    settings.organisation_name = "Programmabureau <Test> & Co"
    settings.save()

    home = pages("/").content.decode()
    catalogue = pages("/aan-de-slag/").content.decode()
    programme = pages("/aan-de-slag/de-lerende-raad/").content.decode()

    assert "Programmabureau &lt;Test&gt; &amp; Co" in home
    assert "aria-current" not in home.split('<main id="inhoud"')[0]
    assert '<a href="/aan-de-slag/" aria-current="page">Aanbod</a>' in catalogue
    assert '<a href="/aan-de-slag/" aria-current="true">Aanbod</a>' in programme
    assert '<a href="/casussen/">Casussen</a>' in programme


def test_footer_links_to_the_privacy_and_accessibility_statements(pages):
    html = pages("/").content.decode()
    footer = html[html.index('<footer class="site-footer utrecht-page-footer">') :]

    assert '<a href="/privacy/">Privacyverklaring</a>' in footer
    assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in footer
    assert '<a href="/contact/">Contactpersonen</a>' in footer
    assert "Toegankelijkheidsverklaring</h1>" in pages("/toegankelijkheid/").content.decode()
    assert "Privacyverklaring</h1>" in pages("/privacy/").content.decode()


def test_breadcrumbs_lead_from_home_to_the_current_page(pages):
    page = outline(pages("/aan-de-slag/de-lerende-raad/"))
    html = pages("/aan-de-slag/de-lerende-raad/").content.decode()

    assert page.first("nav", **{"aria-label": "Kruimelpad"}) is not None
    assert '<a href="/">Home</a>' in html
    assert '<a href="/aan-de-slag/">Aan de slag</a>' in html
    assert '<span aria-current="page">De Lerende Raad</span>' in html
    assert outline(pages("/")).first("nav", **{"aria-label": "Kruimelpad"}) is None


def test_not_found_page_is_in_the_site_look_and_helps_on(pages):
    response = pages(NOT_FOUND, 404)
    html = response.content.decode()

    assert "Pagina niet gevonden" in html
    assert 'class="site-header utrecht-page-header"' in html
    assert 'class="site-footer utrecht-page-footer"' in html
    assert '<a href="/aan-de-slag/">Bekijk al het aanbod</a>' in html
    assert 'name="q"' in html
    assert "Traceback" not in html


# ---------- 500: through the real handler, with DEBUG off ----------


class BoomError(RuntimeError):
    pass


def boom(request: HttpRequest) -> HttpResponse:
    raise BoomError("secret-detail-that-must-not-leak")


# This module doubles as the URLconf for the 500 test: the site's URLs plus one view that fails.
urlpatterns = [path("boom/", boom), *portal_urls.urlpatterns]
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500


@pytest.mark.urls(__name__)
def test_server_error_page_is_in_the_site_look_without_a_stack_trace(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/boom/")
    html = response.content.decode()

    assert response.status_code == 500
    assert "Er ging iets mis" in html
    assert 'class="site-header utrecht-page-header"' in html
    assert 'href="/static/css/portal.css"' in html
    assert html.count('<h1 class="utrecht-heading-1 utrecht-heading-1--distanced">') == 1
    assert "secret-detail-that-must-not-leak" not in html
    assert "Traceback" not in html and "BoomError" not in html


def test_server_error_page_renders_without_request_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


# ---------- Component stylesheets ----------


def test_every_component_stylesheet_is_linked(pages, settings, tmp_path):
    components = tmp_path / "css" / "components"
    components.mkdir(parents=True)
    (components / "b-cards.css").write_text("")
    (components / "a-forms.css").write_text("")
    (components / "notes.txt").write_text("")
    settings.STATICFILES_DIRS = [tmp_path]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.DEBUG = True  # not cached: looked up on every render

    assert component_stylesheet_names() == ("a-forms.css", "b-cards.css")
    html = pages("/over/").content.decode()
    assert html.index("css/components/a-forms.css") < html.index("css/components/b-cards.css")
    assert html.index("css/portal.css") < html.index("css/components/a-forms.css")
