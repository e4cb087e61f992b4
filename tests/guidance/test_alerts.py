"""E-mail alerts: double opt-in, immediate and digest delivery, exactly once, unsubscribe, deletion."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from guidance import alerts
from guidance.constants import AlertFrequency, DeliveryStatus, SubscriptionStatus
from guidance.models import AlertDelivery, AlertSubscription
from programmes.models import Role
from tests.programmes.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/meldingen/aanmelden/"
_capture = None


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    """Run what the code queues ``on_commit`` (the mail tasks), as a real commit would."""
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield
    _capture = None


def _subscribe(client, email="griffier@gemeente.nl", frequency="direct", **filters):
    data = {"email": email, "frequency": frequency, "bron": "aanbod", "functie": "griffiers"}
    data.update(filters)
    with _capture(execute=True):
        return client.post(SUBSCRIBE, data)


def _link(message, name):
    urls = re.findall(r"http://testserver(/meldingen/[^\s]+/)", message.body)
    return next(u for u in urls if f"/{name}/" in u)


def _confirmed(client, **kwargs):
    _subscribe(client, **kwargs)
    confirm = _link(mail.outbox[-1], "bevestigen")
    client.post(confirm)
    mail.outbox.clear()
    return AlertSubscription.objects.get()


def test_catalogue_offers_the_alert_for_the_current_role(client, seeded):
    response = client.get("/aan-de-slag/?functie=griffiers")
    html = response.content.decode()
    assert "Ontvang een e-mail bij nieuw aanbod voor griffiers" in html
    assert "/meldingen/aanmelden/?bron=aanbod&amp;functie=griffiers" in html


def test_case_library_offers_the_alert_for_its_filters(client, seeded):
    html = client.get("/casussen/?functie=griffiers").content.decode()
    assert "Ontvang een e-mail bij nieuwe casussen voor griffiers" in html


def test_subscribe_form_is_dutch_and_names_the_topic(client, seeded):
    response = client.get(SUBSCRIBE + "?bron=aanbod&functie=griffiers")
    html = response.content.decode()
    assert response.status_code == 200
    assert "nieuw aanbod voor griffiers" in html
    assert "<legend" in html and 'autocomplete="email"' in html
    assert "no-store" in response["Cache-Control"]


def test_bad_address_keeps_input_with_a_dutch_error(client, seeded):
    response = _subscribe(client, email="geen-adres")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een e-mailadres in zoals naam@gemeente.nl." in html
    assert 'value="geen-adres"' in html
    assert AlertSubscription.objects.count() == 0


def test_nothing_is_sent_before_confirmation(client, seeded):
    response = _subscribe(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1  # only the confirmation
    assert "bevestigen" in mail.outbox[0].body
    subscription = AlertSubscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    ProgrammePageFactory(roles=[Role.objects.get(slug="griffiers")])
    alerts.run_alerts()
    assert len(mail.outbox) == 1
    assert not AlertDelivery.objects.exists()


def test_confirmation_link_get_does_not_confirm_post_does(client, seeded):
    _subscribe(client)
    confirm = _link(mail.outbox[0], "bevestigen")
    assert client.get(confirm).status_code == 200
    assert AlertSubscription.objects.get().status == SubscriptionStatus.PENDING
    response = client.post(confirm)
    assert "Uw e-mailmelding staat aan" in response.content.decode()
    assert AlertSubscription.objects.get().status == SubscriptionStatus.ACTIVE


def test_expired_confirmation_link_is_refused(client, seeded):
    with freeze_time(timezone.now() - dt.timedelta(days=4)):
        _subscribe(client)
        confirm = _link(mail.outbox[0], "bevestigen")
    response = client.post(confirm)
    assert response.status_code == 400
    assert "Deze link is verlopen" in response.content.decode()
    assert AlertSubscription.objects.get().status == SubscriptionStatus.PENDING


def test_forged_confirmation_link_is_refused(client, seeded):
    _subscribe(client)
    subscription = AlertSubscription.objects.get()
    forged = signing.dumps(subscription.token, salt="another-salt")
    response = client.post(reverse("guidance:confirm", args=[forged]))
    assert response.status_code == 400
    assert "Deze link werkt niet" in response.content.decode()
    tampered = alerts.confirm_token(subscription)[:-2] + "xx"
    assert client.post(reverse("guidance:confirm", args=[tampered])).status_code == 400
    # a manage link is not a confirmation link
    manage = alerts.manage_token(subscription)
    assert client.post(reverse("guidance:confirm", args=[manage])).status_code == 400
    assert AlertSubscription.objects.get().status == SubscriptionStatus.PENDING


def test_immediate_alert_for_a_new_offering_exactly_once(client, seeded):
    _confirmed(client)
    griffiers = Role.objects.get(slug="griffiers")
    page = ProgrammePageFactory(title="Nieuwe leerkring", roles=[griffiers])
    ProgrammePageFactory(
        title="Alleen voor wethouders", roles=[Role.objects.get(slug="wethouders")]
    )
    alerts.run_alerts()
    alerts.run_alerts()  # the job runs twice
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Nieuwe leerkring" in message.subject
    assert f"http://testserver{page.url}" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/meldingen/afmelden/"
    )
    assert AlertDelivery.objects.get().status == DeliveryStatus.SENT


def test_publishing_an_offering_sends_the_alert(client, seeded):
    _confirmed(client)
    page = ProgrammePageFactory(
        title="Gepubliceerd aanbod", roles=[Role.objects.get(slug="griffiers")]
    )
    page.first_published_at = None
    page.save()
    with _capture(execute=True):
        page.save_revision().publish()
    assert [m.subject for m in mail.outbox] == ["Nieuw: Gepubliceerd aanbod"]
    with _capture(execute=True):
        page.save_revision().publish()  # a second publish: nothing more
    alerts.run_alerts()
    assert len(mail.outbox) == 1


def test_offerings_from_before_the_subscription_are_not_sent(client, seeded):
    _confirmed(client)
    alerts.run_alerts()
    assert mail.outbox == []


def test_weekly_digest_collects_the_week(client, seeded):
    now = timezone.now()
    with freeze_time(now - dt.timedelta(days=8)):
        subscription = _confirmed(client, frequency="wekelijks")
    griffiers = Role.objects.get(slug="griffiers")
    with freeze_time(now - dt.timedelta(days=2)):
        ProgrammePageFactory(title="Eerste nieuw", roles=[griffiers])
    ProgrammePageFactory(title="Tweede nieuw", roles=[griffiers])
    alerts.run_alerts(now)
    alerts.run_alerts(now)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Eerste nieuw" in body and "Tweede nieuw" in body
    assert "2 nieuwe items" in mail.outbox[0].subject
    subscription.refresh_from_db()
    assert subscription.last_digest_at == now
    # a new item the next day waits for next week
    ProgrammePageFactory(title="Derde nieuw", roles=[griffiers])
    alerts.run_alerts(now + dt.timedelta(days=1))
    assert len(mail.outbox) == 1
    alerts.run_alerts(now + dt.timedelta(days=7))
    assert len(mail.outbox) == 2 and "Derde nieuw" in mail.outbox[1].body


def test_theme_filter_matches_only_that_theme(client, seeded):
    _confirmed(client, functie="", thema="participatie")
    off = ProgrammePageFactory(title="Over iets anders")
    on = ProgrammePageFactory(title="Over participatie")
    on.tags.add("participatie")
    on.save()
    off.save()
    alerts.run_alerts()
    assert [m.subject for m in mail.outbox] == ["Nieuw: Over participatie"]


def test_one_click_unsubscribe_post_without_csrf(seeded):
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    subscription = AlertSubscription.objects.create(
        email="a@gemeente.nl", status=SubscriptionStatus.ACTIVE, confirmed_at=timezone.now()
    )
    url = reverse("guidance:unsubscribe", args=[alerts.manage_token(subscription)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    ProgrammePageFactory()
    alerts.run_alerts()
    assert mail.outbox == []


def test_unsubscribe_link_in_the_mail_is_one_click(client, seeded):
    _confirmed(client)
    ProgrammePageFactory(roles=[Role.objects.get(slug="griffiers")])
    alerts.run_alerts()
    url = _link(mail.outbox[0], "afmelden")
    assert client.get(url).status_code == 200  # GET shows one button, changes nothing
    assert AlertSubscription.objects.get().status == SubscriptionStatus.ACTIVE
    response = client.post(url)
    assert "U bent afgemeld" in response.content.decode()
    assert AlertSubscription.objects.get().status == SubscriptionStatus.UNSUBSCRIBED


def test_manage_page_changes_frequency_and_deletes_the_address(client, seeded):
    _confirmed(client)
    subscription = AlertSubscription.objects.get()
    url = reverse("guidance:manage", args=[alerts.manage_token(subscription)])
    html = client.get(url).content.decode()
    assert "griffier@gemeente.nl" in html
    client.post(url, {"action": "frequency", "frequency": AlertFrequency.WEEKLY})
    subscription.refresh_from_db()
    assert subscription.frequency == AlertFrequency.WEEKLY
    response = client.post(url, {"action": "delete"})
    assert "Uw adres is verwijderd" in response.content.decode()
    assert not AlertSubscription.objects.exists()
    assert client.get(url).status_code == 400  # the link is dead now


def test_retention_deletes_unconfirmed_and_unsubscribed_addresses(seeded):
    now = timezone.now()
    old_pending = AlertSubscription.objects.create(email="p@gemeente.nl")
    AlertSubscription.objects.filter(pk=old_pending.pk).update(
        created_at=now - dt.timedelta(days=8)
    )
    AlertSubscription.objects.create(email="new@gemeente.nl")
    AlertSubscription.objects.create(
        email="gone@gemeente.nl",
        status=SubscriptionStatus.UNSUBSCRIBED,
        unsubscribed_at=now - dt.timedelta(days=31),
    )
    AlertSubscription.objects.create(
        email="recent@gemeente.nl",
        status=SubscriptionStatus.UNSUBSCRIBED,
        unsubscribed_at=now - dt.timedelta(days=3),
    )
    active = AlertSubscription.objects.create(
        email="a@gemeente.nl", status=SubscriptionStatus.ACTIVE, confirmed_at=now
    )
    AlertSubscription.objects.filter(pk=active.pk).update(created_at=now - dt.timedelta(days=400))
    assert alerts.purge_expired(now) == 2
    assert set(AlertSubscription.objects.values_list("email", flat=True)) == {
        "new@gemeente.nl",
        "recent@gemeente.nl",
        "a@gemeente.nl",
    }


def test_subscribing_is_rate_limited_per_address(client, seeded):
    for _ in range(5):
        client.defaults["REMOTE_ADDR"] = f"10.0.0.{_ + 1}"
        assert _subscribe(client, email="slachtoffer@gemeente.nl").status_code == 302
    assert len(mail.outbox) == 3  # alert_subscribe_address: 3 per day
    assert AlertSubscription.objects.count() == 3


def test_subscribing_is_rate_limited_per_ip(client, seeded):
    for number in range(10):
        assert _subscribe(client, email=f"a{number}@gemeente.nl").status_code == 302
    response = _subscribe(client, email="b@gemeente.nl")
    assert response.status_code == 429
    assert response["Retry-After"]


def test_a_failed_send_is_retried_by_the_next_run_and_sent_once(client, seeded, settings):
    _confirmed(client)
    ProgrammePageFactory(title="Bij storing", roles=[Role.objects.get(slug="griffiers")])
    settings.EMAIL_BACKEND = "tests.guidance.failing_mail.EmailBackend"
    assert alerts.run_alerts()["immediate"] == 0
    assert AlertDelivery.objects.get().status == DeliveryStatus.PENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert alerts.run_alerts()["immediate"] == 1
    alerts.run_alerts()
    assert [m.subject for m in mail.outbox] == ["Nieuw: Bij storing"]


def test_a_claimed_delivery_is_not_claimed_again(client, seeded):
    subscription = _confirmed(client)
    ProgrammePageFactory(roles=[Role.objects.get(slug="griffiers")])
    alerts.queue_deliveries()
    alerts.queue_deliveries()
    assert AlertDelivery.objects.count() == 1
    now = timezone.now()
    first = alerts._claim(subscription, now)
    second = alerts._claim(subscription, now)  # a second worker at the same moment
    assert len(first) == 1 and second == []


def test_case_library_alert_for_role_and_theme(client, seeded):
    from tests.cases.factories import CasePageFactory

    _confirmed(client, bron="casussen", thema="participatie")
    subscription = AlertSubscription.objects.get()
    assert alerts.describe_subscription(subscription) == (
        "nieuwe casussen voor griffiers over participatie"
    )
    griffiers = Role.objects.get(slug="griffiers")
    now = timezone.now()
    CasePageFactory(title="Casus zonder thema", roles=[griffiers], first_published_at=now)
    CasePageFactory(
        title="Casus over participatie",
        roles=[griffiers],
        tags=["participatie"],
        first_published_at=now,
    )
    ProgrammePageFactory(title="Aanbod, geen casus", roles=[griffiers])
    alerts.run_alerts()
    assert [m.subject for m in mail.outbox] == ["Nieuw: Casus over participatie"]
