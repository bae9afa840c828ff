"""What provenance needs of one article, built from its analysis record.

Stored records and fresh `analyze()` results have the same shape, so everything here starts
from the record dict (`Article.to_dict()`). Text features (shingles, sentence shingles) are
computed on demand and cached, because one document meets many candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from jejak.fingerprint.shingles import shingle_hashes, shingles_of_word_hashes, word_hashes, words
from jejak.dates import iso_day, local_time, parse_moment
from jejak.provenance.same_event import EventProfile, event_profile

MIN_PASSAGE_SHINGLES = 4  # a sentence of fewer 3-gram shingles (six words) is no passage
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)")


@dataclass
class ProvDoc:
    """One article as provenance sees it: text, metadata and its language-independent facts."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    published_from: str | None = None     # metadata, dateline or first-date (see the pipeline)
    outlet: str | None = None
    lang: str = "id"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    facts: frozenset[str] = frozenset()
    credits: tuple[str, ...] = ()          # outlets the text credits (`dilansir dari Kompas.com`)
    indicators: tuple[str, ...] = ()       # kinds of spinning/copy indicators found
    dateline_outlet: str | None = None
    author_codes: tuple[str, ...] = ()
    analysis: dict[str, Any] | None = None  # the record's entities, times, quotes and amounts (None: not analysed)
    sources: tuple[str, ...] = ()          # common sources it says it rewrites (`press release`, `ANTARA`)
    main_speaker: str | None = None        # the speaker quoted most often (a fact key)

    @classmethod
    def from_record(cls, rec: dict[str, Any], outlet: str | None = None,
                    published_at: str | dt.datetime | None = None) -> ProvDoc:
        """Build from an analysis record; `outlet` and `published_at` may come from the store."""
        from jejak.fingerprint.facts import common_sources, credited_outlets, facts_of_record, main_speaker

        text = rec.get("text") or ""
        published = _day(rec.get("published"))
        when = _moment(published_at if published_at is not None else rec.get("published_at"), published)
        dateline = rec.get("dateline") or {}
        return cls(
            id=str(rec.get("id") or ""), text=text, title=rec.get("title") or "", published=published,
            published_at=when, published_from=rec.get("published_from"), outlet=outlet or rec.get("outlet"), lang=rec.get("lang") or "id",
            sentences=[tuple(s) for s in rec.get("sentences") or ()],
            facts=facts_of_record(rec), credits=credited_outlets(text),
            indicators=tuple(sorted({i.get("kind") for i in rec.get("indicators") or () if i.get("kind")})),
            dateline_outlet=dateline.get("outlet"), author_codes=tuple(rec.get("author_codes") or ()),
            analysis=({k: rec.get(k) or [] for k in ("entities", "times", "quotes", "amounts")}
                      if all(k in rec for k in ("entities", "times", "quotes")) else None),
            sources=common_sources(text, rec.get("lang") or "id"),
            main_speaker=main_speaker(rec),
        )

    @property
    def dated_by_metadata(self) -> bool:
        """Whether the publication day came with the article rather than from its text, where
        the first date named is often the event's day, not the publication's."""
        return self.published_from in (None, "metadata")

    @cached_property
    def shingles(self) -> np.ndarray:
        """Distinct 5-word shingle hashes of the whole text."""
        return shingle_hashes(self.text, 5)

    @cached_property
    def sentence_tokens(self) -> list[list[str]]:
        """Each sentence's words, read once for both sentence measures below."""
        return [words(self.text[s:e]) for s, e in self.sentences]

    @cached_property
    def sentence_shingles(self) -> list[np.ndarray]:
        """Distinct 3-word shingle hashes of each sentence, for finding shared passages."""
        return [shingles_of_word_hashes(word_hashes(tokens), 3) for tokens in self.sentence_tokens]

    @cached_property
    def sentence_words(self) -> list[Counter[str]]:
        """Each sentence's words with counts, for matching sentences that were spun word by word."""
        return [Counter(tokens) for tokens in self.sentence_tokens]

    @cached_property
    def shingle_index(self) -> dict[int, list[int]]:
        """Sentence 3-gram hash -> the sentences (of MIN_PASSAGE_SHINGLES or more) holding it:
        built once, read by every pair this document is compared in."""
        index: dict[int, list[int]] = {}
        for j, sh in enumerate(self.sentence_shingles):
            if sh.size >= MIN_PASSAGE_SHINGLES:
                for h in sh.tolist():
                    index.setdefault(h, []).append(j)
        return index

    @cached_property
    def word_index(self) -> tuple[dict[str, list[tuple[int, int]]], list[int]]:
        """Word -> (sentence, count) postings, and each sentence's word total, built once."""
        index: dict[str, list[tuple[int, int]]] = {}
        sizes = []
        for j, bag in enumerate(self.sentence_words):
            sizes.append(sum(bag.values()))
            for w, c in bag.items():
                index.setdefault(w, []).append((j, c))
        return index, sizes

    @cached_property
    def word_count(self) -> int:
        return len(words(self.text))

    @cached_property
    def event_profile(self) -> EventProfile:
        """What the same-event judge reads of this article (titles, lead, weighted words, speakers, days)."""
        return event_profile(self.text, self.title, self.sentences, self.facts, self.outlet, self.lang,
                             main_speaker=self.main_speaker, published_at=self.published_at,
                             published=self.published)


def same_publisher(a: ProvDoc, b: ProvDoc) -> bool:
    """Both known to come from one outlet: a later version of its own report, not a copy's edit."""
    return bool(a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold())


def _day(value: Any) -> dt.date | None:
    return iso_day(value)
    return None


def _moment(value: Any, day: dt.date | None) -> dt.datetime | None:
    """A publication moment: an ISO datetime, or a day plus a clock time such as `10:51 WIB`."""
    if isinstance(value, dt.datetime):
        return local_time(value)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        moment = parse_moment(text)
        if moment is not None:
            return local_time(moment)
        m = _TIME.search(text)
        if m and day is not None:
            return dt.datetime.combine(day, dt.time(int(m.group(1)), int(m.group(2))))
    return None
