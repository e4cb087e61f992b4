"""Real-browser fixtures: a gunicorn server on a seeded temporary SQLite database, and headless Chromium.

The server is a real subprocess (``portal.settings.browser``: DEBUG off, static files through WhiteNoise)
on a free port of 127.0.0.1. Migrating and seeding a fresh SQLite database takes a minute on a busy
machine, so the seeded database is built once per set of migrations and seed content and cached in
``test-artifacts/browser-db/`` (gitignored); each session works on its own copy.

Every test here is skipped, with the reason, when Chromium (``/usr/bin/chromium``) or the Python packages
``playwright`` / ``axe-playwright-python`` are missing. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS, CHROMIUM, ROOT, missing_browser_tool

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
DB_CACHE = ARTIFACTS / "browser-db"
_SETUP_FAILURE: list[str] = []
SETTINGS_MODULE = "portal.settings.browser"


def pytest_collection_modifyitems(config, items):
    reason = missing_browser_tool()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"Browser tests skipped: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# ---------- The server ----------


def _server_env(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "SEARCH_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DATABASE_URL=f"sqlite:///{database}",
        SEARCH_BACKEND="database",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def _python(env: dict[str, str], code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        pytest.fail(f"{code} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _database_key() -> str:
    """A hash of everything that shapes the seeded database: migrations, seed content and loader."""
    digest = hashlib.sha256()
    files = [
        *sorted(ROOT.glob("*/migrations/*.py")),
        *sorted((ROOT / "portal" / "seed").glob("*")),
        Path(__file__).with_name("states.py"),
    ]
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    import django
    import wagtail

    digest.update(f"{django.__version__} {wagtail.__version__}".encode())
    return digest.hexdigest()[:16]


def _seeded_database(target: Path) -> None:
    """Copy a migrated, seeded and prepared (``states.py``) SQLite database to ``target``.

    The cached copy is rebuilt when a migration, the seed or ``states.py`` changes.
    """
    DB_CACHE.mkdir(parents=True, exist_ok=True)
    cached = DB_CACHE / f"seeded-{_database_key()}.sqlite3"
    with open(DB_CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel workers build it only once
        if not cached.exists():
            building = DB_CACHE / f"building-{os.getpid()}.sqlite3"
            building.unlink(missing_ok=True)
            env = _server_env(building)
            _manage(env, "migrate", "--noinput", "-v0")
            _manage(env, "load_seed_content")
            _python(
                env,
                "import django; django.setup(); from tests.browser import states; states.prepare()",
            )
            for old in DB_CACHE.glob("seeded-*.sqlite3"):
                old.unlink()
            building.replace(cached)
    shutil.copyfile(cached, target)


def _free_port() -> int:
    """A free port on 127.0.0.1; ``BROWSER_TESTS_PORT`` fixes it (machines that share port ranges)."""
    if os.environ.get("BROWSER_TESTS_PORT"):
        return int(os.environ["BROWSER_TESTS_PORT"])
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The test server stopped (exit {process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"The test server did not answer within {timeout:.0f} s:\n{log.read_text()}")


@dataclass(frozen=True)
class LiveSite:
    url: str
    env: dict[str, str]

    def manage(self, *args: str) -> None:
        """Run a management command against the live server's database."""
        _manage(self.env, *args)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> LiveSite:
    """A real gunicorn server on a freshly seeded SQLite database (skips without Chromium)."""
    reason = missing_browser_tool()
    if reason:
        pytest.skip(f"Browser tests skipped: {reason}")
    if _SETUP_FAILURE:
        pytest.fail(_SETUP_FAILURE[0], pytrace=False)  # fail fast: do not rebuild for every test
    workdir = tmp_path_factory.mktemp("browser-site")
    database = workdir / "db.sqlite3"
    try:
        _seeded_database(database)
    except pytest.fail.Exception as exc:
        _SETUP_FAILURE.append(str(exc))
        raise
    env = _server_env(database)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = workdir / "server.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(url, process, log)
        yield LiveSite(url=url, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def site_url(live_site) -> str:
    return live_site.url


# ---------- The browser ----------


@pytest.fixture(scope="session")
def browser(site_url):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture
def context(browser, site_url):
    context = browser.new_context(
        base_url=site_url,
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context, site_url):
    """A page that records every request it makes (``page.outside_requests``: not to our server)."""
    page = context.new_page()
    outside: list[str] = []

    def record(request):
        if not (request.url.startswith(site_url + "/") or request.url.startswith("data:")):
            outside.append(request.url)

    page.on("request", record)
    page.outside_requests = outside
    return page


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()
