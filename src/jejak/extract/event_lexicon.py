"""The words the event coder reads, compiled per language from the language pack.

Event words (`event_verbs.tsv`), mode cues (`event_modes.tsv`), function words
(`event_grammar.tsv`), word shapes (`event_settings.tsv`) and group nouns (`actor_nouns.tsv`) live
in `lang/<lang>/`; event words are found through the language's morphology (`jejak.nlp.morph` for
Indonesian affixes, `jejak.nlp.morph_en` for English inflection). A language without
`event_verbs.tsv` codes no events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from jejak.lang import load_table
from jejak.nlp.morph import analyses
from jejak.nlp.morph_en import english_readings

#: each language's reading of a word form: (stem, form) pairs
_MORPHOLOGY: dict[str, Callable[[str], list[tuple[str, str]]]] = {"id": analyses, "en": english_readings}

ALL_FORMS = frozenset({"active", "middle", "passive", "bare", "noun"})


GAP = "..."  # a pattern item that stands for a few words of any kind (`tetap ... tersangka`)


@dataclass(frozen=True, slots=True)
class EventPattern:
    """One lexicon row: a stem (and following words) that names an act of one PLOVER type."""

    items: tuple[str, ...]
    type: str
    forms: frozenset[str]
    frame: str  # obj, with, topic
    excluded: frozenset[str]  # word forms that mean something else
    excluded_pairs: frozenset[tuple[str, str]]  # the same, followed by a given word


@dataclass(frozen=True, slots=True)
class ActorNoun:
    words: tuple[str, ...]
    sector: str
    role: str  # state, group, anaphor, agency
    type: str  # for anaphors and agencies: the entity type referred to
    match: tuple[str, ...] = ()  # for agencies: name fragments of the bodies meant


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language, cached
class EventLexicon:
    lang: str
    by_stem: dict[str, tuple[EventPattern, ...]]  # longest pattern first
    mode_cues: dict[tuple[str, ...], tuple[str, str]]  # words -> (mode, scope)
    cue_words: frozenset[str]  # every word of every mode cue
    longest_cue: int
    grammar: dict[str, frozenset[str]]  # word -> kinds
    actor_nouns: dict[tuple[str, ...], tuple[ActorNoun, ...]]
    longest_actor_noun: int
    actor_noun_words: frozenset[str]  # every word of every group noun: a cheap test first
    settings: dict[str, str] = field(default_factory=dict)  # event_settings.tsv: word shapes and switches
    senses: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict)  # event_senses.tsv
    readings: Callable[[str], list[tuple[str, str]]] = analyses  # the language's morphology
    _shapes: dict[str, re.Pattern[str] | None] = field(default_factory=dict, repr=False, compare=False)
    _shaped: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False, compare=False)

    def kinds(self, word: str) -> frozenset[str]:
        return self.grammar.get(word, frozenset())

    def sense(self, pattern: EventPattern, words: set[str]) -> EventPattern:
        """The pattern with the type its sentence gives it (`attack` is ASSAULT where troops or
        missiles are in the sentence, ACCUSE in a war of words), from event_senses.tsv."""
        for type_, cues in self.senses.get(pattern.items[0], ()):
            if not cues.isdisjoint(words):
                return replace(pattern, type=type_)
        return pattern

    def shape(self, name: str, word: str) -> bool:
        """Whether a word has the shape the language pack gives `name` (a verb, a patient noun);
        remembered per word, as the coder asks about the same words in every clause."""
        key = (name, word)
        found = self._shaped.get(key)
        if found is None:
            pattern = self._shapes.get(name, ...)
            if pattern is ...:
                value = self.settings.get(name)
                pattern = self._shapes[name] = re.compile(value) if value else None
            found = pattern is not None and pattern.fullmatch(word) is not None
            if len(self._shaped) < 500_000:  # bounded: a crawl meets endless new words
                self._shaped[key] = found
        return found

    cache: dict[str, tuple[tuple[EventPattern, str], ...]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # words already looked at by `trigger_words`
    known_triggers: set[str] = field(default_factory=set)  # those of them that are event words

    def trigger_words(self, words: set[str]) -> set[str]:
        """The event words among `words`, with set arithmetic so a text's common words cost nothing."""
        for word in words - self.seen:
            if self.triggers(word):
                self.known_triggers.add(word)
            if len(self.seen) < 500_000:
                self.seen.add(word)
        return words & self.known_triggers

    def triggers(self, word: str) -> tuple[tuple[EventPattern, str], ...]:
        """The patterns whose first item this word is a form of, with the form it takes."""
        found = self.cache.get(word)
        if found is None:
            found = _word_triggers(self, word)
            if len(self.cache) < 500_000:  # a bounded memo: crawls meet endless new word forms
                self.cache[word] = found
        return found

    def item_matches(self, item: str, word: str) -> bool:
        """A later pattern item matches the word itself or one of its stems."""
        return word == item or any(stem == item for stem, _ in self.readings(word))


def _word_triggers(lex: EventLexicon, word: str) -> tuple[tuple[EventPattern, str], ...]:
    found: list[tuple[EventPattern, str]] = []
    by_context = bool(lex.settings.get("forms_by_context"))  # the form is known only where the word stands
    for stem, form in lex.readings(word):
        for pattern in lex.by_stem.get(stem, ()):
            if (by_context or form in pattern.forms) and word not in pattern.excluded:
                found.append((pattern, form))
    # longest first, counting words, not gaps; a contiguous phrase before a gapped one of its length
    found.sort(key=lambda pf: (-sum(1 for x in pf[0].items if x != GAP), GAP in pf[0].items))
    return tuple(found)


def _senses(lang: str) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for row in load_table(lang, "event_senses", missing_ok=True):
        cues = frozenset(w.strip().lower() for w in row["cues"].split("|") if w.strip())
        out.setdefault(row["stem"].lower(), []).append((row["type"].strip().upper(), cues))
    return {k: tuple(v) for k, v in out.items()}


def _forms(cell: str) -> frozenset[str]:
    if not cell or cell == "*":
        return ALL_FORMS
    return frozenset(f.strip() for f in cell.split(",") if f.strip())


@lru_cache(maxsize=None)
def event_lexicon(lang: str, learned: bool = True) -> EventLexicon | None:
    """The compiled lexicon of a language, or None when its pack has no event words. `learned`
    adds the stems `tools/train_events.py` found naming acts in our training corpus
    (`event_verbs_learned.tsv`) to the hand-written ones."""
    rows = load_table(lang, "event_verbs", missing_ok=True)
    if not rows:
        return None
    if learned:
        rows = (*rows, *load_table(lang, "event_verbs_learned", missing_ok=True))
    by_stem: dict[str, list[EventPattern]] = {}
    for row in rows:
        items = tuple(row["pattern"].lower().split())
        excluded = [x.strip().lower() for x in (row.get("not") or "").split("|") if x.strip()]
        pattern = EventPattern(
            items=items,
            type=row["type"].strip().upper(),
            forms=_forms(row.get("forms", "")),
            frame=(row.get("frame") or "obj").strip(),
            excluded=frozenset(x for x in excluded if " " not in x),
            excluded_pairs=frozenset(tuple(x.split(None, 1)) for x in excluded if " " in x),
        )
        by_stem.setdefault(items[0], []).append(pattern)
    cues: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in load_table(lang, "event_modes", missing_ok=True):
        cues[tuple(row["cue"].lower().split())] = (row["mode"].strip(), row.get("scope", "before").strip())
    grammar: dict[str, set[str]] = {}
    for row in load_table(lang, "event_grammar", missing_ok=True):
        grammar.setdefault(row["word"].lower(), set()).add(row["kind"].strip())
    nouns: dict[tuple[str, ...], list[ActorNoun]] = {}
    for row in load_table(lang, "actor_nouns", missing_ok=True):
        words = tuple(row["noun"].lower().split())
        match = tuple(m.strip() for m in (row.get("match") or "").split("|") if m.strip())
        nouns.setdefault(words, []).append(ActorNoun(words, row["sector"], row["role"], row.get("type", ""), match))
    return EventLexicon(
        lang=lang,
        by_stem={k: tuple(sorted(v, key=lambda p: (-sum(1 for x in p.items if x != GAP), GAP in p.items)))
                 for k, v in by_stem.items()},
        mode_cues=cues,
        cue_words=frozenset(w for k in cues for w in k),
        longest_cue=max((len(k) for k in cues), default=1),
        grammar={k: frozenset(v) for k, v in grammar.items()},
        actor_nouns={k: tuple(v) for k, v in nouns.items()},
        longest_actor_noun=max((len(k) for k in nouns), default=1),
        actor_noun_words=frozenset(w for k in nouns for w in k),
        settings={r["setting"]: r["value"] for r in load_table(lang, "event_settings", missing_ok=True)},
        senses=_senses(lang),
        readings=_MORPHOLOGY.get(lang, analyses),
    )
