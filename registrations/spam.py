"""Spam protection for the public registration form, without CAPTCHAs or third parties.

* A honeypot field (:data:`HONEYPOT_FIELD`): visually hidden, inside an ``aria-hidden`` container, out of
  the tab order and with ``autocomplete="off"``, so people (also screen-reader and keyboard users) never
  fill it; a bot that fills every field is rejected without saving anything.
* A signed form token (:func:`issue_token`): ``django.core.signing`` with a timestamp and a random nonce.
  A form sent back sooner than :data:`MIN_SECONDS` after it was shown, or later than :data:`MAX_AGE`,
  gets a friendly message instead of a registration. The nonce doubles as the registration's
  ``submission_key``, so submitting the same form twice (refresh, double click, two tabs) makes one
  registration.
* A per-IP rate limit on submission (``portal.ratelimit``, scope ``registration``), applied in the route.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.core import signing

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret
SALT = "registrations.form-token"
MIN_SECONDS = 3
MAX_AGE = 24 * 60 * 60


class TokenError(Exception):
    """The form token is missing, forged, too fresh or too old. ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FormToken:
    nonce: str
    issued_at: float


def issue_token(issued_at: float | None = None) -> str:
    """A new signed token for a freshly shown form."""
    payload = {"n": secrets.token_urlsafe(24), "t": time.time() if issued_at is None else issued_at}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str, *, check_min_age: bool = True) -> FormToken:
    """The token's nonce and time; raises :class:`TokenError` ("invalid", "too_fast", "expired")."""
    if not token:
        raise TokenError("invalid")
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenError("expired") from exc
    except signing.BadSignature as exc:
        raise TokenError("invalid") from exc
    try:
        nonce, issued_at = str(payload["n"]), float(payload["t"])
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenError("invalid") from exc
    now = time.time()
    if issued_at > now + 5 or now - issued_at > MAX_AGE:
        raise TokenError("expired")
    if check_min_age and now - issued_at < MIN_SECONDS:
        raise TokenError("too_fast")
    return FormToken(nonce=nonce, issued_at=issued_at)


def honeypot_filled(value: str | None) -> bool:
    return bool((value or "").strip())
