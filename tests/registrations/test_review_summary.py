"""The review step and the confirmation page as a summary list (GOV.UK's check-answers pattern).

Each answer is one row: ``<div class="summary-list__row">`` holding one ``<dt>`` (label) and one ``<dd>``
(value) inside a ``<dl class="summary-list">``; each section of the review has a "Wijzigen" control that
goes back to the form, to that section, with everything that was typed kept. Works without JavaScript:
"Wijzigen" is a submit button of a form that carries the signed answers (never in a URL).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.registrations.conftest import form_data

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def review(client, page, **overrides):
    return client.post(page.url + "aanmelden/", form_data(**overrides))


def rows(summary_list) -> list[tuple[str, str]]:
    """(label, value) per row; fails unless every child of the dl is a row of one dt and one dd."""
    result = []
    for child in summary_list.find_all(recursive=False):
        assert child.name == "div" and "summary-list__row" in child["class"], child
        cells = child.find_all(recursive=False)
        assert [c.name for c in cells] == ["dt", "dd"], child
        assert "summary-list__key" in cells[0]["class"]
        assert "summary-list__value" in cells[1]["class"]
        result.append((cells[0].get_text(" ", strip=True), cells[1].get_text(" ", strip=True)))
    return result


def sections(html: BeautifulSoup) -> dict[str, BeautifulSoup]:
    found = {}
    for section in html.select("main section.summary-card"):
        title = section.select_one(".summary-card__title")
        assert title is not None and title.name == "h2"
        assert section.get("aria-labelledby") == title.get("id")
        found[title.get_text(strip=True)] = section
    return found


def change_button(section):
    [button] = section.select(".summary-card__actions button")
    return button


def test_review_page_is_a_summary_list_per_section_with_a_change_control(client, programme):
    page, _track = programme
    html = soup(review(client, page, remarks="Graag in de ochtend"))
    found = sections(html)
    assert list(found) == ["Aanmelding", "Contactpersoon"]

    registration = dict(rows(found["Aanmelding"].select_one("dl.summary-list")))
    assert registration["Programma"] == "Testprogramma"
    assert registration["Gemeente"] == "'s-Gravenhage"
    assert "€ 1.500,00" in registration["Bijdrage"]
    contact = dict(rows(found["Contactpersoon"].select_one("dl.summary-list")))
    assert contact["Naam"] == "Anna de Vries"
    assert contact["E-mailadres"] == "anna@example.org"
    assert contact["Opmerkingen"] == "Graag in de ochtend"

    edit_form = html.select_one("form#registration-edit")
    assert edit_form is not None and edit_form["method"] == "post"
    assert edit_form.select_one("input[name=pending]")["value"]
    assert edit_form.select_one("input[name=csrfmiddlewaretoken]") is not None
    for name, target in [
        ("Aanmelding", "#gemeente-en-deelnamevorm"),
        ("Contactpersoon", "#contactpersoon"),
    ]:
        button = change_button(found[name])
        assert button["type"] == "submit"
        assert button["form"] == "registration-edit"
        assert (button["name"], button["value"]) == ("step", "edit")
        assert button["formaction"] == page.url + "aanmelden/" + target
        # The visible word is "Wijzigen"; a screen reader hears which section.
        assert button.get_text(" ", strip=True) == f"Wijzigen {name.lower()}"
        assert button.select_one(".visually-hidden").get_text(strip=True) == name.lower()


def test_following_wijzigen_shows_the_form_with_everything_filled_in(client, programme):
    page, _track = programme
    html = soup(review(client, page, remarks="Graag in de ochtend"))
    section = sections(html)["Contactpersoon"]
    button = change_button(section)
    form = html.select_one(f"form#{button['form']}")
    data = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
    data[button["name"]] = button["value"]
    response = client.post(button["formaction"].split("#")[0], data)
    form_page = soup(response)
    assert form_page.select_one("#gemeente-en-deelnamevorm") is not None
    assert form_page.select_one("#contactpersoon").name == "fieldset"
    assert form_page.select_one("#id_contact_name")["value"] == "Anna de Vries"
    assert form_page.select_one("#id_contact_function")["value"] == "griffier"
    assert form_page.select_one("#id_email")["value"] == "anna@example.org"
    assert form_page.select_one("#id_phone")["value"] == "070 123 4567"
    assert form_page.select_one("#id_remarks").get_text().strip() == "Graag in de ochtend"
    assert form_page.select_one("#id_municipality option[selected]")["value"] == "GM0518"
    assert form_page.select_one("#id_consent").has_attr("checked")
    assert form_page.select_one(".error-summary") is None


def test_confirmation_page_is_a_summary_list(client, programme):
    page, _track = programme
    html = soup(review(client, page))
    pending = html.select_one("form#registration-edit input[name=pending]")["value"]
    response = client.post(page.url + "aanmelden/", {"step": "confirm", "pending": pending})
    assert response.status_code == 303
    confirmation = soup(client.get(response["Location"]))
    [summary] = confirmation.select("main dl.summary-list")
    answers = dict(rows(summary))
    assert answers["Gemeente"] == "'s-Gravenhage"
    assert answers["Programma"] == "Testprogramma"
    assert "Status" in answers
    assert not confirmation.select("button[value=edit]")  # sent: nothing to change here


def test_summary_rows_are_styled_with_the_design_tokens():
    """The row is its own grid (label | value), so two rows never sit side by side in the dl's grid."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    bodies = re.findall(r"(?:^|[\s}])\.summary-list__row\s*\{([^}]*)\}", css)
    assert bodies, "portal.css styles .summary-list__row"
    styles = " ".join(bodies)
    assert "grid-column: 1 / -1" in styles and "display: grid" in styles
    assert "grid-template-columns" in styles  # label | value side by side on wider screens
    assert "var(--portal-" in styles and not re.search(r"#[0-9a-fA-F]{3,6}\b", styles)
