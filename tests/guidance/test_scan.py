"""The self-scan: one question at a time without JavaScript, the seeded ranking, no personal data."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from guidance.models import Scan, ScanOptionCount
from guidance.seed import SCAN_SLUG

pytestmark = pytest.mark.django_db

BASE = f"/zelfscan/{SCAN_SLUG}/"
# The seeded answers: a new council, a council agreement in the making, the driehoek can do better,
# training for the council, no participation question for now.
SEEDED_ANSWERS = {"a1": "1", "a2": "1", "a3": "1", "a4": "1", "a5": "2"}


def _walk(client, answers):
    """Answer every question through the forms, as a person without JavaScript does."""
    url = client.get("/zelfscan/").url
    assert url == BASE
    response = client.get(BASE)
    assert "Start de scan" in response.content.decode()
    url = BASE + "vraag/1/"
    numbers = sorted(answers, key=lambda name: int(name[1:]))
    for position, name in enumerate(numbers, start=1):
        response = client.get(url)
        html = response.content.decode()
        assert f"Vraag {position} van {len(numbers)}" in html
        data = {k: answers[k] for k in numbers[: position - 1]} | {name: answers[name]}
        data["verzonden"] = "1"
        if position == len(numbers):
            response = client.post(url, data)
            assert response.status_code == 303
        else:
            response = client.get(url, data)
            assert response.status_code == 302
        url = response.url
    return client.get(url)


def test_the_seed_has_the_scan(seeded):
    scan = Scan.objects.get(slug=SCAN_SLUG)
    assert scan.title == "Wat past bij uw gemeente?"
    assert len(scan.questions) == 5


def test_ranking_for_the_seeded_answers(client, seeded):
    response = _walk(client, SEEDED_ANSWERS)
    assert response.status_code == 200
    recommendations = response.context["recommendations"]
    # Scores: offering weight + theme weights (toerusting counts for questions 1 and 4); ties in
    # catalogue order. Anders formeren (2 + 2) ties with Raad in Beraad (2 + 1 + 1) at 4; Raad in
    # Beraad comes first in the catalogue, and the result shows five.
    assert [(r.page.slug, r.score) for r in recommendations] == [
        ("de-lerende-raad", 7),
        ("democratie-in-actie", 7),
        ("versterken-lokale-driehoeken", 6),
        ("leerkring-raadsakkoorden", 6),
        ("raad-in-beraad", 4),
    ]
    first = recommendations[0]
    assert first.reasons[0] == "omdat uw gemeente een nieuwe raad krijgt"
    html = response.content.decode()
    assert "omdat uw gemeente werkt aan een raadsakkoord" in html
    assert "Waarom dit aanbod:" in html


def test_participation_answer_recommends_pioneering(client, seeded):
    answers = {"a1": "2", "a2": "3", "a3": "3", "a4": "3", "a5": "1"}
    recommendations = _walk(client, answers).context["recommendations"]
    assert recommendations[0].page.slug == "pionieren-in-participatieland"
    assert recommendations[0].reasons == ["omdat u inwoners meer wilt betrekken"]


def test_no_matching_answers_point_to_the_catalogue(client, seeded):
    response = _walk(client, {"a1": "2", "a2": "3", "a3": "3", "a4": "3", "a5": "2"})
    assert response.context["recommendations"] == []
    assert "Bekijk het hele aanbod" in response.content.decode()


def test_missing_answer_gives_a_dutch_error_and_keeps_the_step(client, seeded):
    response = client.get(BASE + "vraag/2/", {"a1": "1", "verzonden": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is een probleem" in html
    assert 'href="#antwoord_0"' in html
    assert "Kies een van de antwoorden." in html
    assert 'name="a1" value="1"' in html  # the earlier answer is kept
    assert "Vraag 2 van 5" in html


def test_tampered_answers_go_back_to_the_first_open_question(client, seeded):
    response = client.get(BASE + "vraag/4/", {"a1": "1", "a2": "99", "a3": "1"})
    assert response.status_code == 302
    assert response.url == BASE + "vraag/2/?a1=1"
    response = client.get(BASE + "uitslag/", {"a1": "x"})
    assert response.url == BASE + "vraag/1/"
    assert client.get(BASE + "vraag/9/").status_code == 404


def test_answers_are_counted_but_nothing_identifying_is_stored(client, seeded):
    _walk(client, SEEDED_ANSWERS)
    _walk(client, SEEDED_ANSWERS)
    counts = ScanOptionCount.objects.order_by("position")
    assert counts.count() == 5
    assert {c.count for c in counts} == {2}
    assert counts[0].option == "Ja, er komt een nieuwe raad"
    # Only the aggregate: no time, no session, no address, no IP in the guidance scan tables.
    fields = {f.name for f in ScanOptionCount._meta.get_fields()}
    assert fields == {
        "id",
        "scan",
        "question_id",
        "option_id",
        "question",
        "option",
        "position",
        "count",
    }
    for model in apps.get_app_config("guidance").get_models():
        if model.__name__.startswith("Scan"):
            assert not any(
                isinstance(
                    f, (models.DateTimeField, models.GenericIPAddressField, models.EmailField)
                )
                for f in model._meta.get_fields()
            )
    # Walking the scan sets no session
    assert "sessionid" not in client.cookies


def test_result_page_is_cacheable_and_stepping_sets_no_cookie(client, seeded):
    response = client.get(BASE + "vraag/1/")
    assert not response.cookies
    response = client.get(BASE + "uitslag/", SEEDED_ANSWERS)
    assert response.status_code == 200
    assert not response.cookies


def test_staff_see_the_counts_in_the_admin(client, seeded, django_user_model):
    _walk(client, SEEDED_ANSWERS)
    admin = django_user_model.objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/scan_answers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ja, er komt een nieuwe raad" in html
    assert client.get("/admin/scan_answers/new/").status_code in (302, 403)


def test_editors_can_edit_the_scan_snippet(client, seeded, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer2", "c@example.org", "x")
    client.force_login(admin)
    scan = Scan.objects.get(slug=SCAN_SLUG)
    response = client.get(f"/admin/snippets/guidance/scan/edit/{scan.pk}/")
    assert response.status_code == 200


def test_result_is_cached_and_editing_the_scan_clears_it(
    client, seeded, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    url = BASE + "uitslag/?a1=1&a2=1&a3=1&a4=1&a5=2"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    scan = Scan.objects.get(slug=SCAN_SLUG)
    with django_capture_on_commit_callbacks(execute=True):
        scan.max_results = 3
        scan.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert len(response.context["recommendations"]) == 3


def test_pages_take_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    url = BASE + "uitslag/?a1=1&a2=1&a3=1&a4=1&a5=2"
    client.get(url)
    # 9 for the scan and its result, 7 for the header and footer's menu and links by page type, which
    # the fragment cache (off in tests) keeps in production.
    with django_assert_max_num_queries(16):
        client.get(url)


@pytest.mark.parametrize("group_name", ["Redacteuren", "Programmabureau"])
def test_staff_groups_see_the_counts_but_cannot_change_them(
    client, seeded, django_user_model, group_name
):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("medewerker", "m@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    assert client.get("/admin/scan_answers/").status_code == 200
    assert client.get("/admin/scan_answers/new/").status_code in (302, 403)
    scan = Scan.objects.get(slug=SCAN_SLUG)
    edit = client.get(f"/admin/snippets/guidance/scan/edit/{scan.pk}/").status_code
    assert edit == (200 if group_name == "Redacteuren" else 302)
