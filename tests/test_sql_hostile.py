"""Hostile input to the command line: SQL that tries to leave the store, files that are not a
store, spreadsheet formulas in CSV output, and numbers that mean "no limit" by accident.

Every attack must be refused with a message that says why, and must neither write nor read a
file outside the store (and the batch shards folder, for `jejak sql`).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from jejak.cli import app
from jejak.output import render
from jejak.store import Store, StoreError

ARTICLE = (
    "JAKARTA, KABARKITA.com - Menteri Perhubungan Dudy Purwagandhi mengatakan arus mudik tahun ini "
    "diperkirakan naik 5 persen. \"Kami menyiapkan 1.200 bus tambahan,\" kata Dudy di Jakarta, Senin (20/10/2025).\n"
)
SECRET = "jejak-secret-canary-41c7"


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    """A store with one article, its unloaded batch shards in DB.shards, and secrets beside it."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "in.jsonl"
    data.write_text(json.dumps({"id": "kk-1", "url": "https://kabarkita.example/a", "published": "2025-10-20",
                                "text": ARTICLE}) + "\n", encoding="utf-8")
    db = root / "store.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(data), "--db", str(db), "-q"]).exit_code == 0
    shards = runner.invoke(app, ["ingest", str(data), "--db", str(root / "batch.duckdb"), "--engine", "local",
                                 "--workers", "1", "--no-load", "-q"])
    assert shards.exit_code == 0, shards.output
    (root / "secret.txt").write_text(f"word\n{SECRET}\n", encoding="utf-8")
    (root / "secret.json").write_text(json.dumps({"word": SECRET}), encoding="utf-8")
    beside = root / "batch.duckdb.shards-other"  # a sibling whose name starts like the shards folder
    beside.mkdir()
    (beside / "secret.txt").write_text(f"word\n{SECRET}\n", encoding="utf-8")
    return {"root": root, "db": db, "batch": root / "batch.duckdb", "secret": root / "secret.txt",
            "secret_json": root / "secret.json", "beside": beside / "secret.txt"}


def _sql(world: dict[str, Path], query: str, db: Path | None = None, *extra: str):
    return CliRunner().invoke(app, ["sql", query, "--db", str(db or world["db"]), "--format", "json", *extra])


def _refused(result, *words: str) -> None:
    """Refused: a non-zero exit, no traceback, no secret printed, and a message naming the cause."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert SECRET not in result.output and "root:" not in result.stdout
    for word in words:
        assert word.lower() in result.stderr.lower(), result.stderr


# -- 4. CSV output never hands a spreadsheet a formula ------------------------------------------

@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(value):
    out = io.StringIO()
    render([{"text": value, "n": -5}], "csv", file=out)
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["text", "n"], ["'" + value, "-5"]]


def test_a_carriage_return_inside_a_cell_does_not_start_a_row():
    out = io.StringIO()
    render([{"text": "a\r=1+1", "n": 1}, {"text": "b\nc", "n": 2}], "csv", file=out)
    assert out.getvalue().endswith("2\n") and "\r\n" not in out.getvalue()
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["text", "n"], ["a\r=1+1", "1"],
                                                                          ["b\nc", "2"]]


def test_cli_csv_neutralises_a_formula_from_the_store(world):
    result = CliRunner().invoke(app, ["sql", "SELECT '=HYPERLINK(''http://evil'')' AS x, -1 AS n, 2 AS \"@y\"",
                                      "--db", str(world["db"]), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["x,n,'@y", "'=HYPERLINK('http://evil'),-1,2"]


def test_the_api_and_the_cli_share_one_neutraliser():
    from jejak.api import app as api_app
    from jejak.output import csv_text

    assert api_app._cell("=1+1") == csv_text("=1+1") == "'=1+1"
    assert api_app._cell(-3) == -3 and api_app._cell(None) == ""


# -- 5. counts and sizes must be positive and fit 64 bits ------------------------------------

@pytest.mark.parametrize("command", [
    ["analyze", "{data}", "--max-bytes", "-1"], ["analyze", "{data}", "--max-bytes", "0"],
    ["ingest", "{data}", "--max-bytes", "-5"], ["fetch", "http://x.example/", "--max-bytes", "-1"],
    ["quotes", "--limit", "-1"], ["events", "--limit", "-1"], ["entities", "--limit", "-3"],
    ["stories", "--limit", "-1"], ["quotes", "-n", "0"], ["eval", "--pfsa", "{data}", "--docs", "-1"],
    ["quotes", "--limit", "99999999999999999999"], ["analyze", "{data}", "--max-bytes", "9" * 30],
    ["ingest", "{data}", "--engine", "local", "--partition-size", "0"],
])
def test_negative_sizes_and_limits_are_refused(tmp_path, command):
    data = tmp_path / "in.txt"
    data.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "never.duckdb"
    result = CliRunner().invoke(app, [c.format(data=data) for c in command] + (
        ["--db", str(db)] if command[0] not in ("analyze", "eval") else []))
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.output and not db.exists()
