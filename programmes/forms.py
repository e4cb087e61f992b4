"""Forms of the programmes app.

* ``FeeQuoteQueryForm`` validates the query string of the fee-quote API (``programmes/api.py``).
* ``ProgrammePageForm`` is the Wagtail admin form of ``ProgrammePage``: it walks the nested track and
  fee-tier formsets and puts Dutch errors on the field the editor must fix. The fee rules themselves live
  in ``programmes.services.validate_fee_tiers``.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from programmes.services import format_number, validate_fee_tiers

MAX_POPULATION = 100_000_000
MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")
DIGITS = re.compile(r"[0-9]{1,20}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


# --------------------------------------------------------------------------------------------------
# Fee-quote API query


class FeeQuoteQueryForm(forms.Form):
    """``?municipality=GM0363`` or ``?population=<n>``, optionally ``&track=<slug>``.

    Fields are plain strings checked with ASCII-only patterns before anything reaches the database, so
    very long or odd values (NUL bytes, other scripts' digits) give a 400, never a 500.
    """

    municipality = forms.CharField(required=False, strip=True)
    population = forms.CharField(required=False, strip=True)
    track = forms.CharField(required=False, strip=True)

    def clean_municipality(self) -> str:
        value = self.cleaned_data["municipality"].upper()
        if value and not MUNICIPALITY_CODE.fullmatch(value):
            raise ValidationError(
                _("A municipality code is GM followed by four digits, such as GM0363.")
            )
        return value

    def clean_population(self) -> int | None:
        value = self.cleaned_data["population"]
        if not value:
            return None
        if value.startswith("-") and DIGITS.fullmatch(value[1:]):
            raise ValidationError(_("The population cannot be negative."))
        if not DIGITS.fullmatch(value):
            raise ValidationError(_("Enter the population as a whole number, such as 50000."))
        number = int(value)
        if number > MAX_POPULATION:
            raise ValidationError(
                _("The population cannot be more than %(max)s.")
                % {"max": format_number(MAX_POPULATION)}
            )
        return number

    def clean_track(self) -> str:
        value = self.cleaned_data["track"]
        if value and not SLUG.fullmatch(value):
            raise ValidationError(_("Unknown track."))
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        has_code = bool(self.data.get("municipality", "").strip())
        has_population = bool(self.data.get("population", "").strip())
        if has_code and has_population:
            self.add_error("population", _("Give either a municipality or a population, not both."))
        elif not has_code and not has_population:
            self.add_error(
                "municipality",
                _("Give a municipality (CBS code, such as GM0363) or a population."),
            )
        return cleaned

    def first_error(self) -> tuple[str, str]:
        """``(field, message)`` of the first problem, in field order."""
        for name in ("municipality", "population", "track"):
            if name in self.errors:
                return name, self.errors[name][0]
        name, messages = next(iter(self.errors.items()))
        return name, messages[0]


# --------------------------------------------------------------------------------------------------
# Wagtail admin: ProgrammePage


class ProgrammePageForm(WagtailAdminPageForm):
    """Admin form of a programme page: checks tracks and their fee tiers across the nested formsets."""

    def clean(self):
        cleaned_data = super().clean()
        tracks = self.formsets.get("tracks") if hasattr(self, "formsets") else None
        if tracks is None:
            return cleaned_data
        seen_slugs: set[str] = set()
        for track_form in _live_forms(tracks):
            self._check_track_slug(track_form, seen_slugs)
            self._check_track_fields(track_form)
            self._check_fee_tiers(track_form)
        return cleaned_data

    @staticmethod
    def _check_track_slug(track_form, seen: set[str]) -> None:
        slug = (track_form.cleaned_data.get("slug") or "").lower()
        if not slug:
            return
        if slug in seen:
            _add_once(
                track_form,
                "slug",
                _(
                    "Another track of this programme already uses the slug '%(slug)s'. Each "
                    "track needs its own."
                )
                % {"slug": slug},
            )
        seen.add(slug)

    @staticmethod
    def _check_track_fields(track_form) -> None:
        """The window and capacity rules (also in ``Track.clean``), made sure to show on the field."""
        data = track_form.cleaned_data
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            _add_once(
                track_form,
                "closes_on",
                _("Registration cannot close before it opens (%(date)s).")
                % {"date": opens_on.strftime("%d-%m-%Y")},
            )
        raw_capacity = _raw_value(track_form, "capacity").strip()
        if re.fullmatch(r"-?[0-9]{1,9}", raw_capacity) and int(raw_capacity) <= 0:
            _replace_errors(
                track_form,
                "capacity",
                _("A track needs at least one place; leave empty for no limit."),
            )

    @staticmethod
    def _check_fee_tiers(track_form) -> None:
        fee_kind = track_form.cleaned_data.get("fee_kind")
        tiers = getattr(track_form, "formsets", {}).get("fee_tiers")
        if not fee_kind or tiers is None:
            return
        tier_forms = list(_live_forms(tiers))
        rows = [
            (form.cleaned_data.get("min_population"), form.cleaned_data.get("amount"))
            for form in tier_forms
        ]
        for error in validate_fee_tiers(fee_kind, rows):
            if error.index is None:
                _add_once(track_form, error.field, error.message)
            else:
                _add_once(tier_forms[error.index], error.field, error.message)
        for form in tier_forms:
            if "amount" in form.errors and _raw_value(form, "amount").lstrip().startswith("-"):
                _replace_errors(form, "amount", _("The amount cannot be negative."))


def _live_forms(formset):
    """The formset's forms that are filled in and not marked for deletion (after validating them)."""
    for form in formset.forms:
        form.is_valid()  # runs the form's own validation so cleaned_data exists
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if not form.has_changed() and not form.instance.pk:
            continue  # an empty extra form
        yield form


def _raw_value(form, field: str) -> str:
    return str(form.data.get(form.add_prefix(field), "") or "")


def _add_once(form, field: str, message: str) -> None:
    if message not in form.errors.get(field, []):
        form.add_error(field, message)


def _replace_errors(form, field: str, message: str) -> None:
    """Show one clear message on ``field`` instead of Django's generic validator text."""
    form.errors.pop(field, None)
    form.add_error(field, message)
