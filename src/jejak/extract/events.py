"""PLOVER event coding: who did what to whom, in which mode, with the sentence behind it.

For each sentence the coder finds event words through Indonesian morphology (`menyerang`,
`diserang`, `serangan` are all ASSAULT), then reads the clause around each one:

- the **source** is the actor that is the clause's subject: the nearest actor before the event
  word that is not the object of a preposition; for a passive, the actor after `oleh`; for an
  act noun, an actor after `oleh`/`dari`, else the subject of the verb that carries it
  (`Rusia melakukan serangan`). Pronouns resolve to the quote's speaker (`kami`, `pihaknya`) or
  to a person named before (`dia`); `kelompok tersebut` to the last organisation; a bare office
  (`Presiden`) to its holder on the article's date; `polisi` to the district's police the story
  names; a phrase that opens the sentence with the act takes the actor after its comma;
- the **target** is the first actor after the event word that is not a doer, a place or a topic
  (`membahas X` has no target; `bertemu dengan X` has X); an act towards listed actors (`A, B,
  dan C`) is one event for each;
- the **mode** is `negated` or `intent` when a cue stands between the subject and the event
  word (`tidak akan`, `berencana`, `terbuka terhadap gagasan`) or a condition opens the clause;
- one event word per clause: a second event word in the object of the first is part of that
  act (`mengesampingkan pengiriman pasukan` is one REJECT), unless the first is a mode cue
  (`menolak untuk menyerang` is a negated ASSAULT).

Beside the lexicon stand two models trained by `tools/train_events.py`: the event-word model
(`event_model`, on our own event corpus) gives its belief that a lexicon word names an act of its
type where it stands, which sets the act's confidence and lets an act with no doer in its clause
take the story's (the last doer nearby) when the belief is high enough and someone is acted on;
the news-kind classifier (`news_kind`, on CLICK-ID's sections) keeps sport and lifestyle pages
quiet. Every event carries how it was found and the confidence calibrated for
that way (`data/confidence.tsv`).

People the text describes without naming (`massa`, `pelaku`, `polisi` where no police body is
named) act too: such a doer is the description itself, marked `described` (no entity row), and is
coded only when the event-word model believes the act; people described as the object of an active
verb count as a counterpart but are no named target (the subject of a passive is its target). A bare `pemerintah` is the home state's government, unless it
is a local one or the story is about another state. Events with no source at all are dropped: an
act nobody did is not a row an analyst can use. The same act told twice in one article becomes one
event with several evidence spans.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from jejak.confidence import belief_band, event_confidence
from jejak.extract.event_lexicon import GAP, EventLexicon, EventPattern, event_lexicon
from jejak.extract.event_model import (ArticleView, EventModel, article_view, candidate_features, default_event_model,
                                       has_event_model,
                                       trained_stems)
from jejak.extract.news_kind import default_news_kind
from jejak.kb import KnowledgeBase
from jejak.model import EntityRef, Event, Quote, TimeExpr
from jejak.nlp.entities import EntityTable, is_title_word
from jejak.nlp.letters import compile_latin
from jejak.nlp.occurrences import whole_starts
from jejak.plover import plover_types

ACTOR_TYPES = frozenset({"PER", "ORG", "GPE"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
_WORD = compile_latin(r"\w+(?:[-']\w+)*")
_CLAUSE_PUNCT = frozenset(',;:"“”«»')
_PREP_KINDS = frozenset({"agent", "via", "oblique", "with", "place", "to"})
_WINDOW = 6  # words between a subject and its event word that may hold a mode cue
_TARGET_REACH = 5  # words between an event word and its target
_SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # `X dan Y sepakat`: X with Y


class _Tok(NamedTuple):
    start: int
    end: int
    word: str  # lower case
    punct: bool


@dataclass(slots=True)
class _Actor:
    key: str
    ref: EntityRef
    start: int
    end: int


@dataclass(slots=True)
class _Context:
    """What the coder knows about the article while reading one sentence."""

    text: str
    table: EntityTable
    quotes: list[Quote]
    lex: EventLexicon
    starts: list[int]  # mention starts, for bisect
    kb: KnowledgeBase | None
    day: dt.date | None
    lowered: str  # the text lower-cased, offsets unchanged
    we_of_sentence: dict[int, Any] = field(default_factory=dict)  # _we_in_quote, once per sentence
    model: EventModel | None = None  # the learned event-word model (None: the lexicon alone)
    lexicon_only: bool = False  # the language has no event model: the lexicon's words are trusted
    view: ArticleView | None = None  # what the model reads of the article besides the tokens
    stems: frozenset[str] = frozenset()  # stems that named an act in the model's training corpus
    doer: Any = None  # the source of the last act coded with its doer in the text (an `_Actor`)
    target: Any = None  # the target of the last act coded (an `_Actor`), for the actors listed after it
    source_key: str | None = None  # the key of the last act's source (a listed actor is never it)
    belief: float = 0.0  # the model's probability of the act being coded now (0 without a model; -1 not asked yet)
    ask: Any = None  # (tokens, index, type) of the act being coded, for asking the model its belief
    carried: bool = False  # whether the doer of the act just coded came from the story, not its clause
    office_ends: dict[int, tuple[int, int, str]] = field(default_factory=dict)  # end -> a bare office's span and id
    foreign: tuple[str, bool] | None = None  # (a state, whether the story is mostly about another one), asked once
    quote_index: QuoteIndex | None = None  # the quotes by position (built when first asked)
    agencies: dict[tuple, tuple[Any, Any]] = field(default_factory=dict)  # agency noun -> its bodies' mentions
    suspects: list[Any] | None = None  # the mentions of the people the story labels suspects (built when first asked)
    speaking: dict[str, list[Any]] | None = None  # an entity's name -> its mentions (built when first asked)


class QuoteIndex:
    """The quotes of an article by position, so that a long text asks no list per pronoun. The
    answers are those of reading the quotes in order (which is by start)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.reach: list[int] = []  # the furthest end of the quotes up to each one
        for q in quotes:
            self.reach.append(max(q.end, self.reach[-1]) if self.reach else q.end)
        self.by_end = sorted((q.end, i) for i, q in enumerate(quotes))

    def at(self, pos: int) -> Quote | None:
        """The first quote holding `pos`."""
        for i in range(bisect.bisect_right(self.reach, pos), bisect.bisect_right(self.starts, pos)):
            q = self.quotes[i]
            if q.start <= pos < q.end:
                return q
        return None

    def last_before(self, pos: int, within: int) -> Quote | None:
        """The last quote (in order) ending at or before `pos`, and less than `within` before it."""
        lo = bisect.bisect_right(self.by_end, (pos - within, len(self.quotes)))
        hi = bisect.bisect_right(self.by_end, (pos, len(self.quotes)))
        return self.quotes[max(i for _, i in self.by_end[lo:hi])] if lo < hi else None


def extract_events(text: str, sentences: list[tuple[int, int]], table: EntityTable, quotes: list[Quote],
                   times: list[TimeExpr], published: dt.date | None, lang: str = "id",
                   kb: KnowledgeBase | None = None) -> list[Event]:
    """Code every sentence of an article; an act told twice comes back once with both spans."""
    lex = event_lexicon(lang)
    if lex is None:
        return []
    lowered = lower_keeping_offsets(text)
    ctx = _Context(text, table, quotes, lex, [m.start for m in table.mentions], kb, published, lowered)
    ctx.office_ends = {e: (s, e, office) for s, e, office in table.offices}
    events: list[tuple[Event, str]] = []
    present = lex.trigger_words(set(_WORD.findall(lowered)))
    if not present:
        return []
    model = default_event_model(lang)  # a language's learnt event-word model, if one was trained
    ctx.lexicon_only = model is None and not has_event_model(lang)
    if model is not None:
        ctx.model, ctx.stems = model, trained_stems()
        ctx.view = article_view(text, table.mentions, lambda m: table.entities[m.entity].type, quotes)
    starts = [s for s, _ in sentences]
    chosen: set[int] = set()  # most sentences name no act: only these are tokenised
    for word, found in whole_starts(lowered, present).items():
        phrases_only = all(len(p.items) > 1 for p, _ in lex.triggers(word))
        for at in found:
            if not phrases_only or _phrase_may_follow(lex, word, lowered, at + len(word)):
                chosen.add(bisect.bisect_right(starts, at) - 1)
    dated = sorted((t for t in times if len(t.value) >= 7), key=lambda t: t.start)  # days and months
    dated_starts = [t.start for t in dated]
    for n in sorted(chosen):
        if n < 0:
            continue
        s, e = sentences[n]
        for event, stem in _code_sentence(ctx, s, e, present):
            event.date = _date_for(dated, dated_starts, s, e, published)
            events.append((event, stem))
    if events and _quiet_news(text, lang):
        return []  # sport, celebrity, lifestyle pages: the words of conflict and demand mean play
    return _merge(events)


_NEXT_WORD = compile_latin(r"\s+(\w+)")


def _phrase_may_follow(lex: EventLexicon, word: str, lowered: str, end: int) -> bool:
    """For a word that only opens phrases (`kerja` of `kerja sama`), is the phrase's next word there?"""
    m = _NEXT_WORD.match(lowered, end)
    if m is None:
        return False
    nxt = m.group(1)
    for p, _ in lex.triggers(word):
        if p.items[1] == GAP:  # `tetap ... tersangka`: the word after the gap a few words on (`tetap` is common)
            if len(p.items) > 2 and p.items[2] in lowered[end:end + _GAP_CHARS]:
                return True
        elif lex.item_matches(p.items[1], nxt):
            return True
    return False


def lower_keeping_offsets(text: str) -> str:
    """Lower case with every character in place (`İ` lowers to two characters otherwise)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_TOKEN_OR_MARK = compile_latin(r"(\w+(?:[-']\w+)*)|[^\w\s]")  # a word (in its group) or one mark
_NEW = tuple.__new__


def sentence_tokens(lowered: str, s: int, e: int) -> list[_Tok]:
    """The tokens of one sentence as the coder (and the event model's trainer) reads them (built
    without the named tuple's constructor: the coder tokenises every sentence with an act word)."""
    return [_NEW(_Tok, (m.start(), m.end(), m.group(), m.lastindex is None))
            for m in _TOKEN_OR_MARK.finditer(lowered, s, e)]


def _code_sentence(ctx: _Context, s: int, e: int, present: set[str]) -> list[tuple[Event, str]]:
    lex = ctx.lex
    toks = sentence_tokens(ctx.lowered, s, e)
    if not toks:
        return []
    out: list[tuple[Event, str]] = []
    busy_until = -1  # index of the last token of a clause already coded
    sense_words: set[str] | None = None
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.punct or i <= busy_until or t.word not in present:
            i += 1
            continue
        hit = _match(lex, toks, i)
        if hit is None or _inside_a_name(ctx.text, t.start):
            i += 1
            continue
        pattern, form, last = hit
        form = _form_here(lex, toks, i, form)
        if form not in pattern.forms:  # `were held` is a detention, `held talks` is not
            i += 1
            continue
        if lex.senses:
            if sense_words is None:
                sense_words = {t.word for t in toks}
            after = f"{toks[last + 1].word} {toks[last + 2].word}" if last + 2 < len(toks) else ""
            # the sentence's words, and the two right after the act word (`pledged to attack`, not
            # `pledged to defend Japan if China tried to attack`)
            pattern = lex.sense(pattern, sense_words | {after} if after else sense_words)
            if pattern.type == NO_ACT:  # `refused to comment`: no act
                i = last + 1
                continue
        if _is_mode_cue_before_event(lex, toks, i, last):
            i = last + 1
            continue
        clause_start = _clause_start(lex, toks, i)
        clause_end = _clause_end(lex, toks, last)
        ctx.belief, ctx.ask = -1.0, (toks, i, pattern.type)  # the model is asked only when needed
        event = _code(ctx, toks, pattern, form, i, last, clause_start, clause_end, s, e)
        if event is not None:
            if lex.senses and _states_on_both_sides(event) and not _topic_after(lex, toks, ctx.target, clause_end):
                event.type = lex.sense(pattern, {STATES_CUE}).type  # `Russia attacked Ukraine`
            way = "carried" if ctx.carried else "clause"
            # whom it was aimed at counts too: an act with a named target is right far more often
            event.found_by = f"{way}:{'lexicon' if ctx.lexicon_only else belief_band(_belief(ctx))}:{_aimed(event)}"
            event.confidence = event_confidence(event.found_by)
            out.append((event, pattern.items[0]))
            if ctx.target is not None:  # one act towards several listed actors: one event each
                for other in coordinated_targets(ctx, toks, ctx.target, clause_end, ctx.source_key):
                    out.append((replace(event, target=other.ref, spans=list(event.spans)), pattern.items[0]))
            busy_until = clause_end
        i = last + 1
    return out


#: The type in event_senses.tsv that makes a word no act where its cues stand (`refused to comment`).
NO_ACT = "-"

#: The cue in event_senses.tsv that stands for a state acting on another state.
STATES_CUE = "@states"


def _topic_after(lex: EventLexicon, toks: list[_Tok], target, clause_end: int) -> bool:
    """A topic after the target (`China attacked the United States over its Taiwan policy`): words."""
    if target is None:
        return False
    return any("topic" in lex.kinds(toks[k].word) for k in range(_tok_index(toks, target.end), min(clause_end + 1, len(toks))))


def _states_on_both_sides(event: Event) -> bool:
    return all(a is not None and a.type == "GPE" and a.country for a in (event.source, event.target))


def _form_here(lex: EventLexicon, toks: list[_Tok], i: int, form: str) -> str:
    """The form an event word takes where it stands, for languages that mark voice and word class
    by the words before it rather than by affixes (`forms_by_context` in event_settings.tsv):
    after a determiner, a possessive or a light verb it is the act's noun (`the attack`, `Russia's
    attack`, `held talks`), after a passive auxiliary a past form is passive (`was arrested`), else
    a verb (`Police arrest`)."""
    if form not in ("bare", "active") or not lex.settings.get("forms_by_context"):
        return form
    k = i - 1
    while k >= 0 and "adverb" in lex.kinds(toks[k].word):
        k -= 1
    if k < 0:
        return "active"
    before = toks[k].word
    kinds = lex.kinds(before)
    word = toks[i].word
    if "passive_aux" in kinds and lex.shape("participle", word):
        return "passive"  # a past participle after `was`, `been`: `were held`, `was arrested`, `was cut`
    curly = before == "s" and k >= 1 and toks[k - 1].word in ("’", "'")  # `China’s arrest`: china ’ s
    if kinds & {"determiner", "light"} or lex.shape("possessive", before) or curly:
        return "noun"  # `the attack`, `Russia's attack`, `held talks`
    return "active"


_NAME_WORD_BEFORE = compile_latin(r"(?<![\w-])\(?[A-Z][\w'’-]*\)?\s$")


def _inside_a_name(text: str, start: int) -> bool:
    """An event word written in capitals after another capitalised word is part of a name, not an
    act (`Lembaga Bantuan Hukum`, `Rapat Koordinasi Penguatan`, `Surat Perintah Penggeledahan`);
    an acronym (`OTT`) is not."""
    word = text[start:start + 2]
    return word[:1].isupper() and word[1:2].islower() and bool(_NAME_WORD_BEFORE.search(text, max(0, start - 30), start))


#: The model's belief in an act's type above which an act with no doer in its clause takes the
#: story's; chosen on our corpus's dev split (eval/tune-detik) and ../shared/eval/dev. The model
#: neither vetoes the lexicon's words (on the dev sets that cost more right acts than wrong ones)
#: nor codes words the lexicon lacks (two more right acts in 143 on the dev split, for 15 % of the
#: coder's time).
_CARRY_FROM = 0.3


#: The news-kind classifier's probability above which an article is read as one that reports no
#: political acts (90 % of CLICK-ID's sport and lifestyle pages, 3 % of its news pages).
_QUIET_FROM = 0.8


_QUIET_MIN_CHARS = 400  # the classifier learnt from whole articles; a sentence or two tells it nothing


def _quiet_news(text: str, lang: str = "id") -> bool:
    if len(text) < _QUIET_MIN_CHARS:
        return False
    kind = default_news_kind(lang)
    return kind is not None and kind.quiet_probability(text) >= _QUIET_FROM


#: The belief given to a lexicon word in a language with no event model (English): what the
#: lexicon reads is coded, described doers included; its confidence band is `lexicon`.
_LEXICON_ONLY = 1.0


def _belief(ctx: _Context) -> float:
    """The model's belief in the act being coded now, asked the first time it is needed (most
    lexicon words that fail to make an event never need it)."""
    if ctx.belief < 0:
        toks, i, type_ = ctx.ask
        feats = _features(ctx, toks, i)
        if ctx.model is None:  # a language with no event model: the lexicon's reading stands
            ctx.belief = _LEXICON_ONLY if ctx.lexicon_only else 0.0
        else:
            ctx.belief = ctx.model.belief(feats, type_) if feats else 0.0
    return ctx.belief


def _features(ctx: _Context, toks: list[_Tok], i: int) -> list[str] | None:
    if ctx.model is None or ctx.view is None:
        return None
    return candidate_features(ctx.lex, ctx.view, toks, i, ctx.stems)


def _match(lex: EventLexicon, toks: list[_Tok], i: int) -> tuple[EventPattern, str, int] | None:
    """The longest pattern starting at token i: (pattern, form of the first word, last token index)."""
    word = toks[i].word
    nxt = toks[i + 1].word if i + 1 < len(toks) else ""
    for pattern, form in lex.triggers(word):
        if (word, nxt) in pattern.excluded_pairs:
            continue
        j, ok, gap = i, True, False
        for item in pattern.items[1:]:
            if item == GAP:
                gap = True
                continue
            j += 1
            if gap:  # `menetapkan Budi Santoso sebagai tersangka`: the next item within a few words of one clause
                reach = min(len(toks), j + _GAP_REACH)
                while j < reach and not (item[1:] in toks[j].word and lex.item_matches(item, toks[j].word)):
                    aside = _bracketed_aside(toks, j)
                    if aside:  # `menetapkan RS (34) sebagai tersangka`: an age or a short form in brackets
                        j += aside
                        reach = min(len(toks), reach + aside)
                        continue
                    if _ends_a_gap(lex, toks[j].word):
                        j = len(toks)  # the clause ends before the item: no match
                        break
                    j += 1
                gap = False
            if j >= len(toks) or toks[j].punct or not lex.item_matches(item, toks[j].word):
                ok = False
                break
        if ok:
            return pattern, form, j
    return None


_GAP_REACH = 8  # tokens a pattern's `...` may stand for
_GAP_CHARS = 120  # characters in which the word after a gap is looked for before a sentence is read
_GAP_STOPS = frozenset({",", ";", ":", '"', "“", "”", ".", "(", ")"})


def _bracketed_aside(toks: list[_Tok], j: int) -> int:
    """The number of tokens of a bracket of one word at token j (`(34)`, `(IZ)`), else 0: an age or a
    short form after a name is no end of the clause."""
    if toks[j].word == "(" and j + 2 < len(toks) and not toks[j + 1].punct and toks[j + 2].word == ")":
        return 3
    return 0


def _ends_a_gap(lex: EventLexicon, word: str) -> bool:
    """A word a gap does not run past: punctuation, a conjunction, a negation, a relative or a
    clause break, a verb of its own or another event word (`sebagai saksi, bukan tersangka`,
    `menyalurkan beras dan Polri menangkap`); not a word that gives a name (`berinisial`)."""
    kinds = lex.kinds(word)
    if "naming_word" in kinds:
        return False  # `menetapkan seorang pria berinisial RS sebagai tersangka`: no verb of its own
    return word in _GAP_STOPS or bool(kinds & {"break", "relative", "gap_stop"}) or _stops(lex, word) \
        or bool(lex.triggers(word))


def _is_mode_cue_before_event(lex: EventLexicon, toks: list[_Tok], i: int, last: int) -> bool:
    """`menolak untuk menyerang`: the first verb is a mode of the act after it, not an act."""
    for n in range(lex.longest_cue, 0, -1):
        words = tuple(t.word for t in toks[i:i + n])
        if len(words) == n and words in lex.mode_cues and i + n - 1 >= last:
            k = i + n
            while k < len(toks) and k < i + n + 2 and not toks[k].punct:
                if lex.triggers(toks[k].word):
                    return True
                k += 1
    return False


#: Tokens a clause reaches on either side of its event word. Real clauses are far shorter; a
#: "sentence" of thousands of words without a stop (scraped junk, an attack) must not make
#: every event word scan all of it.
_CLAUSE_REACH = 120


def _clause_start(lex: EventLexicon, toks: list[_Tok], i: int) -> int:
    k = i - 1
    floor = max(0, i - _CLAUSE_REACH)
    while k >= floor:
        t = toks[k]
        if (t.punct and t.word in _CLAUSE_PUNCT) or "break" in lex.kinds(t.word):
            return k + 1
        if "relative" in lex.kinds(t.word):
            return k
        k -= 1
    return floor


def _clause_end(lex: EventLexicon, toks: list[_Tok], last: int) -> int:
    k = last + 1
    ceiling = min(len(toks), last + 1 + _CLAUSE_REACH)
    while k < ceiling:
        t = toks[k]
        if (t.punct and t.word in _CLAUSE_PUNCT and t.word != ",") or "break" in lex.kinds(t.word):
            return k - 1
        if t.punct and t.word == "," and _comma_ends_clause(lex, toks, k):
            return k - 1
        k += 1
    return ceiling - 1


def _comma_ends_clause(lex: EventLexicon, toks: list[_Tok], k: int) -> bool:
    """A comma inside a list (`pelat nomor, strobo, dan sirene`) does not end the clause; one
    before a relative clause or a new verb does."""
    nxt = toks[k + 1].word if k + 1 < len(toks) else ""
    return "relative" in lex.kinds(nxt) or "break" in lex.kinds(nxt) or bool(lex.triggers(nxt))


#: Acts that pledge or threaten another act: their counterpart is that act's (`threatened to strike South Korea`).
_PLEDGES = frozenset({"AGREE", "THREATEN"})


def _pledges_an_act(ctx: _Context, toks: list[_Tok], last: int, c1: int) -> bool:
    """Whether the words after a pledge are the act pledged (`agreed to provide aid`), not its object:
    `agreed to a ceasefire`, `agreed to talks`, `agreed to new sanctions` (an act's noun after an adjective)."""
    lex = ctx.lex
    if last + 2 > c1 or "infinitive" not in lex.kinds(toks[last + 1].word):
        return False
    word = toks[last + 2]
    if not word.word.isalpha() or ctx.text[word.start].isupper() or "determiner" in lex.kinds(word.word):
        return False
    if word.word.endswith("s") and lex.triggers(word.word):
        return False  # `to talks`, `to sanctions`: a plural noun, no verb
    return not (last + 3 <= c1 and lex.triggers(toks[last + 3].word))  # `to new sanctions`


def _code(ctx: _Context, toks: list[_Tok], pattern: EventPattern, form: str, i: int, last: int,
          c0: int, c1: int, s: int, e: int) -> Event | None:
    lex = ctx.lex
    trig_start, trig_end = toks[i].start, toks[last].end
    source: _Actor | None = None
    target: _Actor | None = None
    subject, subject_end_tok = _subject(ctx, toks, i, c0, relative=form not in ("noun", "bare"))
    after_from = last + 1 if GAP not in pattern.items else i + 1  # `menetapkan X sebagai tersangka`: X
    target_frame = pattern.frame
    if pattern.type in _PLEDGES and _pledges_an_act(ctx, toks, last, c1):
        after_from = last + 3  # `agreed to provide economic aid to the Philippines`: whom the pledged act is for
        target_frame = "obj"
        comma = next((k for k in range(after_from, c1 + 1) if toks[k].word == ","), None)
        if comma is not None:
            c1 = comma - 1  # `Hamas agreed to talks, Qatar said`: not past the comma
    if form == "passive":
        target = subject or _described_subject(ctx, toks, i, c0)  # `Korban dianiaya oleh ...`
        source = _after_prep(ctx, toks, after_from, c1, "agent") or _adjacent_actor(ctx, toks, after_from, c1)
    elif form == "bare" and i > 0 and (lex.kinds(toks[i - 1].word) & {"self", "other", "side"}):
        source = _pronoun(ctx, toks[i - 1].word, toks[i - 1].start)
        target, _ = _subject(ctx, toks, i - 1, c0)  # `pemerintah Arab Saudi saya datangi`
        subject_end_tok = i - 1
    elif form in ("noun", "bare"):
        if i > 0 and "topic" in lex.kinds(toks[i - 1].word):
            return None  # `Surat Edaran tentang Permintaan ...`, `berbicara soal serangan`: a topic, not an act
        adjacent = _adjacent_actor(ctx, toks, after_from, c1)
        if adjacent is not None and lex.shape("patient_noun", toks[i].word):
            target, adjacent = adjacent, None  # `penggeledahan kantor X`: X is searched
        source = (_after_prep(ctx, toks, after_from, c1, "agent")
                  or adjacent or subject or _we_in_quote(ctx, toks))
        if source is None and pattern.frame == "speech":
            source = _speaker_of_quote(ctx, trig_start)  # `"Terima kasih kepada Pak Andre," kata Benni`
    else:
        source = subject
    carried = False
    if source is None and form != "passive" and c0 == i:
        source = _fronted_subject(ctx, toks, last, c1)  # `Bekerja sama dengan IEAB, Pertamina menggelar ...`
    if source is None and (subject is None or form == "passive"):
        # `Massa membentangkan spanduk`, `Budi diserang oleh massa`: people described, not named
        source = (_described_after_agent(ctx, toks, after_from, c1) if form == "passive"
                  else _described_subject(ctx, toks, i, c0))
    if source is None and (ctx.model is not None or ctx.lexicon_only):
        # `aset yang disita`: by whom the story says, when the model believes an act is told here
        # (asked below, once the act has someone acted on: most such words never get that far)
        source, carried = _carried_doer(ctx, trig_start, target), True
    if source is None:
        return None
    if target is None and form == "passive" and subject is None and carried:
        target = _target(ctx, toks, after_from, c1, "from", source)  # `disita dari tiga perusahaan`
    if target is None and pattern.frame != "topic" and form != "passive":
        # a passive's target is its subject: the names after `diadukan A dan B` are all agents
        target = _target(ctx, toks, after_from, c1, target_frame, source)
    if target is None and pattern.frame in ("ask", "urge"):
        target = _asked_in_purpose_clause(ctx, toks, c1, source)
    if target is None and pattern.frame != "topic":
        target = _named_after_count(ctx, toks, after_from, c1, source)  # `terhadap 3 orang, yakni MY, MF`
    if pattern.type in _SUSPECT_ACTS and "legal_act" in lex.kinds(pattern.items[0]) and not carried \
            and source.ref.type == "ORG" and not source.ref.described \
            and (_is_suspect_label(lex, target) if target is not None
                 else _nobody_else_acted_on(ctx, toks, after_from, c1, pattern.frame)):
        target = _story_suspect(ctx, trig_start, source) or target  # `Polres Bogor kemudian menahan tersangka`
    if target is None and pattern.type in _SYMMETRIC and subject is source:
        partner = _coordinated_before(ctx, toks, source, c0)
        if partner is not None:
            source, target = partner, source
    if target is not None and (target.key == source.key or target.ref.name == source.ref.name
                               or _own_state(source, target)):
        target = None
    if pattern.frame == "urge" and not _purpose_follows(ctx, toks, last, c1):
        return None  # `mengingatkan bahwa ...` reminds of a fact; a request says what to do
    if source.ref.sector == "media" or source.ref.type not in ACTOR_TYPES | {"GRP"}:
        return None
    location = _location(ctx, toks, c0, c1)
    if target is None and pattern.type == "ASSAULT":
        target = _assault_target(ctx, source, location, s, e)
    if not _has_counterpart(ctx, toks, pattern.type, source, target, last, c1) \
            and (form == "passive" or _described_object(ctx, toks, after_from, c1, pattern.frame) is None):
        # `mengancam warga negara asing`: people described, not named, are a counterpart; the event
        # names no target for them (a reader may name them elsewhere, or not at all)
        return None
    if target is None and carried:
        return None  # a doer from the story with nobody acted on: too thin
    if carried and _belief(ctx) < _CARRY_FROM:
        return None
    mode = _mode(lex, toks, subject_end_tok, i, c0, c1)
    spans = [p for p in (source.start, source.end, trig_start, trig_end) if s <= p <= e]
    if target is not None and s <= target.start and target.end <= e:
        spans += [target.start, target.end]
    start, end = min(spans), max(spans)
    if source.ref.described and _belief(ctx) < _DESCRIBED_FROM:
        return None
    if not carried and not source.ref.described:
        ctx.doer = source
    ctx.target, ctx.carried, ctx.source_key = target, carried, source.key
    return Event(
        type=pattern.type, mode=mode, source=source.ref, target=target.ref if target else None,
        start=start, end=end, location=location.ref.name if location else None,
        trigger=(trig_start, trig_end), reported_by=_reporter(ctx, trig_start), spans=[(start, end)],
    )


# ---------------------------------------------------------------- actors


def _mentions_in(ctx: _Context, start: int, end: int):
    lo = bisect.bisect_left(ctx.starts, start)
    hi = bisect.bisect_left(ctx.starts, end)
    return [m for m in ctx.table.mentions[lo:hi] if m.end <= end]


def _entity_actor(ctx: _Context, mention, sector: str | None = None) -> _Actor | None:
    ent = ctx.table.entity(mention)
    if ent.type not in ACTOR_TYPES or (ent.type == "GPE" and not _is_state(ent)):
        return None
    ref = EntityRef(ent.name, ent.type, ent.country, ent.kb_id, sector or ent.sector)
    return _Actor(ent.kb_id or ent.key, ref, mention.start, mention.end)


def _fronted_subject(ctx: _Context, toks: list[_Tok], last: int, c1: int) -> _Actor | None:
    """The subject after a phrase that opens its clause with the act and a comma (`Bekerja sama
    dengan IEAB, Pertamina menyelenggarakan ...`): the actor right after the first comma, when a
    verb follows it (in `Mengecam Israel, Amerika Serikat, dan Inggris, ...` the commas list)."""
    k = next((j for j in range(last + 1, min(len(toks), c1 + 2)) if toks[j].word == ","), None)
    if k is None or k + 1 >= len(toks):
        return None
    actor = _first_actor(ctx, toks, k + 1, min(len(toks) - 1, k + 4))
    if actor is None or actor.start != toks[k + 1].start:
        return None
    after = _tok_index(toks, actor.end)
    return actor if after < len(toks) and _opens_predicate(ctx.lex, toks[after].word) else None


def _opens_predicate(lex: EventLexicon, word: str) -> bool:
    """Whether a word can open what a subject does: a verb (by its shape) or an auxiliary."""
    return "aux" in lex.kinds(word) or lex.shape("predicate", word)


def _named_after_count(ctx: _Context, toks: list[_Tok], k0: int, c1: int, source: _Actor) -> _Actor | None:
    """Those acted on, named after a count of them (`penahanan terhadap 3 orang, yakni MY, MF dan
    IP`, `disita dari 3 perusahaan sekaligus, Wilmar Group, ...`): the first actor after `yakni`,
    or after the comma that closes a counted noun, within the clause."""
    end = min(c1, k0 + 12)
    for k in range(k0, end + 1):
        word = toks[k].word
        if "naming" in ctx.lex.kinds(word) or (word == "," and _counted_noun_before(toks, k0, k)):
            j = k + 1
            if j <= c1 and toks[j].word in (":", ","):
                j += 1
            actor = _first_actor(ctx, toks, j, min(c1, j + 8)) if j <= c1 else None
            if actor is None or actor.start != toks[j].start or actor.key == source.key:
                continue
            after = _tok_index(toks, actor.end)
            if after < len(toks) and _opens_predicate(ctx.lex, toks[after].word):
                continue  # `..., Kapolres Budi Santoso menjelaskan`: the subject of the next clause
            return actor
    return None


def _counted_noun_before(toks: list[_Tok], k0: int, comma: int) -> bool:
    """`3 perusahaan sekaligus,`: a number, one to three words and the comma, no other mark (a date
    such as `Senin (12/2),` is no count of anything)."""
    for j in range(max(k0, comma - 4), comma - 1):
        if toks[j].word.isdigit() and all(not t.punct for t in toks[j + 1:comma]):
            return True
    return False


#: The most actors one act is read as reaching in a list: news lists a handful, junk lists thousands.
_MAX_LISTED = 12


def coordinated_targets(ctx: _Context, toks: list[_Tok], target: _Actor, c1: int, source_key: str) -> list[_Actor]:
    """Actors listed after a target (`dengan A, B, dan C`, `Wilmar Group, Musim Mas Group, dan
    Permata Hijau Group`): one act towards each is an event of its own. A list ends with `dan` or
    `serta` before its last item; commas alone (`menangkap Budi, Joko mengatakan`) join clauses."""
    out: list[_Actor] = []
    joined = False
    k = _tok_index(toks, target.end)
    kinds = ctx.lex.kinds
    while k <= c1 and k < len(toks) and (toks[k].word == "," or "and" in kinds(toks[k].word)) and len(out) < _MAX_LISTED:
        j = k + 1
        joined = joined or "and" in kinds(toks[k].word)
        if j < len(toks) and "and" in kinds(toks[j].word) and toks[j].word.isalpha():
            joined, j = True, j + 1
        nxt = _first_actor(ctx, toks, j, min(c1, j + 8)) if j <= c1 else None
        if nxt is None or nxt.start != toks[j].start:
            break
        out.append(nxt)
        k = _tok_index(toks, nxt.end)
        if joined:
            break  # `dan` opens the list's last item
    if not joined:
        return []
    return [a for a in out if a.key != source_key and a.ref.name != target.ref.name]


#: How far back (characters) the doer of an agentless act is looked for.
_CARRY_REACH = 600


def _carried_doer(ctx: _Context, pos: int, target: _Actor | None) -> _Actor | None:
    """The doer of an act the sentence names without one (`aset yang disita`, `penggeledahan`):
    the source of the last act coded before it nearby, else the last body named before it in the
    same stretch of text (the police or prosecutors the story is about), never the target."""
    doer = ctx.doer
    if doer is not None and 0 <= pos - doer.end <= _CARRY_REACH and (target is None or doer.key != target.key):
        return doer
    for m in reversed(_mentions_in(ctx, max(0, pos - _CARRY_REACH), pos)):
        ent = ctx.table.entity(m)
        if ent.type == "ORG" and ent.sector != "media" and (target is None or (ent.kb_id or ent.key) != target.key):
            return _entity_actor(ctx, m)
    return None


_FORMER = compile_latin(r"\b(?:mantan|eks|bekas|former)\s+$")


def _office_holder(ctx: _Context, office: tuple[int, int, str]) -> _Actor | None:
    """The person who held an office named without a name (`Presiden`, `Menteri Keuangan`) on
    the article's date, when the knowledge base knows."""
    start, end, office_id = office
    if ctx.kb is None or _FORMER.search(ctx.lowered, max(0, start - 12), start):
        return None  # `mantan Presiden` is not whoever holds it
    holder = ctx.kb.holder(office_id, ctx.day) if ctx.day is not None else None
    if holder is None:  # no date, or a date the KB does not cover: the state its name gives
        holder = _office_seat(ctx, office_id, ctx.text[start:end])
        if holder is None:
            return None
    ref = EntityRef(holder.name, holder.type, holder.country or None, holder.kb_id)
    return _Actor(holder.kb_id, ref, start, end)


def _office_seat(ctx: _Context, office_id: str, named: str):
    """What an office acts for when nobody can say who held it: its state, when the words that name
    the office name the state too (`the French president` in an undated text). A bare office
    (`Presiden`, `Menteri Pertahanan`, `the Secretary of State`) could be any state's: nobody."""
    office = ctx.kb.offices.get(office_id) if ctx.kb is not None else None
    if office is None or not office.country:
        return None
    state = ctx.kb.get(f"gpe:{office.country}")
    if state is None:
        return None
    named_state = any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", named)
                      for n in (state.name, *state.aliases, *state.metonyms))
    return state if named_state else None


def _is_state(ent) -> bool:
    """A country (`gpe:RUS`), not a province or city: those are places, not actors."""
    return bool(ent.kb_id and re.fullmatch(r"gpe:[A-Z]{3}", ent.kb_id))


def _tok_index(toks: list[_Tok], pos: int) -> int:
    """The first token starting at or after `pos`."""
    return bisect.bisect_left(toks, pos, key=_tok_start)


def _tok_start(t: _Tok) -> int:
    return t.start


def _subject(ctx: _Context, toks: list[_Tok], i: int, c0: int, relative: bool = True) -> tuple[_Actor | None, int]:
    """The clause's subject before token i, and the index of its last token. With `relative`, a
    verb that opens a relative clause takes the antecedent (`Musk, yang ... mendukung`); an act
    noun does not (`jaringan listrik Ukraina yang hancur akibat serangan`: Ukraine attacked no one)."""
    lex = ctx.lex
    k = i - 1
    while k >= c0:
        t = toks[k]
        kinds = lex.kinds(t.word)
        if kinds & {"self", "other", "side"}:
            actor = _pronoun(ctx, t.word, t.start)
            if actor is not None:
                return actor, k
        anaphor = _anaphor(ctx, toks, k, c0) or _agency(ctx, toks, k, c0) or _home_state_at(ctx, toks, k, c0)
        if anaphor is not None:
            return anaphor, k
        name_end = t.end - 2 if t.word.endswith("'s") else t.end  # `China's arrest`: the name before `'s`
        ms = [m for m in _mentions_in(ctx, toks[c0].start, t.end) if m.end == name_end]
        if not ms and t.end in ctx.office_ends:
            holder = _office_holder(ctx, ctx.office_ends[t.end])
            if holder is not None:  # `Presiden telah menandatangani`: whoever held the office that day
                return holder, k
        if ms:
            m = ms[0]
            first = _tok_index(toks, m.start)
            if not _after_preposition(lex, toks, first, c0):
                actor = _with_group_noun(ctx, toks, m, first, c0)
                if actor is not None:
                    return actor, k
                titled = _titled_body(ctx, m, ctx.table.entity(m)) if first - 1 >= c0 else None
                if titled is not None:  # `Kapolres Bogor menangkap ...`: the office acts for the body it heads
                    return _Actor(titled.name, titled, toks[first - 1].start, m.end), k
            k = min(first, k) - 1  # a mention that starts inside token k must not stall the walk
            continue
        if _stops(lex, t.word) or ("light" in kinds and not relative and _behind_a_preposition(lex, toks, k + 1, i)):
            break  # (a light verb carries its own object: `mengucapkan belasungkawa atas serangan` attacks no one)
        k -= 1
    if not relative:
        return None, c0 - 1
    if c0 > 0 and c0 == i and toks[c0 - 1].word == ",":
        # `setelah Musk, yang ..., berselisih dengan Trump`: the head before the comma-closed aside.
        head = _aside_head(ctx, toks, c0 - 1)
        if head is not None:
            return head, c0 - 1
    if c0 > 0 and "relative" in lex.kinds(toks[c0].word):
        # `Musk, yang sebelumnya mendukung Trump`: the antecedent just before `yang`.
        k = c0 - 1
        if k >= 0 and toks[k].word == ",":
            k -= 1
        if k >= 0:
            ms = [m for m in _mentions_in(ctx, toks[0].start, toks[k].end) if m.end == toks[k].end]
            if ms:
                actor = _entity_actor(ctx, ms[0])
                if actor is not None:
                    return actor, c0
    return None, c0 - 1


def _behind_a_preposition(lex: EventLexicon, toks: list[_Tok], k0: int, k1: int) -> bool:
    """Whether a preposition stands in tokens k0..k1-1, so the act word after them is the object of a
    phrase (`belasungkawa atas serangan`), not what a light verb before them carries (`membuat video
    permintaan maaf` still is)."""
    return any(lex.kinds(toks[k].word) & (_PREP_KINDS | {"to", "topic"}) for k in range(k0, k1))


def _stops(lex: EventLexicon, word: str) -> bool:
    """A verb of its own between an event word and an actor: that actor belongs to the other verb."""
    if not lex.shape("verb", word):
        return False
    kinds = lex.kinds(word)
    if kinds & {"control", "light", "notverb", "hearsay"} or word in lex.cue_words:
        return False
    return True


def _aside_head(ctx: _Context, toks: list[_Tok], comma: int) -> _Actor | None:
    """The actor that opens the clause an aside (`, yang ...,`) interrupts."""
    lex = ctx.lex
    k = comma - 1
    while k >= 0 and not ("break" in lex.kinds(toks[k].word) or toks[k].word in ".;:"):
        k -= 1
    start = k + 1
    for m in _mentions_in(ctx, toks[start].start, toks[comma].start):
        first = _tok_index(toks, m.start)
        end = _tok_index(toks, m.end)
        if _after_preposition(lex, toks, first, start):
            return None
        if end < len(toks) and toks[end].word == "," and end + 1 < len(toks) and \
                "relative" in lex.kinds(toks[end + 1].word):
            return _entity_actor(ctx, m)
        return None
    return None


def _coordinated_before(ctx: _Context, toks: list[_Tok], actor: _Actor, c0: int) -> _Actor | None:
    """`Indonesia dan Jepang sepakat`: the first of two coordinated subjects."""
    k = _tok_index(toks, actor.start) - 1
    pair = ctx.lex.kinds
    while k > c0 and "pair" not in pair(toks[k].word) and ctx.text[toks[k].start].isupper():
        k -= 1  # `Indonesia dan Menteri Luar Negeri Malaysia ...`: titles before the second name
    if k - 1 < c0 or "pair" not in pair(toks[k].word):
        return None
    ms = [m for m in _mentions_in(ctx, toks[c0].start, toks[k].start) if m.end == toks[k - 1].end]
    if not ms:
        return None
    first = _tok_index(toks, ms[0].start)
    return _with_group_noun(ctx, toks, ms[0], first, c0)


def _after_preposition(lex: EventLexicon, toks: list[_Tok], first: int, c0: int) -> bool:
    """Is the mention starting at token `first` the object of a preposition (`di Jakarta`,
    `kepada Polri`, `dari pemerintah Arab Saudi`)?"""
    for k in (first - 1, first - 2):
        if k < c0:
            return False
        kinds = lex.kinds(toks[k].word)
        if kinds & _PREP_KINDS:
            return True
        if k == first - 1 and _group_noun_at(lex, toks, k) is None and "plural_marker" not in lex.kinds(toks[k].word):
            # one lower-case noun between a preposition and a name: `kepada institusi Polri`
            continue
        return False
    return False


def _group_noun_at(lex: EventLexicon, toks: list[_Tok], end_k: int):
    """The group noun ending at token end_k (`tentara`, `para pemegang saham`), with its first index."""
    if end_k < 0 or toks[end_k].word not in lex.actor_noun_words:
        return None
    for n in range(lex.longest_actor_noun, 0, -1):
        k0 = end_k - n + 1
        if k0 < 0:
            continue
        words = tuple(t.word for t in toks[k0:end_k + 1])
        nouns = lex.actor_nouns.get(words)
        if nouns:
            return nouns, k0
    return None


def _with_group_noun(ctx: _Context, toks: list[_Tok], mention, first: int, c0: int) -> _Actor | None:
    """`tentara Moskow` is Russia's military; `para pemegang saham Tesla` a group of Tesla's."""
    actor = _entity_actor(ctx, mention)
    if actor is None or first - 1 < c0:
        return actor
    found = _group_noun_at(ctx.lex, toks, first - 1)
    if found is None:
        return actor
    nouns, k0 = found
    for noun in nouns:
        if noun.role == "state" and actor.ref.type == "GPE":
            ref = EntityRef(actor.ref.name, "GPE", actor.ref.country, actor.ref.kb_id, noun.sector)
            return _Actor(actor.key, ref, toks[k0].start, actor.end)
        if noun.role == "group":
            if k0 - 1 >= c0 and "plural_marker" in ctx.lex.kinds(toks[k0 - 1].word):
                k0 -= 1
            name = ctx.text[toks[k0].start:actor.end]
            ref = EntityRef(name, "GRP", actor.ref.country, None, noun.sector)
            return _Actor("group:" + name.lower(), ref, toks[k0].start, actor.end)
    return actor


#: The event-word model's belief above which an act whose doer the text only describes (`massa`,
#: `pelaku`) is coded; chosen on our corpus's dev split (eval/tune-detik).
_DESCRIBED_FROM = 0.5
_DESCRIBED_REACH = 6  # words between a described subject and its event word


def _described_at(ctx: _Context, toks: list[_Tok], end_k: int, c0: int) -> _Actor | None:
    """The people a described-actor noun ending at token end_k stands for (`massa`, `para
    pelaku`), when no name follows it (`warga Desa X` is read as named) and it is no preposition's
    object."""
    found = _group_noun_at(ctx.lex, toks, end_k)
    if found is None:
        return None
    nouns, k0 = found
    noun = next((n for n in nouns if n.role == "described"), None)
    if noun is None or k0 < c0:
        return None
    if k0 - 2 >= c0 and "count" in ctx.lex.kinds(toks[k0 - 2].word) and "oblique" in ctx.lex.kinds(toks[k0 - 1].word):
        k0 -= 1  # `thousands of students`: the count's `of` is no preposition of place or doer
    elif _after_preposition(ctx.lex, toks, k0, c0):
        return None
    if end_k + 1 < len(toks) and _mention_starts_at(ctx, toks[end_k + 1].start):
        return None  # `warga Kampung Pulo`: people named by their place
    if k0 - 1 >= c0 and "count" in ctx.lex.kinds(toks[k0 - 1].word):
        k0 -= 1
    name = ctx.text[toks[k0].start:toks[end_k].end]
    ref = EntityRef(name.lower(), "GRP", None, None, noun.sector, described=True)
    return _Actor("described:" + name.lower(), ref, toks[k0].start, toks[end_k].end)


def _described_subject(ctx: _Context, toks: list[_Tok], i: int, c0: int) -> _Actor | None:
    """A described subject shortly before the event word: `Massa membentangkan`, `pelaku yang
    geram akhirnya menyerang`; a verb or a name between them ends the search."""
    k = i - 1
    while k >= max(c0, i - _DESCRIBED_REACH):
        actor = _described_at(ctx, toks, k, c0)
        if actor is not None:
            return actor
        if _mention_covers(ctx, toks[k].start):
            j = k
            while j > c0 and _mention_covers(ctx, toks[j - 1].start):
                j -= 1
            if j - 1 >= c0 and "place" in ctx.lex.kinds(toks[j - 1].word):
                k = j - 2  # `Police in Karachi arrested`: where they are is no part of who they are
                continue
            return None
        if _stops(ctx.lex, toks[k].word) or toks[k].word in ";:":
            return None
        k -= 1
    return None


def _mention_starts_at(ctx: _Context, pos: int) -> bool:
    k = bisect.bisect_left(ctx.starts, pos)
    return k < len(ctx.starts) and ctx.starts[k] == pos


def _mention_covers(ctx: _Context, pos: int) -> bool:
    """Whether a name covers the position (a mention starting at or before it ends after it)."""
    k = bisect.bisect_right(ctx.starts, pos) - 1
    while k >= 0 and ctx.starts[k] > pos - 200:
        if ctx.table.mentions[k].end > pos:
            return True
        k -= 1
    return False


def _described_object(ctx: _Context, toks: list[_Tok], k0: int, c1: int, frame: str) -> _Actor | None:
    """People described, not named, as an act's object within a few words after it (`mengancam
    warga`, `menyerang korban`), not behind a preposition of doer, place or topic."""
    for k in range(k0, min(c1, k0 + 3) + 1):
        if _stops(ctx.lex, toks[k].word) or _mention_covers(ctx, toks[k].start):
            return None
        if _keeps_from_target(_preposition_before(ctx.lex, toks, k, k0), frame):
            continue
        actor = _described_at(ctx, toks, k, k)
        if actor is not None:
            return actor
    return None


def _described_after_agent(ctx: _Context, toks: list[_Tok], k0: int, c1: int) -> _Actor | None:
    """`diserang oleh massa`: the described agent after `oleh`."""
    for k in range(k0, min(c1, k0 + 2) + 1):
        if "agent" in ctx.lex.kinds(toks[k].word):
            for j in range(k + 1, min(c1, k + 4) + 1):
                actor = _described_at(ctx, toks, j, k + 1)
                if actor is not None:
                    return actor
            return None
    return None


def _home_state_at(ctx: _Context, toks: list[_Tok], end_k: int, c0: int, governed: bool = False) -> _Actor | None:
    """`pemerintah` standing alone ending at token end_k: the home state's government (Indonesia
    for Indonesian news), unless a preposition governs it or the story is mostly about another
    state (there `pemerintah` is theirs). With `governed`, the caller has judged its preposition."""
    if toks[end_k].word not in ctx.lex.actor_noun_words:
        return None
    found = _group_noun_at(ctx.lex, toks, end_k)
    if found is None:
        return None
    nouns, k0 = found
    noun = next((n for n in nouns if n.role == "home" and n.match), None)
    if noun is None or k0 < c0 or (not governed and _after_preposition(ctx.lex, toks, k0, c0)):
        return None
    if end_k + 1 < len(toks) and (ctx.text[toks[end_k + 1].start].isupper() or any(
            n.role == "local" for n in ctx.lex.actor_nouns.get((toks[end_k].word, toks[end_k + 1].word), ()))):
        return None  # `pemerintah Arab Saudi`, `pemerintah Kota Bandung`, `pemerintah daerah`: not the state's
    country = noun.match[0]
    if _foreign_story(ctx, country):
        return None
    home = ctx.kb.get(f"gpe:{country}") if ctx.kb is not None else None
    name = home.name if home is not None else country
    ref = EntityRef(name, "GPE", country, f"gpe:{country}", noun.sector)
    return _Actor(f"gpe:{country}", ref, toks[k0].start, toks[end_k].end)


def _home_state_after(ctx: _Context, toks: list[_Tok], k0: int, c1: int, frame: str, source: _Actor) -> _Actor | None:
    """The home state's government as an act's target, within reach after the event word and not
    behind a preposition of doer, place or topic (`meminta pemerintah`, `kepada pemerintah`)."""
    if source.ref.country is not None and source.ref.type == "GPE":
        return None  # a state's act towards `pemerintah` is towards its own
    for k in range(k0, min(c1, k0 + _TARGET_REACH) + 1):
        if _stops(ctx.lex, toks[k].word):
            return None
        if toks[k].word not in ctx.lex.actor_noun_words:
            continue
        if _keeps_from_target(_preposition_before(ctx.lex, toks, k, k0), frame):
            return None
        actor = _home_state_at(ctx, toks, k, k0, governed=True)
        if actor is not None:
            return actor
    return None


def _home_country(ctx: _Context) -> str | None:
    """The state whose own news this language's pack reads (Indonesia for Indonesian), if any."""
    return next((n.match[0] for nouns in ctx.lex.actor_nouns.values() for n in nouns if n.role == "home" and n.match),
                None)


_FOREIGN_MIN = 3  # mentions of another state that make a story about it (a trade story names China twice)


def _foreign_story(ctx: _Context, country: str) -> bool:
    """Whether the article is about another state (asked once per article)."""
    if ctx.foreign is None or ctx.foreign[0] != country:
        counts: dict[str, int] = {}
        for ent in ctx.table.entities.values():
            if ent.type == "GPE" and ent.country and _is_state(ent):
                counts[ent.country] = counts.get(ent.country, 0) + len(ent.mentions)
        home = counts.pop(country, 0)
        other = max(counts.values(), default=0)
        # another state named more often than the home one, a few times; or named at all where the
        # home state never is (`Militer Israel menyerang Rafah ... Pemerintah juga memblokade ...`)
        ctx.foreign = (country, other > max(home, _FOREIGN_MIN - 1) or (home == 0 and other > 0))
    return ctx.foreign[1]


def _anaphor(ctx: _Context, toks: list[_Tok], k: int, c0: int) -> _Actor | None:
    """`kelompok tersebut`, `negara itu`: the last entity of the noun's kind named before."""
    if "pointer" not in ctx.lex.kinds(toks[k].word) or k - 1 < c0 or toks[k - 1].word not in ctx.lex.actor_noun_words:
        return None
    found = _group_noun_at(ctx.lex, toks, k - 1)
    if found is None:
        return None
    nouns, k0 = found
    for noun in nouns:
        if noun.role != "anaphor":
            continue
        types = {noun.type} if noun.type else ACTOR_TYPES
        for m in reversed(_mentions_in(ctx, 0, toks[k0].start)):
            ent = ctx.table.entity(m)
            if ent.type in types and ent.sector != "media":
                actor = _entity_actor(ctx, m)
                if actor is not None:
                    return _Actor(actor.key, actor.ref, toks[k0].start, toks[k].end)
    return None


def _agency(ctx: _Context, toks: list[_Tok], k: int, c0: int) -> _Actor | None:
    """`penyidik`, `jaksa`, `polisi` ending at token k: the body they work for, named nearest
    before (else after) in the article, when no name follows the noun itself."""
    if k >= len(toks) or toks[k].word not in ctx.lex.actor_noun_words:
        return None
    found = _group_noun_at(ctx.lex, toks, k)
    if found is None and k + 1 < len(toks):
        found = _group_noun_at(ctx.lex, toks, k + 1)  # a two-word noun read from its first word
        k = k + 1 if found is not None else k
    if found is None:
        return None
    nouns, k0 = found
    if k0 < c0 or (k + 1 < len(toks) and _mentions_in(ctx, toks[k + 1].start, toks[k + 1].end + 1)):
        return None
    for noun in nouns:
        if noun.role != "agency":
            continue
        pos = toks[k0].start
        bodies, local = _agency_bodies(ctx, noun)
        # `polisi` in a story of a district's police is that district's (Polres X), not all of Polri
        chosen = local.last_before(pos) or bodies.last_before(pos) or bodies.first_from(toks[k].end)
        if chosen is not None:
            actor = _entity_actor(ctx, chosen, noun.sector if not ctx.table.entity(chosen).sector else None)
            if actor is not None:
                return _Actor(actor.key, actor.ref, toks[k0].start, toks[k].end)
    return None


_LOCAL_UNIT = compile_latin(r"(?:Polres|Polda|Polsek|Polrestabes|Polresta|Kejari|Kejati|Kejaksaan (?:Negeri|Tinggi)|"
                         r"Kepolisian (?:Resor|Daerah|Sektor))\b")


class _Mentions:
    """Some of an article's mentions, in order, found before or after a place by bisection."""

    def __init__(self, mentions: list) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def last_before(self, pos: int):
        """The last one lying wholly before `pos`."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].end > pos:
            i -= 1
        return self.mentions[i] if i >= 0 else None

    def first_from(self, pos: int):
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[i] if i < len(self.mentions) else None


def _agency_bodies(ctx: _Context, noun) -> tuple[_Mentions, _Mentions]:
    """The mentions of the bodies an agency noun (`polisi`) may mean, and of their local units;
    read once per article and noun."""
    key = (noun.type, noun.match)
    if key not in ctx.agencies:
        bodies = [m for m in ctx.table.mentions if _agency_matches(ctx, m, noun)]
        ctx.agencies[key] = (_Mentions(bodies),
                             _Mentions([m for m in bodies if _LOCAL_UNIT.match(ctx.table.entity(m).name)]))
    return ctx.agencies[key]


def _agency_matches(ctx: _Context, mention, noun) -> bool:
    ent = ctx.table.entity(mention)
    return ent.type == (noun.type or "ORG") and any(f in ent.name or f in mention.text for f in noun.match)


def _quotes(ctx: _Context) -> QuoteIndex:
    if ctx.quote_index is None:
        ctx.quote_index = QuoteIndex(sorted(ctx.quotes, key=lambda q: q.start))
    return ctx.quote_index


def _quote_at(ctx: _Context, pos: int) -> Quote | None:
    return _quotes(ctx).at(pos)


def _pronoun(ctx: _Context, word: str, pos: int) -> _Actor | None:
    """`kami`/`pihaknya` in a quote is its speaker; `dia` a person named before (not the speaker)."""
    kinds = ctx.lex.kinds(word)
    quote = _quote_at(ctx, pos)
    if "side" in kinds and quote is None:
        quote = _last_quote_before(ctx, pos)
    if kinds & {"self", "side"}:
        speaker = _speaker_actor(quote, pos, pos + len(word))
        if speaker is None:
            return None
        ref = speaker.ref
        if "side" in kinds:
            ref = _body_of(ctx, ref) or _body_in_role(ctx, quote) or ref
        elif "plural" in kinds:
            ref = _body_of(ctx, ref) or _body_in_role(ctx, quote) or ref  # `"Kami mengajak ...," kata Kasat Lantas Polres X`
        return _Actor(ref.kb_id or ref.name, ref, pos, pos + len(word))
    if "other" in kinds:
        if quote is not None and quote.kind == "indirect" and pos - quote.start < 12:
            # `Anthony Lee mengatakan ia datang ...`: the reported clause's `ia` is the speaker
            speaker = _speaker_actor(quote, pos, pos + len(word))
            if speaker is not None:
                return speaker
        before = quote.start if quote is not None and quote.kind == "direct" else pos
        speaker = quote.speaker.name if quote is not None and quote.speaker else None
        for m in reversed(_mentions_in(ctx, 0, before)):
            ent = ctx.table.entity(m)
            if ent.type == "PER" and ent.name != speaker:
                actor = _entity_actor(ctx, m)
                if actor is not None:
                    return _Actor(actor.key, actor.ref, pos, pos + len(word))
    return None


def _we_in_quote(ctx: _Context, toks: list[_Tok]) -> _Actor | None:
    """An act noun with no doer in a quoted sentence where the speaker says `kami`/`kita`
    (`dalam proses penyanderaan ada 1`): the speaker's side did it. Read once per sentence: a
    sentence with thousands of act nouns asks it thousands of times."""
    key = toks[0].start if toks else -1
    if key not in ctx.we_of_sentence:
        found = None
        for t in toks:
            if "plural" in ctx.lex.kinds(t.word):
                quote = _quote_at(ctx, t.start)
                if quote is not None and quote.kind == "direct":
                    found = _pronoun(ctx, t.word, t.start)
                    break
        ctx.we_of_sentence[key] = found
    return ctx.we_of_sentence[key]


def _last_quote_before(ctx: _Context, pos: int) -> Quote | None:
    """`Pihaknya` in narration: the side of whoever spoke last, within a few hundred characters."""
    return _quotes(ctx).last_before(pos, 400)


def _body_of(ctx: _Context, ref: EntityRef) -> EntityRef | None:
    """The body a person speaks for, when the KB knows the office they held that day."""
    if ctx.kb is None or not ref.kb_id:
        return None
    for office in ctx.kb.offices_of(ref.kb_id, ctx.day):
        body = ctx.kb.get(office.org) if office.org else None
        if body is not None:
            return EntityRef(body.name, body.type, body.country, body.kb_id, body.sector)
    return None


def _body_in_role(ctx: _Context, quote: Quote) -> EntityRef | None:
    """The organisation named in the speaker's title just before the name: `Deputi ... Kemenko
    IPK Muhammad Rachmat Kaimuddin` speaks for Kemenko IPK."""
    if quote.speaker is None:
        return None
    if ctx.speaking is None:
        ctx.speaking = {}
        for m in ctx.table.mentions:
            ctx.speaking.setdefault(ctx.table.entity(m).name, []).append(m)
    for m in ctx.speaking.get(quote.speaker.name, ()):
        before = [b for b in _mentions_in(ctx, max(0, m.start - 80), m.start)]
        if before:
            body = ctx.table.entity(before[-1])
            gap = ctx.text[before[-1].end:m.start]
            if len(gap.split()) > 2 or "\n" in gap:
                continue
            if body.type == "ORG" and body.sector != "media" and _holds_office_before(ctx, before[-1].start):
                return body.ref()
            titled = _titled_body(ctx, before[-1], body)
            if titled is not None:
                return titled
    return None


def _holds_office_before(ctx: _Context, pos: int) -> bool:
    """Whether the words before a body's name give an office in it held now (`Kasat Lantas Polres X`,
    `juru bicara KPK`): not a member or a critic (`mahasiswa UI`, `buruh PT Sritex`) nor a former
    holder (`mantan Kapolres`)."""
    words = _WORDS_BEFORE.findall(ctx.text, max(0, pos - 120), pos)[-8:]
    for k in range(len(words) - 1, -1, -1):  # back over the capitalised role phrase to its office word
        w = words[k]
        if is_title_word(w):
            while k and (words[k - 1][:1].isupper() or is_title_word(words[k - 1])) \
                    and "former" not in ctx.lex.kinds(words[k - 1].lower()):
                k -= 1  # to the start of the role phrase (`Mantan Kepala Humas Polres X`)
            return not (k and "former" in ctx.lex.kinds(words[k - 1].lower()))
        if w[:1].islower():
            return False
    return False


def _titled_body(ctx: _Context, place_mention, place) -> EntityRef | None:
    """`Kapolrestabes Palembang Kombes Harryo`: a contracted title (`Ka` + the body's word) before
    a place names the body the speaker heads (`Polrestabes Palembang`), though the entity layer
    lists no body there (our entity guide reads none from a contracted title)."""
    if place.type != "GPE":
        return None
    word = _WORD_BEFORE.search(ctx.text, max(0, place_mention.start - 30), place_mention.start)
    if word is None or not word.group(1).startswith("Ka"):
        return None
    if any("former" in ctx.lex.kinds(w.lower()) for w in _WORDS_BEFORE.findall(ctx.text, max(0, word.start() - 20), word.start())):
        return None  # `mantan Kapolres Bogor`: no longer speaks for it
    head = word.group(1)[2:]
    if "headed" not in ctx.lex.kinds(head.lower()):
        head = "ke" + head  # `Kajari` heads the `Kejari`
        if "headed" not in ctx.lex.kinds(head):
            return None
    return EntityRef(f"{head[:1].upper()}{head[1:]} {ctx.text[place_mention.start:place_mention.end]}", "ORG",
                     place.country, None, None)


def _after_prep(ctx: _Context, toks: list[_Tok], k0: int, c1: int, kind: str) -> _Actor | None:
    """The actor after a preposition of `kind` (`oleh X`); a body named after `melalui` is the one
    acting (`oleh pemerintah melalui Kementerian Sosial`)."""
    lex = ctx.lex
    seen = False
    for k in range(k0, c1 + 1):
        if _stops(lex, toks[k].word):
            return None  # `Penangkapan itu dibenarkan oleh X`: X confirms, it did not arrest
        kinds = lex.kinds(toks[k].word)
        if "via" in kinds and (seen or k == k0):
            return _first_actor(ctx, toks, k + 1, c1)
        if kind in kinds:
            seen = True
            actor = _first_actor(ctx, toks, k + 1, c1) or _agency(ctx, toks, k + 1, k + 1)
            if actor is not None and any(lex.kinds(toks[j].word) & _PREP_KINDS
                                         for j in range(k + 1, _tok_index(toks, actor.start))):
                actor = None  # `kidnapped by gunmen in Iraq`: the name after another preposition is no doer
            if actor is None:
                continue
            for j in range(_tok_index(toks, actor.end), c1 + 1):
                if "via" in lex.kinds(toks[j].word):
                    return _first_actor(ctx, toks, j + 1, c1) or actor
            return actor
    return None


def _first_actor(ctx: _Context, toks: list[_Tok], k0: int, c1: int) -> _Actor | None:
    """The first actor in tokens k0..c1, within three words."""
    if k0 > c1:
        return None
    for m in _mentions_in(ctx, toks[k0].start, toks[c1].end):
        first = _tok_index(toks, m.start)
        if first - k0 > 3:
            return None
        actor = _with_group_noun(ctx, toks, m, first, k0)
        if actor is not None:
            return actor
    return None


def _adjacent_actor(ctx: _Context, toks: list[_Tok], k0: int, c1: int) -> _Actor | None:
    """An actor straight after the event word: `diserang Israel`, `serangan Rusia`."""
    if k0 > c1:
        return None
    ms = _mentions_in(ctx, toks[k0].start, toks[c1].end)
    if not ms:
        return None
    first = _tok_index(toks, ms[0].start)
    if first == k0:
        return _entity_actor(ctx, ms[0])
    if first - k0 <= 2 and all("staff" in ctx.lex.kinds(toks[k].word) for k in range(k0, first)) \
            and ctx.table.entity(ms[0]).type == "ORG":
        return _entity_actor(ctx, ms[0])  # `ditahan penyidik Ditreskrimsus`: its staff act for the body
    found = _group_noun_at(ctx.lex, toks, first - 1)
    if found is not None and found[1] == k0 and any(n.role == "state" for n in found[0]):
        return _with_group_noun(ctx, toks, ms[0], first, k0)  # `permintaan pemerintah Arab Saudi`
    return None


def _target(ctx: _Context, toks: list[_Tok], k0: int, c1: int, frame: str, source: _Actor) -> _Actor | None:
    lex = ctx.lex
    if k0 > c1:
        return None
    home = _home_state_after(ctx, toks, k0, c1, frame, source)
    for m in _mentions_in(ctx, toks[k0].start, toks[c1].end):
        if home is not None and home.start < m.start:
            return home  # `mendesak pemerintah mengevaluasi ...`
        first = _tok_index(toks, m.start)
        between = range(k0, first)
        if sum(1 for k in between if not toks[k].punct and not ctx.text[toks[k].start].isupper()) > _TARGET_REACH or \
                any(_stops(lex, toks[k].word) and not _names_the_described(lex, toks, k, k0) for k in between):
            return None
        prep = _preposition_before(lex, toks, first, k0)
        if frame == "from" and any(toks[j].word == "dari" for j in range(max(k0, first - 3), first)):
            prep = frozenset({"to"})  # `menarik pasukan dari Lebanon`: what is left is the target
        if _keeps_from_target(prep, frame):
            continue
        if frame == "report" and "to" in prep:
            continue  # `melaporkan X ke Polda`: the police receive the report, X is accused
        actor = _person_after_title(ctx, toks, m) or _with_group_noun(ctx, toks, m, first, k0)
        if actor is None:
            actor = _place_as_state(ctx, m, source)
        if actor is None or actor.key == source.key:
            continue
        return actor
    return home or _office_target(ctx, toks, k0, c1, source)


def _names_the_described(lex: EventLexicon, toks: list[_Tok], k: int, k0: int) -> bool:
    """`menetapkan seorang pria berinisial RS`, `satu tersangka lain berinisial IZ`: a word that
    gives the name of the person just described (`berinisial`, `bernama`) is no verb of its own."""
    if "naming_word" not in lex.kinds(toks[k].word):
        return False
    near = toks[max(k0, k - 2):k]  # the word for the person, or it and one word after it (`tersangka lain`)
    return not any(t.punct for t in near) and any(lex.kinds(t.word) & {"person", "suspect"} for t in near)


def _office_target(ctx: _Context, toks: list[_Tok], k0: int, c1: int, source: _Actor) -> _Actor | None:
    """A bare office right after the act word, when no named actor is (`met the French president`):
    its holder that day, else what it acts for."""
    lo, hi = toks[k0].start, toks[c1].end
    for start, end, office in ctx.table.offices:
        at = _tok_index(toks, start)
        if lo <= start < hi and at - k0 <= _OFFICE_TARGET_REACH \
                and all("determiner" in ctx.lex.kinds(toks[k].word) for k in range(k0, at)):
            # (`met the French president`; not `menangkap ajudan Menteri Pertanian`: the aide was arrested)
            country = ctx.kb.offices[office].country if ctx.kb is not None and office in ctx.kb.offices else None
            if country and country == _home_country(ctx) and _foreign_story(ctx, country):
                continue  # `Menteri Pertahanan` in a story about Germany is Germany's, not the KB's Indonesian one
            holder = _office_holder(ctx, (start, end, office))
            if holder is not None and holder.key != source.key:
                return holder
    return None


#: Words an office may stand after the act word and still be what it is done to (`met the French president`).
_OFFICE_TARGET_REACH = 2


def _keeps_from_target(prep: frozenset[str], frame: str) -> bool:
    """Whether the preposition before an actor keeps it from being the act's target: a doer's,
    a channel's or a topic's (`oleh`, `melalui`, `soal`), a place's unless it is also where the act
    goes (`di`, not `ke`), or, for an act with a partner, any but `dengan`/`bersama` (a direct
    object is a partner too: `bertemu Budi`)."""
    return bool(prep & {"agent", "via", "oblique"}) or ("place" in prep and "to" not in prep) \
        or (frame == "with" and bool(prep) and "with" not in prep)


def _person_after_title(ctx: _Context, toks: list[_Tok], m) -> _Actor | None:
    """`Presiden Rusia Vladimir Putin`: the country in a title belongs to the person named after it;
    so does the body in one (`mantan Ketua DPRD Jatim Kusnadi`, `pengacara Departemen Kehakiman AS,
    Elizabeth Hedges`) when a title word stands right before the body."""
    ent = ctx.table.entity(m)
    if ent.type not in ("GPE", "ORG"):
        return None
    after = _mentions_in(ctx, m.end, min(len(ctx.text), m.end + 60))
    if not after or ctx.table.entity(after[0]).type != "PER":
        return None
    gap = ctx.text[m.end:after[0].start].strip(" ")
    if gap and gap != ",":
        return None
    if (ent.type == "GPE" and not gap) or _title_before(ctx, m.start):
        return _entity_actor(ctx, after[0])
    return None


_WORD_BEFORE = compile_latin(r"([\w.]+)\s+$")
_WORDS_BEFORE = compile_latin(r"[\w.]+")


def _title_before(ctx: _Context, pos: int) -> bool:
    """Whether the word before `pos` is a title or office word (`Ketua`, `pengacara`, `Menteri`)."""
    found = _WORD_BEFORE.search(ctx.text, max(0, pos - 30), pos)
    return found is not None and (is_title_word(found.group(1)) or is_title_word(found.group(1).capitalize()))


def _place_as_state(ctx: _Context, m, source: _Actor) -> _Actor | None:
    """A foreign place an act is aimed at stands for its state (`ke Gaza`, `menyerang Kharkiv`);
    a place at home is only where the act happens."""
    ent = ctx.table.entity(m)
    if ent.type not in PLACE_TYPES or not ent.country or not source.ref.country or ent.country == source.ref.country:
        return None
    return _Actor("country:" + ent.country, EntityRef(ent.country, "GPE", ent.country), m.start, m.end)


def _preposition_before(lex: EventLexicon, toks: list[_Tok], first: int, k0: int) -> frozenset[str]:
    """The kinds of the preposition governing the words starting at `first`, within two words."""
    for k in range(first - 1, max(k0, first - 3) - 1, -1):
        kinds = lex.kinds(toks[k].word) & _PREP_KINDS
        if kinds:
            return kinds
    return frozenset()


def _location(ctx: _Context, toks: list[_Tok], c0: int, c1: int) -> _Actor | None:
    lex = ctx.lex
    for m in _mentions_in(ctx, toks[c0].start, toks[c1].end):
        ent = ctx.table.entity(m)
        first = _tok_index(toks, m.start)
        if ent.type in PLACE_TYPES and any("place" in lex.kinds(toks[k].word) for k in range(max(c0, first - 3), first)):
            return _Actor(ent.kb_id or ent.key, ent.ref(), m.start, m.end)
    return None


def _assault_target(ctx: _Context, source: _Actor, location: _Actor | None, s: int, e: int) -> _Actor | None:
    """An attack with no named target is on the state whose ground it is fought on, or on the
    other state named in the same sentence."""
    if source.ref.country is None or (source.ref.type != "GPE" and source.ref.sector != "military"):
        return None
    if location is not None and location.ref.country and location.ref.country != source.ref.country:
        country = location.ref.country
        for ent in ctx.table.entities.values():
            if ent.type == "GPE" and ent.country == country and ent.kb_id and ent.kb_id.startswith("gpe:"):
                return _Actor(ent.kb_id, ent.ref(), location.start, location.end)
        return _Actor("country:" + country, EntityRef(country, "GPE", country), location.start, location.end)
    for m in _mentions_in(ctx, s, e):
        ent = ctx.table.entity(m)
        if ent.type == "GPE" and ent.country and ent.country != source.ref.country:
            return _entity_actor(ctx, m)
    return None


_SUSPECT_ACTS = frozenset({"COERCE", "ACCUSE"})  # arrests, detentions, seizures; charges and suspicions


def _is_suspect_label(lex: EventLexicon, actor: _Actor) -> bool:
    """Whether a described actor is only the bare label of one suspect (`tersangka`; not `kedua
    tersangka` or `para pelaku`: several people)."""
    words = actor.ref.name.lower().split()
    return actor.ref.described and len(words) == 1 and "suspect" in lex.kinds(words[0])


def _nobody_else_acted_on(ctx: _Context, toks: list[_Tok], k0: int, c1: int, frame: str) -> bool:
    """Whether an act with no target names no other people it reaches either (`menangkap tiga pria
    lain` arrests other people than the suspect), but its bare label may stand (`menahan tersangka`)."""
    lex = ctx.lex
    end = min(c1, k0 + _TARGET_REACH)
    for k in range(k0, end + 1):
        if toks[k].punct or _stops(lex, toks[k].word) or lex.kinds(toks[k].word) & (_PREP_KINDS | {"to"}):
            end = k - 1  # (`penggeledahan di 2 lokasi`: where, not whom; `penyelidikan. Polisi ...`: the next clause)
            break
        if lex.kinds(toks[k].word) & {"several", "person"} or toks[k].word.isdigit():
            return False  # `menangkap tiga pria lain`, `menahan kedua tersangka`: others, or more than one
    described = _described_object(ctx, toks, k0, end, frame) if end >= k0 else None
    return described is None or _is_suspect_label(lex, described)


def _story_suspect(ctx: _Context, pos: int, source: _Actor) -> _Actor | None:
    """The suspect of a police or court story, for an arrest or a charge by a body whose clause names
    nobody (`Polres Bogor kemudian menahan tersangka`): the one person the article names right after
    a suspect's label (`tersangka FM`, `pelaku berinisial AR`) or names one (`RS (34) sebagai
    tersangka`). Several such people, or none, and nobody is chosen: which of them the act reached
    the clause does not say."""
    if ctx.suspects is None:
        ctx.suspects = _suspect_mentions(ctx)
    keys = {ctx.table.entity(m).kb_id or ctx.table.entity(m).key for m in ctx.suspects}
    if len(keys) != 1:
        return None
    before = [m for m in ctx.suspects if m.start < pos]
    actor = _entity_actor(ctx, before[-1] if before else ctx.suspects[0])
    return None if actor is None or actor.key == source.key else actor


_LABEL_BEFORE = compile_latin(r"(?:(\w+)\s+)?(\w+)\s+$")  # the two words right before a name
_ROLE_AFTER = compile_latin(r"\s*(?:\(\w+\)\s*)?(\w+)\s+(\w+)(?:\s+(\w+))?")  # the words after a name, past a bracket


def _suspect_mentions(ctx: _Context) -> list[Any]:
    """The mentions of people right after a suspect's label (with at most one naming word between),
    or named a suspect just after (`RS (34) sebagai tersangka`)."""
    kinds = ctx.lex.kinds
    found = []
    for m in ctx.table.mentions:
        if ctx.table.entity(m).type != "PER":
            continue
        before = _LABEL_BEFORE.search(ctx.lowered, max(0, m.start - 40), m.start)
        prev, last = before.groups() if before is not None else (None, "")
        after = _ROLE_AFTER.match(ctx.lowered, m.end)
        named_after = after is not None and "as_role" in kinds(after.group(1)) and "suspect" in kinds(after.group(2)) \
            and not (after.group(3) and "suspect_compound" in kinds(after.group(3)))  # not `sebagai pelaku usaha`
        if "suspect" in kinds(last) or ("naming_word" in kinds(last) and prev and "suspect" in kinds(prev)) or named_after:
            found.append(m)  # `tersangka FM`, `pelaku berinisial AR`, `menetapkan RS (34) sebagai tersangka`
    return found


def _own_state(source: _Actor, target: _Actor) -> bool:
    """`Merz akan mengirim pasukan Jerman`: the source's own country is not its counterpart; its
    government is, for a person or body that is not the state (`Budi mendesak pemerintah`)."""
    if target.ref.sector == "government" and source.ref.type != "GPE":
        return False
    return target.ref.type == "GPE" and target.ref.country is not None and target.ref.country == source.ref.country


def _has_counterpart(ctx: _Context, toks: list[_Tok], type_: str, source: _Actor, target: _Actor | None,
                     last: int, c1: int) -> bool:
    """Support or accusation of nobody is no event (a denial is); a consultation needs a second side,
    named or not (`dengan para pemangku kepentingan`), or a source made of several (an alliance)."""
    need = plover_types()[type_].counterpart if type_ in plover_types() else "optional"
    if need == "optional" or target is not None:
        return True
    if need == "required":
        return False
    if any("with" in ctx.lex.kinds(toks[k].word) for k in range(last + 1, min(c1, last + _TARGET_REACH) + 1)):
        return True
    return source.ref.sector == "igo"


def _speaker_of_quote(ctx: _Context, pos: int) -> _Actor | None:
    quote = _quote_at(ctx, pos)
    return _speaker_actor(quote, pos, pos) if quote is not None and quote.kind == "direct" else None


def _speaker_actor(quote: Quote | None, start: int, end: int) -> _Actor | None:
    """The quote's speaker as an actor, when the quote names one (an unfilled office does not act)."""
    if quote is None or quote.speaker is None or quote.speaker.type == "ROLE":
        return None
    return _Actor(quote.speaker.kb_id or quote.speaker.name, quote.speaker, start, end)


def _purpose_follows(ctx: _Context, toks: list[_Tok], last: int, c1: int) -> bool:
    """An `agar`/`supaya`/`untuk` after the event word, in its clause or opening the next."""
    for k in range(last + 1, min(len(toks), c1 + 2)):
        if "purpose" in ctx.lex.kinds(toks[k].word) or toks[k].word == "untuk":
            return True
    return False


def _asked_in_purpose_clause(ctx: _Context, toks: list[_Tok], c1: int, source: _Actor) -> _Actor | None:
    """`meminta agar TNI mengungkapkan ...`: the one asked is the subject of the `agar` clause."""
    k = c1 + 1
    if k >= len(toks) or "purpose" not in ctx.lex.kinds(toks[k].word):
        return None
    return _first_actor(ctx, toks, k + 1, min(len(toks) - 1, k + 4))


def _reporter(ctx: _Context, pos: int) -> EntityRef | None:
    quote = _quote_at(ctx, pos)
    return quote.speaker if quote is not None else None


# ---------------------------------------------------------------- mode, date, merging


def _mode(lex: EventLexicon, toks: list[_Tok], subject_end: int, i: int, c0: int, c1: int) -> str | None:
    lo = max(subject_end + 1, c0, i - _WINDOW)
    modes: set[str] = set()
    k = lo
    while k < i:
        for n in range(min(lex.longest_cue, i - k), 0, -1):
            words = tuple(t.word for t in toks[k:k + n])
            cue = lex.mode_cues.get(words)
            if cue:
                modes.add(cue[0])
                k += n - 1
                break
        k += 1
    for k in range(0, c1 + 1):  # a condition anywhere in the sentence up to the clause's end
        cue = lex.mode_cues.get((toks[k].word,))
        if cue and cue[1] == "clause":
            modes.add(cue[0])
    if "negated" in modes:
        return "negated"
    return "intent" if "intent" in modes else None


def _date_for(dated: list[TimeExpr], starts: list[int], s: int, e: int, published: dt.date | None) -> str | None:
    """The first day or month the sentence [s, e) names (`dated` by start), else the publication day."""
    i = bisect.bisect_left(starts, s)
    if i < len(starts) and starts[i] < e:
        return dated[i].value
    return published.isoformat() if published else None


def _actor_key(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.kb_id or ref.name.lower()


#: How sure each way of finding an act is, in a fixed order (the model's band first, then whether
#: the doer stood in the clause), so which telling speaks for a merged act never depends on the
#: calibrated confidences that are themselves measured on what the coder gives.
_BAND_ORDER = {"lexicon": 2, "high": 2, "low": 1}
_WAY_ORDER = {"clause": 1, "carried": 0}


def _sureness(found_by: str) -> tuple[int, int]:
    way, band = (found_by.split(":") + [""])[:2]
    return _BAND_ORDER.get(band, 0), _WAY_ORDER.get(way, 0)


def _aimed(event: Event) -> str:
    """`named` when the event is aimed at someone the text names, `open` otherwise."""
    return "named" if event.target is not None and not event.target.described else "open"


def _aim(event: Event) -> None:
    """Set whether the event is aimed at someone named (the last part of `found_by`) from its target,
    with the confidence that goes with it."""
    way, _, aimed = event.found_by.rpartition(":")
    now = _aimed(event)
    if way and aimed in ("named", "open") and aimed != now:
        event.found_by = f"{way}:{now}"
        event.confidence = event_confidence(event.found_by)


def _merge(coded: list[tuple[Event, str]]) -> list[Event]:
    """One event per act: the same type, mode and actors told again adds an evidence span instead
    of a row, unless a place differs; told with another event word, place and date must agree.
    Kept events are looked up by type, mode and source, so a long article costs what its acts do."""
    kept: list[tuple[Event, str]] = []
    by_doer: dict[tuple, list[tuple[Event, str]]] = {}
    for event, stem in coded:
        group = by_doer.setdefault((event.type, event.mode, _actor_key(event.source)), [])
        for other, other_stem in group:
            if _actor_key(other.target) != _actor_key(event.target):
                # `AR meminta maaf` and `AR meminta maaf kepada Polri`: one act, told once with its target
                if stem != other_stem or (other.target is not None and event.target is not None):
                    continue
                other.target = other.target or event.target
            if event.location and other.location and event.location != other.location:
                continue
            if stem != other_stem and (event.location != other.location or event.date != other.date):
                continue
            other.spans.append((event.start, event.end))
            other.location = other.location or event.location
            if _sureness(event.found_by) > _sureness(other.found_by):  # the surest telling speaks for the act
                other.confidence, other.found_by = event.confidence, event.found_by
            _aim(other)  # the merged act may have gained its target from the other telling
            break
        else:
            kept.append((event, stem))
            group.append((event, stem))
    return [event for event, _ in kept]

