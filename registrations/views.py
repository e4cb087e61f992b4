"""Admin views for programme staff: the registrations list, detail, status actions, capacity overview,
exports, and the privacy actions (export or erase one person's data).

Every view checks its permission before it looks anything up, so a user without the permission gets the
same "no access" answer for an existing and a non-existing id. Views that show or export personal data
write a ``PersonalDataAccess`` row (who, what, how many rows), never the data itself.

Permissions (all granted to the "Programmabureau" group):

- ``registrations.view_registration``: list, detail, capacity overview;
- ``registrations.change_registration``: confirm, withdraw, cancel, promote from the waiting list;
- ``registrations.export_registration``: CSV/XLSX export and one person's data as JSON;
- ``registrations.erase_personal_data``: erase one registration's personal data.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from programmes.models import ProgrammePage, Track
from registrations import exports, workflow
from registrations.constants import AccessAction, RegistrationStatus
from registrations.models import PersonalDataAccess, Registration
from registrations.retention import erase_registration

VIEW = "registrations.view_registration"
CHANGE = "registrations.change_registration"
EXPORT = "registrations.export_registration"
ERASE = "registrations.erase_personal_data"


def log_access(request, action: str, *, registration=None, row_count: int = 0, detail: str = ""):
    PersonalDataAccess.objects.create(
        user=request.user,
        action=action,
        registration=registration,
        row_count=row_count,
        detail=detail[:300],
    )


class StaffPermissionMixin:
    """Checks ``required_permission`` in ``setup``, before any object is looked up."""

    required_permission = VIEW

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


# --- List --------------------------------------------------------------------------------------------


def _edition_choices():
    editions = Registration.objects.order_by("-edition").values_list("edition", flat=True)
    return [(e, e) for e in dict.fromkeys(editions) if e]


def _fee_tier_choices():
    tiers = Registration.objects.exclude(fee_tier="").order_by("fee_tier_min", "fee_tier")
    return [(t, t) for t in dict.fromkeys(tiers.values_list("fee_tier", flat=True))]


class RegistrationFilterSet(WagtailFilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Programme"),
        queryset=ProgrammePage.objects.order_by("title"),
    )
    track = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Track"),
        queryset=Track.objects.select_related("programme").order_by("programme__title", "name"),
    )
    edition = django_filters.ChoiceFilter(
        label=gettext_lazy("Edition"), choices=_edition_choices, empty_label=gettext_lazy("All")
    )
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"),
        choices=RegistrationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    fee_tier = django_filters.ChoiceFilter(
        label=gettext_lazy("Fee tier"), choices=_fee_tier_choices, empty_label=gettext_lazy("All")
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Registered between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Registration
        fields = ["programme", "track", "edition", "status", "fee_tier", "created_at"]


class RegistrationIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = gettext_lazy("Registrations")

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Registration]:
        return Registration.objects.select_related("municipality")

    @cached_property
    def show_export_buttons(self) -> bool:
        return self.request.user.has_perm(EXPORT)

    @cached_property
    def header_buttons(self):
        return [
            Button(
                _("Capacity per edition"),
                url=reverse("registration:capacity"),
                icon_name="table",
                classname="button-secondary",
            )
        ]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export_response(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def _describe_query(self) -> str:
        """Which filters were used, without their values (a search term may be a name)."""
        used = []
        if self.filters and self.filters.is_valid():
            used = list(self.filters.form.changed_data)
        parts = [_("filters: %(names)s") % {"names": ", ".join(used) or "-"}]
        if self.is_searching:
            parts.append(_("with search"))
        return "; ".join(parts)

    def export_response(self, fmt: str):
        if not self.request.user.has_perm(EXPORT):
            raise PermissionDenied
        queryset = self.get_queryset()
        count = queryset.count()
        log_access(
            self.request,
            AccessAction.EXPORT,
            row_count=count,
            detail=f"{fmt}; {self._describe_query()}",
        )
        filename = "aanmeldingen-" + timezone.localdate().isoformat()
        if fmt == self.FORMAT_CSV:
            return exports.csv_response(queryset, filename)
        return exports.xlsx_response(queryset, filename)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        log_access(
            self.request,
            AccessAction.LIST,
            row_count=len(context["object_list"]),
            detail=self._describe_query(),
        )
        return context


# --- Detail ------------------------------------------------------------------------------------------

ACTIONS = {
    "confirm": (workflow.confirm, gettext_lazy("Confirm")),
    "withdraw": (workflow.withdraw, gettext_lazy("Withdraw")),
    "cancel": (workflow.cancel, gettext_lazy("Cancel")),
}
ACTION_TARGETS = {
    "confirm": RegistrationStatus.CONFIRMED,
    "withdraw": RegistrationStatus.WITHDRAWN,
    "cancel": RegistrationStatus.CANCELLED,
}


def available_actions(registration: Registration) -> list[tuple[str, str]]:
    """The status buttons to offer: what ``workflow`` allows. A waiting-list registration is offered
    "confirm" only when it is first in line (``workflow.waiting_ahead``); the workflow enforces it."""
    allowed = workflow.allowed_transitions(registration)
    result = []
    for name, (_func, label) in ACTIONS.items():
        if ACTION_TARGETS[name] not in allowed:
            continue
        if name == "confirm" and workflow.waiting_ahead(registration) is not None:
            continue
        result.append((name, label))
    return result


class RegistrationInspectView(InspectView):
    any_permission_required = ["view"]
    template_name = "registrations/admin/inspect.html"
    page_title = gettext_lazy("Registration")
    fields = [
        "reference",
        "status",
        "created_at",
        "programme_title",
        "track_name",
        "edition",
        "municipality",
        "contact_name",
        "contact_function",
        "email",
        "phone",
        "remarks",
        "consent_at",
        "anonymised_at",
    ]

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Registration.objects.select_related("municipality", "track"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        user = self.request.user
        events = registration.events.select_related("user")
        context.update(
            events=[(event, event.user and get_user_display_name(event.user)) for event in events],
            actions=available_actions(registration) if user.has_perm(CHANGE) else [],
            can_export=user.has_perm(EXPORT),
            can_erase=user.has_perm(ERASE) and not registration.anonymised_at,
        )
        log_access(self.request, AccessAction.VIEW, registration=registration, row_count=1)
        return context


# --- Actions -----------------------------------------------------------------------------------------


class StatusActionView(StaffPermissionMixin, View):
    required_permission = CHANGE
    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        if action not in ACTIONS:
            raise Http404
        registration = get_object_or_404(Registration, pk=pk)
        # The workflow decides (allowed transitions, order of arrival, capacity) and says why not.
        func, _label = ACTIONS[action]
        note = request.POST.get("note", "")[:300]
        try:
            func(registration, user=request.user, note=note)
        except workflow.TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Registration %(reference)s is now “%(status)s”.")
                % {
                    "reference": registration.reference,
                    "status": registration.get_status_display(),
                },
            )
        return redirect("registration:inspect", pk=registration.pk)


class PromoteNextView(StaffPermissionMixin, View):
    required_permission = CHANGE
    http_method_names = ["post"]

    def post(self, request, track_id: int):
        track = get_object_or_404(Track, pk=track_id)
        edition = request.POST.get("edition", track.edition)
        promoted = workflow.promote_next(track, edition, user=request.user)
        if promoted is None:
            messages.warning(
                request, _("Nobody was promoted: no places left or nobody on the waiting list.")
            )
        else:
            messages.success(
                request,
                _("%(reference)s (%(municipality)s) moved from the waiting list to “%(status)s”.")
                % {
                    "reference": promoted.reference,
                    "municipality": promoted.municipality.name,
                    "status": promoted.get_status_display(),
                },
            )
        return redirect("registration:capacity")


class CapacityView(StaffPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    required_permission = VIEW
    template_name = "registrations/admin/capacity.html"
    page_title = gettext_lazy("Capacity per edition")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("registration:index"), "label": _("Registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.request.GET.get("edition", "")
        context.update(
            rows=workflow.capacity_overview(edition or None),
            editions=[e for e, _label in _edition_choices()],
            edition=edition,
            can_promote=self.request.user.has_perm(CHANGE),
        )
        return context


class PersonExportView(StaffPermissionMixin, View):
    required_permission = EXPORT
    http_method_names = ["get"]

    def get(self, request, pk: int):
        registration = get_object_or_404(Registration, pk=pk)
        data = exports.person_data(registration)
        log_access(
            request,
            AccessAction.PERSON_EXPORT,
            registration=registration,
            row_count=len(data["registrations"]),
        )
        response = HttpResponse(
            exports.to_json(data), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="persoonsgegevens-{registration.reference}.json"'
        )
        return response


class EraseView(StaffPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    required_permission = ERASE
    template_name = "registrations/admin/erase.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "bin"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Registration.objects.select_related("municipality"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context

    def post(self, request, pk: int):
        if not self.object.anonymised_at:
            erase_registration(self.object, user=request.user)
        messages.success(
            request,
            _("The personal data of registration %(reference)s has been erased.")
            % {"reference": self.object.reference},
        )
        return redirect("registration:inspect", pk=self.object.pk)
