"""Template filters for case pages."""

from __future__ import annotations

from django import template

from programmes.services import format_number

register = template.Library()


@register.filter
def dutch_number(value: int | None) -> str:
    """``226000`` -> ``"226.000"`` (Dutch thousands separator); empty for ``None``."""
    return "" if value is None else format_number(value)
