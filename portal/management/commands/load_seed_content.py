from django.core.management.base import BaseCommand

from portal.seed.loader import load_seed_content


class Command(BaseCommand):
    help = "Load the seed content (pages, roles, people, municipalities). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Overwrite seed-owned fields of existing pages with the seed file.",
        )

    def handle(self, *args, refresh: bool = False, **options):
        report = load_seed_content(refresh=refresh)
        self.stdout.write(self.style.SUCCESS(f"Seed content: {report}."))
