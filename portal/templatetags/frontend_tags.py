"""Template tags for the site's chrome: component stylesheets, the current item of the main navigation,
and the header and footer as cached fragments.

``{% component_stylesheets %}`` links every ``static/css/components/*.css`` file (sorted by name), so an
app can add styling for its own markup by dropping a file there, without editing ``base.html``.

``{% site_header %}`` and ``{% site_footer %}`` render ``includes/header.html`` and ``includes/footer.html``
once per site, language (and, for the header, navigation section) under the cache generation
(``portal.caching.cached_value``): the footer reads the site settings and two linked pages, and every
page that is not served whole from the page cache would otherwise render both again.

``{% page_description page %}`` and ``{% canonical_url %}`` feed ``includes/page_meta.html`` (meta
description, canonical link and Open Graph tags in every page's ``<head>``).
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Site

from portal.caching import cached_value, uses_request_secrets
from portal.formatting import excerpt, format_phone
from portal.site_address import absolute_url

register = template.Library()

COMPONENTS_DIR = Path("css") / "components"


def _static_roots() -> list[Path]:
    roots: list[Path] = []
    for entry in getattr(settings, "STATICFILES_DIRS", []):
        directory = entry[1] if isinstance(entry, tuple | list) else entry
        roots.append(Path(directory))
    # Not STATIC_ROOT: after collectstatic it also holds the hashed copies (forms.07a1….css), which
    # have no manifest entry of their own.
    return roots


def component_stylesheet_names() -> tuple[str, ...]:
    """File names of the component stylesheets, looked up on every call while DEBUG is on."""
    if settings.DEBUG:
        return _find_component_stylesheets()
    return _cached_component_stylesheets()


def _find_component_stylesheets() -> tuple[str, ...]:
    names: set[str] = set()
    for root in _static_roots():
        names.update(path.name for path in (root / COMPONENTS_DIR).glob("*.css"))
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def _cached_component_stylesheets() -> tuple[str, ...]:
    return _find_component_stylesheets()


@register.simple_tag
def component_stylesheets() -> SafeString:
    return format_html_join(
        "\n  ",
        '<link rel="stylesheet" href="{}">',
        ((static(f"css/components/{name}"),) for name in component_stylesheet_names()),
    )


@register.simple_tag(takes_context=True)
def nav_current(context: template.Context, prefix: str) -> SafeString:
    """``aria-current="page"`` on the section's own page, ``aria-current="true"`` below it."""
    request = context.get("request")
    path = getattr(request, "path", "")
    if path == prefix:
        return mark_safe(' aria-current="page"')  # noqa: S308 (constant string)
    if path.startswith(prefix):
        return mark_safe(' aria-current="true"')  # noqa: S308 (constant string)
    return mark_safe("")  # noqa: S308 (constant string)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    path = getattr(context.get("request"), "path", "")
    segments = path.split("/")
    section = segments[1] if len(segments) > 2 else ""  # "/aan-de-slag/x/" -> "aan-de-slag"
    on_section_page = path == f"/{section}/"
    return _cached_include(context, "includes/header.html", section, on_section_page)


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    return _cached_include(context, "includes/footer.html")


def _cached_include(context: template.Context, template_name: str, *parts: object) -> SafeString:
    """``{% include template_name %}``, cached per site and language (and ``parts``)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site_id = site.pk if site is not None else ""

    def render() -> str:
        return render_to_string(template_name, context.flatten())

    key = (template_name, site_id, get_language(), *parts)
    keep = None if request is None else (lambda _html: not uses_request_secrets(request))
    return mark_safe(cached_value(key, render, keep))  # noqa: S308 (our own template's output)


# ---------- <head>: description, canonical link, Open Graph (includes/page_meta.html) ----------

DESCRIPTION_LENGTH = 160
DESCRIPTION_FIELDS = ("search_description", "intro", "summary")


def page_description_text(page) -> str:
    """The page's promotional description, else its intro (a case: its summary), as plain text of
    at most 160 characters; "" when it has none."""
    if page is None:
        return ""
    for field in DESCRIPTION_FIELDS:
        text = str(getattr(page, field, "") or "")
        if text and _is_rich_text(page, field):
            text = html.unescape(strip_tags(text))
        text = " ".join(text.split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def _is_rich_text(page, field: str) -> bool:
    from django.core.exceptions import FieldDoesNotExist
    from wagtail.fields import RichTextField

    try:
        return isinstance(page._meta.get_field(field), RichTextField)
    except (AttributeError, FieldDoesNotExist):
        return False


@register.simple_tag
def page_description(page) -> str:
    return page_description_text(page)


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """This page's address on SITE_URL, without the query string; "" outside a Wagtail page."""
    request = context.get("request")
    if context.get("page") is None or request is None:
        return ""
    return absolute_url(request.path)


# ---------- Text and numbers in one house style (portal/formatting.py) ----------


@register.filter
def phone(number: str) -> str:
    """``{{ person.public_phone|phone }}``: the number in one format (``06 1209 8499``)."""
    return format_phone(number)


@register.filter(name="excerpt")
def excerpt_filter(text: str, max_chars: int = 200) -> str:
    """``{{ programme.intro|excerpt }}``: cut after the last whole sentence that fits."""
    return excerpt(str(text or ""), int(max_chars))


# ---------- NL Design System classes on form widgets ----------

WIDGET_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"
INVALID_SUFFIX = {
    "utrecht-textbox": "utrecht-textbox--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
}


@register.filter
def nlds_widget(field) -> SafeString:
    """Render a bound field's widget with the NL Design System component class for its kind."""
    kind = field.widget_type
    if kind in ("radioselect", "checkboxselectmultiple", "hidden", "file", "clearablefile"):
        return field.as_widget()
    classes = WIDGET_CLASSES.get(kind, TEXTBOX_CLASS)
    if field.errors:
        base = classes.split()[0]
        classes = f"{classes} {INVALID_SUFFIX.get(base, base + '--invalid')}"
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {classes}".strip()})
