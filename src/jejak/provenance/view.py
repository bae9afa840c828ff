"""Terminal views of provenance: a story's members and a side-by-side of each distortion.

The side-by-side shows each distortion in its sentence on both sides, the changed words
highlighted, so a fact-checker reads what the copy says next to what the original said.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jejak.confidence import DISTORTION_SHOWN

_CONTEXT = 90  # characters of context on each side of a changed span


def _in_context(text: str, start: int, end: int, style: str) -> Text:
    """The span with some context around it, the span itself highlighted."""
    lo = max(0, start - _CONTEXT)
    hi = min(len(text), end + _CONTEXT)
    lo = text.rfind(" ", 0, lo) + 1 if lo > 0 else 0
    out = Text("…" if lo > 0 else "")
    out.append(text[lo:start].replace("\n", " "))
    changed = text[start:end].replace("\n", " ")
    out.append(changed if changed else "⁁", style=style)
    out.append(text[end:hi].replace("\n", " "))
    if hi < len(text):
        out.append("…")
    return out


def side_by_side(console: Console, distortions: list[dict[str, Any]], original_text: str, copy_text: str,
                 original_label: str, copy_label: str) -> None:
    """One row per distortion: kind and note, the original in context, the copy in context.
    Distortions below the shown confidence come last, surest first, marked as places to look, not findings."""
    if not distortions:
        console.print("  no distortions: the copy keeps the original's facts")
        return
    distortions = sorted(distortions, key=lambda d: (not _confident(d), -(d.get("confidence") or 0.0)))
    table = Table(show_lines=True, expand=True)
    table.add_column("change", style="bold red", ratio=1, min_width=16)
    table.add_column(f"original: {original_label}", ratio=3)
    table.add_column(f"copy: {copy_label}", ratio=3)
    for d in distortions:
        label = Text(f"{d['kind']}\n", style="bold red") if _confident(d) else \
            Text(f"place to look: {d['kind']}\n", style="yellow")
        why = f" ({d['doubt']})" if d.get("doubt") else ""
        conf = f"\nconfidence {d['confidence']:.2f}{why}" if d.get("confidence") is not None else "\nconfidence unknown"
        table.add_row(
            label + Text((d.get("note") or "") + conf, style="dim"),
            _in_context(original_text, d["original_start"], d["original_end"], "bold black on green"),
            _in_context(copy_text, d["copy_start"], d["copy_end"], "bold black on yellow"),
        )
    console.print(table)


def _confident(d: dict[str, Any]) -> bool:
    return d.get("confidence") is not None and d["confidence"] >= DISTORTION_SHOWN


def members_table(members: list[dict[str, Any]], focus: str | None = None) -> Table:
    """A story's articles in publication order, with their roles."""
    table = Table(title=None, expand=True)
    for col in ("published", "outlet", "role", "id", "title"):
        table.add_column(col, overflow="fold")
    names = {m["article_id"]: m.get("input_id") or m["article_id"][:12] for m in members}
    for m in members:
        when = m.get("published_at") or m.get("published") or ""
        mark = "▶ " if m["article_id"] == focus else ""
        role = m["role"] + (f" of {names.get(m['copy_of'], m['copy_of'][:12])}" if m.get("copy_of") else "")
        table.add_row(str(when)[:16], m.get("outlet") or "", role, mark + (m.get("input_id") or m["article_id"][:12]),
                      m.get("title") or "")
    return table
