from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "redacteur"
DEMO_PASSWORD = "demo-redacteur-2026"  # noqa: S105 - a documented, dev-only demo account
DEMO_GROUPS = ("Redacteuren", "Eindredactie", "Programmabureau")


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo editor account for local use. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor account is only for local development (DEBUG on).")
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={
                "first_name": "Demo",
                "last_name": "Redacteur",
                "email": "redacteur@example.org",
            },
        )
        user.is_staff = True
        user.is_active = True
        groups = list(Group.objects.filter(name__in=DEMO_GROUPS))
        # Until the editor groups exist, the demo account is a superuser so every screen can be seen.
        user.is_superuser = len(groups) < len(DEMO_GROUPS)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(*groups)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor: http://{{host}}/admin/  user '{DEMO_USERNAME}'  password '{DEMO_PASSWORD}'"
            )
        )
