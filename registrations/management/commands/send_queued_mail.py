"""Send due mails from the outbox. Safe to run from cron every minute, and twice at once."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from registrations.mail import send_pending


class Command(BaseCommand):
    help = "Send e-mails waiting in the outbox (retries failed ones with backoff)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help="At most this many per batch.")
        parser.add_argument(
            "--batches", type=int, default=10, help="Stop after this many full batches."
        )

    def handle(self, *args, limit: int = 100, batches: int = 10, **options):
        total = 0
        for _batch in range(batches):
            sent = send_pending(limit=limit)
            total += sent
            if sent < limit:
                break
        self.stdout.write(f"{total} sent.")
