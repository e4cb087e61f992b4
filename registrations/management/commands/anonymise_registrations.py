"""Anonymise registrations past their retention period (run daily; safe to run twice)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from registrations.retention import anonymise_expired, expired_registrations


class Command(BaseCommand):
    help = (
        "Anonymise the contact details of registrations whose retention period has passed and delete "
        "old outbox mail. Safe to run daily and more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            count = expired_registrations().count()
            self.stdout.write(f"{count} registration(s) would be anonymised.")
            return
        result = anonymise_expired()
        # Counts only: never personal data in command output or logs.
        self.stdout.write(
            f"Anonymised {result.anonymised} registration(s); deleted {result.mails_deleted} mail(s)."
        )
