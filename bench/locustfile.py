"""Locust scenario for ``make bench``: complete registrations, form -> review -> confirm -> confirmation.

Each simulated person fetches the form, waits the spam check's minimum time (a person takes longer), sends
the form to the review step and confirms. That wait (``registrations.spam.MIN_SECONDS``, 3 s) bounds the
rate: 20 people complete at most about 6 registrations per second, whatever the server; the server CPU per
request is the figure to read. Every submission uses a municipality/programme pair not used before in the
run (the last 100 generated programmes have no generated registrations), so nearly all of them create a
registration; a pair an earlier run registered ends at the review step with a validation message.
"""

from __future__ import annotations

import csv
import html
import itertools
import os
import random
import re
import threading
import time
from pathlib import Path

from locust import HttpUser, between, task

from registrations.spam import MIN_SECONDS

FIELD = re.compile(
    r'name="(?P<name>csrfmiddlewaretoken|form_token|pending)" value="(?P<value>[^"]*)"'
)
ROOT = Path(__file__).resolve().parent.parent
with open(ROOT / "programmes" / "data" / "gemeenten.csv", newline="", encoding="utf-8") as rows:
    CODES = [row["code"] for row in csv.DictReader(rows)]  # the 342 real municipalities
PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "1000"))
# In a random order, so a rerun rarely repeats a pair an earlier run registered (34,200 pairs).
_all_pairs = list(itertools.product(range(max(0, PROGRAMMES - 100), PROGRAMMES), CODES))
random.Random(time.time_ns()).shuffle(_all_pairs)
_pairs = iter(_all_pairs)
_lock = threading.Lock()


def next_pair() -> tuple[int, str]:
    with _lock:
        return next(_pairs)


def fields(text: str) -> dict[str, str]:
    return {m["name"]: html.unescape(m["value"]) for m in FIELD.finditer(text)}


class Registrant(HttpUser):
    wait_time = between(0, 0.1)
    headers = {"X-Forwarded-Proto": "https", "Host": "localhost"}

    def on_start(self) -> None:
        self.municipalities = None

    def cookie_header(self) -> str:
        """The production cookies are ``Secure`` and the bench speaks plain HTTP to gunicorn (as a TLS
        proxy would), so the cookie jar would not send them: pass them on by hand."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.client.cookies)

    @task
    def register(self) -> None:
        number, code = next_pair()
        url = f"/aan-de-slag/schaal-programma-{number}/aanmelden/"
        form = self.client.get(url, headers=self.headers, name="registration form")
        found = fields(form.text)
        if "form_token" not in found:
            return
        if self.municipalities is None:
            self.municipalities = set(re.findall(r'<option value="(GM\d{4})"', form.text))
        if code not in self.municipalities:
            return
        time.sleep(MIN_SECONDS + 0.1)
        data = {
            "csrfmiddlewaretoken": found["csrfmiddlewaretoken"],
            "form_token": found["form_token"],
            "step": "review",
            "municipality": code,
            "track": "deelname",
            "contact_name": "Bench Gebruiker",
            "contact_function": "Griffier",
            "email": "bench@example.org",
            "phone": "06 12345678",
            "remarks": "",
            "consent": "on",
            "website": "",
        }
        headers = {
            **self.headers,
            "Referer": f"https://localhost{url}",
            "Cookie": self.cookie_header(),
        }
        review = self.client.post(url, data=data, headers=headers, name="registration review")
        pending = fields(review.text).get("pending")
        if not pending:
            return
        confirm = {
            "csrfmiddlewaretoken": found["csrfmiddlewaretoken"],
            "step": "confirm",
            "pending": pending,
        }
        with self.client.post(
            url,
            data=confirm,
            headers={**headers, "Cookie": self.cookie_header()},
            name="registration confirm",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 303:
                response.failure(f"expected 303, got {response.status_code}")
