"""The access log of a real ``make serve`` gunicorn holds no e-mail address or name.

Runs collectstatic and migrate as ``make serve`` does (on a fresh SQLite database), starts gunicorn with
the logging flags the Makefile's ``serve`` target uses (read from the
Makefile, so the two cannot drift), and sends an admin search for an
e-mail address, a site search for a name and a registration form URL with personal data in the query
string; then greps the log.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PERSONAL = ["jan@gemeente.nl", "jan%40gemeente.nl", "Jan de Vries", "Jan+de+Vries", "0612345678"]


def serve_flags() -> list[str]:
    """The gunicorn logging options of the Makefile's serve target."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nserve:", 1)[1].split("\n.PHONY", 1)[0]
    recipe = recipe.replace("\\\n", " ")
    flags = []
    for option in ("--logger-class", "--access-logformat", "--access-logfile"):
        match = re.search(rf"{option} ('[^']*'|\S+)", recipe)
        assert match, f"make serve no longer passes {option}"
        flags += [option, shlex.split(match.group(1))[0]]
    return flags


def free_port() -> int:
    if os.environ.get("TEST_SERVER_PORT"):
        return int(os.environ["TEST_SERVER_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_access_log_of_make_serve_has_no_personal_data(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "access-log-test-" + "k3y-" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "SEARCH_BACKEND": "database",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [
                str(BIN / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--forwarded-allow-ips",
                "127.0.0.1",
                *serve_flags(),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(base + "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("gunicorn did not start:\n" + log_path.read_text())
                time.sleep(0.2)
        get(base + "/admin/aanmeldingen/?q=jan%40gemeente.nl")
        get(base + "/admin/pages/search/?q=Jan+de+Vries")
        get(base + "/zoeken/?q=Jan+de+Vries")
        get(base + "/aanmelden/jan@gemeente.nl/?telefoon=0612345678")
    finally:
        server.terminate()
        server.wait(10)
    log = log_path.read_text()
    assert "/admin/aanmeldingen/" in log and "/zoeken/" in log  # the requests were logged
    for value in PERSONAL:
        assert value not in log, f"{value} in the access log:\n{log}"
