"""A learned reader of who did an act and to whom, for acts the clause rules cannot place.

The coder's rules find the doer as the clause's subject, an `oleh` agent or a pronoun; news often
names the doer a sentence earlier, in a title before a comma, or as the speaker of the quote the
act sits in. This model, trained by `tools/train_events.py` on our own event corpus, looks at each
actor named in the act's sentence and the two before it (and the quote's speaker) and says how
likely it is the act's source, its target or neither, from where it stands (before or after the act
word, how far, in which sentence), the word before it (`oleh`, `dengan`, `kepada`, `terhadap`,
`dari`), the act word's form and type, its own type, and whether it speaks the quote.

Each (act, actor) pair is one classification, as for `event_model`.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

MODEL_RESOURCE = "event_actors_id.crfsuite"
SOURCE, TARGET, NEITHER = "SRC", "TGT", "O"
_SENTENCES_BACK = 2  # sentences before the act's whose actors are candidates


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor mention that may be an act's source or target."""

    start: int
    end: int
    key: str  # the entity's key: mentions of one entity are one actor
    type: str  # PER, ORG, GPE
    speaker: bool = False  # it is the speaker of the quote the act stands in
    ref: Any = None  # the actor as an `EntityRef` when it is known only as a quote's speaker
    mention: Any = None  # the entity mention it stands for, otherwise


def _distance_band(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "far"


def pair_features(text: str, lowered: str, cand: Candidate, trig_start: int, trig_end: int, form: str,
                  type_: str, frame: str, sentence_back: int, between: int, rank: int,
                  in_quote: bool) -> list[str]:
    """The features of one (act, actor) pair.

    `sentence_back` is 0 for the act's sentence, 1 or 2 for earlier ones; `between` the number of
    other actors standing between the two; `rank` the actor's place among the article's actors by
    mentions (0 = the most named)."""
    before = cand.end <= trig_start
    gap = lowered[cand.end:trig_start] if before else lowered[trig_end:cand.start]
    words = gap.split()
    side = "before" if before else "after"
    prev = lowered[max(0, cand.start - 30):cand.start].split()
    word_before = prev[-1].strip(",.\"'") if prev else "^"
    nxt = lowered[cand.end:cand.end + 30].split()
    word_after = nxt[0].strip(",.\"'") if nxt else "$"
    feats = ["b", f"side={side}", f"dist={_distance_band(len(words))}", f"sent={sentence_back}",
             f"type={cand.type}", f"form={form}", f"act={type_}", f"frame={frame}",
             f"side_form={side}|{form}", f"side_type={side}|{type_}", f"side_sent={side}|{sentence_back}",
             f"wb={word_before}", f"wb_side={word_before}|{side}", f"wa={word_after}",
             f"between={min(between, 2)}", f"rank={min(rank, 3)}", f"etype_act={cand.type}|{type_}"]
    if in_quote:
        feats.append("in_quote")
    if cand.speaker:
        feats += ["speaker", f"speaker_form={form}"]
    if "," in gap:
        feats.append("comma_between")
    if '"' in gap or "“" in gap or "”" in gap:
        feats.append("quote_between")
    if before and words:
        feats.append(f"gap_last={words[-1].strip(',.')}")
    if not before and words:
        feats.append(f"gap_first={words[0].strip(',.')}")
    return feats


def candidates(text: str, mentions: Sequence[Any], entity: Any, sentences: Sequence[tuple[int, int]],
               sentence_no: int, speaker: Candidate | None,
               actor_types: frozenset[str]) -> list[tuple[Candidate, int]]:
    """The actor mentions of the act's sentence and the two before it, each with how many
    sentences back it stands; the speaker of the quote the act stands in joins them."""
    lo = sentences[max(0, sentence_no - _SENTENCES_BACK)][0]
    hi = sentences[sentence_no][1]
    starts = [m.start for m in mentions]
    out: list[tuple[Candidate, int]] = []
    sent_starts = [s for s, _ in sentences]
    for m in mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
        ent = entity(m)
        if ent.type not in actor_types or (ent.type == "GPE" and not (ent.kb_id or "").startswith("gpe:")):
            continue
        back = sentence_no - (bisect.bisect_right(sent_starts, m.start) - 1)
        out.append((Candidate(m.start, m.end, ent.kb_id or ent.key, ent.type, mention=m), back))
    if speaker is not None and not any(c.key == speaker.key for c, _ in out):
        out.append((speaker, 0))
    elif speaker is not None:
        out = [(Candidate(c.start, c.end, c.key, c.type, speaker=c.key == speaker.key, mention=c.mention), b)
               for c, b in out]
    return out


@dataclass(frozen=True, slots=True)
class ActorView:
    """What the pair reader needs of an article: its text (and lower case), actor mentions sorted by
    start with their entities, sentences, quotes, and each actor's rank by mentions."""

    text: str
    lowered: str
    mentions: Sequence[Any]
    entity: Any  # mention -> Entity
    sentences: Sequence[tuple[int, int]]
    quotes: Sequence[Any]
    ranks: dict[str, int]
    actor_types: frozenset[str]

    def speaker_at(self, pos: int) -> Candidate | None:
        """The speaker of the quote the position stands in, when the quote names one."""
        for q in self.quotes:
            if q.start <= pos < q.end and q.speaker is not None and q.speaker.type in self.actor_types:
                span = q.speaker_span or (q.start, q.start)
                key = q.speaker.kb_id or next((e.key for e in map(self.entity, self.mentions)
                                               if e.name == q.speaker.name), q.speaker.name)
                return Candidate(span[0], span[1], key, q.speaker.type, speaker=True, ref=q.speaker)
        return None

    def in_quote(self, pos: int) -> bool:
        return any(q.start <= pos < q.end for q in self.quotes)


def pair_rows(view: ActorView, trig_start: int, trig_end: int, form: str, type_: str,
              frame: str) -> list[tuple[Candidate, list[str]]]:
    """Every candidate actor of an act with the features of the pair."""
    starts = [s for s, _ in view.sentences]
    sentence_no = max(0, bisect.bisect_right(starts, trig_start) - 1)
    speaker = view.speaker_at(trig_start)
    found = candidates(view.text, view.mentions, view.entity, view.sentences, sentence_no, speaker,
                       view.actor_types)
    positions = sorted(c.start for c, _ in found)
    in_quote = view.in_quote(trig_start)
    rows = []
    for cand, back in found:
        lo, hi = (cand.end, trig_start) if cand.end <= trig_start else (trig_end, cand.start)
        between = sum(1 for p in positions if lo <= p < hi and p != cand.start)
        rows.append((cand, pair_features(view.text, view.lowered, cand, trig_start, trig_end, form, type_, frame,
                                         back, between, view.ranks.get(cand.key, 9), in_quote)))
    return rows


def actor_ranks(entities: Sequence[Any]) -> dict[str, int]:
    """Each entity's place by how often the article names it (0 = most)."""
    order = sorted(entities, key=lambda e: -len(e.mentions))
    return {(e.kb_id or e.key): i for i, e in enumerate(order)}


class ActorModel:
    """The shipped pair classifier, loaded once per thread."""

    def __init__(self, model_path: str | None = None) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        if model_path is None:
            with resources.as_file(resources.files("jejak.models").joinpath(MODEL_RESOURCE)) as path:
                self._tagger.open(str(path))
        else:
            self._tagger.open(model_path)

    def probabilities(self, features: list[str]) -> tuple[float, float]:
        """(P(source), P(target)) of one pair."""
        self._tagger.set([features])
        return self._tagger.marginal(SOURCE, 0), self._tagger.marginal(TARGET, 0)


_PER_THREAD = threading.local()


def default_actor_model() -> ActorModel | None:
    model = getattr(_PER_THREAD, "model", None)
    if model is not None or getattr(_PER_THREAD, "missing", False):
        return model
    try:
        model = ActorModel()
    except (ImportError, FileNotFoundError, OSError):
        _PER_THREAD.missing = True
        return None
    _PER_THREAD.model = model
    return model
