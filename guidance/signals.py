"""Receivers and limits the guidance app registers in ``GuidanceConfig.ready``."""

from __future__ import annotations

from django.db import transaction

#: ``{scope: (limit, window_seconds)}`` added to ``portal.ratelimit``: subscribing per IP address, and
#: confirmation mails per e-mail address (someone subscribing another person's address repeatedly).
RATE_LIMITS = {
    "alert_subscribe": (10, 60 * 60),
    "alert_subscribe_address": (3, 24 * 60 * 60),
}


def page_published(sender, instance, **kwargs) -> None:
    """A published offering or case: run the alert job once the publish has committed."""
    from cases.models import CasePage
    from programmes.models import ProgrammePage

    if not isinstance(instance, (ProgrammePage, CasePage)):
        return
    from guidance.tasks import enqueue_process_alerts

    transaction.on_commit(enqueue_process_alerts)
