"""Matching watch rules against analysis records as they are stored, and distortions as the
linker names them. Rules are compiled once per write: names to KB ids and word-bounded
patterns, all phrases into one pattern, so a record costs one pass per kind of rule."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .lists import Rule

EVIDENCE_CHARS = 400


@dataclass
class Alert:
    """One thing a watch rule found, with the span of its evidence in the article's text."""

    watch: str
    rule_no: int
    kind: str
    article_id: str
    start: int | None
    end: int | None
    headline: str
    evidence: str | None
    confidence: float | None = None
    original: str | None = None
    raised_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
    delivered: str | None = None

    @property
    def alert_id(self) -> str:
        """The same finding of the same rule is one alert, however often it is met."""
        key = "\x1f".join(str(x) for x in (self.watch, self.rule_no, self.article_id, self.original, self.start,
                                           self.end, self.headline))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def row(self) -> tuple[Any, ...]:
        return (self.alert_id, self.watch, self.rule_no, self.kind, self.article_id, self.start, self.end,
                self.headline, self.evidence, self.confidence, self.original, self.raised_at, self.delivered)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class NameTest:
    """Whether an entity is the one a person named: its KB id or key is the name's, its name
    contains the name as whole words, or the article calls it by that name (`Jokowi`)."""

    def __init__(self, name: str) -> None:
        from jejak.kb import default_kb

        self.folded = _fold(name)
        self.ids = {name.strip(), *default_kb().ids_named(name)}
        words = [re.escape(w) for w in self.folded.split()]
        self.pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")

    def __call__(self, name: str | None, key: str | None, aliases: Iterable[str] = ()) -> bool:
        if key and key in self.ids:
            return True
        if name and self.pattern.search(_fold(name)):
            return True
        return any(_fold(a) == self.folded for a in aliases)


def _key(ref: dict[str, Any] | None) -> str | None:
    if not isinstance(ref, dict):
        return None
    if ref.get("kb_id"):
        return str(ref["kb_id"])
    return f"{ref.get('type')}:{ref.get('name')}" if ref.get("name") else None


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, dict):
        value = (value.get("start"), value.get("end"))
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return int(value[0]), int(value[1])
    return None


def _conf(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _passes(conf: float | None, rule: Rule) -> bool:
    """A claim without a confidence (a record from before confidences) passes only a rule that asks for none."""
    floor = rule.min_confidence or 0.0
    return floor <= 0.0 or (conf is not None and conf >= floor)


class _Doc:
    """What the rules read of one record, computed once and only when a rule needs it."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self.text: str = record.get("text") or ""
        self._aliases: dict[str, list[str]] | None = None
        self._sentences: list[tuple[int, int]] | None = None

    @property
    def aliases(self) -> dict[str, list[str]]:
        """Each entity's key → the words the article calls it by."""
        if self._aliases is None:
            self._aliases = {}
            for ent in self.record.get("entities") or []:
                key = _key(ent)
                if key:
                    spans = [s for s in (_span(m) for m in ent.get("mentions") or []) if s]
                    self._aliases.setdefault(key, []).extend(self.text[s:e] for s, e in spans)
        return self._aliases

    def sentence(self, start: int | None, end: int | None) -> str | None:
        """The sentence around a span (the span alone when it is longer), cut to EVIDENCE_CHARS."""
        if start is None or end is None:
            return None
        if self._sentences is None:
            self._sentences = [s for s in (_span(x) for x in self.record.get("sentences") or []) if s]
        lo, hi = start, end
        for s, e in self._sentences:
            if s <= start < e:
                lo, hi = s, max(e, end)
                break
        if hi - lo > EVIDENCE_CHARS:
            lo, hi = start, min(end, start + EVIDENCE_CHARS)
        return self.text[lo:hi].strip() or None


class Matcher:
    """Every rule of every watchlist, compiled: `match(article_id, record)` gives its alerts."""

    def __init__(self, rules: Sequence[tuple[str, int, Rule]]) -> None:
        self.rules = list(rules)
        self.entity = [(w, n, r, NameTest(r.value)) for w, n, r in rules if r.kind == "entity"]
        self.speaker = [(w, n, r, NameTest(r.value)) for w, n, r in rules if r.kind == "speaker"]
        self.events: dict[str, list[tuple[str, int, Rule, NameTest | None]]] = {}
        for w, n, r in rules:
            if r.kind == "event":
                self.events.setdefault(r.value, []).append((w, n, r, NameTest(r.actor) if r.actor else None))
        self.distortion = [(w, n, r) for w, n, r in rules if r.kind == "distortion"]
        texts = [(w, n, r) for w, n, r in rules if r.kind == "text"]
        self.texts = texts
        self.phrases: re.Pattern[str] | None = None
        self.by_group: dict[str, list[tuple[str, int, Rule]]] = {}
        groups: dict[str, str] = {}
        for w, n, r in texts:  # one named group per distinct phrase, all in one pattern
            body = r"\s+".join(re.escape(x) for x in r.value.split())
            group = groups.setdefault(body.casefold(), f"p{len(groups)}")
            self.by_group.setdefault(group, []).append((w, n, r))
        if groups:
            self.phrases = re.compile("|".join(f"(?P<{g}>(?<!\\w){body}(?!\\w))" for body, g in groups.items()),
                                      re.IGNORECASE)

    def __bool__(self) -> bool:
        return bool(self.rules)

    @property
    def on_records(self) -> bool:
        """Whether any rule reads records (all but distortion rules)."""
        return len(self.distortion) < len(self.rules)

    def match(self, article_id: str, record: dict[str, Any]) -> list[Alert]:
        doc = _Doc(record)
        out: list[Alert] = []
        if self.entity:
            self._entities(article_id, doc, out)
        if self.speaker:
            self._speakers(article_id, doc, out)
        if self.events:
            self._events(article_id, doc, out)
        if self.phrases is not None:
            self._phrases(article_id, doc, out)
        return out

    def _entities(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        for watch, no, rule, test in self.entity:
            best = None
            for ent in doc.record.get("entities") or []:
                key = _key(ent)
                if test(ent.get("name"), key, doc.aliases.get(key, ())) and _passes(_conf(ent.get("confidence")), rule):
                    if best is None or (_conf(ent.get("confidence")) or 0) > (_conf(best.get("confidence")) or 0):
                        best = ent
            if best is None:
                continue
            spans = [s for s in (_span(m) for m in best.get("mentions") or []) if s]
            start, end = spans[0] if spans else (None, None)
            n = len(spans)
            out.append(Alert(watch, no, "entity", aid, start, end, f"{best.get('name')} ({n}×)" if n > 1
                             else str(best.get("name")), doc.sentence(start, end), _conf(best.get("confidence"))))

    def _speakers(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        for quote in doc.record.get("quotes") or []:
            ref = quote.get("speaker")
            if not isinstance(ref, dict) or not ref.get("name"):
                continue
            key = _key(ref)
            span = _span((quote.get("start"), quote.get("end")))
            for watch, no, rule, test in self.speaker:
                conf = _conf(quote.get("confidence"))
                if test(ref.get("name"), key, doc.aliases.get(key, ())) and _passes(conf, rule):
                    start, end = span or (None, None)
                    text = str(quote.get("text") or "")
                    out.append(Alert(watch, no, "speaker", aid, start, end, str(ref["name"]),
                                     text[:EVIDENCE_CHARS] or None, conf))

    def _events(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        for event in doc.record.get("events") or []:
            rules = self.events.get(str(event.get("type") or ""))
            if not rules:
                continue
            conf = _conf(event.get("confidence"))
            actors = [a for a in (event.get("source"), event.get("target")) if isinstance(a, dict)]
            span = _span(event.get("evidence")) or _span(event.get("trigger"))
            start, end = span or (None, None)
            who = " → ".join(str((a or {}).get("name") or "?") for a in (event.get("source"), event.get("target")))
            mode = f" ({event['mode']})" if event.get("mode") else ""
            for watch, no, rule, actor in rules:
                if not _passes(conf, rule):
                    continue
                if actor is not None and not any(actor(a.get("name"), _key(a), doc.aliases.get(_key(a) or "", ()))
                                                 for a in actors):
                    continue
                out.append(Alert(watch, no, "event", aid, start, end, f"{event['type']}{mode}: {who}",
                                 doc.sentence(start, end), conf))

    def _phrases(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        first: dict[str, tuple[int, int] | None] = {}
        for m in self.phrases.finditer(doc.text):
            group = m.lastgroup
            if group and group not in first:
                first[group] = m.span()
                if len(first) == len(self.by_group):
                    break
        title = str(doc.record.get("title") or "")
        if title and len(first) < len(self.by_group):
            for m in self.phrases.finditer(title):
                if m.lastgroup and m.lastgroup not in first:
                    first[m.lastgroup] = None  # in the title only: the title is the evidence
        for group, span in first.items():
            for watch, no, rule in self.by_group[group]:
                start, end = span or (None, None)
                evidence = doc.sentence(start, end) if span else title[:EVIDENCE_CHARS]
                out.append(Alert(watch, no, "text", aid, start, end, rule.value, evidence, 1.0))

    def match_distortions(self, rows: Iterable[Sequence[Any]]) -> list[Alert]:
        """Alerts for distortions as the linker stores them: (original, copy, no, kind,
        original_start, original_end, original_text, copy_start, copy_end, copy_text, note, band,
        doubt, confidence)."""
        out: list[Alert] = []
        if not self.distortion:
            return out
        for (original, copy, _no, kind, _os, _oe, otext, cs, ce, ctext, note, _band, _doubt, conf) in rows:
            for watch, no, rule in self.distortion:
                if _passes(_conf(conf), rule):
                    headline = f"{kind}: {(otext or '∅')[:80]} → {(ctext or '∅')[:80]}"
                    out.append(Alert(watch, no, "distortion", copy, cs, ce, headline,
                                     (note or ctext or "")[:EVIDENCE_CHARS] or None, _conf(conf), original))
        return out
