"""The document model: one `Article` holding the clean text and offset-based annotations.

Every annotation is a span `(start, end)` into `Article.text` (the clean body), so each
row of every table can point back at its evidence, as spaCy's `Doc`/`Span` do.
Removals are the exception: they point into `Article.source_text`, the text before
cleaning, because what they describe is no longer in the clean body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class EntityRef:
    """Who or what an annotation refers to, as it appears in a record."""

    name: str
    type: str  # PER, ORG, GPE, LOC, EVT, PRD, or ROLE for an unresolved office
    country: str | None = None
    kb_id: str | None = None
    sector: str | None = None  # government, military, police, business... when the text says
    described: bool = False  # people the text describes without naming (`massa`, `pelaku`): no entity row

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "country": self.country, "kb_id": self.kb_id}
        if self.sector:
            d["sector"] = self.sector
        if self.described:
            d["described"] = True
        return d


@dataclass(slots=True)
class Mention:
    """One place in the text where an entity is named."""

    start: int
    end: int
    text: str
    entity: str  # key into Article.entities (kb_id or a local id)


@dataclass(slots=True)
class Entity:
    """A distinct entity of the article with all its mentions."""

    key: str
    name: str
    type: str
    country: str | None = None
    kb_id: str | None = None
    sector: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0  # how likely the name and type are right (calibrated by how it was found)
    found_by: str = "kb"  # kb, rule, rule-weak (the tagger doubts it), event or initials: how it was found

    def ref(self) -> EntityRef:
        return EntityRef(self.name, self.type, self.country, self.kb_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "kb_id": self.kb_id,
            "mentions": [[m.start, m.end] for m in self.mentions],
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Quote:
    """Reported speech: what was said, by whom, and the words that say so."""

    text: str
    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: EntityRef | None = None
    speaker_span: tuple[int, int] | None = None  # the words naming the speaker, if any
    cue: tuple[int, int] | None = None  # the speech verb (`kata`, `ujarnya`, `mengatakan`)
    via: str | None = None  # how the speaker was found: name, role, pronoun, continuation, report
    confidence: float = 1.0  # how likely this is a quote of this speaker (calibrated by kind and via)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": list(self.cue) if self.cue else None,
            "via": self.via,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class TimeExpr:
    """A time expression normalised to ISO form as precise as the text allows."""

    text: str
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    note: str | None = None  # e.g. why a day/month swap was settled

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "value": self.value, "start": self.start, "end": self.end}
        if self.note:
            d["note"] = self.note
        return d


@dataclass(slots=True)
class Amount:
    """A money amount or a counted quantity, scaling words applied."""

    text: str
    start: int
    end: int
    value: float
    currency: str | None = None  # ISO 4217
    unit: str | None = None  # percent, person, km, ...
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "value": self.value, "start": self.start, "end": self.end}
        if self.currency:
            d["currency"] = self.currency
        if self.unit:
            d["unit"] = self.unit
        if self.note:
            d["note"] = self.note
        return d


@dataclass(slots=True)
class Indicator:
    """A sign that the article is a copy or machine-spun, with its evidence."""

    kind: str
    text: str
    start: int | None = None  # into Article.text when the evidence is in the body
    end: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}
        if self.note:
            d["note"] = self.note
        return d


@dataclass(slots=True)
class Removal:
    """Something cleaning took out of the body: what, where (in `source_text`), and why."""

    kind: str  # dateline, author-code, furniture, trailer, ...
    text: str
    start: int
    end: int
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end, "reason": self.reason}


@dataclass(slots=True)
class Dateline:
    place: str | None
    outlet: str | None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "outlet": self.outlet}


@dataclass(slots=True)
class Event:
    """A PLOVER event: who did what to whom, with the words that say so.

    `start`/`end` is the first evidence span; `spans` holds every span that tells the same act
    (an act told twice in one article is one event). `trigger` is the event word itself.
    `reported_by` is the speaker when the act is what someone says happened (inside a quote).
    """

    type: str
    mode: str | None
    source: EntityRef | None
    target: EntityRef | None
    start: int
    end: int
    location: str | None = None
    date: str | None = None
    trigger: tuple[int, int] | None = None
    reported_by: EntityRef | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 1.0  # how likely the act, its type and its actors are right (calibrated by how it was found)
    found_by: str = ""  # clause (its doer in the clause) or carried (from the story), the event model's
    #                     belief in the type (high, low) and named or open (a named target or none):
    #                     how the coder found it, e.g. `clause:high:named`

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "location": self.location,
            "date": self.date,
            "evidence": {"start": self.start, "end": self.end},
            "evidence_spans": [list(s) for s in (self.spans or [(self.start, self.end)])],
            "trigger": list(self.trigger) if self.trigger else None,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Article:
    """One analysed article: metadata, clean text and every annotation as offsets into it."""

    text: str
    id: str | None = None
    lang: str = "id"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # metadata, dateline, first-date
    published_at: str | None = None  # YYYY-MM-DDTHH:MM[:SS] in WIB, when the metadata gives a clock time
    outlet: str | None = None  # the publisher, from the URL's host (see jejak.kb.publishers); not the dateline's brand
    author: str | None = None  # from the page's metadata
    site_name: str | None = None  # as the page names its site (og:site_name)
    canonical_url: str | None = None  # the page's own <link rel=canonical>, when it differs from `url`
    dateline: Dateline | None = None
    source_text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    author_codes: list[str] = field(default_factory=list)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def tokens(self) -> list[tuple[int, int]]:
        """Token spans of the clean text (numbers keep their separators: `1.549,5`, `10%`)."""
        from jejak.nlp.segment import tokens

        return tokens(self.text)

    def sentence_of(self, start: int) -> tuple[int, int] | None:
        """The sentence holding a position, so any annotation can show its evidence."""
        for s, e in self.sentences:
            if s <= start < e:
                return s, e
        return None

    def to_dict(self) -> dict[str, Any]:
        """The analysis record of FORMAT.md (plus a few documented extra fields)."""
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "published_from": self.published_from,
            "published_at": self.published_at,
            "outlet": self.outlet,
            "author": self.author,
            "site_name": self.site_name,
            "canonical_url": self.canonical_url,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "amounts": [a.to_dict() for a in self.amounts],
            "events": [e.to_dict() for e in self.events],
            "indicators": [i.to_dict() for i in self.indicators],
            "removals": [r.to_dict() for r in self.removals],
            "author_codes": list(self.author_codes),
            "sentences": [list(s) for s in self.sentences],
        }
