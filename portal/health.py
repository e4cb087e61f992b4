"""``/healthz``: one JSON status of the portal and each of its dependencies.

Each check returns a :class:`Check` (``ok``, ``degraded`` or ``down``, with details) and is timed; the
answer is ``{"status": ..., "checks": {name: {"status", "latency_ms", ...}}}``. The HTTP status is 503
only when the database is down (nothing works without it), so load balancers keep a server whose cache or
search engine is out (pages still serve, degraded) and drop one that cannot reach its database. A check
never raises: any error is its result, by exception type only (no message: it may echo data).

Apps add their own checks with :func:`register` in ``AppConfig.ready()`` (the registrations app adds the
mail outbox), so this base module imports no domain app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OK, DEGRADED, DOWN = "ok", "degraded", "down"
#: Seconds a due task may wait before the queue counts as degraded (no worker running?).
TASK_QUEUE_MAX_AGE = 300


@dataclass
class Check:
    status: str
    details: dict[str, Any] = field(default_factory=dict)


_checks: dict[str, Callable[[], Check]] = {}


def register(name: str, check: Callable[[], Check]) -> None:
    _checks[name] = check


def check_database() -> Check:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Check(OK, {"vendor": connection.vendor})


def check_cache() -> Check:
    from django.core.cache import cache

    breaker = getattr(cache, "breaker", None)
    if breaker is not None and breaker.is_open():
        return Check(DEGRADED, {"error": "circuit open: serving without cache"})
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        return Check(DEGRADED, {"error": "cache did not answer: serving without cache"})
    return Check(OK, {"backend": type(cache).__name__})


def check_search() -> Check:
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    backend_path = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if not any(name in backend_path for name in ("elasticsearch", "opensearch")):
        return Check(OK, {"backend": "database"})
    client = get_search_backend().es
    if not client.ping():
        return Check(DEGRADED, {"backend": backend_path.rsplit(".", 1)[-1], "error": "no answer"})
    return Check(OK, {"backend": backend_path.rsplit(".", 1)[-1]})


def check_task_queue() -> Check:
    """Age of the oldest task that is due and not yet picked up by a worker."""
    from django.tasks import task_backends
    from django.utils import timezone

    backend = task_backends["background"]
    if not backend.__class__.__module__.startswith("django_tasks_db"):
        return Check(OK, {"backend": type(backend).__name__, "oldest_task_age_seconds": None})
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    due = DBTaskResult.objects.ready().filter(backend_name="background")
    oldest = None
    for row in due.order_by("enqueued_at").values("enqueued_at", "run_after")[:100]:
        since = row["enqueued_at"]
        if row["run_after"] and row["run_after"].year < 9999:
            since = max(since, row["run_after"])
        oldest = since if oldest is None else min(oldest, since)
    age = None if oldest is None else max(0, round((now - oldest).total_seconds()))
    status = DEGRADED if age is not None and age > TASK_QUEUE_MAX_AGE else OK
    return Check(status, {"backend": "database", "oldest_task_age_seconds": age})


register("database", check_database)
register("cache", check_cache)
register("search", check_search)
register("task_queue", check_task_queue)


def run_checks() -> tuple[str, dict[str, dict[str, Any]]]:
    results: dict[str, dict[str, Any]] = {}
    for name, check in _checks.items():
        started = time.perf_counter()
        try:
            outcome = check()
        except Exception as exc:  # noqa: BLE001 - a health check reports, it never fails
            outcome = Check(DOWN if name == "database" else DEGRADED, {"error": type(exc).__name__})
        results[name] = {
            "status": outcome.status,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            **outcome.details,
        }
    if results.get("database", {}).get("status") == DOWN:
        overall = DOWN
    elif any(r["status"] != OK for r in results.values()):
        overall = DEGRADED
    else:
        overall = OK
    return overall, results
