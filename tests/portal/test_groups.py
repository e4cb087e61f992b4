"""The editors' groups and the moderation workflow exist with the permissions their work needs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from cases.models import CaseIndexPage
from portal.editorial import (
    EINDREDACTIE,
    PROGRAMMABUREAU,
    REDACTEUREN,
    WORKFLOW_NAME,
    ensure_editorial_workflow,
)
from programmes.models import CatalogueIndexPage

pytestmark = pytest.mark.django_db


def _model_perms(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def _page_perms(group: Group) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )


def test_redacteuren_edit_and_submit_but_not_publish(seeded):
    group = Group.objects.get(name=REDACTEUREN)
    assert _page_perms(group) == {"add_page", "change_page"}
    assert GroupPagePermission.objects.filter(group=group, page__depth=1).count() == 2
    assert {
        "wagtailadmin.access_admin",
        "programmes.add_role",
        "programmes.change_role",
        "people.add_person",
        "people.change_person",
        "programmes.view_municipality",
    } <= _model_perms(group)
    collection_perms = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert collection_perms == {"add_image", "choose_image", "add_document", "choose_document"}


def test_eindredactie_can_also_publish(seeded):
    group = Group.objects.get(name=EINDREDACTIE)
    assert _page_perms(group) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert _model_perms(Group.objects.get(name=REDACTEUREN)) <= _model_perms(group)


@pytest.mark.parametrize("name", [REDACTEUREN, EINDREDACTIE])
def test_editor_groups_have_no_registration_permissions(seeded, name):
    assert not any(
        p.startswith("registrations.") for p in _model_perms(Group.objects.get(name=name))
    )


def test_redactie_workflow_on_catalogue_case_library_and_home(seeded):
    catalogue = CatalogueIndexPage.objects.get()
    library = CaseIndexPage.objects.get()
    for page in (seeded, catalogue, library):
        workflow = page.get_workflow()
        assert workflow is not None and workflow.name == WORKFLOW_NAME, page
    programme = catalogue.get_children().first()
    assert programme.get_workflow().name == WORKFLOW_NAME
    tasks = [task.specific for task in catalogue.get_workflow().tasks]
    assert len(tasks) == 1
    assert [g.name for g in tasks[0].groups.all()] == [EINDREDACTIE]


def test_workflow_assignment_is_idempotent(seeded):
    catalogue = CatalogueIndexPage.objects.get()
    assert ensure_editorial_workflow(seeded, catalogue) == []


def test_programmabureau_edits_catalogue_without_publishing(seeded):
    group = Group.objects.filter(name=PROGRAMMABUREAU).first()
    if group is None:
        pytest.fail("The registrations app should create the Programmabureau group.")
    catalogue = CatalogueIndexPage.objects.get()
    perms = GroupPagePermission.objects.filter(group=group)
    assert {(p.page_id, p.permission.codename) for p in perms} == {(catalogue.pk, "change_page")}
    assert not Page.objects.filter(group_permissions__group=group, depth=1).exists()
