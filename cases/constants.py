from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PRACTICE = "practice", _("Practice case")
    REPORT = "report", _("Meeting report")
    PUBLICATION = "publication", _("Publication")
    GUIDE = "guide", _("Guide")
    CHECKLIST = "checklist", _("Checklist")
