"""Admin for people: contact persons and supervisors as snippets (menu item "Personen")."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.models import Person


def organisation_choices() -> list[tuple[str, str]]:
    """The organisations people belong to, for the admin filter (evaluated per request)."""
    names = (
        Person.objects.exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )
    return [(name, name) for name in names]


class PersonFilterSet(WagtailFilterSet):
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"), choices=organisation_choices, empty_label=_("All organisations")
    )

    class Meta:
        model = Person
        fields = ["organisation"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_name = "people"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "organisation", "job_title"]
    filterset_class = PersonFilterSet
    ordering = ["name"]


register_snippet(PersonViewSet)
