"""E-mail alerts for new offerings and cases, with double opt-in and exactly-once delivery.

Flow:

1. :func:`subscribe` stores a *pending* subscription (only the e-mail address and what it follows:
   offerings or cases, optionally one role and one theme) and queues the confirmation mail. Nothing else
   is ever sent to a pending subscription.
2. The confirmation mail carries a signed link (:func:`confirm_token`: ``django.core.signing`` with its
   own salt, valid :data:`CONFIRM_MAX_AGE`). :func:`confirm` makes the subscription active.
3. :func:`run_alerts` (the task ``guidance.tasks.process_alerts``, queued on every publish of an offering
   or case and run by cron as ``manage.py send_alerts``) does, idempotently:

   * :func:`queue_deliveries`: for each active subscription, every matching item first published after it
     was confirmed gets one :class:`~guidance.models.AlertDelivery` row. The unique constraint on
     ``(subscription, page)`` and ``bulk_create(ignore_conflicts=True)`` make a repeated run add nothing.
   * :func:`send_immediate` / :func:`send_digests`: claim pending rows (a conditional ``UPDATE`` from
     pending to sent; with ``SELECT ... FOR UPDATE SKIP LOCKED`` where the database has it) and only then
     send, so two runs never send the same row. A failed send puts its rows back to pending.
   * :func:`purge_expired`: the retention rule. Unconfirmed subscriptions are deleted after
     :data:`UNCONFIRMED_RETENTION`, unsubscribed ones :data:`UNSUBSCRIBED_RETENTION` after unsubscribing.

4. Every alert mail links to the manage page and to a one-click unsubscribe, and carries the
   ``List-Unsubscribe`` and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` headers (RFC 8058).

Nothing here logs addresses.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from guidance.constants import AlertFrequency, AlertSource, DeliveryStatus, SubscriptionStatus
from guidance.models import AlertDelivery, AlertSubscription

logger = logging.getLogger("guidance.alerts")

CONFIRM_SALT = "guidance.alerts.confirm"
MANAGE_SALT = "guidance.alerts.manage"
#: How long the confirmation link works.
CONFIRM_MAX_AGE = dt.timedelta(days=3)
#: An unconfirmed address is deleted after this.
UNCONFIRMED_RETENTION = dt.timedelta(days=7)
#: An unsubscribed address is deleted this long after unsubscribing.
UNSUBSCRIBED_RETENTION = dt.timedelta(days=30)
#: A weekly subscriber gets at most one digest in this period.
DIGEST_INTERVAL = dt.timedelta(days=7)


class InvalidLink(Exception):
    """A forged, mangled or no longer valid link."""


class ExpiredLink(InvalidLink):
    """A genuine confirmation link that is too old."""


# -- links -----------------------------------------------------------------------------------------


def confirm_token(subscription: AlertSubscription) -> str:
    return signing.dumps(subscription.token, salt=CONFIRM_SALT)


def manage_token(subscription: AlertSubscription) -> str:
    return signing.dumps(subscription.token, salt=MANAGE_SALT)


def _from_token(value: str, salt: str, max_age: dt.timedelta | None) -> AlertSubscription:
    try:
        token = signing.loads(value, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredLink from exc
    except signing.BadSignature as exc:
        raise InvalidLink from exc
    subscription = AlertSubscription.objects.filter(token=token).select_related("role").first()
    if subscription is None:
        raise InvalidLink
    return subscription


def subscription_for_confirmation(value: str) -> AlertSubscription:
    """The subscription a confirmation link is for; :class:`ExpiredLink` or :class:`InvalidLink`."""
    return _from_token(value, CONFIRM_SALT, CONFIRM_MAX_AGE)


def subscription_for_manage(value: str) -> AlertSubscription:
    """The subscription a manage or unsubscribe link is for; :class:`InvalidLink` when there is none."""
    return _from_token(value, MANAGE_SALT, None)


def confirm_url(subscription: AlertSubscription) -> str:
    from portal.site_address import absolute_url

    return absolute_url(reverse("guidance:confirm", args=[confirm_token(subscription)]))


def manage_url(subscription: AlertSubscription) -> str:
    from portal.site_address import absolute_url

    return absolute_url(reverse("guidance:manage", args=[manage_token(subscription)]))


def unsubscribe_url(subscription: AlertSubscription) -> str:
    from portal.site_address import absolute_url

    return absolute_url(reverse("guidance:unsubscribe", args=[manage_token(subscription)]))


# -- what a subscription follows -------------------------------------------------------------------


def theme_name(slug: str) -> str:
    if not slug:
        return ""
    return Tag.objects.filter(slug=slug).values_list("name", flat=True).first() or slug


def describe(
    source: str, role_name: str = "", theme: str = ""
) -> str:  # "nieuw aanbod voor griffiers over participatie"
    """What a subscription follows, as a phrase: ``new offerings for griffiers on participatie``."""
    role_name = role_name.lower()
    if source == AlertSource.CASES:
        if role_name and theme:
            return _("new cases for %(role)s on %(theme)s") % {"role": role_name, "theme": theme}
        if role_name:
            return _("new cases for %(role)s") % {"role": role_name}
        if theme:
            return _("new cases on %(theme)s") % {"theme": theme}
        return _("new cases")
    if role_name and theme:
        return _("new offerings for %(role)s on %(theme)s") % {"role": role_name, "theme": theme}
    if role_name:
        return _("new offerings for %(role)s") % {"role": role_name}
    if theme:
        return _("new offerings on %(theme)s") % {"theme": theme}
    return _("new offerings")


def describe_subscription(subscription: AlertSubscription) -> str:
    role_name = subscription.role.name if subscription.role_id else ""
    return describe(subscription.source, role_name, theme_name(subscription.theme))


def matching_pages(subscription: AlertSubscription) -> QuerySet[Page]:
    """Live, public items the subscription follows, first published after it was confirmed."""
    from cases.models import CasePage
    from programmes.models import ProgrammePage

    model = CasePage if subscription.source == AlertSource.CASES else ProgrammePage
    queryset = model.objects.live().public()
    if subscription.confirmed_at is not None:
        queryset = queryset.filter(first_published_at__gte=subscription.confirmed_at)
    if subscription.role_id:
        queryset = queryset.filter(roles=subscription.role_id)
    if subscription.theme:
        queryset = queryset.filter(tags__slug=subscription.theme)
    return queryset.distinct()


# -- subscribing -----------------------------------------------------------------------------------


def subscribe(
    *, email: str, source: str, role=None, theme: str = "", frequency: str
) -> AlertSubscription:
    """Store a pending subscription and queue its confirmation mail (after the commit)."""
    from guidance.tasks import enqueue_confirmation

    subscription = AlertSubscription.objects.create(
        email=email.strip(),
        source=source,
        role=role,
        theme=theme,
        frequency=frequency,
    )
    subscription_id = subscription.pk
    transaction.on_commit(lambda: enqueue_confirmation(subscription_id))
    return subscription


def confirm(subscription: AlertSubscription) -> bool:
    """Activate a pending subscription; ``False`` when it was active already (a second click)."""
    if subscription.status == SubscriptionStatus.ACTIVE:
        return False
    subscription.status = SubscriptionStatus.ACTIVE
    subscription.confirmed_at = timezone.now()
    subscription.unsubscribed_at = None
    subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return True


def unsubscribe(subscription: AlertSubscription) -> None:
    """Stop all mail; the address is deleted :data:`UNSUBSCRIBED_RETENTION` later (or now, on request)."""
    if subscription.status != SubscriptionStatus.UNSUBSCRIBED:
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])
    subscription.deliveries.filter(status=DeliveryStatus.PENDING).delete()


def change_frequency(subscription: AlertSubscription, frequency: str) -> None:
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])


def delete_subscription(subscription: AlertSubscription) -> None:
    """Delete the address and everything about it, now."""
    subscription.delete()


# -- the job ---------------------------------------------------------------------------------------


def queue_deliveries() -> int:
    """One pending delivery per (active subscription, new matching item); safe to run any number of
    times. Returns how many rows were added."""
    added = 0
    active = AlertSubscription.objects.filter(status=SubscriptionStatus.ACTIVE)
    for subscription in active.iterator():
        known = set(subscription.deliveries.values_list("page_id", flat=True))
        new = [
            pk
            for pk in matching_pages(subscription).values_list("pk", flat=True)
            if pk not in known
        ]
        if new:
            AlertDelivery.objects.bulk_create(
                [AlertDelivery(subscription=subscription, page_id=pk) for pk in new],
                ignore_conflicts=True,
            )
            added += len(new)
    return added


def _claim(subscription: AlertSubscription, now: dt.datetime) -> list[AlertDelivery]:
    """Mark the subscription's pending deliveries sent and return them; a concurrent run gets none."""
    with transaction.atomic():
        queryset = AlertDelivery.objects.filter(
            subscription=subscription, status=DeliveryStatus.PENDING
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        ids = list(queryset.values_list("pk", flat=True))
        if not ids:
            return []
        AlertDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENT, sent_at=now
        )
    return list(
        AlertDelivery.objects.filter(pk__in=ids).select_related("page").order_by("page__path")
    )


def _release(deliveries: Sequence[AlertDelivery]) -> None:
    AlertDelivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        status=DeliveryStatus.PENDING, sent_at=None
    )


def build_message(subscription: AlertSubscription, pages: Sequence[Page]) -> EmailMultiAlternatives:
    """The alert (one item) or digest (several) mail, with the RFC 8058 unsubscribe headers."""
    from portal.site_address import absolute_url

    topic = describe_subscription(subscription)
    items = [{"title": page.title, "url": absolute_url(page.url or "/")} for page in pages]
    if len(items) == 1 and subscription.frequency == AlertFrequency.IMMEDIATE:
        subject = _("New: %(title)s") % {"title": items[0]["title"]}
    else:
        subject = _("%(count)s new items: %(topic)s") % {"count": len(items), "topic": topic}
    unsubscribe = unsubscribe_url(subscription)
    context = {
        "topic": topic,
        "items": items,
        "manage_url": manage_url(subscription),
        "unsubscribe_url": unsubscribe,
        "digest": subscription.frequency == AlertFrequency.WEEKLY,
    }
    message = EmailMultiAlternatives(
        subject=subject[:255],
        body=render_to_string("mail/alert.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def _send(subscription: AlertSubscription, deliveries: Sequence[AlertDelivery]) -> bool:
    """Send one mail for ``deliveries`` (already claimed); on failure release them for the next run."""
    try:
        build_message(subscription, [d.page.specific for d in deliveries]).send()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        _release(deliveries)
        logger.warning("Alert for subscription %s failed: %s", subscription.pk, type(exc).__name__)
        return False
    return True


def send_immediate(now: dt.datetime | None = None) -> int:
    """One mail per pending delivery of the immediate subscriptions; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    subscriptions = AlertSubscription.objects.filter(
        status=SubscriptionStatus.ACTIVE,
        frequency=AlertFrequency.IMMEDIATE,
        deliveries__status=DeliveryStatus.PENDING,
    ).distinct()
    for subscription in subscriptions.select_related("role"):
        for delivery in _claim(subscription, now):
            sent += _send(subscription, [delivery])
    return sent


def send_digests(now: dt.datetime | None = None) -> int:
    """One digest per weekly subscription with pending items whose last digest (or confirmation) is at
    least :data:`DIGEST_INTERVAL` ago; returns how many digests were sent."""
    now = now or timezone.now()
    due = now - DIGEST_INTERVAL
    sent = 0
    subscriptions = AlertSubscription.objects.filter(
        status=SubscriptionStatus.ACTIVE,
        frequency=AlertFrequency.WEEKLY,
        deliveries__status=DeliveryStatus.PENDING,
    ).distinct()
    for subscription in subscriptions.select_related("role"):
        last = subscription.last_digest_at or subscription.confirmed_at
        if last is not None and last > due:
            continue
        deliveries = _claim(subscription, now)
        if deliveries and _send(subscription, deliveries):
            AlertSubscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
            sent += 1
    return sent


def purge_expired(now: dt.datetime | None = None) -> int:
    """The retention rule: delete unconfirmed and long-unsubscribed addresses. Returns how many."""
    now = now or timezone.now()
    unconfirmed = AlertSubscription.objects.filter(
        status=SubscriptionStatus.PENDING, created_at__lt=now - UNCONFIRMED_RETENTION
    )
    gone = AlertSubscription.objects.filter(
        status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at__lt=now - UNSUBSCRIBED_RETENTION
    )
    count = unconfirmed.count() + gone.count()
    unconfirmed.delete()
    gone.delete()
    return count


def run_alerts(now: dt.datetime | None = None) -> dict[str, int]:
    """The whole job, idempotent: queue, send immediate mails and due digests, purge."""
    now = now or timezone.now()
    return {
        "queued": queue_deliveries(),
        "immediate": send_immediate(now),
        "digests": send_digests(now),
        "purged": purge_expired(now),
    }


def send_confirmation(subscription_id: int) -> bool:
    """Send the double opt-in mail of a still-pending subscription."""
    subscription = (
        AlertSubscription.objects.filter(pk=subscription_id, status=SubscriptionStatus.PENDING)
        .select_related("role")
        .first()
    )
    if subscription is None:
        return False
    context = {
        "topic": describe_subscription(subscription),
        "confirm_url": confirm_url(subscription),
        "days": CONFIRM_MAX_AGE.days,
        "frequency": subscription.get_frequency_display(),
    }
    EmailMultiAlternatives(
        subject=_("Confirm your e-mail alert"),
        body=render_to_string("mail/alert_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
    ).send()
    return True
