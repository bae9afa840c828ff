"""Datelines at the head of a body: ``JAKARTA, KOMPAS.com -`` → place "Jakarta", outlet "KOMPAS.com".

The dateline tells where a report was filed and which outlet claims it; a copy that keeps
another outlet's furniture under its own dateline gives itself away (see ``indicators``).
Forms handled: ``PLACE, OUTLET -``, ``OUTLET, PLACE -``, ``PLACE (OUTLET) -``, ``PLACE -``,
``OUTLET -``, with a hyphen, a double hyphen, an en dash or an em dash.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jejak.model import Dateline

from ._data import lang_rows

# A place: 1-4 capitalised words ("JAKARTA", "Banda Aceh", "KOTA BEKASI", "St. Petersburg").
_PLACE_WORD = r"[A-Z][A-Za-z'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
# An outlet: 1-4 tokens of letters/digits/dots ("KOMPAS.com", "CNBC Indonesia", "detikJabar").
_OUTLET_WORD = r"[A-Za-z0-9][A-Za-z0-9.&\-]*"
_OUTLET = rf"{_OUTLET_WORD}(?:[ \t]+{_OUTLET_WORD}){{0,3}}"
# The dash: spaced on at least one side for a hyphen (so "Jakarta-Bandung" is no dateline).
_DASH = r"(?:[ \t]+(?:-{1,2}|[–—])[ \t]*|(?:-{1,2}|[–—])[ \t]+|[ \t]*[–—][ \t]*)"

_DATELINE_RE = re.compile(
    rf"""\A[ \t\r\n]*
    (?P<a>{_OUTLET})
    (?:
        [ \t]*,[ \t]*(?P<b>{_OUTLET})
      | [ \t]*\([ \t]*(?P<paren>{_OUTLET})[ \t]*\)
    )?
    (?P<dash>{_DASH})
    (?=\S)""",
    re.VERBOSE,
)
_PLACE_RE = re.compile(rf"{_PLACE}\Z")
_DOMAIN_RE = re.compile(r"\.(?:com|co|id|net|org|tv|news)\b|^detik", re.IGNORECASE)
_MAX_LEN = 70


@lru_cache(maxsize=None)
def _outlet_table(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = lang_rows(lang, "furniture_outlets.tsv") or lang_rows("id", "furniture_outlets.tsv")
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r["outlet"]) for r in rows if r.get("pattern"))


def canonical_outlet(name: str | None, lang: str = "id") -> str | None:
    """One name per outlet ("KOMPAS.com" and "KOMPAS" → "Kompas"); unknown names come back as written."""
    if not name:
        return None
    key = name.strip()
    for pat, outlet in _outlet_table(lang):
        if pat.fullmatch(key):
            return outlet
    return key


def _is_known_outlet(name: str, lang: str) -> bool:
    key = name.strip()
    return any(pat.fullmatch(key) for pat, _ in _outlet_table(lang))


def _looks_like_outlet(name: str, lang: str) -> bool:
    return bool(_DOMAIN_RE.search(name)) or _is_known_outlet(name, lang)


def _norm_place(place: str) -> str:
    """Title-case a place written in capitals; keep mixed case as written."""
    place = " ".join(place.split())
    return place.title() if place.isupper() else place


def find_dateline(text: str, lang: str = "id") -> tuple[Dateline, int, int] | None:
    """The dateline at the start of ``text`` with its span (dash and following spaces included)."""
    m = _DATELINE_RE.match(text)
    if m is None or m.end() - m.start("a") > _MAX_LEN:
        return None
    a, b, paren = m.group("a"), m.group("b"), m.group("paren")
    place: str | None
    outlet: str | None
    if paren is not None:
        if not _PLACE_RE.match(a):
            return None
        place, outlet = a, paren
    elif b is not None:
        if _looks_like_outlet(a, lang) and not _looks_like_outlet(b, lang):
            a, b = b, a  # "Liputan6.com, Jakarta -", "TEMPO.CO, Jakarta -"
        if not _PLACE_RE.match(a):
            return None
        if not (any(ch.isupper() for ch in b) or _looks_like_outlet(b, lang)):
            return None
        place, outlet = a, b
    elif _looks_like_outlet(a, lang):
        place, outlet = None, a
    elif _PLACE_RE.match(a):
        place, outlet = a, None
    else:
        return None
    start = m.start("a")
    end = m.end()
    dl = Dateline(
        place=_norm_place(place) if place else None,
        outlet=" ".join(outlet.split()) if outlet else None,
        text=text[start:end].rstrip(),
    )
    return dl, start, end
