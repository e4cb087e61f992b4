"""Per-client rate limits on a shared cache (Redis in production).

A fixed-window counter per (scope, client): ``(limit, window_seconds)`` from ``settings.RATE_LIMITS[scope]``,
else ``DEFAULT_LIMITS[scope]``.
The client is identified by a salted hash of its IP address (``client_ip`` trusts ``X-Forwarded-For`` only
for the number of proxies set in ``TRUSTED_PROXY_COUNT``), so no IP address is stored in the cache.

When the cache is unreachable the limiter fails open: abuse protection must not take the site down.
A limited request gets HTTP 429 with a ``Retry-After`` header and a Dutch message (HTML or JSON).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from portal import env

#: Every scope: (requests, window in seconds). ``settings.RATE_LIMITS`` overrides single scopes.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "registration": (env.read("RATE_LIMIT_REGISTRATION"), 60 * 60),
    # The review step (it tells whether a municipality already registered): room for corrections.
    "registration_review": (30, 60 * 60),
    "fee_quote": (env.read("RATE_LIMIT_FEE_QUOTE"), 60),
    "autocomplete": (300, 60),
    "search": (120, 60),
    "search_suggest": (300, 60),
}


def register_limits(limits: dict[str, tuple[int, int]]) -> None:
    """Add an app's default limits (``{scope: (limit, window_seconds)}``); from ``AppConfig.ready``."""
    for scope, value in limits.items():
        DEFAULT_LIMITS.setdefault(scope, value)


def client_ip(request: HttpRequest) -> str:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limits_for(scope: str) -> tuple[int, int]:
    configured = getattr(settings, "RATE_LIMITS", {})
    return configured.get(scope, DEFAULT_LIMITS[scope])


def _key(scope: str, ip: str, window: int, now: float) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:24]
    return f"rl:{scope}:{digest}:{int(now // window)}"


def hit(request: HttpRequest, scope: str, now: float | None = None) -> int | None:
    """Count one request; returns seconds to wait when over the limit, else ``None``."""
    if not getattr(settings, "RATE_LIMIT_ENABLED", True):
        return None
    limit, window = limits_for(scope)
    now = time.time() if now is None else now
    key = _key(scope, client_ip(request), window, now)
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except ValueError:
        return None  # cache unavailable or key evicted: fail open
    if count > limit:
        return max(1, int(window - (now % window)))
    return None


def hit_value(scope: str, value: str, now: float | None = None) -> int | None:
    """``hit`` for a client named by ``value`` (e.g. an e-mail address) instead of the IP address.
    Only a salted hash of ``value`` reaches the cache."""
    if not getattr(settings, "RATE_LIMIT_ENABLED", True):
        return None
    limit, window = limits_for(scope)
    now = time.time() if now is None else now
    key = _key(scope, value.strip().lower(), window, now)
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except ValueError:
        return None
    if count > limit:
        return max(1, int(window - (now % window)))
    return None


def is_limited(request: HttpRequest, scope: str, methods: Iterable[str] = ("POST",)) -> int | None:
    """``hit`` for the given methods only; for use inside views and RoutablePage routes."""
    if request.method not in methods:
        return None
    return hit(request, scope)


def too_many_requests(
    request: HttpRequest, retry_after: int, *, json: bool = False
) -> HttpResponse:
    message = _("Too many requests. Please wait %(minutes)s minute(s) and try again.") % {
        "minutes": max(1, round(retry_after / 60))
    }
    if json:
        from portal.api import problem

        response: HttpResponse = problem(request, 429, message)
    else:
        html = render_to_string("429.html", {"message": message}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def ratelimit(scope: str, methods: Iterable[str] = ("POST",), json: bool = False) -> Callable:
    """View decorator: ``@ratelimit("registration")``. Works on functions and on methods
    (RoutablePage routes), by finding the request among the arguments."""
    methods = tuple(methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            request = next(a for a in args if isinstance(a, HttpRequest))
            retry_after = is_limited(request, scope, methods)
            if retry_after is not None:
                return too_many_requests(request, retry_after, json=json)
            return view(*args, **kwargs)

        return wrapped

    return decorator
