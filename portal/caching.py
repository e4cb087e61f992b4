"""Whole-page cache for anonymous visitors, invalidated the moment anything public changes.

How it works
------------
* ``PageCacheMiddleware`` sits near the top of the middleware stack. For an anonymous ``GET``/``HEAD`` of a
  public URL it looks up the rendered response under a key made of the *cache generation*, today's date,
  the host and the full path with query string, and returns it without touching sessions, auth or Wagtail.
* On a miss the response is stored if it is safe to share: status 200, no ``Set-Cookie``, no CSRF token
  used (so forms and anything personal are never cached), no CSP nonce in use, no ``private``/``no-store``.
* The generation is one row in the database (``CacheGeneration``), bumped by signal handlers whenever a page
  is published, unpublished, moved or deleted, a snippet or site setting is saved, or a registration changes
  (catalogue cards show places left). Reading it is one indexed query, so every process and every machine
  sees a change at once, whether the cache is Redis or per-process local memory.
* Browsers get ``Cache-Control: no-cache`` and an ``ETag`` (``ConditionalGetMiddleware``), so they revalidate
  cheaply and never show a stale page after a publish.

``PAGE_CACHE_SECONDS`` (default 300) sets the lifetime; 0 turns the cache off.

Below the whole page, ``cached_value`` and ``cached_fragments`` keep costly parts under the same generation
(and today's date), for requests the page cache does not serve (filtered listings with many combinations,
visitors with a session): facet counts and totals of listings (``portal.filters``), catalogue cards
(``programmes.queries``). ``FRAGMENT_CACHE_SECONDS`` (default 300) sets their lifetime; 0 turns them off.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable, Sequence

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("portal.caching")

EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/healthz", "/static/", "/media/")
MAX_KEY_SOURCE = 1000


class CacheGeneration(models.Model):
    """A counter: every change that can alter a public page increments it."""

    generation = models.PositiveBigIntegerField(_("generation"), default=1)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        app_label = "portal"
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self) -> str:
        return str(self.generation)


def current_generation() -> int:
    """One indexed lookup; plain SQL because this runs before every cached page (no ORM compile)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {CacheGeneration._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


_request_state = Local()


def _start_request(**_kwargs) -> None:
    _request_state.in_request = True
    _request_state.generation = None


def _finish_request(**_kwargs) -> None:
    _request_state.in_request = False
    _request_state.generation = None


def request_generation() -> int:
    """``current_generation()``, read once per request (and on every call outside a request)."""
    if not getattr(_request_state, "in_request", False):
        return current_generation()
    generation = getattr(_request_state, "generation", None)
    if generation is None:
        generation = _request_state.generation = current_generation()
    return generation


def bump_generation(**_kwargs) -> None:
    """Invalidate every cached page (after the surrounding transaction commits)."""

    def bump() -> None:
        try:
            updated = CacheGeneration.objects.filter(pk=1).update(
                generation=models.F("generation") + 1, changed_at=timezone.now()
            )
            if not updated:
                CacheGeneration.objects.get_or_create(pk=1, defaults={"generation": 2})
        except DatabaseError:  # e.g. during migrations, before the table exists
            logger.warning("Could not bump the page cache generation.")

    transaction.on_commit(bump)


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def fragment_seconds() -> int:
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 300)


def fragment_generation() -> str:
    """The generation and today's date: what a template fragment cache varies on to stay fresh."""
    return f"{request_generation()}:{timezone.localdate().isoformat()}"


def fragment_key(*parts: object) -> str:
    """A cache key for ``parts`` that changes with the generation and the date."""
    source = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(source.encode()).hexdigest()
    return f"frag:{fragment_generation()}:{digest}"


def _fragment_keys(parts: Sequence[Sequence[object]]) -> list[str] | None:
    """The keys for ``parts``, or ``None`` when the fragment caches are off or the generation cannot be
    read (then everything is computed, nothing cached)."""
    if fragment_seconds() <= 0:
        return None
    try:
        return [fragment_key(*item_parts) for item_parts in parts]
    except DatabaseError:
        return None


def cached_value[T](
    parts: Sequence[object], compute: Callable[[], T], keep: Callable[[T], bool] | None = None
) -> T:
    """``compute()``, cached under ``fragment_key(*parts)``; computed every time when turned off.
    ``keep`` can refuse to store a computed value (it is still returned)."""
    keys = _fragment_keys([parts])
    if keys is None:
        return compute()
    value = cache.get(keys[0])
    if value is None:
        value = compute()
        if keep is None or keep(value):
            cache.set(keys[0], value, fragment_seconds())
    return value


def uses_request_secrets(request: HttpRequest) -> bool:
    """Whether this request's CSRF token or CSP nonce has been put into the output so far: such output
    belongs to one visitor and must never be cached for others."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    return bool(getattr(request, "_csp_nonce", None))  # Django's LazyNonce: true once generated


def cached_fragments[K: Hashable](
    items: Sequence[K],
    parts: Callable[[K], Sequence[object]],
    render: Callable[[list[K]], dict[K, str]],
) -> list[str]:
    """One fragment per item, in order: cached ones in one ``get_many``, the rest from ``render`` (called
    once with all missing items) and stored with one ``set_many``."""
    key_list = _fragment_keys([parts(item) for item in items])
    if key_list is None:
        rendered = render(list(items))
        return [rendered[item] for item in items]
    keys = dict(zip(items, key_list, strict=True))
    found = cache.get_many(key_list) if key_list else {}
    missing = [item for item in items if keys[item] not in found]
    if missing:
        rendered = render(missing)
        new = {keys[item]: rendered[item] for item in missing}
        cache.set_many(new, fragment_seconds())
        found.update(new)
    return [found[keys[item]] for item in items]


def is_anonymous_read(request: HttpRequest) -> bool:
    """A ``GET``/``HEAD`` without a session cookie: what every anonymous visitor gets is the same.
    (Logged-in editors see drafts, the user bar, private pages.)"""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_request(request: HttpRequest) -> bool:
    if cache_seconds() <= 0 or not is_anonymous_read(request):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    return len(request.get_full_path()) <= MAX_KEY_SOURCE


def _key(request: HttpRequest, generation: int) -> str:
    source = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(source.encode()).hexdigest()
    return f"page:{generation}:{timezone.localdate().isoformat()}:{digest}"


def is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` may be served to other visitors: nothing personal, no form token, no nonce."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if uses_request_secrets(
        request
    ):  # also covers a nonce in the CSP header: only a used one is sent
        return False
    # "Vary: Cookie" (set when a template looked at request.user) is fine: only requests without a
    # session cookie are cached, so every visitor sharing this entry is anonymous.
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _key(request, request_generation())
        except Exception:  # noqa: BLE001 - a bad Host header or a database hiccup: just don't cache
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if is_shareable(request, response):
            patch_cache_control(response, no_cache=True, public=True)
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, cache_seconds())
        return response


def connect_signals() -> None:
    """Called from ``PortalConfig.ready``: everything that can change a public page bumps the generation;
    the request signals scope ``request_generation``'s memo to one request."""
    request_started.connect(_start_request, dispatch_uid="portal-caching-request-started")
    request_finished.connect(_finish_request, dispatch_uid="portal-caching-request-finished")
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump_generation, dispatch_uid=f"pagecache-{signal!r}")
    post_delete.connect(bump_generation, sender=Page, dispatch_uid="pagecache-page-delete")

    from django.apps import apps

    watched = [
        "people.Person",
        "programmes.Role",
        "programmes.Municipality",
        "portal.SiteSettings",
        "registrations.Registration",
        "wagtailsearchpromotions.SearchPromotion",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.Site",
    ]
    for label in watched:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"pagecache-delete-{label}")
