from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING_LIST = "waiting_list", _("Waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses that hold a place in the edition (count against capacity).
PLACED_STATUSES = (RegistrationStatus.RECEIVED, RegistrationStatus.CONFIRMED)
# Statuses that block a second registration of the same municipality for the same edition.
ACTIVE_STATUSES = (*PLACED_STATUSES, RegistrationStatus.WAITING_LIST)


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation to registrant")
    STAFF_NOTICE = "staff_notice", _("Notice to programme staff")
    STATUS_CHANGE = "status_change", _("Status change to registrant")
    DATA_EXPORT = "data_export", _("Personal data export")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class AccessAction(models.TextChoices):
    LIST = "list", _("Viewed list")
    VIEW = "view", _("Viewed registration")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased personal data")
    PERSON_EXPORT = "person_export", _("Exported one person's data")
