"""How often each kind of claim is right on hand-read gold: the source of jejak's confidences.

A quote's confidence is the share of quotes found the same way (direct or indirect, and how the
speaker was reached: a name, a role, a pronoun, a continuation, a report verb) that are real
quotes with the right speaker (a quote whose speaker was sought and not found is a class of its
own). An entity's is the share of entities found the same way (the knowledge base, a rule, a
rule the learned tagger doubts, an event's year, initials with an age) whose name and type the
gold lists. An event's is the share of events found the same way (its doer in the clause or carried
from the story, and the event model's belief band) that the gold lists with the same type and actors. Shares are
smoothed towards one half (add one right, one wrong) so a rare class cannot claim certainty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jejak.eval.gold import load_gold_dir
from jejak.eval.score import _greedy_pairs, _norm, jaccard, speaker_right, word_set


def tally(gold_dirs: list[Path], skip: set[str] | frozenset[str] = frozenset()) -> dict[tuple[str, str], list[int]]:
    """(what, class) → [right, total] over the articles of the gold folders, less those whose body
    key is in `skip` (a training article that repeats a test article)."""
    from jejak.eval.gold import body_key
    from jejak.pipeline import analyze

    counts: dict[tuple[str, str], list[int]] = {}
    for gold_dir in gold_dirs:
        for item in load_gold_dir(gold_dir):
            if skip and body_key(item.text) in skip:
                continue
            article = analyze(item.text, lang=item.gold.get("lang"), published=item.published, url=item.url,
                              title=item.title, id=item.id)
            record = article.to_dict()
            layers = set(item.gold.get("layers") or ("quotes", "entities", "events"))
            if "quotes" in layers:
                _tally_quotes(record, item.gold, counts)
            if "entities" in layers:
                _tally_entities(article, item.gold, counts)
            if "events" in layers:
                _tally_events(article, record, item.gold, counts)
    return counts


def _tally_quotes(record: dict[str, Any], gold: dict[str, Any], counts) -> None:
    for kind in ("direct", "indirect"):
        preds = [q for q in record.get("quotes", []) if q.get("kind") == kind]
        golds = [q for q in gold.get("quotes", []) if q.get("kind") == kind]
        cand = [(jaccard(word_set(p["text"]), word_set(g["quote"])), i, j)
                for i, p in enumerate(preds) for j, g in enumerate(golds)]
        matched = dict(_greedy_pairs(c for c in cand if c[0] >= 0.6))
        for i, p in enumerate(preds):
            right = i in matched and speaker_right(p.get("speaker"), golds[matched[i]], gold)
            via = (p.get("via") or "none") if p.get("speaker") else "unresolved"
            cell = counts.setdefault(("quote", f"{kind}:{via}"), [0, 0])
            cell[0] += right
            cell[1] += 1


def _tally_entities(article, gold: dict[str, Any], counts) -> None:
    names = [({_norm(g["name"])} | {_norm(a) for a in g.get("aliases", [])}, g["type"]) for g in gold.get("entities", [])]
    for ent in article.entities:
        right = any(_norm(ent.name) in n and ent.type == t for n, t in names)
        cell = counts.setdefault(("entity", ent.found_by), [0, 0])
        cell[0] += right
        cell[1] += 1


def _tally_events(article, record: dict[str, Any], gold: dict[str, Any], counts) -> None:
    """Each event counts right when the scorer pairs it with a gold event (type, source, target)."""
    from jejak.eval.score import score_events_pairs

    matched = {p for p, _ in score_events_pairs(record, gold)}
    for i, ev in enumerate(article.events):
        cell = counts.setdefault(("event", ev.found_by), [0, 0])
        cell[0] += i in matched
        cell[1] += 1


def smoothed(right: int, total: int) -> float:
    return round((right + 1) / (total + 2), 3)
