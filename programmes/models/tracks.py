"""Tracks (deelnamevormen) of a programme, with their fee tiers, registration window and meetings.

Tracks are edited inline on the programme page. The rules that use these fields (which tier applies, whether
registration is open, whether the track is full) live in ``programmes/services.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from programmes.constants import FeeKind


class Track(ClusterableModel, Orderable):
    programme = ParentalKey(
        "programmes.ProgrammePage",
        related_name="tracks",
        on_delete=models.CASCADE,
        verbose_name=_("programme"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "Shown as the heading of this track on the programme page and in the registration form, "
            "e.g. 'Leergang 2027'."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "Identifies the track in web addresses and the fee API; unique within the programme."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Optional: what participants do in this track, shown under its name."),
    )
    fee_kind = models.CharField(
        _("fee"),
        max_length=20,
        choices=FeeKind.choices,
        default=FeeKind.TIERED,
        help_text=_("Free, to be agreed (no amount shown), or an amount by population tier."),
    )
    fee_note = models.CharField(
        _("fee note"),
        max_length=200,
        blank=True,
        help_text=_("Shown next to the fee, e.g. 'Cofinanciering in overleg'."),
    )
    edition = models.CharField(
        _("edition"),
        max_length=50,
        blank=True,
        help_text=_(
            "Name of the current edition, e.g. 2026. A municipality can register once per edition; "
            "change it to start a new round."
        ),
    )
    opens_on = models.DateField(
        _("registration opens on"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    closes_on = models.DateField(
        _("registration closes after"),
        null=True,
        blank=True,
        help_text=_("Last day registrations are accepted. Empty: no deadline."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Number of municipalities that can take part. Empty: no limit. When full, new "
            "registrations go on the waiting list."
        ),
    )

    auto_confirm = models.BooleanField(
        _("confirm places automatically"),
        default=True,
        help_text=_(
            "Registrations that get a place are confirmed at once, in order of arrival. Untick to "
            "confirm each one by hand."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("fee_kind"),
                FieldPanel("fee_note"),
                InlinePanel("fee_tiers", label=_("Fee tier")),
            ],
            heading=_("Fee"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("edition"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("capacity"),
                FieldPanel("auto_confirm"),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("meetings", label=_("Meeting")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        # Position first, then creation: never a tie the database may break either way
        # (``programmes.services.main_track`` relies on this order).
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"], name="unique_track_slug_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """A track saved without a position (by code: the seed loader, a script, a factory) goes after
        the programme's other tracks; the admin form always numbers them itself."""
        if self.sort_order is None and self.programme_id is not None:
            last = (
                Track.objects.filter(programme_id=self.programme_id)
                .exclude(pk=self.pk)
                .aggregate(last=models.Max("sort_order"))["last"]
            )
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors.setdefault("closes_on", []).append(
                _("Registration cannot close before it opens (%(date)s).")
                % {"date": self.opens_on.strftime("%d-%m-%Y")}
            )
        if self.capacity == 0:
            errors.setdefault("capacity", []).append(
                _("A track needs at least one place; leave empty for no limit.")
            )
        if errors:
            raise ValidationError(errors)


class FeeTier(Orderable):
    """From ``min_population`` inhabitants (inclusive) up to the next tier, the fee is ``amount``."""

    track = ParentalKey(
        Track, related_name="fee_tiers", on_delete=models.CASCADE, verbose_name=_("track")
    )
    min_population = models.PositiveIntegerField(
        _("from inhabitants"),
        help_text=_(
            "Lowest population this amount applies to (inclusive). The first tier starts at 0."
        ),
    )
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_(
            "What a municipality in this tier pays, in euros, e.g. 750 or 750.50 (with a point)."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("min_population"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = _("fee tier")
        verbose_name_plural = _("fee tiers")

    def __str__(self) -> str:
        return f"{self.min_population}+: EUR {self.amount}"


class TrackMeeting(Orderable):
    track = ParentalKey(
        Track, related_name="meetings", on_delete=models.CASCADE, verbose_name=_("track")
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Name of the meeting, e.g. 'Startbijeenkomst'.")
    )
    when = models.CharField(
        _("when (text)"), max_length=100, blank=True, help_text=_("As shown, e.g. 'april 2019'.")
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "Exact date, if known; it is then added to the confirmation e-mail's calendar file."
        ),
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Optional; with a date, it is used in the calendar file."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Optional; with a date, it is used in the calendar file."),
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Place or address, or 'online'; shown with the meeting."),
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("when")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("location"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title
