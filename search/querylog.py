"""The query log behind the editors' "popular searches" (Wagtail's search promotions)."""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from search.constants import MAX_LOGGED_QUERY_LENGTH, QUERY_LOG_BATCH

_DIGIT_RUN = re.compile(r"\d{5,}")


def log_query(query: str) -> None:
    """Count the query for the editors' "popular searches" (search promotions). Long queries and
    queries with long digit runs (phone numbers, postcodes, citizen numbers) are never stored.

    Hits are counted in the cache and written in batches of ``QUERY_LOG_BATCH``: the first hit of the day
    at once (so a new query shows up), then one write per batch. Writing every search would make all
    searches for a popular word queue on one database row. A cache restart loses at most one unwritten
    batch per query: acceptable for popularity statistics.
    """
    if not query or len(query) > MAX_LOGGED_QUERY_LENGTH or _DIGIT_RUN.search(query):
        return
    today = timezone.localdate()
    normalised = normalise_query_string(query)
    key = f"search-hits:{today.isoformat()}:{hashlib.sha256(normalised.encode()).hexdigest()}"
    try:
        cache.add(key, 0, timeout=2 * 24 * 60 * 60)
        count = cache.incr(key)
    except ValueError:  # the cache is unavailable or evicted the key: write this hit directly
        count = 1
    if count == 1:
        _add_hits(normalised, today, 1)
    elif count % QUERY_LOG_BATCH == 1:
        _add_hits(normalised, today, QUERY_LOG_BATCH)


def _add_hits(normalised_query: str, date, hits: int) -> None:
    search_query = Query.objects.get_or_create(query_string=normalised_query)[0]
    daily, _created = QueryDailyHits.objects.get_or_create(query=search_query, date=date)
    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
