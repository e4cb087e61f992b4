"""Scheduled publishing, revisions and unpublishing, through the admin as an editor would do it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from portal.editorial import EINDREDACTIE
from programmes.models import CatalogueIndexPage, ProgrammePage, Role
from tests.portal.test_admin_pages import add_url, admin_user, programme_form_data

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GO_LIVE = dt.datetime(2030, 1, 15, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def eindredacteur_client(client, seeded):
    client.force_login(admin_user("eindredacteur", groups=(EINDREDACTIE,)))
    return client


def test_scheduled_programme_goes_live_under_its_roles(client, seeded):
    user = admin_user("eindredacteur", groups=(EINDREDACTIE,))
    catalogue = CatalogueIndexPage.objects.get()
    roles = list(Role.objects.filter(slug__in=["griffiers", "wethouders"]))
    data = programme_form_data(roles, go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"))
    data["action-publish"] = "action-publish"
    with freeze_time(GO_LIVE - dt.timedelta(days=2)):
        client.force_login(user)  # inside the frozen time, so the session has not expired
        response = client.post(add_url(ProgrammePage, catalogue), data)
        assert response.status_code == 302
        page = ProgrammePage.objects.get(slug="samen-besluiten")
        assert not page.live
        assert page.go_live_at == GO_LIVE
        revision = page.latest_revision
        assert revision.approved_go_live_at == GO_LIVE
        call_command("publish_scheduled")  # too early: nothing happens
        page.refresh_from_db()
        assert not page.live
        assert "Samen besluiten" not in client.get("/aan-de-slag/?functie=griffiers").text

    client.logout()  # visitors see the catalogue
    with freeze_time(GO_LIVE + dt.timedelta(minutes=1)):
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live
        assert "Samen besluiten" in client.get("/aan-de-slag/?functie=griffiers").text
        assert "Samen besluiten" in client.get("/aan-de-slag/?functie=wethouders").text
        assert "Samen besluiten" not in client.get("/aan-de-slag/?functie=burgemeesters").text
        assert client.get(page.url).status_code == 200


def test_revisions_are_kept_and_can_be_compared(eindredacteur_client):
    client = eindredacteur_client
    catalogue = CatalogueIndexPage.objects.get()
    roles = list(Role.objects.filter(slug="griffiers"))
    data = programme_form_data(roles, tracks=[])
    data["action-publish"] = "action-publish"
    assert client.post(add_url(ProgrammePage, catalogue), data).status_code == 302
    page = ProgrammePage.objects.get(slug="samen-besluiten")
    edit = programme_form_data(roles, tracks=[], title="Samen besluiten, tweede versie")
    assert client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit).status_code == 302
    page.refresh_from_db()
    assert page.title == "Samen besluiten"  # a draft, the live page is unchanged
    assert page.revisions.count() == 2
    first, second = page.revisions.order_by("created_at")
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert history.status_code == 200
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk))
    )
    assert compare.status_code == 200
    assert "tweede versie" in compare.text


def test_eindredactie_unpublishes_a_programme(eindredacteur_client):
    client = eindredacteur_client
    page = ProgrammePage.objects.live().get(slug="raad-in-beraad")
    url = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert client.get("/aan-de-slag/raad-in-beraad/").status_code == 404
    assert "Raad in beraad" not in client.get("/aan-de-slag/").text
