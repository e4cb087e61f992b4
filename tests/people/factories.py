"""Factories for people (contact persons and supervisors)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from people.models import Person


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Test Persoon {n}")
    slug = factory.Sequence(lambda n: f"test-persoon-{n}")
    job_title = "adviseur"
    organisation = "Testorganisatie"
    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    phone = "06 1234 5678"
    show_email = True
    show_phone = True
    bio = "Korte bio."

    class Params:
        private = factory.Trait(show_email=False, show_phone=False)
        without_organisation = factory.Trait(organisation="")
