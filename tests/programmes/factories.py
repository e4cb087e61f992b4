"""Factories for the programmes app: roles, programme pages, tracks and fee tiers.

Shared by several test modules (catalogue, fees, signup, cases): keep changes additive.

``ProgrammePageFactory()`` without ``parent`` adds the page under the seeded catalogue ("Aan de slag"),
so use it together with the ``seeded`` fixture. Pass ``roles=[role, ...]`` to set the roles and
``takeaways=["text", ...]`` for take-aways.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from programmes.constants import FeeKind, OfferingKind
from programmes.models import (
    CatalogueIndexPage,
    FeeTier,
    ProgrammePage,
    ProgrammeTakeaway,
    Role,
    Track,
)


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testfuncties {n}")
    singular = factory.Sequence(lambda n: f"testfunctie {n}")
    slug = factory.Sequence(lambda n: f"testfuncties-{n}")
    sort_order = factory.Sequence(lambda n: 100 + n)


def seeded_catalogue() -> CatalogueIndexPage:
    """The catalogue page of the seeded site."""
    return CatalogueIndexPage.objects.get()


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogueIndexPage

    title = "Aan de slag"
    slug = factory.Sequence(lambda n: f"aan-de-slag-{n}")
    intro = "Het aanbod."


class ProgrammePageFactory(wagtail_factories.PageFactory):
    """A live programme page under the seeded catalogue (unless ``parent`` is given)."""

    class Meta:
        model = ProgrammePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testaanbod {n}")
    slug = factory.Sequence(lambda n: f"testaanbod-{n}")
    kind = OfferingKind.PROGRAMME
    intro = factory.Sequence(lambda n: f"Korte introductie van testaanbod {n}.")
    organiser = "Programmabureau"
    # A published page has these; without them "newest first" would depend on how NULLs sort.
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = seeded_catalogue()
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)
            self.save()  # commits the ParentalManyToMany relation

    @factory.post_generation
    def takeaways(self, create, extracted, **kwargs):
        if create and extracted:
            for i, text in enumerate(extracted):
                ProgrammeTakeaway.objects.create(page=self, text=text, sort_order=i)


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track

    programme = factory.SubFactory(ProgrammePageFactory)
    name = factory.Sequence(lambda n: f"Deelnamevorm {n}")
    slug = factory.Sequence(lambda n: f"deelnamevorm-{n}")
    fee_kind = FeeKind.TIERED
    edition = "2026"
    opens_on = None
    closes_on = None
    capacity = None

    class Params:
        free = factory.Trait(fee_kind=FeeKind.FREE)
        on_request = factory.Trait(fee_kind=FeeKind.ON_REQUEST)
        closed = factory.Trait(opens_on=dt.date(2020, 1, 1), closes_on=dt.date(2020, 2, 1))
        not_yet_open = factory.Trait(opens_on=dt.date(2999, 1, 1))
        limited = factory.Trait(capacity=2)


class FeeTierFactory(DjangoModelFactory):
    class Meta:
        model = FeeTier

    track = factory.SubFactory(TrackFactory)
    min_population = 0
    amount = Decimal("750.00")
