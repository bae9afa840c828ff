"""The command line: JSON Lines out with ids kept, exit codes, a bad-input mix, idempotent ingest."""

import json

import pytest
from typer.testing import CliRunner

from jejak.cli import app

ARTICLE = (
    "JAKARTA, KABARKITA.com - Menteri Perhubungan Dudy Purwagandhi mengatakan arus mudik tahun ini "
    "diperkirakan naik 5 persen. \"Kami menyiapkan 1.200 bus tambahan,\" kata Dudy di Jakarta, Senin (20/10/2025).\n"
    "Menurut Dudy, anggaran angkutan gratis mencapai Rp 1,2 triliun.\n"
)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def inputs(tmp_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "kk-1", "url": "https://kabarkita.example/a", "published": "2025-10-20", "text": ARTICLE}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "kk-2", "published": "2025-10-21", "text": ARTICLE.replace("5 persen", "7 persen")}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "spanish.txt").write_text(
        "El gobierno anunció ayer que los precios de la energía bajarán durante el invierno, según el ministro, "
        "que habló con los periodistas en la capital después de la reunión del gabinete.", encoding="utf-8")
    return tmp_path


def test_analyze_prints_one_record_per_article_keeping_ids(runner, inputs):
    result = runner.invoke(app, ["analyze", str(inputs / "good.jsonl"), "--format", "json"])
    assert result.exit_code == 1  # the broken line is reported
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["kk-1", "kk-2"]
    first = records[0]
    assert first["published"] == "2025-10-20"
    assert first["dateline"] == {"place": "Jakarta", "outlet": "KABARKITA.com"}
    assert any(q["speaker"] and q["speaker"]["name"] == "Dudy Purwagandhi" for q in first["quotes"])
    assert "good.jsonl:2" in result.stderr


def test_ingest_stores_the_good_reports_the_bad_and_is_idempotent(runner, inputs, tmp_path):
    db = str(inputs / "store.duckdb")  # a store inside the ingested folder is not read as input
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db])
    assert result.exit_code == 1, result.output
    assert "2 new article(s)" in result.stderr
    for bad in ("empty.txt", "junk.bin", "spanish.txt", "good.jsonl:2"):
        assert bad in result.stderr
    again = runner.invoke(app, ["ingest", str(inputs), "--db", db])
    assert "0 new article(s)" in again.stderr and "2 already there" in again.stderr
    rows = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--db", db, "--format", "json"])
    assert json.loads(rows.stdout.strip()) == {"n": 2}


def test_quotes_query_as_json_lines_and_csv(runner, inputs, tmp_path):
    db = str(tmp_path / "q.duckdb")
    runner.invoke(app, ["ingest", str(inputs / "good.jsonl"), "--db", db])
    out = runner.invoke(app, ["quotes", "--speaker", "dudy", "--db", db, "--format", "json"])
    assert out.exit_code == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["speaker"] == "Dudy Purwagandhi" for r in rows)
    csv_out = runner.invoke(app, ["entities", "--db", db, "--format", "csv"])
    assert csv_out.stdout.splitlines()[0].startswith("name,type,country")


def test_errors_say_what_to_do(runner, tmp_path):
    missing = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "jejak ingest" in missing.stderr
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["analyze", "x.txt", "--format", "yaml"]).exit_code == 2


def test_sql_errors_exit_1_with_a_hint(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(inputs / "good.jsonl"), "--db", db])
    bad = runner.invoke(app, ["sql", "SELECT nope FROM articles", "--db", db])
    assert bad.exit_code == 1 and "SQL error" in bad.stderr
    write = runner.invoke(app, ["sql", "DELETE FROM articles", "--db", db])
    assert write.exit_code == 1 and "only read queries" in write.stderr


def test_analyze_reads_stdin(runner):
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["amounts"]


def test_user_knowledge_base_extends_the_shipped_one(runner, tmp_path):
    people = tmp_path / "mine.tsv"
    people.write_text("kb_id\ttype\tname\tcountry\tsector\taliases\tmetonyms\n"
                      "per:rangga-wiratama\tPER\tRangga Wiratama\tIDN\tgovernment\tRangga\t\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("\"Kami akan membuka pendaftaran pekan depan,\" kata Rangga di Bandung, Senin (20/10/2025).",
                    encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(text), "--kb", str(people)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["quotes"][0]["speaker"]["kb_id"] == "per:rangga-wiratama"
    bad = tmp_path / "bad.tsv"
    bad.write_text("kb_id\ttype\tname\nper:x\n", encoding="utf-8")
    refused = runner.invoke(app, ["analyze", str(text), "--kb", str(bad)])
    assert refused.exit_code == 2 and "bad.tsv" in refused.stderr


def test_every_kind_of_bad_input_is_reported_and_the_good_stored(runner, tmp_path):
    folder = tmp_path / "mix"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(ARTICLE.replace("Menteri", "Menteri café").encode("latin-1"))
    (folder / "utf16.txt").write_bytes(ARTICLE.replace("5 persen", "6 persen").encode("utf-16"))
    (folder / "truncated.html").write_text("<html><head><title>Banjir</title></head><body><article><p>"
                                           + ARTICLE.replace("5 persen", "8 persen") + "</p><p>Warga di", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "english_is_fine.txt").write_text(
        "The central bank said on Monday that it would keep interest rates unchanged for the rest of the year, "
        "citing slowing inflation and a weaker currency.", encoding="utf-8")
    (folder / "other.txt").write_text(
        "Die Regierung hat gestern angekündigt, dass die Energiepreise im Winter sinken werden, sagte der Minister "
        "nach der Sitzung des Kabinetts in der Hauptstadt.", encoding="utf-8")
    (folder / "lines.jsonl").write_text(json.dumps({"id": "j1", "text": ARTICLE.replace("5 persen", "9 persen")})
                                        + "\n{oops\n", encoding="utf-8")
    db = str(tmp_path / "mix.duckdb")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 1
    assert "6 new article(s)" in result.stderr, result.stderr
    for bad in ("empty.txt", "junk.bin", "huge.txt", "other.txt", "lines.jsonl:2"):
        assert bad in result.stderr
    again = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert "0 new article(s)" in again.stderr
    latin = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles WHERE text LIKE '%café%'", "--db", db,
                                "--format", "json"])
    assert json.loads(latin.stdout) == {"n": 1}


def test_version_and_language_checks(runner):
    assert runner.invoke(app, ["--version"]).stdout.startswith("jejak ")
    bad = runner.invoke(app, ["analyze", "-", "--lang", "fr"], input=ARTICLE)
    assert bad.exit_code == 2 and "leave --lang out" in bad.stderr


def test_markup_in_hostile_text_is_printed_as_written(runner, tmp_path):
    page = tmp_path / "markup[bold]x.txt"
    page.write_text("Jakarta - Warga menulis [/] dan [bold]tebal[/bold] di papan [red]. \"Kami tidak takut "
                    "[/red] lagi,\" kata Budi Santoso, Senin (13/10/2025).", encoding="utf-8")
    done = runner.invoke(app, ["analyze", str(page), "--format", "table"])
    assert done.exit_code == 0, done.output
    assert "[/red] lagi" in done.output
    missing = runner.invoke(app, ["analyze", str(page), str(tmp_path / "tidak[red]ada.txt")])
    assert missing.exit_code == 1 and "tidak[red]ada.txt" in missing.output


def test_eval_scores_several_gold_folders_as_one_set(runner, tmp_path):
    from pathlib import Path

    dev = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
    if not (dev / "seed-000.gold.json").is_file():
        pytest.skip("needs ../shared/eval/dev")
    detik = sorted(p for p in dev.glob("*.gold.json") if p.name != "seed-000.gold.json")[:2]
    one, two = tmp_path / "shared-one" / "eval" / "one", tmp_path / "shared-two" / "eval" / "two"
    for folder, files in ((one, detik[:1]), (two, detik[1:2])):
        folder.mkdir(parents=True)
        for f in files:
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        (folder.parent.parent / "data").symlink_to(dev.parents[1] / "data")
    both = runner.invoke(app, ["eval", str(one), str(two), str(one), "--format", "json"])
    assert both.exit_code == 0, both.output
    alone = [json.loads(runner.invoke(app, ["eval", str(f), "--format", "json"]).output) for f in (one, two)]
    merged = json.loads(both.output)
    assert merged["articles"] == 2  # the folder named twice counts once
    assert merged["entities"]["gold"] == sum(a["entities"]["gold"] for a in alone)
    missing = runner.invoke(app, ["eval", str(one), str(tmp_path / "nowhere")])
    assert missing.exit_code != 0 and "not a folder" in missing.output


def _store_with_free_space(db) -> int:
    """A store whose file is mostly free blocks (a dropped table's), as after a large load; its size."""
    import duckdb

    from jejak.store import Store

    Store.open(db).close()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE ballast (a DOUBLE, b DOUBLE)")
    for _ in range(8):  # blocks of a table to drop, between blocks of rows that stay
        con.execute("INSERT INTO ballast SELECT random(), random() FROM range(300000)")
        con.execute("INSERT INTO facts SELECT 'x', md5(random()::VARCHAR) FROM range(20000)")
        con.execute("CHECKPOINT")
    con.execute("DROP TABLE ballast")
    con.execute("CHECKPOINT")
    con.close()
    return db.stat().st_size


def test_ingest_gives_back_the_space_a_store_has_free_and_compact_does_on_demand(runner, inputs, tmp_path):
    db = tmp_path / "j.duckdb"
    swollen = _store_with_free_space(db)
    assert swollen > 30_000_000
    result = runner.invoke(app, ["ingest", str(inputs / "good.jsonl"), "--db", str(db)])
    assert result.exit_code == 1  # the bad line is reported; the two good records are stored
    assert "compacted" in result.output and db.stat().st_size < swollen / 4
    quotes = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Dudy", "--format", "json"])
    assert len(quotes.output.strip().splitlines()) == 6  # three in each of the two articles
    again = runner.invoke(app, ["ingest", str(inputs / "good.jsonl"), "--db", str(db)])
    assert "compacted" not in again.output  # nothing new stored: nothing to give back
    _store_with_free_space(tmp_path / "k.duckdb")
    asked = runner.invoke(app, ["compact", "--db", str(tmp_path / "k.duckdb")])
    assert asked.exit_code == 0 and "MB ->" in asked.output
    missing = runner.invoke(app, ["compact", "--db", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code == 2 and "no such store" in missing.output
