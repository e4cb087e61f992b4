"""Let "Eindredactie" change the site settings ("Instellingen > Site-instellingen").

The editors' guide (docs/redactiehandleiding.md, "Instellingen van de site") sends editors there for the
organisation name, footer contact, statements and the default retention period. "Redacteuren" do not get
it: like publishing, a change there is live at once on every page.
"""

from django.db import migrations

GROUP = "Eindredactie"
CODENAME = "change_sitesettings"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="portal", model="sitesettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can change site settings"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="portal", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_remove_wagtail_default_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
