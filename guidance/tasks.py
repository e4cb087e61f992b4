"""Background work of the guidance app (Django's task framework, backend alias ``background``).

- :func:`send_confirmation_mail`: the double opt-in mail of one new subscription.
- :func:`process_alerts`: :func:`guidance.alerts.run_alerts`, queued after every publish of an offering
  or case and run by cron (``manage.py send_alerts``). It is idempotent: the delivery table, not the task,
  decides what is sent, so a task that runs twice sends nothing twice.
"""

from __future__ import annotations

import logging

from django.tasks import task

logger = logging.getLogger("guidance.tasks")

BACKEND = "background"


@task(backend=BACKEND)
def send_confirmation_mail(subscription_id: int) -> bool:
    from guidance.alerts import send_confirmation

    return send_confirmation(subscription_id)


@task(backend=BACKEND)
def process_alerts() -> dict[str, int]:
    from guidance.alerts import run_alerts

    return run_alerts()


def enqueue_confirmation(subscription_id: int) -> None:
    try:
        send_confirmation_mail.enqueue(subscription_id)
    except Exception:  # noqa: BLE001 - the request must not fail on the queue
        logger.exception("Queueing the confirmation of subscription %s failed.", subscription_id)


def enqueue_process_alerts() -> None:
    try:
        process_alerts.enqueue()
    except Exception:  # noqa: BLE001 - a publish must not fail on the queue; cron runs the job
        logger.exception("Queueing the alert job failed; cron runs it.")
