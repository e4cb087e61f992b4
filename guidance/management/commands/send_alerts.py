"""``manage.py send_alerts``: the alert job (cron, e.g. every 15 minutes; safe to run twice)."""

from django.core.management.base import BaseCommand

from guidance.alerts import run_alerts


class Command(BaseCommand):
    help = "Queue and send e-mail alerts and weekly digests; delete expired addresses."

    def handle(self, *args, **options):
        result = run_alerts()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
