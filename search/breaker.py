"""A circuit breaker for the external search engine (Elasticsearch/OpenSearch), like the cache's.

An engine that accepts connections and never answers costs every query its full timeout
(``SEARCH_TIMEOUT``); a page that asks it several times (results, facets, suggestions) or an editor's
publish (one index update per saved object) would wait for each. So after a connection failure or
timeout the breaker opens for ``SEARCH_BREAKER_SECONDS`` (default 30 s): every request to the engine
fails at once with the client's own ``ConnectionError`` (the search page answers its 503, admin
listings drop the search term, see ``search.middleware``), then one request tries again and a success
closes it. HTTP errors from a live engine (404, 400) do not trip it.

Index updates while the engine is unavailable are not sent: the backend (``search.backends``) logs one
line per object (model and primary key only) and, when the task backend can defer (the database queue in
production), queues :func:`search.tasks.update_index_entry` for after the breaker period, so nothing is
lost once the engine is back. With the immediate backend (tests) the update is only skipped; run
``manage.py update_index`` after an outage there.

The breakers live in ``portal.cache``'s registry (one per engine address, shared by a process's threads).
"""

from __future__ import annotations

import logging

from opensearchpy.connection import Urllib3HttpConnection
from opensearchpy.exceptions import ConnectionError as EngineConnectionError

from portal.cache import CircuitBreaker, breaker_for

logger = logging.getLogger("portal.search")

DEFAULT_BREAKER_SECONDS = 30.0


def engine_breaker(host: str, seconds: float = DEFAULT_BREAKER_SECONDS) -> CircuitBreaker:
    return breaker_for(f"search:{host}", seconds)


class BreakerConnection(Urllib3HttpConnection):
    """opensearch-py's HTTP connection that consults (and trips) the engine's breaker."""

    breaker_seconds = DEFAULT_BREAKER_SECONDS

    @property
    def breaker(self) -> CircuitBreaker:
        return engine_breaker(self.host, self.breaker_seconds)

    def perform_request(self, *args, **kwargs):
        breaker = self.breaker
        if breaker.is_open():
            raise EngineConnectionError("N/A", "search engine skipped (circuit breaker open)", None)
        try:
            result = super().perform_request(*args, **kwargs)
        except EngineConnectionError as exc:
            breaker.failed()
            logger.warning(
                "Search engine unreachable (%s); skipping it for %g s.",
                type(exc).__name__,
                breaker.seconds,
            )
            raise
        breaker.reset()
        return result


def connection_class(seconds: float) -> type[BreakerConnection]:
    return type("BreakerConnection", (BreakerConnection,), {"breaker_seconds": seconds})
