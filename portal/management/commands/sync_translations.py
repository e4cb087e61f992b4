"""Extract the Dutch messages, fill them from ``locale/nl/translations/*.json`` and compile them.

Source strings (msgids) are English; Dutch translations live in small JSON files, one per area
(``{"English": "Nederlands"}``; plurals as ``["enkelvoud", "meervoud"]``; a context as
``"context::English"``). This keeps translations reviewable and lets several people add strings without
merge conflicts in ``django.po``, which is generated. ``--check`` fails when any string lacks a translation.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILE = LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.po"
SOURCES = LOCALE_DIR / "nl" / "translations"


def load_translations() -> dict[str, str | list[str]]:
    merged: dict[str, str | list[str]] = {}
    for path in sorted(SOURCES.glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def untranslated(po: polib.POFile) -> list[str]:
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                missing.append(entry.msgid)
        elif not entry.msgstr:
            missing.append(entry.msgid)
    return missing


class Command(BaseCommand):
    help = "Extract, translate (from locale/nl/translations/*.json) and compile the Dutch messages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if any string is untranslated."
        )

    def handle(self, *args, check: bool = False, **options):
        PO_FILE.parent.mkdir(parents=True, exist_ok=True)
        with open(LOCALE_DIR / ".sync.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            call_command(
                "makemessages",
                locale=["nl"],
                no_obsolete=True,
                add_location="file",
                ignore_patterns=["tests/*", "var/*", "docs/*", "bench/*"],
                verbosity=0,
            )
            translations = load_translations()
            po = polib.pofile(str(PO_FILE))
            po.metadata["Language"] = "nl"
            po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            for entry in po:
                key = f"{entry.msgctxt}::{entry.msgid}" if entry.msgctxt else entry.msgid
                value = translations.get(key)
                if "fuzzy" in entry.flags:
                    # makemessages guessed from a similar string: never trust a guess.
                    entry.flags.remove("fuzzy")
                    entry.msgstr = ""
                    entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = (
                        None
                    )
                if value is None:
                    continue
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value, value]
                    entry.msgstr_plural = {0: forms[0], 1: forms[1]}
                else:
                    entry.msgstr = value if isinstance(value, str) else value[0]
            po.save(str(PO_FILE))
            call_command("compilemessages", locale=["nl"], verbosity=0, ignore_patterns=[".venv/*"])
        missing = untranslated(po)
        for msgid in missing:
            self.stdout.write(f"untranslated: {msgid!r}")
        self.stdout.write(f"{len(po)} strings, {len(missing)} untranslated.")
        if check and missing:
            raise CommandError(f"{len(missing)} strings have no Dutch translation.")
