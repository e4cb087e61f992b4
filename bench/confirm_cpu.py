"""Server CPU of one registration's three steps, measured in-process (part of ``make bench``).

For ``--count`` municipalities not yet registered for a generated programme's track, the Django test
client (the production settings, DEBUG off, the database task queue) runs the form (GET), the review
POST and the confirm POST, and ``time.process_time()`` is read around each request. The confirm step
only registers and writes the outbox rows and their tasks: the mails are rendered by the task worker,
which is not running here. The registrations made are deleted again afterwards (with their mails,
events and task rows), so the dataset stays as it was.

Run on its own against the bench database (``make bench`` runs it after preparing the dataset)::

    DATABASE_URL=sqlite:///var/bench/bench.sqlite3 DJANGO_SETTINGS_MODULE=portal.settings.production \\
      SECRET_KEY=... ALLOWED_HOSTS=127.0.0.1 RATE_LIMIT_ENABLED=false \\
      .venv/bin/python -m bench.confirm_cpu --count 30 [--profile]

``--profile`` prints the top cProfile entries of the confirm POSTs (the portal's own functions by
cumulative time, then everything by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import time

TARGET_MS = 15.0


def _setup() -> None:
    import django

    django.setup()


def _candidates(count: int):
    """(programme page, track, municipality) triples with no active registration yet."""
    from programmes.models import Municipality, Track
    from registrations.constants import ACTIVE_STATUSES
    from registrations.models import Registration

    municipalities = list(Municipality.objects.order_by("code"))
    tracks = Track.objects.filter(programme__slug__startswith="schaal-").select_related("programme")
    found = []
    for track in tracks.order_by("pk"):
        if not track.programme.live:
            continue
        taken = set(
            Registration.objects.filter(
                track=track, edition=track.edition, status__in=ACTIVE_STATUSES
            ).values_list("municipality_id", flat=True)
        )
        for municipality in municipalities:
            if municipality.pk not in taken:
                found.append((track.programme, track, municipality))
                if len(found) >= count:
                    return found
    return found


def _post_data(track, municipality, n: int) -> dict:
    from registrations import spam

    return {
        "step": "review",
        "municipality": municipality.code,
        "track": track.slug,
        "contact_name": f"Bench Persoon {n}",
        "contact_function": "griffier",
        "email": f"bench{n}@example.org",
        "phone": "070 123 4567",
        "remarks": "",
        "consent": "on",
        "website": "",
        "form_token": spam.issue_token(issued_at=time.time() - 10),
    }


def _timed(call):
    started = time.process_time()
    response = call()
    return response, (time.process_time() - started) * 1000


def run(count: int, profile: bool) -> dict:
    from django.test import Client

    triples = _candidates(count + 1)  # the first one warms up (imports, template loading)
    if len(triples) < 2:
        raise SystemExit("No free municipality/track pair: run generate_scale_data first.")
    client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
    profiler = cProfile.Profile() if profile else None
    timings = {"form": [], "review": [], "confirm": []}
    references: list[str] = []
    try:
        for n, (page, track, municipality) in enumerate(triples):
            url = page.url + "aanmelden/"
            form, form_ms = _timed(lambda url=url: client.get(url))
            assert form.status_code == 200, form.status_code
            data = _post_data(track, municipality, n)
            review, review_ms = _timed(lambda url=url, data=data: client.post(url, data))
            match = re.search(r'name="pending" value="([^"]+)"', review.content.decode())
            assert match, "the review step did not answer the check page"
            confirm_data = {"step": "confirm", "pending": match.group(1)}
            if profiler is not None and n:
                profiler.enable()
            confirm, confirm_ms = _timed(lambda url=url, data=confirm_data: client.post(url, data))
            if profiler is not None:
                profiler.disable()
            assert confirm.status_code == 303, confirm.status_code
            references.append(confirm["Location"].rstrip("/").rsplit("/", 1)[-1])
            if n:  # skip the warm-up
                timings["form"].append(form_ms)
                timings["review"].append(review_ms)
                timings["confirm"].append(confirm_ms)
    finally:
        _clean_up(references)
    summary = {
        step: {
            "median_ms": round(statistics.median(values), 2),
            "mean_ms": round(statistics.fmean(values), 2),
            "max_ms": round(max(values), 2),
        }
        for step, values in timings.items()
    }
    summary["count"] = len(timings["confirm"])
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(
            r"/(registrations|portal|programmes|search)/", 25
        )
        stats.sort_stats("tottime").print_stats(15)
        summary["profile"] = out.getvalue()
    return summary


def _clean_up(references: list[str]) -> None:
    from django_tasks_db.models import DBTaskResult

    from registrations.models import OutgoingMail, Registration

    registrations = Registration.objects.filter(reference__in=references)
    mail_ids = list(OutgoingMail.objects.filter(registration__in=registrations).values_list("pk"))
    OutgoingMail.objects.filter(registration__in=registrations).delete()
    registrations.delete()
    wanted = {mail_id for (mail_id,) in mail_ids}
    tasks = DBTaskResult.objects.filter(task_path__endswith="send_outbox_mail")
    stale = [row.pk for row in tasks if set(row.args_kwargs.get("args", [])) & wanted]
    DBTaskResult.objects.filter(pk__in=stale).delete()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON line.")
    args = parser.parse_args(argv)
    _setup()
    summary = run(args.count, args.profile)
    if args.json:
        print(json.dumps({k: v for k, v in summary.items() if k != "profile"}))
        return 0
    for step in ("form", "review", "confirm"):
        figures = summary[step]
        print(
            f"registration {step:8} CPU ms: median {figures['median_ms']}, "
            f"mean {figures['mean_ms']}, max {figures['max_ms']} (n={summary['count']})"
        )
    verdict = "meets" if summary["confirm"]["median_ms"] <= TARGET_MS else "MISSES"
    print(f"confirm step {verdict} the {TARGET_MS:g} ms target")
    if "profile" in summary:
        print(summary["profile"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
