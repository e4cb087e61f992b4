"""Property-based fuzzing of every public URL and of the registration form.

Hypothesis throws arbitrary query strings, parameter sets and form data (NUL bytes, any non-surrogate
unicode, very long strings, SQL and HTML meta characters, huge numbers) at the public site. The
properties: never a 5xx, and nothing stored from invalid input (no ``Registration``, no
``RegistrationEvent``, no ``OutgoingMail``). The number of inputs tried is counted in ``FUZZED`` and
printed at the end of the module (run with ``-s`` to see it).
"""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from registrations import spam
from registrations.forms import PENDING_FIELDS, PENDING_SALT
from registrations.models import OutgoingMail, Registration, RegistrationEvent
from tests.registrations.conftest import make_programme, old_token

pytestmark = pytest.mark.django_db

FUZZ = settings(
    derandomize=True,
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cheap endpoints (JSON APIs, 404s) get more examples than the full-page renders.
MORE = settings(FUZZ, max_examples=60)
PAGES = settings(FUZZ, max_examples=40)

FUZZED: dict[str, int] = {}

META = [
    "'",
    '"',
    "`",
    ";",
    "--",
    "' OR 1=1 --",
    "'; DROP TABLE registrations_registration; --",
    "%",
    "_",
    "\\",
    "\x00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% debug %}",
    "../../etc/passwd",
    "%00",
    "%s%s%s",
    "\u202e",
    "\ufeff",
    "𝕳𝖊𝖑𝖑𝖔",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "[]",
    "{}",
]

# Any unicode except surrogates (they cannot be encoded in a URL or a form).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
long_text = st.builds(lambda s, n: s * n, st.sampled_from(META + ["a", "é"]), st.integers(1, 1000))
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
hostile = st.one_of(any_text, st.sampled_from(META), long_text, numbers)
values = st.one_of(hostile, st.lists(hostile, min_size=1, max_size=3))


def params(known: list[str]):
    names = st.one_of(st.sampled_from(known), any_text.filter(bool)) if known else any_text
    return st.dictionaries(names, values, max_size=6)


def count(name: str) -> None:
    FUZZED[name] = FUZZED.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    total = sum(FUZZED.values())
    print(f"\nfuzzed inputs: {total} " + ", ".join(f"{k}={v}" for k, v in sorted(FUZZED.items())))


@pytest.fixture
def stored():
    """The stored rows that invalid input must never add to."""

    def snapshot():
        return (
            Registration.objects.count(),
            RegistrationEvent.objects.count(),
            OutgoingMail.objects.count(),
        )

    return snapshot


def assert_ok(response, what):
    assert response.status_code < 500, (what, response.status_code)


def public_page_urls() -> list[str]:
    return [p.url for p in Page.objects.live().public().specific() if p.url]


# Which parameters each public URL reads (plus arbitrary others drawn by hypothesis).
KNOWN = {
    "/": ["q"],
    "/aan-de-slag/": ["functie", "page", "thema", "soort", "aanbod"],
    "/aan-de-slag/feed/": ["functie", "page"],
    "/casussen/": ["functie", "thema", "soort", "page"],
    "/zoeken/": ["q", "functie", "soort", "aanbod", "page"],
    "/zoeken/suggesties/": ["q", "functie", "soort"],
    "/api/v1/municipalities/": ["q", "limit"],
    "/sitemap.xml": ["p", "page"],
    "/robots.txt": [],
}


@PAGES
@given(data=st.data())
def test_every_public_page_survives_arbitrary_query_strings(client, seeded, stored, data):
    urls = sorted(set(public_page_urls()) | set(KNOWN))
    before = stored()
    url = data.draw(st.sampled_from(urls), label="url")
    query = data.draw(params(KNOWN.get(url, ["page", "functie", "q"])), label="query")
    cache.clear()
    assert_ok(client.get(url, query), (url, query))
    count("public pages")
    assert stored() == before


@MORE
@given(
    path=st.sampled_from(["/aan-de-slag/", "/casussen/", "/contact/", "/zoeken/", "/api/v1/"]),
    tail=any_text.filter(lambda s: s.strip("/") and "\x00" not in s),
)
def test_unknown_paths_are_404_not_500(client, seeded, path, tail):
    assert_ok(client.get(path + tail), path + tail)
    count("unknown paths")


@MORE
@given(
    params=st.fixed_dictionaries(
        {},
        optional={"municipality": values, "population": values, "track": values},
    ).flatmap(lambda d: params(["municipality", "population", "track"]).map(lambda e: {**e, **d})),
    slug=st.one_of(
        st.sampled_from(["leerkring-raadsakkoorden", "de-lerende-raad", "democratie-in-actie"]),
        st.from_regex(r"\A[a-z0-9_-]{1,80}\Z"),
    ),
    method=st.sampled_from(["get", "get", "post", "head", "put", "delete"]),
)
def test_fee_quote_api(client, seeded, stored, params, slug, method):
    before = stored()
    cache.clear()
    url = f"/api/v1/programmes/{slug}/fee-quote/"
    response = getattr(client, method)(url, params) if method != "put" else client.put(url)
    assert_ok(response, (url, params))
    assert response.status_code in (200, 400, 404, 405, 429)
    count("fee-quote API")
    assert stored() == before


@MORE
@given(q=values, limit=values, extra=params([]))
def test_municipality_search_api(client, seeded, q, limit, extra):
    response = client.get("/api/v1/municipalities/", {**extra, "q": q, "limit": limit})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
    count("municipality API")


# --- the registration form -------------------------------------------------------------------


@pytest.fixture
def programme(seeded):
    page, _tracks = make_programme(tracks=2)
    return page


FIELD_VALUES = {
    "municipality": st.one_of(hostile, st.just("GM0518")),
    "track": st.one_of(hostile, st.sampled_from(["vorm-1", "vorm-2"])),
    "contact_name": hostile,
    "contact_function": hostile,
    "email": st.one_of(hostile, st.emails().map(lambda e: e[:254])),
    "phone": st.one_of(hostile, st.just("070 123 4567")),
    "remarks": hostile,
    "consent": st.one_of(hostile, st.just("on")),
    "website": st.one_of(st.just(""), hostile),
    "form_token": st.one_of(hostile, st.builds(lambda: old_token()), st.builds(spam.issue_token)),
}


def garbage_registration():
    """Form data in which at least the municipality or e-mail is garbage, so it must never be saved."""
    return st.fixed_dictionaries(
        {
            **{k: v for k, v in FIELD_VALUES.items() if k not in ("municipality", "email")},
            "municipality": hostile,
            "email": hostile.filter(lambda s: "@" not in s),
        }
    )


@FUZZ
@given(
    fields=garbage_registration(),
    extra=params(["step", "pending", "deelnamevorm"]),
    step=st.one_of(st.sampled_from(["review", "confirm", "edit"]), hostile),
)
def test_registration_form_with_garbage_stores_nothing(
    client, programme, stored, fields, extra, step
):
    before = stored()
    cache.clear()
    data = {**extra, **fields, "step": step}
    assert_ok(client.post(programme.url + "aanmelden/", data), data)
    count("registration form")
    assert stored() == before


@FUZZ
@given(
    fields=garbage_registration(),
    step=st.sampled_from(["confirm", "edit"]),
    drop=st.sets(st.sampled_from(PENDING_FIELDS)),
    not_a_dict=st.one_of(st.none(), st.integers(), st.lists(hostile, max_size=3), hostile),
    signed=st.booleans(),
    as_dict=st.booleans(),
)
def test_registration_pending_values_store_nothing(
    client, programme, stored, fields, step, drop, not_a_dict, signed, as_dict
):
    """Arbitrary ``pending`` values: garbage, tampered, and *validly signed* garbage payloads."""
    before = stored()
    cache.clear()
    payload = {k: v for k, v in fields.items() if k not in drop} if as_dict else not_a_dict
    pending = signing.dumps(payload, salt=PENDING_SALT, compress=True) if signed else str(payload)
    response = client.post(programme.url + "aanmelden/", {"step": step, "pending": pending})
    assert_ok(response, payload)
    count("registration pending")
    assert stored() == before


@MORE
@given(reference=any_text.filter(lambda s: s.strip() and "/" not in s and "\x00" not in s))
def test_confirmation_page_with_guessed_references(client, programme, reference):
    assert_ok(client.get(programme.url + f"aanmelden/bevestiging/{reference}/"), reference)
    count("confirmation references")


def test_valid_submission_still_registers(
    client, programme, stored, django_capture_on_commit_callbacks
):
    """Control: the form the fuzzers hammer does accept a valid registration (one row, two mails)."""
    import re

    from tests.registrations.conftest import form_data

    review = client.post(programme.url + "aanmelden/", form_data())
    pending = re.search(r'name="pending" value="([^"]+)"', review.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            programme.url + "aanmelden/", {"step": "confirm", "pending": pending}
        )
    assert response.status_code == 303
    assert stored()[0] == 1 and stored()[2] == 2
