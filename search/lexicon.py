"""The Dutch lexicon of this domain: what stemmers get wrong, applied as query-time synonyms.

Stemmers know regular Dutch forms; they do not know that "raadsleden" is the plural of "raadslid", that
"B&W" is the college van burgemeester en wethouders, or that a visitor looking for the "griffie" wants the
griffier. Editors keep these word groups in the admin (Zoeken > Zoeksynoniemen, ``SearchSynonym``);
``DEFAULT_SYNONYMS`` seeds them (migration 0003). ``expand`` turns a cleaned query into a modelsearch
query where every word (or phrase) that is in a group may be matched by any word of its group:

    "raadsleden bijeenkomst" -> And(Or(raadsleden, raadslid), bijeenkomst)

Every backend understands the result (PlainText, Phrase, And, Or). Words are compared folded
(``search.analysis.fold``); the lexicon is cached under the page cache generation, and saving a synonym
bumps the generation (``search.apps``), so a change counts from the next search on.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DatabaseError
from modelsearch.query import And, Or, Phrase, PlainText, SearchQuery

from portal.caching import cached_value
from search.analysis import words

# (terms, note): seeded once; editors change them in the admin.
DEFAULT_SYNONYMS: list[tuple[str, str]] = [
    ("raadslid, raadsleden", "Irregular plural"),
    ("commissielid, commissieleden", "Irregular plural"),
    ("burgerlid, burgerleden", "Irregular plural"),
    ("collegelid, collegeleden", "Irregular plural"),
    ("secretaris, secretarissen", "Irregular plural"),
    ("gemeentesecretaris, gemeentesecretarissen, secretaris", "Official title and plural"),
    ("griffier, griffiers, griffie, raadsgriffier", "The role and its office"),
    ("burgemeester, burgemeesters, burgervader", "Official title"),
    ("wethouder, wethouders, collegelid", "Official title"),
    ("raadslid, gemeenteraadslid, volksvertegenwoordiger", "Official title"),
    ("B&W, B en W, college van burgemeester en wethouders", "Abbreviation"),
    ("VNG, Vereniging van Nederlandse Gemeenten", "Abbreviation"),
    (
        "BZK, Binnenlandse Zaken, ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "Abbreviation",
    ),
    ("NGB, Nederlands Genootschap van Burgemeesters", "Abbreviation"),
    ("VvG, Vereniging van Griffiers", "Abbreviation"),
    ("VGS, Vereniging van Gemeentesecretarissen", "Abbreviation"),
    ("raad, gemeenteraad", "Short form"),
    ("bijeenkomst, bijeenkomsten, themabijeenkomst", "Related words"),
]

MAX_EXPANSIONS = 8  # per query word: a long group must not make one search enormous


def _groups() -> list[tuple[tuple[str, ...], ...]]:
    """Every synonym group as folded word tuples (one per term)."""
    from search.models import SearchSynonym

    return [
        tuple(dict.fromkeys(tuple(words(term)) for term in synonym.term_list if words(term)))
        for synonym in SearchSynonym.objects.all()
    ]


def lexicon() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Each known term (as folded words) and the other terms of its groups."""

    def compute() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
        table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for group in _groups():
            for term in group:
                others = table.setdefault(term, [])
                others.extend(other for other in group if other != term and other not in others)
        return table

    try:
        return cached_value(("search-lexicon",), compute)
    except DatabaseError:  # before migrations: no lexicon
        return {}


def _as_query(term: Sequence[str]) -> SearchQuery:
    text = " ".join(term)
    return PlainText(text, operator="and") if len(term) == 1 else Phrase(text)


def expand(query: str) -> str | SearchQuery:
    """``query`` (cleaned) with the lexicon's synonyms; the plain string when none apply."""
    tokens = words(query)
    table = lexicon() if tokens else {}
    longest = max((len(term) for term in table), default=1)
    parts: list[SearchQuery] = []
    expanded = False
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            term = tuple(tokens[i : i + size])
            if term in table:
                alternatives = [term, *table[term][:MAX_EXPANSIONS]]
                parts.append(Or([_as_query(alt) for alt in alternatives]))
                expanded = True
                i += size
                break
        else:
            parts.append(PlainText(tokens[i], operator="and"))
            i += 1
    if not expanded:
        return query
    return parts[0] if len(parts) == 1 else And(parts)
