from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    """E-mail alerts for new offerings and cases, and the self-scan that recommends offerings.

    Everything the base (``portal``) needs from this app is registered here, so ``portal`` imports no
    domain app: the seed step (the scan), the rate limits, the page-cache invalidation and the signal
    that starts the alert job when a page is published.
    """

    name = "guidance"
    label = "guidance"
    verbose_name = _("Alerts and self-scan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from guidance import signals
        from guidance.models import Scan
        from guidance.seed import load_scan
        from portal import ratelimit
        from portal.caching import bump_generation
        from portal.seed.loader import register_step

        register_step("guidance-scan", load_scan)
        ratelimit.register_limits(signals.RATE_LIMITS)
        page_published.connect(signals.page_published, dispatch_uid="guidance-page-published")
        post_save.connect(bump_generation, sender=Scan, dispatch_uid="guidance-scan-save")
        post_delete.connect(bump_generation, sender=Scan, dispatch_uid="guidance-scan-delete")
