"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability.

The contact and the expiry come from the site settings (``SiteSettings.security_contact``, else the
general ``contact_email``; ``SiteSettings.security_txt_expires``). The file must never be served with an
``Expires`` in the past, so the rule is:

* a stored expiry date in the future is served as it is (end of that day, Europe/Amsterdam, in UTC);
* without one, or once it has passed, the file announces ``FALLBACK_DAYS`` (30) days from today, so it
  stays valid while the deploy check ``portal.W010`` (``manage.py check --deploy``) nags the editors to
  set a new date. The admin refuses a past date or one more than a year ahead.

``Canonical`` is the file on the one public address (``SITE_URL``). Without any contact address the URL
answers 404: a security.txt without ``Contact`` is invalid.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Site

from portal.site_address import absolute_url

FALLBACK_DAYS = 30
PATH = "/.well-known/security.txt"


def contact_uri(value: str) -> str:
    """``mailto:`` for an e-mail address; an https:// address as it is."""
    value = value.strip()
    if not value or value.startswith(("https://", "mailto:", "tel:")):
        return value
    return f"mailto:{value}"


def expires(stored: datetime.date | None, today: datetime.date | None = None) -> datetime.datetime:
    """The ``Expires`` moment: the stored date while it lies ahead, else ``FALLBACK_DAYS`` from today."""
    today = today or timezone.localdate()
    day = stored if stored and stored > today else today + datetime.timedelta(days=FALLBACK_DAYS)
    end_of_day = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(end_of_day).astimezone(datetime.UTC)


def render(settings) -> str | None:
    """The file's text for these ``SiteSettings``; ``None`` without a contact."""
    contact = contact_uri(settings.security_contact or settings.contact_email)
    if not contact:
        return None
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires(settings.security_txt_expires).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url(PATH)}",
    ]
    return "\n".join(lines) + "\n"


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    from portal.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    text = render(SiteSettings.for_site(site))
    if text is None:
        raise Http404
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
