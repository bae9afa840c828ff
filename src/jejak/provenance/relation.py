"""How two articles relate: `copy`, `sibling`, `same-story`, `background` or `unrelated`, with a score and the reasons.

The rules read like a fact-checker's: a *copy* shares a large part of its wording with the
other text (one derives from the other, or both from one press release) and appeared within a
day or two of it, or nearly every sentence of it has a word-by-word match in the other (a
copy spun with synonyms, whose shingles no longer match), or it is in another language and
carries nearly all the same facts (a translation: the fact fingerprint does not depend on the
language; one or two figures or days stated otherwise on each side count as the same facts
changed, `jejak.provenance.translation`), or it carries nearly every sentence of the shorter text (a report pasted into
another). A copy whose two texts both say they rewrite one common source (a press release, a
written statement, a news agency's wire) and neither credits the other is a *sibling* pair:
both rewrote the source, neither copied the other. Shared wording across a longer gap, or with
other days and other figures, is a refilled template (the daily gold price, a standings page)
or recycled background, not a copy. A *same-story* pair tells the same event in its own words:
it names the same facts (people, bodies, amounts, dates) or carries a like headline, within two
days. A copy whose shared wording an older third report already published is a *background* pair
(`jejak.provenance.background`; only where the older reports are at hand). Everything else is *unrelated*. The thresholds were set on the hand-labelled CLICK-ID dev
pairs (`jejak eval ../shared/eval/dev`), where overlap alone decided only the extremes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jejak.provenance.background import Background
from jejak.provenance.document import ProvDoc, same_publisher
from jejak.provenance.evidence import PairEvidence, gather_evidence
from jejak.provenance.origin import credits, earlier_of, spin_weight
from jejak.provenance.same_event import same_event_probability, shipped_judge

RELATIONS = ("copy", "sibling", "same-story", "background", "unrelated")
COPYING = frozenset({"copy", "sibling"})  # shared wording: one copied the other, or both one source
SIBLING_MAX_CONTAINMENT = 0.8  # two rewrites of one release share much, but not nearly all, of their wording


@dataclass(frozen=True)
class RelationRules:
    """Thresholds of the relation rules (see the module docstring for why each exists)."""

    min_words: int = 20                  # shorter texts are stubs: too little to judge
    copy_containment: float = 0.33      # shared 5-gram wording, within one day
    copy_containment_late: float = 0.40  # the same, two days apart
    copy_max_days: int = 2
    copy_passage_share: float = 0.8      # or nearly every sentence of the shorter text is in the other
    copy_min_passages: int = 2
    copy_spun_share: float = 0.8         # or nearly every sentence has a word-by-word match: spun
    copy_spun_min_sentences: int = 3
    translated_fact_overlap: float = 0.9  # or, across languages, nearly the same facts
    translated_min_facts: int = 6
    translated_max_changed: int = 2      # ... where at most this many figures or days are stated otherwise
    story_max_days: int = 2
    story_facts_and_title: float = 0.75  # fact overlap + title similarity
    story_wording: float = 0.15          # or this much shared wording
    story_shared_figures: int = 2        # or this many amounts named by both, with other facts
    story_shared_facts: int = 5
    template_max_containment: float = 0.9  # other days and figures in this much shared wording: a template


DEFAULT_RULES = RelationRules()


@dataclass
class Relation:
    """The verdict on one pair, with the evidence behind it."""

    a: str
    b: str
    relation: str
    score: float                 # the shared-wording containment, 0..1
    earlier: str | None          # id of the article published first, when it can be told
    evidence: PairEvidence = field(default_factory=PairEvidence)
    reasons: list[str] = field(default_factory=list)
    common_source: str | None = None  # for siblings: the source both say they rewrite
    same_event: float | None = None   # the judge's probability that both tell one event (see `same_event`);
                                      # None for copies, and where the judge cannot tell
    background: Background | None = None  # for `background` pairs: the older report that published it

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "relation": self.relation, "score": round(self.score, 3),
                "earlier": self.earlier, "reasons": self.reasons, "common_source": self.common_source,
                "same_event": None if self.same_event is None else round(self.same_event, 3),
                "background": self.background.to_dict() if self.background else None,
                "evidence": self.evidence.to_dict()}


def decide(ev: PairEvidence, rules: RelationRules = DEFAULT_RULES) -> tuple[str, list[str]]:
    """The relation that the evidence supports, and why.

    Without publication days the gap is unknown; the rules then read the days the texts name:
    the same wording with other dates is a template refilled for another day."""
    known = ev.day_gap is not None
    gap = ev.day_gap if known else (rules.story_max_days + 1 if ev.text_days_differ else 0)
    when = f"{gap} day(s) apart" if known else (
        "publication days unknown; the texts name other days" if ev.text_days_differ else "publication days unknown")
    c = ev.containment
    if ev.shorter_words < rules.min_words:
        return "unrelated", [f"the shorter text has {ev.shorter_words} words, too few to tell"]
    if ev.text_days_differ and ev.figures_differ and rules.copy_containment <= c < rules.template_max_containment:
        return "unrelated", [f"shares {c:.0%} of its wording but names other days and other figures: "
                             "one template filled for another day", when]
    if gap <= 1 and c >= rules.copy_containment or gap <= rules.copy_max_days and c >= rules.copy_containment_late:
        return "copy", [f"{c:.0%} of the shorter text's 5-word shingles are shared", when]
    if gap <= 1 and ev.passage_share >= rules.copy_passage_share and len(ev.passages) >= rules.copy_min_passages:
        return "copy", [f"{ev.passage_share:.0%} of the shorter text's sentences appear in the other", when]
    if gap <= 1 and ev.spun_share >= rules.copy_spun_share and ev.spun_sentences >= rules.copy_spun_min_sentences:
        return "copy", [f"{ev.spun_share:.0%} of the shorter text's sentences match the other's word for word "
                        "or by synonyms: a spun copy", when]
    changed = len(ev.changed_figures)
    if gap <= 1 and ev.cross_language and ev.translated_overlap >= rules.translated_fact_overlap \
            and len(ev.shared_facts) + changed >= rules.translated_min_facts and changed <= rules.translated_max_changed:
        stated = f", {changed} figure{'s' if changed > 1 else ''} stated otherwise" if changed else ""
        return "copy", [f"written in another language with {ev.translated_overlap:.0%} of the same facts "
                        f"({len(ev.shared_facts)}{stated}): a translation", when]
    if gap > rules.story_max_days:
        why = [when]
        if c >= rules.copy_containment:
            why.append(f"shares {c:.0%} of its wording: a refilled template or recycled background")
        return "unrelated", why
    closeness = ev.fact_overlap + ev.title_similarity
    if closeness >= rules.story_facts_and_title:
        return "same-story", [f"{ev.fact_overlap:.0%} of the facts shared, titles {ev.title_similarity:.0%} alike"]
    figures = [f for f in ev.shared_facts if f.startswith("amt:")]
    if len(figures) >= rules.story_shared_figures and len(ev.shared_facts) >= rules.story_shared_facts:
        return "same-story", [f"both give the same figures ({', '.join(figures[:3])}) and "
                              f"{len(ev.shared_facts)} shared facts in all"]
    if c >= rules.story_wording:
        return "same-story", [f"{c:.0%} of the wording shared, not enough for a copy"]
    return "unrelated", ["few shared facts or words"]


def relate(a: ProvDoc, b: ProvDoc, rules: RelationRules = DEFAULT_RULES) -> Relation:
    """Compare two articles: relation, score, the earlier one, and the evidence."""
    ev = gather_evidence(a, b)
    relation, reasons = decide(ev, rules)
    source = sibling_source(a, b, ev) if relation == "copy" else None
    if source:
        relation = "sibling"
        reasons.append(f"both say they rewrite one {source}: siblings, neither a copy of the other")
    same = event_probability(a, b, rules) if relation in ("same-story", "unrelated") else None
    if same is not None and relation == "same-story":
        reasons.append(f"one event with probability {same:.2f} by titles, leads, rare words, speakers and days")
    elif same is not None and same >= shipped_judge().threshold:
        reasons.append(f"yet one event with probability {same:.2f} by titles, leads, rare words, speakers "
                       "and days: the stories join them")
    earlier, why = earlier_of(a, b)
    if earlier is not None:
        reasons.append(why + (" (which says nothing about copying)" if source else ""))
    return Relation(a.id, b.id, relation, ev.containment, earlier, ev, reasons, source, same)


def as_background(verdict: Relation, background: Background, a: ProvDoc, b: ProvDoc,
                  rules: RelationRules = DEFAULT_RULES) -> Relation:
    """A copy verdict turned into a `background` pair: the two share wording that an older report
    published first (`jejak.provenance.background`), and each brings its own news. No original,
    no distortions; the stories keep them together as they did when such pairs were copies."""
    day = f" on {background.published.isoformat()}" if background.published else ""
    reasons = [f"{background.covered:.0%} of the wording they share was published by {background.source}{day}, "
               f"before either; beyond it they share {background.own:.0%} of the shorter text: shared "
               "background, not a copy of each other"]
    same = event_probability(a, b, rules)
    if same is not None:
        reasons.append(f"one event with probability {same:.2f} by titles, leads, rare words, speakers and days")
    return Relation(verdict.a, verdict.b, "background", verdict.score, None, verdict.evidence, reasons, None, same,
                    background)


def likely_same_event(a: ProvDoc, b: ProvDoc, rules: RelationRules = DEFAULT_RULES) -> bool:
    """A quick look before the full comparison, for pairs met by their titles alone: the same-event
    judge clears its threshold."""
    p = event_probability(a, b, rules)
    return p is not None and p >= shipped_judge().threshold


def event_probability(a: ProvDoc, b: ProvDoc, rules: RelationRules = DEFAULT_RULES) -> float | None:
    """The same-event judge's probability for two reports in one language within the story window;
    None where it cannot tell (another language, too far apart, a stub)."""
    if a.lang != b.lang or min(a.word_count, b.word_count) < rules.min_words:
        return None
    if a.published and b.published and abs((a.published - b.published).days) > rules.story_max_days:
        return None
    return same_event_probability(a.event_profile, b.event_profile)


def sibling_source(a: ProvDoc, b: ProvDoc, ev: PairEvidence) -> str | None:
    """The common source two copying reports both name (a press release, a written statement, a
    news agency), when neither credits the other: then each rewrote it, and neither is the
    original. Without such a credit two rewrites of one release still read as a copy; a spun copy
    and a text republished nearly word for word are copies whatever they cite."""
    shared = sorted(set(a.sources) & set(b.sources))
    if not shared or credits(a, b) or credits(b, a) or spin_weight(a) or spin_weight(b) or same_publisher(a, b):
        return None  # a spun or re-hosted copy copied someone, whatever it cites; one outlet re-versions its own
    if ev.containment >= SIBLING_MAX_CONTAINMENT:
        return None  # the same text nearly word for word: one republished the other
    return shared[0]
