"""How far to trust a named distortion, from what kind of change it is and how it was found.

Real copies are mostly rewrites, and most of what a word diff finds in a rewrite is no change of
fact. What separates the real changes read by people in real copy pairs (`eval/real-pairs`) is
how local the change is and whether anything speaks against it:

- `figure`, `name`, `wording`: one figure or day, one name, or one negation or tense marker
  exchanged for another in a few words (a date with its weekday, `Jumat (13/9/2019)`, is five),
  nothing against it: what a copy editor or a spinner does. They are kept apart because they
  differ most: on real copies a changed figure or day is a real change about half the time, a
  changed name or negation seldom (another form of the name, two facts side by side).
- `rewrite`: the change sits in a longer rewritten passage, or is a cut from a quote (outlets
  trim quotes all the time; a reader seldom finds the meaning changed).
- `doubt`: something speaks against it: the other text states the figure or day elsewhere, the
  speaker swap rests on whom a pronoun was read to mean, the copy moved both its days and its
  figures or three figures or more (one template filled for another day, or a later update of
  the same report), both come from one publisher (its later version of its own report), a scale
  word was dropped (`130.000` -> `130`), a weekday changed beside the same date, or the changed
  word is a typo of the old one.

Each band's confidence is the share of real changes among its distortions on the training half
of the real pairs (`data/distortion_confidence.tsv`, written by `tools/calibrate_distortions.py`).
By default only bands at or above `DEFAULT_MIN_CONFIDENCE` are shown; the rest are places to look.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from jejak.confidence import DISTORTION_SHOWN as DEFAULT_MIN_CONFIDENCE
from jejak.datafiles import read_data

BANDS = ("figure", "name", "wording", "rewrite", "doubt")
_BAND_OF_KIND = {"number-change": "figure", "date-change": "figure", "entity-swap": "name", "speaker-swap": "name",
                 "negation-flip": "wording", "temporal-flip": "wording"}
_TABLE = Path(__file__).resolve().parents[1] / "data" / "distortion_confidence.tsv"  # where the tool writes it
_LOCAL_WORDS = {"number-change": 3, "date-change": 5, "entity-swap": 2, "negation-flip": 2,
                "temporal-flip": 3, "speaker-swap": 3}
_UNMEASURED = 0.5  # a band the calibration never saw


def band_of(kind: str, words: int, doubt: str | None) -> str:
    """The band of one distortion: its kind, the most words it changed on one side, and any doubt."""
    if doubt:
        return "doubt"
    return _BAND_OF_KIND[kind] if words <= _LOCAL_WORDS.get(kind, 0) else "rewrite"


@cache
def band_confidence() -> dict[str, float]:
    """The measured share of real changes per band (the shipped calibration)."""
    text = read_data(_TABLE.name, missing_ok=True)
    if text is None:
        return {}
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {r["band"]: float(r["confidence"]) for r in rows}


def distortion_confidence(kind: str, words: int, doubt: str | None) -> float:
    """The confidence of one distortion (its band's measured precision)."""
    return band_confidence().get(band_of(kind, words, doubt), _UNMEASURED)
