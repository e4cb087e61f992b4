"""Track order survives every admin save, and a quote without ``track`` uses the page's main offer.

Issue 24, item 1: after an editor saved the Leerkring Raadsakkoorden page (changing nothing, or one
tier) the free 'leren van elkaar' track came first, on the page and in the fee-quote API (EUR 0.00
instead of the leerkring's EUR 1,500 for GM0034 Almere). The seed (and the factories) left
``sort_order`` empty on both tracks and the page ordered by ``sort_order`` alone, so the database chose
the order of the tie: PostgreSQL returns rows in their physical order, which changes when a row is
updated. The admin form then numbered the tracks in that order and saved it.

The rule (``programmes.services.main_track``): tracks are ordered by position (``sort_order``, then id,
``Track.Meta.ordering``), and a quote without ``track`` uses the first: the track the programme page
shows first, as its main offer.
"""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from programmes.models import ProgrammePage, Track
from tests.programmes.factories import (
    FeeTierFactory,
    ProgrammePageFactory,
    RoleFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

FORM_ID = "page-edit-form"
ALMERE = "GM0034"  # 227,000 inhabitants: the leerkring's top tier


@pytest.fixture
def admin_client(client, django_user_model, seeded):
    user = django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@example.org", password="x"
    )
    client.force_login(user)
    return client


def build_programme(scenario: str) -> ProgrammePage:
    """A programme like the seeded Leerkring: the paid track first, the free one second.

    ``unpositioned``: both tracks made by code without a position (as the seed loader and the factories
    did), and the paid one edited since (an UPDATE). ``added-later``: the paid track has its position,
    the free one was added afterwards by code, without one.
    """
    page = ProgrammePageFactory(
        slug="leerkring-test", title="Leerkring test", roles=[RoleFactory(slug="griffiers-test")]
    )
    paid = TrackFactory(
        programme=page,
        slug="leerkring",
        name="Leerkring",
        sort_order=0 if scenario == "added-later" else None,
    )
    for minimum, amount in ((0, "750.00"), (50_000, "1000.00"), (100_000, "1500.00")):
        FeeTierFactory(track=paid, min_population=minimum, amount=Decimal(amount))
    TrackFactory(programme=page, slug="leren-van-elkaar", name="Leren van elkaar", free=True)
    if scenario == "unpositioned":
        paid.description = "Een jaar lang leren met tien gemeenten."
        paid.save()
    return page


def edit_form_data(client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id=FORM_ID)
    data.update(nested_form_data({"body": streamfield([])}))
    return url, data


def form_track_slugs(data) -> list[str]:
    """The tracks in the order the edit form shows them (by their ORDER field)."""
    total = int(data["tracks-TOTAL_FORMS"])
    forms = sorted(range(total), key=lambda i: int(data[f"tracks-{i}-ORDER"] or 0))
    return [data[f"tracks-{i}-slug"] for i in forms]


def served_track_order(client, page) -> list[str]:
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    headings = ["<h3>Leerkring</h3>", "<h3>Leren van elkaar</h3>"]
    assert all(heading in text for heading in headings)
    return sorted(
        ["leerkring", "leren-van-elkaar"], key=lambda s: text.index(headings[s != "leerkring"])
    )


def quote(client, slug: str) -> dict:
    response = client.get(f"/api/v1/programmes/{slug}/fee-quote/", {"municipality": ALMERE})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("scenario", ["unpositioned", "added-later"])
@pytest.mark.parametrize("change_a_tier", [False, True], ids=["unchanged", "one-tier-changed"])
def test_admin_save_and_publish_keep_the_track_order_and_the_quote(
    admin_client,
    django_user_model,
    settings,
    django_capture_on_commit_callbacks,
    scenario,
    change_a_tier,
):
    settings.FRAGMENT_CACHE_SECONDS = 300  # the fee-quote cache on, as in production
    page = build_programme(scenario)
    assert served_track_order(admin_client, page) == ["leerkring", "leren-van-elkaar"]
    assert quote(admin_client, page.slug)["track"] == "leerkring"
    admin_client.force_login(django_user_model.objects.get(username="redacteur"))

    # Save a draft, reload the editor: the order is unchanged.
    url, data = edit_form_data(admin_client, page)
    assert form_track_slugs(data) == ["leerkring", "leren-van-elkaar"]
    if change_a_tier:
        paid = next(i for i in range(2) if data[f"tracks-{i}-slug"] == "leerkring")
        data[f"tracks-{paid}-fee_tiers-2-amount"] = "1600.00"
    assert admin_client.post(url, data).status_code == 302
    url, data = edit_form_data(admin_client, page)
    assert form_track_slugs(data) == ["leerkring", "leren-van-elkaar"]

    # Publish from the reloaded editor.
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert list(Track.objects.filter(programme=page).values_list("slug", flat=True)) == [
        "leerkring",
        "leren-van-elkaar",
    ]
    page.refresh_from_db()
    assert served_track_order(admin_client, page) == ["leerkring", "leren-van-elkaar"]
    answer = quote(admin_client, page.slug)
    assert answer["track"] == "leerkring"
    assert answer["amount"] == ("1600.00" if change_a_tier else "1500.00")
