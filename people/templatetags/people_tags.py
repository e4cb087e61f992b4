"""Template filters for showing people's contact details."""

from __future__ import annotations

from django import template

from people.services import tel_uri

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """``"06 1209 8499"`` -> ``"tel:0612098499"`` (for ``<a href>``); empty when there is no number."""
    return tel_uri(phone)
