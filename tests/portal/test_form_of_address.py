"""One form of address for the whole site: "u".

The portal addresses officials (burgemeesters, wethouders, griffiers, raadsleden) on behalf of the
programmes of a ministry; Dutch government sites address officials and citizens with "u", and so do the
portal's privacy and accessibility statements and most of its seed content. Every Dutch string the
site shows, from the translations (pages, forms, mails, admin), the seed content and the templates with
Dutch text, uses "u"/"uw"; none uses "je"/"jij"/"jou"/"jouw"/"jullie".

Quotations (the seed's ``quote`` blocks) are someone else's words and stay as they were said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf|jouwe)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)
# Internal notes about the seed (not shown on the site).
SEED_NOTES = {"_corrections"}


def strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value with its path; quote blocks are skipped."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        if value.get("type") == "quote":
            return
        for key, item in value.items():
            if key in SEED_NOTES:
                continue
            yield from strings(item, f"{path}.{key}" if path else key)


def informal(texts: Iterator[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text[:120]}" for where, text in texts if INFORMAL.search(text)]


def test_the_check_finds_both_forms():
    assert INFORMAL.search("Vul je naam in.") and INFORMAL.search("Jouw gemeente")
    assert not INFORMAL.search("Vul uw naam in. Jeugd en jouwen? Jenever.")
    assert FORMAL.search("Vul uw naam in.") and not FORMAL.search("Uur en uien")


def test_dutch_translations_use_u():
    found = []
    for path in sorted((ROOT / "locale" / "nl" / "translations").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        # Only the Dutch (the values): msgids are English.
        found += informal(
            (f"{path.name}: {key}", text)
            for key, value in data.items()
            for _p, text in strings(value)
        )
    assert not found, "Dutch translations that say je/jouw:\n" + "\n".join(found)


def test_seed_content_uses_u():
    data = json.loads((ROOT / "portal" / "seed" / "content.json").read_text(encoding="utf-8"))
    found = informal(strings(data))
    assert not found, "Seed content that says je/jouw:\n" + "\n".join(found)


def test_templates_with_dutch_text_use_u():
    found = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt"):
            found += informal([(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))])
    assert not found, "Templates that say je/jouw:\n" + "\n".join(found)


def test_the_seeded_home_page_says_u(client, seeded):
    """The home page's intro is written by the seed loader itself (not content.json); served, it says u."""
    from django.utils.html import strip_tags

    text = strip_tags(client.get("/").content.decode())
    assert not INFORMAL.findall(text)
