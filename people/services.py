"""Queries about people, used by pages and templates."""

from __future__ import annotations

from itertools import groupby

from django.utils.translation import gettext as _

from people.models import Person


def people_by_organisation() -> list[tuple[str, list[Person]]]:
    """All people grouped by organisation (alphabetically; people without one last)."""
    people = sorted(
        Person.objects.select_related("photo"),
        key=lambda p: (p.organisation == "", p.organisation.casefold(), p.name.casefold()),
    )
    return [
        (organisation or _("Other"), list(members))
        for organisation, members in groupby(people, key=lambda p: p.organisation)
    ]
