"""Stories: reports of one event, each story with its earliest report and title.

A story joins reports the same-event judge weighs as one event, by average linkage over every
stored pair with its probability: copies, same-story pairs and the pairs the judge read alone
(`event_pairs`). Inside a story, the articles joined by copy pairs form copy groups; each copy
group gets a likely original (see `origin`), and the other members are its copies (a copy of a
text that tells another event, such as a template filled for another day, can sit in another
story than its original). Articles that tell the story in their own words are plain reports.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections import defaultdict
from typing import Iterable

from jejak.provenance.origin import likely_original, moment_key
from jejak.provenance.relation import event_probability
from jejak.provenance.same_event import shipped_judge
from jejak.provenance.stored import load_docs
from jejak.store.writer import Store, bulk_insert, transaction


class _Groups:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def join(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return [sorted(g) for g in out.values()]


def group(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of the given pairs."""
    g = _Groups()
    for a, b in pairs:
        g.join(a, b)
    return g.groups()


#: What a pair of reports with no stored probability counts for in the average across two groups:
#: no lookup met it (no wording, three rare facts, weighty title word or, on one day, weighty word
#: of the text in common), or the judge set it apart (below its threshold). That speaks against
#: one event without ruling it out. STORY_THRESHOLD is the average at which two groups join.
#: Both were chosen on the dev and train story blocks in a store of all CLICK-ID, in steps of
#: 0.05, as the best pair F1 among the settings whose stories stay at least 0.90 pure: 0.50 and
#: 0.35 find 63 % of the readers' pairs at precision 0.87 (purity 0.90); 0.30 finds 63 % at 0.87,
#: 0.40 64 % at purity 0.89, and a threshold of 0.45 makes stories 0.88 pure or less. Refusing a merge
#: across a pair judged below 0.1, or across more than a few days, found no more at the same purity.
UNJUDGED = 0.35
STORY_THRESHOLD = 0.50


def cluster(copies: Iterable[tuple[str, str]], same_event: Iterable[tuple[str, float, str]],
            threshold: float) -> list[list[str]]:
    """Stories from pairs: the pairs in `copies` always join (the story builder passes the copies
    the judge cannot weigh); then two groups join while the
    average same-event probability over every pair across them, a pair never judged counting
    UNJUDGED, is at least `threshold`, the closest groups first (average linkage). One strong
    pair between two groups does not join them: a report that names two events would otherwise
    chain them (Habibie's illness, his death, the funeral, then an engineers' pay story that
    names him)."""
    g = _Groups()
    for a, b in copies:
        g.join(a, b)
    edges = list(same_event)
    for a, _, b in edges:
        g.find(a), g.find(b)
    size: dict[str, int] = defaultdict(int)
    for x in list(g.parent):
        size[g.find(x)] += 1
    excess: dict[str, dict[str, float]] = defaultdict(dict)  # group -> group -> summed (probability - UNJUDGED)

    def average(x: str, y: str) -> float:
        return UNJUDGED + excess[x][y] / (size[x] * size[y])

    for a, p, b in edges:
        ra, rb = g.find(a), g.find(b)
        if ra != rb:
            excess[ra][rb] = excess[rb][ra] = excess[ra].get(rb, 0.0) + p - UNJUDGED
    heap = [(-average(x, y), x, y) for x, row in excess.items() for y in row if x < y]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if -neg < threshold:
            break
        if g.find(x) != x or g.find(y) != y or y not in excess[x] or abs(average(x, y) + neg) > 1e-12:
            continue  # a group that merged since, or an average that changed
        g.join(x, y)
        keep, gone = (x, y) if g.find(x) == x else (y, x)
        size[keep] += size.pop(gone)
        excess[keep].pop(gone)
        for other, m in excess.pop(gone).items():
            if other != keep:
                excess[other].pop(gone)
                excess[keep][other] = excess[other][keep] = excess[keep].get(other, 0.0) + m
        for other in excess[keep]:
            heapq.heappush(heap, (-average(keep, other), *sorted((keep, other))))
    return g.groups()


def judge_stored_pairs(store: Store, chunk: int = 2000) -> int:
    """Give the stored pairs that carry no same-event probability yet (linked before the judge
    existed, or copies linked before the stories weighed copies) their probability, in their
    evidence as linking stores it now, reading their articles once, a chunk at a time; returns
    how many pairs were judged."""
    todo = store.con.execute(
        "SELECT a, b, evidence FROM pairs WHERE relation IN ('same-story', 'copy', 'sibling', 'background') "
        "AND json_extract(evidence, '$.same_event') IS NULL ORDER BY a, b").fetchall()
    for start in range(0, len(todo), chunk):
        pairs = todo[start:start + chunk]
        docs = load_docs(store, {x for a, b, _ in pairs for x in (a, b)})
        rows = []
        for a, b, evidence in pairs:
            p = event_probability(docs[a], docs[b]) if a in docs and b in docs else None
            # written as JSON from here: a merge patch would drop a null (the judge cannot tell), and
            # the pair would be asked again at every rebuild
            rows.append((json.dumps({**json.loads(evidence or "{}"), "same_event": None if p is None else round(p, 4)}),
                         a, b))
        with transaction(store.con) as con:
            con.executemany("UPDATE pairs SET evidence = ? WHERE a = ? AND b = ?", rows)
    return len(todo)


def _story_edges(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, float, str]]]:
    """What the stories are built from: the pairs that always join (a copy, sibling or shared
    background the judge cannot tell: two languages, a stub), and (a, probability, b) for every
    other stored pair (copies and same-story pairs with the judge's probability, and `event_pairs`:
    those the relation rules call unrelated, and those met by their weighty words alone; one event
    in other words: `Nick Jonas Ulang Tahun, Priyanka Chopra Tulis…` / `…, Pesan Cinta dari
    Priyanka`), in a fixed order. A copy, sibling or shared-background pair the judge cannot weigh
    (two languages, a stub, days apart) always joins; the others are weighed like any pair: a
    report that reuses another event's text (a template filled again, a pasted background) is
    text reuse, not the same event (over CLICK-ID the judge sets 414 of 2,266 copy pairs apart;
    joining every copy, or every copy it calls one event, cost our story blocks four points of
    recall at the same purity). A same-story pair the judge cannot tell counts as never judged."""
    judge_stored_pairs(store)
    rows = store.con.execute(
        "SELECT a, b, relation, TRY_CAST(json_extract(evidence, '$.same_event') AS DOUBLE) FROM pairs "
        "WHERE relation IN ('same-story', 'copy', 'sibling', 'background') "
        "UNION ALL SELECT a, b, 'event', same_event FROM event_pairs WHERE same_event >= ? ORDER BY a, b",
        [shipped_judge().threshold]).fetchall()  # (a store linked by an early version of this kept lower ones)
    reuse = ("copy", "sibling", "background")
    joined = [(a, b) for a, b, rel, p in rows if rel in reuse and p is None]
    edges = [(a, UNJUDGED if p is None else p, b) for a, b, rel, p in rows if not (rel in reuse and p is None)]
    return joined, edges


def _with_lone_reports(stories: list[list[str]], edges: list[tuple[str, float, str]]) -> list[list[str]]:
    """A report the averages left alone joins the story it has a pair of STORY_THRESHOLD or more
    with (a copy, mostly) when its stored pairs into that story average that much too: a copy is
    not left out of every story because the story's other members were never compared with it,
    but a report the judge set apart from the others stays out. Of several such stories, the one
    with the highest average."""
    groups = [list(members) for members in stories]
    story_of = {m: k for k, members in enumerate(groups) if len(members) > 1 for m in members}
    into: dict[tuple[str, int], list[float]] = {}
    for a, p, b in edges:
        for lone, other in ((a, b), (b, a)):
            if lone not in story_of and other in story_of:
                into.setdefault((lone, story_of[other]), []).append(p)
    best: dict[str, tuple[float, int]] = {}
    for (lone, k), ps in sorted(into.items()):
        average = sum(ps) / len(ps)
        if average >= STORY_THRESHOLD and average > best.get(lone, (0.0, 0))[0]:  # so one pair reaches it too
            best[lone] = (average, k)
    for lone, (_, k) in sorted(best.items()):
        groups[k].append(lone)
    return [sorted(g) for g in groups if not (len(g) == 1 and g[0] in best)]


def build_stories(store: Store) -> int:
    """Rebuild `stories` and `story_articles` from the stored pairs; returns the story count."""
    con = store.con
    pairs = con.execute("SELECT a, b, relation FROM pairs WHERE relation IN ('copy', 'sibling') "
                        "ORDER BY a, b").fetchall()
    copy_pairs = [(a, b) for a, b, rel in pairs if rel == "copy"]
    sibling_pairs = [(a, b) for a, b, rel in pairs if rel == "sibling"]
    joined, edges = _story_edges(store)
    stories = _with_lone_reports(cluster(joined, edges, STORY_THRESHOLD), edges)
    meta = {aid: (title, outlet, published, published_at, source in (None, "metadata"))
            for aid, title, outlet, published, published_at, source in con.execute(
                "SELECT article_id, title, outlet, published, published_at, published_from FROM articles "
                "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [sorted({x for g in stories for x in g})]).fetchall()}
    story_of = {m: k for k, members in enumerate(stories) for m in members}
    # a copy of another event's text stays in its own story: its copy group is the one inside it
    copy_pairs = [(a, b) for a, b in copy_pairs if a in story_of and story_of[a] == story_of.get(b)]
    sibling_pairs = [(a, b) for a, b in sibling_pairs if a in story_of and story_of[a] == story_of.get(b)]
    copy_groups = [g for g in group(copy_pairs) if len(g) > 1]
    roles: dict[str, tuple[str, str | None]] = {}
    docs = load_docs(store, [m for g in copy_groups for m in g])
    for members in copy_groups:
        verdict = likely_original([docs[m] for m in members if m in docs])
        if verdict is None:
            continue
        for m in members:
            roles[m] = ("original", None) if m == verdict.article_id else ("copy", verdict.article_id)
    for a, b in sibling_pairs:  # rewrites of one common source: neither is the other's original
        for m in (a, b):
            roles.setdefault(m, ("sibling", None))
    story_rows, member_rows = [], []
    for members in stories:
        known = [m for m in members if m in meta]
        if len(known) < 2:
            continue

        metadata_only = any(meta[m][4] and meta[m][2] for m in known)
        earliest = min(known, key=lambda m: (moment_key(meta[m][3], meta[m][2], meta[m][4], metadata_only), m))
        title, _, first_day, _, _ = meta[earliest]
        outlets = {meta[m][1] for m in known if meta[m][1]}
        story_id = "story-" + hashlib.sha1(earliest.encode()).hexdigest()[:12]
        story_rows.append((story_id, title, first_day, earliest, len(known), len(outlets)))
        for m in known:
            role, of = roles.get(m, ("report", None))
            member_rows.append((story_id, m, role, of))
    with transaction(con):
        con.execute("DELETE FROM story_articles")
        con.execute("DELETE FROM stories")
        if story_rows:
            bulk_insert(con, "stories", story_rows, 6)
            bulk_insert(con, "story_articles", member_rows, 4)
    return len(story_rows)
