"""Quotes follow the page: after an editor renames a programme's slug in the admin and publishes, the
old slug answers 404 at once and the new one quotes (issue 24, item 5). The fee schedules are cached by
page id under the site's one cache generation, which a slug change bumps."""

from __future__ import annotations

import pytest

from tests.programmes.test_track_order import admin_client, build_programme, edit_form_data  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fee_cache_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def fee(client, slug, status=200):
    response = client.get(f"/api/v1/programmes/{slug}/fee-quote/", {"municipality": "GM0034"})
    assert response.status_code == status, response.content
    return response.json()


def test_renamed_programme_quotes_under_the_new_slug_only(
    admin_client,  # noqa: F811
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    page = build_programme("added-later")
    assert fee(admin_client, "leerkring-test")["amount"] == "1500.00"  # cached now
    with django_assert_max_num_queries(1):
        assert fee(admin_client, "leerkring-test")["amount"] == "1500.00"

    url, data = edit_form_data(admin_client, page)
    data["slug"] = "leerkring-hernoemd"
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302

    assert fee(admin_client, "leerkring-test", status=404)["field"] == "programme"
    answer = fee(admin_client, "leerkring-hernoemd")
    assert (answer["programme"], answer["track"], answer["amount"]) == (
        "leerkring-hernoemd",
        "leerkring",
        "1500.00",
    )
    page.refresh_from_db()
    assert page.slug == "leerkring-hernoemd"
