"""The fee rule (programmes/services.py): which tier applies, quotes, summaries and schedule validation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programmes.constants import FeeKind
from programmes.models import Municipality, Track
from programmes.services import (
    FeeQuote,
    applicable_tier,
    fee_schedule,
    fee_summary,
    format_eur,
    format_number,
    quote_fee,
    validate_fee_tiers,
)
from tests.programmes.factories import FeeTierFactory, TrackFactory

LEERKRING = [(0, Decimal("750")), (50_000, Decimal("1000")), (100_000, Decimal("1500"))]


def seed_track(programme_slug: str, track_slug: str) -> Track:
    return Track.objects.prefetch_related("fee_tiers").get(
        programme__slug=programme_slug, slug=track_slug
    )


# -- applicable_tier: the one rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "expected_min"),
    [
        (0, 0),
        (1, 0),
        (49_999, 0),
        (50_000, 50_000),
        (50_001, 50_000),
        (99_999, 50_000),
        (100_000, 100_000),
        (100_001, 100_000),
        (10**12, 100_000),
    ],
)
def test_applicable_tier_boundaries_on_pairs(population, expected_min):
    assert applicable_tier(LEERKRING, population)[0] == expected_min


def test_applicable_tier_ignores_the_order_tiers_were_entered():
    shuffled = [LEERKRING[2], LEERKRING[0], LEERKRING[1]]
    assert applicable_tier(shuffled, 75_000) == LEERKRING[1]


def test_applicable_tier_without_a_tier_at_or_below_the_population():
    assert applicable_tier([(10, Decimal(1))], 9) is None
    assert applicable_tier([], 5) is None


@given(
    mins=st.sets(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12),
    population=st.integers(min_value=0, max_value=10**10),
)
def test_applicable_tier_property(mins, population):
    tiers = [(m, Decimal(i)) for i, m in enumerate(mins)]
    chosen = applicable_tier(tiers, population)
    eligible = [m for m in mins if m <= population]
    if not eligible:
        assert chosen is None
    else:
        assert chosen[0] == max(eligible)
        assert all(not (chosen[0] < m <= population) for m in mins)


def test_applicable_tier_works_on_model_instances_without_queries(
    seeded, django_assert_num_queries
):
    track = seed_track("leerkring-raadsakkoorden", "leerkring")
    tiers = track.fee_tiers.all()
    with django_assert_num_queries(0):
        assert applicable_tier(tiers, 50_000).amount == Decimal("1000.00")
        assert quote_fee(track, 100_000).amount == Decimal("1500.00")


# -- quote_fee on the seed programmes ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "amount", "label", "tier_min", "tier_max"),
    [
        (0, "750.00", "tot 50.000 inwoners", 0, 50_000),
        (1, "750.00", "tot 50.000 inwoners", 0, 50_000),
        (49_999, "750.00", "tot 50.000 inwoners", 0, 50_000),
        (50_000, "1000.00", "50.000 tot 100.000 inwoners", 50_000, 100_000),
        (99_999, "1000.00", "50.000 tot 100.000 inwoners", 50_000, 100_000),
        (100_000, "1500.00", "100.000 inwoners of meer", 100_000, None),
        (100_000_000, "1500.00", "100.000 inwoners of meer", 100_000, None),
    ],
)
def test_leerkring_tiers(seeded, population, amount, label, tier_min, tier_max):
    quote = quote_fee(seed_track("leerkring-raadsakkoorden", "leerkring"), population)
    assert quote == FeeQuote("tiered", Decimal(amount), label, tier_min, tier_max)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "amount", "label"),
    [
        (0, "3000.00", "tot 100.000 inwoners"),
        (1, "3000.00", "tot 100.000 inwoners"),
        (49_999, "3000.00", "tot 100.000 inwoners"),
        (50_000, "3000.00", "tot 100.000 inwoners"),
        (99_999, "3000.00", "tot 100.000 inwoners"),
        (100_000, "5000.00", "100.000 inwoners of meer"),
        (100_000_000, "5000.00", "100.000 inwoners of meer"),
    ],
)
def test_de_lerende_raad_tiers(seeded, population, amount, label):
    quote = quote_fee(seed_track("de-lerende-raad", "de-lerende-raad"), population)
    assert (quote.amount, quote.tier_label) == (Decimal(amount), label)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "leerkring", "lerende_raad"),
    [
        ("GM0363", "1500.00", "5000.00"),  # Amsterdam
        ("GM0088", "750.00", "3000.00"),  # Schiermonnikoog
        ("GM0687", "1000.00", "3000.00"),  # Middelburg (Z.), 50,004
        ("GM1911", "750.00", "3000.00"),  # Hollands Kroon, 49,522
    ],
)
def test_real_municipalities(seeded, code, leerkring, lerende_raad):
    municipality = Municipality.objects.get(code=code)
    assert quote_fee(
        seed_track("leerkring-raadsakkoorden", "leerkring"), municipality.population
    ).amount == Decimal(leerkring)
    assert quote_fee(
        seed_track("de-lerende-raad", "de-lerende-raad"), municipality.population
    ).amount == Decimal(lerende_raad)


@pytest.mark.django_db
def test_cbs_figures_used_in_these_tests(seeded):
    populations = dict(
        Municipality.objects.filter(code__in=["GM0687", "GM1911"]).values_list("name", "population")
    )
    assert populations == {"Middelburg (Z.)": 50_004, "Hollands Kroon": 49_522}


@pytest.mark.django_db
def test_free_track_is_zero_euro(seeded):
    quote = quote_fee(seed_track("leerkring-raadsakkoorden", "leren-van-elkaar"), 900_000)
    assert quote == FeeQuote("free", Decimal("0.00"), "Gratis")
    assert str(quote.amount) == "0.00"
    assert quote.amount_display == "Gratis"


@pytest.mark.django_db
def test_on_request_track_has_no_amount(seeded):
    quote = quote_fee(seed_track("democratie-in-actie", "democratie-in-actie"), 50_000)
    assert quote == FeeQuote("on_request", None, "In overleg")
    assert quote.amount_display == "In overleg"


@pytest.mark.django_db
def test_tiered_track_without_tiers_quotes_in_overleg(seeded):
    quote = quote_fee(TrackFactory(fee_kind=FeeKind.TIERED), 10)
    assert (quote.fee_kind, quote.amount, quote.tier_label) == ("tiered", None, "In overleg")


@pytest.mark.django_db
def test_single_tier_from_zero(seeded):
    track = TrackFactory()
    FeeTierFactory(track=track, min_population=0, amount=Decimal("99.5"))
    quote = quote_fee(track, 5)
    assert (quote.amount, quote.tier_label, quote.tier_max) == (
        Decimal("99.50"),
        "alle gemeenten",
        None,
    )
    assert fee_summary(track) == "€ 99,50"


# -- summaries and formatting ------------------------------------------------------------------------


@pytest.mark.django_db
def test_fee_summaries_of_the_seed_tracks(seeded):
    assert fee_summary(seed_track("leerkring-raadsakkoorden", "leerkring")) == (
        "€ 750 (tot 50.000 inwoners) · € 1.000 (50.000 tot 100.000) · € 1.500 (100.000 of meer)"
    )
    assert fee_summary(seed_track("de-lerende-raad", "de-lerende-raad")) == (
        "€ 3.000 (tot 100.000 inwoners) · € 5.000 (100.000 of meer)"
    )
    assert fee_summary(seed_track("leerkring-raadsakkoorden", "leren-van-elkaar")) == "Gratis"
    assert (
        fee_summary(seed_track("democratie-in-actie", "democratie-in-actie"))
        == "Cofinanciering in overleg"
    )


@pytest.mark.django_db
def test_fee_summary_adds_the_note(seeded):
    track = TrackFactory(free=True, fee_note="Reiskosten voor eigen rekening")
    assert fee_summary(track) == "Gratis · Reiskosten voor eigen rekening"


@pytest.mark.django_db
def test_fee_schedule_lists_every_tier(seeded):
    schedule = fee_schedule(seed_track("leerkring-raadsakkoorden", "leerkring"))
    assert [(q.amount, q.tier_label) for q in schedule] == [
        (Decimal("750.00"), "tot 50.000 inwoners"),
        (Decimal("1000.00"), "50.000 tot 100.000 inwoners"),
        (Decimal("1500.00"), "100.000 inwoners of meer"),
    ]


@pytest.mark.parametrize(
    ("amount", "kwargs", "expected"),
    [
        ("1500", {}, "€ 1.500"),
        ("1500.00", {}, "€ 1.500"),
        ("1500", {"cents": True}, "€ 1.500,00"),
        ("1500.5", {}, "€ 1.500,50"),
        ("0", {}, "€ 0"),
        ("0.05", {}, "€ 0,05"),
        ("1234567.891", {}, "€ 1.234.567,89"),
        ("999.99", {"cents": False}, "€ 1.000"),
        ("-12.5", {}, "-€ 12,50"),
    ],
)
def test_format_eur(amount, kwargs, expected):
    assert format_eur(Decimal(amount), **kwargs) == expected


def test_format_number():
    assert [format_number(n) for n in (0, 999, 1000, 50_000, 1_234_567)] == [
        "0",
        "999",
        "1.000",
        "50.000",
        "1.234.567",
    ]


# -- validate_fee_tiers -------------------------------------------------------------------------------


def messages(errors):
    return [(e.index, e.field, e.message) for e in errors]


def test_valid_schedule_has_no_errors():
    assert validate_fee_tiers("tiered", LEERKRING) == []
    assert validate_fee_tiers("tiered", list(reversed(LEERKRING))) == []
    assert validate_fee_tiers("free", []) == []
    assert validate_fee_tiers("on_request", []) == []


def test_first_tier_must_start_at_zero():
    errors = validate_fee_tiers("tiered", [(50_000, Decimal(1)), (10, Decimal(1))])
    assert messages(errors) == [
        (
            1,
            "min_population",
            "De eerste staffel moet beginnen bij 0 inwoners, zodat elke gemeente een bijdrage "
            "heeft. Nu begint de laagste staffel bij 10.",
        )
    ]


def test_duplicate_start_is_an_error_on_the_second_tier():
    errors = validate_fee_tiers("tiered", [(0, Decimal(1)), (50_000, Decimal(2)), (50_000, 3)])
    assert [(e.index, e.field) for e in errors] == [(2, "min_population")]
    assert "Er is al een staffel die begint bij 50.000 inwoners" in errors[0].message


def test_negative_values():
    errors = validate_fee_tiers("tiered", [(0, Decimal("-1")), (-5, Decimal(1))])
    assert [(e.index, e.field) for e in errors] == [(0, "amount"), (1, "min_population")]
    assert errors[0].message == "Het bedrag kan niet negatief zijn."


def test_tiered_needs_tiers_and_free_needs_none():
    assert [(e.index, e.field) for e in validate_fee_tiers("tiered", [])] == [(None, "fee_kind")]
    for kind in ("free", "on_request"):
        errors = validate_fee_tiers(kind, [(0, Decimal(1))])
        assert [(e.index, e.field) for e in errors] == [(None, "fee_kind")]
        assert "geen staffels" in errors[0].message


def test_incomplete_rows_are_skipped():
    assert validate_fee_tiers("tiered", [(0, None), (None, Decimal(1))]) == []
