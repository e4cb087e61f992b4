from django.core.management.base import BaseCommand

from portal.site_address import site_url, sync_default_site


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at SITE_URL (in development: http://HOST:PORT), so page links "
        "in the sitemap, feed and admin lead to the running site. Safe to run again; `make run` runs "
        "it every time."
    )

    def handle(self, *args, **options):
        changed = sync_default_site()
        if options["verbosity"] >= 1:
            state = "updated" if changed else "unchanged"
            self.stdout.write(f"Public address: {site_url()}/ (Wagtail site {state})")
