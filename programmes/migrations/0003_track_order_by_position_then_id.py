from django.db import migrations
from django.db.models import F


def number_unpositioned_tracks(apps, schema_editor):
    """Give every track without a position one: after the programme's positioned tracks, in order of
    creation (what PostgreSQL showed; NULL positions sorted first on SQLite and in the admin editor)."""
    Track = apps.get_model("programmes", "Track")
    programme_ids = (
        Track.objects.filter(sort_order__isnull=True).values_list("programme_id", flat=True).distinct()
    )
    for programme_id in list(programme_ids):
        tracks = Track.objects.filter(programme_id=programme_id).order_by(
            F("sort_order").asc(nulls_last=True), "pk"
        )
        for position, track in enumerate(tracks):
            if track.sort_order != position:
                Track.objects.filter(pk=track.pk).update(sort_order=position)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_track_and_meeting_help_texts"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="track",
            options={
                "ordering": ["sort_order", "pk"],
                "verbose_name": "track",
                "verbose_name_plural": "tracks",
            },
        ),
        migrations.RunPython(number_unpositioned_tracks, migrations.RunPython.noop),
    ]
