"""News that reports no political acts, for teaching and checking that the event coder stays quiet.

CLICK-ID (`../shared/data/id_news_clickid`, CC BY 4.0) files each article under its outlet's
section. Sport, lifestyle, celebrity, gadget, motoring and travel sections carry almost no
PLOVER acts, so their articles serve as silver "no event" news. Rows split into two halves by a
hash of their id: half 0 may be learnt from, half 1 is only measured. Reserved rows
(`../shared/eval/reserved.json`) are never read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path
from typing import Any

from jejak.eval.gold import SHARED_BESIDE
from jejak.eval.reserved import reserved_ids

QUIET_SECTIONS = frozenset({"bola", "sports", "sport", "super skor", "lifestyle", "gaya", "beauty", "cantik",
                            "otomotif", "autotekno", "tekno", "techno", "travel", "musik"})
#: Sections that report public affairs, the other side of the news-kind classifier.
NEWS_SECTIONS = frozenset({"news", "nasional", "daerah", "metro", "regional", "international", "dunia",
                           "berita utama", "bisnis", "ekbis", "economy", "money"})
_MIN_CHARS = 400  # scraped stubs say nothing either way


def _half(row_id: str) -> int:
    return hashlib.sha1(row_id.encode("utf-8")).digest()[0] % 2


def quiet_articles(half: int, n: int, shared: Path | None = None,
                   sections: frozenset[str] = QUIET_SECTIONS) -> list[dict[str, Any]]:
    """Up to `n` CLICK-ID rows of the given sections (the quiet ones unless told) in one half, in a
    fixed random order."""
    path = (shared or SHARED_BESIDE) / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
    if not path.exists():
        return []
    held = reserved_ids("id_news_clickid")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if ((row.get("category") or "").strip().lower() in sections and row["id"] not in held
                    and len(row.get("content") or "") >= _MIN_CHARS and _half(row["id"]) == half):
                rows.append(row)
    rows.sort(key=lambda r: r["id"])
    random.Random(2026).shuffle(rows)
    return rows[:n]
