"""Site-wide pages (home, plain content pages) and site settings."""

from __future__ import annotations

import datetime

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
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

    def get_context(self, request, *args, **kwargs):
        from portal.services import statement_kind

        context = super().get_context(request, *args, **kwargs)
        context["statement"] = statement_kind(self, request)
        return context


#: RFC 9116 advises an ``Expires`` less than a year ahead; the admin refuses a later (or past) date.
SECURITY_TXT_MAX_DAYS = 365


class AccessibilityStatus(models.TextChoices):
    """The compliance status of the model statement on toegankelijkheidsverklaring.nl."""

    A = "A", _("A: fully compliant")
    B = "B", _("B: partially compliant")
    C = "C", _("C: first measures taken")
    D = "D", _("D: first measures not yet taken")
    E = "E", _("E: does not comply")


def validate_security_txt_expires(value: datetime.date) -> None:
    today = timezone.localdate()
    if value <= today:
        raise ValidationError(_("The expiry date must lie in the future."))
    if value > today + datetime.timedelta(days=SECURITY_TXT_MAX_DAYS):
        raise ValidationError(_("The expiry date may be at most a year ahead (RFC 9116)."))


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
    # The controller (verwerkingsverantwoordelijke) named in the privacy statement.
    controller_name = models.CharField(
        _("controller"),
        max_length=200,
        blank=True,
        help_text=_(
            "The organisation responsible for the personal data (controller), named in the privacy "
            "statement. Empty: the organisation name."
        ),
    )
    controller_address = models.TextField(
        _("controller's address"), blank=True, help_text=_("Postal address of the controller.")
    )
    privacy_contact_email = models.EmailField(
        _("privacy contact e-mail"),
        blank=True,
        help_text=_("Where visitors send questions and requests about their personal data."),
    )
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=200,
        blank=True,
        help_text=_(
            "Name or title of the data protection officer (functionaris gegevensbescherming)."
        ),
    )
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    # The accessibility statement, after the model of toegankelijkheidsverklaring.nl.
    accessibility_status = models.CharField(
        _("accessibility status"),
        max_length=1,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.C,
        help_text=_("The compliance status of the accessibility statement (A to E)."),
    )
    accessibility_statement_date = models.DateField(
        _("date of the accessibility statement"), null=True, blank=True
    )
    accessibility_evaluation = models.TextField(
        _("evaluation"),
        blank=True,
        help_text=_(
            "The evaluation the statement rests on: who examined the site, when, how (method, "
            "WCAG version and level) and where the report can be found."
        ),
    )
    accessibility_known_problems = models.TextField(
        _("known accessibility problems"),
        blank=True,
        help_text=_("One problem per line, with what is done about it and when."),
    )
    accessibility_contact_email = models.EmailField(
        _("accessibility contact e-mail"),
        blank=True,
        help_text=_("Where visitors report an accessibility problem. Empty: the contact e-mail."),
    )
    # /.well-known/security.txt (RFC 9116).
    security_contact = models.CharField(
        _("security contact"),
        max_length=300,
        blank=True,
        help_text=_(
            "An e-mail address or https:// address for reporting vulnerabilities, published in "
            "/.well-known/security.txt. Empty: the contact e-mail."
        ),
    )
    security_txt_expires = models.DateField(
        _("security.txt valid until"),
        null=True,
        blank=True,
        validators=[validate_security_txt_expires],
        help_text=_(
            "Until when the security contact is known to be right (at most a year ahead). Renew it "
            "in time; after it, security.txt announces a date 30 days ahead."
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("privacy_contact_email"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
            ],
            heading=_("Privacy statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_statement_date"),
                FieldPanel("accessibility_evaluation"),
                FieldPanel("accessibility_known_problems"),
                FieldPanel("accessibility_contact_email"),
            ],
            heading=_("Accessibility statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("security_contact"), FieldPanel("security_txt_expires")],
            heading=_("Security contact (security.txt)"),
        ),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def effective_retention_days(self) -> int:
        return self.retention_days or django_settings.REGISTRATION_RETENTION_DAYS

    @property
    def effective_controller_name(self) -> str:
        return self.controller_name or self.organisation_name

    @property
    def effective_accessibility_contact_email(self) -> str:
        return self.accessibility_contact_email or self.contact_email

    @property
    def known_accessibility_problems(self) -> list[str]:
        return [
            line.strip() for line in self.accessibility_known_problems.splitlines() if line.strip()
        ]
