"""The editorial set-up that depends on seeded pages: which pages go through the moderation workflow.

The groups "Redacteuren" and "Eindredactie" and the "Redactie-workflow" are created by the migration
``portal/0002_editor_groups_and_workflow``. The home page, the catalogue (/aan-de-slag/) and the case
library (/casussen/) are created by the seed loader, so assigning the workflow to them happens here, at the
end of ``SeedLoader.load``. Everything is idempotent and never undoes what an administrator changed: a
page that already has a workflow keeps it.

"Programmabureau" (created by the registrations app) manages fee schedules: it may edit the catalogue and
its programme pages (not add or publish them); changes go through the same workflow.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage

REDACTEUREN = "Redacteuren"
EINDREDACTIE = "Eindredactie"
PROGRAMMABUREAU = "Programmabureau"
WORKFLOW_NAME = "Redactie-workflow"
TASK_NAME = "Goedkeuring eindredactie"


def editorial_workflow() -> Workflow:
    """The "Redactie-workflow" with its approval task for "Eindredactie" (created when missing)."""
    eindredactie, _ = Group.objects.get_or_create(name=EINDREDACTIE)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.add(eindredactie)
        workflow.workflow_tasks.create(task=task, sort_order=0)
    return workflow


def ensure_editorial_workflow(*pages: Page) -> list[Page]:
    """Assign the "Redactie-workflow" to each page that has no workflow of its own; return those."""
    workflow = editorial_workflow()
    assigned = []
    for page in pages:
        _link, created = WorkflowPage.objects.get_or_create(
            page=page, defaults={"workflow": workflow}
        )
        if created:
            assigned.append(page)
    return assigned


def grant_fee_schedule_editing(catalogue: Page) -> bool:
    """Let "Programmabureau" edit the catalogue and its programmes (no publish). False if no group."""
    group = Group.objects.filter(name=PROGRAMMABUREAU).first()
    if group is None:
        return False
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=catalogue, permission=permission)
    return True


def setup_editorial_pages(home: Page, catalogue: Page, library: Page) -> list[str]:
    """Called by the seed loader: workflow on home, catalogue and library; fee-schedule rights."""
    assigned = ensure_editorial_workflow(home, catalogue, library)
    grant_fee_schedule_editing(catalogue)
    return [f"workflow on {page.url_path}" for page in assigned]
