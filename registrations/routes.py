"""The registration routes on a programme page: ``aanmelden/`` and ``aanmelden/bevestiging/<reference>/``.

``aanmelden/`` is one URL with three steps, each a POST carrying ``step``:

* GET shows the empty form (or a "closed" page when no track takes registrations; 404 without tracks);
* ``step=review`` validates the form (field errors, honeypot, signed time check, duplicate municipality)
  and shows the review page with the computed fee; what was typed travels in one signed hidden field;
* ``step=edit`` goes back to the form with everything kept;
* ``step=confirm`` registers (``registrations.services.register``) and redirects (POST-redirect-GET)
  to the confirmation page. Rate-limited per IP.

The confirmation page is found by the unguessable reference and shows no e-mail address or phone number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path

from programmes.constants import RegistrationState
from programmes.services import (
    TrackAvailability,
    availability_for_tracks,
    fee_summary,
    format_eur,
    format_number,
    free_label,
    quote_fee,
)
from registrations import spam


@dataclass(frozen=True)
class TrackOption:
    track: object
    availability: TrackAvailability
    fee_summary: str

    @property
    def choosable(self) -> bool:
        return self.availability.accepts_registrations

    @property
    def full(self) -> bool:
        return self.availability.state == RegistrationState.WAITING_LIST


def fee_display(amount) -> str:
    """ "€ 1.500,00", "Gratis" or "" (to be agreed: the tier label says so)."""
    if amount is None:
        return ""
    if amount == 0:
        return free_label()
    return format_eur(amount, cents=True)


def duplicate_message(municipality, track) -> str:
    return _(
        "%(municipality)s is already registered for %(track)s. A municipality can register once "
        "per edition. Questions? Contact the programme's contact person."
    ) % {"municipality": municipality.name, "track": track.name}


class RegistrationRoutesMixin:
    """Adds the registration form to a ``RoutablePageMixin`` page that has ``tracks``."""

    registration_template = "registrations/registration_form.html"
    review_template = "registrations/registration_review.html"
    closed_template = "registrations/registration_closed.html"
    confirmation_template = "registrations/registration_confirmation.html"

    def registration_url(self) -> str:
        return self.url + self.reverse_subpage("registration")

    def _track_options(self) -> list[TrackOption]:
        tracks = list(self.tracks.prefetch_related("fee_tiers", "meetings"))  # by position
        availability = availability_for_tracks(tracks)
        return [TrackOption(t, availability[t.pk], fee_summary(t)) for t in tracks]

    def _render(self, request, template: str, context: dict, status: int = 200):
        from registrations.mail import programme_contacts

        base = self.get_context(request)
        base.update(
            {
                "programme_contacts": programme_contacts(self),
                "registration_url": self.registration_url(),
            }
        )
        base.update(context)
        response = TemplateResponse(request, template, base, status=status)
        response["Cache-Control"] = "no-store"
        return response

    def _form(self, options: list[TrackOption], **kwargs):
        from registrations.forms import RegistrationForm

        return RegistrationForm(
            tracks=[o.track for o in options],
            choosable_tracks=[o.track for o in options if o.choosable],
            **kwargs,
        )

    def _render_form(self, request, form, options, status: int = 200):
        return self._render(
            request,
            self.registration_template,
            {"form": form, "track_options": options, "any_full": any(o.full for o in options)},
            status=status,
        )

    @path("aanmelden/", name="registration")
    def registration(self, request):
        options = self._track_options()
        if not options:
            raise Http404
        if not any(o.choosable for o in options):
            return self._render(request, self.closed_template, {"track_options": options})
        if request.method != "POST":
            choosable = [o for o in options if o.choosable]
            wanted = request.GET.get("deelnamevorm", "")
            initial_track = next(
                (o.track.slug for o in choosable if o.track.slug == wanted), None
            ) or (choosable[0].track.slug if len(choosable) == 1 else None)
            form = self._form(
                options, initial={"form_token": spam.issue_token(), "track": initial_track}
            )
            return self._render_form(request, form, options)

        from registrations.forms import read_pending

        step = request.POST.get("step", "review")
        if step in ("edit", "confirm"):
            pending = read_pending(request.POST.get("pending", ""))
            if pending is None:
                form = self._form(options, initial={"form_token": spam.issue_token()})
                form.expired_notice = True
                return self._render_form(request, form, options)
            if step == "edit":
                form = self._form(options, initial=pending)
                return self._render_form(request, form, options)
            return self._confirm(request, options, pending)
        return self._review(request, options)

    def _validated_form(self, options, data):
        form = self._form(options, data=data)
        if form.is_valid():
            from registrations.services import active_registration

            track, municipality = form.cleaned_data["track"], form.cleaned_data["municipality"]
            if active_registration(track, municipality) is not None:
                form.add_error("municipality", duplicate_message(municipality, track))
        elif form.token_error in ("expired", "invalid"):
            form.data = form.data.copy()
            form.data["form_token"] = spam.issue_token()
        return form

    def _review(self, request, options):
        from registrations.forms import pending_payload

        form = self._validated_form(options, request.POST)
        if not form.is_valid():
            return self._render_form(request, form, options)
        track, municipality = form.cleaned_data["track"], form.cleaned_data["municipality"]
        option = next(o for o in options if o.track.pk == track.pk)
        quote = quote_fee(option.track, municipality.population)
        return self._render(
            request,
            self.review_template,
            {
                "form": form,
                "data": form.cleaned_data,
                "track": option.track,
                "track_option": option,
                "single_track": len(options) == 1,
                "municipality": municipality,
                "population": format_number(municipality.population),
                "quote": quote,
                "fee": fee_display(quote.amount),
                "on_waiting_list": option.full,
                "pending": pending_payload(form),
                "noindex": True,
            },
        )

    def _confirm(self, request, options, pending):
        from portal.ratelimit import is_limited, too_many_requests
        from registrations.services import DuplicateRegistration, RegistrationClosed, register

        retry_after = is_limited(request, "registration")
        if retry_after is not None:
            return too_many_requests(request, retry_after)
        form = self._validated_form(options, pending)
        key = form.cleaned_data.get("submission_key") if hasattr(form, "cleaned_data") else None
        if key and form.has_error("municipality"):
            # Confirmed twice (refresh, two tabs): the first one registered, so show it.
            from registrations.models import Registration

            existing = Registration.objects.filter(submission_key=key, programme=self).first()
            if existing is not None:
                return self._redirect_to_confirmation(existing)
        if not form.is_valid():
            return self._render_form(request, form, options)
        data = form.cleaned_data
        try:
            result = register(
                track=data["track"],
                municipality=data["municipality"],
                contact_name=data["contact_name"],
                contact_function=data["contact_function"],
                email=data["email"],
                phone=data["phone"],
                remarks=data["remarks"],
                submission_key=data["submission_key"],
            )
        except DuplicateRegistration:
            form.add_error("municipality", duplicate_message(data["municipality"], data["track"]))
            return self._render_form(request, form, options)
        except RegistrationClosed:
            form.add_error(
                "track", _("Registration for this track has closed. Choose another track.")
            )
            return self._render_form(request, form, options)
        return self._redirect_to_confirmation(result.registration)

    def _redirect_to_confirmation(self, registration):
        url = self.url + self.reverse_subpage(
            "registration_confirmation", args=[registration.reference]
        )
        return HttpResponseRedirect(url, status=303)

    @path("aanmelden/bevestiging/<str:reference>/", name="registration_confirmation")
    def registration_confirmation(self, request, reference: str):
        from registrations.models import Registration

        registration = get_object_or_404(
            Registration.objects.select_related("municipality"),
            reference=reference,
            programme=self,
        )
        return self._render(
            request,
            self.confirmation_template,
            {
                "registration": registration,
                "fee": fee_display(registration.fee_amount),
                "population": format_number(registration.population),
                "on_waiting_list": registration.status == "waiting_list",
                "noindex": True,  # a registration's own page: never in search engines
            },
        )
