"""What each editors' group can and cannot do in the admin, through the real admin views.

Redacteuren edit and submit for moderation but cannot publish; Eindredactie publish and approve in the
"Redactie-workflow"; neither sees registrations (tests/registrations covers Programmabureau's side);
anonymous visitors get the login page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from portal.editorial import EINDREDACTIE, PROGRAMMABUREAU, REDACTEUREN
from programmes.models import CatalogueIndexPage, Municipality, ProgrammePage, Role
from tests.portal.test_admin_pages import add_url, admin_user, programme_form_data

pytestmark = pytest.mark.django_db


def _login(client, group: str):
    user = admin_user(group.lower(), groups=(group,))
    client.force_login(user)
    return user


def _edit_data(page: ProgrammePage, **overrides) -> dict:
    """POST data for the edit form of ``page`` (created by the ``programme`` fixture)."""
    return programme_form_data(list(page.roles.all()), slug=page.slug, tracks=[], **overrides)


@pytest.fixture
def programme(seeded, client):
    """A live programme without tracks, created by a superuser through the admin."""
    client.force_login(admin_user())
    catalogue = CatalogueIndexPage.objects.get()
    data = programme_form_data(list(Role.objects.filter(slug="griffiers")), tracks=[])
    data["action-publish"] = "action-publish"
    assert client.post(add_url(ProgrammePage, catalogue), data).status_code == 302
    client.logout()
    return ProgrammePage.objects.live().get(slug="samen-besluiten")


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/aanmeldingen/"])
def test_anonymous_gets_the_login_page(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
    login = client.get(response.headers["Location"])
    assert "Inloggen" in login.text


def test_redacteur_edits_and_submits_but_cannot_publish(client, programme):
    _login(client, REDACTEUREN)
    edit_url = reverse("wagtailadmin_pages:edit", args=(programme.pk,))
    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.text
    assert 'name="action-submit"' in form.text

    old_title = programme.title
    data = _edit_data(programme, title="Samen besluiten (herzien)")
    data["action-publish"] = "action-publish"
    client.post(edit_url, data)
    programme.refresh_from_db()
    assert programme.title == old_title  # the live page did not change

    data = _edit_data(programme, title="Samen besluiten (herzien)")
    data["action-submit"] = "action-submit"
    response = client.post(edit_url, data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title == old_title
    assert programme.has_unpublished_changes
    state = WorkflowState.objects.get(object_id=str(programme.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Redactie-workflow"


def test_eindredactie_approves_a_submitted_change(client, programme):
    redacteur = admin_user("redacteur", groups=(REDACTEUREN,))
    client.force_login(redacteur)
    edit_url = reverse("wagtailadmin_pages:edit", args=(programme.pk,))
    data = _edit_data(programme, title="Samen besluiten 2027")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url, data).status_code == 302

    _login(client, EINDREDACTIE)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Samen besluiten 2027" in dashboard.text  # "awaiting your review" panel
    state = WorkflowState.objects.get(object_id=str(programme.pk))
    task_state = state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(programme.pk, "approve", task_state.pk)
    )
    response = client.post(url, {"comment": "Akkoord."})
    assert response.status_code in (200, 302)
    programme.refresh_from_db()
    assert programme.title == "Samen besluiten 2027"
    assert programme.live and not programme.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_redacteur_cannot_approve(client, programme):
    client.force_login(admin_user("redacteur", groups=(REDACTEUREN,)))
    edit_url = reverse("wagtailadmin_pages:edit", args=(programme.pk,))
    data = _edit_data(programme, title="Zelf goedgekeurd?")
    data["action-submit"] = "action-submit"
    client.post(edit_url, data)
    task_state = WorkflowState.objects.get(object_id=str(programme.pk)).current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(programme.pk, "approve", task_state.pk)
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    programme.refresh_from_db()
    assert programme.title != "Zelf goedgekeurd?"


def test_eindredactie_publishes_directly(client, programme):
    _login(client, EINDREDACTIE)
    edit_url = reverse("wagtailadmin_pages:edit", args=(programme.pk,))
    assert 'name="action-publish"' in client.get(edit_url).text
    data = _edit_data(programme, title="Samen besluiten: nieuwe ronde")
    data["action-publish"] = "action-publish"
    assert client.post(edit_url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Samen besluiten: nieuwe ronde"
    assert client.get(programme.url).status_code == 200


def test_redacteur_creates_a_programme_as_draft(client, seeded):
    _login(client, REDACTEUREN)
    catalogue = CatalogueIndexPage.objects.get()
    data = programme_form_data(list(Role.objects.filter(slug="griffiers")))
    data["action-submit"] = "action-submit"
    assert client.post(add_url(ProgrammePage, catalogue), data).status_code == 302
    page = ProgrammePage.objects.get(slug="samen-besluiten")
    assert not page.live
    assert "Samen besluiten" not in client.get("/aan-de-slag/").text


@pytest.mark.parametrize("group", [REDACTEUREN, EINDREDACTIE])
def test_editors_do_not_see_registrations(client, seeded, group):
    user = _login(client, group)
    assert not user.has_perm("registrations.view_registration")
    assert client.get("/admin/aanmeldingen/").status_code in (302, 403)
    assert "Aanmeldingen" not in client.get(reverse("wagtailadmin_home")).text


@pytest.mark.parametrize("group", [REDACTEUREN, EINDREDACTIE])
def test_editors_manage_roles(client, seeded, group):
    _login(client, group)
    response = client.post(
        reverse("wagtailsnippets_programmes_role:add"),
        {
            "name": "Bestuursadviseurs",
            "singular": "bestuursadviseur",
            "slug": "adviseurs",
            "sort_order": "9",
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(slug="adviseurs")
    response = client.post(
        reverse("wagtailsnippets_programmes_role:edit", args=(role.pk,)),
        {"name": "Adviseurs", "singular": "adviseur", "slug": "adviseurs", "sort_order": "9"},
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.name == "Adviseurs"


def test_role_snippet_list_in_dutch_in_position_order(client, seeded):
    _login(client, REDACTEUREN)
    response = client.get(reverse("wagtailsnippets_programmes_role:list"))
    assert response.status_code == 200
    assert "Naam (meervoud)" in response.text
    names = [r.name for r in Role.objects.all()]
    positions = [response.text.index(name) for name in names]
    assert positions == sorted(positions)


def test_municipalities_are_read_only_even_for_superusers(client, seeded):
    client.force_login(admin_user())
    index = client.get(reverse("wagtailsnippets_programmes_municipality:list"))
    assert index.status_code == 200
    assert "Bron: CBS" in index.text
    assert reverse("wagtailsnippets_programmes_municipality:add") not in index.text
    assert client.get(reverse("wagtailsnippets_programmes_municipality:add")).status_code in (
        302,
        403,
    )
    amsterdam = Municipality.objects.get(name="Amsterdam")
    for name in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_programmes_municipality:{name}", args=(amsterdam.pk,))
        assert client.get(url).status_code in (302, 403)
    assert Municipality.objects.filter(pk=amsterdam.pk).exists()
    inspect = client.get(
        reverse("wagtailsnippets_programmes_municipality:inspect", args=(amsterdam.pk,))
    )
    assert inspect.status_code == 200
    assert "GM0363" in inspect.text


@pytest.mark.parametrize("query", ["Den Haag", "GM0518"])
def test_municipality_search_by_name_alias_or_code(client, seeded, query):
    _login(client, REDACTEUREN)
    response = client.get(
        reverse("wagtailsnippets_programmes_municipality:list_results"), {"q": query}
    )
    assert response.status_code == 200
    assert "s-Gravenhage" in response.text
    assert "Amsterdam" not in response.text


def test_programmabureau_edits_fee_schedules_but_cannot_publish(client, programme):
    _login(client, PROGRAMMABUREAU)
    edit_url = reverse("wagtailadmin_pages:edit", args=(programme.pk,))
    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.text
    home_edit = reverse("wagtailadmin_pages:edit", args=(programme.get_parent().get_parent().pk,))
    assert client.get(home_edit).status_code in (302, 403)
