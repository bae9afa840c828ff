"""The language-independent fact fingerprint of an article, and the outlets it credits.

Rewording, spinning and translation change the words but keep the facts: the amounts, the
dates, who is named and who is quoted. Each fact becomes a short token (`amt:IDR:752000`,
`day:2019-09-19`, `ent:gpe:RUS`, `spk:per:hanif dhakiri`) so two fingerprints can be compared
as sets, stored as rows of the `facts` table, and indexed for candidates across languages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from jejak.lang import load_table, load_words

_NAMED_TYPES = ("PER", "ORG", "GPE", "LOC", "NORP")
_OUTLET_NAME = re.compile(r"([A-Z][\w-]*(?:\.[a-z]{2,3}){0,2})")


def _entity_key(ent: dict[str, Any]) -> str | None:
    if ent.get("kb_id"):
        return str(ent["kb_id"]).lower()
    name = (ent.get("name") or "").strip().lower()
    if not name or ent.get("type") not in _NAMED_TYPES:
        return None
    return f"{ent['type'].lower()}:{name}"


def amount_key(amount: dict[str, Any]) -> str | None:
    """The fact token of one amount of an analysis record (`amt:percent:2.4`), or None."""
    value = amount.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return None
    unit = amount.get("currency") or amount.get("unit") or "n"
    return f"amt:{unit}:{_rounded(value)}"


def main_speaker(rec: dict[str, Any]) -> str | None:
    """The fact key of the speaker quoted most often (`spk:` left off), or None when nobody is
    quoted or two speakers tie: the voice a report is built around, which two reports of one
    press conference share even when they pick different topics from it."""
    counts = Counter(key for q in rec.get("quotes") or () if (key := _entity_key(q.get("speaker") or {})))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _rounded(value: float) -> str:
    """Three significant digits: `2,4 persen` and `2.4%` meet, converted amounts nearly do."""
    if value == 0:
        return "0"
    return f"{float(f'{value:.3g}'):g}"


def facts_of_record(rec: dict[str, Any]) -> frozenset[str]:
    """Fact tokens of an analysis record: amounts, dates, named entities, quoted speakers."""
    facts: set[str] = set()
    for amount in rec.get("amounts") or ():
        key = amount_key(amount)
        if key:
            facts.add(key)
    for time in rec.get("times") or ():
        value = time.get("value")
        if isinstance(value, str) and len(value) >= 7:
            facts.add(f"day:{value}")
    for ent in rec.get("entities") or ():
        key = _entity_key(ent)
        if key:
            facts.add(f"ent:{key}")
    for quote in rec.get("quotes") or ():
        speaker = quote.get("speaker") or {}
        key = _entity_key(speaker)
        if key:
            facts.add(f"spk:{key}")
    return frozenset(facts)


@lru_cache(maxsize=None)
def _credit_pattern(lang: str) -> re.Pattern[str]:
    cues = sorted(load_words(lang, "credit_cues"), key=len, reverse=True)
    alternatives = "|".join(re.escape(c) for c in cues) or r"(?!x)x"
    return re.compile(rf"(?i:\b(?:{alternatives}))\s+(?i:(?:laman|situs|portal|media)\s+)?{_OUTLET_NAME.pattern}")


@lru_cache(maxsize=None)
def _source_patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """One alternation of the case-insensitive cues and one of the case-sensitive ones (`ANTARA`),
    each cue its own group, with the source of each group: a text is scanned twice, not once per
    cue, and a match names its cue by its group (never by its text, which case folding may change)."""
    rows = load_table(lang, "common_sources", missing_ok=True)
    out = []
    for sensitive in (False, True):
        cues = sorted(((r["cue"], r["source"]) for r in rows if (r.get("case") == "cs") == sensitive),
                      key=lambda cs: -len(cs[0]))
        if cues:
            alternatives = "|".join(f"({re.escape(cue)})" for cue, _ in cues)
            out.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", 0 if sensitive else re.IGNORECASE),
                        tuple(source for _, source in cues)))
    return tuple(out)


def common_sources(text: str, lang: str = "id") -> tuple[str, ...]:
    """Common sources a text says it rewrites: `press release`, `written statement`, `ANTARA`."""
    return tuple(sorted({sources[m.lastindex - 1] for pattern, sources in _source_patterns(lang)
                         for m in pattern.finditer(text)}))


def credited_outlets(text: str, lang: str = "id") -> tuple[str, ...]:
    """Outlets a text credits as its source, normalised (`Tribunjateng.com` -> `tribunjateng`)."""
    found: list[str] = []
    for m in _credit_pattern(lang).finditer(text):
        name = normalise_outlet(m.group(1))
        if name and name not in found:
            found.append(name)
    return tuple(found)


def normalise_outlet(name: str | None) -> str:
    """An outlet or host name reduced to its core word: `www.Kompas.com` -> `kompas`."""
    if not name:
        return ""
    core = name.strip().lower()
    core = re.sub(r"^(?:https?://)?(?:www\.|m\.)?", "", core)
    core = re.sub(r"(?:\.(?:com|co|id|net|org|tv|news))+$", "", core)
    return core.split(".")[-1] if "." in core else core
