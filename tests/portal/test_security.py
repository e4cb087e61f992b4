"""Security settings and behaviour: deploy checks, headers, CSP, lockout, cache outage, privacy options."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portaal.example.nl",
        SITE_URL="https://portaal.example.nl",
    )
    env.update(extra)
    return env


def test_check_deploy_has_zero_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("site_url", "warning"),
    [
        ("", "portal.W001"),  # unset: http://HOST:PORT, i.e. http://127.0.0.1:8000 in every mail
        ("http://portaal.example.nl", "portal.W001"),
        ("https://portaal.example.nl:8443", "portal.W002"),
        ("https://elders.example.nl", "portal.W003"),
    ],
)
def test_check_deploy_warns_about_the_public_address(site_url, warning):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(SITE_URL=site_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", [{"SECRET_KEY": ""}, {"SECRET_KEY": "short"}, {"ALLOWED_HOSTS": ""}]
)
def test_production_refuses_to_start_without_secrets(missing):
    env = production_env()
    env.update(missing)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_debug_is_off_outside_dev():
    assert settings.DEBUG is False


def test_security_headers_on_public_pages(seeded, client):
    response = client.get("/aan-de-slag/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    # Scripts only from our own origin (plus a per-request nonce where a template uses one).
    assert re.search(r"script-src 'self'( 'nonce-[\w+/=-]+')?;", csp)


def test_admin_gets_csp_report_only(seeded, admin_client):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_no_cookies_on_public_pages(seeded, client):
    for url in ["/", "/aan-de-slag/", "/aan-de-slag/raad-in-beraad/", "/casussen/", "/contact/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, (url, list(response.cookies))


def test_no_shared_password_privacy():
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_upload_limits():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


@pytest.mark.django_db
def test_admin_login_lockout_per_user_and_ip(client):
    get_user_model().objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.get(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    codes = [
        client.post(
            "/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.9.9.9"
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # the form again with an error, until the limit is reached
    assert codes == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()
    # The same user from another address, and another user from the locked address, can still log in.
    other_ip = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.9.9.10",
    )
    assert other_ip.status_code == 302


@pytest.mark.django_db
def test_pages_still_serve_when_the_cache_server_is_down(seeded, client):
    """A Redis that does not answer must not break page serving (portal.cache.ResilientRedisCache)."""
    down = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=down):  # Django rebuilds its cache handlers on this change
        cache = caches["default"]
        assert cache.get("anything", "fallback") == "fallback"
        cache.set("anything", 1)
        assert cache.add("other", 1) is False
        for url in ["/", "/aan-de-slag/", "/aan-de-slag/?functie=griffiers", "/casussen/"]:
            assert client.get(url).status_code == 200, url


def test_logging_filter_scrubs_personal_data():
    import logging

    from portal.logging import ScrubPersonalDataFilter

    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "mail %s phone %s", ("jan@example.org", "06 12345678"), None
    )
    ScrubPersonalDataFilter().filter(record)
    assert record.getMessage() == "mail [e-mail] phone [telefoon]"
