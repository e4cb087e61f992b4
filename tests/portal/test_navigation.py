"""Navigation comes from the page tree: the header lists the ``show_in_menus`` pages below the site root,
and links to the catalogue, the case library and the contact page are found by page type, so an editor
who renames a page (a new slug, published) does not break the menu or the links."""

from __future__ import annotations

import pytest
from django.test import override_settings

from cases.models import CaseIndexPage
from people.models import PeopleIndexPage
from portal.models import ContentPage
from programmes.models import CatalogueIndexPage


def nav(html: str) -> str:
    return html[
        html.index('<nav class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
    ]


def publish_new_slug(page, slug: str) -> None:
    """What the editor's "Publish" does with a changed slug on the Promote tab."""
    page = page.specific
    page.slug = slug
    page.save_revision().publish()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the cache generation bump), as after a real admin request."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def catalogue(seeded):
    return CatalogueIndexPage.objects.child_of(seeded).get()


@override_settings(FRAGMENT_CACHE_SECONDS=300)  # the header and the links are cached fragments
def test_renamed_catalogue_keeps_the_menu_and_links_working(client, seeded, catalogue, commit):
    before = client.get("/").content.decode()
    assert '<a href="/aan-de-slag/">Aanbod</a>' in nav(before)

    with commit():
        publish_new_slug(catalogue, "aanbod")

    home = client.get("/").content.decode()
    assert '<a href="/aanbod/">Aanbod</a>' in nav(home)
    assert "/aan-de-slag/" not in home
    assert home.count('href="/aanbod/"') >= 3  # the menu, the hero button and "All offerings"
    catalogue_page = client.get("/aanbod/").content.decode()
    assert '<a href="/aanbod/" aria-current="page">Aanbod</a>' in nav(catalogue_page)
    not_found = client.get("/bestaat-niet/")
    assert not_found.status_code == 404
    assert 'href="/aanbod/"' in not_found.content.decode()


@override_settings(FRAGMENT_CACHE_SECONDS=300)
def test_renamed_case_library_and_contact_page_follow(client, seeded, commit):
    client.get("/")  # fills the caches
    with commit():
        publish_new_slug(CaseIndexPage.objects.child_of(seeded).get(), "praktijkvoorbeelden")
        publish_new_slug(PeopleIndexPage.objects.child_of(seeded).get(), "wie-helpt")

    home = client.get("/").content.decode()
    assert '<a href="/praktijkvoorbeelden/">Casussen</a>' in nav(home)
    assert '<a href="/wie-helpt/">Contact</a>' in nav(home)
    footer = home[home.index('<footer class="site-footer') :]
    assert 'href="/wie-helpt/"' in footer
    assert "/casussen/" not in home and "/contact/" not in home


@override_settings(FRAGMENT_CACHE_SECONDS=300)
def test_a_page_with_show_in_menus_appears_in_the_menu(client, seeded, commit):
    assert "Over het programma" not in nav(client.get("/").content.decode())

    with commit():
        page = ContentPage(
            title="Over het programma", slug="over-het-programma", show_in_menus=True
        )
        seeded.add_child(instance=page)
        page.save_revision().publish()
        hidden = ContentPage(title="Niet in het menu", slug="niet-in-het-menu")
        seeded.add_child(instance=hidden)
        hidden.save_revision().publish()

    menu = nav(client.get("/").content.decode())
    assert '<a href="/over-het-programma/">Over het programma</a>' in menu
    assert "Niet in het menu" not in menu


def test_an_unticked_page_leaves_the_menu(client, seeded, catalogue, commit):
    with commit():
        catalogue.show_in_menus = False
        catalogue.save_revision().publish()

    assert "Aanbod</a>" not in nav(client.get("/").content.decode())
    # the other links still find the catalogue by its type
    assert 'href="/aan-de-slag/"' in client.get("/").content.decode()


def test_the_migration_puts_existing_index_pages_in_the_menu(seeded, catalogue):
    """Databases seeded before the menu came from the tree get ``show_in_menus`` by a migration."""
    from django.apps import apps

    from portal.migration_operations import show_in_menus

    CatalogueIndexPage.objects.filter(pk=catalogue.pk).update(show_in_menus=False)
    catalogue.save_revision()

    show_in_menus("programmes", "CatalogueIndexPage").code(apps, None)

    catalogue.refresh_from_db()
    assert catalogue.show_in_menus
    assert catalogue.get_latest_revision().content["show_in_menus"] is True
