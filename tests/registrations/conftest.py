"""Fixtures for the registration tests: a programme with a tiered track, form data with a valid token."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from registrations import spam
from tests.programmes.factories import FeeTierFactory, ProgrammePageFactory, TrackFactory


def make_programme(*, tracks=1, **track_kwargs):
    """A programme page with ``tracks`` tiered tracks (EUR 750 / 1,000 / 1,500)."""
    page = ProgrammePageFactory(title="Testprogramma")
    made = []
    for i in range(tracks):
        kwargs = {"programme": page, "name": f"Deelnamevorm {i + 1}", "slug": f"vorm-{i + 1}"}
        kwargs.update(track_kwargs)
        track = TrackFactory(**kwargs)
        for low, amount in ((0, "750.00"), (50_000, "1000.00"), (100_000, "1500.00")):
            FeeTierFactory(track=track, min_population=low, amount=Decimal(amount))
        made.append(track)
    return page, made


def old_token(seconds: float = 10) -> str:
    return spam.issue_token(issued_at=time.time() - seconds)


def form_data(**overrides) -> dict:
    data = {
        "step": "review",
        "municipality": "GM0518",
        "track": "vorm-1",
        "contact_name": "Anna de Vries",
        "contact_function": "griffier",
        "email": "anna@example.org",
        "phone": "070 123 4567",
        "remarks": "",
        "consent": "on",
        "website": "",
        "form_token": old_token(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def programme(seeded):
    page, tracks = make_programme()
    return page, tracks[0]
