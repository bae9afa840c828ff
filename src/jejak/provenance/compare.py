"""Compare two analysed articles: relation, score, which came first, and what the copy changed.

This is what `jejak compare A B` prints and what outside scorers read, so its JSON shape is
fixed: `{"relation", "score", "earlier", "distortions": [{"kind", "a": {start, end, text},
"b": {...}}]}`, with `a` always the first article given and `b` the second, whichever of them
is the original. Distortion offsets point into each article's input text (after HTML
extraction), so a scorer can check them against the text it passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from jejak.dates import iso_day
from jejak.model import Article
from jejak.provenance.diff import Distortion, as_siblings, find_distortions
from jejak.provenance.translation import translation_distortions
from jejak.provenance.document import ProvDoc, same_publisher
from jejak.provenance.origin import original_of
from jejak.provenance.relation import COPYING, Relation, relate


@dataclass
class Comparison:
    """The verdict on two articles, with distortions given as (span in A, span in B)."""

    a_id: str
    b_id: str
    relation: Relation
    original: str | None                      # id of the likely original, for a copy
    distortions: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        r = self.relation
        return {
            "a": self.a_id, "b": self.b_id, "relation": r.relation, "common_source": r.common_source,
            "score": round(r.score, 3),
            "same_event": None if r.same_event is None else round(r.same_event, 3),
            "earlier": r.earlier, "earlier_side": _side(r.earlier, self.a_id, self.b_id),
            "original": self.original, "distortions": self.distortions,
            "reasons": r.reasons, "evidence": r.evidence.to_dict(),
        }


def _side(article_id: str | None, a_id: str, b_id: str) -> str | None:
    """`a` or `b` for an article id of the pair, so a caller need not know the ids."""
    return "a" if article_id == a_id else "b" if article_id == b_id else None


def _as_sides(d: Distortion, original_is_a: bool) -> dict[str, Any]:
    first, second = (d.a, d.b) if original_is_a else (d.b, d.a)
    return {"kind": d.kind, "a": first.to_dict(), "b": second.to_dict(), "note": d.note, "band": d.band,
            "doubt": d.doubt, "confidence": d.confidence}


def _day(value: str | None) -> dt.date | None:
    return iso_day(value)


def doc_of(article: Article, outlet: str | None = None) -> ProvDoc:
    """The provenance view of a freshly analysed article."""
    return ProvDoc.from_record(article.to_dict(), outlet=outlet)


def compare_articles(a: Article, b: Article, a_outlet: str | None = None,
                     b_outlet: str | None = None) -> Comparison:
    """Relate two articles and, when one copies the other, name the distortions. Siblings (two
    rewrites of one common source) get no original; their differences are places to look."""
    doc_a, doc_b = doc_of(a, a_outlet), doc_of(b, b_outlet)
    if doc_a.id == doc_b.id:
        doc_b.id = doc_b.id + "'"
    verdict = relate(doc_a, doc_b)
    result = Comparison(doc_a.id, doc_b.id, verdict, None)
    if verdict.relation not in COPYING:
        return result
    if verdict.relation == "sibling":  # no original: the earlier one is read first
        original = verdict.earlier or doc_a.id
    else:
        original = result.original = original_of(doc_a, doc_b)[0].id
    original_is_a = original == doc_a.id
    first, second = (a, b) if original_is_a else (b, a)
    text_first = first.source_text or first.text
    text_second = second.source_text or second.text
    if doc_a.lang != doc_b.lang:  # a translation: no word diff across languages, only its changed figures
        found = translation_distortions(*((doc_a, doc_b) if original_is_a else (doc_b, doc_a)))
    else:
        found = find_distortions(text_first, text_second, first.lang or "id", _day(first.published),
                                 _day(second.published), same_publisher=same_publisher(doc_a, doc_b))
    if verdict.relation == "sibling":
        found = as_siblings(found)
    result.distortions = [_as_sides(d, original_is_a) for d in found]
    return result
