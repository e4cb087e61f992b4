"""Print the README's "Configuration reference" table from the registry in ``portal.env``."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from portal import env


class Command(BaseCommand):
    help = "Print the configuration reference (markdown) from portal.env.VARIABLES, for the README."

    def handle(self, *args, **options):
        self.stdout.write(env.markdown_table(), ending="")
