"""Filters for the registrations admin: times in local time and amounts in Dutch notation, written by the
same helpers as the exports (``portal.formatting``, ``programmes.services``)."""

from __future__ import annotations

from django import template

from portal.formatting import local_datetime as _local_datetime
from programmes.services import fee_text, format_eur

register = template.Library()

EMPTY = "—"


@register.filter
def local_datetime(value) -> str:
    """ "01-12-2026 20:15" (Europe/Amsterdam), or "—"."""
    return _local_datetime(value, empty=EMPTY)


@register.filter
def eur(amount) -> str:
    """ "€ 5.000,00" (a total, so zero is "€ 0,00")."""
    return format_eur(amount or 0, cents=True)


@register.filter
def fee(amount, to_be_agreed: str | None = None) -> str:
    """A registration's fee: "€ 5.000,00", "Gratis", or ``to_be_agreed`` / "In overleg"."""
    return fee_text(amount, to_be_agreed=to_be_agreed, cents=True)
