"""Background work of the registrations app, on Django's task framework (``django.tasks``).

The tasks use the task backend alias ``background`` (``settings.TASKS``): in production and with
``make run`` a queue in the database (``django-tasks-db``) that ``manage.py db_worker --backend
background`` works through, so a request only writes a row and never waits for the mail server. Tests run
the same tasks inline (the immediate backend) unless they switch to the database backend.

- :func:`send_outbox_mail` sends one mail of the outbox (:mod:`registrations.mail`). A failed attempt is
  recorded there (attempts, backoff, an error text without personal data) and the task enqueues itself
  again for the time of the next attempt. The outbox row, not the task, is the source of truth: the claim
  in :func:`registrations.mail.send_pending` makes a mail go out once even if two tasks for it run, and
  ``manage.py send_queued_mail`` (cron) sends whatever a lost task left behind.
- :func:`run_retention` is the retention run (``registrations.retention``), run by ``manage.py
  anonymise_registrations`` inline or queued for the worker (``--enqueue``); :func:`schedule_retention`
  queues it, at a given time where the backend can defer. Django's task framework has no periodic
  scheduler: cron (or a systemd timer) starts the daily run.
"""

from __future__ import annotations

import logging

from django.tasks import task

from registrations.constants import MailStatus

logger = logging.getLogger("registrations.tasks")

BACKEND = "background"


@task(backend=BACKEND)
def send_outbox_mail(mail_id: int) -> int:
    """Send the outbox mail ``mail_id`` if it is due; on failure schedule the next attempt."""
    from registrations.mail import send_pending

    sent = send_pending(ids=[mail_id])
    if not sent:
        schedule_retry(mail_id)
    return sent


def enqueue_outbox_mail(mail_id: int) -> None:
    """Queue :func:`send_outbox_mail` for ``mail_id``; a failure to queue leaves it to the cron sweep."""
    try:
        send_outbox_mail.enqueue(mail_id)
    except Exception:  # noqa: BLE001 - the request that queued the mail must never fail on it
        logger.exception(
            "Queueing the send task for mail %s failed; the cron sweep sends it.", mail_id
        )


def schedule_retry(mail_id: int) -> bool:
    """Enqueue the next attempt for a still-pending mail at its ``next_attempt_at``.

    Backends that cannot defer (the immediate one) leave the retry to ``manage.py send_queued_mail``.
    """
    from registrations.models import OutgoingMail

    mail = OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.PENDING).first()
    if mail is None or mail.next_attempt_at is None:
        return False
    if not send_outbox_mail.get_backend().supports_defer:
        return False
    send_outbox_mail.using(run_after=mail.next_attempt_at).enqueue(mail_id)
    return True


@task(backend=BACKEND)
def run_retention() -> dict[str, int]:
    """The retention run (:func:`registrations.retention.anonymise_expired`): counts only, no personal data.

    ``manage.py anonymise_registrations`` runs it inline (cron, daily) or, with ``--enqueue``, queues it
    for the worker (optionally ``--delay-minutes`` later). Safe to run twice: it only touches registrations
    not anonymised yet."""
    from registrations.retention import anonymise_expired

    result = anonymise_expired()
    logger.info(
        "Retention run: %s registration(s) anonymised, %s mail(s) deleted.",
        result.anonymised,
        result.mails_deleted,
    )
    return {"anonymised": result.anonymised, "mails_deleted": result.mails_deleted}


def schedule_retention(run_after=None):
    """Queue :func:`run_retention` for the worker (at ``run_after`` if the backend can defer)."""
    if run_after is not None and run_retention.get_backend().supports_defer:
        return run_retention.using(run_after=run_after).enqueue()
    return run_retention.enqueue()
