"""`jejak trace`: one article's story, its copies, its likely original and what each copy changed.

A stored article is traced from what the linker stored. A file is analysed and compared on the
spot with the stored articles its signature and facts point to, without storing it, so a
fact-checker can check a suspicious page against an archive without touching the archive.
"""

from __future__ import annotations

import json

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console

from jejak.model import Article
from jejak.provenance.diff import as_siblings, find_distortions
from jejak.provenance.document import ProvDoc, same_publisher
from jejak.provenance.linker import stored_candidates
from jejak.provenance.origin import likely_original, original_of
from jejak.provenance.background import shared_background
from jejak.provenance.relation import COPYING, Relation, as_background, relate
from jejak.provenance.same_event import shipped_judge
from jejak.provenance.stored import load_docs
from jejak.provenance.view import members_table, side_by_side
from jejak.store.story_queries import article_brief, distortions_between, find_article, pairs_of, story_of
from jejak.store.writer import Store

MAX_COPIES_SHOWN = 10
MAX_GROUP_DOCS = 50  # a wire story copied a thousand times is judged on its first fifty members


@dataclass
class Trace:
    """Everything the trace view shows, also as JSON."""

    article: dict[str, Any]
    story: dict[str, Any] | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    original: dict[str, Any] | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)  # {original, copy, distortions}
    texts: dict[str, str] = field(default_factory=dict)         # article_id -> text, for the view

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "story": self.story, "related": self.related,
                "original": self.original, "changes": self.changes}

    def print(self, con: Console) -> None:
        a = self.article
        con.rule(f"[bold]{a.get('title') or a['article_id']}[/bold]")
        con.print(f"{a.get('outlet') or '?'} · {a.get('published_at') or a.get('published') or 'no date'}"
                  f" · {a.get('input_id') or a['article_id']}")
        if self.story:
            s = self.story
            con.print(f"\n[bold]story[/bold] {s['story_id']}: {s.get('title') or ''} "
                      f"({s['articles']} articles, {s['outlets']} outlets, first {s.get('first_published')})")
            con.print(members_table(s.get("members") or [], focus=a["article_id"]))
        elif not self.related:
            con.print("\nno copy or other report of this story found in the store")
        if self.related and not self.story:
            for r in self.related:
                con.print(f"  {r['relation']:10} {r['score']:.2f}  {r.get('outlet') or ''}  {r.get('title') or ''}")
        shared = [r for r in self.related if r["relation"] == "background"]
        if shared:
            con.print("\n[bold]shares only background with[/bold] (wording an older report published first; no copy, "
                      "no distortions):")
            for r in shared:
                bg = r.get("background") or {}
                by = " ".join(x for x in (bg.get("source_outlet"), bg.get("source_title") or bg.get("source")) if x)
                con.print(f"  {r.get('outlet') or ''}  {r.get('title') or r['article_id']}  "
                          f"(first published {bg.get('published') or 'earlier'} by {by or '?'})", markup=False)
        if self.original:
            o = self.original
            con.print(f"\n[bold]likely original[/bold]: {o.get('title') or o['article_id']} "
                      f"({o.get('outlet') or '?'}) — " + "; ".join(o.get("reasons") or ()))
        for change in self.changes:
            orig, copy = change["original"], change["copy"]
            if change.get("siblings"):
                con.print(f"\n[bold]{self._label(copy)} and {self._label(orig)} rewrote one common source[/bold]"
                          " (siblings: neither is the original; their differences are places to look)")
            else:
                con.print(f"\n[bold]what {self._label(copy)} changed against {self._label(orig)}[/bold]")
            side_by_side(con, change["distortions"], self.texts.get(orig, ""), self.texts.get(copy, ""),
                         self._label(orig), self._label(copy))

    def _label(self, aid: str) -> str:
        if aid == self.article["article_id"]:
            return "this article"
        for r in self.related:
            if r["article_id"] == aid:
                return r.get("outlet") or aid[:10]
        return aid[:10]


def _texts(store: Store, ids: list[str]) -> dict[str, str]:
    rows = store.con.execute("SELECT article_id, text FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                             [ids]).fetchall()
    return dict(rows)


def trace_stored(store: Store, ref: str) -> Trace:
    """Trace an article already in the store (linked by `jejak stories` or `trace`)."""
    aid = find_article(store, ref)
    pairs = pairs_of(store, aid, shipped_judge().threshold)
    briefs = article_brief(store, [aid] + [p["other"] for p in pairs])
    trace = Trace(article=briefs[aid], story=story_of(store, aid))
    for p in pairs:
        other = briefs.get(p["other"], {"article_id": p["other"]})
        entry = {**other, "relation": p["relation"], "score": p["score"], "earlier": p["earlier"]}
        if p["relation"] == "background":  # what the older report that published it is
            evidence = json.loads(p["evidence"]) if isinstance(p["evidence"], str) else p["evidence"] or {}
            entry["background"] = evidence.get("background")
        trace.related.append(entry)
    _name_background_sources(store, trace.related)
    copies = [p["other"] for p in pairs if p["relation"] == "copy"]
    if copies:
        group = _copy_group(trace.story, aid) or [aid] + copies
        ids = group[:MAX_GROUP_DOCS] + ([aid] if aid not in group[:MAX_GROUP_DOCS] else [])
        docs = load_docs(store, ids)
        verdict = likely_original(list(docs.values()))
        stored = _stored_original(trace.story, aid)
        if verdict:
            chosen = stored or verdict.article_id
            trace.original = {**article_brief(store, [chosen])[chosen],
                              "reasons": list(verdict.reasons) if chosen == verdict.article_id else []}
        for p in pairs:
            if p["relation"] != "copy":
                continue
            if aid not in docs or p["other"] not in docs:
                continue
            first, second = original_of(docs[aid], docs[p["other"]])
            original, copy = first.id, second.id
            rows = distortions_between(store, original, copy)
            if rows or len(trace.changes) < MAX_COPIES_SHOWN:
                trace.changes.append({"original": original, "copy": copy, "distortions": rows})
        trace.texts = _texts(store, group)
    sibling_pairs = [p for p in pairs if p["relation"] == "sibling"]
    siblings = [p["other"] for p in sibling_pairs]
    for p in sibling_pairs[:MAX_COPIES_SHOWN]:  # the linker stores the earlier first; neither is the original
        other = p["other"]
        first, second = (other, aid) if p["earlier"] == other else (aid, other)
        trace.changes.append({"original": first, "copy": second, "siblings": True,
                              "distortions": distortions_between(store, first, second)})
    if siblings:
        trace.texts.update(_texts(store, [aid, *siblings[:MAX_COPIES_SHOWN]]))
    return trace


def _stored_original(story: dict[str, Any] | None, aid: str) -> str | None:
    """The original the linker chose for this article's copy group (story roles)."""
    for m in (story or {}).get("members") or ():
        if m["article_id"] == aid:
            return m.get("copy_of") or (aid if m["role"] == "original" else None)
    return None


def _copy_group(story: dict[str, Any] | None, aid: str) -> list[str]:
    """The members of this article's copy group, its original first."""
    original = _stored_original(story, aid)
    if original is None:
        return []
    members = [m["article_id"] for m in story["members"] if m.get("copy_of") == original]
    return [original] + members


def _name_background_sources(store: Store, related: list[dict[str, Any]]) -> None:
    """Give each background pair's older report its title and outlet, for people to read."""
    sources = sorted({r["background"]["source"] for r in related if (r.get("background") or {}).get("source")})
    briefs = article_brief(store, sources) if sources else {}
    for r in related:
        bg = r.get("background")
        if bg and bg.get("source") in briefs:
            brief = briefs[bg["source"]]
            bg["source_title"], bg["source_outlet"] = brief.get("title"), brief.get("outlet")


def _with_background(verdict: Relation, doc: ProvDoc, other: ProvDoc, candidates: dict[str, ProvDoc]) -> Relation:
    """A copy verdict on a pasted text becomes a background pair when an older stored candidate
    published nearly all the wording the two share (as the linker decides it)."""
    if verdict.relation not in COPYING:
        return verdict
    found = shared_background(doc, other, (c for c in candidates.values() if c.id != other.id))
    return verdict if found is None else as_background(verdict, found, doc, other)


def trace_file(store: Store, article: Article) -> Trace:
    """Trace an article that is not stored: compare it with its stored candidates now."""
    rec = article.to_dict()
    doc = ProvDoc.from_record(rec)
    doc.id = doc.id or "file"
    trace = Trace(article={"article_id": doc.id, "input_id": article.id, "title": article.title,
                           "outlet": (article.dateline.outlet if article.dateline else None),
                           "published": article.published, "published_at": article.published_at})
    candidates = load_docs(store, sorted(stored_candidates(store, rec)))
    verdicts = [_with_background(relate(doc, other), doc, other, candidates) for other in candidates.values()]
    verdicts = [v for v in verdicts if v.relation != "unrelated"]
    verdicts.sort(key=lambda v: (v.relation not in ("copy", "sibling"), -v.score))
    briefs = article_brief(store, [v.b for v in verdicts])
    for v in verdicts:
        trace.related.append({**briefs.get(v.b, {"article_id": v.b}), "relation": v.relation,
                              "score": round(v.score, 3), "earlier": v.earlier, "reasons": v.reasons,
                              **({"background": v.background.to_dict()} if v.background else {})})
    _name_background_sources(store, trace.related)
    if verdicts:
        trace.story = story_of(store, verdicts[0].b)
    copies = [candidates[v.b] for v in verdicts if v.relation == "copy"]
    siblings = [v for v in verdicts if v.relation == "sibling"]
    trace.texts = {doc.id: article.text, **{c.id: c.text for c in copies},
                   **{v.b: candidates[v.b].text for v in siblings}}
    if copies:
        verdict = likely_original([doc] + copies)
        if verdict:
            brief = trace.article if verdict.article_id == doc.id else briefs.get(verdict.article_id, {})
            trace.original = {**brief, "article_id": verdict.article_id, "reasons": list(verdict.reasons)}
        pairs = ([(verdict.article_id, doc.id)] if verdict and verdict.article_id != doc.id
                 else [(doc.id, c.id) for c in copies[:MAX_COPIES_SHOWN]])
        docs = {doc.id: doc, **{c.id: c for c in copies}}
        for original, copy in pairs:
            trace.changes.append({"original": original, "copy": copy, "distortions": _found(
                trace, docs[original], docs[copy], article.lang or "id")})
    for v in siblings[:MAX_COPIES_SHOWN]:  # two rewrites of one source: the earlier read first, no original
        first, second = (candidates[v.b], doc) if v.earlier == v.b else (doc, candidates[v.b])
        trace.changes.append({"original": first.id, "copy": second.id, "siblings": True,
                              "distortions": _found(trace, first, second, article.lang or "id", siblings=True)})
    return trace


def _found(trace: Trace, first: ProvDoc, second: ProvDoc, lang: str, siblings: bool = False) -> list[dict[str, Any]]:
    """The distortions of `second` against `first`, as the stored rows read."""
    found = find_distortions(trace.texts[first.id], trace.texts[second.id], lang, first.published, second.published,
                             same_publisher=same_publisher(first, second))
    if siblings:
        found = as_siblings(found)
    return [{"kind": d.kind, "note": d.note, "original_start": d.a.start, "original_end": d.a.end,
             "original_text": d.a.text, "copy_start": d.b.start, "copy_end": d.b.end, "copy_text": d.b.text,
             "band": d.band, "doubt": d.doubt, "confidence": d.confidence} for d in found]
