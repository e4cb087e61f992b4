"""The registrations app's entry in /healthz (``portal.health``): the mail outbox."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.health import DEGRADED, OK, Check
from registrations.constants import MailStatus
from registrations.models import OutgoingMail

#: How long the oldest unsent mail may wait before /healthz reports the outbox as degraded.
MAX_AGE = dt.timedelta(minutes=15)


def mail_outbox() -> Check:
    """The age of the oldest unsent mail and how many mails gave up (counts only, no addresses)."""
    oldest = (
        OutgoingMail.objects.filter(status=MailStatus.PENDING)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    age = None if oldest is None else timezone.now() - oldest
    return Check(
        DEGRADED if age is not None and age > MAX_AGE else OK,
        {
            "oldest_unsent_age_seconds": None if age is None else round(age.total_seconds()),
            "failed": OutgoingMail.objects.filter(status=MailStatus.FAILED).count(),
        },
    )
