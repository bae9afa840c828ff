"""PLOVER's gold-standard records (GSR) as an evaluation set for English event types.

323 English sentences from the CAMEO manual, each coded with one PLOVER event (version 0.5b1 of
the ontology). We score the type of the first event jejak codes in each sentence. The GSR names
four types by their older PLOVER names; the CAMEO-to-PLOVER crosswalk shipped beside it
(`CAMEO2PLOVER-2021.txt`) maps their CAMEO roots to today's types (DEMAND 10 -> REQUEST,
DISAPPROVE 11 and INVESTIGATE 09 -> ACCUSE, FIGHT 19 -> ASSAULT). The set is for evaluation only:
nothing in jejak is learnt or tuned from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

#: the older PLOVER names the GSR uses and their CAMEO root codes
OLD_TYPES = {"DEMAND": "10", "DISAPPROVE": "11", "INVESTIGATE": "09", "FIGHT": "19"}


@dataclass(frozen=True)
class GsrSentence:
    id: str
    text: str
    type: str  # today's PLOVER type


def crosswalk_roots(path: Path) -> dict[str, str]:
    """CAMEO root code -> PLOVER type, from the crosswalk's two-digit lines (`10: REQUEST`)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d\d):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def read_gsr(folder: Path) -> list[GsrSentence]:
    """The coded sentences (the DOCUMENT record is documentation, not a sentence)."""
    roots = crosswalk_roots(folder / "CAMEO2PLOVER-2021.txt")
    records = json.loads((folder / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    out = []
    for rec in records:
        event, text = rec.get("event"), rec.get("text")
        if not text or event == "DOCUMENT":
            continue
        type_ = roots[OLD_TYPES[event]] if event in OLD_TYPES else event
        out.append(GsrSentence(rec["id"], text, type_))
    return out
