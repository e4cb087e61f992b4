"""The retention rule: personal data in registrations is kept no longer than needed.

A registration's contact details (name, function, e-mail, phone, remarks) are anonymised once
``created_at + retention period`` has passed. The period is the programme's ``retention_days`` or else the
site default (``SiteSettings.retention_days``, falling back to ``settings.REGISTRATION_RETENTION_DAYS``),
and never shorter than ``portal.models.MIN_RETENTION_DAYS`` (30): the admin refuses shorter periods, and
``retention_period`` guards against one stored before that rule or by code.
What reporting needs stays: municipality, programme, track, edition, status, fee snapshot and dates.

``anonymise_expired`` is run daily by ``manage.py anonymise_registrations``. It only touches rows that are
not anonymised yet, so running it twice (or after a missed day) is safe. It also deletes the outbox copies
of mail: every mail of an anonymised registration (pending mail is never sent to a scrubbed address) and
sent or failed mail older than the default period.

``erase_registration`` does the same for one registration at once, on the person's request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.models import MIN_RETENTION_DAYS
from registrations.constants import AccessAction, MailStatus
from registrations.models import OutgoingMail, PersonalDataAccess, Registration

#: What the personal fields become. E-mail and phone are emptied; the name shows it was scrubbed.
ANONYMISED_VALUES = {
    "contact_name": "geanonimiseerd",
    "contact_function": "",
    "email": "",
    "phone": "",
    "remarks": "",
    "submission_key": None,
}


@dataclass(frozen=True)
class RetentionResult:
    anonymised: int
    mails_deleted: int


def retention_period(days: int) -> int:
    """``days``, but at least ``MIN_RETENTION_DAYS``: a shorter period is never applied."""
    return max(int(days), MIN_RETENTION_DAYS)


def default_retention_days() -> int:
    """The site default: the default site's SiteSettings, else the server setting (at least the
    minimum)."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return retention_period(SiteSettings.for_site(site).effective_retention_days)
    return retention_period(settings.REGISTRATION_RETENTION_DAYS)


def expired_registrations(now: dt.datetime | None = None) -> QuerySet[Registration]:
    """Registrations not yet anonymised whose retention period has passed at ``now``."""
    from programmes.models import ProgrammePage

    now = now or timezone.now()
    default_days = default_retention_days()
    own_periods = dict(
        ProgrammePage.objects.filter(retention_days__isnull=False).values_list(
            "pk", "retention_days"
        )
    )
    expired = Q(created_at__lt=now - dt.timedelta(days=default_days)) & ~Q(
        programme_id__in=list(own_periods)
    )
    for programme_id, days in own_periods.items():
        cutoff = now - dt.timedelta(days=retention_period(days))
        expired |= Q(programme_id=programme_id, created_at__lt=cutoff)
    return Registration.objects.filter(expired, anonymised_at__isnull=True)


def _anonymise(queryset: QuerySet[Registration], now: dt.datetime) -> int:
    return queryset.update(anonymised_at=now, updated_at=now, **ANONYMISED_VALUES)


def _delete_mail(now: dt.datetime, default_days: int) -> int:
    old_done = Q(
        status__in=[MailStatus.SENT, MailStatus.FAILED],
        created_at__lt=now - dt.timedelta(days=default_days),
    )
    of_anonymised = Q(registration__anonymised_at__isnull=False)
    deleted, _per_model = OutgoingMail.objects.filter(old_done | of_anonymised).delete()
    return deleted


def anonymise_expired(now: dt.datetime | None = None) -> RetentionResult:
    now = now or timezone.now()
    with transaction.atomic():
        anonymised = _anonymise(expired_registrations(now), now)
        mails_deleted = _delete_mail(now, default_retention_days())
    return RetentionResult(anonymised=anonymised, mails_deleted=mails_deleted)


def erase_registration(registration: Registration, *, user) -> Registration:
    """Erase the contact person's data of one registration now (right to erasure) and log it."""
    now = timezone.now()
    with transaction.atomic():
        _anonymise(Registration.objects.filter(pk=registration.pk, anonymised_at__isnull=True), now)
        OutgoingMail.objects.filter(registration=registration).delete()
        PersonalDataAccess.objects.create(
            user=user, action=AccessAction.ERASE, registration=registration, row_count=1
        )
    registration.refresh_from_db()
    return registration
