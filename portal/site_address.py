"""The portal's one public address (``SITE_URL``) and the Wagtail Site that has to agree with it.

``SITE_URL`` (read once, in ``portal.env.site_url``; in development ``http://HOST:PORT`` when unset) is
the address every absolute link is built on: mails, the Atom feed, the sitemap (through the Wagtail
Site's root URL), admin links (``WAGTAILADMIN_BASE_URL``) and canonical/Open Graph links.

Wagtail builds full page URLs from the default Site's ``hostname`` and ``port``, so that Site must follow
``SITE_URL``. :func:`sync_default_site` makes it so; it is idempotent and runs

* after every ``migrate`` (a ``post_migrate`` receiver, wired in ``PortalConfig.ready``): deploys;
* in the seed loader, which creates the Site;
* on every ``make run`` (``manage.py sync_site_url``), because ``make run`` skips migrating when nothing
  changed, while ``PORT`` may have.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

logger = logging.getLogger("portal.site_address")


def site_url() -> str:
    """``SITE_URL`` without a trailing slash: ``https://portal.example.nl``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/aan-de-slag/``) on the public address; a full URL is returned unchanged."""
    if urlsplit(path).scheme:
        return path
    return site_url() + "/" + path.lstrip("/")


def site_hostname_and_port() -> tuple[str, int]:
    """The Wagtail Site ``(hostname, port)`` that yields ``SITE_URL`` as its root URL."""
    parts = urlsplit(site_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port


def sync_default_site(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Point the default Wagtail Site at ``SITE_URL``; ``True`` when it changed.

    Does nothing without a default Site (the seed loader creates it) or when another Site already holds
    that hostname and port (a multi-site setup the editors manage themselves; logged).
    """
    from wagtail.models import Site

    hostname, port = site_hostname_and_port()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    taken = (
        Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists()
    )
    if taken:
        logger.warning(
            "Another Wagtail site already uses %s:%s; the default site keeps %s:%s.",
            hostname,
            port,
            site.hostname,
            site.port,
        )
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def sync_after_migrate(using: str = DEFAULT_DB_ALIAS, **_kwargs) -> None:
    """``post_migrate`` receiver: skipped while the Site table does not exist (``migrate ... zero``)."""
    from django.db import connections
    from wagtail.models import Site

    if Site._meta.db_table not in connections[using].introspection.table_names():
        return
    sync_default_site(using=using)
