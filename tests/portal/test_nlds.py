"""The NL Design System look (issue 23): vendored component CSS and a swappable theme, the component
class names in the templates, and the government-service details: status first on a card, intros cut at
a sentence, every take-away reachable, one filter pattern, no links to empty results, one phone format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from people.models import Person
from portal.formatting import excerpt, format_phone
from programmes.models import Role
from tests.cases.factories import CasePageFactory
from tests.people.factories import PersonFactory
from tests.programmes.factories import ProgrammePageFactory
from tests.programmes.test_catalogue import card_html

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"


# -- the component library and the theme -------------------------------------------------------------


def test_every_page_links_the_vendored_components_then_the_theme_then_our_css(client, seeded):
    html = client.get("/").content.decode()
    components = html.index("/static/vendor/utrecht-component-library-css/index.css")
    theme = html.index("/static/css/theme.css")
    assert components < theme < html.index("/static/css/tokens.css") < html.index("css/portal.css")
    assert re.search(r'<body class="utrecht-document portal-theme[ "]', html)


def test_vendored_css_is_committed_with_its_licence_and_recorded_version():
    readme = (STATIC / "vendor" / "README.md").read_text()
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    for package, version, directory in [
        ("@utrecht/component-library-css", "9.0.4", "utrecht-component-library-css"),
        (
            "@nl-design-system-unstable/voorbeeld-design-tokens",
            "7.4.1",
            "nl-design-system-unstable-voorbeeld-design-tokens",
        ),
    ]:
        assert f"{package}@{version}" in makefile
        assert f"| {version} | EUPL-1.2" in readme
        assert (STATIC / "vendor" / directory / "LICENSE.md").exists()


def test_the_theme_sets_the_component_tokens_and_our_tokens_follow_it():
    theme = (STATIC / "css" / "theme.css").read_text()
    components = (STATIC / "vendor" / "utrecht-component-library-css" / "index.css").read_text()
    used = set(re.findall(r"--utrecht-[a-z0-9-]+", components))
    set_here = set(re.findall(r"(--utrecht-[a-z0-9-]+):", theme))
    assert len(set_here) > 100
    # Only the palette is ours; every other token is one the components read.
    assert {t for t in set_here - used if not t.startswith("--utrecht-color-")} == set()
    tokens = (STATIC / "css" / "tokens.css").read_text()
    assert "--portal-color-primary: var(--utrecht-button-primary-action-background-color" in tokens


def test_stylesheets_stay_free_of_remote_urls_and_imports():
    for path in [*STATIC.glob("vendor/*/*.css"), STATIC / "css" / "theme.css"]:
        css = path.read_text()
        assert "@import" not in css, path
        assert not re.search(r"url\((?![\"']?data:)", css), path


def test_buttons_fields_and_alerts_use_the_component_classes(client, seeded):
    programme = client.get("/aan-de-slag/de-lerende-raad/").content.decode()
    assert (
        "utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        in (programme)
    )
    form = client.get("/aan-de-slag/de-lerende-raad/aanmelden/").content.decode()
    assert 'class="utrecht-button utrecht-button--primary-action"' in form
    assert re.search(
        r'<input[^>]*id="id_email"[^>]*class="[^"]*utrecht-textbox', form
    ) or re.search(r'<input[^>]*class="[^"]*utrecht-textbox[^"]*"[^>]*id="id_email"', form)
    assert "utrecht-form-label" in form and "utrecht-form-field" in form
    errors = client.post("/aan-de-slag/de-lerende-raad/aanmelden/", {}).content.decode()
    assert "utrecht-form-field--invalid" in errors and "utrecht-textbox--invalid" in errors
    closed = client.get("/aan-de-slag/leerkring-raadsakkoorden/aanmelden/").content.decode()
    assert "utrecht-alert utrecht-alert--info" in closed
    assert 'class="notice ' not in closed


# -- catalogue cards ------------------------------------------------------------------------------------


def test_card_shows_the_registration_status_before_the_title(client, seeded):
    html = client.get("/aan-de-slag/").content.decode()
    card = card_html(html, "leerkring-raadsakkoorden")
    assert card.index("Aanmelden is gesloten") < card.index('class="card__title"')


def test_card_intro_is_cut_after_a_whole_sentence(client, seeded):
    sentence = "Een zin van ongeveer zestig tekens over lokale democratie hier."
    role = Role.objects.create(name="Testers", slug="testers")
    ProgrammePageFactory(
        title="Lange intro", slug="lange-intro", intro=" ".join([sentence] * 6), roles=[role]
    )
    html = client.get("/aan-de-slag/", {"functie": "testers"}).content.decode()
    card = card_html(html, "lange-intro")
    intro = re.search(r'<p class="programme-card__intro">([^<]*)</p>', card).group(1)
    assert intro.endswith("hier.") and len(intro) <= 200
    assert intro.count(sentence) == 3


def test_every_take_away_is_reachable_from_the_card(client, seeded):
    role = Role.objects.create(name="Testers", slug="testers")
    ProgrammePageFactory(
        title="Veel opbrengst",
        slug="veel-opbrengst",
        takeaways=[f"Opbrengst {n}" for n in range(5)],
        roles=[role],
    )
    html = client.get("/aan-de-slag/", {"functie": "testers"}).content.decode()
    card = card_html(html, "veel-opbrengst")
    assert re.search(r'<a href="/aan-de-slag/veel-opbrengst/#opbrengst">en nog 2', card)
    page = client.get("/aan-de-slag/veel-opbrengst/").content.decode()
    assert 'id="opbrengst"' in page and all(f"Opbrengst {n}" in page for n in range(5))


# -- one filter pattern -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/aan-de-slag/", "/casussen/", "/zoeken/?q=raad"])
def test_catalogue_cases_and_search_share_the_collapsible_filter(client, seeded, url):
    html = client.get(url).content.decode()
    assert '<details class="filter-panel" data-filter-panel>' in html
    assert '<summary class="filter-panel__summary">' in html
    assert 'class="facet__options"' in html
    assert "Alle functies" in html  # the same "all" label for the role filter everywhere


def test_search_facets_link_to_the_choice_and_all_removes_it(client, seeded):
    html = client.get("/zoeken/", {"q": "raad", "functie": "griffiers"}).content.decode()
    assert 'href="/zoeken/?q=raad&amp;functie=griffiers" aria-current="page">Griffiers' in html
    assert '<a class="facet__option" href="/zoeken/?q=raad">Alle functies</a>' in html
    assert "Voor wie?" in html  # the case library's label


def test_options_without_results_are_not_links(client, seeded):
    role = Role.objects.create(name="Testfunctie zonder casussen", slug="testfunctie-leeg")
    CasePageFactory(title="Een casus")  # some case exists, none for the new role
    html = client.get("/casussen/").content.decode()
    assert "Testfunctie zonder casussen" in html
    assert f"?functie={role.slug}" not in html
    assert (
        '<span class="facet__option facet__option--empty">Testfunctie zonder casussen '
        '<span class="facet__count">(0)</span></span>'
    ) in html


# -- phone numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("06 12098499", "06 1209 8499"),
        ("06-41251188", "06 4125 1188"),
        ("0612098499", "06 1209 8499"),
        ("030-1234567", "030 123 4567"),
        ("0318 123456", "0318 123 456"),
        ("+31 (0)6 12345678", "+31 6 1234 5678"),
        ("0031 30 123 4567", "+31 30 123 4567"),
        ("0800-1234", "0800 1234"),
        ("+32 2 123 45 67", "+32 2 123 45 67"),  # not Dutch: as typed
        ("", ""),
    ],
)
def test_format_phone(typed, shown):
    assert format_phone(typed) == shown


def test_people_page_shows_every_phone_number_in_one_format(client, seeded):
    PersonFactory(name="Streepjes Persoon", phone="06-41251188", organisation="Testbureau")
    html = client.get("/contact/").content.decode()
    assert ">06 4125 1188</a>" in html and "06-41251188" not in html
    for person in Person.objects.filter(show_phone=True).exclude(phone=""):
        assert format_phone(person.phone) in html


def test_excerpt_cuts_at_a_sentence_or_says_it_cut():
    assert excerpt("Kort.", 200) == "Kort."
    assert excerpt("Eén zin. Twee zinnen hier. Drie.", 20) == "Eén zin."
    cut = excerpt("een heel lange zin zonder einde " * 10, 40)
    assert cut.endswith("…") and len(cut) <= 40


def test_admin_login_fields_carry_the_password_manager_tokens(client):
    html = client.get("/admin/login/").content.decode()
    assert re.search(r'<input[^>]*type="password"[^>]*autocomplete="current-password"', html) or (
        re.search(r'<input[^>]*autocomplete="current-password"[^>]*type="password"', html)
    )
    assert 'autocomplete="username"' in html
