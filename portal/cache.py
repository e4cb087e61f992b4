"""A Redis cache that degrades to 'no cache' when Redis is unreachable or slow.

Page serving must survive a cache outage: a failed read is a miss, a failed write is skipped. Errors are
logged (without keys or values, which may hold personal data) so operators still see the outage.

A Redis that accepts connections and never answers is worse than one that is down: every call would wait
for its socket timeout. So the timeouts are small (``REDIS_TIMEOUT_MS``, default 100 ms, see
``portal.env.cache_config``) and a **circuit breaker** stops asking: after a failure the cache is skipped
(reads miss, writes are dropped, ``incr`` raises ``ValueError`` so the rate limiter fails open) for
``CACHE_BREAKER_SECONDS`` (default 30 s); then one call tries again, and a success closes the breaker.
The breaker is shared by all threads of a process (Django makes a cache object per thread).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("portal.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a hard dependency
    RedisError = OSError  # type: ignore[misc,assignment]

_ERRORS = (RedisError, OSError)
DEFAULT_BREAKER_SECONDS = 30.0


class CircuitBreaker:
    """Open for ``seconds`` after a failure; closed again by the first success after that."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, seconds: float = DEFAULT_BREAKER_SECONDS) -> CircuitBreaker:
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None or breaker.seconds != seconds:
            breaker = _breakers[location] = CircuitBreaker(seconds)
        return breaker


def reset_breakers() -> None:
    """Close every breaker (tests, and after an operator fixed Redis and wants the cache back now)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


class _Unavailable(Exception):
    pass


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        seconds = float(options.pop("breaker_seconds", DEFAULT_BREAKER_SECONDS))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.breaker = breaker_for(str(server), seconds)

    def _warn(self, operation: str) -> None:
        logger.warning(
            "Cache unavailable during %s; serving without cache for %s s.",
            operation,
            self.breaker.seconds,
        )

    def _call(self, operation: str, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` unless the breaker is open; raise ``_Unavailable`` when the cache cannot answer."""
        if self.breaker.is_open():
            raise _Unavailable
        try:
            return fn()
        except _ERRORS:
            self.breaker.failed()
            self._warn(operation)
            raise _Unavailable from None

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return self._call(
                "get", lambda: super(ResilientRedisCache, self).get(key, default, version)
            )
        except _Unavailable:
            return default

    def get_many(self, keys, version=None):
        try:
            return self._call(
                "get_many", lambda: super(ResilientRedisCache, self).get_many(keys, version)
            )
        except _Unavailable:
            return {}

    def set(self, key, value, timeout=None, version=None) -> None:  # type: ignore[override]
        with contextlib.suppress(_Unavailable):
            self._call(
                "set", lambda: super(ResilientRedisCache, self).set(key, value, timeout, version)
            )

    def add(self, key, value, timeout=None, version=None) -> bool:  # type: ignore[override]
        try:
            return self._call(
                "add", lambda: super(ResilientRedisCache, self).add(key, value, timeout, version)
            )
        except _Unavailable:
            return False

    def set_many(self, data, timeout=None, version=None):  # type: ignore[override]
        try:
            return self._call(
                "set_many",
                lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            )
        except _Unavailable:
            return list(data)

    def delete(self, key, version=None) -> bool:  # type: ignore[override]
        try:
            return self._call(
                "delete", lambda: super(ResilientRedisCache, self).delete(key, version)
            )
        except _Unavailable:
            return False

    def delete_many(self, keys, version=None) -> None:
        with contextlib.suppress(_Unavailable):
            self._call(
                "delete_many", lambda: super(ResilientRedisCache, self).delete_many(keys, version)
            )

    def incr(self, key, delta=1, version=None):
        try:
            return self._call(
                "incr", lambda: super(ResilientRedisCache, self).incr(key, delta, version)
            )
        except _Unavailable:
            raise ValueError("cache unavailable") from None

    def clear(self) -> None:
        with contextlib.suppress(_Unavailable):
            self._call("clear", lambda: super(ResilientRedisCache, self).clear())
