"""Existing sites: the header navigation now comes from the page tree (``show_in_menus``)."""

from django.db import migrations

from portal.migration_operations import show_in_menus


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_filter_question_formal_address"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [show_in_menus("programmes", "CatalogueIndexPage")]
