"""The seed loader: idempotent, and every fact from the source documents is present."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import Page

from cases.models import CasePage
from people.models import Person
from portal.seed.loader import load_seed_content
from programmes.models import Municipality, ProgrammePage, Role

pytestmark = pytest.mark.django_db

# Roles per offering, transcribed independently from seed 002 (and chosen for the other three).
EXPECTED_ROLES = {
    "raad-in-beraad": {"burgemeesters", "wethouders", "raadsleden"},
    "pionieren-in-participatieland": {
        "burgemeesters",
        "wethouders",
        "gemeentesecretarissen",
        "raadsleden",
        "griffiers",
    },
    "anders-formeren": {
        "burgemeesters",
        "wethouders",
        "gemeentesecretarissen",
        "raadsleden",
        "griffiers",
    },
    "maaltijdgesprekken": {"burgemeesters", "wethouders", "gemeentesecretarissen"},
    "versterken-lokale-driehoeken": {"burgemeesters", "gemeentesecretarissen", "griffiers"},
    "burgemeesters-aan-het-woord": {
        "burgemeesters",
        "wethouders",
        "gemeentesecretarissen",
        "griffiers",
    },
    "trots-op-de-raad": {"burgemeesters", "raadsleden", "griffiers"},
    "luisteren-naar-de-werkvloer": {
        "burgemeesters",
        "wethouders",
        "gemeentesecretarissen",
        "raadsleden",
        "griffiers",
    },
    "democratie-nabij-dna-lab": {
        "burgemeesters",
        "wethouders",
        "gemeentesecretarissen",
        "raadsleden",
        "griffiers",
    },
    "de-lerende-raad": {"raadsleden", "griffiers"},
    "leerkring-raadsakkoorden": {"griffiers"},
    "democratie-in-actie": {"raadsleden", "griffiers"},
}


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "people": Person.objects.count(),
        "roles": Role.objects.count(),
        "municipalities": Municipality.objects.count(),
        "programmes": sorted(
            (p.slug, p.tracks.count(), p.takeaways.count(), p.contacts.count())
            for p in ProgrammePage.objects.all()
        ),
    }


def test_loading_twice_gives_the_same_tree_and_no_duplicates(seeded):
    before = snapshot()
    report = load_seed_content()
    assert report.created == []
    assert snapshot() == before
    assert Page.objects.filter(slug="aan-de-slag").count() == 1


def test_refresh_keeps_track_ids(seeded):
    ids = sorted(
        ProgrammePage.objects.get(slug="leerkring-raadsakkoorden").tracks.values_list(
            "pk", flat=True
        )
    )
    load_seed_content(refresh=True)
    page = ProgrammePage.objects.get(slug="leerkring-raadsakkoorden")
    assert sorted(page.tracks.values_list("pk", flat=True)) == ids


def test_site_structure(seeded, client):
    assert seeded.url == "/"
    for url in [
        "/",
        "/aan-de-slag/",
        "/casussen/",
        "/contact/",
        "/privacy/",
        "/toegankelijkheid/",
        "/over/",
    ]:
        assert client.get(url).status_code == 200, url


def test_all_programmes_with_roles(seeded):
    programmes = {p.slug: p for p in ProgrammePage.objects.live()}
    assert set(programmes) == set(EXPECTED_ROLES)
    for slug, roles in EXPECTED_ROLES.items():
        assert {r.slug for r in programmes[slug].roles.all()} == roles, slug


def test_roles(seeded):
    assert list(Role.objects.values_list("slug", "name")) == [
        ("burgemeesters", "Burgemeesters"),
        ("wethouders", "Wethouders"),
        ("gemeentesecretarissen", "Gemeentesecretarissen"),
        ("raadsleden", "Raadsleden"),
        ("griffiers", "Griffiers"),
    ]


def test_takeaways_are_structured_items(seeded):
    anders = ProgrammePage.objects.get(slug="anders-formeren")
    assert anders.takeaways_intro == "Een begrijpelijk en democratisch proces zorgt voor:"
    assert [t.text for t in anders.takeaways.all()] == [
        "meer verbinding met elkaar;",
        "meer legitimiteit;",
        "sneller reageren op maatschappelijke ontwikkelingen;",
        "benutten van kennis en kunde in de lokale samenleving.",
    ]
    driehoeken = ProgrammePage.objects.get(slug="versterken-lokale-driehoeken")
    assert [t.text for t in driehoeken.takeaways.all()] == [
        "startgesprek",
        "foto",
        "analyse",
        "bewegen",
        "verankeren",
    ]
    maaltijd = ProgrammePage.objects.get(slug="maaltijdgesprekken")
    assert [t.text for t in maaltijd.takeaways.all()] == [
        "De tango tussen bestuurder en ambtenaar",
        "Wederzijdse versterking en wederzijdse afhankelijkheid",
        "Het voelt net als een tandem!",
    ]


def tiers(page_slug, track_slug):
    track = ProgrammePage.objects.get(slug=page_slug).tracks.get(slug=track_slug)
    return track, [(t.min_population, t.amount) for t in track.fee_tiers.order_by("min_population")]


def test_fee_schedules(seeded):
    track, schedule = tiers("de-lerende-raad", "de-lerende-raad")
    assert track.fee_kind == "tiered"
    assert schedule == [(0, Decimal("3000.00")), (100000, Decimal("5000.00"))]
    assert track.closes_on is None

    track, schedule = tiers("leerkring-raadsakkoorden", "leerkring")
    assert schedule == [
        (0, Decimal("750.00")),
        (50000, Decimal("1000.00")),
        (100000, Decimal("1500.00")),
    ]
    assert track.capacity == 10
    assert track.closes_on.isoformat() == "2019-03-15"
    assert [m.when for m in track.meetings.all()] == [
        "april 2019",
        "september 2019",
        "januari 2020",
    ]

    track, schedule = tiers("leerkring-raadsakkoorden", "leren-van-elkaar")
    assert track.fee_kind == "free" and schedule == []

    track, schedule = tiers("democratie-in-actie", "democratie-in-actie")
    assert track.fee_kind == "on_request" and schedule == []


def test_contacts(seeded):
    def contacts(slug):
        page = ProgrammePage.objects.get(slug=slug)
        return {(c.person.name, c.person.organisation, c.role) for c in page.contacts.all()}

    assert contacts("de-lerende-raad") == {("Iris van Genuchten", "TwynstraGudde", "contact")}
    assert contacts("leerkring-raadsakkoorden") == {
        ("Petra Paulides", "VNG", "contact"),
        ("Anka Visser", "", "supervisor"),
        ("Lia Randsdorp", "", "supervisor"),
    }
    iris = Person.objects.get(slug="iris-van-genuchten")
    assert (iris.email, iris.phone) == ("ivg@tg.nl", "06 12098499")
    petra = Person.objects.get(slug="petra-paulides")
    assert (petra.email, petra.phone) == ("petra.paulides@vng.nl", "06-41251188")
    claartje = Person.objects.get(slug="claartje-brons")
    assert (claartje.email, claartje.phone) == ("claartje.brons@minbzk.nl", "06 5073 8579")


def test_case_report_2018(seeded):
    case = CasePage.objects.get()
    assert case.date.isoformat() == "2018-05-29"
    assert case.kind == "report"
    assert case.municipalities.get().name == "Almere"
    assert case.lessons.filter(text__contains="Stel lokale casussen centraal").exists()
    assert {p.slug for p in case.related_programmes.all()} >= {"raad-in-beraad"}


def test_broken_characters_repaired(seeded):
    page = ProgrammePage.objects.get(slug="democratie-in-actie")
    text = str(page.body.raw_data)
    assert "coördinatie" in text
    assert "√" not in text


def test_municipalities(seeded):
    assert Municipality.objects.count() == 342
    gm = Municipality.objects.get(code="GM0518")
    assert (gm.name, gm.population, gm.reference_date.isoformat()) == (
        "'s-Gravenhage",
        566221,
        "2024-01-01",
    )
