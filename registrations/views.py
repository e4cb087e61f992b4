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

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from portal.formatting import local_datetime
from programmes.models import ProgrammePage, Track
from programmes.services import fee_text, format_number
from registrations import exports, workflow
from registrations.constants import AccessAction, RegistrationStatus
from registrations.models import PersonalDataAccess, Registration
from registrations.retention import erase_registration
from registrations.templatetags.registrations_admin import EMPTY

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


#: The first breadcrumb of every registrations admin page ("Beheer", the admin's dashboard), in Dutch:
#: Wagtail's own item says "Home" (its Dutch catalogue keeps the English word).
ADMIN_HOME_BREADCRUMB = {
    "url": reverse_lazy("wagtailadmin_home"),
    "label": pgettext_lazy("admin breadcrumb", "Dashboard"),
}
BREADCRUMBS_ITEMS = [ADMIN_HOME_BREADCRUMB]


def registration_breadcrumbs(registration: Registration | None = None) -> list[dict]:
    """Beheer › Aanmeldingen (› the registration), for pages inside the registrations section."""
    items = [
        *BREADCRUMBS_ITEMS,
        {"url": reverse("registration:index"), "label": _("Registrations")},
    ]
    if registration is not None:
        items.append(
            {
                "url": reverse("registration:inspect", args=[registration.pk]),
                "label": registration.reference,
            }
        )
    return items


class StaffPermissionMixin:
    """Checks ``required_permission`` in ``setup``, before any object is looked up."""

    required_permission = VIEW

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


# --- List --------------------------------------------------------------------------------------------


def _edition_choices() -> list[tuple[str, str]]:
    """The editions registered for, newest first (one DISTINCT query, whatever the number of rows)."""
    editions = (
        Registration.objects.exclude(edition="")
        .order_by("-edition")
        .values_list("edition", flat=True)
        .distinct()
    )
    return [(e, e) for e in editions]


def _fee_tier_choices() -> list[tuple[str, str]]:
    """The fee tiers registered under, from the smallest municipalities up (one DISTINCT query)."""
    tiers = (
        Registration.objects.exclude(fee_tier="")
        .order_by("fee_tier_min", "fee_tier")
        .values_list("fee_tier_min", "fee_tier")
        .distinct()
    )
    return [(t, t) for t in dict.fromkeys(tier for _min, tier in tiers)]


def capacity_editions() -> list[str]:
    """Every edition of every track (also one nobody registered for yet) and every edition registered
    for, newest first: the capacity page's filter. One query."""
    tracks = Track.objects.exclude(edition="").order_by().values_list("edition", flat=True)
    registered = (
        Registration.objects.filter(track__isnull=False)
        .exclude(edition="")
        .order_by()
        .values_list("edition", flat=True)
    )
    return list(tracks.union(registered).order_by("-edition"))


def programme_cell(registration: Registration) -> str:
    """The list's programme column: the programme, and the track below it."""
    return format_html("{}<br>{}", registration.programme_title, registration.track_name)


def fee_cell(registration: Registration) -> str:
    """The list's fee column: "€ 1.500,00", "Gratis" or the tier label ("In overleg")."""
    return fee_text(registration.fee_amount, to_be_agreed=registration.fee_tier, cents=True)


def registered_at_cell(registration: Registration) -> str:
    """The list's "Aangemeld op" column, in local time as on the detail page and in the exports."""
    return local_datetime(registration.created_at)


class OptionsSelect(forms.Select):
    """A ``<select>`` that writes its options in Python instead of one template per option.

    The programme and track filters list every programme and track (a thousand each at benchmark
    scale); Django's template per option made them a third of the list page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if key in selected else "", label)  # noqa: S308
                for key, label in ((str(v), label) for v, label in self.choices)
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class RegistrationFilterSet(WagtailFilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Programme"),
        # Only what the option needs: a programme page row carries its whole body.
        queryset=ProgrammePage.objects.only("id", "title").order_by("title"),
        widget=OptionsSelect,
    )
    track = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Track"),
        queryset=Track.objects.only("id", "name").order_by("programme__title", "name"),
        widget=OptionsSelect,
    )
    edition = django_filters.ChoiceFilter(
        label=gettext_lazy("Edition"),
        choices=_edition_choices,
        empty_label=gettext_lazy("All"),
        widget=OptionsSelect,
    )
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"),
        choices=RegistrationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    fee_tier = django_filters.ChoiceFilter(
        label=gettext_lazy("Fee tier"),
        choices=_fee_tier_choices,
        empty_label=gettext_lazy("All"),
        widget=OptionsSelect,
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
    results_template_name = "registrations/admin/index_results.html"

    def _get_title_column(self, field_name, *args, **kwargs):
        # The reference ("AM-2026-000123") keeps its width; see ``RegistrationViewSet.list_display``.
        return super()._get_title_column(field_name, *args, width="19%", **kwargs)

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
            HeaderButton(
                _("Capacity per edition"),
                url=reverse("registration:capacity"),
                icon_name="table",
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
#: The confirmation page of each action: its title and what staff must know before they go on.
ACTION_PAGES = {
    "confirm": (
        gettext_lazy("Confirm the registration"),
        gettext_lazy(
            "The registration gets its place and the municipality receives an e-mail that it is "
            "confirmed. This cannot be undone."
        ),
    ),
    "withdraw": (
        gettext_lazy("Withdraw the registration"),
        gettext_lazy(
            "Withdraw when the municipality asks for it. This is final: the place becomes free, the "
            "registration cannot be confirmed again and the municipality receives an e-mail."
        ),
    ),
    "cancel": (
        gettext_lazy("Cancel the registration"),
        gettext_lazy(
            "Cancelling is final: the place becomes free, the registration cannot be confirmed "
            "again and the municipality receives an e-mail that it has been cancelled."
        ),
    ),
}
ACTION_TARGETS = {
    "confirm": RegistrationStatus.CONFIRMED,
    "withdraw": RegistrationStatus.WITHDRAWN,
    "cancel": RegistrationStatus.CANCELLED,
}


def available_actions(registration: Registration) -> list[tuple[str, str]]:
    """The status buttons to offer: what ``workflow`` allows. "Confirm" is offered to a registration
    without a place only when it is first in line (``workflow.waiting_ahead``) and its edition has a
    place left (``workflow.has_place_left``); the workflow enforces both."""
    allowed = workflow.allowed_transitions(registration)
    result = []
    for name, (_func, label) in ACTIONS.items():
        if ACTION_TARGETS[name] not in allowed:
            continue
        if name == "confirm" and registration.status not in workflow.PLACED_STATUSES:
            if workflow.waiting_ahead(registration) is not None:
                continue
            if not workflow.has_place_left(registration.track, registration.edition):
                continue
        result.append((name, label))
    return result


#: What the detail page lists under "Details" (the fee snapshot and the history have their own sections;
#: the submission key is internal). Wagtail's viewset passes this as the inspect view's ``fields``.
INSPECT_FIELDS = [
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


class RegistrationInspectView(InspectView):
    any_permission_required = ["view"]
    template_name = "registrations/admin/inspect.html"
    page_title = gettext_lazy("Registration")

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Registration.objects.select_related("municipality", "track"), pk=self.pk
        )

    def get_field_display_value(self, field_name, field):
        """Times in local time, written as everywhere in the admin; "—" for nothing (never "None")."""
        value = getattr(self.object, field_name, None)
        if isinstance(value, dt.datetime):
            return local_datetime(value)
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY
        return value

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
            population=format_number(registration.population),
        )
        log_access(self.request, AccessAction.VIEW, registration=registration, row_count=1)
        return context


# --- Actions -----------------------------------------------------------------------------------------


class StatusChangeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        help_text=gettext_lazy(
            "Shown in the status history, for colleagues; the municipality does not see it. Do not "
            "write personal data here (no names, phone numbers or e-mail addresses). Notes are "
            "erased with the registration's personal data."
        ),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy(
                "A note can be at most %(limit_value)d characters (now %(show_value)d)."
            )
        },
    )


class StatusActionView(StaffPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: the confirmation page (what happens, an optional note); POST: the status change itself,
    through ``registrations.workflow``."""

    required_permission = CHANGE
    template_name = "registrations/admin/status_action.html"
    header_icon = "form"
    breadcrumbs_items = BREADCRUMBS_ITEMS

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.action = kwargs["action"]
        self.object = get_object_or_404(
            Registration.objects.select_related("municipality"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return ACTION_PAGES[self.action][0]

    def get_page_subtitle(self):
        return self.object.reference

    def get_breadcrumbs_items(self):
        return [*registration_breadcrumbs(self.object), {"url": "", "label": self.get_page_title()}]

    def _not_possible(self):
        messages.error(self.request, _("This action is not possible for this registration."))
        return redirect("registration:inspect", pk=self.object.pk)

    def _possible(self) -> bool:
        return self.action in dict(available_actions(self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action=self.action,
            label=ACTION_PAGES[self.action][0],
            warning=ACTION_PAGES[self.action][1],
            form=kwargs.get("form") or StatusChangeForm(),
        )
        return context

    def get(self, request, *args, **kwargs):
        if not self._possible():
            return self._not_possible()
        return super().get(request, *args, **kwargs)

    def post(self, request, pk: int, action: str):
        # The workflow decides (allowed transitions, order of arrival, capacity) and says why not.
        form = StatusChangeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        func, _label = ACTIONS[action]
        registration = self.object
        try:
            func(registration, user=request.user, note=form.cleaned_data["note"])
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

    breadcrumbs_items = BREADCRUMBS_ITEMS

    def get_breadcrumbs_items(self):
        return [*registration_breadcrumbs(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.request.GET.get("edition", "")
        context.update(
            rows=workflow.capacity_overview(edition or None),
            editions=capacity_editions(),
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

    def get_breadcrumbs_items(self):
        return [*registration_breadcrumbs(self.object), {"url": "", "label": self.get_page_title()}]

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
