"""Models of the guidance app.

Alerts: an :class:`AlertSubscription` holds only an e-mail address and what it follows (offerings or
cases, optionally for one role and one theme). An :class:`AlertDelivery` is one item (page) for one
subscription; its unique constraint on ``(subscription, page)`` is what makes every new item reach a
subscriber exactly once, however often the job runs. Rules in :mod:`guidance.alerts`.

Self-scan: a :class:`Scan` (a snippet editors build in the admin) and :class:`ScanOptionCount`, the only
trace of the answers: an aggregate counter per answer option, with nothing that identifies a person.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from guidance.blocks import ScanBlock
from guidance.constants import AlertFrequency, AlertSource, DeliveryStatus, SubscriptionStatus


def new_token() -> str:
    return secrets.token_urlsafe(24)


class AlertSubscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254)
    source = models.CharField(
        _("follows"), max_length=20, choices=AlertSource.choices, default=AlertSource.OFFERINGS
    )
    role = models.ForeignKey(
        "programmes.Role",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    theme = models.SlugField(_("theme"), max_length=100, blank=True)
    frequency = models.CharField(
        _("frequency"),
        max_length=20,
        choices=AlertFrequency.choices,
        default=AlertFrequency.IMMEDIATE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    # The secret in every signed link; a new subscription for the same address gets a new one.
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        indexes = [models.Index(fields=["status", "source"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.pk}"


class AlertDelivery(models.Model):
    subscription = models.ForeignKey(
        AlertSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page"], name="guidance_one_delivery_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id}:{self.page_id}"


class Scan(models.Model):
    """A self-scan: questions, one at a time, ending in a ranked list of offerings."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The web address: /zelfscan/<slug>/."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(ScanBlock(), verbose_name=_("questions"))
    max_results = models.PositiveSmallIntegerField(
        _("offerings shown"), default=5, help_text=_("How many offerings the result lists at most.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active scans can be answered.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("The first active scan is the one /zelfscan/ opens.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("max_results"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("self-scan")
        verbose_name_plural = _("self-scans")

    def __str__(self) -> str:
        return self.title


class ScanOptionCount(models.Model):
    """How often an answer option was chosen in a completed scan. Only counts: no time of day, no
    session, no address, no combination of answers (which could single someone out)."""

    scan = models.ForeignKey(
        Scan, verbose_name=_("self-scan"), on_delete=models.CASCADE, related_name="counts"
    )
    question_id = models.CharField(_("question id"), max_length=64)
    option_id = models.CharField(_("answer id"), max_length=64)
    question = models.CharField(_("question"), max_length=300)
    option = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(_("question number"), default=0)
    count = models.PositiveIntegerField(_("times chosen"), default=0)

    class Meta:
        ordering = ["scan", "position", "option"]
        verbose_name = _("self-scan answer count")
        verbose_name_plural = _("self-scan answer counts")
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "question_id", "option_id"], name="guidance_one_count_per_option"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.option}"
