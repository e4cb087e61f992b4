"""Filterable lists: GET parameters in, a filtered, counted and paginated queryset out.

Used by the catalogue (/aan-de-slag/?functie=griffiers), the case library (/casussen/, role + theme +
kind together) and search. The flow for one request:

1. Each list declares its facets once as :class:`FacetDefinition` objects: the GET parameter
   (``functie``), a label ("Wat is uw functie?"), the queryset lookup it filters on
   (``roles__slug``) and a callable returning the options as ``(value, label)`` pairs.
2. :func:`filter_listing` reads ``request.GET`` through a :class:`FilterForm` (a plain Django form).
   An unknown, absurdly long or otherwise invalid value never raises: the form drops it and adds a
   plain-language *form-level* message (``form.non_field_errors()``); the list then behaves as if that
   filter were not set ("Alle"). The message says that the choice is unknown but never repeats it: what
   a visitor puts in a link must not appear as text on an official page. An empty value (``?functie=``) means "Alle", without a message.
   A repeated parameter (``?functie=a&functie=b``) of a single-valued facet uses the last value, the
   way Django forms read a ``QueryDict``.
3. The queryset is filtered by every chosen facet; per-option counts are computed with ONE grouped
   query per facet (``values(lookup).annotate(Count)``), on the queryset filtered by the *other*
   facets, so the number of queries never grows with the number of options or items.
4. The result is paginated with ``Paginator.get_page()`` (a bad ``?page=`` gives the nearest valid page).
   Every link the listing builds (options, "remove this filter", pagination) keeps the other filters and
   drops ``page``; unknown parameters are never echoed back into links.

Templates get a :class:`Listing`; see ``templates/includes/filter_*.html`` and
``templates/includes/pagination.html`` for the markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.caching import cached_value

PAGE_PARAM = "page"

OptionsSource = Callable[[], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class FacetDefinition:
    """How one GET parameter filters a list.

    ``options`` is called once per request and returns ``(value, label)`` pairs in display order, e.g.
    ``lambda: Role.objects.values_list("slug", "name")`` or ``lambda: OfferingKind.choices``.
    ``lookup`` is the queryset lookup the value is compared with (``roles__slug``, ``kind``,
    ``tags__slug``). ``multiple=True`` lets a visitor choose several values (any of them matches).
    ``unknown_message`` is shown when the value is not an option. It names the facet, never the value
    (no placeholder): the visitor's text is not repeated on the page.
    """

    param: str
    label: str
    lookup: str
    options: OptionsSource
    all_label: str = _("All")
    multiple: bool = False
    unknown_message: str = _("We do not know this filter value. You are seeing all results.")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Facet:
    """One facet as shown: its options with counts and links, and an "Alle" option."""

    param: str
    label: str
    all_label: str
    all_count: int | None  # None: no count shown (search)
    all_url: str
    all_selected: bool
    options: list[FacetOption]
    multiple: bool = False

    @property
    def selected_options(self) -> list[FacetOption]:
        return [o for o in self.options if o.selected]


@dataclass(frozen=True)
class ChosenFilter:
    """A chosen filter value, shown above the results with a link that removes it."""

    param: str
    facet_label: str
    value: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str
    current: bool


@dataclass
class Listing:
    """Everything a template needs to show a filtered, paginated list."""

    form: FilterForm
    facets: list[Facet]
    chosen: list[ChosenFilter]
    page: PaginatorPage
    messages: list[str]
    clear_url: str
    page_links: list[PageLink] = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)

    def facet(self, param: str) -> Facet | None:
        return next((f for f in self.facets if f.param == param), None)


class FilterForm(forms.Form):
    """Validates the GET parameters of a filterable list against its facet definitions.

    Invalid values are removed from the field errors and reported once as a form-level message, so a
    template shows one friendly sentence and the list falls back to "Alle" for that facet.
    """

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        definitions: Sequence[FacetDefinition],
        options: Mapping[str, list[tuple[str, str]]],
    ) -> None:
        super().__init__(data=data if data is not None else QueryDict())
        self.definitions = {d.param: d for d in definitions}
        for definition in definitions:
            choices = [(str(v), str(label)) for v, label in options[definition.param]]
            if definition.multiple:
                self.fields[definition.param] = forms.MultipleChoiceField(
                    label=definition.label, required=False, choices=choices
                )
            else:
                self.fields[definition.param] = forms.ChoiceField(
                    label=definition.label,
                    required=False,
                    choices=[("", str(definition.all_label)), *choices],
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for param, definition in self.definitions.items():
            if param not in self._errors:
                continue
            del self._errors[param]
            raw = self.data.getlist(param) if hasattr(self.data, "getlist") else [self.data[param]]
            valid = {str(v) for v, _label in self.fields[param].choices}
            self.add_error(None, str(definition.unknown_message))
            if definition.multiple:
                cleaned[param] = [v for v in raw if v in valid]
            else:
                cleaned[param] = ""
        return cleaned

    def selected(self) -> dict[str, list[str]]:
        """The valid chosen values per facet parameter (empty list: "Alle")."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        result: dict[str, list[str]] = {}
        for param in self.definitions:
            value = self.cleaned_data.get(param)
            if isinstance(value, list | tuple):
                result[param] = [v for v in value if v]
            else:
                result[param] = [value] if value else []
        return result


def build_url(path: str, params: Mapping[str, Sequence[str]], **changes: Sequence[str]) -> str:
    """``path`` plus a query string of ``params`` with ``changes`` applied; never carries ``page``.

    An empty sequence removes a parameter. The result is safe to put in an ``href`` (escaped by the
    template engine as usual).
    """
    merged = {k: list(v) for k, v in params.items() if k != PAGE_PARAM}
    for key, values in changes.items():
        merged[key] = [v for v in values if v]
    query = QueryDict(mutable=True)
    for key, values in merged.items():
        if values:
            query.setlist(key, list(values))
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def apply_facets(
    queryset: QuerySet,
    definitions: Sequence[FacetDefinition],
    selected: Mapping[str, Sequence[str]],
    exclude: str | None = None,
) -> QuerySet:
    """Filter ``queryset`` by every chosen facet value (except facet ``exclude``)."""
    for definition in definitions:
        values = selected.get(definition.param) or []
        if definition.param == exclude or not values:
            continue
        if len(values) == 1:
            queryset = queryset.filter(**{definition.lookup: values[0]})
        else:
            # Any of the values; a subquery keeps rows unique across a many-to-many join.
            matching = queryset.model._default_manager.filter(
                **{f"{definition.lookup}__in": list(values)}
            ).values("pk")
            queryset = queryset.filter(pk__in=matching)
    return queryset


def facet_counts(queryset: QuerySet, lookup: str) -> dict[str, int]:
    """Number of distinct items per value of ``lookup``, in ONE grouped query."""
    rows = (
        queryset.order_by()
        .values(lookup)
        .annotate(n=Count("pk", distinct=True))
        .values_list(lookup, "n")
    )
    return {str(value): n for value, n in rows if value is not None}


class _CountedPaginator(Paginator):
    """A paginator told its count (from the cache) instead of asking the database."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def paginate(
    items: Any, page_number: str | int | None, per_page: int, count: int | None = None
) -> PaginatorPage:
    """One page of ``items`` (ordered queryset or list); invalid or out-of-range numbers are corrected.
    ``count``, when known, saves the paginator's own count query."""
    per_page = max(1, per_page)
    paginator = (
        Paginator(items, per_page) if count is None else _CountedPaginator(items, per_page, count)
    )
    return paginator.get_page(page_number)


def _options(definition: FacetDefinition) -> list[tuple[str, str]]:
    """The facet's options as plain strings (in the active language), cached under the generation."""
    source = definition.options
    name = f"{getattr(source, '__module__', '')}.{getattr(source, '__qualname__', repr(source))}"
    return cached_value(
        ("facet-options", name, definition.param, get_language() or ""),
        lambda: [(str(v), str(lbl)) for v, lbl in source()],
    )


def _query_key(queryset: QuerySet) -> str:
    """The SQL and parameters of ``queryset``: the identity of a cached count."""
    sql, params = queryset.query.sql_with_params()
    return f"{queryset.db}:{sql}:{params!r}"


def _selection_key(selected: Mapping[str, Sequence[str]], exclude: str | None = None) -> str:
    return repr(sorted((k, sorted(v)) for k, v in selected.items() if k != exclude and v))


def cached_count(queryset: QuerySet, key: str) -> int:
    """``queryset.count()``, cached under the generation (``portal.caching.cached_value``). ``key``
    identifies the queryset (its base query and the chosen filters): cheaper than compiling its SQL."""
    return cached_value(("count", key), queryset.count)


def cached_facet_counts(queryset: QuerySet, lookup: str, key: str) -> dict[str, int]:
    """``facet_counts``, cached under the generation."""
    return cached_value(("facet-counts", lookup, key), lambda: facet_counts(queryset, lookup))


def page_links(
    page: PaginatorPage, path: str, params: Mapping[str, Sequence[str]]
) -> list[PageLink]:
    """Links to the pages around the current one (with ellipses), keeping the filters."""
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append(PageLink(number=None, url="", current=False))
        else:
            links.append(
                PageLink(
                    number=number,
                    url=_page_url(path, params, number),
                    current=number == page.number,
                )
            )
    return links


def _page_url(path: str, params: Mapping[str, Sequence[str]], number: int) -> str:
    url = build_url(path, params)
    if number == 1:
        return url
    return f"{url}{'&' if '?' in url else '?'}{PAGE_PARAM}={number}"


def filter_listing(
    queryset: QuerySet,
    definitions: Sequence[FacetDefinition],
    data: QueryDict,
    *,
    path: str,
    per_page: int = 12,
    keep: Sequence[str] = (),
    prepare: Callable[[QuerySet], QuerySet] | None = None,
) -> Listing:
    """Filter, count and paginate ``queryset`` by the GET ``data``.

    ``queryset`` must be ordered. ``keep`` lists extra parameters (such as ``q``) that links keep.
    ``prepare`` is applied to the filtered queryset before paginating, e.g. to add
    ``prefetch_related``; counts use the unprepared queryset.

    Queries: one per options source that hits the database, one per facet for the counts, one for the
    "Alle" count per facet, plus the paginator's count and page. All but the page are cached under the
    cache generation (``portal.caching.cached_value``), so a repeated listing costs the page query only.
    """
    options = {d.param: _options(d) for d in definitions}
    form = FilterForm(data, definitions, options)
    form.is_valid()
    selected = form.selected()
    messages = [str(m) for m in form.non_field_errors()]

    # Only known parameters travel into links.
    params: dict[str, list[str]] = {k: v for k, v in selected.items() if v}
    for key in keep:
        values = [v for v in data.getlist(key) if v] if hasattr(data, "getlist") else []
        if values:
            params[key] = values

    facets: list[Facet] = []
    chosen: list[ChosenFilter] = []
    base_key = _query_key(queryset)  # the unfiltered listing; the filters are added per count below
    for definition in definitions:
        others = apply_facets(queryset, definitions, selected, exclude=definition.param)
        others_key = f"{base_key}|{_selection_key(selected, exclude=definition.param)}"
        counts = cached_facet_counts(others, definition.lookup, others_key)
        current = selected[definition.param]
        facet_options = []
        for value, label in options[definition.param]:
            is_selected = value in current
            if definition.multiple:
                new_values = (
                    [v for v in current if v != value] if is_selected else [*current, value]
                )
            else:
                new_values = [value]
            facet_options.append(
                FacetOption(
                    value=value,
                    label=label,
                    count=counts.get(value, 0),
                    selected=is_selected,
                    url=build_url(path, params, **{definition.param: new_values}),
                )
            )
            if is_selected:
                chosen.append(
                    ChosenFilter(
                        param=definition.param,
                        facet_label=str(definition.label),
                        value=value,
                        label=label,
                        remove_url=build_url(
                            path,
                            params,
                            **{definition.param: [v for v in current if v != value]},
                        ),
                    )
                )
        facets.append(
            Facet(
                param=definition.param,
                label=str(definition.label),
                all_label=str(definition.all_label),
                all_count=cached_count(others, others_key),
                all_url=build_url(path, params, **{definition.param: []}),
                all_selected=not current,
                options=facet_options,
                multiple=definition.multiple,
            )
        )

    filtered = apply_facets(queryset, definitions, selected)
    total = cached_count(filtered, f"{base_key}|{_selection_key(selected)}")
    if prepare is not None:
        filtered = prepare(filtered)
    page = paginate(filtered, data.get(PAGE_PARAM) if data else None, per_page, count=total)
    return Listing(
        form=form,
        facets=facets,
        chosen=chosen,
        page=page,
        messages=messages,
        clear_url=build_url(path, {k: v for k, v in params.items() if k in keep}),
        page_links=page_links(page, path, params),
        previous_url=_page_url(path, params, page.previous_page_number())
        if page.has_previous()
        else "",
        next_url=_page_url(path, params, page.next_page_number()) if page.has_next() else "",
    )
