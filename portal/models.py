"""Site-wide pages (home, plain content pages) and site settings."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.caching import CacheGeneration  # noqa: F401 - the page cache's model

#: The shortest retention period for personal data in registrations, in days: for the site default
#: (``SiteSettings.retention_days``) and for a programme's own period; ``registrations.retention``
#: never applies a shorter one.
MIN_RETENTION_DAYS = 30


class HomePage(Page):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Short text under the page title on the home page."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The page content, built from blocks: headings, text, quotes, images, downloads and "
            "buttons."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "programmes.CatalogueIndexPage",
        "cases.CaseIndexPage",
        "people.PeopleIndexPage",
        "portal.ContentPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from portal.services import home_highlights

        context = super().get_context(request, *args, **kwargs)
        context.update(home_highlights())
        return context


class ContentPage(Page):
    """Plain content: about, privacy statement, accessibility statement."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Lead text under the title.")
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The page content, built from blocks: headings, text, quotes, images, downloads and "
            "buttons."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        default="Programmabureau Lokale Democratie",
        help_text=_("Shown in the header, footer and e-mails."),
    )
    footer_contact = models.TextField(
        _("footer contact"),
        blank=True,
        help_text=_("Contact details shown in the footer of every page (plain text)."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "General contact address, shown in the footer and on closed registration forms."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked in the footer and from the consent box on registration forms."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked in the footer of every page."),
    )
    retention_days = models.PositiveIntegerField(
        _("default retention period (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_RETENTION_DAYS)],
        help_text=_(
            "How long personal data in registrations is kept before it is anonymised, unless a "
            "programme sets its own period. Empty: the server default."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("footer_contact"),
                FieldPanel("contact_email"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")], heading=_("Statements")
        ),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def effective_retention_days(self) -> int:
        return self.retention_days or django_settings.REGISTRATION_RETENTION_DAYS
