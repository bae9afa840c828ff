"""Train the same-event judge (`jejak/data/same_event.tsv`) on our grouping of CLICK-ID days by
reading (`eval/stories/groups.jsonl`, the `train` and `dev` blocks; the `test` blocks are never read).

Every pair of articles of one block that both readers put together is a positive, every pair both
kept apart a negative; disputed pairs are left out. Each article is analysed as `jejak ingest`
would, and a pair's features are those the linker computes (`jejak.provenance.same_event`). The
model is an L2-regularised logistic regression over standardised features, fitted by Newton's
method (deterministic). The threshold the story builder uses is chosen by leaving one block out at
a time: the blocks' stories are rebuilt from the held-out probabilities with the product's
average-linkage clustering, and of the thresholds whose stories are at least 0.90 pure (the bar
a monitor needs: a story that mixes events misleads), the one with the best F1 over pairs wins.

    python tools/train_same_event.py            # writes the model
    python tools/train_same_event.py --check    # exits 1 when the committed model is stale
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
from generated import build_main  # noqa: E402

from jejak.eval.provenance import clickid_doc, load_clickid  # noqa: E402
from jejak.eval.reserved import reserved_ids  # noqa: E402
from jejak.eval.stories import GOLD, read_blocks, score  # noqa: E402
from jejak.provenance.same_event import FEATURES, MODEL, pair_features  # noqa: E402
from jejak.provenance.stories import cluster  # noqa: E402

OUT = ROOT / "src" / "jejak" / "data" / MODEL
CLICKID = ROOT.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
TRAIN_SPLITS = ("train", "dev")
L2 = 1.0
MIN_PURITY = 0.90  # issue 15's bar: of the thresholds whose stories are this pure, the best F1
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))  # 0.20 .. 0.80


def labelled_pairs(blocks: list[dict]) -> tuple[list[tuple[int, str, str, bool, list[float]]], dict[str, str]]:
    """(block, a, b, together, features) for every undisputed pair of the given blocks, and each
    article's outlet."""
    held_out = reserved_ids("id_news_clickid")  # none should be in a block; never read one if it were
    records = load_clickid(CLICKID, {a for b in blocks for a in b["articles"]} - held_out)
    docs = {rid: clickid_doc(rec) for rid, rec in sorted(records.items())}
    rows = []
    for block in blocks:
        group_of = {a: k for k, g in enumerate(block["groups"]) for a in g}
        disputed = {tuple(sorted(p)) for p in block["disputed"]}
        for x, y in itertools.combinations(sorted(a for a in block["articles"] if a in docs), 2):
            if (x, y) not in disputed:
                rows.append((block["block"], x, y, group_of[x] == group_of[y],
                             pair_features(docs[x].event_profile, docs[y].event_profile)))
    return rows, {rid: doc.outlet or "" for rid, doc in docs.items()}


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(means, scales, weights with the bias last) of an L2-regularised logistic regression over
    standardised features, by Newton's method."""
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    xb = np.hstack([(x - means) / scales, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(len(w), L2)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return means, scales, w


def probabilities(model: tuple[np.ndarray, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    means, scales, w = model
    return 1.0 / (1.0 + np.exp(-(np.hstack([(x - means) / scales, np.ones((len(x), 1))]) @ w)))


def story_figures(blocks: list[dict], rows: list[tuple], prob: np.ndarray, outlets: dict[str, str],
                  threshold: float) -> dict[str, float]:
    """The story scorer's figures (`jejak.eval.stories.score`) for the stories average linkage
    builds from the given probabilities, one block at a time, with pair F1 beside them."""
    story_of: dict[str, str] = {}
    for block in blocks:
        edges = [(r[1], float(p), r[2]) for r, p in zip(rows, prob) if r[0] == block["block"]]
        for k, members in enumerate(cluster([], edges, threshold)):
            story_of.update((a, f"{block['block']}-{k}") for a in members)
    figures = score(blocks, story_of, outlets)
    p, r = figures["pair_precision"] or 0.0, figures["recall"] or 0.0
    return {**figures, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def train() -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], float, dict[str, float], int, int]:
    blocks = [b for b in read_blocks(GOLD) if b.get("split") in TRAIN_SPLITS]
    rows, outlets = labelled_pairs(blocks)
    x = np.array([[np.nan if v is None else v for v in r[4]] for r in rows], dtype=float)
    # an input a pair lacks (a report without a clock time) counts as the mean of those that have it
    x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    y = np.array([r[3] for r in rows], dtype=float)
    block_of = np.array([r[0] for r in rows])
    unseen = np.zeros(len(rows))  # each block's probabilities from a model fitted without it
    for block in sorted(set(block_of.tolist())):
        inside = block_of == block
        unseen[inside] = probabilities(fit(x[~inside], y[~inside]), x[inside])
    scored = [(t, story_figures(blocks, rows, unseen, outlets, t)) for t in THRESHOLDS]
    pure = [tf for tf in scored if (tf[1]["purity"] or 0.0) >= MIN_PURITY] or scored
    threshold, figures = max(pure, key=lambda tf: (round(tf[1]["f1"], 6), tf[0]))
    return fit(x, y), threshold, figures, int(y.sum()), len(rows)


def render() -> str:
    (means, scales, w), threshold, cv, positives, pairs = train()
    lines = [
        "# The same-event judge: logistic regression over standardised pair features",
        "# (jejak.provenance.same_event), trained on the train and dev blocks of eval/stories",
        f"# ({pairs} pairs, {positives} of one event). Threshold by leaving one block out: stories by average",
        f"# linkage over every pair of a block, pair precision {cv['pair_precision']:.3f}, recall {cv['recall']:.3f},",
        f"# cross-outlet recall {cv['cross_outlet_recall']:.3f}, purity {cv['purity']:.3f}.",
        "# Written by tools/train_same_event.py.",
        "feature\tmean\tscale\tweight",
        *(f"{f}\t{m:.6f}\t{s:.6f}\t{wi:.6f}" for f, m, s, wi in zip(FEATURES, means, scales, w[:-1])),
        f"bias\t0\t1\t{w[-1]:.6f}",
        f"threshold\t0\t1\t{threshold:.2f}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}: the judge is trained on our readings of it", file=sys.stderr)
        return 2
    return build_main(__doc__, OUT, render, "tools/train_same_event.py", argv)


if __name__ == "__main__":
    raise SystemExit(main())
