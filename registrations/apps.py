from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    label = "registrations"
    verbose_name = _("Registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portal import health
        from registrations.health import mail_outbox

        health.register("mail_outbox", mail_outbox)
