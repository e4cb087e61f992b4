"""Logging filter that keeps personal data out of log records (AVG).

The portal never logs form values on purpose; this filter is the safety net for third-party messages. It
masks e-mail addresses and Dutch phone numbers in the rendered message and drops the request object that
Django attaches to ``django.request`` records (it carries POST data).
"""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?\d(?:[\s-]?\d){7,9}(?!\d)")


def scrub(text: str) -> str:
    return PHONE.sub("[telefoon]", EMAIL.sub("[e-mail]", text))


class ScrubPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not stop logging
            return True
        record.msg = scrub(message)
        record.args = ()
        if hasattr(record, "request"):
            record.request = None
        return True
