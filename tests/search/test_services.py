"""Small rules of search.query and search.highlight: query cleaning and the matched text in context."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from search.constants import MAX_QUERY_LENGTH
from search.highlight import snippet
from search.query import clean_query


def test_clean_query_keeps_words_and_drops_syntax():
    assert clean_query('  "Raad"  AND (griffier*) ') == "Raad AND griffier"
    assert clean_query("bestuurlijk-ambtelijk samenspel") == "bestuurlijk ambtelijk samenspel"
    assert clean_query("raad\x00griffier") == "raad griffier"
    assert clean_query("\ud800raad") == "raad"
    assert clean_query(None) == ""
    assert clean_query("😀") == ""


@given(st.text(max_size=2000))
def test_clean_query_is_always_short_plain_text(raw):
    cleaned = clean_query(raw)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert all(ch.isalnum() or ch == " " for ch in cleaned)
    cleaned.encode("utf-8")  # no lone surrogates


def test_snippet_marks_matches_and_escapes():
    text = "Intro <b>vet</b> & meer. De lokale driehoeken werken samen aan een betere raad."
    html = snippet(text, "driehoek")
    assert "<mark>driehoeken</mark>" in html
    assert "&lt;b&gt;vet&lt;/b&gt; &amp;" in html


def test_snippet_windows_long_text_around_the_first_match():
    text = " ".join(["woord"] * 100 + ["raadsakkoorden"] + ["slot"] * 100)
    html = snippet(text, "raadsakkoord", words=10)
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>raadsakkoorden</mark>" in html


def test_snippet_without_match_shows_the_start():
    assert snippet("Eerste woorden van de tekst", "onbekend") == "Eerste woorden van de tekst"
