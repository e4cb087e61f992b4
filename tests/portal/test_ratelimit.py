"""Rate limits: counted per client on the shared cache, 429 with a Dutch message, fail open."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from portal.ratelimit import client_ip, ratelimit


@ratelimit("registration")
def view(request):
    return HttpResponse("ok")


@ratelimit("fee_quote", methods=("GET",), json=True)
def api_view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"registration": (3, 3600), "fee_quote": (2, 60)})
def test_limit_then_429_with_dutch_message():
    rf = RequestFactory()
    statuses = [view(rf.post("/", REMOTE_ADDR="10.0.0.1")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = view(rf.post("/", REMOTE_ADDR="10.0.0.1"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Te veel verzoeken" in response.content.decode()
    # another client is not affected, and GET is not counted for a POST-only limit
    assert view(rf.post("/", REMOTE_ADDR="10.0.0.2")).status_code == 200
    assert view(rf.get("/", REMOTE_ADDR="10.0.0.1")).status_code == 200


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"registration": (3, 3600), "fee_quote": (2, 60)})
def test_json_limit():
    rf = RequestFactory()
    codes = [api_view(rf.get("/", REMOTE_ADDR="10.0.0.3")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = api_view(rf.get("/", REMOTE_ADDR="10.0.0.3"))
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 429 and body["title"] == "Te veel verzoeken" and body["detail"]


def test_client_ip_trusts_only_configured_proxies():
    rf = RequestFactory()
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.1.1")
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_ip(request) == "127.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "10.1.1.1"
