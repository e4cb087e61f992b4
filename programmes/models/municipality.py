from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A Dutch municipality (gemeente) with its CBS population. Source: CBS (StatLine 85984NED)."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, help_text=_("GM plus four digits.")
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    population = models.PositiveIntegerField(_("population"))
    reference_date = models.DateField(
        _("reference date"), help_text=_("Date the population was counted.")
    )
    aliases = models.CharField(
        _("other names"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated names people also use, such as Den Haag for 's-Gravenhage."),
    )
    search_text = models.CharField(
        _("search text"), max_length=400, blank=True, editable=False, db_index=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from programmes.municipalities import search_text_for

        self.search_text = search_text_for(self.name, self.aliases)
        super().save(*args, **kwargs)
