"""The guidance pages: strict CSP (nothing inline), unique ids, every field labelled, noindex on steps."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from guidance import alerts
from guidance.constants import SubscriptionStatus
from guidance.models import AlertSubscription

pytestmark = pytest.mark.django_db

SCAN = "/zelfscan/wat-past-bij-uw-gemeente/"


class Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.labels: set[str] = set()
        self.fields: list[str] = []
        self.inline: list[str] = []
        self.noindex = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline.append(tag)
        if tag == "script" and "src" not in attrs:
            self.inline.append("script")
        if tag == "style":
            self.inline.append("style")
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs.get("id", ""))
        if (
            tag == "meta"
            and attrs.get("name") == "robots"
            and "noindex" in attrs.get("content", "")
        ):
            self.noindex = True


def _urls(seeded):
    subscription = AlertSubscription.objects.create(
        email="a@gemeente.nl", status=SubscriptionStatus.ACTIVE
    )
    token = alerts.manage_token(subscription)
    pending = AlertSubscription.objects.create(email="b@gemeente.nl")
    return [
        ("/meldingen/aanmelden/?bron=aanbod&functie=griffiers", True),
        ("/meldingen/aanmelden/verstuurd/", True),
        (f"/meldingen/bevestigen/{alerts.confirm_token(pending)}/", True),
        (f"/meldingen/beheren/{token}/", True),
        (f"/meldingen/afmelden/{token}/", True),
        ("/meldingen/bevestigen/vervalst/", True),
        (SCAN, False),
        (SCAN + "vraag/1/", True),
        (SCAN + "vraag/2/?a1=1&verzonden=1", True),
        (SCAN + "vraag/5/?a1=1&a2=1&a3=1&a4=1", True),
        (SCAN + "uitslag/?a1=1&a2=1&a3=1&a4=1&a5=1", True),
    ]


def test_guidance_pages_are_clean(client, seeded):
    for url, noindex in _urls(seeded):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        parser = Markup()
        parser.feed(response.content.decode())
        assert parser.inline == [], f"{url}: inline script, style or handler"
        assert [i for i, n in parser.ids.items() if n > 1] == [], f"{url}: duplicate ids"
        assert all(field in parser.labels for field in parser.fields if field), url
        assert parser.noindex is noindex, url
        assert "Content-Security-Policy" in response, url
