"""Anonymise registrations past their retention period (run daily; safe to run twice)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from registrations.retention import expired_registrations
from registrations.tasks import run_retention, schedule_retention


class Command(BaseCommand):
    help = (
        "Anonymise the contact details of registrations whose retention period has passed and delete "
        "old outbox mail. Safe to run daily and more than once. Runs the task "
        "registrations.tasks.run_retention inline, or with --enqueue queues it for the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run for the task worker (db_worker --backend background) instead.",
        )
        parser.add_argument(
            "--delay-minutes",
            type=int,
            default=0,
            help="With --enqueue: run it this many minutes from now.",
        )

    def handle(self, *args, dry_run: bool = False, enqueue: bool = False, **options):
        if dry_run:
            count = expired_registrations().count()
            self.stdout.write(f"{count} registration(s) would be anonymised.")
            return
        if enqueue:
            delay = options.get("delay_minutes") or 0
            run_after = timezone.now() + dt.timedelta(minutes=delay) if delay else None
            result = schedule_retention(run_after)
            self.stdout.write(f"Retention run queued (task {result.id}).")
            return
        counts = run_retention.call()
        # Counts only: never personal data in command output or logs.
        self.stdout.write(
            f"Anonymised {counts['anonymised']} registration(s); "
            f"deleted {counts['mails_deleted']} mail(s)."
        )
