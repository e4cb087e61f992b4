"""Queries and small rules about people, used by pages and templates.

People are editor-managed snippets. Pages never show ``Person.email`` / ``Person.phone`` directly: they use
``public_email`` / ``public_phone``, which are empty unless the editor ticked "show on the site".
"""

from __future__ import annotations

import re
from collections import Counter
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
        groups.append(
            (_display_name([m.organisation.strip() for m in members]) or _("Other"), members)
        )
    return groups


def _display_name(spellings: list[str]) -> str:
    """The spelling most people use ("VNG" over a stray "vng"); ties go to the most capitals."""
    counts = Counter(spellings)
    return max(counts, key=lambda name: (counts[name], sum(c.isupper() for c in name)))


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI for a phone number as people write it (spaces, dashes, brackets are dropped)."""
    phone = (phone or "").strip()
    if phone.startswith("+"):
        phone = phone.replace("(0)", "")  # "+31 (0)6 ..." is dialled without the 0
    digits = re.sub(r"[^\d+]", "", phone)
    if not digits:
        return ""
    # Only a leading plus is meaningful.
    digits = digits[0] + digits[1:].replace("+", "")
    return f"tel:{digits}"
