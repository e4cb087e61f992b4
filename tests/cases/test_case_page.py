"""The case page: the seeded 2018 theme meeting report, documents, escaping, related programmes."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cases.models import CaseDocument, CasePage
from cases.queries import cases_for_programme
from programmes.models import Municipality, ProgrammePage, Role
from tests.cases.factories import CasePageFactory
from tests.programmes.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

SEED_CASE_URL = "/casussen/themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018/"


def test_seed_case_renders_lessons_municipality_and_programmes(client, seeded):
    response = client.get(SEED_CASE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verslag themabijeenkomst ondersteuning politieke ambtsdragers" in html
    # Kind and Dutch date
    assert "Verslag van een bijeenkomst" in html
    assert '<time datetime="2018-05-29">29 mei 2018</time>' in html
    # Lessons as a structured list, in order
    assert '<ol class="lesson-list">' in html
    assert "Stel lokale casussen centraal" in html
    assert html.index("Kom uit de hectiek van de dag") < html.index("Stel lokale casussen centraal")
    # Methods in the body
    assert "Werken met casuïstiek" in html
    # Municipality, with the CBS source next to the population
    assert "Almere" in html and "Bron: CBS" in html
    # For whom, themes linking to the filtered library
    assert "Voor wie?" in html
    assert 'href="/casussen/?functie=griffiers"' in html
    assert 'href="/casussen/?thema=toerusting"' in html
    # Related programmes (links) and the contact card
    assert 'href="/aan-de-slag/raad-in-beraad/"' in html
    assert 'href="/aan-de-slag/versterken-lokale-driehoeken/"' in html
    assert "Claartje Brons" in html and "mailto:claartje.brons@minbzk.nl" in html


def test_case_page_query_count_is_bounded(client, seeded):
    client.get(SEED_CASE_URL)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SEED_CASE_URL).status_code == 200
    assert len(queries) <= 30, [q["sql"] for q in queries]


def test_draft_and_private_programmes_are_not_linked(client, seeded):
    public = ProgrammePageFactory(title="Openbaar programma")
    draft = ProgrammePageFactory(title="Conceptprogramma", live=False)
    private = ProgrammePageFactory(title="Besloten programma")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    case = CasePageFactory(related_programmes=[public, draft, private])
    html = client.get(case.url).content.decode()
    assert "Openbaar programma" in html
    assert "Conceptprogramma" not in html
    assert "Besloten programma" not in html


def test_documents_are_listed_with_type_and_size_and_served(client, seeded, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = get_document_model().objects.create(title="Visueel verslag")
    document.file.save("verslag.txt", ContentFile(b"x" * 2048), save=True)
    case = CasePageFactory()
    CaseDocument.objects.create(page=case, document=document, title="", sort_order=0)

    html = client.get(case.url).content.decode()
    assert "Visueel verslag" in html
    assert "TXT" in html and "2,0\xa0KB" in html
    assert f'href="/documents/{document.pk}/verslag.txt"' in html
    download = client.get(f"/documents/{document.pk}/verslag.txt")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"x" * 2048


def test_editor_text_is_escaped(client, seeded):
    case = CasePageFactory(
        title="<script>alert('titel')</script>",
        summary="<script>alert('samenvatting')</script> & <b>vet</b>",
        lessons=["<img src=x onerror=alert(1)>"],
        location="<i>Almere</i>",
    )
    for url in (case.url, "/casussen/"):
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url
        assert "<b>vet</b>" not in html
    detail = client.get(case.url).content.decode()
    assert "<img src=x" not in detail and "&lt;img src=x onerror=alert(1)&gt;" in detail
    assert "<i>Almere</i>" not in detail


def test_case_without_optional_parts_renders(client, seeded):
    case = CasePageFactory(title="Kale casus")
    html = client.get(case.url).content.decode()
    assert "Kale casus" in html
    assert "Lessen" not in html and "Betrokken gemeenten" not in html


def test_cases_for_programme_is_live_public_and_newest_first(seeded, django_assert_num_queries):
    import datetime as dt

    programme = ProgrammePageFactory()
    old = CasePageFactory(date=dt.date(2019, 1, 1), related_programmes=[programme])
    new = CasePageFactory(date=dt.date(2024, 1, 1), related_programmes=[programme])
    CasePageFactory(date=dt.date(2025, 1, 1), related_programmes=[programme], live=False)
    private = CasePageFactory(date=dt.date(2023, 1, 1), related_programmes=[programme])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    CasePageFactory(date=dt.date(2024, 6, 1))  # not related

    # One query for the view restrictions (PageQuerySet.public) and one for the cases.
    with django_assert_num_queries(2):
        cases = list(cases_for_programme(programme))
    assert cases == [new, old]


def test_seeded_programmes_list_their_case(seeded):
    raad_in_beraad = ProgrammePage.objects.get(slug="raad-in-beraad")
    assert [c.slug for c in cases_for_programme(raad_in_beraad)] == [
        "themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018"
    ]
    assert list(cases_for_programme(ProgrammePage.objects.get(slug="anders-formeren"))) == []


def test_related_cases_include_renders_cards(seeded, rf):
    from django.template.loader import render_to_string

    programme = ProgrammePage.objects.get(slug="raad-in-beraad")
    request = rf.get("/", HTTP_HOST="localhost")
    html = render_to_string(
        "includes/related_cases.html",
        {"cases": cases_for_programme(programme), "request": request},
    )
    assert "Casussen uit de praktijk" in html
    assert f'href="{SEED_CASE_URL}"' in html
    assert "<h3" in html  # cards one level below the section heading
    assert render_to_string("includes/related_cases.html", {"cases": []}).strip() == ""


def test_every_factory_builds(seeded):
    from tests.cases.factories import CaseIndexPageFactory, seeded_library
    from tests.people.factories import PersonFactory

    role = Role.objects.get(slug="griffiers")
    almere = Municipality.objects.get(code="GM0034")
    person = PersonFactory(private=True)
    case = CasePageFactory(
        guide=True,
        roles=[role],
        tags=["intervisie"],
        municipalities=[almere],
        lessons=["Een"],
        contacts=[(person, "supervisor")],
    )
    case = CasePage.objects.get(pk=case.pk)
    assert case.kind == "guide" and case.get_parent().pk == seeded_library().pk
    assert list(case.roles.all()) == [role]
    assert [t.slug for t in case.tags.all()] == ["intervisie"]
    assert list(case.municipalities.all()) == [almere]
    assert case.contacts.get().person.public_email == ""
    assert CaseIndexPageFactory(parent=seeded).live
