"""One path from input to stored rows: the same folder gives the same rows serially, with the
batch engine and through the API; one meaning of outlet; page metadata kept; dates read once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from jejak.cli import app
from jejak.dates import parse_day, publication_moment
from jejak.kb import default_kb
from jejak.kb.publishers import publisher, registrable_domain
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, Store
from jejak.store.schema import TABLES

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOKEN = "uji-token-rahasia"

STORY = ("Jakarta - Badan Penanggulangan Bencana Daerah (BPBD) DKI Jakarta mencatat 312 warga mengungsi akibat "
         "banjir di Kampung Pulo pada Senin (13/10/2025). \"Air mulai naik sekitar pukul 03.00 WIB,\" kata Kepala "
         "Pelaksana BPBD DKI Jakarta Isnawa Adji. Menurut dia, petugas menyiapkan 40 perahu karet.")
LATIN = ("Bandung - Wali Kota Bandung meresmikan caf\u00e9 literasi di Alun-alun pada Selasa (14/10/2025). "
         "\"Kami ingin warga membaca lagi,\" ujar wali kota kepada wartawan. Biaya renovasi mencapai Rp 1,2 miliar.")
TEXT_FILE = ("SURABAYA - Dinas Perhubungan Kota Surabaya menambah 20 bus listrik untuk rute Terminal Purabaya pada "
             "Rabu (15/10/2025). \"Armada baru ini melayani 12.000 penumpang sehari,\" kata Kepala Dinas Perhubungan "
             "Tundjung Iswandaru. Tarif tetap Rp 5.000 per perjalanan.")


def _mixed_folder(root: Path) -> Path:
    """Every kind of input the readers take, good and bad, in one folder."""
    folder = root / "campur"
    folder.mkdir()
    with_ids = [{"id": "banjir-pulo", "url": "https://megapolitan.kompas.com/read/2025/10/13/banjir",
                 "published": "2025-10-13T09:15:00+07:00", "title": "Banjir Kampung Pulo", "text": STORY},
                {"id": "nama-lain", "link": "https://www.contoh.co.id/bus", "date": "2025-10-15", "body": TEXT_FILE},
                {"id": "dua-isi", "text": LATIN, "html": (SAMPLES / "page.html").read_text("utf-8"),
                 "url": "https://jabar.contoh.co.id/kafe-2", "published": "2025-10-14"}]
    (folder / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in with_ids), "utf-8")
    no_ids = [{"url": "https://news.detik.com/berita/d-1/banjir", "published": "2025-10-13", "text": STORY},
              {"url": "https://berita.contoh.co.id/kota/bus-listrik", "published": "Rabu, 15 Oktober 2025",
               "text": TEXT_FILE}]
    lines = [json.dumps(r, ensure_ascii=False) for r in no_ids]
    lines.insert(1, "{ini bukan json")
    (folder / "feed.2025.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    latin = json.dumps({"url": "https://jabar.contoh.co.id/kafe", "published": "2025-10-14", "text": LATIN},
                       ensure_ascii=False)
    (folder / "latin.jsonl").write_bytes(latin.encode("latin-1") + b"\n")
    (folder / "page.html").write_text((SAMPLES / "page.html").read_text("utf-8"), "utf-8")
    (folder / "bus.txt").write_text(TEXT_FILE, "utf-8")
    (folder / "sampah.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "kosong.txt").write_bytes(b"")
    return folder


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every stored row of every table the ingest writes, in a fixed order, without the ingest time."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            exclude = " EXCLUDE (ingested_at)" if table == "articles" else ""
            out[table] = con.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _api_records(folder: Path) -> list[dict]:
    """What a client would send for the folder: each JSONL line's object as it is (only the id a
    file gives a line without one is added, since a request has no file name and line), and each
    text or HTML file as `{"id": name, "text" | "html": ...}`."""
    records = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            for n, raw in enumerate(path.read_bytes().splitlines(), 1):
                try:
                    obj = json.loads(raw.decode("utf-8", errors="strict"))
                except UnicodeDecodeError:
                    obj = json.loads(raw.decode("latin-1"))
                except ValueError:
                    continue
                records.append({"id": f"{path.stem}:{n}", **obj})
        elif path.suffix in (".html", ".txt") and path.stat().st_size:
            key = "html" if path.suffix == ".html" else "text"
            records.append({"id": path.stem, key: path.read_text("utf-8")})
    return records


def test_the_same_folder_gives_the_same_rows_serially_in_batch_and_through_the_api(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from jejak.api import create_app
    from jejak.batch.runner import run

    folder = _mixed_folder(tmp_path)
    serial, batch, api = tmp_path / "serial.duckdb", tmp_path / "batch.duckdb", tmp_path / "api.duckdb"

    done = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(serial), "-q"])
    assert done.exit_code == 1, done.output  # the bad line, the junk and the empty file are reported
    for reported in ("feed.2025.jsonl:2", "sampah.bin", "kosong.txt"):
        assert reported in done.output

    stats = run([str(folder)], str(batch), engine="local", workers=1, partition_size=2)
    assert stats.stored == 8 and len(stats.failed) == 3, stats.failed

    Store.open(api).close()
    with TestClient(create_app(str(api), allow_write=True, token=TOKEN)) as client:
        answer = client.post("/api/ingest", json={"records": _api_records(folder), "link": False},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == 8 and not answer.json()["skipped"]

    rows = _rows(serial)
    assert len(rows["articles"]) == 8 and rows["quotes"] and rows["signatures"]
    assert _rows(batch) == rows
    assert _rows(api) == rows

    con = duckdb.connect(str(serial), read_only=True)
    ids = dict(con.execute("SELECT input_id, outlet FROM articles").fetchall())
    con.close()
    # ids as the readers give them, whichever path: a line without an id is `stem:line`
    assert set(ids) == {"banjir-pulo", "nama-lain", "dua-isi", "feed.2025:1", "feed.2025:3", "latin:1", "page", "bus"}
    assert ids["nama-lain"] == "contoh.co.id"  # `link` read as the URL on every path
    assert ids["banjir-pulo"] == "Kompas" and ids["feed.2025:1"] == "detikcom"
    assert ids["feed.2025:3"] == "contoh.co.id" and ids["latin:1"] == "contoh.co.id"
    assert ids["page"] == "kabarpriangan.example" and ids["bus"] is None


def test_the_outlet_is_the_publisher_and_the_dateline_brand_its_own_field() -> None:
    kb = default_kb()
    assert publisher("https://nasional.kompas.com/read/x", kb) == "Kompas"
    assert publisher("https://finance.detik.com/x", kb) == publisher("https://news.detik.com/y", kb) == "detikcom"
    assert publisher("https://www.berita.contoh.co.id/x", kb) == "contoh.co.id"
    assert publisher("http://127.0.0.1:8000/x", kb) == "127.0.0.1"
    assert publisher("http://[::1", kb) is None and publisher(None, kb) is None
    assert registrable_domain("a.b.c.example") == "c.example"

    records = {json.loads(line)["id"]: json.loads(line) for line in (SAMPLES / "articles.jsonl").open(encoding="utf-8")}
    spun = records["nato-ukraina-spun"]
    article = analyze(spun["text"], url=spun["url"], id=spun["id"])
    assert article.outlet == "kabarharian24.example"  # the site it is on, not the outlet it copied
    assert article.dateline is not None and article.dateline.outlet == "WARTA KILAT"


def test_the_trace_credits_the_spun_copy_to_its_site(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(SAMPLES / "articles.jsonl"), "--db", str(db), "-q"])
    with Store.open(db, read_only=True) as store:
        outlet, brand = store.con.execute("SELECT outlet, dateline_outlet FROM articles "
                                          "WHERE input_id = 'nato-ukraina-spun'").fetchone()
    assert (outlet, brand) == ("kabarharian24.example", "WARTA KILAT")
    traced = runner.invoke(app, ["trace", "nato-ukraina-spun", "--db", str(db), "--format", "json"])
    assert traced.exit_code == 0, traced.output
    assert "kabarharian24.example" in traced.output and '"outlet": "WARTA KILAT"' not in traced.output


def test_a_version_4_store_takes_publishers_for_outlets(tmp_path: Path) -> None:
    path = tmp_path / "v4.duckdb"
    recs = [json.loads(line) for line in (SAMPLES / "articles.jsonl").open(encoding="utf-8")]
    with Store.open(path) as store:
        for rec in recs[:5]:
            store.add(analyze(rec["text"], url=rec["url"], id=rec["id"], published=rec.get("published")))
    con = duckdb.connect(str(path))
    for column in ("dateline_outlet", "author", "site_name", "canonical_url"):
        con.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    # what version 4 stored: the dateline's brand first, else the host
    con.execute("UPDATE articles SET outlet = coalesce(json_extract_string(record, '$.dateline.outlet'), 'x')")
    con.execute("UPDATE schema_version SET version = 4")
    con.close()
    with Store.open(path, read_only=True) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION == 13
        rows = dict(store.con.execute("SELECT input_id, outlet FROM articles").fetchall())
        brands = dict(store.con.execute("SELECT input_id, dateline_outlet FROM articles").fetchall())
    assert rows["nato-ukraina-spun"] == "kabarharian24.example" and rows["nato-ukraina"] == "wartanusa.example"
    assert brands["nato-ukraina-spun"] == "WARTA KILAT"


def test_an_html_page_keeps_its_time_author_and_canonical_url(tmp_path: Path) -> None:
    page = (SAMPLES / "page.html").read_text("utf-8")
    article = analyze(page)
    assert article.published == "2025-07-08" and article.published_at == "2025-07-08T13:45"
    assert article.author == "Redaksi Kabar Priangan" and article.site_name == "Kabar Priangan"
    assert article.url == "https://kabarpriangan.example/bandung/2025/07/08/tempat-sampah-terpilah"
    fetched = analyze(page, url="https://m.kabarpriangan.example/amp/123")
    assert fetched.canonical_url == article.url and fetched.outlet == "kabarpriangan.example"
    with Store.open(tmp_path / "p.duckdb") as store:
        store.add(fetched)
        row = store.con.execute("SELECT published_at, author, site_name, canonical_url FROM articles").fetchone()
    assert row == (dt.datetime(2025, 7, 8, 13, 45), "Redaksi Kabar Priangan", "Kabar Priangan", article.url)


def test_a_page_time_in_another_zone_counts_on_its_day_in_western_indonesia() -> None:
    page = (SAMPLES / "page.html").read_text("utf-8").replace("2025-07-08T13:45:00+07:00", "2025-07-07T20:30:00Z")
    article = analyze(page)
    assert article.published == "2025-07-08" and article.published_at == "2025-07-08T03:30"


@pytest.mark.parametrize("value, day, moment", [
    ("2025-10-13", dt.date(2025, 10, 13), None),
    ("2025-10-13T13:45:00+07:00", dt.date(2025, 10, 13), "2025-10-13T13:45"),
    ("2025-10-12T20:00:00Z", dt.date(2025, 10, 13), "2025-10-13T03:00"),
    ("2025-10-13 13:45:10+0700", dt.date(2025, 10, 13), "2025-10-13T13:45:10"),
    ("Senin, 13 Oktober 2025", dt.date(2025, 10, 13), None),
    ("0001-01-01T00:00:00+07:00", None, None),
    ("bukan tanggal", None, None),
])
def test_metadata_dates_are_read_in_one_place(value: str, day, moment) -> None:
    assert parse_day(value) == day
    assert publication_moment(value) == moment
