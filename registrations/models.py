"""Registrations of municipalities for programme tracks, their status history, the mail outbox and the
log of who looked at personal data.

A registration keeps a snapshot of everything it was promised (programme, track, edition, fee, tier,
population and its reference date): later edits to a programme never change an existing registration.
The rules live in ``registrations/services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.constants import FeeKind
from registrations.constants import (
    ACTIVE_STATUSES,
    AccessAction,
    MailKind,
    MailStatus,
    RegistrationStatus,
)

#: Who is waiting for a place: on the waiting list and not anonymised (an anonymised row has no contact
#: person left to offer the place to). The one definition used by the capacity overview's count and by
#: ``workflow.promote_next``.
WAITING = models.Q(status=RegistrationStatus.WAITING_LIST, anonymised_at__isnull=True)


class RegistrationQuerySet(models.QuerySet):
    def waiting(self) -> RegistrationQuerySet:
        """Registrations waiting for a place (see ``WAITING``), in order of arrival."""
        return self.filter(WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    track = models.ForeignKey(
        "programmes.Track",
        verbose_name=_("track"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    programme_title = models.CharField(_("programme (at registration)"), max_length=255)
    track_name = models.CharField(_("track (at registration)"), max_length=200)
    edition = models.CharField(_("edition"), max_length=50, blank=True)
    municipality = models.ForeignKey(
        "programmes.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.RECEIVED,
        db_index=True,
    )

    # Contact person (personal data: anonymised after the retention period)
    contact_name = models.CharField(_("name"), max_length=200)
    contact_function = models.CharField(_("function"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    remarks = models.TextField(_("remarks"), blank=True, max_length=2000)
    consent_at = models.DateTimeField(_("consent given at"))

    # Fee snapshot
    fee_kind = models.CharField(_("fee kind"), max_length=20, choices=FeeKind.choices)
    fee_amount = models.DecimalField(
        _("fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty when the fee is to be agreed."),
    )
    fee_tier = models.CharField(_("fee tier"), max_length=100, blank=True)
    fee_tier_min = models.PositiveIntegerField(_("tier from inhabitants"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"))
    population_reference_date = models.DateField(_("population reference date"))

    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Makes a repeated submission of the same form return the same registration."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [
            ("export_registration", _("Can export registrations")),
            ("erase_personal_data", _("Can erase personal data in registrations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "edition", "municipality"],
                condition=models.Q(status__in=list(ACTIVE_STATUSES)),
                name="one_active_registration_per_municipality_edition",
            ),
        ]
        indexes = [models.Index(fields=["track", "edition", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.municipality_id and self.municipality.name}"


class RegistrationEvent(models.Model):
    """One change of status: who, when, from, to."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=RegistrationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=RegistrationStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class OutgoingMail(models.Model):
    """The mail outbox: mail is stored first and sent after the transaction commits, with retries."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices)
    dedupe_key = models.CharField(_("deduplication key"), max_length=100, unique=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    ics = models.TextField(_("calendar attachment"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MailStatus.choices,
        default=MailStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"), null=True, blank=True, db_index=True
    )
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.kind} {self.dedupe_key}"


class PersonalDataAccess(models.Model):
    """Audit log: every view and export of personal data in registrations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d %H:%M}"
