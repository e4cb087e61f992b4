"""Create the "Programmabureau" group: the only group (besides superusers) that sees registrations.

It gets admin access, view/change on registrations, export and erasure. No page permissions: page rights
(e.g. on fee schedules) are granted elsewhere.
"""

from django.db import migrations

GROUP_NAME = "Programmabureau"
REGISTRATION_PERMISSIONS = {
    "view_registration": "Can view registration",
    "change_registration": "Can change registration",
    "export_registration": "Can export registrations",
    "erase_personal_data": "Can erase personal data in registrations",
}


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    registration_ct, _ = ContentType.objects.get_or_create(
        app_label="registrations", model="registration"
    )
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")

    permissions = [
        Permission.objects.get_or_create(
            content_type=registration_ct, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in REGISTRATION_PERMISSIONS.items()
    ]
    permissions.append(
        Permission.objects.get_or_create(
            content_type=admin_ct,
            codename="access_admin",
            defaults={"name": "Can access Wagtail admin"},
        )[0]
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_staff_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
