"""Page-tree rules: the catalogue only under the home page, programmes only under the catalogue."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cases.models import CaseIndexPage, CasePage
from people.models import PeopleIndexPage
from portal.models import ContentPage, HomePage
from programmes.models import CatalogueIndexPage, ProgrammePage


class PageTreeTests(WagtailPageTestCase):
    def test_catalogue_only_under_home(self):
        self.assertCanCreateAt(HomePage, CatalogueIndexPage)
        for parent in [Page, ContentPage, CaseIndexPage, CatalogueIndexPage, ProgrammePage]:
            self.assertCanNotCreateAt(parent, CatalogueIndexPage)

    def test_programmes_only_under_the_catalogue(self):
        self.assertCanCreateAt(CatalogueIndexPage, ProgrammePage)
        for parent in [HomePage, ContentPage, CaseIndexPage, CasePage, PeopleIndexPage]:
            self.assertCanNotCreateAt(parent, ProgrammePage)

    def test_allowed_children(self):
        self.assertAllowedSubpageTypes(CatalogueIndexPage, {ProgrammePage})
        self.assertAllowedSubpageTypes(ProgrammePage, set())
        self.assertAllowedParentPageTypes(CatalogueIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ProgrammePage, {CatalogueIndexPage})

    def test_only_one_catalogue(self):
        home = HomePage.objects.first()
        # The seeded site already has its catalogue: max_count = 1 forbids a second one.
        assert CatalogueIndexPage.objects.exists()
        assert not CatalogueIndexPage.can_create_at(home)
