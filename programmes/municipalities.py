"""The CBS municipality list: loading it and finding a municipality by what people type.

The data ships in ``programmes/data/gemeenten.csv`` (all 342 municipalities, population on 1 January 2024,
Bron: CBS). ``load_municipalities`` is idempotent and joins on the CBS code, never on the name.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "gemeenten.csv"
SOURCE_CREDIT = "Bron: CBS (StatLine 85984NED)"

# Names people use that differ from the CBS name (CBS code -> aliases).
ALIASES: dict[str, str] = {
    "GM0518": "Den Haag",
    "GM0796": "Den Bosch",
    "GM0080": "Ljouwert",
}


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation: "'s-Gravenhage" -> "s gravenhage"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = "".join(c if c.isalnum() else " " for c in ascii_text.casefold())
    return " ".join(cleaned.split())


def search_text_for(name: str, aliases: str) -> str:
    parts = [name, *[a for a in aliases.split(",") if a.strip()]]
    return " | ".join(normalise(p) for p in parts)


def read_rows(path: Path = DATA_FILE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_municipalities(path: Path = DATA_FILE) -> tuple[int, int]:
    """Create or update every municipality from the CSV. Returns (created, updated)."""
    from programmes.models import Municipality

    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    for row in read_rows(path):
        values = {
            "name": row["name"],
            "population": int(row["population"]),
            "reference_date": dt.date.fromisoformat(row["reference_date"]),
            "aliases": ALIASES.get(row["code"], ""),
        }
        current = existing.get(row["code"])
        if current is None:
            Municipality(code=row["code"], **values).save()
            created += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            updated += 1
    return created, updated
