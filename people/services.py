"""Queries and small rules about people, used by pages and templates.

People are editor-managed snippets. Pages never show ``Person.email`` / ``Person.phone`` directly: they use
``public_email`` / ``public_phone``, which are empty unless the editor ticked "show on the site".
"""

from __future__ import annotations

import re
from itertools import groupby

from django.utils.translation import gettext as _

from people.models import Person


def people_by_organisation() -> list[tuple[str, list[Person]]]:
    """All people grouped by organisation (alphabetically; people without one last, as "Other")."""
    people = sorted(
        Person.objects.select_related("photo"),
        key=lambda p: (
            not p.organisation.strip(),
            p.organisation.strip().casefold(),
            p.name.casefold(),
        ),
    )
    groups = []
    for _key, members in groupby(people, key=lambda p: p.organisation.strip().casefold()):
        members = list(members)
        groups.append((members[0].organisation.strip() or _("Other"), members))
    return groups


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI for a phone number as people write it (spaces, dashes, brackets are dropped)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return ""
    # Only a leading plus is meaningful.
    digits = digits[0] + digits[1:].replace("+", "")
    return f"tel:{digits}"
