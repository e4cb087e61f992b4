"""Reusable migration operations (apps import these from their own migrations; ``portal`` imports no app)."""

from __future__ import annotations

from django.db import migrations


def show_in_menus(app_label: str, model_name: str) -> migrations.RunPython:
    """Tick "Show in menus" on the pages of one type directly below a site's root page (depth 3), and on
    their latest revision, so the next publish from the editor keeps them in the header navigation."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        revision_model = apps.get_model("wagtailcore", "Revision")
        for page in model.objects.filter(depth=3, show_in_menus=False):
            page.show_in_menus = True
            page.save(update_fields=["show_in_menus"])
            if page.latest_revision_id:
                revision = revision_model.objects.filter(pk=page.latest_revision_id).first()
                if revision is not None and isinstance(revision.content, dict):
                    revision.content["show_in_menus"] = True
                    revision.save(update_fields=["content"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)
