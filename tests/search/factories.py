"""Factories for search tests: content pages (optionally login-restricted) under the seeded home page."""

from __future__ import annotations

import factory
import wagtail_factories
from wagtail.models import PageViewRestriction

from portal.models import ContentPage, HomePage


def _home() -> HomePage:
    return HomePage.objects.get()


class ContentPageFactory(wagtail_factories.PageFactory):
    """A published content page under the home page; ``words`` ends up in its body only."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Zoektestpagina {n}")
    slug = factory.Sequence(lambda n: f"zoektestpagina-{n}")
    intro = "Een pagina voor de zoektests."
    words = ""  # popped in _create: the body's only paragraph

    class Params:
        private = factory.Trait(
            restriction=factory.RelatedFactory(
                "tests.search.factories.LoginRestrictionFactory", factory_related_name="page"
            )
        )

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        words = kwargs.pop("words", "")
        if words:
            kwargs["body"] = [("paragraph", f"<p>Alleen in de tekst: {words}.</p>")]
        page = model_class(*args, **kwargs)
        (parent or _home()).add_child(instance=page)
        page.save_revision().publish()
        return page


class LoginRestrictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageViewRestriction

    restriction_type = PageViewRestriction.LOGIN
