"""States the seed does not have, added to the browser-test database once after seeding.

* "Statenleden": a role without offerings, so the catalogue can show its empty result.
* Democratie in Actie: its track gets room for one municipality and one registration, so its
  registration form shows the "full: waiting list" state.

Run in the server's environment: ``python -c "import django; django.setup(); ..."``.
"""

from __future__ import annotations

import uuid

EMPTY_ROLE = "statenleden"
FULL_PROGRAMME = "democratie-in-actie"


def prepare() -> None:
    from programmes.models import Municipality, Role, Track
    from registrations.services import register

    Role.objects.get_or_create(
        slug=EMPTY_ROLE, defaults={"name": "Statenleden", "singular": "statenlid"}
    )
    track = Track.objects.get(programme__slug=FULL_PROGRAMME)
    track.capacity = 1
    track.save()
    register(
        track=track,
        municipality=Municipality.objects.order_by("name").first(),
        contact_name="Test Persoon",
        contact_function="griffier",
        email="test@example.org",
        phone="070 123 4567",
        submission_key=uuid.uuid4().hex,
    )
