"""Confidences for quotes, entities and events, read from the calibration table `data/confidence.tsv`.

The table says how often claims found one way were right on hand-read gold
(`tools/calibrate_confidence.py` writes it); a class the gold never showed falls back to its
kind's pooled share, then to one half.
"""

from __future__ import annotations

from functools import lru_cache

from jejak.datafiles import read_data

#: Below this, a speaker attribution is shown as doubtful (the dashboard marks it, `--min-confidence` may drop it).
LOW = 0.7
#: Distortions at or above this are shown as found; the rest are places to look
#: (`jejak.provenance.confidence`: chosen for precision 0.8 on our real copy pairs).
DISTORTION_SHOWN = 0.8


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], tuple[int, int]]:
    text = read_data("confidence.tsv")
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("what\t"):
            continue
        what, klass, right, total, _conf = line.split("\t")
        out[(what, klass)] = (int(right), int(total))
    return out


def _share(what: str, klass: str, prefix: str = "") -> float:
    table = _table()
    if (what, klass) in table:
        right, total = table[(what, klass)]
    elif klass.endswith(":unresolved"):
        return 0.5  # nobody found to say it, and no gold to say how often that is right
    else:  # pooled over the classes that share the prefix (`direct:`), else nothing known
        cells = [v for (w, k), v in table.items() if w == what and k.startswith(prefix)]
        right, total = sum(c[0] for c in cells), sum(c[1] for c in cells)
    return round((right + 1) / (total + 2), 3)


@lru_cache(maxsize=64)
def quote_confidence(kind: str, via: str | None) -> float:
    """How likely a quote found this way is a real quote with the right speaker."""
    return _share("quote", f"{kind}:{via or 'none'}", f"{kind}:")


@lru_cache(maxsize=8)
def _entity_share(found_by: str) -> float:
    return _share("entity", found_by)


def entity_confidence(found_by: str) -> float:
    """How likely an entity found this way (kb, rule, rule-weak, event, initials, tail, numbered) has the right
    name and type."""
    return _entity_share(found_by)


def belief_band(probability: float) -> str:
    """The event model's belief in an act's type, in the two bands the calibration counts (a third
    band had too few events on our dev gold to be told apart)."""
    return "high" if probability >= 0.7 else "low"


@lru_cache(maxsize=32)
def event_confidence(found_by: str) -> float:
    """How likely an event found this way (`clause` when its doer is in its clause, `carried` when
    it came from the story; the event model's belief band; `named` when it is aimed at someone
    named, `open` otherwise) is in the gold with its type and actors. A way the gold never showed
    takes the pooled share of its way and band."""
    parts = found_by.split(":")
    for depth in range(len(parts) - 1, 0, -1):  # the exact class, else its way and band, else its way
        prefix = ":".join(parts[:depth]) + ":"
        if (("event", found_by) in _table()
                or any(w == "event" and k.startswith(prefix) for w, k in _table())):
            return _share("event", found_by, prefix)
    return _share("event", found_by, parts[0] + ":")
