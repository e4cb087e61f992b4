"""An external search engine that does not answer, and how to recognise its clients' errors."""

from __future__ import annotations


class SearchUnavailable(Exception):
    """The external search engine did not answer (down, timed out, index missing)."""


def engine_errors() -> tuple[type[BaseException], ...]:
    """The exception classes the installed Elasticsearch/OpenSearch clients raise on failure."""
    errors: list[type[BaseException]] = []
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:  # pragma: no cover - depends on the installed extras
        pass
    try:
        from elastic_transport import TransportError as ElasticTransportError
        from elasticsearch import ApiError

        errors += [ElasticTransportError, ApiError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)
