"""Author codes closing a report (``(fab/fab)``, ``(rdp/imk)``, ``(*)``) and their spun forms.

Indonesian outlets sign a report with the initials of writer and editor in brackets at the
end of the body. They are not body text, but they are evidence: a code of outlet X under the
dateline of outlet Y, or a code a translator rendered as words (``(luar biasa / luar biasa)``
for ``(fab/fab)``, "fabulous"), marks a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import lang_rows


@dataclass(frozen=True, slots=True)
class CodeHit:
    """A bracketed code in the source text."""

    start: int
    end: int
    text: str  # as written, brackets included
    inner: str  # between the brackets, stripped
    kind: str  # "pair" (writer/editor initials), "single" ((*), (wdh)) or "translated"
    origin: str | None = None  # for a translated code: the code it was most likely made from


_WORD = r"[A-Za-z][A-Za-z\-]*"
_PHRASE = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_CODE_RE = re.compile(
    rf"""\(
        (?:
            [ \t]*\*{{1,3}}[ \t]*                                   # (*)
          | [ \t]*{_PHRASE}(?:[ \t]*/[ \t]*{_PHRASE}){{0,3}}[ \t]*   # (rdp/imk), (luar biasa / luar biasa)
          | [ \t]*[A-Za-z]{{2,6}}\d{{0,2}}(?:[ \t]*/[ \t]*[A-Za-z]{{2,6}}\d{{0,2}}){{1,3}}[ \t]*
        )
    \)
    (?=[ \t]*(?:$|[\[(]|[A-Z]))""",
    re.MULTILINE | re.VERBOSE,
)
# A code closes a sentence: it stands at a line start or after a stop, bracket or quote.
_CODE_AFTER = frozenset(".!?\"”’)]\n")
_RAW_PART = re.compile(r"[A-Za-z]{2,5}\d{0,2}")
_SINGLE_RAW = re.compile(r"\*{1,3}|[a-z]{2,5}")


@lru_cache(maxsize=None)
def _renderings(lang: str) -> dict[str, str]:
    """Translator renderings of word-like codes → the code ("luar biasa" → "fab")."""
    return {r["rendering"].lower(): r["code"] for r in lang_rows(lang, "author_code_words.tsv") if r.get("rendering")}


def _classify(inner: str, lang: str) -> tuple[str, str | None] | None:
    renderings = _renderings(lang)
    parts = [" ".join(p.split()) for p in inner.split("/")]
    if len(parts) == 1:
        p = parts[0]
        if _SINGLE_RAW.fullmatch(p):
            return "single", None
        return None  # "(bahkan)" or "(yoy)" style words stay body text unless they end the body
    lows = [p.lower() for p in parts]
    wordy = [(" " in p) or len(p) > 5 or p in renderings for p in lows]
    if not any(wordy) and all(_RAW_PART.fullmatch(p) for p in parts):
        return "pair", None
    origin = next((renderings[p] for p in lows if p in renderings), None)
    if origin is not None:
        origin = "/".join(renderings.get(p, p) for p in lows)
    return "translated", origin


def find_codes(text: str, start: int, end: int, lang: str = "id") -> list[CodeHit]:
    """Bracketed codes after a sentence end in ``text[start:end]`` (finality is the caller's check)."""
    out: list[CodeHit] = []
    for m in _CODE_RE.finditer(text, start, end):
        i = m.start()
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i > 0 and text[i - 1] not in _CODE_AFTER:
            continue
        raw = m.group()
        inner = raw[1:-1].strip()
        cls = _classify(inner, lang)
        if cls is None:
            continue
        kind, origin = cls
        out.append(CodeHit(m.start(), m.end(), raw, inner, kind, origin))
    return out


# A lowercase-initial piece after a sentence end, closed by a doubled stop: "jelasnya. saya ... ini. ."
_FRAGMENT_RE = re.compile(
    r"[.!?][\"”’]?[ \t]+(?P<frag>[a-z][^.!?\n]{0,200}?[ \t]*[.!?](?:[ \t]*[.!?])+)[ \t]*\Z"
)


def displaced_fragment(text: str, end: int, lookback: int = 300) -> tuple[int, int] | None:
    """Span of a displaced fragment ending at ``end`` (before a final code or the body end)."""
    lo = max(0, end - lookback)
    m = _FRAGMENT_RE.search(text, lo, end)
    if m is None:
        return None
    return m.start("frag"), m.end("frag")
