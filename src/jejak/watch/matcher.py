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

from .rules import Rule

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


_WORD = re.compile(r"\w+(?:[-'.]\w+)*")


def _fold(text: str) -> str:
    """Case and spacing folded, words only: `Sri  Mulyani` and `sri mulyani` are one name."""
    return " ".join(_WORD.findall(text.casefold()))


class NameTest:
    """Whether an entity is the one a person named: its KB id or key is the name's, its name
    contains the name as whole words, or the article calls it by that name (`Jokowi`)."""

    def __init__(self, name: str) -> None:
        self.index = NameIndex([(0, name)])

    def __call__(self, name: str | None, key: str | None, aliases: Iterable[str] = ()) -> bool:
        return bool(self.index.matches(name, key, [_fold(a) for a in aliases]))


class NameIndex:
    """Many names people follow, looked up at once: by KB id or key, by the whole words of an
    entity's name (every run of words is one dict lookup), and by the words an article calls the
    entity. The cost per entity does not grow with the number of rules."""

    def __init__(self, names: Sequence[tuple[int, str]]) -> None:
        from jejak.kb import default_kb

        kb = default_kb()
        self.by_key: dict[str, set[int]] = {}
        self.by_words: dict[str, set[int]] = {}
        self.longest = 1
        for rule_id, name in names:
            folded = _fold(name)
            for key in {name.strip(), *kb.ids_named(name)}:
                self.by_key.setdefault(key, set()).add(rule_id)
            self.by_words.setdefault(folded, set()).add(rule_id)
            self.longest = max(self.longest, len(folded.split()))

    def matches(self, name: str | None, key: str | None, folded_aliases: Iterable[str] = ()) -> set[int]:
        found: set[int] = set()
        if key and key in self.by_key:
            found |= self.by_key[key]
        if name:
            words = _WORD.findall(name.casefold())
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + self.longest) + 1):
                    hit = self.by_words.get(" ".join(words[i:j]))
                    if hit:
                        found |= hit
        for alias in folded_aliases:
            hit = self.by_words.get(alias)
            if hit:
                found |= hit
        return found


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
        self._aliases: dict[str, set[str]] | None = None
        self._named: dict[tuple[Any, ...], set[int]] = {}
        self._sentences: list[tuple[int, int]] | None = None

    @property
    def aliases(self) -> dict[str, set[str]]:
        """Each entity's key → the words the article calls it by, folded."""
        if self._aliases is None:
            self._aliases = {}
            for ent in self.record.get("entities") or []:
                key = _key(ent)
                if key:
                    spans = [s for s in (_span(m) for m in ent.get("mentions") or []) if s]
                    self._aliases.setdefault(key, set()).update(_fold(self.text[s:e]) for s, e in spans)
        return self._aliases

    def named(self, index: NameIndex, ref: dict[str, Any]) -> set[int]:
        """The rules of `index` that name this entity (memoised per index and entity)."""
        key = _key(ref)
        memo = (id(index), key, ref.get("name"))
        if memo not in self._named:
            self._named[memo] = index.matches(ref.get("name"), key, self.aliases.get(key or "", ()))
        return self._named[memo]

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
        self.entity = [(w, n, r) for w, n, r in rules if r.kind == "entity"]
        self.entity_names = NameIndex([(i, r.value) for i, (_, _, r) in enumerate(self.entity)])
        self.speaker = [(w, n, r) for w, n, r in rules if r.kind == "speaker"]
        self.speaker_names = NameIndex([(i, r.value) for i, (_, _, r) in enumerate(self.speaker)])
        self.events: dict[str, list[tuple[str, int, Rule, int | None, Any]]] = {}
        actors: list[tuple[int, str]] = []
        places: dict[str, Any] = {}
        for w, n, r in rules:
            if r.kind == "event":
                if r.actor:
                    actors.append((len(actors), r.actor))
                place = None
                if r.place:
                    from jejak.kb.regions import PlaceTest

                    place = places.setdefault(r.place.casefold(), PlaceTest(r.place))
                self.events.setdefault(r.value, []).append((w, n, r, actors[-1][0] if r.actor else None, place))
        self.actor_names = NameIndex(actors)
        self.distortion = [(w, n, r) for w, n, r in rules if r.kind == "distortion"]
        texts = [(w, n, r) for w, n, r in rules if r.kind == "text"]
        self.texts = texts
        # each distinct phrase once: its lower-case words (a fast substring test first) and a
        # word-bounded pattern that finds where it is
        self.phrases: dict[str, tuple[str, re.Pattern[str], list[tuple[str, int, Rule]]]] = {}
        for w, n, r in texts:
            words = r.value.split()
            key = " ".join(words).casefold()
            if key not in self.phrases:  # the pattern from the words as written: lower-casing may change lengths
                body = r"\s+".join(re.escape(x) for x in words)
                self.phrases[key] = (words[0].casefold(), re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE), [])
            self.phrases[key][2].append((w, n, r))

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
        if self.phrases:
            self._phrases(article_id, doc, out)
        return out

    def _entities(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        best: dict[int, dict[str, Any]] = {}
        for ent in doc.record.get("entities") or []:
            hits = doc.named(self.entity_names, ent)
            if not hits:
                continue
            conf = _conf(ent.get("confidence"))
            for i in hits:
                if _passes(conf, self.entity[i][2]) and (i not in best or (conf or 0) > (_conf(best[i].get("confidence")) or 0)):
                    best[i] = ent
        for i, ent in sorted(best.items()):
            watch, no, _rule = self.entity[i]
            spans = [s for s in (_span(m) for m in ent.get("mentions") or []) if s]
            start, end = spans[0] if spans else (None, None)
            n = len(spans)
            out.append(Alert(watch, no, "entity", aid, start, end, f"{ent.get('name')} ({n}×)" if n > 1
                             else str(ent.get("name")), doc.sentence(start, end), _conf(ent.get("confidence"))))

    def _speakers(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        for quote in doc.record.get("quotes") or []:
            ref = quote.get("speaker")
            if not isinstance(ref, dict) or not ref.get("name"):
                continue
            hits = doc.named(self.speaker_names, ref)
            if not hits:
                continue
            conf = _conf(quote.get("confidence"))
            span = _span((quote.get("start"), quote.get("end")))
            start, end = span or (None, None)
            text = str(quote.get("text") or "")
            for i in sorted(hits):
                watch, no, rule = self.speaker[i]
                if _passes(conf, rule):
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
            where = f" @ {event['location']}" if isinstance(event.get("location"), str) and event["location"] else ""
            named = set().union(*(doc.named(self.actor_names, a) for a in actors)) if actors else set()
            location = event.get("location") if isinstance(event.get("location"), str) else None
            for watch, no, rule, actor, place in rules:
                if not _passes(conf, rule) or (actor is not None and actor not in named):
                    continue
                if place is not None and not place(location):
                    continue  # `--place "Jawa Barat"`: acts in the province or in a place inside it
                out.append(Alert(watch, no, "event", aid, start, end, f"{event['type']}{mode}: {who}{where}",
                                 doc.sentence(start, end), conf))

    def _phrases(self, aid: str, doc: _Doc, out: list[Alert]) -> None:
        lowered = doc.text.casefold()
        title = str(doc.record.get("title") or "")
        title_lowered = title.casefold()
        for first_word, pattern, rules in self.phrases.values():
            span: tuple[int, int] | None = None
            in_title = False
            if first_word in lowered and (m := pattern.search(doc.text)):
                span = m.span()
            elif title and first_word in title_lowered and pattern.search(title):
                in_title = True  # in the title only: the title is the evidence
            if span is None and not in_title:
                continue
            for watch, no, rule in rules:
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
                if _passes(_conf(conf), rule) and (rule.value is None or rule.value == kind):
                    headline = f"{kind}: {(otext or '∅')[:80]} → {(ctext or '∅')[:80]}"
                    out.append(Alert(watch, no, "distortion", copy, cs, ce, headline,
                                     (note or ctext or "")[:EVIDENCE_CHARS] or None, _conf(conf), original))
        return out
