from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Role(models.Model):
    """A function (functie) an official can have: burgemeester, griffier, ...; managed by editors."""

    name = models.CharField(
        _("name (plural)"), max_length=100, unique=True, help_text=_("For example: Griffiers.")
    )
    singular = models.CharField(
        _("name (singular)"), max_length=100, help_text=_("For example: griffier.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in filter web addresses such as /aan-de-slag/?functie=griffiers."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the filter.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("singular"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name
