"""Admin screens for the catalogue's reference data: roles (editable) and municipalities (read-only).

Roles (functies) are managed by editors: they drive the role filter in the catalogue. Municipalities come
from CBS and are loaded by ``load_seed_content``; editors can look them up but never add, change or delete
one, so the fee tiers always use the official population.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from programmes.models import Municipality, Role

READ_ONLY_ACTIONS = frozenset({"add", "change", "delete"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody (not even a superuser) may add, change or delete; "view" follows the normal permissions."""

    def user_has_permission(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - READ_ONLY_ACTIONS)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - READ_ONLY_ACTIONS)


register_permission_policy(Municipality, ReadOnlyPermissionPolicy(Municipality))


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "group"
    menu_order = 100
    list_display = ["name", "singular", "slug", "sort_order"]
    search_fields = ["name", "singular", "slug"]
    ordering = ["sort_order", "name"]
    sort_order_field = "sort_order"
    copy_view_enabled = False


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_order = 200
    list_display = ["name", "code", "population", "reference_date"]
    search_fields = ["name", "code", "search_text"]
    ordering = ["name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    index_template_name = "programmes/admin/municipality_index.html"


class CatalogueDataGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue data")
    menu_icon = "list-ul"
    menu_order = 250
    items = (RoleViewSet, MunicipalityViewSet)


register_snippet(CatalogueDataGroup)
