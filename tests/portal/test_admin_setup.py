"""The admin as the portal sets it up: only the portal's own groups (Wagtail's default "Moderators" and
"Editors" are gone), the demo editor reaches "Instellingen > Site-instellingen" as the editors' guide says,
and no admin page loads avatars from an outside service (gravatar)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Site, Workflow, WorkflowPage

from portal.editorial import EINDREDACTIE, PROGRAMMABUREAU, REDACTEUREN, WORKFLOW_NAME
from tests.registrations.staff_factories import RegistrationFactory

pytestmark = pytest.mark.django_db

PORTAL_GROUPS = {REDACTEUREN, EINDREDACTIE, PROGRAMMABUREAU}


@pytest.fixture
def demo_editor(settings, seeded):
    settings.DEBUG = True  # the command refuses to run without it
    call_command("create_demo_editor", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return get_user_model().objects.get(username="redacteur")


def _settings_url() -> str:
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=("portal", "sitesettings", site.pk))


# --- 17: only the portal's own groups -------------------------------------------------------------------


def test_only_the_portals_groups_exist(seeded):
    assert set(Group.objects.values_list("name", flat=True)) == PORTAL_GROUPS


def test_only_eindredactie_may_publish_from_the_root(seeded):
    publishers = GroupPagePermission.objects.filter(
        page__depth=1, permission__codename="publish_page"
    ).values_list("group__name", flat=True)
    assert set(publishers) == {EINDREDACTIE}


def test_root_moderation_goes_through_the_redactie_workflow(seeded):
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    root = WorkflowPage.objects.filter(page__depth=1).select_related("workflow").first()
    assert root is not None and root.workflow.name == WORKFLOW_NAME


def test_members_of_the_default_groups_move_to_the_portals_groups(seeded):
    """The migration keeps people's access: Moderators join Eindredactie, Editors join Redacteuren."""
    migration = importlib.import_module("portal.migrations.0005_remove_wagtail_default_groups")
    moderator = get_user_model().objects.create_user("moderator")
    editor = get_user_model().objects.create_user("editor")
    moderator.groups.add(Group.objects.create(name="Moderators"))
    editor.groups.add(Group.objects.create(name="Editors"))

    migration.remove_default_groups(django_apps, None)

    assert set(Group.objects.values_list("name", flat=True)) == PORTAL_GROUPS
    assert list(moderator.groups.values_list("name", flat=True)) == [EINDREDACTIE]
    assert list(editor.groups.values_list("name", flat=True)) == [REDACTEUREN]


def test_demo_editor_still_edits_pages(client, demo_editor):
    client.force_login(demo_editor)
    home = Site.objects.get(is_default_site=True).root_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 200
    assert demo_editor.has_perm("wagtailadmin.access_admin")


# --- 20: the demo editor reaches the site settings -------------------------------------------------------


def test_demo_editor_opens_site_settings_and_sees_the_menu_item(client, demo_editor):
    client.force_login(demo_editor)
    url = _settings_url()
    assert client.get(url).status_code == 200
    dashboard = client.get(reverse("wagtailadmin_home")).text
    # The sidebar menu is rendered as JSON props; the settings item links to the edit view.
    assert "Site-instellingen" in dashboard
    assert reverse("wagtailsettings:edit", args=("portal", "sitesettings")) in dashboard


def test_redacteuren_do_not_change_site_settings(client, seeded):
    from tests.portal.test_admin_pages import admin_user

    client.force_login(admin_user("redacteur-x", groups=(REDACTEUREN,)))
    assert client.get(_settings_url()).status_code in (302, 403)


# --- 21: no gravatar ------------------------------------------------------------------------------------


def test_no_admin_page_references_gravatar(client, demo_editor):
    client.force_login(demo_editor)
    reg = RegistrationFactory()
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("registration:index"),
        reverse("registration:inspect", args=[reg.pk]),
        reverse("registration:capacity"),
        reverse("wagtailadmin_account"),
        _settings_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "gravatar" not in response.text.lower(), url
