"""Event rows in the shapes other tools read: PLOVER-style JSON records and a GDELT-like TSV.

Both take the rows of `queries.events`. The GDELT columns carry GDELT's names so scripts that
select by name keep working; the CAMEO root, QuadClass and Goldstein score come from
`data/plover.tsv` (see docs/cameo.md for where the mapping is approximate).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from jejak.plover import plover_types

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_FullName", "SOURCEURL",
    "PloverType", "PloverMode", "Evidence", "Confidence",
)


def _event_id(row: dict[str, Any]) -> str:
    return f"{row['article_id']}:{row['event_no']}"


def _date(row: dict[str, Any]) -> str | None:
    value = row.get("date") or (row["published"].isoformat() if row.get("published") else None)
    return str(value) if value else None


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER-style record: the event, both actors, where and when, and the
    evidence text with the article it came from."""
    kind = plover_types().get(row["type"])
    return {
        "id": _event_id(row),
        "date": _date(row),
        "event_type": row["type"],
        "mode": row.get("mode"),
        "confidence": row.get("confidence"),
        "quad_class": kind.quad_class if kind else None,
        "source": {"name": row.get("source"), "country": row.get("source_country"),
                   "sector": row.get("source_sector"), "kb_id": row.get("source_kb_id"),
                   "type": row.get("source_type"), "described": bool(row.get("source_described"))},
        "target": None if row.get("target") is None else {
            "name": row.get("target"), "country": row.get("target_country"), "sector": row.get("target_sector"),
            "kb_id": row.get("target_kb_id"), "type": row.get("target_type"),
            "described": bool(row.get("target_described"))},
        "location": row.get("location"),
        "reported_by": row.get("reported_by"),
        "event_text": row.get("evidence"),
        "evidence": {"start": row.get("start"), "end": row.get("end"),
                     "spans": json.loads(row["spans"]) if row.get("spans") else None},
        "article": {"id": row.get("article_id"), "input_id": row.get("input_id"), "url": row.get("url"), "outlet": row.get("outlet"),
                    "title": row.get("title"),
                    "published": row["published"].isoformat() if row.get("published") else None},
    }


def write_plover(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """PLOVER-style records as JSON Lines."""
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")


def gdelt_row(row: dict[str, Any]) -> tuple[Any, ...]:
    kind = plover_types().get(row["type"])
    day = _date(row) or ""
    return (
        _event_id(row), day.replace("-", "").ljust(8, "0")[:8] if day else "",
        row.get("source") or "", row.get("source_country") or "",
        row.get("target") or "", row.get("target_country") or "",
        kind.cameo_root if kind else "", kind.quad_class if kind else "",
        "" if kind is None or kind.goldstein is None else kind.goldstein,
        row.get("location") or "", row.get("url") or "",
        row["type"], row.get("mode") or "", " ".join((row.get("evidence") or "").split()),
        "" if row.get("confidence") is None else row["confidence"],
    )


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A GDELT-like tab-separated table with a header row."""
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(GDELT_COLUMNS)
    w.writerows(gdelt_row(r) for r in rows)
