"""The "Aanmeldingen" admin section for programme staff (see ``registrations/views.py``)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from registrations import views
from registrations.exports import FIELDS
from registrations.models import Registration


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "registration"
    url_prefix = "aanmeldingen"
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views.RegistrationIndexView
    inspect_view_class = views.RegistrationInspectView
    filterset_class = views.RegistrationFilterSet
    search_fields = ["reference", "municipality__name", "contact_name", "email"]
    search_backend_name = None
    ordering = "-created_at"
    list_per_page = 50
    list_export = (
        FIELDS  # shows the download buttons; the export itself is views.RegistrationIndexView
    )
    list_display = [
        "reference",
        Column("municipality", label=_("Municipality"), sort_key="municipality__name"),
        Column("contact_name", label=_("Contact person"), sort_key="contact_name"),
        Column("programme_title", label=_("Programme"), sort_key="programme_title"),
        Column("track_name", label=_("Track"), sort_key="track_name"),
        Column("edition", label=_("Edition"), sort_key="edition"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("fee_amount", label=_("Fee (EUR)"), sort_key="fee_amount"),
        DateColumn("created_at", label=_("Registered at"), sort_key="created_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Registrations are changed only through the status actions: no add, edit, delete or copy.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "inspect/<int:pk>/status/<slug:action>/",
                views.StatusActionView.as_view(),
                name="action",
            ),
            path("inspect/<int:pk>/erase/", views.EraseView.as_view(), name="erase"),
            path(
                "inspect/<int:pk>/person-export/",
                views.PersonExportView.as_view(),
                name="person_export",
            ),
            path("capacity/", views.CapacityView.as_view(), name="capacity"),
            path(
                "capacity/<int:track_id>/promote/",
                views.PromoteNextView.as_view(),
                name="promote",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()
