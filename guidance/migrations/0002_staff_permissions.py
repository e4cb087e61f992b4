"""Staff rights on the guidance app: editors build the self-scans; editors and the programme office see
the aggregate answer counts (view only: ``CountsPermissionPolicy`` forbids every change). Nobody gets
rights on alert subscriptions: the addresses have no admin screen."""

from django.db import migrations

EDITOR_GROUPS = ("Redacteuren", "Eindredactie")
OFFICE_GROUP = "Programmabureau"
SCAN_PERMISSIONS = {
    "add_scan": "Can add self-scan",
    "change_scan": "Can change self-scan",
    "delete_scan": "Can delete self-scan",
    "view_scan": "Can view self-scan",
}
COUNT_PERMISSIONS = {"view_scanoptioncount": "Can view self-scan answer count"}


def _permissions(apps, model, codenames):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="guidance", model=model)
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in codenames.items()
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    scan = _permissions(apps, "scan", SCAN_PERMISSIONS)
    counts = _permissions(apps, "scanoptioncount", COUNT_PERMISSIONS)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*scan, *counts)
    for group in Group.objects.filter(name=OFFICE_GROUP):
        group.permissions.add(*counts)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="guidance",
        codename__in=[*SCAN_PERMISSIONS, *COUNT_PERMISSIONS],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_alerts_and_self_scan"),
        ("portal", "0002_editor_groups_and_workflow"),
        ("registrations", "0003_programmabureau_group"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
