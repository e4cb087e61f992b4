"""The one place where the portal reads its environment.

Every variable the portal understands is listed in ``VARIABLES`` (name, default, meaning); the README's
configuration reference is generated from the same table (``manage.py env_reference``), so the docs and
the code cannot drift apart. Settings modules call the small typed readers below; nothing else in the
code base touches ``os.environ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "DJANGO_SETTINGS_MODULE", "portal.settings.dev", "Settings module: dev, test or production."
    ),
    Variable("SECRET_KEY", "(none; required in production)", "Django's signing key."),
    Variable(
        "ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to."
    ),
    Variable(
        "CSRF_TRUSTED_ORIGINS", "(empty)", "Comma-separated origins (https://…) trusted for forms."
    ),
    Variable(
        "DATABASE_URL",
        "sqlite:///var/portal.sqlite3",
        "Database; postgres://user@host/name for PostgreSQL.",
    ),
    Variable("DB_CONN_MAX_AGE", "60", "Seconds a database connection is kept open (PostgreSQL)."),
    Variable(
        "REDIS_URL", "(empty: local-memory cache)", "Redis for the cache, rate limits and lockouts."
    ),
    Variable(
        "REDIS_TIMEOUT_MS",
        "100",
        "Milliseconds before a Redis connect or command gives up (then the cache is skipped).",
    ),
    Variable(
        "CACHE_BREAKER_SECONDS",
        "30",
        "Seconds the cache is skipped after a Redis failure before it is tried again.",
    ),
    Variable(
        "SEARCH_BACKEND",
        "database",
        "database, elasticsearch8, elasticsearch9, opensearch2 or opensearch3.",
    ),
    Variable(
        "SEARCH_URL",
        "(empty)",
        "URL of the Elasticsearch/OpenSearch server; needed for those backends.",
    ),
    Variable("SEARCH_INDEX", "portal", "Index name prefix in the external search engine."),
    Variable(
        "SEARCH_TIMEOUT", "1", "Seconds before a search engine request gives up (no retries)."
    ),
    Variable(
        "SEARCH_BREAKER_SECONDS",
        "30",
        "Seconds the search engine is skipped after a failure (OpenSearch) before it is tried again.",
    ),
    Variable("EMAIL_HOST", "localhost", "SMTP server for outgoing mail (production)."),
    Variable("EMAIL_PORT", "25", "SMTP port."),
    Variable("EMAIL_HOST_USER", "(empty)", "SMTP user name."),
    Variable("EMAIL_HOST_PASSWORD", "(empty)", "SMTP password."),
    Variable("EMAIL_USE_TLS", "false", "Use STARTTLS for SMTP."),
    Variable(
        "EMAIL_TIMEOUT",
        "10",
        "Seconds before an SMTP connection gives up (the mail is retried later).",
    ),
    Variable(
        "TASK_BACKEND",
        "database",
        "database (a queue in the database, run by `manage.py db_worker --backend background`) or "
        "immediate (inline, only for tests).",
    ),
    Variable("DEFAULT_FROM_EMAIL", "noreply@localhost", "Sender of the portal's mail."),
    Variable(
        "PROGRAMME_STAFF_EMAIL",
        "programmabureau@localhost",
        "Where notices of new registrations go.",
    ),
    Variable("RETENTION_DAYS", "730", "Default days personal data of a registration is kept."),
    Variable(
        "SITE_URL",
        "http://HOST:PORT (http://127.0.0.1:8000)",
        "The one public address (scheme, host, optional port) used in links everywhere: the Wagtail "
        "site, sitemap, feeds, mails, admin links and calendar files. Set it in production.",
    ),
    Variable("MEDIA_ROOT", "var/media", "Folder for uploaded images and documents."),
    Variable("STATIC_ROOT", "var/static", "Folder collectstatic writes to."),
    Variable("PORT", "8000", "Port for make run / make serve."),
    Variable("HOST", "127.0.0.1", "Interface for make run / make serve."),
    Variable("WEB_CONCURRENCY", "2", "gunicorn worker processes for make serve."),
    Variable("LOG_LEVEL", "INFO", "Log level of the portal's loggers."),
    Variable(
        "PAGE_CACHE_SECONDS",
        "300",
        "Lifetime of cached anonymous pages; 0 turns the page cache off.",
    ),
    Variable(
        "FRAGMENT_CACHE_SECONDS",
        "300",
        "Lifetime of cached listing counts and catalogue cards; 0 turns them off.",
    ),
    Variable(
        "SEARCH_CACHE_SECONDS",
        "300",
        "Lifetime of cached search outcomes (ids and counts, nothing personal) and of rendered results "
        "pages for visitors without a session; 0 turns both off.",
    ),
    Variable("RATE_LIMIT_ENABLED", "true", "Per-IP rate limits on registration and the fee API."),
    Variable("RATE_LIMIT_REGISTRATION", "10", "Registration submissions per IP per hour."),
    Variable("RATE_LIMIT_FEE_QUOTE", "600", "Fee-quote API requests per IP per minute."),
    Variable(
        "TRUSTED_PROXY_COUNT",
        "0",
        "Proxies in front that append to X-Forwarded-For (for client IPs).",
    ),
)

BASE_DIR = Path(__file__).resolve().parent.parent


def get_str(name: str, default: str | None = None) -> str:
    """A string variable; ``default=None`` makes it required."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def get_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default or [])


LISTEN_ALL = {"0.0.0.0", "::", "[::]"}  # noqa: S104 - names, not a bind


def site_url() -> str:
    """The portal's one public address, without a trailing slash.

    ``SITE_URL`` when set (``https://portal.example.nl``); otherwise the address ``make run`` and
    ``make serve`` listen on, ``http://HOST:PORT`` (a server on every interface is reached on
    127.0.0.1), so ``PORT=18080 make run`` links to port 18080 without further configuration.
    """
    value = get_str("SITE_URL", "")
    if not value:
        host = get_str("HOST", "127.0.0.1")
        if host in LISTEN_ALL:
            host = "127.0.0.1"
        elif ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        port = get_int("PORT", 8000)
        value = f"http://{host}" if port == 80 else f"http://{host}:{port}"
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        parts = parts._replace(scheme="")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"SITE_URL must be a scheme and host with an optional port, such as "
            f"https://portal.example.nl or http://127.0.0.1:8000, not {value!r}."
        )
    return value.rstrip("/")


def database_config() -> dict:
    """``DATABASE_URL`` as a Django ``DATABASES['default']``; SQLite in ``var/`` by default."""
    import dj_database_url

    url = get_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}")
    config = dj_database_url.parse(url, conn_max_age=get_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # WAL lets readers and a writer work at once; IMMEDIATE takes the write lock at BEGIN,
            # so two registrations never deadlock on a lock upgrade.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config.setdefault("OPTIONS", {})
    return config


def cache_config(redis_url: str | None = None) -> dict:
    """Redis when ``REDIS_URL`` is set, else a per-process local-memory cache.

    Redis gets connect and socket timeouts of ``REDIS_TIMEOUT_MS`` (default 100 ms) and no retries, and
    ``portal.cache.ResilientRedisCache`` skips it for ``CACHE_BREAKER_SECONDS`` after a failure: a Redis
    that hangs costs a page one short timeout, not one per cache call.
    """
    redis_url = get_str("REDIS_URL", "") if redis_url is None else redis_url
    if redis_url:
        timeout = get_int("REDIS_TIMEOUT_MS", 100) / 1000
        return {
            "default": {
                "BACKEND": "portal.cache.ResilientRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "portal",
                "TIMEOUT": 300,
                "OPTIONS": {
                    "socket_connect_timeout": timeout,
                    "socket_timeout": timeout,
                    "retry_on_timeout": False,
                    "breaker_seconds": get_int("CACHE_BREAKER_SECONDS", 30),
                },
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            "TIMEOUT": 300,
        }
    }


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}


def tasks_config(default_backend: str = "database") -> dict:
    """``TASKS``: Wagtail's alias ``default`` inline as before, the portal's ``background`` alias from
    ``TASK_BACKEND`` (``database``: a queue drained by ``manage.py db_worker --backend background``)."""
    choice = get_str("TASK_BACKEND", default_backend)
    if choice not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {choice!r}."
        )
    return {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": TASK_BACKENDS[choice]},
    }


SEARCH_BACKENDS = {
    "database": "search.backends.database",  # Wagtail's, ranking faster on SQLite
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    # Wagtail's, with the engine's circuit breaker (search.breaker)
    "opensearch2": "search.backends.opensearch2",
    "opensearch3": "search.backends.opensearch3",
}


def search_config() -> dict:
    """``WAGTAILSEARCH_BACKENDS`` from ``SEARCH_BACKEND``, ``SEARCH_URL``, ``SEARCH_INDEX`` and
    ``SEARCH_TIMEOUT``.

    The database backend on PostgreSQL indexes and queries with the ``dutch`` text search configuration
    (stemming: "driehoek" finds "driehoeken"); on SQLite it uses FTS5 (no stemming). External engines get
    the Dutch analyser from ``search.index_settings`` and fail fast (no retries, short timeout), so a dead
    engine turns into a friendly 503 on /zoeken/ instead of a hanging request.
    """
    choice = get_str("SEARCH_BACKEND", "database")
    if choice not in SEARCH_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not {choice!r}."
        )
    if choice == "database":
        config = {"BACKEND": SEARCH_BACKENDS[choice]}
        if database_config()["ENGINE"].startswith("django.db.backends.postgresql"):
            config["SEARCH_CONFIG"] = "dutch"
        return {"default": config}
    url = get_str("SEARCH_URL", "")
    if not url or not urlsplit(url).scheme:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={choice} needs SEARCH_URL (http://host:9200).")
    from search.index_settings import dutch_index_settings

    timeout = get_int("SEARCH_TIMEOUT", 1)
    return {
        "default": {
            "BACKEND": SEARCH_BACKENDS[choice],
            "URLS": [url],
            "INDEX_PREFIX": f"{get_str('SEARCH_INDEX', 'portal')}_",
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "BREAKER_SECONDS": get_int("SEARCH_BREAKER_SECONDS", 30),
            "INDEX_SETTINGS": dutch_index_settings(),
        }
    }
