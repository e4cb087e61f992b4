"""The status transition table of ``registrations.workflow``, tested as a table.

Every (current status, target status) pair goes through ``change_status``, the one public entry point staff
changes use: the pairs in ``ALLOWED_TRANSITIONS`` succeed (status changed, one event written), every other
pair is refused with ``TransitionError`` and leaves the registration and its history untouched. The track
has room and the registration is alone on it, so capacity and order of arrival never decide the outcome.
"""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from registrations.constants import RegistrationStatus
from registrations.models import RegistrationEvent
from registrations.workflow import ALLOWED_TRANSITIONS, TransitionError, change_status
from tests.registrations.factories import RegistrationFactory

STATUSES = list(RegistrationStatus)
PAIRS = list(itertools.product(STATUSES, STATUSES))
ALLOWED = [(a, b) for a, b in PAIRS if b in ALLOWED_TRANSITIONS[a]]
REFUSED = [(a, b) for a, b in PAIRS if b not in ALLOWED_TRANSITIONS[a]]


def _ids(pair):
    return f"{pair[0].value}->{pair[1].value}"


def test_the_table_names_every_status():
    assert set(ALLOWED_TRANSITIONS) == set(STATUSES)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(STATUSES)
    assert ALLOWED and REFUSED


@pytest.mark.django_db
@pytest.mark.parametrize("pair", ALLOWED, ids=_ids)
def test_allowed_transition_succeeds(pair):
    from_status, to_status = pair
    registration = RegistrationFactory(status=from_status)

    change_status(registration, to_status, note="table")

    registration.refresh_from_db()
    assert registration.status == to_status
    event = RegistrationEvent.objects.get(registration=registration)
    assert (event.from_status, event.to_status) == (from_status, to_status)


@pytest.mark.django_db
@pytest.mark.parametrize("pair", REFUSED, ids=_ids)
def test_every_other_transition_is_refused(pair):
    from_status, to_status = pair
    registration = RegistrationFactory(status=from_status)

    with pytest.raises(TransitionError):
        change_status(registration, to_status)

    registration.refresh_from_db()
    assert registration.status == from_status
    assert not RegistrationEvent.objects.filter(registration=registration).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.value)
def test_an_anonymised_registration_cannot_change_at_all(status):
    registration = RegistrationFactory(status=status, anonymised_at=timezone.now())
    for to_status in STATUSES:
        with pytest.raises(TransitionError):
            change_status(registration, to_status)
