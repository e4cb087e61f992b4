"""Relevance of site search against the set in ``tests/search/relevance.yaml``: recall@5 and MRR.

For each query the top 5 results of ``search.query.run_search`` (what /zoeken/ shows, no filters) are
compared with the pages that must be there (seed slugs):

* recall@5: the share of expected pages found in the top 5, averaged over the queries;
* MRR: the mean of 1 / (position of the first expected page), 0 when none is in the top 10;
* first: the share of queries marked ``first: true`` whose first expected page is the first result.

``tests/search/test_relevance.py`` fails below the thresholds recorded there; ``make bench`` prints the
figures (``python -m bench.relevance`` on a database with the seed content loaded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

RELEVANCE_SET = Path(__file__).resolve().parent.parent / "tests" / "search" / "relevance.yaml"
TOP = 5


@dataclass
class Report:
    queries: int = 0
    recall_at_5: float = 0.0
    mrr: float = 0.0
    first: float = 0.0
    misses: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"relevance: {self.queries} queries, recall@5 {self.recall_at_5:.3f}, "
            f"MRR {self.mrr:.3f}, first-position {self.first:.3f}"
        )


def load_set(path: Path = RELEVANCE_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def measure(cases: list[dict] | None = None) -> Report:
    from search.filtering import SearchFilters
    from search.query import clean_query, run_search

    cases = cases if cases is not None else load_set()
    report = Report(queries=len(cases))
    recall = mrr = 0.0
    first_total = first_ok = 0
    for case in cases:
        query = clean_query(str(case["q"]))
        found = [_slug(item.url) for item in run_search(query, SearchFilters()).items]
        expected = list(case["expect"])
        hits = [slug for slug in expected if slug in found[:TOP]]
        recall += len(hits) / len(expected)
        positions = [found.index(slug) + 1 for slug in expected if slug in found]
        mrr += 1 / min(positions) if positions else 0.0
        if case.get("first"):
            first_total += 1
            first_ok += bool(found) and found[0] == expected[0]
        if len(hits) < len(expected) or (case.get("first") and found[:1] != expected[:1]):
            report.misses.append(f"{case['q']!r}: expected {expected}, got {found[:TOP]}")
    report.recall_at_5 = recall / len(cases)
    report.mrr = mrr / len(cases)
    report.first = first_ok / first_total if first_total else 1.0
    return report


if __name__ == "__main__":  # pragma: no cover - run by make bench
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    result = measure()
    print(result)
    for miss in result.misses:
        print("  miss:", miss)
