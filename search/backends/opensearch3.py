"""``SEARCH_BACKEND=opensearch3``: Wagtail's backend with the engine's circuit breaker."""

from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend

from search.backends.external import BreakerBackendMixin


class SearchBackend(BreakerBackendMixin, OpenSearch3SearchBackend):
    pass
