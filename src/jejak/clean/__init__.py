"""Cleaning: from a page's body text to the article body, keeping a record of what went.

``clean(source)`` removes the dateline, author codes, page furniture and the trailer, and
returns the clean body with every removal (offsets into the *source*) and the copy indicators
the removed material reveals. Nothing is dropped silently: a fact-checker can always see what
the cleaner took out and why.

Order of work, each step a precompiled regex over the source:
1. dateline at the head; 2. trailer (from the first trailer marker that has no body paragraph
after it); 3. author codes, then the displaced fragment before a final code; 4. line and
inline furniture; 5. assemble, collapse whitespace; 6. indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jejak.model import Dateline, Indicator, Removal

from .author_codes import CodeHit, displaced_fragment, find_codes
from .dateline import canonical_outlet, find_dateline
from .furniture import FurnitureHit, furniture_set
from .indicators import foreign_furniture, garbled_attributions, translated_code

__all__ = ["Cleaned", "clean", "canonical_outlet", "find_dateline"]


@dataclass
class Cleaned:
    """The clean body and the record of cleaning."""

    text: str  # clean body
    dateline: Dateline | None = None
    removals: list[Removal] = field(default_factory=list)  # offsets into the SOURCE text
    indicators: list[Indicator] = field(default_factory=list)  # offsets into the CLEAN text, or None
    author_codes: list[str] = field(default_factory=list)  # as written, brackets stripped


# A line that reads like body: two sentence ends and some length. Keeps a trailer marker
# that stands above real paragraphs from cutting them.
_SENTENCE_END_RE = re.compile(r"[a-z0-9)\"”’%][.!?][\"”’]?(?:[ \t]+|$)", re.MULTILINE)
_BODY_LINE_MIN = 120
_HEADLINE_TAIL_MAX = 600  # at most this much headline-like text after a closing code is a trailer
_CLOSING_STOP_RE = re.compile(r"[.!?][\"”’)]?[ \t]*$")
_TRAILER_SCAN = 2000  # read at most this much of a cut trailer for outlet furniture
_ODD_SPACES = ("\t", "\xa0", "\u2009", "\u202f", "\u3000", "\u200b")
_SPACES_RE = re.compile(r"  +")
_NEWLINES_RE = re.compile(r"\n\n+")


def _holds_body(text: str, start: int, end: int) -> bool:
    for line in text[start:end].split("\n"):
        if len(line) >= _BODY_LINE_MIN and len(_SENTENCE_END_RE.findall(line)) >= 2:
            return True
    return False


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _reason(hit: FurnitureHit) -> str:
    r = hit.rule
    why = r.note or r.kind
    return f"{r.kind}: {why}" + (f" (typical of {r.outlet})" if r.outlet else "")


def _assemble(source: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        if s > pos:
            pieces.append(source[pos:s])
            pieces.append(" ")  # keep words apart where something inline went
        pos = max(pos, e)
    pieces.append(source[pos:])
    return normalize_space("".join(pieces))


def normalize_space(text: str) -> str:
    """One space between words, one ``\n`` between paragraphs, nothing at the ends.

    Plain ``str`` operations first, then regexes with a literal prefix: a body is
    mostly spaces, and a pattern that may start at any space is slow in Python's engine.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, "" if ch == "\u200b" else " ")
    if "  " in text:
        text = _SPACES_RE.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if "\n\n" in text:
        text = _NEWLINES_RE.sub("\n", text)
    return text.strip()


def clean(source: str, *, lang: str = "id", outlet: str | None = None) -> Cleaned:
    """Clean one article body.

    ``outlet`` is the outlet known from metadata (URL host, feed); it stands in for the
    dateline's outlet when the body has none, for the foreign-furniture check.
    """
    fs = furniture_set(lang)
    n = len(source)
    removals: list[Removal] = []
    indicators: list[Indicator] = []
    furniture_seen: list[tuple[FurnitureHit, str]] = []

    def remove(kind: str, s: int, e: int, reason: str) -> None:
        removals.append(Removal(kind=kind, text=source[s:e], start=s, end=e, reason=reason))

    # 1. dateline
    body_start = 0
    dateline: Dateline | None = None
    found = find_dateline(source, lang)
    if found is not None:
        dateline, ds, de = found
        body_start = de
        remove("dateline", ds, de, "dateline: place and outlet of filing")

    # 2. trailer: the first marker with no body paragraph after it cuts to the end
    body_end = n
    covered: list[tuple[int, int]] = []  # spans taken out inside the body
    for hit in fs.trailers(source, body_start):
        if not _holds_body(source, hit.start, n):
            body_end = hit.start
            tail = source[hit.start:n]
            remove("trailer", hit.start, n, f"trailer from '{source[hit.start:hit.end]}': {_reason(hit)}")
            furniture_seen.extend((h, tail[h.start:h.end]) for h in fs.scan(tail[:_TRAILER_SCAN]))
            break
        # body goes on below: drop only the marker's line, and only if the marker opens it
        ls, le = _line_bounds(source, hit.start)
        if not source[ls:hit.start].strip():
            remove("furniture", ls, le, _reason(hit))
            furniture_seen.append((hit, source[ls:le]))
            covered.append((ls, le))

    # 3. line and inline furniture inside the body
    for hit in fs.lines(source, body_start, body_end):
        if any(s <= hit.start < e for s, e in covered):
            continue
        remove("furniture", hit.start, hit.end, _reason(hit))
        furniture_seen.append((hit, source[hit.start:hit.end]))
        covered.append((hit.start, hit.end))
    for hit in fs.inline(source, body_start, body_end):
        if any(s <= hit.start < e for s, e in covered):
            continue
        remove("furniture", hit.start, hit.end, _reason(hit))
        furniture_seen.append((hit, source[hit.start:hit.end]))
        covered.append((hit.start, hit.end))

    # 4. author codes; single and translated ones only where nothing but furniture follows
    codes = find_codes(source, body_start, body_end, lang)
    covered.extend((c.start, c.end) for c in codes)
    covered.sort()

    def visible_after(pos: int) -> str:
        """What is left after ``pos`` in the body once furniture and codes are taken out."""
        pieces = []
        for s, e in covered:
            if e <= pos:
                continue
            pieces.append(source[pos:max(pos, s)])
            pos = max(pos, e)
        pieces.append(source[pos:body_end])
        return "".join(pieces)

    def closes_body(pos: int) -> bool:
        """Nothing but furniture, or a few headline-like lines (no closing stop), follows ``pos``."""
        rest = visible_after(pos).strip()
        if not rest:
            return True
        if len(rest) > _HEADLINE_TAIL_MAX:
            return False
        return all(len(ln) <= 200 and not _CLOSING_STOP_RE.search(ln) for ln in rest.split("\n") if ln.strip())

    author_codes: list[str] = []
    last_code: CodeHit | None = None
    for c in codes:
        if c.kind != "pair" and not closes_body(c.end):
            continue
        remove("author-code", c.start, c.end,
               "author code, translated into words" if c.kind == "translated" else "author code")
        author_codes.append(c.inner)
        if c.kind == "translated":
            indicators.append(translated_code(c))
        last_code = c
    final_code = last_code if last_code is not None and closes_body(last_code.end) else None
    if final_code is not None and visible_after(final_code.end).strip():
        # headline-like lines after the closing code: a trailer no marker announced
        ts = final_code.end + len(source[final_code.end:body_end]) - len(source[final_code.end:body_end].lstrip())
        removals[:] = [r for r in removals if not (ts <= r.start and r.end <= body_end)]
        tail = source[ts:body_end]
        remove("trailer", ts, body_end, "trailer: headline-like lines after the closing author code")
        furniture_seen.extend((h, tail[h.start:h.end]) for h in fs.scan(tail[:_TRAILER_SCAN]))
        body_end = ts

    # 5. displaced fragment just before the final code, or at the end of what is left
    frag_end = final_code.start if final_code else body_end
    moved = True
    while moved:
        moved = False
        while frag_end > body_start and source[frag_end - 1].isspace():
            frag_end -= 1
        for cs, ce in covered:
            if cs < frag_end <= ce:
                frag_end, moved = cs, True
    frag = displaced_fragment(source, frag_end)
    if frag is not None and frag[0] >= body_start:
        remove("displaced-fragment", frag[0], frag[1],
               "lowercase-initial piece with a doubled stop after the last sentence: a displaced fragment")

    text = _assemble(source, [(r.start, r.end) for r in removals])

    # 6. indicators
    own = canonical_outlet(dateline.outlet if dateline and dateline.outlet else outlet, lang)
    indicators.extend(foreign_furniture(furniture_seen, own))
    indicators.extend(garbled_attributions(text, lang))
    removals.sort(key=lambda r: r.start)
    return Cleaned(text=text, dateline=dateline, removals=removals, indicators=indicators, author_codes=author_codes)
