from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portal import checks  # noqa: F401 - registers the SITE_URL deploy checks
        from portal.caching import connect_signals
        from portal.site_address import sync_after_migrate

        connect_signals()
        # Every migrate (each deploy) points the default Wagtail Site at SITE_URL.
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="portal-sync-site-url")
