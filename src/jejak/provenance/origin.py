"""Which report came first, and which member of a copy group is the likely original.

Publication time decides when both sides have it, but it is not enough on its own: content
farms stamp spun copies with any time they like, and many pages carry a date without a clock.
So the original is chosen on evidence in this order: no sign of spinning (a translated author
code, another outlet's furniture, garbled attributions), not crediting another member of the
group (`dilansir dari Kompas.com`), published first, then the most complete text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jejak.fingerprint.facts import normalise_outlet
from jejak.provenance.document import ProvDoc

#: Indicator kinds that mark a spun or re-hosted copy (see `jejak.clean.indicators`), weighted by
#: how strongly each points away from the original: a translated author code or another outlet's
#: page furniture can only come from copying, while a dateline that names another outlet is
#: also how syndicated news legitimately looks.
SPIN_WEIGHTS: dict[str, int] = {
    "translated-author-code": 3, "foreign-furniture": 2, "garbled-attribution": 2,
    "date-format-mismatch": 1, "weekday-mismatch": 1, "dateline-mismatch": 1,
}
SPIN_INDICATORS = frozenset(SPIN_WEIGHTS)


def _known_as(doc: ProvDoc) -> str | None:
    """The name a credit would use for `doc`: its publisher, else (no URL) its dateline's brand."""
    return doc.outlet or doc.dateline_outlet


def _credits(doc: ProvDoc, other: ProvDoc) -> bool:
    """Whether `doc` names `other`'s outlet as its source."""
    name = normalise_outlet(_known_as(other))
    return bool(name) and any(c == name or c.startswith(name) or name.startswith(c) for c in doc.credits
                              if len(c) >= 4)


def credits(doc: ProvDoc, other: ProvDoc) -> bool:
    """Whether `doc` names `other`'s outlet as its source (`dilansir dari Kompas.com`)."""
    return _credits(doc, other)


def _comparable_days(a: ProvDoc, b: ProvDoc) -> bool:
    """Publication days can be compared when both came the same way: a day read from one text
    (often the event's day) against another's metadata would mislead."""
    return a.dated_by_metadata == b.dated_by_metadata


def earlier_of(a: ProvDoc, b: ProvDoc) -> tuple[str | None, str]:
    """The id of the article that came first, and the reason; None when it cannot be told."""
    if a.published_at and b.published_at and a.published_at != b.published_at:
        first = a if a.published_at < b.published_at else b
        return first.id, f"{first.id} published first ({first.published_at:%Y-%m-%d %H:%M})"
    if a.published and b.published and a.published != b.published and _comparable_days(a, b):
        first = a if a.published < b.published else b
        return first.id, f"{first.id} published first ({first.published})"
    if _credits(a, b) != _credits(b, a):
        source = b if _credits(a, b) else a
        return source.id, f"the other article credits {_known_as(source)}"
    return None, "publication order unknown"


@dataclass(frozen=True)
class OriginVerdict:
    """The likely original of a group and the reasons, for the trace view."""

    article_id: str
    reasons: tuple[str, ...]


def spin_signs(doc: ProvDoc) -> list[str]:
    """The spinning indicators found in a document."""
    return [k for k in doc.indicators if k in SPIN_INDICATORS]


def publication_key(doc: ProvDoc, metadata_only: bool = False) -> str:
    """A sort key for publication order (see `moment_key`)."""
    return moment_key(doc.published_at, doc.published, doc.dated_by_metadata, metadata_only)


def moment_key(at: dt.datetime | None, day: dt.date | None, from_metadata: bool, metadata_only: bool) -> str:
    """The moment, else the day (after any moment that day), else last. With `metadata_only`, a
    day read from the text counts as unknown."""
    if at:
        return at.isoformat()
    if day and (from_metadata or not metadata_only):
        return day.isoformat() + "T99"
    return "9999"


def spin_weight(doc: ProvDoc) -> int:
    """How strongly a document's indicators say it was spun or re-hosted."""
    return sum(SPIN_WEIGHTS.get(k, 0) for k in doc.indicators)


def likely_original(docs: list[ProvDoc]) -> OriginVerdict | None:
    """The member of a copy group most likely to be the original."""
    if not docs:
        return None

    def rank(d: ProvDoc) -> tuple:
        credits_member = any(_credits(d, o) for o in docs if o is not d)
        return (spin_weight(d), credits_member, publication_key(d, metadata_only), -d.word_count, d.id)

    metadata_only = any(d.dated_by_metadata and d.published for d in docs)

    best = min(docs, key=rank)
    reasons = []
    if any(spin_weight(d) > spin_weight(best) for d in docs):
        signs = spin_signs(best)
        reasons.append("fewer signs of spinning than other copies" + (f" ({', '.join(signs)})" if signs else " (none)"))
    if any(_credits(d, best) for d in docs if d is not best):
        reasons.append("other copies credit its outlet")
    if best.published_at or best.published:
        reasons.append(f"published first ({best.published_at or best.published})")
    if best.word_count >= max(d.word_count for d in docs):
        reasons.append("the most complete text")
    return OriginVerdict(best.id, tuple(reasons))


def original_of(a: ProvDoc, b: ProvDoc) -> tuple[ProvDoc, ProvDoc]:
    """(original, copy) of a copy pair, by the same rule as a whole copy group's original."""
    verdict = likely_original([a, b])
    return (b, a) if verdict is not None and verdict.article_id == b.id else (a, b)
