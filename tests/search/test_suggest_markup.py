"""The search field with suggestions is a valid ARIA 1.2 combobox: an ``input type=text``.

``static/js/search-suggest.js`` gives the field with ``data-suggest-url`` ``role="combobox"``. The HTML
standard does not allow that role on ``input type=search`` (the Nu HTML checker rejects it: a search
field may only be a searchbox), but it does on ``input type=text``. So the served field is a text input
(with ``inputmode="search"`` for on-screen keyboards; the form keeps ``role="search"``),
and the script only enhances a text input.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

pytestmark = pytest.mark.django_db

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "search-suggest.js"


@pytest.mark.parametrize("query", [{}, {"q": "raad"}])
def test_the_suggest_field_is_a_text_input_the_combobox_role_is_valid_on(seeded, client, query):
    html = BeautifulSoup(client.get("/zoeken/", query).content.decode(), "html.parser")
    [field] = html.select("input[data-suggest-url]")
    assert field["type"] == "text"
    assert field.get("inputmode") == "search"
    assert field.find_parent("form")["role"] == "search"
    label = html.select_one(f"label[for={field['id']}]")
    assert label is not None and label.get_text(strip=True)
    # Whatever is served: no search input carries (or will be given) the combobox role.
    for search_input in html.select("input[type=search]"):
        assert search_input.get("role") in (None, "searchbox")
        assert not search_input.has_attr("data-suggest-url")


def test_the_script_enhances_text_inputs_only():
    script = SCRIPT.read_text()
    assert 'document.querySelector("input[type=text][data-suggest-url]")' in script
    assert 'input.setAttribute("role", "combobox")' in script
