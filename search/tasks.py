"""Background work of the search app (Django's task framework, alias ``background``).

:func:`update_index_entry` sends one object's index update that was skipped while the search engine was
unavailable (its circuit breaker open, ``search.breaker``). It is queued for after the breaker period and
queues itself again while the engine is still unavailable, at most :data:`MAX_ATTEMPTS` times; then a log
line asks for ``manage.py update_index``. Backends that cannot defer (the immediate one, in tests) queue
nothing: the update is only skipped, with a log line.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("portal.search")

BACKEND = "background"
MAX_ATTEMPTS = 20


def queue_index_update(obj, *, after_seconds: float, attempt: int = 1) -> bool:
    """Queue the index update of ``obj`` for ``after_seconds`` from now; False when not possible."""
    if attempt > MAX_ATTEMPTS:
        return False
    try:
        if not update_index_entry.get_backend().supports_defer:
            return False
        run_after = timezone.now() + dt.timedelta(seconds=after_seconds)
        update_index_entry.using(run_after=run_after).enqueue(obj._meta.label, obj.pk, attempt)
    except Exception:  # noqa: BLE001 - the editor's save must never fail on it
        logger.exception("Queueing an index update for %s pk=%s failed.", obj._meta.label, obj.pk)
        return False
    return True


@task(backend=BACKEND)
def update_index_entry(label: str, pk: int, attempt: int = 1) -> bool:
    """Index the object ``label``/``pk`` now, or queue it again while the engine is unavailable."""
    from django.apps import apps
    from modelsearch.index import get_indexed_instance
    from wagtail.search.backends import get_search_backend

    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return False  # deleted in the meantime
    indexed = get_indexed_instance(obj)
    if indexed is None:
        return False
    backend = get_search_backend()
    seconds = getattr(backend, "breaker_seconds", 30.0)
    if getattr(backend, "breaker_open", lambda: False)():
        if not queue_index_update(obj, after_seconds=seconds, attempt=attempt + 1):
            logger.warning(
                "Index update for %s pk=%s given up; run manage.py update_index.", label, pk
            )
        return False
    try:
        backend.get_index_for_object(indexed).add_item(indexed)
    except Exception as exc:  # noqa: BLE001 - engine errors vary per client
        logger.warning("Index update for %s pk=%s failed (%s).", label, pk, type(exc).__name__)
        queue_index_update(obj, after_seconds=seconds, attempt=attempt + 1)
        return False
    return True
