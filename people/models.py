"""People: contact persons and supervisors, managed as snippets and shown as contact cards."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from programmes.constants import ContactRole


class Person(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("Stable identifier, used in links.")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("People are grouped by organisation on the people page."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_email = models.BooleanField(
        _("show e-mail on the site"),
        default=True,
        help_text=_("Untick to keep the address internal."),
    )
    show_phone = models.BooleanField(
        _("show phone on the site"),
        default=True,
        help_text=_("Untick to keep the number internal."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image's description is used as alt text; leave it empty for no photo."),
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("job_title"), FieldPanel("organisation")], heading=_("Position")
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("show_email"),
                FieldPanel("phone"),
                FieldPanel("show_phone"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("organisation"),
        index.SearchField("bio"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def public_email(self) -> str:
        return self.email if self.show_email else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.show_phone else ""


class PeopleIndexPage(Page):
    #: Label in the header navigation (``portal/templatetags/navigation_tags.py``).
    menu_label = _("Contact")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("people page")
        verbose_name_plural = _("people pages")

    def get_context(self, request, *args, **kwargs):
        from people.services import people_by_organisation

        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = people_by_organisation()
        return context


class PageContact(Orderable):
    """A person on a page in a role (contact person or supervisor). Concrete subclasses add the
    ``page = ParentalKey(<PageModel>, related_name="contacts", ...)``."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ContactRole.choices, default=ContactRole.CONTACT
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
