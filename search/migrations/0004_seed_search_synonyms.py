"""The default Dutch lexicon (``search.lexicon.DEFAULT_SYNONYMS``), added once; editors change it after."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.lexicon import DEFAULT_SYNONYMS

    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    if SearchSynonym.objects.exists():
        return
    SearchSynonym.objects.bulk_create(
        SearchSynonym(terms=terms, note=note) for terms, note in DEFAULT_SYNONYMS
    )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_search_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
