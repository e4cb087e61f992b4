"""The Dutch catalogue is complete and compiled: the ``sync_translations --check`` rules as tests.

``locale/nl/LC_MESSAGES/django.po`` is generated from the English msgids in the code and the Dutch in
``locale/nl/translations/*.json``. These tests fail (and list the strings) when someone adds a string
without a translation or forgets to commit the regenerated ``.mo``: run
``python manage.py sync_translations`` and commit the JSON, ``.po`` and ``.mo``.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "nl"
PO_FILE = LOCALE / "LC_MESSAGES" / "django.po"
MO_FILE = LOCALE / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# The foundation and the editors' admin: these must always be fully translated.
FOUNDATION_SOURCES = (
    "portal/",
    "programmes/models/",
    "programmes/constants.py",
    "programmes/wagtail_hooks.py",
    "cases/models.py",
    "cases/constants.py",
    "people/models.py",
    "people/services.py",
    "registrations/models.py",
    "registrations/constants.py",
    "templates/base.html",
    "templates/includes/header.html",
    "templates/includes/footer.html",
    "templates/includes/breadcrumbs.html",
    "templates/404.html",
    "templates/portal/",
    "templates/programmes/admin/",
)


def _po() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def _is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _label(entry: polib.POEntry) -> str:
    files = sorted({path for path, _line in entry.occurrences})
    return f"{entry.msgid!r} ({', '.join(files)})"


def test_foundation_and_admin_strings_are_translated():
    missing = [
        _label(entry)
        for entry in _po()
        if not entry.obsolete
        and not _is_translated(entry)
        and any(path.startswith(FOUNDATION_SOURCES) for path, _line in entry.occurrences)
    ]
    assert not missing, "Untranslated foundation strings:\n" + "\n".join(missing)


def test_every_msgid_has_a_dutch_translation():
    """The whole catalogue, like ``sync_translations --check``; lists every untranslated string."""
    missing = [_label(entry) for entry in _po() if not entry.obsolete and not _is_translated(entry)]
    assert not missing, f"{len(missing)} untranslated strings:\n" + "\n".join(missing)


def test_no_fuzzy_entries_and_placeholders_are_kept():
    problems = []
    for entry in _po():
        if entry.obsolete or not _is_translated(entry):
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_compiled_mo_matches_the_po(tmp_path):
    """The committed .mo is what compiling the committed .po gives (same messages, same Dutch)."""
    fresh = tmp_path / "django.mo"
    _po().save_as_mofile(str(fresh))
    with MO_FILE.open("rb") as committed, fresh.open("rb") as compiled:
        committed_catalog = gettext.GNUTranslations(committed)._catalog
        compiled_catalog = gettext.GNUTranslations(compiled)._catalog
    committed_catalog.pop("", None)
    compiled_catalog.pop("", None)
    stale = sorted(
        str(key)
        for key in compiled_catalog.keys() | committed_catalog.keys()
        if compiled_catalog.get(key) != committed_catalog.get(key)
    )
    assert not stale, "django.mo is out of date; run sync_translations:\n" + "\n".join(stale[:50])


def test_translation_sources_agree():
    """The same English text gets the same Dutch in every translations/*.json file."""
    seen: dict[str, tuple[str, object]] = {}
    conflicts = []
    for path in sorted((LOCALE / "translations").glob("*.json")):
        for msgid, dutch in json.loads(path.read_text(encoding="utf-8")).items():
            if msgid in seen and seen[msgid][1] != dutch:
                conflicts.append(
                    f"{msgid!r}: {seen[msgid][0]}={seen[msgid][1]!r}, {path.name}={dutch!r}"
                )
            seen.setdefault(msgid, (path.name, dutch))
    assert not conflicts, "\n".join(conflicts)


@pytest.mark.django_db
def test_pages_render_in_dutch(client, seeded):
    html = client.get("/").text
    assert 'lang="nl"' in html
    assert "Naar de inhoud" in html
    assert "Skip to content" not in html
    not_found = client.get("/bestaat-niet/")
    assert not_found.status_code == 404
    assert "Pagina niet gevonden" in not_found.text
