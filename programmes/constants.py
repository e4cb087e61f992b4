"""Choices for programmes and tracks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferingKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme")
    WORKSHOP = "workshop", _("Workshop series")
    LEARNING_CIRCLE = "learning_circle", _("Learning circle")
    PUBLICATION = "publication", _("Publication")
    CHECKLIST = "checklist", _("Checklist")
    LAB = "lab", _("Lab")
    MEETINGS = "meetings", _("Meetings")


class FeeKind(models.TextChoices):
    FREE = "free", _("Free")
    ON_REQUEST = "on_request", _("To be agreed")
    TIERED = "tiered", _("By population tier")


class ContactRole(models.TextChoices):
    CONTACT = "contact", _("Contact person")
    SUPERVISOR = "supervisor", _("Supervisor")


class RegistrationState(models.TextChoices):
    """Whether a track accepts registrations right now (derived, never stored)."""

    NONE = "none", _("No registration")
    NOT_YET_OPEN = "not_yet_open", _("Opens soon")
    OPEN = "open", _("Open")
    WAITING_LIST = "waiting_list", _("Full: waiting list")
    CLOSED = "closed", _("Closed")
