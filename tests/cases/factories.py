"""Factories for the case library.

``CasePageFactory()`` without ``parent`` adds a live case under the seeded library (/casussen/), so use
it together with the ``seeded`` fixture. ``roles=[...]``, ``tags=["slug", ...]``,
``related_programmes=[...]``, ``municipalities=[...]``, ``lessons=["text", ...]`` and
``contacts=[(person, role), ...]`` set the relations.
"""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories

from cases.constants import CaseKind
from cases.models import CaseContact, CaseIndexPage, CaseLesson, CasePage


def seeded_library() -> CaseIndexPage:
    """The case library of the seeded site."""
    return CaseIndexPage.objects.get()


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseIndexPage

    title = "Casussen"
    slug = factory.Sequence(lambda n: f"casussen-{n}")
    intro = "Verslagen en praktijkvoorbeelden."


class CasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CasePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testcasus {n}")
    slug = factory.Sequence(lambda n: f"testcasus-{n}")
    kind = CaseKind.PRACTICE
    date = factory.Sequence(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))
    summary = factory.Sequence(lambda n: f"Samenvatting van testcasus {n}.")

    class Params:
        report = factory.Trait(kind=CaseKind.REPORT)
        guide = factory.Trait(kind=CaseKind.GUIDE)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = seeded_library()
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)
            self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save()

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)
            self.save()

    @factory.post_generation
    def related_programmes(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_programmes.set(extracted)
            self.save()

    @factory.post_generation
    def lessons(self, create, extracted, **kwargs):
        if create and extracted:
            for i, text in enumerate(extracted):
                CaseLesson.objects.create(page=self, text=text, sort_order=i)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            for i, (person, role) in enumerate(extracted):
                CaseContact.objects.create(page=self, person=person, role=role, sort_order=i)
