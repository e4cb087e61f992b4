"""The editors' search lexicon: words that mean the same to a visitor (``search.lexicon``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchSynonym(models.Model):
    """A group of words and phrases a visitor uses for the same thing ("raadslid, raadsleden";
    "B&W, college van burgemeester en wethouders"). A search for any of them also finds the others.
    Wagtail's search promotions pin *results* to a query; this is about *words*."""

    terms = models.CharField(
        _("words"),
        max_length=500,
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "“raadslid, raadsleden”. A search for one also finds pages with the others."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Why these words belong together (only shown here)."),
    )

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]
