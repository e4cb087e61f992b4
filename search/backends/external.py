"""Wagtail's OpenSearch backends with the search engine's circuit breaker (``search.breaker``).

``BREAKER_SECONDS`` (from ``SEARCH_BREAKER_SECONDS``, ``portal.env.search_config``) sets how long the
engine is skipped after a failure. Index updates (``add``) while the engine is unavailable are skipped with
a log line and queued for later (``search.tasks``) instead of holding up the editor's request."""

from __future__ import annotations

import logging

from opensearchpy.exceptions import ConnectionError as EngineConnectionError

from search.breaker import DEFAULT_BREAKER_SECONDS, connection_class, engine_breaker

logger = logging.getLogger("portal.search")


class BreakerBackendMixin:
    def __init__(self, params):
        params = dict(params)
        seconds = float(params.pop("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS))
        options = dict(params.get("OPTIONS", {}))
        options["connection_class"] = connection_class(seconds)
        params["OPTIONS"] = options
        super().__init__(params)
        self.breaker_seconds = seconds

    def breaker_open(self) -> bool:
        return any(
            engine_breaker(connection.host, self.breaker_seconds).is_open()
            for connection in self.es.transport.connection_pool.connections
        )

    def add(self, obj):
        if self.breaker_open():
            _skipped(obj, self.breaker_seconds)
            return
        try:
            super().add(obj)
        except EngineConnectionError:
            _skipped(obj, self.breaker_seconds)


def _skipped(obj, seconds: float) -> None:
    from search.tasks import queue_index_update

    queued = queue_index_update(obj, after_seconds=seconds)
    logger.warning(
        "Search engine unavailable: index update for %s pk=%s %s.",
        obj._meta.label,
        obj.pk,
        "queued for later" if queued else "skipped (run update_index once it is back)",
    )
