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


# -- 1. `jejak sql` reads the store and nothing else ----------------------------------------------

def test_a_plain_select_still_works(world):
    result = _sql(world, "SELECT count(*) AS n FROM articles")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"n": 1}
    explained = _sql(world, "EXPLAIN SELECT count(*) FROM quotes")
    assert explained.exit_code == 0, explained.output


@pytest.mark.parametrize("query", [
    "COPY articles TO '{out}'",
    "EXPLAIN ANALYZE COPY articles TO '{out}'",
    "EXPLAIN (ANALYZE) COPY articles TO '{out}'",
    "/* hidden */ EXPLAIN ANALYZE COPY (SELECT 1) TO '{out}'",
    "EXPORT DATABASE '{out}'",
    "SELECT 1; COPY articles TO '{out}'",
    "ATTACH '{out}' AS other",
    "EXPLAIN ANALYZE ATTACH '{out}' AS other",
])
def test_nothing_is_written_outside_the_store(world, tmp_path, query):
    out = tmp_path / "leak.out"
    result = _sql(world, query.format(out=out))
    _refused(result)
    assert not out.exists()


@pytest.mark.parametrize("reader", ["read_csv", "read_text", "read_json", "read_blob", "read_csv_auto"])
@pytest.mark.parametrize("target", ["/etc/passwd", "secret", "secret_json", "beside", "shards_dotdot"])
def test_no_file_is_read_but_the_store_and_its_shards(world, reader, target):
    path = {"/etc/passwd": "/etc/passwd", "shards_dotdot": f"{world['batch']}.shards/../secret.txt"}.get(target) \
        or str(world[target])
    result = _sql(world, f"SELECT * FROM {reader}('{path}')")
    _refused(result, "refused")


@pytest.mark.parametrize("pattern", ["/etc/*", "{root}/*", "{root}/**/*.txt"])
def test_glob_lists_nothing_outside(world, pattern):
    _refused(_sql(world, f"SELECT * FROM glob('{pattern.format(root=world['root'])}')"), "refused")


@pytest.mark.parametrize("query", [
    "INSTALL sqlite", "LOAD sqlite", "EXPLAIN ANALYZE INSTALL sqlite", "EXPLAIN ANALYZE LOAD sqlite",
    "FORCE INSTALL httpfs", "SELECT * FROM sqlite_scan('{root}/x.sqlite', 'a')",
    "SELECT * FROM read_parquet('https://example.com/x.parquet')",
])
def test_no_extension_is_installed_or_loaded(world, query):
    _refused(_sql(world, query.format(root=world["root"])))


@pytest.mark.parametrize("query", [
    "SET enable_external_access = true", "RESET enable_external_access", "SET lock_configuration = false",
    "PRAGMA enable_profiling", "PRAGMA database_list", "CALL pragma_version()",
    "SET allowed_directories = ['/']", "CHECKPOINT", "VACUUM", "BEGIN TRANSACTION",
])
def test_settings_stay_locked(world, query):
    _refused(_sql(world, query), "only read queries")


@pytest.mark.parametrize("query", [
    "CREATE TABLE t AS SELECT 1", "INSERT INTO schema_version VALUES (99)", "UPDATE articles SET title = 'x'",
    "DROP TABLE quotes", "DELETE FROM quotes", "EXPLAIN ANALYZE DELETE FROM quotes",
    "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1", "CREATE MACRO m() AS 1", "SELECT 1; SELECT 2",
])
def test_the_store_is_not_changed(world, query):
    _refused(_sql(world, query))
    assert json.loads(_sql(world, "SELECT count(*) AS n FROM quotes").stdout)["n"] >= 1


@pytest.mark.parametrize("query", ["SELECT 1; SELECT 2", "SELECT 1; SET enable_external_access = true"])
def test_a_second_statement_is_refused_with_a_clear_message(world, query):
    _refused(_sql(world, query), "one SQL statement")


def test_unloaded_shards_are_read_in_place_and_nothing_beside_them(world):
    shards = f"{world['batch']}.shards"
    result = _sql(world, f"SELECT count(DISTINCT article_id) AS a FROM read_parquet('{shards}/*/quotes.parquet')",
                  world["batch"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"a": 1}
    _refused(_sql(world, f"SELECT * FROM read_csv('{world['beside']}')", world["batch"]), "--shards")


def test_a_shards_folder_elsewhere_is_named_with_shards(world, tmp_path):
    elsewhere = tmp_path / "shards"
    Path(f"{world['batch']}.shards").rename(elsewhere)
    try:
        query = f"SELECT count(*) AS n FROM read_parquet('{elsewhere}/*/quotes.parquet')"
        _refused(_sql(world, query, world["batch"]), "--shards")
        named = _sql(world, query, world["batch"], "--shards", str(elsewhere))
        assert named.exit_code == 0, named.output
    finally:
        elsewhere.rename(f"{world['batch']}.shards")


def test_a_sandboxed_store_cannot_turn_its_settings_back_on(world):
    with Store.open(world["db"], read_only=True, sandbox=True) as store:
        for statement in ("SET enable_external_access = true", "SET autoload_known_extensions = true"):
            with pytest.raises(duckdb.Error, match="locked"):
                store.con.execute(statement)
        with pytest.raises(duckdb.Error):
            store.con.execute(f"SELECT * FROM read_text('{world['secret']}')")


# -- 2. no store connection installs or loads an extension --------------------------------------

@pytest.mark.parametrize("read_only", [True, False])
def test_every_store_connection_has_extension_autoloading_off(world, tmp_path, read_only):
    db = world["db"] if read_only else tmp_path / "new.duckdb"
    with Store.open(db, read_only=read_only) as store:
        settings = dict(store.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


@pytest.mark.parametrize("command", [["quotes"], ["summary"], ["sql", "SELECT 1"], ["ingest", "{data}", "-q"]])
def test_a_sqlite_file_is_not_a_store(tmp_path, command):
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE a (b)")
    data = tmp_path / "in.txt"
    data.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, [c.format(data=data) for c in command] + ["--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "sqlite" in result.stderr.lower() and "not a jejak store" in result.stderr
    assert "INSTALL" not in result.stderr  # DuckDB's advice to install its SQLite extension is not passed on
    with pytest.raises(StoreError, match="SQLite"):
        Store.open(db, read_only=True)


# -- 3. a damaged store file is one clear line, exit 2 ------------------------------------------

def _damaged(kind: str, good: Path, where: Path) -> Path:
    path = where / f"{kind}.duckdb"
    if kind == "random":
        path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(64 * 1024)))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    elif kind == "overwritten":  # the block after the headers: DuckDB reports a checksum mismatch
        data = bytearray(good.read_bytes())
        data[12288:12800] = bytes(512)
        path.write_bytes(bytes(data))
    else:  # cut short at a fraction of its length
        data = good.read_bytes()
        path.write_bytes(data[: int(len(data) * float(kind.split("-")[1]))])
    return path


@pytest.mark.parametrize("kind", ["random", "empty", "folder", "overwritten", "cut-0.05", "cut-0.1", "cut-0.3",
                                  "cut-0.6"])
@pytest.mark.parametrize("command", [["quotes"], ["summary"], ["sql", "SELECT * FROM quotes"],
                                     ["ingest", "{data}", "-q"], ["stories"]])
def test_a_damaged_store_is_one_clear_line(world, tmp_path, kind, command):
    db = _damaged(kind, world["db"], tmp_path)
    data = tmp_path / "in.txt"
    data.write_text(ARTICLE.replace("5 persen", "9 persen"), encoding="utf-8")
    result = CliRunner().invoke(app, [c.format(data=data) for c in command] + ["--db", str(db)])
    if result.exit_code == 0:  # the cut only lost space the store did not use
        return
    assert result.exit_code == 2, (result.exception, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert str(db.name) in lines[0]


def test_some_cut_store_fails_while_it_is_read(world, tmp_path):
    """The cut stores above are not all refused at open: some fail in the middle of a query."""
    db = _damaged("cut-0.1", world["db"], tmp_path)
    with Store.open(db, read_only=True) as store:
        with pytest.raises(duckdb.Error):
            store.con.execute("SELECT * FROM quotes").fetchall()


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
