import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexingErrorFilter(logging.Filter):
    """Keep personal data out of modelsearch's indexing error log.

    When an external engine is down, modelsearch catches the error (so saving and publishing still work)
    and logs ``"... adding %r into the '%s' search backend"``, where ``%r`` of a ``Person`` is their name.
    This filter rewrites such records to the model label and primary key only.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 2 and hasattr(args[0], "_meta"):
            instance, backend_name = args
            record.msg = "Search index update failed for %s pk=%s in the '%s' search backend"
            record.args = (instance._meta.label, instance.pk, backend_name)
        return True


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from portal.caching import bump_generation
        from search.models import SearchSynonym

        logging.getLogger("modelsearch.index").addFilter(IndexingErrorFilter())
        # A changed synonym changes search results: cached outcomes and the cached lexicon go stale.
        for signal in (post_save, post_delete):
            signal.connect(bump_generation, sender=SearchSynonym, dispatch_uid=f"search-{signal!r}")
