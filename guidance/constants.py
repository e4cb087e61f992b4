"""Choices of the guidance app: alert subscriptions and their deliveries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertSource(models.TextChoices):
    """What a subscription follows: new offerings in the catalogue or new cases in the library."""

    OFFERINGS = "aanbod", _("offerings")
    CASES = "casussen", _("cases")


class AlertFrequency(models.TextChoices):
    IMMEDIATE = "direct", _("Immediately, one e-mail per new item")
    WEEKLY = "wekelijks", _("Once a week, a digest")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    ACTIVE = "active", _("Active")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
