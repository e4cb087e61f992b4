"""Locust scenario for ``make bench``: complete registrations, form -> review -> confirm -> confirmation.

Each simulated person fetches the form, waits the spam check's minimum time (a person takes longer), sends
the form to the review step and confirms. Every submission uses a new municipality/track pair, so all of
them create a registration (the last 100 generated programmes have no registrations yet).
"""

from __future__ import annotations

import html
import itertools
import os
import re
import threading
import time

from locust import HttpUser, between, task

from registrations.spam import MIN_SECONDS

FIELD = re.compile(
    r'name="(?P<name>csrfmiddlewaretoken|form_token|pending)" value="(?P<value>[^"]*)"'
)
CODES = [f"GM{n:04d}" for n in range(0, 2000)]
PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "1000"))
_pairs = itertools.product(range(max(0, PROGRAMMES - 100), PROGRAMMES), CODES)
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
        headers = {**self.headers, "Referer": f"https://localhost{url}"}
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
            headers=headers,
            name="registration confirm",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 303:
                response.failure(f"expected 303, got {response.status_code}")
