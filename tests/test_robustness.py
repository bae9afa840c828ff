"""Hostile and odd input never crashes the analysis: it is analysed or refused with a reason."""

import pytest

from jejak import NotAnalysable, analyze

BASE = "Menteri Keuangan mengatakan anggaran naik 5 persen, kata dia di Jakarta, Senin (20/10/2025). "

ODD = {
    "unbalanced quotes": "\"Kami siap, kata Budi. “Semua aman. » tulis Reuters. " + BASE,
    "punctuation only": "!!! ... ??? ,,, ;;; “” «»",
    "control characters": "Harga\x00 naik\x07 di\x1b pasar " + BASE,
    "lone surrogate": "Harga naik \ud800 di pasar " + BASE,
    "emoji and rtl": "Warga 😀 bersorak مرحبا بكم " + BASE,
    "many short lines": ("Baris.\n" * 3000) + BASE,
    "unclosed quotes on many lines": ("“Kata pembuka tanpa penutup\n" * 2000) + BASE,
    "long run of dots": BASE + "." * 20000,
    "long capitalised run": BASE + " ".join(["Nama"] * 3000) + ".",
    "mixed separators": "Harga Rp 1,000.000,50 dan US$1.2.3 juta. " + BASE,
    "html without body": "<html><head><title>Judul</title></head></html>",
    "saved page comment": "<!-- saved from url=(0014)about:internet --><html><body><article><p>" + BASE + "</p></article></body></html>",
    "nested quotes": "\"Dia bilang 'kami \"siap\" sekali' kemarin,\" kata Budi. " + BASE,
    "zero width": "Pre\u200bsiden Pra\u200cbowo ber\u200dkata " + BASE,
    "crlf only": "\r\n" * 50 + BASE,
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_is_analysed_or_refused_with_a_reason(name):
    try:
        art = analyze(ODD[name], lang="id", published="2025-10-20")
    except NotAnalysable as e:
        assert str(e)
        return
    for q in art.quotes:
        assert art.text[q.start:q.end] == q.text
    for item in (*art.times, *art.amounts):
        assert art.text[item.start:item.end] == item.text


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00Z", "9999-12-31", "not a date"])
def test_placeholder_dates_are_ignored_not_fatal(published):
    art = analyze("Kemarin harga cabai naik di Bogor, kata pedagang kepada wartawan.", lang="id", published=published)
    assert art.published is None or art.published_from != "metadata"


def test_malformed_url_and_unknown_language_code():
    art = analyze(BASE, lang="id", url="http://[::1")
    assert art.quotes
    with pytest.raises(NotAnalysable, match="not 'fr'"):
        analyze(BASE, lang="fr")


def test_a_saved_page_is_read_as_html_not_as_markup():
    art = analyze(ODD["saved page comment"], lang="id")
    assert "<" not in art.text and "saved from" not in art.text
