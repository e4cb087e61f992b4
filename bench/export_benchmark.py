"""Benchmark the registrations export: 50,000 generated registrations in a throwaway SQLite database.

Run: ``.venv/bin/python -m bench.export_benchmark [--rows 50000]``

It migrates a fresh SQLite file in a temporary directory (never your own database), bulk-creates the
registrations and then, for CSV and XLSX, measures the wall time of a full export (the same generators the
admin view streams) and, in a second pass, the peak Python memory with ``tracemalloc``. The process's peak
RSS (``resource.getrusage``) is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def _setup(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(rows: int) -> None:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from programmes.models import Municipality
    from registrations.constants import RegistrationStatus
    from registrations.models import Registration

    municipalities = Municipality.objects.bulk_create(
        Municipality(
            code=f"GB{i:04d}",
            name=f"Benchgemeente {i}",
            population=10_000 + i * 97,
            reference_date=dt.date(2025, 1, 1),
        )
        for i in range(342)
    )
    statuses = list(RegistrationStatus.values)
    now = timezone.now()
    batch = []
    for i in range(rows):
        municipality = municipalities[i % len(municipalities)]
        batch.append(
            Registration(
                reference=f"AM-BNCH-{i:08d}",
                programme_title="Benchprogramma",
                track_name=f"Deelnamevorm {i % 7}",
                edition=str(2020 + i % 7),
                municipality=municipality,
                status=statuses[i % len(statuses)],
                contact_name=f"=Contact {i}" if i % 1000 == 0 else f"Contact Persoon {i}",
                contact_function="Griffier",
                email=f"contact{i}@gemeente.example",
                phone="0612345678",
                remarks="Opmerking " * (i % 5),
                consent_at=now,
                fee_kind="tiered",
                fee_amount=Decimal("750.00"),
                fee_tier="tot 50.000 inwoners",
                fee_tier_min=0,
                population=municipality.population,
                population_reference_date=municipality.reference_date,
            )
        )
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)


def _csv() -> int:
    from registrations.exports import csv_response
    from registrations.models import Registration

    response = csv_response(Registration.objects.order_by("-created_at"), "bench")
    return sum(len(chunk) for chunk in response.streaming_content)


def _xlsx() -> int:
    from registrations.exports import xlsx_response
    from registrations.models import Registration

    response = xlsx_response(Registration.objects.order_by("-created_at"), "bench")
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return size


def _measure(name: str, func) -> None:
    start = time.perf_counter()
    size = func()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:5s} {elapsed:6.2f} s  {size / 1e6:6.1f} MB output  peak Python memory {peak / 1e6:6.1f} MB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        _setup(Path(tmp) / "bench.sqlite3")
        start = time.perf_counter()
        _generate(args.rows)
        print(f"generated {args.rows} registrations in {time.perf_counter() - start:.1f} s")
        _measure("CSV", _csv)
        _measure("XLSX", _xlsx)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS of the whole process (incl. Django and migrations): {rss / 1024:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
