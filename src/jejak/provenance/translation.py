"""Reports in two languages: a translation whose figures were changed on the way.

Indonesian outlets translate and spin English wire stories. A word diff cannot compare two
languages, but the fact fingerprint can (`jejak.fingerprint.facts`): amounts, days, names and
speakers come out the same in either language. A figure the translation changed leaves one fact
on each side that the other lacks, of the same kind (`amt:percent:2.4` against
`amt:percent:3.4`); such a pair is one changed figure, named with its words on both sides. Only
an unambiguous pair counts: one lone figure of that unit on each side (two lone percentages on
each side could be paired either way, and nothing says which).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jejak.fingerprint.facts import amount_key
from jejak.provenance.confidence import band_of, distortion_confidence
from jejak.provenance.diff import Distortion, Side

MAX_CHANGED = 2  # more changed figures than this and the two texts are other reports, not one translated


def _kind_of(fact: str) -> str | None:
    """`amt:percent` for an amount (its unit), `day` for a date; names and speakers are not figures."""
    if fact.startswith("amt:"):
        return fact.rsplit(":", 1)[0]
    if fact.startswith("day:"):
        return "day"
    return None


def changed_figures(a_facts: frozenset[str], b_facts: frozenset[str]) -> list[tuple[str, str]]:
    """Pairs (fact of a, fact of b) of one figure or day each side states differently."""
    lone_a: dict[str, list[str]] = defaultdict(list)
    lone_b: dict[str, list[str]] = defaultdict(list)
    for fact in a_facts - b_facts:
        if (kind := _kind_of(fact)) is not None:
            lone_a[kind].append(fact)
    for fact in b_facts - a_facts:
        if (kind := _kind_of(fact)) is not None:
            lone_b[kind].append(fact)
    return sorted((lone_a[k][0], lone_b[k][0]) for k in lone_a if len(lone_a[k]) == 1 and len(lone_b.get(k, ())) == 1)


def _span(analysis: dict[str, Any] | None, fact: str, text: str) -> Side | None:
    """Where a fact stands in its text, from the analysis record's amounts or times."""
    if not analysis:
        return None
    if fact.startswith("amt:"):
        for amount in analysis.get("amounts") or ():
            if amount_key(amount) == fact and "start" in amount:
                return Side(amount["start"], amount["end"], text[amount["start"]:amount["end"]])
    elif fact.startswith("day:"):
        for time in analysis.get("times") or ():
            if f"day:{time.get('value')}" == fact and "start" in time:
                return Side(time["start"], time["end"], text[time["start"]:time["end"]])
    return None


def translation_distortions(original, copy) -> list[Distortion]:
    """The figures and days a translation (`copy`, a ProvDoc) changed from its original (a ProvDoc
    in another language), with their words on both sides."""
    out = []
    for fact_a, fact_b in changed_figures(original.facts, copy.facts):
        a, b = _span(original.analysis, fact_a, original.text), _span(copy.analysis, fact_b, copy.text)
        if a is None or b is None:
            continue
        kind = "date-change" if fact_a.startswith("day:") else "number-change"
        words = max(len(a.text.split()), len(b.text.split()))
        note = f"{a.text} -> {b.text} (across languages)"
        out.append(Distortion(kind, a, b, note, band_of(kind, words, None), None,
                              distortion_confidence(kind, words, None)))
    return sorted(out, key=lambda d: d.a.start)
