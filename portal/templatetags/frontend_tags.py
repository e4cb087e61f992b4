"""Template tags for the site's chrome: component stylesheets, the current item of the main navigation,
and the header and footer as cached fragments.

``{% component_stylesheets %}`` links every ``static/css/components/*.css`` file (sorted by name), so an
app can add styling for its own markup by dropping a file there, without editing ``base.html``.

``{% site_header %}`` and ``{% site_footer %}`` render ``includes/header.html`` and ``includes/footer.html``
once per site, language (and, for the header, navigation section) under the cache generation
(``portal.caching.cached_value``): the footer reads the site settings and two linked pages, and every
page that is not served whole from the page cache would otherwise render both again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from portal.caching import cached_value, uses_request_secrets

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
