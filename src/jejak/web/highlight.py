"""Turn possibly overlapping annotation spans into flat, non-overlapping text segments.

An article's annotations overlap freely: a quote holds entity mentions, an event's evidence
crosses a quote's edge, a time sits inside an amount's sentence. HTML needs properly nested
elements, so the article view cuts the text at every span edge and renders each piece once,
with every span that covers it (its kinds become CSS classes, its labels a tooltip).
The text of a segment is plain text: the template escapes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation: `text[start:end]` is a `kind` (quote, entity, time...) labelled `label`.
    `css` holds extra CSS classes (a speaker's colour), `data` anything the template needs."""

    start: int
    end: int
    kind: str
    label: str = ""
    css: str = ""
    data: Any = None


@dataclass(slots=True)
class Segment:
    """A piece of text and the spans covering all of it, outermost first."""

    start: int
    end: int
    text: str
    spans: tuple[Span, ...] = field(default_factory=tuple)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(s.kind for s in self.spans)

    @property
    def labels(self) -> list[str]:
        """The non-empty labels of the covering spans, each once, outermost first."""
        seen: list[str] = []
        for s in self.spans:
            if s.label and s.label not in seen:
                seen.append(s.label)
        return seen

    @property
    def css(self) -> str:
        """CSS classes: `k-<kind>` per kind plus each span's own classes, sorted and unique."""
        classes = {f"k-{k}" for k in self.kinds}
        for s in self.spans:
            classes.update(c for c in s.css.split() if c)
        return " ".join(sorted(classes))

    def first(self, kind: str) -> Span | None:
        """The outermost covering span of a kind."""
        return next((s for s in self.spans if s.kind == kind), None)


def _as_span(item: Span | Sequence[Any]) -> Span:
    if isinstance(item, Span):
        return item
    return Span(*item)


def highlight(text: str, spans: Iterable[Span | Sequence[Any]]) -> list[Segment]:
    """Cut `text` into consecutive segments at every span edge.

    `spans` are `Span`s or `(start, end, kind[, label[, css[, data]]])` tuples, in any order, and
    may overlap, nest, repeat, or reach past either end of the text (they are clipped); empty
    spans are dropped. The segments cover the whole text, in order, without gaps or overlaps;
    each carries the spans covering it, outermost (earliest start, then longest) first.
    Joining the segments' texts gives back `text`.
    """
    n = len(text)
    clipped: list[Span] = []
    for item in spans:
        s = _as_span(item)
        start, end = max(0, int(s.start)), min(n, int(s.end))
        if start < end:
            clipped.append(s if (start, end) == (s.start, s.end) else
                           Span(start, end, s.kind, s.label, s.css, s.data))
    if not text:
        return []
    edges = sorted({0, n, *(s.start for s in clipped), *(s.end for s in clipped)})
    order = {id(s): i for i, s in enumerate(sorted(clipped, key=lambda s: (s.start, -s.end)))}
    starts: dict[int, list[Span]] = {}
    for s in clipped:
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    segments: list[Segment] = []
    for a, b in pairwise(edges):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        active.sort(key=lambda s: order[id(s)])
        segments.append(Segment(a, b, text[a:b], tuple(active)))
    return segments
