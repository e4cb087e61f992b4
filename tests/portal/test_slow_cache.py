"""A Redis that accepts connections and never answers must not hold up a visitor.

A real TCP listener on 127.0.0.1 stands in for Redis (``REDIS_URL``); with the page, fragment and search
caches on, the public pages answer within 2 s each: small socket timeouts, then the circuit breaker in
``portal.cache.ResilientRedisCache`` skips the cache.
"""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from portal import env
from programmes.models import ProgrammePage
from tests.slow_servers import hung_listener

pytestmark = pytest.mark.django_db

CACHE_ON = {"PAGE_CACHE_SECONDS": 300, "FRAGMENT_CACHE_SECONDS": 300, "SEARCH_CACHE_SECONDS": 300}


def test_public_pages_answer_within_2_s_while_redis_hangs(seeded, client):
    programme = ProgrammePage.objects.live().public().first()
    urls = ["/", programme.url, "/casussen/", "/aan-de-slag/", "/aan-de-slag/?functie=griffiers"]
    with hung_listener() as redis:
        caches_config = env.cache_config(f"redis://127.0.0.1:{redis.port}/0")
        with override_settings(CACHES=caches_config, **CACHE_ON):
            assert caches["default"].get("anything", "fallback") == "fallback"
            for url in urls:
                started = time.monotonic()
                response = client.get(url)
                elapsed = time.monotonic() - started
                assert response.status_code == 200, url
                assert elapsed < 2, f"{url} took {elapsed:.1f} s with a hanging Redis"
            assert redis.accepted  # the cache really was tried


def test_hanging_redis_costs_one_timeout_then_the_breaker_skips_it(seeded):
    with hung_listener() as redis:
        config = env.cache_config(f"redis://127.0.0.1:{redis.port}/0")
        with override_settings(CACHES=config):
            cache = caches["default"]
            started = time.monotonic()
            for i in range(50):
                assert cache.get(f"key-{i}", "miss") == "miss"
                cache.set(f"key-{i}", i)
            assert time.monotonic() - started < 1
            assert cache.breaker.is_open()
