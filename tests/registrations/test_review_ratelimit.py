"""The review step answers "<gemeente> is al aangemeld voor ..." for anyone: it is rate limited per IP
(scope ``registration_review``), so nobody can test municipality after municipality."""

from __future__ import annotations

import pytest
from django.test import override_settings

from registrations.services import register
from tests.registrations.conftest import form_data
from tests.registrations.factories import municipality

pytestmark = pytest.mark.django_db

ALREADY = "is al aangemeld voor"


@override_settings(RATE_LIMITS={"registration_review": (3, 3600)})
def test_review_step_is_rate_limited_per_ip(client, programme):
    page, track = programme
    register(
        track=track,
        municipality=municipality("GM0518"),
        contact_name="Piet",
        contact_function="griffier",
        email="piet@example.org",
        phone="",
        remarks="",
        submission_key=None,
    )
    url = page.url + "aanmelden/"
    answers = [client.post(url, form_data(), REMOTE_ADDR="10.1.0.1") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert ALREADY in answers[0].content.decode()
    limited = answers[3].content.decode()
    assert ALREADY not in limited
    assert "Te veel verzoeken" in limited
    assert int(answers[3]["Retry-After"]) > 0
    # Another client is not affected, and reading the form is not counted.
    assert client.get(url, REMOTE_ADDR="10.1.0.1").status_code == 200
    assert ALREADY in client.post(url, form_data(), REMOTE_ADDR="10.1.0.2").content.decode()
