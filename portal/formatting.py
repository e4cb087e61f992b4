"""How dates and times are written in the admin and in exports: always local time (``TIME_ZONE``,
Europe/Amsterdam), always the same notation.

``local_datetime`` gives "01-12-2026 20:15" (day-month-year, 24-hour clock: the notation Dutch
spreadsheets read as a date and time). Exports that keep typed cells (XLSX) use ``XLSX_DATETIME_FORMAT``,
the same notation as a spreadsheet number format. Amounts are written by ``programmes.services.fee_text``
and ``format_eur``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DATETIME_FORMAT = "%d-%m-%Y %H:%M"
DATE_FORMAT = "%d-%m-%Y"
XLSX_DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
XLSX_DATE_FORMAT = "dd-mm-yyyy"


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in local time (naive values are taken to be local already)."""
    if timezone.is_aware(value):
        return timezone.localtime(value, timezone.get_default_timezone())
    return value


def local_datetime(value: dt.datetime | None, *, empty: str = "") -> str:
    """ "01-12-2026 20:15" in local time; ``empty`` for ``None``."""
    if value is None:
        return empty
    return local(value).strftime(DATETIME_FORMAT)


def local_date(value: dt.date | None, *, empty: str = "") -> str:
    """ "01-12-2026"; ``empty`` for ``None``."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = local(value)
    return value.strftime(DATE_FORMAT)
