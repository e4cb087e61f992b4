"""Every permission boundary of the "Aanmeldingen" admin: anonymous, page editor, Programmabureau, superuser.

Denied users never see personal data, never change anything and leave no access-log row; for them an
existing and a non-existing id give the same answer (no way to guess ids).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from registrations.constants import RegistrationStatus
from registrations.models import PersonalDataAccess, Registration
from tests.programmes.factories import TrackFactory

from .staff_factories import RegistrationFactory, make_user, page_editor, staff_user

pytestmark = pytest.mark.django_db

MISSING_ID = 987_654


@pytest.fixture
def registration(seeded):
    return RegistrationFactory(contact_name="Geheime Naam", email="geheim@gemeente.example")


@pytest.fixture
def users(db):
    return {
        "anonymous": None,
        "editor": page_editor(),
        "staff": staff_user(),
        "superuser": make_user("admin", superuser=True),
    }


def _client(client, users, who):
    if users[who] is not None:
        client.force_login(users[who])
    return client


def get_urls(pk):
    return {
        "list": reverse("registration:index"),
        "results": reverse("registration:index_results"),
        "detail": reverse("registration:inspect", args=[pk]),
        "export_csv": reverse("registration:index") + "?export=csv",
        "export_xlsx": reverse("registration:index") + "?export=xlsx",
        "capacity": reverse("registration:capacity"),
        "erase_form": reverse("registration:erase", args=[pk]),
        "cancel_form": reverse("registration:action", args=[pk, "cancel"]),
        "person_export": reverse("registration:person_export", args=[pk]),
    }


def post_urls(pk, track_id):
    return {
        "confirm": reverse("registration:action", args=[pk, "confirm"]),
        "withdraw": reverse("registration:action", args=[pk, "withdraw"]),
        "cancel": reverse("registration:action", args=[pk, "cancel"]),
        "promote": reverse("registration:promote", args=[track_id]),
        "erase": reverse("registration:erase", args=[pk]),
    }


def test_programmabureau_group_exists_with_registration_rights(db):
    group = Group.objects.get(name="Programmabureau")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_registration",
        "change_registration",
        "export_registration",
        "erase_personal_data",
    } <= codenames


@pytest.mark.parametrize("name", list(get_urls(1)))
@pytest.mark.parametrize("pk_kind", ["existing", "missing"])
def test_anonymous_is_sent_to_login(client, registration, name, pk_kind):
    pk = registration.pk if pk_kind == "existing" else MISSING_ID
    url = get_urls(pk)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("name", list(get_urls(1)))
@pytest.mark.parametrize("pk_kind", ["existing", "missing"])
def test_page_editor_is_denied_every_view(client, users, registration, name, pk_kind):
    pk = registration.pk if pk_kind == "existing" else MISSING_ID
    response = _client(client, users, "editor").get(get_urls(pk)[name])
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    follow = client.get(response["Location"])
    assert b"Geheime Naam" not in follow.content
    assert b"geheim@gemeente.example" not in follow.content
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "editor"])
@pytest.mark.parametrize("name", list(post_urls(1, 1)))
@pytest.mark.parametrize("pk_kind", ["existing", "missing"])
def test_denied_users_cannot_change_anything(client, users, registration, who, name, pk_kind):
    pk = registration.pk if pk_kind == "existing" else MISSING_ID
    waiting = RegistrationFactory(track=registration.track, waiting=True)
    url = post_urls(pk, registration.track_id)[name]
    response = _client(client, users, who).post(url)
    assert response.status_code == 302
    expected = reverse("wagtailadmin_login") if who == "anonymous" else reverse("wagtailadmin_home")
    assert response["Location"].startswith(expected)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.RECEIVED
    assert registration.anonymised_at is None
    assert registration.contact_name == "Geheime Naam"
    assert waiting.status == RegistrationStatus.WAITING_LIST
    assert not registration.events.exists()


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_allowed_users_can_view_list_detail_capacity_and_exports(client, users, registration, who):
    c = _client(client, users, who)
    urls = get_urls(registration.pk)
    for name in ("list", "results", "detail", "capacity", "erase_form", "cancel_form"):
        response = c.get(urls[name])
        assert response.status_code == 200, name
    assert b"Geheime Naam" in c.get(urls["detail"]).content
    for name in ("export_csv", "export_xlsx", "person_export"):
        response = c.get(urls[name])
        assert response.status_code == 200, name
        assert "attachment" in response["Content-Disposition"]
    assert c.get(reverse("registration:inspect", args=[MISSING_ID])).status_code == 404


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_allowed_users_can_change_status(client, users, registration, who):
    c = _client(client, users, who)
    response = c.post(reverse("registration:action", args=[registration.pk, "confirm"]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert c.post(reverse("registration:action", args=[MISSING_ID, "confirm"])).status_code == 404


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_allowed_users_can_erase(client, users, registration, who):
    c = _client(client, users, who)
    response = c.post(reverse("registration:erase", args=[registration.pk]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def test_status_actions_need_post(client, users, registration):
    """GET shows the confirmation page (issue 24, item 18); only POST changes the status."""
    c = _client(client, users, "staff")
    response = c.get(reverse("registration:action", args=[registration.pk, "confirm"]))
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RECEIVED


def test_unknown_action_is_404(client, users, registration):
    c = _client(client, users, "staff")
    assert (
        c.post(reverse("registration:action", args=[registration.pk, "delete"])).status_code == 404
    )


def test_status_actions_require_csrf(users, registration):
    from django.test import Client

    c = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    c.force_login(users["staff"])
    response = c.post(reverse("registration:action", args=[registration.pk, "confirm"]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RECEIVED


def test_menu_item_only_for_staff(client, users, registration):
    index_url = reverse("registration:index").encode()
    c = _client(client, users, "editor")
    assert index_url not in c.get(reverse("wagtailadmin_home")).content
    client.logout()
    c = _client(client, users, "staff")
    home = c.get(reverse("wagtailadmin_home"))
    assert index_url in home.content
    assert "Aanmeldingen" in home.content.decode()


def test_view_only_user_cannot_export_erase_or_change(client, registration):
    from django.contrib.auth.models import Permission

    viewer = make_user("kijker")
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(viewer)
    assert client.get(reverse("registration:index")).status_code == 200
    for url in (
        reverse("registration:index") + "?export=csv",
        reverse("registration:person_export", args=[registration.pk]),
        reverse("registration:erase", args=[registration.pk]),
    ):
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    client.post(reverse("registration:action", args=[registration.pk, "confirm"]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RECEIVED
    detail = client.get(reverse("registration:inspect", args=[registration.pk])).content.decode()
    assert reverse("registration:erase", args=[registration.pk]) not in detail
    assert reverse("registration:action", args=[registration.pk, "confirm"]) not in detail


def test_registrations_are_not_editable_or_deletable_in_the_admin(client, users, registration):
    c = _client(client, users, "superuser")
    for suffix in ("new/", f"edit/{registration.pk}/", f"delete/{registration.pk}/"):
        assert c.get(reverse("registration:index") + suffix).status_code == 404
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_other_track_ids_on_promote_are_checked(client, users, registration):
    other = TrackFactory(capacity=1)
    RegistrationFactory(track=other, waiting=True)
    c = _client(client, users, "editor")
    c.post(reverse("registration:promote", args=[other.pk]))
    assert (
        not Registration.objects.filter(track=other)
        .exclude(status=RegistrationStatus.WAITING_LIST)
        .exists()
    )
