"""Check the served HTML of the seeded site with the Nu Html Checker (``make check-html``).

1. Installs the pinned npm package ``vnu-jar`` into ``var/cache/vnu/`` once (the jar is ~30 MB: never
   committed; npm is the only network it needs). Java runs it.
2. Builds a fresh seeded SQLite database in ``var/check-html/`` (migrate + ``load_seed_content``), only
   when the migrations or the seed changed since the last run.
3. Serves it with gunicorn (``portal.settings.browser``: DEBUG off, WhiteNoise) on 127.0.0.1:PORT.
4. Fetches the main pages as a visitor would (home, catalogue, a programme page, the registration form,
   the form with errors, its review step, search, the case library, a case, the people page, the
   statements, a 404), saves them to ``var/check-html/pages/`` and runs ``vnu --errors-only`` on them.

Exit status 0 only with zero errors. ``python scripts/check_html.py --port 18190``.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU_VERSION = "26.9.27"
CACHE = ROOT / "var" / "cache" / "vnu"
JAR = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WORK = ROOT / "var" / "check-html"
PAGES = WORK / "pages"
FORM = "/aan-de-slag/de-lerende-raad/aanmelden/"
SUBMIT_DELAY = 3.5  # the form refuses answers sent within registrations.spam.MIN_SECONDS

GET_PAGES = [
    ("home", "/", 200),
    ("catalogue", "/aan-de-slag/", 200),
    ("catalogue-filtered", "/aan-de-slag/?functie=griffiers", 200),
    ("programme", "/aan-de-slag/de-lerende-raad/", 200),
    ("programme-closed", "/aan-de-slag/leerkring-raadsakkoorden/", 200),
    ("form-closed", "/aan-de-slag/leerkring-raadsakkoorden/aanmelden/", 200),
    ("search", "/zoeken/?q=raad", 200),
    ("search-empty", "/zoeken/", 200),
    ("cases", "/casussen/", 200),
    ("cases-filtered", "/casussen/?functie=raadsleden", 200),
    ("case", "/casussen/themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018/", 200),
    ("people", "/contact/", 200),
    ("about", "/over/", 200),
    ("privacy", "/privacy/", 200),
    ("accessibility", "/toegankelijkheid/", 200),
    ("not-found", "/deze-pagina-bestaat-niet/", 404),
]


def log(message: str) -> None:
    print(f"check-html: {message}", flush=True)


def ensure_vnu() -> Path:
    if not JAR.exists():
        log(f"installing vnu-jar@{VNU_VERSION} into {CACHE.relative_to(ROOT)} (npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(CACHE),
             f"vnu-jar@{VNU_VERSION}"],
            check=True,
        )  # fmt: skip
    return JAR


def server_env(database: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "REDIS_", "SEARCH_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.browser",
        DATABASE_URL=f"sqlite:///{database}",
        SEARCH_BACKEND="database",
        PYTHONUNBUFFERED="1",
    )
    return env


def database_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")) + sorted(
        (ROOT / "portal" / "seed").glob("*")
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_database(python: str) -> Path:
    database = WORK / f"portal-{database_key()}.sqlite3"
    if database.exists():
        return database
    WORK.mkdir(parents=True, exist_ok=True)
    for old in WORK.glob("portal-*.sqlite3*"):
        old.unlink()
    log("building the seeded database (a minute)")
    env = server_env(database)
    building = database.with_suffix(".building")
    env["DATABASE_URL"] = f"sqlite:///{building}"
    for args in (["migrate", "--noinput", "-v0"], ["load_seed_content"]):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True)
    building.rename(database)
    return database


class Opener:
    """A visitor with cookies (the form's CSRF cookie and session)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def fetch(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class FormFields(HTMLParser):
    """The named inputs of the first form with method=post (hidden ones with their values)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.in_form = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post" and not self.done:
            self.in_form = True
        elif (
            tag == "input"
            and self.in_form
            and attributes.get("name")
            and attributes.get("type") == "hidden"
        ):
            self.fields[attributes["name"]] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
            self.done = True


def hidden_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def collect(base: str) -> list[Path]:
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    saved: list[Path] = []
    problems: list[str] = []

    def save(name: str, status: int, expected: int, html: str) -> None:
        if status != expected:
            problems.append(f"{name}: HTTP {status}, expected {expected}")
        path = PAGES / f"{name}.html"
        path.write_text(html)
        saved.append(path)

    visitor = Opener(base)
    for name, path, expected in GET_PAGES:
        status, html = visitor.fetch(path)
        save(name, status, expected, html)

    # The registration form, the form with errors, and the review step.
    status, html = visitor.fetch(FORM)
    save("form", status, 200, html)
    loaded = time.monotonic()
    status, html = visitor.fetch(FORM, hidden_fields(html))
    save("form-errors", status, 200, html)
    if 'aria-invalid="true"' not in html:
        problems.append("form-errors: the empty form showed no errors")
    answers = {
        **hidden_fields(html),
        "municipality": "GM0355",  # Zeist
        "contact_name": "Anna de Vries",
        "contact_function": "griffier",
        "email": "anna@example.org",
        "phone": "030 123 4567",
        "consent": "on",
    }
    time.sleep(max(0.0, SUBMIT_DELAY - (time.monotonic() - loaded)))
    status, html = visitor.fetch(FORM, answers)
    save("review", status, 200, html)
    if "Controleer uw aanmelding" not in html:
        problems.append("review: the filled-in form did not reach the review step")
    for problem in problems:
        log(f"PROBLEM {problem}")
    if problems:
        sys.exit(2)
    return saved


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("check-html: the server stopped; see var/check-html/server.log")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    sys.exit("check-html: the server did not come up")


def run_vnu(jar: Path, pages: list[Path]) -> int:
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    for m in errors:
        page = Path(urllib.parse.urlparse(m.get("url", "")).path).name
        extract = (m.get("extract") or "").replace("\n", " ")[:120]
        log(f"ERROR {page}:{m.get('lastLine', '?')}: {m.get('message')}  [{extract}]")
    log(f"{len(pages)} pages, {len(errors)} errors")
    return len(errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("CHECK_HTML_PORT", "8010")))
    args = parser.parse_args()
    started = time.monotonic()
    python = sys.executable
    jar = ensure_vnu()
    database = ensure_database(python)
    base = f"http://127.0.0.1:{args.port}"
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / "server.log", "w") as server_log:
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "portal.wsgi:application", "--bind",
             f"127.0.0.1:{args.port}", "--workers", "1", "--threads", "4"],
            cwd=ROOT, env=server_env(database), stdout=server_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_up(base, server)
            pages = collect(base)
        finally:
            server.terminate()
            server.wait(timeout=20)
    errors = run_vnu(jar, pages)
    log(f"done in {time.monotonic() - started:.0f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
