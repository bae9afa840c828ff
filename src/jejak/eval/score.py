"""Scoring an analysis record against a gold reading, as `../shared/eval/FORMAT.md` defines it.

Quotes match by word-set Jaccard ≥ 0.6; times and amounts by overlapping text with an exact
value (amounts within 0.5 %); entities as distinct (name, type) pairs, a gold name counting for the
knowledge-base entity it names; events by type with agreeing source and target; the body by where
it ends and what it no longer holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

_WORD = re.compile(r"\w+", re.UNICODE)


def word_set(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass
class Counts:
    """True positives, predictions and gold items of one category, summed over articles."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    correct: int = 0  # e.g. matched quotes whose speaker is right

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Share of matched items that are also right (speaker accuracy)."""
        return self.correct / self.tp if self.tp else 0.0

    @property
    def end_to_end_f1(self) -> float:
        p = self.correct / self.pred if self.pred else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    body_ok: bool = True
    misses: list[str] = field(default_factory=list)  # human-readable mistakes, for --verbose


def _greedy_pairs(scores: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching: best scores first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _score, pi, gi in sorted(scores, key=lambda t: -t[0]):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pi, gi))
    return pairs


def _norm(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _speaker_names(gold_quote: dict[str, Any], gold: dict[str, Any]) -> set[str]:
    speaker = gold_quote.get("speaker")
    if speaker is None:
        return set()
    names = {_norm(speaker)} | {_norm(a) for a in gold_quote.get("speaker_aliases", [])}
    for ent in gold.get("entities", []):
        if _norm(ent["name"]) == _norm(speaker) or _norm(speaker) in {_norm(a) for a in ent.get("aliases", [])}:
            names.add(_norm(ent["name"]))
            names.update(_norm(a) for a in ent.get("aliases", []))
    return names


def _surname_ok(pred: str, gold_name: str, gold: dict[str, Any]) -> bool:
    """A surname alone counts when no other person of the article shares it."""
    parts = pred.split()
    if len(parts) != 1 or not gold_name:
        return False
    if gold_name.split()[-1] != parts[0]:
        return False
    persons = [_norm(e["name"]) for e in gold.get("entities", []) if e.get("type") == "PER"]
    return sum(1 for p in persons if p.split() and p.split()[-1] == parts[0]) <= 1


def speaker_right(pred_speaker: dict[str, Any] | None, gold_quote: dict[str, Any], gold: dict[str, Any]) -> bool:
    names = _speaker_names(gold_quote, gold)
    pred = _norm(pred_speaker.get("name")) if pred_speaker else ""
    if not names:
        return not pred
    if pred in names:
        return True
    kb_id = pred_speaker.get("kb_id") if pred_speaker else None
    if kb_id and gold_quote.get("speaker"):  # `Yusril` in the reader's words, Yusril Ihza Mahendra in the KB's
        said = _norm(gold_quote["speaker"])
        own = [e for e in gold.get("entities", [])  # the entity the speaker names, by name or by alias
               if _norm(e["name"]) == said or said in {_norm(a) for a in e.get("aliases", [])}]
        forms = [*gold_quote.get("speaker_aliases", []), *(f for e in own for f in (e["name"], *e.get("aliases", [])))]
        type_ = own[0].get("type") if own else None
        if kb_id in _kb_entities_named({"name": gold_quote["speaker"], "aliases": forms, "type": type_}):
            return True
    return _surname_ok(pred, _norm(gold_quote.get("speaker")), gold)


def score_quotes(record: dict[str, Any], gold: dict[str, Any], kind: str, misses: list[str]) -> Counts:
    preds = [q for q in record.get("quotes", []) if q.get("kind") == kind]
    golds = [q for q in gold.get("quotes", []) if q.get("kind") == kind]
    pw = [word_set(q["text"]) for q in preds]
    gw = [word_set(q["quote"]) for q in golds]
    cand = [(jaccard(a, b), i, j) for i, a in enumerate(pw) for j, b in enumerate(gw)]
    pairs = _greedy_pairs(c for c in cand if c[0] >= 0.6)
    c = Counts(tp=len(pairs), pred=len(preds), gold=len(golds))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    for pi, gi in pairs:
        if speaker_right(preds[pi].get("speaker"), golds[gi], gold):
            c.correct += 1
        else:
            got = (preds[pi].get("speaker") or {}).get("name")
            misses.append(f"{kind} speaker: got {got!r}, want {golds[gi].get('speaker')!r}: {golds[gi]['quote'][:70]!r}")
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            misses.append(f"{kind} missed: {g['quote'][:90]!r} ({g.get('speaker')})")
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            misses.append(f"{kind} extra: {p['text'][:90]!r}")
    return c


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
    if not spans:  # gold copied from a mis-decoded source (`23Â°C`) against our repaired text
        from jejak.clean.mojibake import repair_mojibake

        fixed = repair_mojibake(needle)[0]
        if fixed != needle:
            return _occurrences(text, fixed)
    if not spans:
        low = text.casefold()
        spans = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle.casefold()), low)]
    return spans


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < ge and gs < e for gs, ge in spans)


def _amount_equal(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    gv, pv = float(gold["value"]), float(pred.get("value", 0.0))
    if gv == 0:
        same = pv == 0
    else:
        same = abs(pv - gv) <= 0.005 * abs(gv)
    if not same:
        return False
    if gold.get("currency") or pred.get("currency"):
        return gold.get("currency") == pred.get("currency")
    return (gold.get("unit") or None) == (pred.get("unit") or None)


def score_spans(record: dict[str, Any], gold_items: list[dict[str, Any]], preds: list[dict[str, Any]],
                equal, label: str, misses: list[str]) -> Counts:
    text = record.get("text", "")
    gold_spans = [_occurrences(text, g["text"]) for g in gold_items]
    cand = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(gold_items):
            if _overlaps(p["start"], p["end"], gold_spans[gi]) and equal(p, g):
                cand.append((1.0, pi, gi))
    pairs = _greedy_pairs(cand)
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    for gi, g in enumerate(gold_items):
        if gi not in matched_g:
            got = [p for p in preds if _overlaps(p["start"], p["end"], gold_spans[gi])]
            extra = f" got {[(p['text'], p.get('value')) for p in got]}" if got else ""
            misses.append(f"{label} missed: {g['text']!r} = {g.get('value')} {g.get('currency') or g.get('unit') or ''}{extra}")
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            misses.append(f"{label} extra: {p['text']!r} = {p.get('value')} {p.get('currency') or p.get('unit') or ''}")
    return Counts(tp=len(pairs), pred=len(preds), gold=len(gold_items))


def score_entities(record: dict[str, Any], gold: dict[str, Any], misses: list[str]) -> Counts:
    kb_of: dict[tuple[str, str], str] = {}
    for e in record.get("entities", []):
        if e.get("kb_id"):
            kb_of.setdefault((_norm(e["name"]), e["type"]), e["kb_id"])
    preds = sorted({(_norm(e["name"]), e["type"]) for e in record.get("entities", [])})
    golds = gold.get("entities", [])
    gold_names = [({_norm(g["name"])} | {_norm(a) for a in g.get("aliases", [])}, g["type"]) for g in golds]
    gold_kb = [_kb_entities_named(g) for g in golds]
    # a reader blind to the knowledge base writes the article's name (`DPR`); jejak writes the
    # KB's canonical one (FORMAT.md): the KB entity a gold name names is the same entity. An exact
    # name is preferred when both could pair.
    cand = [(1.0 if n in names else 0.9, pi, gi) for pi, (n, t) in enumerate(preds)
            for gi, (names, gt) in enumerate(gold_names)
            if t == gt and (n in names or kb_of.get((n, t)) in gold_kb[gi])]
    pairs = _greedy_pairs(cand)
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            misses.append(f"entity missed: {g['name']!r} {g['type']}")
    for pi, (n, t) in enumerate(preds):
        if pi not in matched_p:
            misses.append(f"entity extra: {n!r} {t}")
    return Counts(tp=len(pairs), pred=len(preds), gold=len(golds))


def _actor_names(gold: dict[str, Any]) -> tuple[set[str], str | None]:
    """An actor of our own corpus (`{"name", "aliases", "country"}`): its accepted names and country."""
    names = {_norm(gold.get("name"))} | {_norm(a) for a in gold.get("aliases", [])}
    return names, gold.get("country")


def _actor_agrees(pred: dict[str, Any] | None, gold: str | dict[str, Any] | None) -> bool:
    """Whether a predicted actor is the gold one. The shared gold writes a state as its code and
    matches any actor of it. Our own corpus names actors with aliases, a country code for a
    state, and `described` for an actor the article does not name (`warga`, `massa`): that one
    matches no actor or an actor jejak marks as described, in any words. A name of ours
    also matches the knowledge-base entity it names (`KPU RI` is Komisi Pemilihan Umum)."""
    if gold is None:
        return pred is None
    if isinstance(gold, dict) and gold.get("described") and (pred is None or pred.get("described")):
        return True  # jejak's description need not use the reader's words (`massa` for `massa aksi`)
    if pred is None:
        return False
    if isinstance(gold, str):
        return pred.get("country") == gold or _norm(pred.get("name")) == _norm(gold)
    names, country = _actor_names(gold)
    if (country is not None and pred.get("country") == country and pred.get("type") in (None, "GPE")) \
            or _norm(pred.get("name")) in names:
        return True  # a state is matched by a state's code, not by any citizen or body of it
    kb_id = pred.get("kb_id")
    return bool(kb_id) and any(kb_id in _kb_ids(n) for n in [gold.get("name"), *gold.get("aliases", [])] if n)


_BRACKETED = re.compile(r"\s*\([^)]*\)")


def _kb_entities_named(gold: dict[str, Any]) -> frozenset[str]:
    """The knowledge-base entities a gold entity's names name (a name the KB gives several counts
    for the one of the gold's country), and none when one of a body's names is a longer form the
    KB does not know that goes on after a name it does (`Komisi I DPRD Solo` beside `Komisi I`:
    the reader meant a body more specific than the one the KB calls `Komisi I`; a title before a
    name, `Menteri Keuangan Sri Mulyani`, narrows nothing)."""
    forms = [" ".join(_BRACKETED.sub("", f).split()) for f in [gold.get("name"), *gold.get("aliases", [])] if f]
    known = [f for f in forms if _kb_ids(f)]
    if gold.get("type") != "PER":  # a person's fuller spelling (`Luhut B. Pandjaitan`) narrows nothing
        for unknown in (f for f in forms if f and not _kb_ids(f)):
            words = unknown.casefold().split()
            if any(len(words) > len(k.split()) and words[:len(k.split())] == k.casefold().split() for k in known):
                return frozenset()
    # a name the KB gives two entities (`PBB`: the UN and a party) names the one of the reader's
    # country, if the reader gave one and one fits, else neither
    return frozenset().union(*(_kb_ids(f) if len(_kb_ids(f)) == 1 else _of_country(_kb_ids(f), gold.get("country"))
                               for f in known))


def _of_country(ids: frozenset[str], country: str | None) -> frozenset[str]:
    if not country:
        return frozenset()
    from jejak.kb import default_kb

    kb = default_kb()
    fitting = frozenset(i for i in ids if i in kb.entities and kb.entities[i].country == country)
    return fitting if len(fitting) == 1 else frozenset()


@lru_cache(maxsize=4096)
def _kb_ids(name: str) -> frozenset[str]:
    from jejak.kb import default_kb

    return frozenset(default_kb().ids_named(name))


def _actor_label(actor: str | dict[str, Any] | None) -> str:
    if actor is None or isinstance(actor, str):
        return str(actor)
    return actor.get("name") or "?"


def score_events_pairs(record: dict[str, Any], gold: dict[str, Any]) -> list[tuple[int, int]]:
    """(predicted, gold) index pairs of the events that match: same type, agreeing actors."""
    preds, golds = record.get("events", []), gold.get("events", [])
    return _greedy_pairs((1.0, pi, gi) for pi, p in enumerate(preds) for gi, g in enumerate(golds)
                         if p["type"] == g["type"] and _actor_agrees(p.get("source"), g.get("source"))
                         and _actor_agrees(p.get("target"), g.get("target")))


def score_events(record: dict[str, Any], gold: dict[str, Any], misses: list[str]) -> Counts:
    preds = record.get("events", [])
    golds = gold.get("events", [])
    pairs = score_events_pairs(record, gold)
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            misses.append(f"event missed: {g['type']} {_actor_label(g.get('source'))} -> "
                          f"{_actor_label(g.get('target'))} | {str(g.get('evidence'))[:90]}")
    text = record.get("text", "")
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            span = p.get("evidence") or {}
            ev = text[span["start"]:span["end"]] if text and "start" in span else ""
            misses.append(f"event extra: {p['type']} {(p.get('source') or {}).get('name')} -> "
                          f"{(p.get('target') or {}).get('name')} | {ev[:90]}")
    return Counts(tp=len(pairs), pred=len(preds), gold=len(golds))


def body_ok(record: dict[str, Any], gold: dict[str, Any], misses: list[str]) -> bool:
    text = record.get("text", "").rstrip()
    ends = (gold.get("body_ends_with") or "").strip()
    ok = True
    if ends and not text.endswith(ends):
        misses.append(f"body ends with {text[-60:]!r}, want {ends[-60:]!r}")
        ok = False
    for junk in gold.get("furniture") or []:
        if junk.strip() and junk.strip() in text:
            misses.append(f"body still holds furniture {junk!r}")
            ok = False
    return ok


CATEGORIES = ("direct", "indirect", "times", "amounts", "entities", "events")


def score_article(record: dict[str, Any], gold: dict[str, Any]) -> ArticleScore:
    """Every category the gold was read for: all of them, or the `layers` our own corpus names
    (a file read for events only must not count every entity jejak finds as a false one)."""
    result = ArticleScore(gold["id"])
    m = result.misses
    layers = set(gold.get("layers") or ("quotes", "times", "amounts", "entities", "events"))
    if "quotes" in layers:
        result.counts["direct"] = score_quotes(record, gold, "direct", m)
        result.counts["indirect"] = score_quotes(record, gold, "indirect", m)
    if "times" in layers:
        result.counts["times"] = score_spans(record, gold.get("times", []), record.get("times", []),
                                             lambda p, g: p.get("value") == g.get("value"), "time", m)
    if "amounts" in layers:
        result.counts["amounts"] = score_spans(record, gold.get("amounts", []), record.get("amounts", []),
                                               _amount_equal, "amount", m)
    if "entities" in layers:
        result.counts["entities"] = score_entities(record, gold, m)
    if "events" in layers:
        result.counts["events"] = score_events(record, gold, m)
    result.body_ok = body_ok(record, gold, m)
    if gold.get("published") and record.get("published") != gold["published"]:
        m.append(f"published {record.get('published')!r}, want {gold['published']!r}")
    return result


@dataclass
class Report:
    articles: list[ArticleScore]

    def total(self, category: str) -> Counts:
        c = Counts()
        for a in self.articles:
            if category in a.counts:  # a file not read for this category does not count
                c.add(a.counts[category])
        return c

    @property
    def body_share(self) -> float:
        return sum(a.body_ok for a in self.articles) / len(self.articles) if self.articles else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": len(self.articles)}
        for cat in CATEGORIES:
            c = self.total(cat)
            row = {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                   "tp": c.tp, "pred": c.pred, "gold": c.gold}
            if cat in ("direct", "indirect"):
                row["speaker_accuracy"] = round(c.accuracy, 4)
                row["end_to_end_f1"] = round(c.end_to_end_f1, 4)
            out[cat] = row
        out["body"] = round(self.body_share, 4)
        return out
