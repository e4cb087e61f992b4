"""The mail outbox: every e-mail the portal sends is stored first and sent later, with retries.

Flow:

1. Code that wants to send mail calls :func:`enqueue_mail` inside its database transaction. The row is
   created with ``get_or_create`` on ``dedupe_key`` (e.g. ``"<reference>:confirmation"``), so doing the
   same thing twice never queues a second mail.
2. When the transaction commits, ``transaction.on_commit`` calls :func:`send_pending` for the new mail. If
   the transaction rolls back, nothing is sent, because nothing was stored.
3. :func:`send_pending` claims due rows (``PENDING`` and ``next_attempt_at`` empty or past) by pushing
   their ``next_attempt_at`` a lease into the future; on PostgreSQL with ``SELECT ... FOR UPDATE SKIP
   LOCKED`` so two workers never claim the same row, on SQLite the write lock taken at ``BEGIN IMMEDIATE``
   does the same. It then sends each claimed mail outside the transaction.
4. A failed send (mail server down, connection refused, ...) counts an attempt, stores a short error
   without personal data (only the exception type and SMTP code) and schedules the next attempt with
   exponential backoff. After :data:`MAX_ATTEMPTS` the mail is marked ``FAILED``.
5. ``manage.py send_queued_mail`` (cron, every minute) retries whatever is still due. It is safe to run two
   at once.

Nothing here logs addresses, names or message bodies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from portal.site_address import absolute_url  # links in mails are on SITE_URL
from registrations.constants import MailStatus
from registrations.models import OutgoingMail

logger = logging.getLogger("registrations.mail")

MAX_ATTEMPTS = 8
BASE_BACKOFF = dt.timedelta(minutes=1)
MAX_BACKOFF = dt.timedelta(hours=6)
# How long a claimed mail is invisible to other workers while it is being sent.
CLAIM_LEASE = dt.timedelta(minutes=5)
ICS_FILENAME = "bijeenkomsten.ics"


def enqueue_mail(
    *,
    kind: str,
    dedupe_key: str,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    ics: str = "",
    registration=None,
) -> OutgoingMail:
    """Store a mail in the outbox (once per ``dedupe_key``) and send it after the transaction commits."""
    mail, created = OutgoingMail.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "kind": kind,
            "to": to,
            "subject": subject[:255],
            "body": body,
            "html_body": html_body,
            "ics": ics,
            "registration": registration,
        },
    )
    if created:
        mail_id = mail.pk
        transaction.on_commit(lambda: _send_after_commit(mail_id))
    return mail


def _send_after_commit(mail_id: int) -> None:
    """Try to send one fresh mail right away; a failure leaves it queued for the cron job."""
    try:
        send_pending(ids=[mail_id])
    except Exception:  # noqa: BLE001 - the request that queued the mail must never fail on it
        logger.exception("Sending queued mail %s after commit failed; it stays queued.", mail_id)


def backoff(attempts: int) -> dt.timedelta:
    """Wait before attempt ``attempts + 1``: 1, 2, 4, 8 ... minutes, at most six hours."""
    return min(BASE_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _due(now: dt.datetime) -> Q:
    return Q(status=MailStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim(limit: int, ids: Iterable[int] | None) -> list[OutgoingMail]:
    now = timezone.now()
    with transaction.atomic():
        queryset = OutgoingMail.objects.filter(_due(now)).order_by("created_at", "pk")
        if ids is not None:
            queryset = queryset.filter(pk__in=list(ids))
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        mails = list(queryset[:limit])
        if mails:
            OutgoingMail.objects.filter(pk__in=[m.pk for m in mails]).update(
                next_attempt_at=now + CLAIM_LEASE
            )
    return mails


def build_message(mail: OutgoingMail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        connection=connection,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    if mail.ics:
        message.attach(ICS_FILENAME, mail.ics, "text/calendar")
    return message


def short_error(exc: BaseException) -> str:
    """The exception type and SMTP code only: server messages may echo addresses."""
    code = getattr(exc, "smtp_code", None) or getattr(exc, "errno", None)
    text = type(exc).__name__ + (f" ({code})" if code else "")
    return text[:300]


def send_pending(limit: int = 100, ids: Iterable[int] | None = None) -> int:
    """Send due mails from the outbox. Returns how many were sent."""
    mails = _claim(limit, ids)
    if not mails:
        return 0
    sent = 0
    smtp = get_connection(fail_silently=False)
    try:
        for mail in mails:
            try:
                build_message(mail, connection=smtp).send()
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                _record_failure(mail, exc)
                continue
            OutgoingMail.objects.filter(pk=mail.pk).update(
                status=MailStatus.SENT,
                sent_at=timezone.now(),
                attempts=mail.attempts + 1,
                next_attempt_at=None,
                last_error="",
            )
            sent += 1
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.close()
    return sent


def _record_failure(mail: OutgoingMail, exc: BaseException) -> None:
    attempts = mail.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    OutgoingMail.objects.filter(pk=mail.pk).update(
        attempts=attempts,
        last_error=short_error(exc),
        status=MailStatus.FAILED if gave_up else MailStatus.PENDING,
        next_attempt_at=None if gave_up else timezone.now() + backoff(attempts),
    )
    logger.warning(
        "Mail %s (%s) failed, attempt %s of %s: %s",
        mail.pk,
        mail.kind,
        attempts,
        MAX_ATTEMPTS,
        short_error(exc),
    )


# --------------------------------------------------------------------------------------------------
# The mails a new registration sends


ADMIN_URL_NAMES = (
    "registration:inspect",
    "registration:edit",
    "registrations:inspect",
    "registrations:edit",
    "wagtailsnippets_registrations_registration:inspect",
    "wagtailsnippets_registrations_registration:edit",
)


def admin_url(registration) -> str:
    """The registration in the admin (whichever admin view is installed), else the admin home."""
    from django.urls import NoReverseMatch, reverse

    for name in ADMIN_URL_NAMES:
        try:
            return absolute_url(reverse(name, args=[registration.pk]))
        except NoReverseMatch:
            continue
    return absolute_url("/admin/")


def programme_contacts(programme) -> list:
    """The programme's contact persons (not the supervisors), for "who to ask" in mails and pages."""
    from programmes.constants import ContactRole

    if programme is None:
        return []
    return [
        c.person
        for c in programme.contacts.select_related("person").all()
        if c.role == ContactRole.CONTACT
    ]


def registration_mail_context(registration, track=None) -> dict:
    from programmes.services import format_eur, format_number
    from registrations.constants import RegistrationStatus

    programme = registration.programme
    meetings = list(track.meetings.all()) if track is not None else []
    if registration.fee_amount is None:
        fee = registration.fee_tier
    elif registration.fee_amount == 0:
        from programmes.services import free_label

        fee = free_label()
    else:
        fee = format_eur(registration.fee_amount, cents=True)
    confirmation_path = ""
    if programme is not None and programme.url:
        confirmation_path = programme.url + programme.reverse_subpage(
            "registration_confirmation", args=[registration.reference]
        )
    return {
        "registration": registration,
        "programme_title": registration.programme_title,
        "track_name": registration.track_name,
        "municipality": registration.municipality.name,
        "population": format_number(registration.population),
        "reference_date": registration.population_reference_date,
        "fee": fee,
        "tier": registration.fee_tier,
        "on_waiting_list": registration.status == RegistrationStatus.WAITING_LIST,
        "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        "status_label": registration.get_status_display(),
        "contacts": programme_contacts(programme),
        "meetings": meetings,
        "confirmation_url": absolute_url(confirmation_path) if confirmation_path else "",
        "admin_url": admin_url(registration),
        "organisation_name": _organisation_name(),
    }


def _organisation_name() -> str:
    from wagtail.models import Site

    from portal.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return SiteSettings.for_site(site).organisation_name


def queue_registration_mails(registration, track) -> None:
    """Queue the confirmation to the registrant and the notice to programme staff (once each)."""
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext

    from registrations.constants import MailKind
    from registrations.ical import calendar_for_place

    with translation.override(settings.LANGUAGE_CODE):
        context = registration_mail_context(registration, track)
        enqueue_mail(
            kind=MailKind.CONFIRMATION,
            dedupe_key=f"{registration.reference}:confirmation",
            to=registration.email,
            subject=gettext("Your registration for %(programme)s (%(reference)s)")
            % {"programme": registration.programme_title, "reference": registration.reference},
            body=render_to_string("mail/registration_confirmation.txt", context),
            html_body=render_to_string("mail/registration_confirmation.html", context),
            ics=calendar_for_place(registration, context["meetings"]),  # confirmed places only
            registration=registration,
        )
        enqueue_mail(
            kind=MailKind.STAFF_NOTICE,
            dedupe_key=f"{registration.reference}:staff",
            to=settings.PROGRAMME_STAFF_EMAIL,
            subject=gettext("New registration %(reference)s for %(programme)s")
            % {"programme": registration.programme_title, "reference": registration.reference},
            body=render_to_string("mail/registration_staff_notice.txt", context),
            registration=registration,
        )
