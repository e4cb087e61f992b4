"""A Redis cache that degrades to 'no cache' when Redis is unreachable.

Page serving must survive a cache outage: a failed read is a miss, a failed write is skipped. Errors are
logged (without keys or values, which may hold personal data) so operators still see the outage.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("portal.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a hard dependency
    RedisError = OSError  # type: ignore[misc,assignment]

_ERRORS = (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def _warn(self, operation: str) -> None:
        logger.warning("Cache unavailable during %s; serving without cache.", operation)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except _ERRORS:
            self._warn("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except _ERRORS:
            self._warn("get_many")
            return {}

    def set(self, key, value, timeout=None, version=None) -> None:  # type: ignore[override]
        try:
            super().set(key, value, timeout, version)
        except _ERRORS:
            self._warn("set")

    def add(self, key, value, timeout=None, version=None) -> bool:  # type: ignore[override]
        try:
            return super().add(key, value, timeout, version)
        except _ERRORS:
            self._warn("add")
            return False

    def set_many(self, data, timeout=None, version=None):  # type: ignore[override]
        try:
            return super().set_many(data, timeout, version)
        except _ERRORS:
            self._warn("set_many")
            return list(data)

    def delete(self, key, version=None) -> bool:  # type: ignore[override]
        try:
            return super().delete(key, version)
        except _ERRORS:
            self._warn("delete")
            return False

    def delete_many(self, keys, version=None) -> None:
        try:
            super().delete_many(keys, version)
        except _ERRORS:
            self._warn("delete_many")

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except _ERRORS:
            self._warn("incr")
            raise ValueError("cache unavailable") from None

    def clear(self) -> None:
        try:
            super().clear()
        except _ERRORS:
            self._warn("clear")
