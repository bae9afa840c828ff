"""Events in the store: query filters, the PLOVER and GDELT exports, the v1 → v2 migration, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from jejak.cli import app
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, Store, queries
from jejak.store.export import GDELT_COLUMNS, write_gdelt, write_plover

WAR = ("Rusia menyerang Ukraina di Kharkiv pada Senin (1/12/2025). "
       "Presiden Prabowo Subianto bertemu Presiden AS Donald Trump di Washington pada Selasa (2/12/2025). "
       'Kanselir Jerman Olaf Scholz mengatakan Berlin tidak akan mengirim senjata ke Ukraina.')
POLICE = "Polri menangkap dua tersangka penipuan di Medan. Polri juga menyita 40 telepon genggam."


@pytest.fixture()
def store(tmp_path: Path):
    s = Store.open(tmp_path / "ev.duckdb")
    s.add(analyze(WAR, published="2025-12-03", lang="id", id="war").to_dict())
    s.add(analyze(POLICE, published="2025-11-20", lang="id", id="police").to_dict())
    yield s
    s.close()


def test_events_are_stored_with_actors_and_evidence(store):
    rows = queries.events(store, limit=None)
    assert {r["type"] for r in rows} == {"ASSAULT", "CONSULT", "AID", "COERCE"}
    assault = next(r for r in rows if r["type"] == "ASSAULT")
    assert (assault["source_country"], assault["target_country"], assault["location"]) == ("RUS", "UKR", "Kharkiv")
    assert assault["evidence"] == "Rusia menyerang Ukraina"
    assert assault["date"] == "2025-12-01"


def test_filters_by_actor_type_mode_and_date(store):
    assert [r["type"] for r in queries.events(store, actor="RUS")] == ["ASSAULT"]
    assert [r["type"] for r in queries.events(store, actor="trump")] == ["CONSULT"]
    assert [r["mode"] for r in queries.events(store, type="aid")] == ["negated"]
    assert {r["type"] for r in queries.events(store, mode="none")} == {"ASSAULT", "CONSULT", "COERCE"}
    assert {r["type"] for r in queries.events(store, since="2025-12-02")} == {"CONSULT", "AID"}
    assert {r["type"] for r in queries.events(store, until="2025-11-30")} == {"COERCE"}


def test_plover_records_carry_both_actors_and_the_article(store):
    out = io.StringIO()
    write_plover(queries.events(store, type="ASSAULT"), out)
    rec = json.loads(out.getvalue())
    assert rec["event_type"] == "ASSAULT" and rec["quad_class"] == 4
    assert rec["source"]["country"] == "RUS" and rec["target"]["country"] == "UKR"
    assert rec["event_text"] == "Rusia menyerang Ukraina" and rec["article"]["input_id"] == "war"
    assert rec["id"] == f"{rec['article']['id']}:0"


def test_gdelt_tsv_has_gdelt_column_names_and_cameo_roots(store):
    out = io.StringIO()
    write_gdelt(queries.events(store, limit=None), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert tuple(rows[0].keys()) == GDELT_COLUMNS
    by_type = {r["PloverType"]: r for r in rows}
    assert by_type["ASSAULT"]["EventRootCode"] == "18" and by_type["ASSAULT"]["SQLDATE"] == "20251201"
    assert by_type["CONSULT"]["EventRootCode"] == "04" and by_type["CONSULT"]["QuadClass"] == "1"
    assert by_type["AID"]["PloverMode"] == "negated"
    assert by_type["ASSAULT"]["Actor1CountryCode"] == "RUS"


def test_a_version_1_store_is_upgraded_on_open(tmp_path):
    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    for col in ("source_type", "source_sector", "target_type", "target_sector", "reported_by",
                "trigger_start", "trigger_end", "spans"):
        con.execute(f"ALTER TABLE events DROP COLUMN {col}")
    con.execute("UPDATE schema_version SET version = 1")
    con.close()
    with Store.open(path, read_only=True) as s:  # read-only open upgrades first
        assert s.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert queries.events(s) == []
    with Store.open(path) as s:
        s.add(analyze(WAR, published="2025-12-03", lang="id", id="war").to_dict())
        assert len(queries.events(s)) == 3


def test_cli_events_formats_and_errors(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.duckdb")
    with Store.open(db) as s:
        s.add(analyze(WAR, published="2025-12-03", lang="id", id="war").to_dict())
    table = runner.invoke(app, ["events", "--db", db, "--actor", "RUS", "--type", "ASSAULT", "--since", "2025-12-01"])
    assert table.exit_code == 0 and "ASSAULT" in table.output and "Russia" in table.output
    as_json = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    assert len(as_json.output.strip().splitlines()) == 3
    gdelt = runner.invoke(app, ["events", "--db", db, "--format", "gdelt"])
    assert gdelt.output.splitlines()[0].split("\t")[:2] == ["GLOBALEVENTID", "SQLDATE"]
    plover = runner.invoke(app, ["events", "--db", db, "--format", "plover", "--mode", "negated"])
    assert json.loads(plover.output)["event_type"] == "AID"
    bad = runner.invoke(app, ["events", "--db", db, "--type", "ATTACK"])
    assert bad.exit_code != 0 and "ASSAULT" in bad.output


def test_people_only_described_stay_marked_so_in_the_store_and_the_exports(tmp_path):
    text = "Ratusan massa menggelar unjuk rasa di depan Gedung DPRD Jawa Tengah, Semarang, pada Senin (3/11/2025)."
    with Store.open(tmp_path / "d.duckdb") as s:
        s.add(analyze(text, published="2025-11-03", lang="id", id="demo").to_dict())
        rows = queries.events(s, limit=None)
        assert [(r["type"], r["source"], r["source_described"]) for r in rows] == [("PROTEST", "ratusan massa", True)]
        out = io.StringIO()
        write_plover(rows, out)
        record = json.loads(out.getvalue().splitlines()[0])
        assert record["source"]["described"] is True and record["source"]["kb_id"] is None
