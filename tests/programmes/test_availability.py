"""Availability of tracks: the registration window (local dates, closes_on inclusive) and capacity."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from programmes.constants import RegistrationState
from programmes.models import Track
from programmes.services import (
    TrackAvailability,
    availability_for_tracks,
    programme_availability,
    track_availability,
    window_state,
)
from registrations.constants import RegistrationStatus
from tests.programmes.factories import TrackFactory
from tests.registrations.factories import MunicipalityFactory, RegistrationFactory

D = dt.date
pytestmark = pytest.mark.django_db


def make_track(**fields) -> Track:
    defaults = {"opens_on": None, "closes_on": None, "capacity": None, "edition": "2026"}
    return Track(**{**defaults, **fields})


# -- the window ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 2, 28), RegistrationState.NOT_YET_OPEN),
        (D(2026, 3, 1), RegistrationState.OPEN),  # opens_on is the first day
        (D(2026, 3, 15), RegistrationState.OPEN),  # closes_on is the last day
        (D(2026, 3, 16), RegistrationState.CLOSED),
    ],
)
def test_window_boundaries(today, state):
    track = make_track(opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 15))
    assert track_availability(track, placed=0, waiting=0, today=today).state == state


def test_no_window_is_always_open():
    assert window_state(None, None, D(1900, 1, 1)) == RegistrationState.OPEN
    assert window_state(None, None, D(2999, 1, 1)) == RegistrationState.OPEN


def test_closing_day_uses_the_amsterdam_date():
    track = make_track(closes_on=D(2026, 3, 15))
    # 23:30 UTC on 15 March is already 16 March in Amsterdam (UTC+1).
    with freeze_time("2026-03-15T22:30:00Z"):
        assert track_availability(track, placed=0, waiting=0).state == RegistrationState.OPEN
    with freeze_time("2026-03-15T23:30:00Z"):
        assert track_availability(track, placed=0, waiting=0).state == RegistrationState.CLOSED


# -- capacity -----------------------------------------------------------------------------------


def test_unlimited_track():
    availability = track_availability(make_track(), placed=500, waiting=0, today=D(2026, 1, 1))
    assert availability == TrackAvailability(
        state=RegistrationState.OPEN,
        opens_on=None,
        closes_on=None,
        capacity=None,
        places_taken=500,
        places_left=None,
        waiting_list=0,
    )
    assert availability.accepts_registrations and not availability.is_full


def test_places_left_and_full_means_waiting_list():
    track = make_track(capacity=10)
    nine = track_availability(track, placed=9, waiting=0, today=D(2026, 1, 1))
    assert (nine.state, nine.places_left) == (RegistrationState.OPEN, 1)
    full = track_availability(track, placed=10, waiting=3, today=D(2026, 1, 1))
    assert (full.state, full.places_left, full.waiting_list) == (
        RegistrationState.WAITING_LIST,
        0,
        3,
    )
    assert full.accepts_registrations and full.is_full
    over = track_availability(track, placed=12, waiting=0, today=D(2026, 1, 1))
    assert over.places_left == 0


def test_full_and_closed_is_closed():
    track = make_track(capacity=1, closes_on=D(2020, 1, 1))
    availability = track_availability(track, placed=1, waiting=0, today=D(2026, 1, 1))
    assert availability.state == RegistrationState.CLOSED
    assert not availability.accepts_registrations


# -- the seed content ---------------------------------------------------------------------------


def test_seeded_tracks(seeded):
    tracks = Track.objects.filter(
        slug__in=["leerkring", "leren-van-elkaar", "de-lerende-raad", "democratie-in-actie"]
    )
    with freeze_time("2026-06-01"):
        availability = {t.slug: availability_for_tracks(tracks)[t.pk] for t in tracks}
    assert availability["leerkring"].state == RegistrationState.CLOSED
    assert availability["leerkring"].closes_on == D(2019, 3, 15)
    assert availability["leerkring"].capacity == 10
    assert availability["leren-van-elkaar"].state == RegistrationState.CLOSED
    assert availability["de-lerende-raad"].state == RegistrationState.OPEN
    assert availability["de-lerende-raad"].closes_on is None
    assert availability["democratie-in-actie"].state == RegistrationState.OPEN


def test_leerkring_was_open_until_15_march_2019(seeded):
    track = Track.objects.get(slug="leerkring")
    with freeze_time("2019-03-15T12:00:00Z"):
        assert availability_for_tracks([track])[track.pk].state == RegistrationState.OPEN


# -- counting registrations ---------------------------------------------------------------------


def test_counts_only_the_current_edition_and_the_right_statuses(seeded):
    track = TrackFactory(capacity=3, edition="2026")
    other = TrackFactory(capacity=3, edition="2026")
    for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.RECEIVED):
        RegistrationFactory(track=track, status=status)
    RegistrationFactory(track=track, status=RegistrationStatus.WAITING_LIST)
    RegistrationFactory(track=track, status=RegistrationStatus.WITHDRAWN)
    RegistrationFactory(track=track, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(track=track, edition="2025")  # an earlier edition
    RegistrationFactory(track=other)

    result = availability_for_tracks([track, other], today=D(2026, 1, 1))

    assert (result[track.pk].places_taken, result[track.pk].waiting_list) == (2, 1)
    assert result[track.pk].places_left == 1
    assert result[track.pk].state == RegistrationState.OPEN
    assert result[other.pk].places_taken == 1


def test_a_full_track_offers_the_waiting_list(seeded):
    track = TrackFactory(capacity=2)
    RegistrationFactory.create_batch(2, track=track)
    availability = availability_for_tracks([track], today=D(2026, 1, 1))[track.pk]
    assert availability.state == RegistrationState.WAITING_LIST


@pytest.mark.parametrize("count", [1, 50])
def test_one_query_whatever_the_number_of_tracks(seeded, django_assert_num_queries, count):
    tracks = TrackFactory.create_batch(count, capacity=5)
    for t in tracks[:3]:
        RegistrationFactory(track=t, municipality=MunicipalityFactory())
    with django_assert_num_queries(1):
        result = availability_for_tracks(tracks, today=D(2026, 1, 1))
    assert len(result) == count


def test_no_tracks_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert availability_for_tracks([]) == {}


# -- the programme summary ----------------------------------------------------------------------


def availability(state, **fields) -> TrackAvailability:
    values = {
        "opens_on": None,
        "closes_on": None,
        "capacity": None,
        "places_taken": 0,
        "places_left": None,
        "waiting_list": 0,
    }
    return TrackAvailability(state=state, **{**values, **fields})


def test_programme_summary_prefers_the_most_inviting_state():
    closed = availability(RegistrationState.CLOSED, closes_on=D(2019, 3, 15))
    soon = availability(RegistrationState.NOT_YET_OPEN, opens_on=D(2027, 1, 1))
    waiting = availability(
        RegistrationState.WAITING_LIST, capacity=5, places_taken=5, places_left=0, waiting_list=2
    )
    open_ = availability(
        RegistrationState.OPEN, closes_on=D(2026, 5, 1), capacity=5, places_left=4, places_taken=1
    )
    assert programme_availability([]) is None
    assert programme_availability([closed]).state == RegistrationState.CLOSED
    assert programme_availability([closed, soon]).state == RegistrationState.NOT_YET_OPEN
    assert programme_availability([soon, waiting, closed]).state == RegistrationState.WAITING_LIST
    summary = programme_availability([waiting, open_, closed, soon])
    assert summary == availability(
        RegistrationState.OPEN,
        closes_on=D(2026, 5, 1),
        capacity=5,
        places_taken=1,
        places_left=4,
    )


def test_programme_summary_sums_open_tracks():
    a = availability(RegistrationState.OPEN, closes_on=D(2026, 5, 1), capacity=5, places_left=2)
    b = availability(RegistrationState.OPEN, closes_on=D(2026, 6, 1), capacity=3, places_left=3)
    c = availability(RegistrationState.OPEN)  # unlimited, no deadline
    assert programme_availability([a, b]).places_left == 5
    assert programme_availability([a, b]).closes_on == D(2026, 6, 1)
    summary = programme_availability([a, b, c])
    assert (summary.capacity, summary.places_left, summary.closes_on) == (None, None, None)


def test_seeded_leerkring_programme_is_closed(seeded):
    tracks = Track.objects.filter(programme__slug="leerkring-raadsakkoorden")
    with freeze_time("2026-06-01"):
        summary = programme_availability(availability_for_tracks(tracks).values())
    assert summary.state == RegistrationState.CLOSED
    assert summary.closes_on == D(2019, 3, 15)
