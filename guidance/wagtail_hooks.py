"""Admin: the self-scans (a snippet editors build) and the aggregate answer counts (read-only).

Alert subscriptions have no admin screen: staff never need the addresses (minimum personal data).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from guidance.models import Scan, ScanOptionCount

READ_ONLY_ACTIONS = frozenset({"add", "change", "delete"})


class CountsPermissionPolicy(ModelPermissionPolicy):
    """Counts are made by visitors only: staff may look (``view``), never add, change or delete."""

    def user_has_permission(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - READ_ONLY_ACTIONS)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - READ_ONLY_ACTIONS)


class ScanViewSet(SnippetViewSet):
    model = Scan
    icon = "help"
    menu_label = _("Self-scans")
    menu_order = 300
    list_display = ["title", "slug", "is_active", "sort_order"]
    search_fields = ["title", "slug"]
    copy_view_enabled = False


class ScanOptionCountViewSet(ModelViewSet):
    model = ScanOptionCount
    icon = "list-ul"
    menu_label = _("Self-scan answers")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["question", "option", "count", "scan"]
    list_filter = ["scan"]
    ordering = ["scan", "position", "option"]
    inspect_view_enabled = True
    copy_view_enabled = False
    name = "scan_answers"
    form_fields = ["count"]  # required by ModelViewSet; the policy forbids every edit


register_permission_policy(ScanOptionCount, CountsPermissionPolicy(ScanOptionCount))
register_snippet(ScanViewSet)


@hooks.register("register_admin_viewset")
def register_scan_answers():
    return ScanOptionCountViewSet()
