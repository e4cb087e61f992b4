"""The "Aanmeldingen" admin section for programme staff (see ``registrations/views.py``)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.ui.tables import Column
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
    inspect_view_fields = views.INSPECT_FIELDS
    filterset_class = views.RegistrationFilterSet
    search_fields = ["reference", "municipality__name", "contact_name", "email"]
    search_backend_name = None
    ordering = "-created_at"
    # 25 rows a page (Wagtail's own listings show 20): the rows' cells are most of the list's rendering time
    # at 50,000 registrations (docs/benchmarks.md, admin scenarios); filters and search narrow the rest.
    list_per_page = 25
    list_export = (
        FIELDS  # shows the download buttons; the export itself is views.RegistrationIndexView
    )
    # The columns must fit the admin's content area (1080 px on a 1280 px screen; Wagtail never wraps a
    # column heading): programme and track share a column, each column gets a width (Wagtail's
    # ``Column(width=...)``, rendered as ``<col width>``) so the reference and the registration time are
    # not squeezed, and the results template lets the table scroll sideways on narrower screens instead
    # of cutting off the last column. The reference column's width is set in
    # ``views.RegistrationIndexView``.
    list_display = [
        "reference",
        Column("municipality", label=_("Municipality"), sort_key="municipality__name", width="13%"),
        Column("contact_name", label=_("Contact person"), sort_key="contact_name", width="13%"),
        Column(
            "programme_title",
            label=_("Programme"),
            accessor=views.programme_cell,
            sort_key="programme_title",
            width="18%",
        ),
        Column("edition", label=_("Edition"), sort_key="edition", width="7%"),
        Column("get_status_display", label=_("Status"), sort_key="status", width="9%"),
        Column(
            "fee_amount",
            label=_("Fee"),
            accessor=views.fee_cell,
            sort_key="fee_amount",
            width="10%",
        ),
        Column(
            "created_at",
            label=_("Registered at"),
            accessor=views.registered_at_cell,
            sort_key="created_at",
            width="11%",
        ),
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
                "breadcrumbs_items": views.BREADCRUMBS_ITEMS,
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
            path("capaciteit/", views.CapacityView.as_view(), name="capacity"),
            path(
                "capaciteit/<int:track_id>/doorschuiven/",
                views.PromoteNextView.as_view(),
                name="promote",
            ),
            # The English path of earlier versions, kept for bookmarks.
            path(
                "capacity/",
                RedirectView.as_view(
                    pattern_name="registration:capacity", permanent=True, query_string=True
                ),
            ),
        ]


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()
