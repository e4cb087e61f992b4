"""Concurrency on PostgreSQL: the capacity rule and idempotency hold with real threads at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from programmes.models import Municipality
from registrations.constants import RegistrationStatus
from registrations.models import OutgoingMail, Registration
from registrations.services import register
from tests.registrations.conftest import make_programme

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL (row locks); run with DATABASE_URL=postgres://...")


def run_at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def contact(index: int) -> dict:
    return {
        "contact_name": f"Persoon {index}",
        "contact_function": "griffier",
        "email": f"p{index}@example.org",
        "phone": "070 123 4567",
    }


def test_thirty_registrations_for_ten_places(seeded):
    _page, (track,) = make_programme(capacity=10)
    municipalities = list(Municipality.objects.order_by("code")[:30])

    def work(index):
        return register(
            track=track,
            municipality=municipalities[index],
            submission_key=f"race-{index}",
            **contact(index),
        )

    results = run_at_once(30, work)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    rows = Registration.objects.filter(track=track)
    assert rows.count() == 30
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert rows.filter(status=RegistrationStatus.WAITING_LIST).count() == 20
    assert rows.values("municipality").distinct().count() == 30
    assert OutgoingMail.objects.filter(kind="confirmation").count() == 30
    # the ten places went to the first ten in line
    first_ten = rows.order_by("created_at", "pk")[:10]
    assert {r.status for r in first_ten} == {RegistrationStatus.CONFIRMED}


def test_same_submission_key_five_times_at_once(seeded):
    _page, (track,) = make_programme()
    municipality = Municipality.objects.get(code="GM0518")

    def work(index):
        return register(
            track=track, municipality=municipality, submission_key="same-form", **contact(0)
        )

    results = run_at_once(5, work)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert Registration.objects.filter(track=track).count() == 1
    assert sum(1 for r in results if r.created) == 1
    assert len({r.registration.pk for r in results}) == 1
    assert OutgoingMail.objects.filter(kind="confirmation").count() == 1


def test_same_municipality_from_two_forms_at_once(seeded):
    from registrations.services import DuplicateRegistration

    _page, (track,) = make_programme()
    municipality = Municipality.objects.get(code="GM0363")

    def work(index):
        return register(
            track=track, municipality=municipality, submission_key=f"form-{index}", **contact(index)
        )

    results = run_at_once(6, work)
    assert sum(1 for r in results if isinstance(r, DuplicateRegistration)) == 5
    assert Registration.objects.filter(track=track).count() == 1
