"""The fee-quote API: GET /api/v1/programmes/<slug>/fee-quote/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from programmes.models import FeeTier, Municipality, ProgrammePage
from tests.programmes.factories import FeeTierFactory, ProgrammePageFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fee_cache_on(settings):
    """The fee schedules live in the fragment caches (off in the test settings): turn them on, so
    the tests below show that every change reaches the API at once."""
    settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's after-commit work (the cache-generation bump) as a committed change would."""
    return django_capture_on_commit_callbacks


LEERKRING = "/api/v1/programmes/leerkring-raadsakkoorden/fee-quote/"
LERENDE_RAAD = "/api/v1/programmes/de-lerende-raad/fee-quote/"
DEMOCRATIE = "/api/v1/programmes/democratie-in-actie/fee-quote/"


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content
    expected = "application/json" if status < 400 else "application/problem+json"
    assert response["Content-Type"].startswith(expected)
    return response.json()


@pytest.mark.parametrize(
    ("population", "amount", "tier"),
    [
        (0, "750.00", "tot 50.000 inwoners"),
        (1, "750.00", "tot 50.000 inwoners"),
        (49_999, "750.00", "tot 50.000 inwoners"),
        (50_000, "1000.00", "50.000 tot 100.000 inwoners"),
        (99_999, "1000.00", "50.000 tot 100.000 inwoners"),
        (100_000, "1500.00", "100.000 inwoners of meer"),
        (100_000_000, "1500.00", "100.000 inwoners of meer"),
    ],
)
def test_leerkring_boundaries_by_population(seeded, client, population, amount, tier):
    data = get_json(client, LEERKRING, {"population": population})
    assert data == {
        "programme": "leerkring-raadsakkoorden",
        "track": "leerkring",
        "municipality": None,
        "population": population,
        "reference_date": None,
        "fee_kind": "tiered",
        "tier": tier,
        "tier_min": data["tier_min"],
        "tier_max": data["tier_max"],
        "amount": amount,
        "currency": "EUR",
    }


@pytest.mark.parametrize(
    ("population", "amount"),
    [
        (0, "3000.00"),
        (1, "3000.00"),
        (49_999, "3000.00"),
        (50_000, "3000.00"),
        (99_999, "3000.00"),
        (100_000, "5000.00"),
        (100_000_000, "5000.00"),
    ],
)
def test_de_lerende_raad_boundaries_by_population(seeded, client, population, amount):
    data = get_json(client, LERENDE_RAAD, {"population": population})
    assert (data["track"], data["amount"]) == ("de-lerende-raad", amount)


@pytest.mark.parametrize(
    ("code", "name", "population", "leerkring", "lerende_raad"),
    [
        ("GM0363", "Amsterdam", 931_298, "1500.00", "5000.00"),
        ("GM0088", "Schiermonnikoog", 972, "750.00", "3000.00"),
        ("GM0687", "Middelburg (Z.)", 50_004, "1000.00", "3000.00"),
        ("GM1911", "Hollands Kroon", 49_522, "750.00", "3000.00"),
    ],
)
def test_real_municipalities(seeded, client, code, name, population, leerkring, lerende_raad):
    data = get_json(client, LEERKRING, {"municipality": code})
    assert data["municipality"] == {"code": code, "name": name}
    assert (data["population"], data["reference_date"]) == (population, "2024-01-01")
    assert data["amount"] == leerkring
    assert get_json(client, LERENDE_RAAD, {"municipality": code})["amount"] == lerende_raad


def test_municipality_code_is_case_insensitive(seeded, client):
    assert get_json(client, LEERKRING, {"municipality": "gm0363"})["amount"] == "1500.00"


def test_free_track(seeded, client):
    data = get_json(client, LEERKRING, {"municipality": "GM0363", "track": "leren-van-elkaar"})
    assert (data["track"], data["fee_kind"], data["amount"], data["tier"]) == (
        "leren-van-elkaar",
        "free",
        "0.00",
        "Gratis",
    )


def test_in_overleg_has_null_amount(seeded, client):
    data = get_json(client, DEMOCRATIE, {"population": 1000})
    assert (data["fee_kind"], data["amount"], data["tier"]) == ("on_request", None, "In overleg")


def test_closed_registration_still_quotes(seeded, client):
    # The leerkring closed on 15 March 2019; a quote is still given.
    assert get_json(client, LEERKRING, {"population": 5})["amount"] == "750.00"


def test_headers(seeded, client):
    response = client.get(LEERKRING, {"population": 5})
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    head = client.head(LEERKRING, {"population": 5})
    assert head.status_code == 200


def test_queries_cold_and_warm(seeded, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(
        6
    ):  # the cache generation, then the route, schedule, tiers, municipality
        get_json(client, LEERKRING, {"municipality": "GM0363"})
    # Warm: only the cache generation, read once per request (the page cache middleware reads it
    # anyway for an anonymous request when the page cache is on).
    with django_assert_max_num_queries(1):
        assert get_json(client, LEERKRING, {"municipality": "GM0363"})["amount"] == "1500.00"


# -- the server-side cache follows every change -------------------------------------------------


def test_changed_tier_amount_shows_at_once(seeded, client, committed):
    assert get_json(client, LEERKRING, {"population": 60_000})["amount"] == "1000.00"
    tier = FeeTier.objects.get(track__slug="leerkring", min_population=50_000)
    tier.amount = Decimal("1100.00")
    with committed(execute=True):
        tier.save()
    assert get_json(client, LEERKRING, {"population": 60_000})["amount"] == "1100.00"


def test_new_track_and_fee_kind_change_show_at_once(seeded, client, committed):
    page = ProgrammePageFactory()
    url = f"/api/v1/programmes/{page.slug}/fee-quote/"
    get_json(client, url, {"population": 5}, status=404)
    with committed(execute=True):
        track = TrackFactory(programme=page, free=True)
    assert get_json(client, url, {"population": 5})["amount"] == "0.00"
    track.fee_kind = "on_request"
    with committed(execute=True):
        track.save()
    assert get_json(client, url, {"population": 5})["amount"] is None


def test_unpublished_and_restricted_programmes_disappear_at_once(seeded, client, committed):
    page = ProgrammePageFactory()
    FeeTierFactory(track=TrackFactory(programme=page))
    url = f"/api/v1/programmes/{page.slug}/fee-quote/"
    get_json(client, url, {"population": 5})
    with committed(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    get_json(client, url, {"population": 5}, status=404)
    with committed(execute=True):
        restriction.delete()
    get_json(client, url, {"population": 5})
    with committed(execute=True):
        page.unpublish()
    get_json(client, url, {"population": 5}, status=404)


def test_published_revision_shows_at_once(seeded, client, committed):
    page = ProgrammePage.objects.get(slug="de-lerende-raad")
    assert get_json(client, LERENDE_RAAD, {"population": 5})["amount"] == "3000.00"
    track = page.tracks.get(slug="de-lerende-raad")
    tiers = list(track.fee_tiers.all())
    tiers[0].amount = Decimal("3250.00")
    track.fee_tiers = tiers
    page.tracks = [track]
    with committed(execute=True):
        page.save_revision().publish()
    assert get_json(client, LERENDE_RAAD, {"population": 5})["amount"] == "3250.00"


def test_updated_municipality_shows_at_once(seeded, client, committed):
    assert get_json(client, LEERKRING, {"municipality": "GM0088"})["population"] == 972
    municipality = Municipality.objects.get(code="GM0088")
    municipality.population = 51_000
    with committed(execute=True):
        municipality.save()
    data = get_json(client, LEERKRING, {"municipality": "GM0088"})
    assert (data["population"], data["amount"]) == (51_000, "1000.00")


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "municipality", "Geef een gemeente (CBS-code, zoals GM0363) of een aantal inwoners."),
        (
            {"municipality": "GM0363", "population": "5"},
            "population",
            "Geef een gemeente of een aantal inwoners, niet allebei.",
        ),
        ({"population": "abc"}, "population", None),
        ({"population": "1.5"}, "population", None),
        ({"population": "1e5"}, "population", None),
        ({"population": "٣"}, "population", None),
        ({"population": "-1"}, "population", "Het aantal inwoners kan niet negatief zijn."),
        ({"population": "100000001"}, "population", None),
        ({"population": "9" * 10_000}, "population", None),
        ({"municipality": "0363"}, "municipality", None),
        ({"municipality": "GM03631"}, "municipality", None),
        ({"municipality": "GM\x00363"}, "municipality", None),
        ({"municipality": "G" * 10_000}, "municipality", None),
        ({"population": "5", "track": "x" * 10_000}, "track", None),
        ({"population": "5", "track": "bad slug\x00"}, "track", None),
    ],
)
def test_bad_input_is_400(seeded, client, params, field, message):
    data = get_json(client, LEERKRING, params, status=400)
    assert data["field"] == field
    assert data["error"]
    if message:
        assert data["error"] == message


def test_too_large_population_message(seeded, client):
    data = get_json(client, LEERKRING, {"population": "100000001"}, status=400)
    assert data["error"] == "Het aantal inwoners kan niet groter zijn dan 100.000.000."
    assert get_json(client, LEERKRING, {"population": "100000000"})["amount"] == "1500.00"


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/programmes/bestaat-niet/fee-quote/", {"population": 5}, "programme"),
        (LEERKRING, {"population": 5, "track": "bestaat-niet"}, "track"),
        (LEERKRING, {"municipality": "GM9999"}, "municipality"),
        ("/api/v1/programmes/" + "a" * 10_000 + "/fee-quote/", {"population": 5}, "programme"),
    ],
)
def test_unknown_is_404(seeded, client, url, params, field):
    data = get_json(client, url, params, status=404)
    assert data["field"] == field
    assert data["error"]


def test_programme_without_tracks_is_404(seeded, client):
    page = ProgrammePageFactory()
    data = get_json(client, f"/api/v1/programmes/{page.slug}/fee-quote/", {"population": 5}, 404)
    assert data["field"] == "programme"


def test_draft_and_private_programmes_are_404(seeded, client):
    draft = ProgrammePageFactory(live=False)
    FeeTierFactory(track=TrackFactory(programme=draft))
    get_json(client, f"/api/v1/programmes/{draft.slug}/fee-quote/", {"population": 5}, 404)

    private = ProgrammePageFactory()
    FeeTierFactory(track=TrackFactory(programme=private))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    get_json(client, f"/api/v1/programmes/{private.slug}/fee-quote/", {"population": 5}, 404)


def test_first_track_by_position(seeded, client):
    page = ProgrammePageFactory()
    second = TrackFactory(programme=page, slug="tweede", sort_order=2)
    first = TrackFactory(programme=page, slug="eerste", sort_order=1, free=True)
    FeeTierFactory(track=second)
    data = get_json(client, f"/api/v1/programmes/{page.slug}/fee-quote/", {"population": 5})
    assert data["track"] == first.slug


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405(seeded, client, method):
    response = getattr(client, method)(LEERKRING + "?population=5")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert response.json()["error"]


@override_settings(RATE_LIMITS={"fee_quote": (3, 60)})
def test_rate_limit(seeded, client):
    for _ in range(3):
        get_json(client, LEERKRING, {"population": 5})
    response = client.get(LEERKRING, {"population": 5})
    assert response.status_code == 429
    assert response.json()["error"]


# -- never a 500 -----------------------------------------------------------------------------------

any_text = st.text(max_size=40) | st.sampled_from(["GM0363", "gm0088", "50000", "-1", "leerkring"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(municipality=any_text, population=any_text, track=any_text)
def test_any_query_string_gives_a_json_answer(seeded, client, municipality, population, track):
    cache.clear()
    params = {"municipality": municipality, "population": population, "track": track}
    response = client.get(LEERKRING, params)
    assert response.status_code in (200, 400, 404)
    data = response.json()
    if response.status_code == 200:
        assert data["currency"] == "EUR"
    else:
        assert data["error"] and data["field"] in (
            "municipality",
            "population",
            "track",
            "programme",
        )
