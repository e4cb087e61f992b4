"""The case library (casussen): practice cases, meeting reports, publications, guides, checklists."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cases.constants import CaseKind
from people.models import PageContact
from portal.blocks import BodyBlock


class CaseIndexPage(Page):
    #: Label in the header navigation (``portal/templatetags/navigation_tags.py``).
    menu_label = _("Cases")

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Text above the filters."))
    per_page = models.PositiveSmallIntegerField(
        _("cases per page"), default=12, help_text=_("How many cases one page of results shows.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("case library")
        verbose_name_plural = _("case libraries")

    def get_context(self, request, *args, **kwargs):
        from cases.queries import case_library, count_label

        context = super().get_context(request, *args, **kwargs)
        listing = case_library(self, request)
        context["listing"] = listing
        context["count_label"] = count_label(listing.count)
        return context


class CaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "cases.CasePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CasePage(Page):
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CaseKind.choices,
        default=CaseKind.PRACTICE,
        help_text=_("Used as a filter in the case library."),
    )
    date = models.DateField(_("date"), help_text=_("Date of the case, meeting or publication."))
    summary = models.TextField(
        _("summary"),
        max_length=800,
        help_text=_("Two or three sentences, shown in the library and search."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    lessons_intro = models.CharField(_("lessons lead-in"), max_length=300, blank=True)
    roles = ParentalManyToManyField(
        "programmes.Role",
        verbose_name=_("for whom"),
        related_name="cases",
        blank=True,
        help_text=_("The roles this case speaks to."),
    )
    tags = ClusterTaggableManager(through=CaseTag, blank=True, verbose_name=_("themes"))
    municipalities = ParentalManyToManyField(
        "programmes.Municipality",
        verbose_name=_("municipalities involved"),
        related_name="cases",
        blank=True,
    )
    related_programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        verbose_name=_("related programmes"),
        related_name="related_cases",
        blank=True,
        help_text=_("The case is also listed on these programme pages."),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("lessons_intro"), InlinePanel("lessons", label=_("Lesson"))],
            heading=_("Lessons"),
        ),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("municipalities"),
        FieldPanel("related_programmes"),
        InlinePanel("documents", label=_("Document")),
        InlinePanel("contacts", label=_("Contact person")),
        FieldRowPanel([FieldPanel("location"), FieldPanel("reference")]),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("lessons", [index.SearchField("text")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("roles", [index.FilterField("slug")]),
    ]
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def get_context(self, request, *args, **kwargs):
        from cases.queries import case_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_page_context(self, request))
        return context


class CaseLesson(Orderable):
    page = ParentalKey(CasePage, related_name="lessons", on_delete=models.CASCADE)
    text = models.CharField(_("text"), max_length=600)
    link_url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")


class CaseDocument(Orderable):
    page = ParentalKey(CasePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Empty: the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class CaseContact(PageContact):
    page = ParentalKey(CasePage, related_name="contacts", on_delete=models.CASCADE)
