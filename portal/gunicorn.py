"""gunicorn's access log without personal data (``make serve`` passes ``--logger-class`` for this).

gunicorn logs the request line as sent, query string included, so an admin search for
``jan@gemeente.nl`` or a search for a person's name would land in the log. ``PrivateAccessLogger`` drops
every query string (``%(r)s`` becomes method, path and protocol; ``%(q)s`` is empty), masks e-mail
addresses and phone numbers left in the path, and blanks the referrer (which carries the previous page's
query string). Request and response headers and the environment are not offered to the format at all.
gunicorn's error log ("Error handling request GET /path?query") gets the same treatment through a filter.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger

from portal.logging import scrub

QUERY = re.compile(r"\?[^\s\"']*")


def strip_queries(text: str) -> str:
    return scrub(QUERY.sub("", text))


class StripQueriesFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not stop logging
            return True
        record.msg = strip_queries(message)
        record.args = ()
        return True


class PrivateAccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(StripQueriesFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = scrub(unquote(atoms.get("U") or "")) or "/"
        safe = {
            key: value for key, value in atoms.items() if not key.startswith("{")
        }  # no headers or environ: cookies, referrers and forwarded query strings stay out
        safe.update(
            {
                "U": path,
                "q": "",
                "r": f"{atoms.get('m') or '-'} {path} {atoms.get('H') or '-'}",
                "f": "-",
            }
        )
        return safe
