"""Remove Wagtail's default groups "Moderators" and "Editors": the portal has its own.

A new Wagtail site starts with "Moderators" (add, edit, publish, lock pages from the root) and "Editors"
(add and edit pages), next to the portal's "Eindredactie", "Redacteuren" and "Programmabureau" (see
``0002_editor_groups_and_workflow`` and the registrations app). Two sets of groups for the same work is
confusing, and "Moderators" could publish anywhere without the "Redactie-workflow". So:

- members of "Moderators" join "Eindredactie", members of "Editors" join "Redacteuren" (nobody loses the
  access they had through the admin), then both groups are deleted, with their page, collection and model
  permissions;
- Wagtail's default "Moderators approval" workflow (assigned to the tree root) is replaced by the
  "Redactie-workflow" on the root; the old workflow and its task are deleted when no page ever went
  through them, otherwise their task is given to "Eindredactie" so running moderation can be finished.

Reversing does not recreate Wagtail's groups (the portal never used them).
"""

from django.conf import settings
from django.db import migrations

DEFAULT_GROUPS = {"Moderators": "Eindredactie", "Editors": "Redacteuren"}
DEFAULT_WORKFLOW = "Moderators approval"
WORKFLOW_NAME = "Redactie-workflow"


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    for old_name, new_name in DEFAULT_GROUPS.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        new.user_set.add(*old.user_set.all())
        old.delete()

    default = Workflow.objects.filter(name=DEFAULT_WORKFLOW).first()
    redactie = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if default is None or redactie is None:
        return
    WorkflowPage.objects.filter(workflow=default).update(workflow=redactie)
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=default)
    if WorkflowState.objects.filter(workflow=default).exists():
        eindredactie = Group.objects.get(name="Eindredactie")
        for task in tasks:
            task.groups.add(eindredactie)
        return
    task_ids = list(tasks.values_list("pk", flat=True))
    default.delete()
    # A task still used by another workflow stays.
    GroupApprovalTask.objects.filter(pk__in=task_ids, workflow_tasks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_cache_generation"),
        ("portal", "0002_editor_groups_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
