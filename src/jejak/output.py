"""Printing query results as a terminal table, JSON Lines or CSV.

One entry point, `render`, so every CLI command offers the same `--format` choices (as
Datasette offers every page as JSON): `table` for people, `json` and `csv` for programs.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TextIO
from uuid import UUID

from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "csv")
_ALIASES = {"jsonl": "json", "ndjson": "json", "tsv": "csv"}

#: Longest cell text a table shows before cutting it with an ellipsis.
MAX_CELL = 80

#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Rows = Sequence[Mapping[str, Any]] | tuple[Sequence[str], Sequence[Sequence[Any]]] | Mapping[str, Any]


def normalise(rows: Rows) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Any accepted shape as (columns, row tuples): dict rows take the union of their
    keys in first-seen order; a single dict is one row."""
    if isinstance(rows, Mapping):
        rows = [rows]
    if isinstance(rows, tuple) and len(rows) == 2 and not isinstance(rows[0], Mapping):
        cols, data = rows
        return [str(c) for c in cols], [tuple(r) for r in data]
    cols: dict[str, None] = {}
    for r in rows:
        for k in r:
            cols.setdefault(k, None)
    names = list(cols)
    return names, [tuple(r.get(c) for c in names) for r in rows]


def _json_default(v: Any) -> Any:
    if isinstance(v, (date, datetime, time)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (UUID,)):
        return str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=str)
    return str(v)


def cell_text(v: Any) -> str:
    """A value as flat text for table and CSV cells: ISO dates, plain integral floats,
    JSON for lists and dicts, empty for None."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e18 else repr(v)
    if isinstance(v, (date, datetime, time)):
        return v.isoformat()
    if isinstance(v, (list, tuple, dict, set, frozenset)):
        return json.dumps(v, ensure_ascii=False, default=_json_default)
    return str(_json_default(v)) if not isinstance(v, (int, Decimal)) else str(v)


def csv_text(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows rather than runs: one starting with = + - @,
    a tab or a carriage return gets a leading '. Shared by the CLI and the API's CSV."""
    return "'" + text if text[:1] in FORMULA_START else text


def _csv_cell(v: Any) -> str:
    """A CSV cell: stored text neutralised, numbers (negative ones too) left as numbers."""
    return csv_text(v) if isinstance(v, str) else cell_text(v)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def render(
    rows: Rows,
    fmt: str = "table",
    console: Console | None = None,
    *,
    file: TextIO | None = None,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows as `table` (rich, cells cut with …), `json` (JSON Lines) or `csv`.

    `columns` picks and orders columns; `file` redirects json/csv output (default: the
    console's file, else stdout).
    """
    kind = _ALIASES.get(fmt.lower(), fmt.lower())
    if kind not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    names, data = normalise(rows)
    if columns:
        missing = [c for c in columns if c not in names]
        if missing:
            raise ValueError(f"no column {', '.join(map(repr, missing))}; columns are {', '.join(names)}")
        idx = [names.index(c) for c in columns]
        names, data = list(columns), [tuple(r[i] for i in idx) for r in data]
    if kind == "table":
        if console is None:
            console = Console(file=file) if file is not None else Console()
        _table(names, data, console, title)
        return
    out = file or (console.file if console is not None else sys.stdout)
    if kind == "json":
        keys = _unique(names)
        for r in data:
            out.write(json.dumps(dict(zip(keys, r)), ensure_ascii=False, default=_json_default) + "\n")
    else:
        _write_csv(out, [csv_text(n) for n in names], ([_csv_cell(v) for v in r] for r in data))
    out.flush()


def _write_csv(out: TextIO, header: list[str], rows: Iterable[list[str]]) -> None:
    """CSV lines ending in \\n, with every cell that holds a CR or LF quoted: csv.writer quotes only
    the line ending's characters, so a bare CR would otherwise start a new row in a reader."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in itertools.chain([header], rows):
        buf.seek(0)
        buf.truncate()
        w.writerow(row)
        out.write(buf.getvalue()[:-2] + "\n")


def _table(names: list[str], data: list[tuple[Any, ...]], console: Console, title: str | None) -> None:
    if not data:
        console.print(Text("(no rows)", style="dim"))
        return
    cells = [[_cut(cell_text(v)) for v in r] for r in data]
    natural = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    numeric = [_numeric([r[i] for r in data]) for i in range(len(names))]
    # numbers are never cut (a cut number reads as another number): only text gives way
    room = console.width - (3 * len(names) + 1) - sum(w for w, num in zip(natural, numeric) if num)
    fitted = iter(fit_widths([w for w, num in zip(natural, numeric) if not num], room))
    widths = [w if num else next(fitted) for w, num in zip(natural, numeric)]
    table = Table(title=title, header_style="bold", pad_edge=True, expand=False)
    for i, name in enumerate(names):
        table.add_column(Text(name), justify="right" if numeric[i] else "left", no_wrap=True,
                         overflow="ellipsis", width=widths[i])
    for r in cells:
        table.add_row(*(Text(c) for c in r))
    console.print(table)


def _numeric(col: list[Any]) -> bool:
    return any(v is not None for v in col) and all(
        v is None or (isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)) for v in col
    )


def fit_widths(natural: list[int], room: int, floor: int = 6) -> list[int]:
    """Column widths that fit `room`: narrow columns keep their width, the widest are
    capped at one common width (never under `floor`), so short fields stay whole and
    long text gives way."""
    if not natural or sum(natural) <= room:
        return list(natural)
    lo, hi = floor, max(natural)
    while lo < hi:  # largest cap whose total still fits
        mid = (lo + hi + 1) // 2
        if sum(min(w, mid) for w in natural) <= room:
            lo = mid
        else:
            hi = mid - 1
    cap = lo
    widths = [min(w, cap) for w in natural]
    spare = room - sum(widths)
    for i, w in enumerate(natural):  # hand leftover columns to the cut ones, left first
        if spare <= 0:
            break
        if w > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _cut(s: str) -> str:
    s = " ".join(s.split()) if ("\n" in s or "\t" in s) else s
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"
