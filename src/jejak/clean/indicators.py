"""Signs of copying or spinning that show at the cleaning stage.

- ``translated-author-code``: an author code a translator turned into words.
- ``foreign-furniture``: furniture typical of outlet X under a dateline of outlet Y.
- ``garbled-attribution``: a stray guillemet or an attribution said twice ("» tulis Bloomberg.").
The first two point at text cleaning removed (no offsets); the last one stays in the body and
carries offsets into the clean text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jejak.model import Indicator

from ._data import lang_rows
from .author_codes import CodeHit
from .furniture import FurnitureHit


def translated_code(hit: CodeHit) -> Indicator:
    """The indicator for an author code rendered as words."""
    note = "a pair of ordinary words stands where an outlet's author code belongs"
    if hit.origin:
        note += f"; most likely a translated '({hit.origin})'"
    return Indicator(kind="translated-author-code", text=hit.text, note=note)


def foreign_furniture(hits: list[tuple[FurnitureHit, str]], outlet: str | None) -> list[Indicator]:
    """One indicator per other outlet whose furniture shows up; ``hits`` pairs a hit with its text."""
    if not outlet:
        return []
    seen: dict[str, Indicator] = {}
    for hit, text in hits:
        other = hit.rule.outlet
        if not other or other == outlet:
            continue
        evidence = text.strip().rstrip(":").strip()
        if other in seen:
            if evidence == seen[other].text or f"'{evidence[:60]}'" in (seen[other].note or ""):
                continue
            seen[other].note = (seen[other].note or "") + f"; also '{evidence[:60]}'"
            continue
        seen[other] = Indicator(
            kind="foreign-furniture",
            text=evidence,
            note=f"page furniture typical of {other} in an article whose dateline names {outlet}",
        )
    return list(seen.values())


# --- garbled attribution (found in the clean text) ---------------------------------------

_GUILLEMET_RE = re.compile(r"[«»‹›][^\n.!?«»‹›]{0,80}[.!?]?")
# "Å«" and the like: a guillemet inside mojibake (UTF-8 read as Latin-1) is no punctuation.
_MOJIBAKE_LEAD = frozenset(chr(c) for c in range(0xC0, 0x100))
_OPENERS = frozenset("“\"«„")


@lru_cache(maxsize=None)
def _attribution_re(lang: str) -> re.Pattern[str] | None:
    cues = [r["cue"] for r in lang_rows(lang, "garbled_attribution.tsv") if r.get("cue")]
    if not cues:
        return None
    alt = "|".join(sorted(map(re.escape, cues), key=len, reverse=True))
    name = r"[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,2}"
    # Only attributions that follow a quote mark or a stop: the place a spun copy
    # repeats them, and a literal first character keeps the scan fast.
    return re.compile(rf"[”\"“»«.!?][ \t]*(?P<cue>{alt})(?:(?P<nya>nya)\b|[ \t]+(?P<name>{name}))")


_SENT_END_RE = re.compile(r"[^\n.!?]*[.!?]?")
_DANGLING_RE = re.compile(r"[ \t]*[.!?]")  # or the name itself ended in the stop
_MARK_BEFORE_RE = re.compile(r"[«»‹›\"”“][ \t]*\Z")


def garbled_attributions(text: str, lang: str = "id") -> list[Indicator]:
    """Stray guillemets and repeated attributions in ``text`` (the clean body), for a language whose
    pack lists the attributions spinners repeat (`garbled_attribution.tsv`; its news uses no
    guillemets either)."""
    if _attribution_re(lang) is None:
        return []
    found: list[Indicator] = []
    for m in _GUILLEMET_RE.finditer(text):
        if m.start() > 0 and (text[m.start() - 1] in _MOJIBAKE_LEAD or text[m.start() - 1].isalnum()):
            continue
        ev = m.group().rstrip()
        found.append(Indicator("garbled-attribution", ev, m.start(), m.start() + len(ev),
                               note="guillemet, a mark Indonesian news does not use"))
    rx = _attribution_re(lang)
    if rx is not None:
        para_start = 0
        for para in text.split("\n"):
            last: dict[tuple[str, str], int] = {}
            for m in rx.finditer(para):
                key = (m.group("cue"), (m.group("name") or "-nya").rstrip("."))
                prev = last.get(key)
                last[key] = m.end()
                if prev is None or any(ch in _OPENERS for ch in para[prev:m.start()]):
                    continue
                if not (m.group(0).endswith(".") or _DANGLING_RE.match(para, m.end())):
                    continue  # "..., kata X, pemerintah ..." goes on: a second, legitimate attribution
                s = m.start("cue")
                mk = _MARK_BEFORE_RE.search(para, 0, s)
                if mk:
                    s = mk.start()
                e = m.end() + len(_SENT_END_RE.match(para, m.end()).group())
                ev = para[s:e].rstrip()
                found.append(Indicator("garbled-attribution", ev, para_start + s, para_start + s + len(ev),
                                       note=f"'{m.group(0)}' said twice with no new quotation between"))
            para_start += len(para) + 1
    return _merge(found)


def _merge(items: list[Indicator]) -> list[Indicator]:
    """Drop an indicator whose span overlaps one already kept (same evidence found twice)."""
    items.sort(key=lambda i: (i.start or 0, -((i.end or 0) - (i.start or 0))))
    out: list[Indicator] = []
    for it in items:
        if out and it.start is not None and out[-1].end is not None and it.start < out[-1].end:
            continue
        out.append(it)
    return out
