"""How the portal writes things down for people, in one place.

Dates and times (the admin and exports): always local time (``TIME_ZONE``, Europe/Amsterdam), always the
same notation. ``local_datetime`` gives "01-12-2026 20:15" (day-month-year, 24-hour clock: the notation
Dutch spreadsheets read as a date and time). Exports that keep typed cells (XLSX) use
``XLSX_DATETIME_FORMAT``, the same notation as a spreadsheet number format. Amounts are written by
``programmes.services.fee_text`` and ``format_eur``.

Text cut-offs and phone numbers: ``excerpt`` and ``format_phone``, used by the template filters
``excerpt`` and ``phone`` (portal/templatetags/frontend_tags.py).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.text import Truncator

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


# Dutch area codes of two digits after the 0 (010 Rotterdam, 020 Amsterdam, 030 Utrecht, ...); every
# other geographic area code has three (0318 Ede, ...). Source: ACM numbering plan.
TWO_DIGIT_AREA_CODES = frozenset(
    [
        "10",
        "13",
        "15",
        "20",
        "23",
        "24",
        "26",
        "30",
        "33",
        "35",
        "36",
        "38",
        "40",
        "43",
        "45",
        "46",
        "50",
        "53",
        "55",
        "58",
        "70",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "77",
        "78",
        "79",
    ]
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u00C0-\u024F\"'“‘(])")


def format_phone(phone: str) -> str:
    """A Dutch phone number in one house style, whatever the editor typed.

    ``"06-41251188"`` -> ``"06 4125 1188"``; ``"0301234567"`` -> ``"030 123 4567"``; ``"0318-123456"``
    -> ``"0318 123 456"``; ``"+31 (0)6 12345678"`` -> ``"+31 6 1234 5678"``; ``"0800-1234"`` ->
    ``"0800 1234"``. A number that is not a Dutch number of the usual length comes back as typed
    (trimmed), so nothing is ever lost.
    """
    typed = (phone or "").strip()
    international = typed.startswith("+31") or typed.startswith("0031")
    digits = re.sub(r"\D", "", typed.replace("(0)", ""))
    if international:
        digits = digits[2:] if digits.startswith("31") else digits[4:]
        national = digits
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return typed
    if national[:3] in {"800", "900", "906", "909"} and 7 <= len(national) <= 10:
        grouped = [national[:3], national[3:]]
    elif len(national) != 9:
        return typed
    elif national.startswith("6"):
        grouped = ["6", national[1:5], national[5:]]
    elif national[:2] in TWO_DIGIT_AREA_CODES:
        grouped = [national[:2], national[2:5], national[5:]]
    else:
        grouped = [national[:3], national[3:6], national[6:]]
    if international:
        return " ".join(["+31", *grouped])
    return " ".join(["0" + grouped[0], *grouped[1:]])


def excerpt(text: str, max_chars: int = 200) -> str:
    """``text`` cut after the last whole sentence that fits in ``max_chars``.

    When even the first sentence is longer, it is cut at a word and ends in "…". Text that fits is
    returned whole, so a card never ends mid-sentence without saying so.
    """
    text = " ".join((text or "").split())
    if len(text) <= max_chars:
        return text
    kept = ""
    for sentence in SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        kept = candidate
    return kept or Truncator(text).chars(max_chars, truncate="…")
