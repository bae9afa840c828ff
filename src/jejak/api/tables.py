"""Lists as files: one page of rows as JSON, CSV, JSON Lines or Parquet, for the API and the
dashboard's download links alike (same rows, same filters, same order)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any, Literal

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from jejak.output import csv_text

FormatName = Literal["json", "csv", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("json", "csv", "jsonl", "parquet")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
         "parquet": "application/vnd.apache.parquet"}


def cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ is prefixed with '."""
    if value is None:
        return ""
    return csv_text(value) if isinstance(value, str) else value


def csv_bytes(items: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    if items:
        names = list(dict.fromkeys(k for item in items for k in item))
        writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        for item in items:
            writer.writerow({k: cell(_flat(v)) for k, v in item.items()})
    return out.getvalue().encode("utf-8")


def _flat(value: Any) -> Any:
    """Lists and dicts as JSON text in a CSV cell."""
    return json.dumps(jsonable_encoder(value), ensure_ascii=False) if isinstance(value, (list, dict)) else value


def jsonl_bytes(items: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(jsonable_encoder(i), ensure_ascii=False) + "\n" for i in items).encode("utf-8")


def _arrow_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def parquet_bytes(items: list[dict[str, Any]]) -> bytes:
    """A Parquet file of the rows; a column whose values mix types is written as text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = list(dict.fromkeys(k for item in items for k in item))
    columns = {}
    for name in names:
        values = [_arrow_value(i.get(name)) for i in items]
        try:
            columns[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            columns[name] = pa.array([None if v is None else json.dumps(jsonable_encoder(v), ensure_ascii=False)
                                      if isinstance(v, (list, dict)) else str(v) for v in values], type=pa.string())
    table = pa.table(columns) if names else pa.table({})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def download(items: list[dict[str, Any]], fmt: str, name: str) -> Response:
    """The rows as a file to save (`name.csv`, `name.jsonl`, `name.parquet`)."""
    body = {"csv": csv_bytes, "jsonl": jsonl_bytes, "parquet": parquet_bytes}[fmt](items)
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def page(items: list[dict[str, Any]], limit: int, offset: int, fmt: str, name: str = "rows") -> Response:
    """A page of rows: JSON with paging (`next_offset`), else the rows alone as a file."""
    if fmt in MEDIA:
        return download(items, fmt, name)
    return JSONResponse(jsonable_encoder({
        "items": items, "limit": limit, "offset": offset,
        "next_offset": offset + limit if len(items) == limit else None,
    }))


def whole(items: list[dict[str, Any]], fmt: str, name: str = "rows") -> Response:
    """A list that is not paged (a trend, the movers): JSON `{"items": [...]}`, or the rows as a file."""
    if fmt in MEDIA:
        return download(items, fmt, name)
    return JSONResponse(jsonable_encoder({"items": items}))
