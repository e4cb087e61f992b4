"""``SEARCH_BACKEND=opensearch2``: Wagtail's backend with the engine's circuit breaker."""

from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend

from search.backends.external import BreakerBackendMixin


class SearchBackend(BreakerBackendMixin, OpenSearch2SearchBackend):
    pass
