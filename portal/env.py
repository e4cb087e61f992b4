"""The one place where the portal reads its environment, and the one place it is documented.

Every variable the portal understands is declared once in ``VARIABLES``: its name, type, default and
description. Settings modules read them with ``read(NAME)`` (typed, the registry's default when unset) or
``require(NAME)`` (production secrets: no default); nothing else in the code base touches ``os.environ``
and no call site repeats a default. The README's "Configuration reference" table is printed from the same
registry by ``manage.py config_table`` and ``tests/portal/test_config_reference.py`` fails when the two
differ, so the docs and the code cannot drift apart.

To add a variable: add a ``Variable(...)`` to ``VARIABLES`` (``doc_default`` only when the literal default
is not what a reader should see), read it in ``portal/settings/`` with ``env.read(name)``, then run
``manage.py config_table`` and paste its output over the README's table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Variable:
    """One environment variable: ``kind`` is ``str``, ``int``, ``bool`` or ``list`` (comma-separated)."""

    name: str
    kind: type
    default: str | int | bool | list | None
    description: str
    #: How the default reads in the docs when the literal ``default`` is not the whole story.
    doc_default: str = ""

    def default_for_docs(self) -> str:
        if self.doc_default:
            return self.doc_default
        if self.default in ("", [], None):
            return "empty"
        if isinstance(self.default, bool):
            return f"`{str(self.default).lower()}`"
        if isinstance(self.default, list):
            return f"`{','.join(self.default)}`"
        return f"`{self.default}`"


VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable(
            "DJANGO_SETTINGS_MODULE",
            str,
            "portal.settings.dev",
            "`portal.settings.dev`, `.test` or `.production` (read by `manage.py` and `wsgi.py`, "
            "which defaults to production)",
        ),
        Variable(
            "SECRET_KEY",
            str,
            "",
            "Django's signing key (≥ 50 random characters)",
            doc_default="none; required in production",
        ),
        Variable(
            "ALLOWED_HOSTS",
            list,
            ["127.0.0.1", "localhost", "[::1]"],
            "comma-separated host names; required in production",
            doc_default="`127.0.0.1,localhost,[::1]`; none in production",
        ),
        Variable(
            "CSRF_TRUSTED_ORIGINS",
            list,
            [],
            "comma-separated `https://` origins trusted for forms",
        ),
        Variable(
            "DATABASE_URL",
            str,
            f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}",
            "the database; `postgres://user:pass@host/name` for PostgreSQL. SQLite runs in WAL mode "
            "with immediate transactions",
            doc_default="`sqlite:///var/portal.sqlite3`",
        ),
        Variable("DB_CONN_MAX_AGE", int, 60, "seconds a PostgreSQL connection is reused"),
        Variable(
            "REDIS_URL",
            str,
            "",
            "Redis for the cache, rate limits and page cache; an unreachable Redis degrades to "
            '"no cache"',
            doc_default="empty (local-memory cache)",
        ),
        Variable(
            "REDIS_TIMEOUT_MS",
            int,
            100,
            "milliseconds before a Redis connect or command gives up (the cache is then skipped)",
        ),
        Variable(
            "CACHE_BREAKER_SECONDS",
            int,
            30,
            "seconds the cache is skipped after a Redis failure before it is tried again",
        ),
        Variable(
            "SEARCH_BACKEND",
            str,
            "database",
            "`database`, `elasticsearch8`, `elasticsearch9`, `opensearch2`, `opensearch3`",
        ),
        Variable(
            "SEARCH_URL",
            str,
            "",
            "URL of the search engine; required for the non-database backends",
        ),
        Variable("SEARCH_INDEX", str, "portal", "index name prefix"),
        Variable(
            "SEARCH_TIMEOUT",
            int,
            1,
            "seconds before a search-engine request gives up (no retries; /zoeken/ then answers 503, "
            "admin listings show the list without the search term and a Dutch message)",
        ),
        Variable(
            "SEARCH_BREAKER_SECONDS",
            int,
            30,
            "after a search-engine connection failure or timeout the engine is skipped this long "
            "(circuit breaker, `search/breaker.py`; OpenSearch backends); index updates meanwhile are "
            "skipped with a log line and queued as a task (`search/tasks.py`)",
        ),
        Variable(
            "EMAIL_HOST",
            str,
            "localhost",
            "SMTP server (production; dev prints mail to the console)",
        ),
        Variable("EMAIL_PORT", int, 25, "SMTP port"),
        Variable("EMAIL_HOST_USER", str, "", "SMTP user name"),
        Variable("EMAIL_HOST_PASSWORD", str, "", "SMTP password"),
        Variable("EMAIL_USE_TLS", bool, False, "use STARTTLS for SMTP"),
        Variable(
            "EMAIL_TIMEOUT",
            int,
            10,
            "seconds before an SMTP connection gives up (the mail is retried later)",
        ),
        Variable(
            "TASK_BACKEND",
            str,
            "database",
            "`database` (a queue in the database, run by `manage.py db_worker --backend background`) "
            "or `immediate` (inline; the test settings' default)",
        ),
        Variable("DEFAULT_FROM_EMAIL", str, "noreply@localhost", "sender of the portal's mail"),
        Variable(
            "PROGRAMME_STAFF_EMAIL",
            str,
            "programmabureau@localhost",
            "receives the short notice of each new registration",
        ),
        Variable(
            "RETENTION_DAYS",
            int,
            730,
            "default days a registration's personal data is kept (per programme overridable, and "
            "editable in the admin's site settings)",
        ),
        Variable(
            "SITE_URL",
            str,
            "",
            "the one public address (scheme, host, optional port; no path) every absolute link uses: "
            "the Wagtail site's hostname and port, sitemap, feed, mails, admin links "
            "(`WAGTAILADMIN_BASE_URL`), canonical and Open Graph links, calendar UIDs. Unset, it "
            "follows `HOST`/`PORT`, so `PORT=18080 make run` links to port 18080. The default Wagtail "
            "site is pointed at it after every `migrate`, by the seed loader and on every `make run` "
            "(`manage.py sync_site_url`). Set it in production (`https://…`); `manage.py check "
            "--deploy` warns when it is not https or its host is not in `ALLOWED_HOSTS`",
            doc_default="`http://HOST:PORT` (`http://127.0.0.1:8000`)",
        ),
        Variable("MEDIA_ROOT", str, "var/media", "folder for uploaded images and documents"),
        Variable("STATIC_ROOT", str, "var/static", "folder `collectstatic` writes to"),
        Variable(
            "PAGE_CACHE_SECONDS",
            int,
            300,
            "lifetime of cached anonymous pages; `0` turns the page cache off",
        ),
        Variable(
            "FRAGMENT_CACHE_SECONDS",
            int,
            300,
            "lifetime of cached listing counts, filter options and catalogue cards (invalidated "
            "with the page cache); `0` turns them off",
        ),
        Variable(
            "SEARCH_CACHE_SECONDS",
            int,
            300,
            "lifetime of cached search outcomes (result ids, titles and facet counts; nothing "
            "personal) and of rendered results pages for visitors without a session, invalidated "
            "with the page cache; `0` turns both off",
        ),
        Variable(
            "RATE_LIMIT_ENABLED",
            bool,
            True,
            "per-IP limits on registration submissions, the registration review step, alert "
            "subscriptions, the fee API and search (every scope, its window and limit: "
            "`portal.ratelimit.DEFAULT_LIMITS` and the scopes apps register)",
        ),
        Variable("RATE_LIMIT_REGISTRATION", int, 10, "registration submissions per IP per hour"),
        Variable("RATE_LIMIT_FEE_QUOTE", int, 600, "fee-quote requests per IP per minute"),
        Variable(
            "TRUSTED_PROXY_COUNT",
            int,
            0,
            "proxies in front that append to `X-Forwarded-For` (to find the client IP)",
        ),
        Variable("PORT", int, 8000, "where `make run` / `make serve` listen (port)"),
        Variable("HOST", str, "127.0.0.1", "where `make run` / `make serve` listen (interface)"),
        Variable("WEB_CONCURRENCY", int, 2, "gunicorn workers for `make serve` (read by gunicorn)"),
        Variable(
            "LOG_LEVEL",
            str,
            "INFO",
            "level of the portal's loggers (logs never contain personal data)",
        ),
    )
}


def _variable(name: str) -> Variable:
    try:
        return VARIABLES[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"{name} is not declared in portal.env.VARIABLES; declare it there first."
        ) from None


def default(name: str):
    """The registry's default of ``name`` (a fresh copy for lists)."""
    value = _variable(name).default
    return list(value) if isinstance(value, list) else value


def is_set(name: str) -> bool:
    _variable(name)
    return bool(os.environ.get(name, "").strip())


def read(name: str):
    """The value of a declared variable, parsed to its type; its registry default when unset."""
    variable = _variable(name)
    readers = {str: get_str, int: get_int, bool: get_bool, list: get_list}
    return readers[variable.kind](name, default(name))


def require(name: str):
    """Like ``read``, but an unset variable is an error (secrets in production)."""
    if not is_set(name):
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return read(name)


def markdown_table() -> str:
    """The README's configuration reference, one row per declared variable (``manage.py config_table``)."""
    lines = ["| variable | default | what it switches |", "| --- | --- | --- |"]
    for v in VARIABLES.values():
        cells = (f"`{v.name}`", v.default_for_docs(), v.description)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


# The parsers below are what ``read`` uses; settings call ``read``/``require``, not these.


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
    value = read("SITE_URL")
    if not value:
        host = read("HOST")
        if host in LISTEN_ALL:
            host = "127.0.0.1"
        elif ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        port = read("PORT")
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

    config = dj_database_url.parse(read("DATABASE_URL"), conn_max_age=read("DB_CONN_MAX_AGE"))
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
    redis_url = read("REDIS_URL") if redis_url is None else redis_url
    if redis_url:
        timeout = read("REDIS_TIMEOUT_MS") / 1000
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
                    "breaker_seconds": read("CACHE_BREAKER_SECONDS"),
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
    choice = read("SEARCH_BACKEND")
    if choice not in SEARCH_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not {choice!r}."
        )
    if choice == "database":
        config = {"BACKEND": SEARCH_BACKENDS[choice]}
        if database_config()["ENGINE"].startswith("django.db.backends.postgresql"):
            config["SEARCH_CONFIG"] = "dutch"
        return {"default": config}
    url = read("SEARCH_URL")
    if not url or not urlsplit(url).scheme:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={choice} needs SEARCH_URL (http://host:9200).")
    from search.index_settings import dutch_index_settings

    timeout = read("SEARCH_TIMEOUT")
    return {
        "default": {
            "BACKEND": SEARCH_BACKENDS[choice],
            "URLS": [url],
            "INDEX_PREFIX": f"{read('SEARCH_INDEX')}_",
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "BREAKER_SECONDS": read("SEARCH_BREAKER_SECONDS"),
            "INDEX_SETTINGS": dutch_index_settings(),
        }
    }
