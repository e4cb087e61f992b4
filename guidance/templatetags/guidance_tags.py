"""``{% alert_signup source %}``: the alert link for the current filters of a listing (catalogue or
case library), used through ``templates/includes/alert_signup.html``."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from guidance.alerts import describe
from guidance.constants import AlertSource

register = template.Library()

FOLLOWED_PARAMS = ("functie", "thema")


@register.inclusion_tag("guidance/alert_signup.html", takes_context=True)
def alert_signup(context, source: str = AlertSource.OFFERINGS):
    listing = context.get("listing")
    chosen = {c.param: c for c in getattr(listing, "chosen", []) if c.param in FOLLOWED_PARAMS}
    query = {"bron": source, **{param: c.value for param, c in chosen.items()}}
    role = chosen.get("functie")
    theme = chosen.get("thema")
    return {
        "subscribe_url": f"{reverse('guidance:subscribe')}?{urlencode(query)}",
        "topic": describe(source, role.label if role else "", theme.label if theme else ""),
        "scan_url": reverse("guidance:scan_index") if source == AlertSource.OFFERINGS else "",
    }
