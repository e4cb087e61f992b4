"""The catalogue "Aan de slag" and its programme pages (offerings)."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.models import PageContact
from portal.blocks import BodyBlock
from portal.caching import fragment_generation, fragment_seconds
from portal.models import MIN_RETENTION_DAYS
from programmes.constants import OfferingKind
from programmes.forms import ProgrammePageForm
from registrations.routes import RegistrationRoutesMixin


class CatalogueIndexPage(RoutablePageMixin, Page):
    """The catalogue "Aan de slag": every offering, filterable by role (functie)."""

    #: Label in the header navigation (``portal/templatetags/navigation_tags.py``).
    menu_label = _("Offerings")

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Text above the filter."))
    filter_label = models.CharField(
        _("filter question"),
        max_length=100,
        default="Wat is uw functie?",
        help_text=_("The question above the role filter."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("offerings per page"),
        default=12,
        help_text=_("How many cards one page of results shows."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("filter_label"),
        FieldPanel("per_page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def get_context(self, request, *args, **kwargs):
        from programmes.queries import get_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = get_catalogue(self, request.GET, path=self.get_url(request))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """An Atom feed of the newest offerings, optionally for one role (``?functie=griffiers``)."""
        from programmes.feeds import catalogue_feed_response

        return catalogue_feed_response(self, request)


class ProgrammeTag(TaggedItemBase):
    content_object = ParentalKey(
        "programmes.ProgrammePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProgrammePage(RegistrationRoutesMixin, RoutablePageMixin, Page):
    """One offering in the catalogue: a programme, workshop series, learning circle, publication, ..."""

    kind = models.CharField(
        _("kind of offering"),
        max_length=30,
        choices=OfferingKind.choices,
        default=OfferingKind.PROGRAMME,
        help_text=_("Shown as a label on the card and used as a search facet."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_(
            "One to three sentences, shown on the card in the catalogue and in search results."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    roles = ParentalManyToManyField(
        "programmes.Role",
        verbose_name=_("for whom"),
        related_name="programmes",
        help_text=_(
            "The roles this offering is for; it appears under these roles in the catalogue."
        ),
    )
    takeaways_intro = models.CharField(
        _("take-aways lead-in"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional line above the take-aways, e.g. 'Een begrijpelijk proces zorgt voor:'."
        ),
    )
    tags = ClusterTaggableManager(
        through=ProgrammeTag,
        blank=True,
        verbose_name=_("themes"),
        help_text=_("Themes, used for filtering and search."),
    )
    organiser = models.CharField(
        _("organised by"),
        max_length=300,
        blank=True,
        help_text=_("The organising party or parties."),
    )
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                MIN_RETENTION_DAYS,
                message=_(
                    "Keep personal data at least %(limit_value)s days, as the default in the site "
                    "settings does; leave the field empty for the default."
                ),
            )
        ],
        help_text=_(
            "Days after registration before the contact person's data is anonymised (at least 30). "
            "Empty: the site default."
        ),
    )

    base_form_class = ProgrammePageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("takeaways_intro"),
                InlinePanel("takeaways", label=_("Take-away"), min_num=0),
            ],
            heading=_("Take-aways"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("organiser"),
        InlinePanel("contacts", label=_("Contact person or supervisor")),
    ]
    registration_panels = [
        InlinePanel("tracks", label=_("Track")),
        FieldPanel("retention_days"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration and fees")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("takeaways_intro"),
        index.SearchField("organiser"),
        index.RelatedFields("takeaways", [index.SearchField("text")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.RelatedFields("roles", [index.FilterField("slug")]),
    ]

    parent_page_types = ["programmes.CatalogueIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_context(self, request, *args, **kwargs):
        from programmes.queries import programme_details

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template caches the content that uses it (see programme_page.html).
        context["details"] = SimpleLazyObject(lambda: programme_details(self))
        context["fragment_seconds"] = fragment_seconds()
        context["fragment_generation"] = fragment_generation()
        return context


class ProgrammeTakeaway(Orderable):
    page = ParentalKey(ProgrammePage, related_name="takeaways", on_delete=models.CASCADE)
    text = models.CharField(_("text"), max_length=400)
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Optional web address for this take-away.")
    )

    panels = [FieldPanel("text"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("take-away")
        verbose_name_plural = _("take-aways")

    def __str__(self) -> str:
        return self.text


class ProgrammeContact(PageContact):
    page = ParentalKey(ProgrammePage, related_name="contacts", on_delete=models.CASCADE)
