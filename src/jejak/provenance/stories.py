"""Stories: articles joined by copy and same-story pairs, each with its earliest report and title.

A story is a connected group of the stored pairs. Inside it, the articles joined by copy pairs
form copy groups; each copy group gets a likely original (see `origin`), and the other members
are its copies. Articles that tell the story in their own words are plain reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Iterable

from jejak.provenance.origin import likely_original, moment_key
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


#: Two groups joined by same-story pairs merge only when at least this share of the smaller
#: group's size in pairs runs across, and never on a single pair between two groups of two or
#: more: single links would chain one event into the next (Habibie's illness, his death, the
#: funeral, then an engineers' pay story that names him).
MIN_LINK_DENSITY = 0.34


def cluster(copies: Iterable[tuple[str, str]], same_story: Iterable[tuple[str, float, str]]) -> list[list[str]]:
    """Stories from pairs: copies always join; same-story pairs (a, score, b), strongest first,
    join two groups only when enough of their members are linked across."""
    g = _Groups()
    for a, b in copies:
        g.join(a, b)
    edges = sorted(same_story, key=lambda e: -e[1])
    links: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    size: dict[str, int] = defaultdict(lambda: 1)
    for x in list(g.parent):
        r = g.find(x)
        if r != x:
            size[r] += 1
    for a, _, b in edges:
        ra, rb = g.find(a), g.find(b)
        if ra != rb:
            links[ra][rb] += 1
            links[rb][ra] += 1
    for a, _, b in edges:
        ra, rb = g.find(a), g.find(b)
        if ra == rb or links[ra][rb] < max(min(size[ra], size[rb], 2), MIN_LINK_DENSITY * min(size[ra], size[rb])):
            continue  # one bridging pair between two groups is a topic, not one story
        g.join(ra, rb)
        keep, gone = g.find(ra), (rb if g.find(ra) == ra else ra)
        size[keep] += size.pop(gone)
        for other, n in links.pop(gone).items():
            if other == keep:
                continue
            links[keep][other] += n
            links[other][keep] += n
            links[other].pop(gone, None)
        links[keep].pop(gone, None)
    for a, _, b in edges:  # members of a pair stay visible even when their groups did not merge
        g.find(a), g.find(b)
    return g.groups()


def build_stories(store: Store) -> int:
    """Rebuild `stories` and `story_articles` from the stored pairs; returns the story count."""
    con = store.con
    pairs = con.execute("SELECT a, b, relation, score FROM pairs").fetchall()
    copy_pairs = [(a, b) for a, b, rel, _ in pairs if rel == "copy"]
    sibling_pairs = [(a, b) for a, b, rel, _ in pairs if rel == "sibling"]
    stories = cluster(copy_pairs + sibling_pairs,
                      [(a, score or 0.0, b) for a, b, rel, score in pairs if rel == "same-story"])
    meta = {aid: (title, outlet, published, published_at, source in (None, "metadata"))
            for aid, title, outlet, published, published_at, source in con.execute(
                "SELECT article_id, title, outlet, published, published_at, published_from FROM articles "
                "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [sorted({x for g in stories for x in g})]).fetchall()}
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
