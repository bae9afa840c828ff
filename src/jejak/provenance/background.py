"""Shared background: wording two reports share because an older report published it first.

Outlets that follow a running story paste the same background into every new report (who the
suspect is, how the case began, a profile of the people in it), and an outlet's later report
often carries its earlier one's paragraphs under a new lead. Two such reports share much of their
wording and are no copy of each other: each brings other news, and a word diff between them
names the news as "distortions". What gives them away is a third report, published on an earlier
day than both, that already holds what they share. Read by two people blind to jejak, 23 of 24
CLICK-ID pairs that jejak had called copies, whose shared wording was nearly all in such an
older report (what they shared beyond it under `OWN_SHARE` of the shorter text), told different
news over shared background; of 16 pairs that shared a third of the shorter text or more beyond
it, 7 were copies (8 background, 1 disputed).

This needs the older reports, so it is decided where a store is at hand (`jejak stories`); two
files compared alone (`jejak compare`) cannot tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from jejak.provenance.document import ProvDoc

#: Below this share of the shorter text's shingles shared by the two reports alone (not already
#: in an older report), the pair shares background and no copy of each other: fixed before the
#: pairs above were read, as the smallest share that a copy pair of `../shared/eval/dev` and of our
#: real-pairs training split keeps (0.17).
OWN_SHARE = 0.15
#: ... and the older reports hold at least this share of what the two share.
MIN_COVERED = 0.5


@dataclass(frozen=True)
class Background:
    """What two reports share that an older report published first."""

    source: str                  # the older report that holds most of the shared wording
    published: dt.date | None    # its day
    covered: float               # share of the shared wording the older reports hold
    own: float                   # what the two share beyond it, over the shorter text's shingles

    def to_dict(self) -> dict:
        return {"source": self.source, "published": self.published.isoformat() if self.published else None,
                "covered": round(self.covered, 3), "own": round(self.own, 3)}


def shared_background(a: ProvDoc, b: ProvDoc, others: Iterable[ProvDoc]) -> Background | None:
    """The background `a` and `b` share with reports published on an earlier day than both, when
    nearly all their shared wording is such background; None otherwise (or without dates)."""
    if a.published is None or b.published is None:
        return None
    first = min(a.published, b.published)
    shared = np.intersect1d(a.shingles, b.shingles)
    shorter = min(a.shingles.size, b.shingles.size)
    if not shared.size or not shorter:
        return None
    covered = np.zeros(shared.size, dtype=bool)
    best: tuple[int, ProvDoc] | None = None
    for other in others:
        if other.published is None or other.published >= first or other.id in (a.id, b.id):
            continue
        held = np.isin(shared, other.shingles, assume_unique=True)
        count = int(held.sum())
        if count and (best is None or count > best[0] or count == best[0] and other.id < best[1].id):
            best = (count, other)
        covered |= held
    if best is None:
        return None
    share = float(covered.mean())
    own = (shared.size - int(covered.sum())) / shorter
    if own >= OWN_SHARE or share < MIN_COVERED:
        return None
    return Background(best[1].id, best[1].published, share, own)
