"""Choices and limits for site search."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Longer input is cut off before it reaches the search engine.
MAX_QUERY_LENGTH = 200
# Only queries up to this length are counted in the search promotions' query log (longer ones are more
# likely to carry personal data, and are rarely worth promoting).
MAX_LOGGED_QUERY_LENGTH = 50
# Query-log hits are written to the database once per this many searches (search.querylog.log_query).
QUERY_LOG_BATCH = 10
RESULTS_PER_PAGE = 10
PEOPLE_LIMIT = 5
SUGGESTIONS_LIMIT = 8
MIN_SUGGEST_LENGTH = 2
SNIPPET_WORDS = 30


class ResultKind(models.TextChoices):
    """What a search result is; also the ``soort`` facet."""

    PROGRAMME = "programme", _("Offering")
    CASE = "case", _("Case")
    PAGE = "page", _("Page")
