"""Navigation from the page tree, never from slugs in templates.

``{% menu_pages as items %}`` gives the live, public pages directly below the site's root page that have
"Show in menus" ticked (Wagtail's ``show_in_menus``, the Promote tab), in the order of the page tree; the
header shows them. A page type may set a class attribute ``menu_label`` for a short label (the catalogue
"Aan de slag" is "Aanbod" in the menu); otherwise the page's title is used.

``{% page_url_of_type "programmes.CatalogueIndexPage" as url %}`` is the URL of the first live, public page
of that type in the site (in tree order), "" when there is none: the links to well-known pages (the
catalogue, the case library, the contact page) follow an editor who renames or moves them. The page type is
named by its model label, so ``portal`` imports no domain app. The URL is kept under the cache generation
(``portal.caching.cached_value``), which every publish, move, slug change and unpublish bumps; the header
itself is a cached fragment under the same generation (``frontend_tags.site_header``).
"""

from __future__ import annotations

from django import template
from django.apps import apps
from django.utils.translation import get_language
from wagtail.models import Page, Site

from portal.caching import cached_value

register = template.Library()


def _site(context: template.Context) -> Site | None:
    request = context.get("request")
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def menu_items(site: Site | None) -> list[Page]:
    """The menu of ``site``: live, public, ``show_in_menus`` children of its root page, in tree order."""
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().specific().order_by("path"))


@register.simple_tag(takes_context=True)
def menu_pages(context: template.Context) -> list[Page]:
    return menu_items(_site(context))


def first_page_of_type(site: Site | None, label: str) -> Page | None:
    """The first live, public page of the page type ``label`` ("app.Model") in ``site``, in tree order."""
    if site is None:
        return None
    model = apps.get_model(label)
    return (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )


@register.simple_tag(takes_context=True)
def page_url_of_type(context: template.Context, label: str) -> str:
    site = _site(context)
    request = context.get("request")

    def find() -> str:
        page = first_page_of_type(site, label)
        return (page.get_url(request=request) or "") if page is not None else ""

    return cached_value(("page-url-of-type", site.pk if site else "", label, get_language()), find)
