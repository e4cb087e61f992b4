"""Create the editors' groups and the moderation workflow.

- "Redacteuren": admin access; add and edit pages (which includes submitting them for moderation), but not
  publish; add and choose images and documents; add and edit roles and people; view municipalities.
- "Eindredactie": everything "Redacteuren" can, plus publish, lock and unlock pages; they are the approvers
  in the "Redactie-workflow".
- "Redactie-workflow": one GroupApprovalTask ("Goedkeuring eindredactie") for "Eindredactie". The seed
  loader assigns it to the home page, the catalogue and the case library (those pages are not created by
  migrations; see ``portal.editorial.ensure_editorial_workflow``).

Page permissions are granted on the tree root: the site has a single home page, and page type rules
(``parent_page_types`` and ``max_count``) stop anyone from adding a second site root. Neither group gets
any permission on registrations: those belong to "Programmabureau" (registrations app).
"""

from django.db import migrations

REDACTEUREN = "Redacteuren"
EINDREDACTIE = "Eindredactie"
WORKFLOW_NAME = "Redactie-workflow"
TASK_NAME = "Goedkeuring eindredactie"

# (app_label, model, codename, name)
COMMON_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("programmes", "role", "add_role", "Can add role"),
    ("programmes", "role", "change_role", "Can change role"),
    ("programmes", "municipality", "view_municipality", "Can view municipality"),
    ("people", "person", "add_person", "Can add person"),
    ("people", "person", "change_person", "Can change person"),
]
COMMON_PAGE_PERMISSIONS = ["add_page", "change_page"]
EINDREDACTIE_PAGE_PERMISSIONS = ["publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
]
PAGE_PERMISSION_NAMES = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Can publish any page",
    "lock_page": "Can lock page",
    "unlock_page": "Can unlock page",
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    model_permissions = [_permission(apps, *spec) for spec in COMMON_MODEL_PERMISSIONS]
    collection_permissions = [_permission(apps, *spec) for spec in COLLECTION_PERMISSIONS]

    groups = {}
    for name, page_codenames in (
        (REDACTEUREN, COMMON_PAGE_PERMISSIONS),
        (EINDREDACTIE, COMMON_PAGE_PERMISSIONS + EINDREDACTIE_PAGE_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*model_permissions)
        if root_page is not None:
            for codename in page_codenames:
                permission = _permission(
                    apps, "wagtailcore", "page", codename, PAGE_PERMISSION_NAMES[codename]
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        groups[name] = group

    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_content_type, active=True
        )
    task.groups.add(groups[EINDREDACTIE])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_groups_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[REDACTEUREN, EINDREDACTIE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("programmes", "0001_initial"),
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow)]
