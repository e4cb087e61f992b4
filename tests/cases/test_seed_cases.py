"""Seed content for cases and people loads idempotently."""

from __future__ import annotations

import pytest

from cases.models import CaseLesson, CasePage
from people.models import Person
from portal.seed.loader import load_seed_content

pytestmark = pytest.mark.django_db


def test_loading_the_seed_again_duplicates_nothing(seeded):
    before = (CasePage.objects.count(), CaseLesson.objects.count(), Person.objects.count())
    report = load_seed_content()
    assert not [c for c in report.created if "casussen" in c or c.startswith("person")]
    after = (CasePage.objects.count(), CaseLesson.objects.count(), Person.objects.count())
    assert after == before
    assert before[2] == 5


def test_seed_case_has_its_relations(seeded):
    case = CasePage.objects.get(slug="themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018")
    assert case.kind == "report" and case.location == "Almere"
    assert [m.name for m in case.municipalities.all()] == ["Almere"]
    assert {p.slug for p in case.related_programmes.all()} == {
        "raad-in-beraad",
        "versterken-lokale-driehoeken",
    }
    assert {t.slug for t in case.tags.all()} == {"toerusting", "intervisie", "raadswerk"}
    assert case.lessons.count() == 13
    assert [c.person.slug for c in case.contacts.all()] == ["claartje-brons"]
