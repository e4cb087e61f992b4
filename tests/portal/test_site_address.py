"""One public address (SITE_URL): the Wagtail Site, sitemap, feed and admin links all follow it, and in
development it follows the PORT and HOST that `make run` listens on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from portal import env

ROOT = Path(__file__).resolve().parents[2]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
RUNNING = "http://127.0.0.1:18080"


def dev_settings(**environ: str) -> dict[str, str]:
    """SITE_URL and WAGTAILADMIN_BASE_URL as the development settings compute them in a fresh process."""
    process_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SITE_URL", "PORT", "HOST", "ALLOWED_HOSTS"}
    }
    process_env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **environ)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SITE_URL); print(s.WAGTAILADMIN_BASE_URL)",
        ],
        cwd=ROOT,
        env=process_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    site_url, admin_url = result.stdout.split()
    return {"SITE_URL": site_url, "WAGTAILADMIN_BASE_URL": admin_url}


def test_make_run_on_another_port_links_to_that_port():
    """`PORT=18080 make run` exports PORT; without SITE_URL the public address follows it."""
    assert dev_settings(PORT="18080") == {"SITE_URL": RUNNING, "WAGTAILADMIN_BASE_URL": RUNNING}
    assert dev_settings()["SITE_URL"] == "http://127.0.0.1:8000"


def test_explicit_site_url_wins():
    configured = dev_settings(PORT="18080", SITE_URL="https://portaal.example.nl/")
    assert configured["SITE_URL"] == "https://portaal.example.nl"
    assert configured["WAGTAILADMIN_BASE_URL"] == "https://portaal.example.nl"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"HOST": "0.0.0.0", "PORT": "18081"}, "http://127.0.0.1:18081"),  # noqa: S104
        ({"HOST": "::1", "PORT": "18082"}, "http://[::1]:18082"),
        ({"HOST": "localhost", "PORT": "80"}, "http://localhost"),
        ({"SITE_URL": "http://127.0.0.1:18083", "PORT": "1"}, "http://127.0.0.1:18083"),
    ],
)
def test_site_url_from_the_listen_address(monkeypatch, environ, expected):
    for name in ("SITE_URL", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert env.site_url() == expected


@pytest.mark.parametrize(
    "bad",
    [
        "portaal.example.nl",
        "ftp://portaal.example.nl",
        "https://portaal.example.nl/sub/",
        "http://x:99999",
    ],
)
def test_a_malformed_site_url_is_refused(monkeypatch, bad):
    monkeypatch.setenv("SITE_URL", bad)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env.site_url()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_syncs_the_site_before_serving():
    """The Makefile skips setup when nothing changed, so the sync must be in `run` itself."""
    result = subprocess.run(
        ["make", "-n", "-s", "run"],
        cwd=ROOT,
        env={**os.environ, "PORT": "18080"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    sync = next(i for i, line in enumerate(lines) if "manage.py sync_site_url" in line)
    serve = next(i for i, line in enumerate(lines) if "manage.py runserver" in line)
    assert sync < serve
    assert lines[serve].endswith("127.0.0.1:18080")


# ---------- served through the test client ----------


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def feed_links(client) -> list[str]:
    response = client.get("/aan-de-slag/feed/", {"functie": "griffiers"})
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    ids = [element.text for element in root.iter(f"{ATOM}id")]
    return links + ids


@pytest.mark.django_db
def test_seeded_site_is_on_the_configured_address(seeded, client, settings):
    """The seed loader and migrate point the default Wagtail Site at SITE_URL, not at localhost:80."""
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.SITE_URL == "http://testserver"
    locations = sitemap_locations(client)
    assert locations and all(loc.startswith("http://testserver/") for loc in locations)


@pytest.mark.django_db
def test_sitemap_feed_and_admin_follow_site_url_after_make_run_on_another_port(
    seeded, client, settings, monkeypatch
):
    for name in ("SITE_URL", "HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "18080")
    settings.SITE_URL = env.site_url()  # what the dev settings compute for `PORT=18080 make run`

    call_command("sync_site_url", verbosity=0)  # what `make run` runs before serving
    assert Site.objects.get(is_default_site=True).root_url == RUNNING

    locations = sitemap_locations(client)
    assert locations and all(loc.startswith(f"{RUNNING}/") for loc in locations), locations
    links = feed_links(client)
    assert len(links) > 2 and all(link.startswith(f"{RUNNING}/aan-de-slag/") for link in links)
    assert f"{RUNNING}/aan-de-slag/feed/?functie=griffiers" in links  # the feed's own address

    call_command("sync_site_url", verbosity=0)  # idempotent
    assert Site.objects.filter(is_default_site=True).count() == 1
    settings.SITE_URL = "http://testserver"  # `make run` again on the default address
    call_command("sync_site_url", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://testserver"


@pytest.mark.django_db
def test_https_site_url_gives_an_https_site(seeded, client, settings):
    settings.SITE_URL = "https://portaal.example.nl"
    call_command("sync_site_url", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "portaal.example.nl",
        443,
        "https://portaal.example.nl",
    )
    assert all(loc.startswith("https://portaal.example.nl/") for loc in sitemap_locations(client))


@pytest.mark.django_db
def test_migrate_points_the_site_at_site_url(seeded, settings):
    settings.SITE_URL = "http://127.0.0.1:18084"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:18084"


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_on_site_url(client, settings):
    settings.SITE_URL = RUNNING
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {RUNNING}/sitemap.xml\n" in body
