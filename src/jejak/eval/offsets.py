"""Every annotation of an analysis record must point at its evidence: a check shared by the
property test and `tools/fuzz_analyze.py`."""

from __future__ import annotations

from typing import Any

__all__ = ["annotation_spans", "offset_problem"]


def annotation_spans(record: dict[str, Any]) -> list[tuple[str, Any, Any, str | None]]:
    """(what, start, end, stated text or None) for every annotation of an analysis record. An
    indicator whose evidence was cut from the body (a translated author code) has no offsets."""
    spans: list[tuple[str, Any, Any, str | None]] = []
    for kind in ("quotes", "times", "amounts", "indicators"):
        spans += [(kind, x["start"], x["end"], x.get("text")) for x in record[kind]
                  if not (kind == "indicators" and x["start"] is None and x["end"] is None)]
    for entity in record["entities"]:
        spans += [("mention", s, e, None) for s, e in entity.get("mentions") or ()]
    for event in record["events"]:
        evidence = event.get("evidence") or {}
        spans.append(("event", evidence.get("start"), evidence.get("end"), evidence.get("text")))
    spans += [("sentence", s, e, None) for s, e in record["sentences"]]
    return spans


def offset_problem(record: dict[str, Any], source_text: str) -> str | None:
    """None when every span lies in the clean text and slices it to its stated text (and every
    removal slices the source text to its own); otherwise the first violation."""
    text = record["text"]
    for what, start, end, stated in annotation_spans(record):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            return f"{what} offsets {start}:{end} outside the text of {len(text)} characters"
        if stated is not None and text[start:end] != stated:
            return f"{what} {start}:{end} slices {text[start:end]!r}, not {stated!r}"
    for removal in record["removals"]:
        if source_text[removal["start"]:removal["end"]] != removal["text"]:
            return f"removal {removal['start']}:{removal['end']} does not slice the source text"
    return None
