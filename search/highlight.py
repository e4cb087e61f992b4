"""Results as plain data, each with the matched words in context (HTML-escaped, ``<mark>`` around them)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.search import index

from programmes.models import ProgrammePage
from search.constants import SNIPPET_WORDS, ResultKind
from search.pages import result_kind, specific_pages


def page_text(page: Page) -> str:
    """The page's searchable text other than its title (intro/summary first, then the body)."""
    parts: list[str] = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = search_field.get_value(page)
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value)
        if value:
            parts.append(html.unescape(strip_tags(str(value))))
    if not parts and page.search_description:
        parts.append(page.search_description)
    return " ".join(" ".join(parts).split())


def _term_pattern(query: str) -> re.Pattern | None:
    """Words starting with a query term, or with its stem (a crude Dutch suffix strip)."""
    stems = set()
    for term in query.lower().split():
        stem = re.sub(r"(en|s|e)$", "", term) if len(term) > 4 else term
        stems.add(re.escape(stem))
    if not stems:
        return None
    alternatives = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def snippet(text: str, query: str, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the first match, escaped, matches in ``<mark>``."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    pattern = _term_pattern(query)
    match = pattern.search(text) if pattern else None
    tokens = text.split(" ")
    if match:
        before = len(text[: match.start()].split())
        start = max(0, before - words // 3)
    else:
        start = 0
    window = tokens[start : start + words]
    fragment = " ".join(window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    if pattern is None:
        return mark_safe(escape(prefix + fragment + suffix))  # noqa: S308 - escaped
    pieces, last = [], 0
    for found in pattern.finditer(fragment):
        pieces.append(escape(fragment[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(fragment[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308 - escaped


@dataclass
class ResultItem:
    """One result as plain data (cached with the outcome)."""

    page_id: int
    title: str
    kind: str
    kind_label: str
    url: str
    snippet: SafeString


def result_items(ids: list[int], query: str, request=None) -> list[ResultItem]:
    items = []
    for page in specific_pages(ids):
        kind = result_kind(page)
        label = ResultKind(kind).label
        if isinstance(page, ProgrammePage):
            label = page.get_kind_display()
        items.append(
            ResultItem(
                page_id=page.pk,
                title=page.title,
                kind=kind,
                kind_label=str(label),
                url=page.get_url(request) or "",
                snippet=snippet(page_text(page), query),
            )
        )
    return items
