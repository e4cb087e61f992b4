"""Every factory in tests/programmes/factories.py builds a valid object."""

from __future__ import annotations

import pytest

from tests.programmes.factories import (
    FeeTierFactory,
    ProgrammePageFactory,
    RoleFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds(seeded):
    role = RoleFactory()
    page = ProgrammePageFactory(roles=[role], takeaways=["Een", "Twee"])
    page.refresh_from_db()
    assert page.live and page.get_parent().slug == "aan-de-slag"
    assert list(page.roles.all()) == [role]
    assert [t.text for t in page.takeaways.all()] == ["Een", "Twee"]
    tier = FeeTierFactory(track=TrackFactory(programme=page))
    assert tier.track.programme_id == page.pk
    assert TrackFactory(closed=True).closes_on is not None
