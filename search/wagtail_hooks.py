"""Admin for the search lexicon: "Zoeksynoniemen" in the settings menu (``search.lexicon``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]


register_snippet(SearchSynonymViewSet)
