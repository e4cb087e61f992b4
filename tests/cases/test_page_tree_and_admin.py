"""Page-tree rules and creation through the real Wagtail admin for the case library and people page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cases.models import CaseIndexPage, CasePage
from people.models import PeopleIndexPage, Person
from portal.models import ContentPage, HomePage
from programmes.models import CatalogueIndexPage, Municipality, ProgrammePage, Role
from tests.people.factories import PersonFactory


class TestPageTreeRules(WagtailPageTestCase):
    def test_case_library_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CaseIndexPage)
        self.assertCanNotCreateAt(CatalogueIndexPage, CaseIndexPage)
        self.assertCanNotCreateAt(ContentPage, CaseIndexPage)
        self.assertCanNotCreateAt(Page, CaseIndexPage)

    def test_cases_live_in_the_library_only(self):
        self.assertCanCreateAt(CaseIndexPage, CasePage)
        self.assertCanNotCreateAt(HomePage, CasePage)
        self.assertCanNotCreateAt(CatalogueIndexPage, CasePage)
        self.assertCanNotCreateAt(CasePage, CasePage)
        self.assertAllowedSubpageTypes(CaseIndexPage, {CasePage})
        self.assertAllowedSubpageTypes(CasePage, set())

    def test_people_page_lives_under_the_home_page_and_has_no_children(self):
        self.assertCanCreateAt(HomePage, PeopleIndexPage)
        self.assertCanNotCreateAt(CaseIndexPage, PeopleIndexPage)
        self.assertAllowedSubpageTypes(PeopleIndexPage, set())
        self.assertAllowedParentPageTypes(PeopleIndexPage, {HomePage})

    def test_seeded_pages_render(self):
        for page in (
            CaseIndexPage.objects.get(),
            CasePage.objects.get(slug="themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018"),
            PeopleIndexPage.objects.get(),
        ):
            self.assertPageIsRenderable(page)

    def test_only_one_library_and_one_people_page(self):
        home = HomePage.objects.get()
        # The seeded site already has both; max_count = 1 forbids a second one.
        assert not CaseIndexPage.can_create_at(home)
        assert not PeopleIndexPage.can_create_at(home)


@pytest.fixture
def admin_client(client, seeded):
    user = get_user_model().objects.create_superuser(
        username="redacteur", email="redacteur@example.nl", password="geheim-wachtwoord-123"
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def _post_publish(client, url, data):
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    return response


def _empty_comments():
    return {"comments": inline_formset([])}


@pytest.mark.django_db
def test_admin_creates_a_case_page_with_relations(admin_client):
    library = CaseIndexPage.objects.get()
    role = Role.objects.get(slug="griffiers")
    almere = Municipality.objects.get(code="GM0034")
    programme = ProgrammePage.objects.get(slug="de-lerende-raad")
    person = Person.objects.get(slug="petra-paulides")
    data = nested_form_data(
        {
            "title": "Intervisie voor griffiers in Almere",
            "slug": "intervisie-griffiers-almere",
            "kind": "practice",
            "date": "2024-03-05",
            "summary": "Griffiers leerden van elkaars casussen.",
            "body": streamfield(
                [("heading", "Aanpak"), ("paragraph", rich_text("<p>Zo deden we het.</p>"))]
            ),
            "lessons_intro": "Wat we leerden:",
            "lessons": inline_formset(
                [
                    {"text": "Begin klein.", "link_url": ""},
                    {"text": "Plan vooruit.", "link_url": ""},
                ]
            ),
            "tags": "intervisie, griffie",
            "documents": inline_formset([]),
            "contacts": inline_formset([{"person": person.pk, "role": "contact"}]),
            "location": "Almere",
            "reference": "",
            **_empty_comments(),
        }
    )
    # Multi-value fields are posted as repeated keys (nested_form_data would number them).
    data.update(roles=[role.pk], municipalities=[almere.pk], related_programmes=[programme.pk])
    # Preview before the first save: relations live in memory only (modelcluster).
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("cases", "casepage", library.pk)
    )
    assert admin_client.post(preview_url, data).json()["is_valid"] is True
    preview = admin_client.get(preview_url).content.decode()
    assert "Begin klein." in preview and "Petra Paulides" in preview
    assert 'href="/casussen/?thema=intervisie"' in preview

    _post_publish(admin_client, _add_url(CasePage, library), data)

    case = CasePage.objects.get(slug="intervisie-griffiers-almere")
    assert case.live and case.get_parent().pk == library.pk
    assert [lesson.text for lesson in case.lessons.all()] == ["Begin klein.", "Plan vooruit."]
    assert list(case.roles.all()) == [role]
    assert sorted(t.slug for t in case.tags.all()) == ["griffie", "intervisie"]
    assert list(case.related_programmes.all()) == [programme]
    assert [c.person for c in case.contacts.all()] == [person]
    response = admin_client.get(case.url)
    assert response.status_code == 200
    assert "Begin klein." in response.content.decode()


@pytest.mark.django_db
def test_admin_creates_the_case_library_and_people_page_when_missing(admin_client):
    home = HomePage.objects.get()
    # max_count = 1: make room by removing the seeded pages (rolled back after the test).
    CaseIndexPage.objects.get().delete()
    PeopleIndexPage.objects.get().delete()

    library_data = nested_form_data(
        {
            "title": "Casussen",
            "slug": "casussen",
            "intro": "Praktijkvoorbeelden.",
            "per_page": 10,
            **_empty_comments(),
        }
    )
    _post_publish(admin_client, _add_url(CaseIndexPage, home), library_data)
    library = CaseIndexPage.objects.get(slug="casussen")
    assert library.live and library.per_page == 10

    people_data = nested_form_data(
        {
            "title": "Contactpersonen",
            "slug": "contact",
            "intro": rich_text("<p>Wie is wie.</p>"),
            **_empty_comments(),
        }
    )
    _post_publish(admin_client, _add_url(PeopleIndexPage, home), people_data)
    assert PeopleIndexPage.objects.get(slug="contact").live
    assert admin_client.get("/casussen/").status_code == 200
    assert admin_client.get("/contact/").status_code == 200


@pytest.mark.django_db
def test_admin_creates_a_person_snippet(admin_client):
    url = reverse("wagtailsnippets_people_person:add")
    data = nested_form_data(
        {
            "name": "Nieuwe Collega",
            "slug": "nieuwe-collega",
            "job_title": "griffier",
            "organisation": "Gemeente Almere",
            "email": "collega@almere.nl",
            "show_email": "",  # unticked: internal only
            "phone": "036 123 4567",
            "show_phone": "on",
            "photo": "",
            "bio": "Nieuw in het team.",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    person = Person.objects.get(slug="nieuwe-collega")
    assert person.organisation == "Gemeente Almere"
    assert person.show_email is False and person.public_email == ""
    assert person.public_phone == "036 123 4567"


@pytest.mark.django_db
def test_person_admin_list_searches_and_filters_by_organisation(admin_client):
    PersonFactory(name="Zoekbare Zus", organisation="Provincie Flevoland")
    url = reverse("wagtailsnippets_people_person:list")
    response = admin_client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Petra Paulides" in content and "Zoekbare Zus" in content
    # Dutch column labels
    assert "Organisatie" in content and "Functietitel" in content

    filtered = admin_client.get(url, {"organisation": "VNG"}).content.decode()
    assert "Petra Paulides" in filtered and "Iris van Genuchten" not in filtered

    searched = admin_client.get(url, {"q": "Zoekbare"}).content.decode()
    assert "Zoekbare Zus" in searched and "Petra Paulides" not in searched
