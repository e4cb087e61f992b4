"""System checks for the public address (``manage.py check --deploy``): in production every link in mails,
feeds, the sitemap and the admin is built on ``SITE_URL``, so a missing or wrong value is worth a warning
before the first mail goes out with a link to http://127.0.0.1:8000."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[Warning]:
    parts = urlsplit(settings.SITE_URL)
    warnings: list[Warning] = []
    if parts.scheme != "https":
        warnings.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in mails, feeds, the sitemap and the admin "
                "point at a plain-http address.",
                hint="Set SITE_URL to the public https:// address, e.g. https://portaal.example.nl.",
                id="portal.W001",
            )
        )
    elif parts.port not in (None, 443):
        warnings.append(
            Warning(
                "SITE_URL uses https on a port other than 443, which a Wagtail site cannot express: "
                "page links in the sitemap and feed would use http.",
                hint="Serve the site on https://host/ (port 443) behind the TLS proxy.",
                id="portal.W002",
            )
        )
    if parts.hostname and not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        warnings.append(
            Warning(
                f"The host of SITE_URL ({parts.hostname}) is not in ALLOWED_HOSTS: its links would "
                "be refused.",
                hint="Add it to ALLOWED_HOSTS.",
                id="portal.W003",
            )
        )
    return warnings


@register(Tags.security, deploy=True)
def check_security_txt_expiry(app_configs=None, **kwargs) -> list[Warning]:
    """``portal.W010``: security.txt's stored expiry date is missing, past or within 30 days."""
    import datetime

    from django.db import DatabaseError
    from django.utils import timezone
    from wagtail.models import Site

    from portal.models import SiteSettings
    from portal.security_txt import FALLBACK_DAYS

    try:
        site = Site.objects.filter(is_default_site=True).first()
        stored = SiteSettings.for_site(site).security_txt_expires if site else None
    except DatabaseError:  # no database yet (first deploy before migrate)
        return []
    if site is None:
        return []
    if stored and stored > timezone.localdate() + datetime.timedelta(days=FALLBACK_DAYS):
        return []
    return [
        Warning(
            "The expiry date of /.well-known/security.txt is missing, past or within "
            f"{FALLBACK_DAYS} days ({stored or 'not set'}): the file then announces a date "
            f"{FALLBACK_DAYS} days ahead.",
            hint="Check the security contact and set a new date (at most a year ahead) in the "
            "admin: Settings > Site settings > Security contact.",
            id="portal.W010",
        )
    ]
