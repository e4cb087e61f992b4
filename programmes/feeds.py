"""The Atom feed of the catalogue: /aan-de-slag/feed/ and /aan-de-slag/feed/?functie=griffiers.

Only live, public offerings appear (pages behind a view restriction never do), newest first. The feed
uses the same role filter as the catalogue page; an unknown role gives a 404 rather than a silently
different feed, so a feed reader reports the mistake. Every address in it is on ``SITE_URL``, and the
feed's author (required by RFC 4287) is the organisation name from the site settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.filters import FilterForm
from portal.models import SiteSettings
from portal.site_address import absolute_url
from programmes.queries import ROLE_PARAM, feed_programmes, role_facet, role_options

if TYPE_CHECKING:
    from programmes.models import CatalogueIndexPage, Role


def chosen_role(catalogue: CatalogueIndexPage, request: HttpRequest) -> Role | None:
    """The role chosen with ``?functie=``; ``None`` for all; 404 for an unknown role."""
    from programmes.models import Role

    form = FilterForm(
        request.GET, [role_facet(catalogue.filter_label)], {ROLE_PARAM: role_options()}
    )
    form.is_valid()
    if form.non_field_errors():
        raise Http404(_("Unknown role."))
    [slug] = form.selected()[ROLE_PARAM] or [None]
    return Role.objects.get(slug=slug) if slug else None


def catalogue_feed_response(catalogue: CatalogueIndexPage, request: HttpRequest) -> HttpResponse:
    role = chosen_role(catalogue, request)
    page_url = catalogue.get_full_url(request)
    title = catalogue.title
    link = page_url
    if role is not None:
        title = _("%(title)s: offerings for %(role)s") % {
            "title": catalogue.title,
            "role": role.name.lower(),
        }
        link = f"{page_url}?{ROLE_PARAM}={role.slug}"
    feed = Atom1Feed(
        title=title,
        link=link,
        description=catalogue.intro,
        language="nl",
        # On the public address (SITE_URL), like the entries (the Wagtail Site follows SITE_URL).
        feed_url=absolute_url(request.get_full_path()),
        # RFC 4287 requires an author; the entries have none of their own, so the feed names one.
        author_name=SiteSettings.for_request(request).organisation_name,
    )
    for programme in feed_programmes(catalogue, role):
        url = programme.get_full_url(request)
        feed.add_item(
            title=programme.title,
            link=url,
            description=programme.intro,
            unique_id=url,
            pubdate=programme.first_published_at,
            updateddate=programme.last_published_at or programme.first_published_at,
            categories=[r.name for r in programme.roles.all()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
