"""The DuckDB store (schema, idempotent bulk writes, queries) and output formatting."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from jejak.model import (
    Amount, Article, Dateline, Entity, EntityRef, Event, Indicator, Mention, Quote, Removal, TimeExpr,
)
from jejak.output import fit_widths, render
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, TABLES, Store, StoreError, content_hash, queries

# --- fixtures: short articles written for these tests, in the style of Indonesian news ---

TEXT_A = (
    "Menteri Perdagangan Budi Santoso meninjau Pasar Induk Cipinang pada Senin (2/12/2024). "
    "\u201cStok beras aman sampai akhir tahun,\u201d kata Budi kepada wartawan. "
    "Pemerintah menyiapkan anggaran Rp 2,5 triliun untuk operasi pasar. "
    "Budi mengatakan harga akan turun pekan depan."
)
TEXT_B = (
    "Presiden Prabowo Subianto bertemu Perdana Menteri Jepang di Tokyo pada Rabu (4/12/2024). "
    "\u201cKami sepakat memperkuat kerja sama energi,\u201d ujar Prabowo. "
    "Menurut Budi Santoso, ekspor ke Jepang naik 12 persen."
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def article_a() -> Article:
    t = TEXT_A
    budi = Entity("budi", "Budi Santoso", "PER", "IDN", None,
                  mentions=[Mention(*_span(t, "Budi Santoso"), "Budi Santoso", "budi"),
                            Mention(*_span(t, "Budi", 1), "Budi", "budi"),
                            Mention(*_span(t, "Budi", 2), "Budi", "budi")])
    cip = Entity("cip", "Pasar Induk Cipinang", "LOC", "IDN", None,
                 mentions=[Mention(*_span(t, "Pasar Induk Cipinang"), "Pasar Induk Cipinang", "cip")])
    q1 = _span(t, "Stok beras aman sampai akhir tahun,")
    q2 = _span(t, "harga akan turun pekan depan")
    ref = budi.ref()
    a = Article(
        text=t, id="uji-a", title="Mendag pastikan stok beras aman", url="https://www.contoh.id/berita/1?utm_source=x",
        published="2024-12-02", published_from="dateline", dateline=Dateline("Jakarta", "KABAR CONTOH"),
        source_text="Jakarta, KABAR CONTOH - " + t,
        sentences=[(0, t.index(". ") + 1)],
        entities=[budi, cip],
        quotes=[Quote(t[q1[0]:q1[1]], *q1, "direct", ref, _span(t, "Budi", 1), _span(t, "kata"), "name"),
                Quote(t[q2[0]:q2[1]], *q2, "indirect", ref, _span(t, "Budi", 2), _span(t, "mengatakan"), "name")],
        times=[TimeExpr("Senin (2/12/2024)", *_span(t, "Senin (2/12/2024)"), "2024-12-02"),
               TimeExpr("akhir tahun", *_span(t, "akhir tahun"), "2024")],
        amounts=[Amount("Rp 2,5 triliun", *_span(t, "Rp 2,5 triliun"), 2.5e12, "IDR")],
        events=[Event("AID", None, EntityRef("Indonesia", "GPE", "IDN"), None, 0, 80, "Jakarta", "2024-12-02")],
        indicators=[Indicator("translated-author-code", "(bud/bud)", None, None, "trailer")],
        removals=[Removal("dateline", "Jakarta, KABAR CONTOH - ", 0, 24, "dateline")],
    )
    return a


def record_b() -> dict:
    t = TEXT_B
    q = _span(t, "Kami sepakat memperkuat kerja sama energi,")
    q2 = _span(t, "ekspor ke Jepang naik 12 persen")
    prabowo = {"name": "Prabowo Subianto", "type": "PER", "country": "IDN", "kb_id": "id:prabowo"}
    budi = {"name": "Budi Santoso", "type": "PER", "country": "IDN", "kb_id": None}
    return {
        "id": "uji-b", "lang": "id", "title": "Prabowo ke Tokyo", "url": "https://kabar.example/b",
        "published": "2024-12-04", "published_from": "metadata", "dateline": {"place": "Tokyo", "outlet": None},
        "text": t,
        "entities": [
            {**prabowo, "mentions": [list(_span(t, "Prabowo Subianto")), list(_span(t, "Prabowo", 1))]},
            {**budi, "mentions": [list(_span(t, "Budi Santoso"))]},
            {"name": "Japan", "type": "GPE", "country": "JPN", "kb_id": "id:japan",
             "mentions": [list(_span(t, "Jepang")), list(_span(t, "Tokyo"))]},
        ],
        "quotes": [
            {"text": t[q[0]:q[1]], "kind": "direct", "start": q[0], "end": q[1], "speaker": prabowo,
             "speaker_span": list(_span(t, "Prabowo", 1)), "cue": list(_span(t, "ujar")), "via": "name"},
            {"text": t[q2[0]:q2[1]], "kind": "indirect", "start": q2[0], "end": q2[1], "speaker": budi,
             "speaker_span": None, "cue": None, "via": "name"},
        ],
        "times": [{"text": "Rabu (4/12/2024)", "value": "2024-12-04", "start": 0, "end": 1}],
        "amounts": [{"text": "12 persen", "value": 12.0, "unit": "percent", "start": 0, "end": 1}],
        "events": [{"type": "CONSULT", "mode": None, "source": prabowo,
                    "target": {"name": "Japan", "type": "GPE", "country": "JPN", "kb_id": "id:japan"},
                    "location": "Tokyo", "date": "2024-12-04", "evidence": {"start": 0, "end": 90}}],
        "indicators": [], "removals": [], "author_codes": [], "sentences": [[0, 90]],
    }


def simple(i: int, **extra) -> dict:
    return {"id": f"s{i}", "text": f"Warga desa ke-{i} menerima bantuan beras dari pemerintah daerah.",
            "url": f"https://kabar.example/s/{i}", "published": "2024-11-0%d" % (1 + i % 9), **extra}


@pytest.fixture()
def store(tmp_path: Path):
    with Store.open(tmp_path / "uji.duckdb") as s:
        yield s


# --- schema -----------------------------------------------------------------------------

def test_schema_created_with_version(store: Store) -> None:
    names = {r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert set(TABLES) | {"schema_version"} <= names
    assert store.con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    for t in TABLES:
        assert store.count(t) == 0


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "baru.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = ?", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lain.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE penjualan (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a jejak store"):
        Store.open(path)


def test_read_only_missing_file_and_write_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "tidak-ada.duckdb", read_only=True)
    path = tmp_path / "ro.duckdb"
    with Store.open(path) as s:
        s.add(record_b())
    with Store.open(path, read_only=True) as s:
        assert s.count("articles") == 1
        with pytest.raises(StoreError, match="read-only"):
            s.add(simple(1))


# --- writing ----------------------------------------------------------------------------

def test_add_is_idempotent(store: Store) -> None:
    art = article_a()
    assert store.add(art.to_dict(), art.source_text) is True
    counts = {t: store.count(t) for t in TABLES}
    assert store.add(art.to_dict(), art.source_text) is False
    assert {t: store.count(t) for t in TABLES} == counts
    assert counts["articles"] == 1 and counts["mentions"] == 4 and counts["quotes"] == 2


def test_rows_carry_evidence_offsets(store: Store) -> None:
    art = article_a()
    store.add(art)  # an Article is accepted as is, source_text included
    row = store.con.execute(
        'SELECT a.text, a.dateline_outlet, a.published, a.dateline_place, a.source_text, a.input_id, q.start, q."end", '
        "q.text, q.speaker_name, q.cue_start, q.cue_end FROM quotes q JOIN articles a USING (article_id) "
        "WHERE q.kind = 'direct'").fetchone()
    text, brand, published, place, source, input_id, s, e, qtext, speaker, cs, ce = row
    assert text[s:e] == qtext and speaker == "Budi Santoso" and text[cs:ce] == "kata"
    assert (brand, published, place, input_id) == ("KABAR CONTOH", dt.date(2024, 12, 2), "Jakarta", "uji-a")
    # no URL: the publisher is unknown; the dateline's brand is not taken for it (a copy keeps its source's)
    assert store.con.execute("SELECT outlet FROM articles").fetchone()[0] is None
    assert source.startswith("Jakarta, KABAR CONTOH")
    for s, e, m in store.con.execute('SELECT start, "end", text FROM mentions').fetchall():
        assert text[s:e] == m
    rs, re_, rtext = store.con.execute('SELECT start, "end", text FROM removals').fetchone()
    assert source[rs:re_] == rtext
    assert store.con.execute("SELECT value, day FROM times ORDER BY time_no").fetchall() == [
        ("2024-12-02", dt.date(2024, 12, 2)), ("2024", None)]
    assert store.get(content_hash(art.to_dict()))["quotes"][0]["text"] == art.quotes[0].text


def test_content_hash_normalises_whitespace_and_url() -> None:
    rec = record_b()
    same = dict(rec, text="  " + rec["text"].replace(" ", "\n ", 3) + "\n", id="lain",
                url="http://www.KABAR.example/b/?utm_source=fb#atas")
    assert content_hash(same) == content_hash(rec)
    assert content_hash(dict(rec, url="https://lain.example/b")) != content_hash(rec)
    assert content_hash(dict(rec, text=rec["text"] + " Tambahan.")) != content_hash(rec)


def test_add_many_stats(store: Store) -> None:
    recs = [simple(i) for i in range(25)] + [simple(3), record_b(), (article_a().to_dict(), "sumber")]
    stats = store.add_many(recs, batch_size=10)
    assert (stats.stored, stats.duplicates) == (27, 1)
    again = store.add_many(recs[:5] + [simple(99)])
    assert (again.stored, again.duplicates) == (1, 5)
    assert store.count("articles") == 28


def test_a_bad_record_is_left_out_and_never_takes_its_batch_with_it(store: Store) -> None:
    store.add(record_b())
    before = {t: store.count(t) for t in TABLES}
    bad = dict(record_b(), id="rusak", text="Teks lain sama sekali.", url="https://kabar.example/c")
    bad["quotes"] = [dict(bad["quotes"][0], start="bukan angka")]  # fails inside DuckDB, after articles
    stats = store.add_many([simple(1), simple(2), bad])
    assert stats.stored == 2 and len(stats.failed) == 1 and stats.failed[0].startswith("rusak: not stored")
    assert store.count("articles") == before["articles"] + 2
    assert store.con.execute("SELECT count(*) FROM articles WHERE input_id = 'rusak'").fetchone()[0] == 0
    assert store.count("quotes") == before["quotes"]  # nothing half-stored of the bad one
    stats = store.add_many([simple(5), simple(6), simple(7), {"id": "x", "text": "x", "entities": [{"type": "PER"}]}],
                           batch_size=3)
    assert stats.stored == 3 and len(stats.failed) == 1 and "KeyError" in stats.failed[0]
    with pytest.raises(StoreError, match="text"):
        store.add({"id": "tanpa-teks"})
    with pytest.raises(StoreError, match="not stored"):
        store.add(bad)


# --- queries ----------------------------------------------------------------------------

@pytest.fixture()
def filled(store: Store) -> Store:
    store.add_many([article_a(), record_b()])
    return store


def test_quotes_by_speaker_and_dates(filled: Store) -> None:
    rows = queries.quotes(filled, speaker="budi")
    assert len(rows) == 3 and all(r["speaker"] == "Budi Santoso" for r in rows)
    assert rows[0]["published"] == dt.date(2024, 12, 4)  # newest first
    assert {"title", "url", "published", "quote", "kind"} <= set(rows[0])
    assert [r["speaker"] for r in queries.quotes(filled, text="KERJA SAMA")] == ["Prabowo Subianto"]
    assert len(queries.quotes(filled, since="2024-12-03")) == 2
    assert len(queries.quotes(filled, until=dt.date(2024, 12, 2))) == 2
    assert len(queries.quotes(filled, limit=1)) == 1
    assert queries.quotes(filled, speaker="%") == []  # a user value is data, not a pattern
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        queries.quotes(filled, since="kemarin")


def test_entities_counts(filled: Store) -> None:
    rows = {r["name"]: r for r in queries.entities(filled)}
    budi = rows["Budi Santoso"]
    assert (budi["articles"], budi["mentions"], budi["quotes"]) == (2, 4, 3)
    assert (rows["Prabowo Subianto"]["mentions"], rows["Prabowo Subianto"]["quotes"]) == (2, 1)
    assert rows["Japan"]["quotes"] == 0
    assert [r["name"] for r in queries.entities(filled, type="loc")] == ["Pasar Induk Cipinang"]
    assert [r["name"] for r in queries.entities(filled, name="prabowo")] == ["Prabowo Subianto"]


def test_speaker_without_kb_id_counts_for_its_linked_entity(store: Store) -> None:
    rec = record_b()
    rec["quotes"][0]["speaker"] = {"name": "Prabowo Subianto", "type": "PER", "country": "IDN", "kb_id": None}
    store.add(rec)
    rows = {r["name"]: r for r in queries.entities(store)}
    assert rows["Prabowo Subianto"]["quotes"] == 1 and rows["Prabowo Subianto"]["kb_id"] == "id:prabowo"


def test_sql_and_its_errors(filled: Store) -> None:
    cols, rows = queries.sql(filled, "SELECT kind, count(*) AS n FROM quotes GROUP BY kind ORDER BY kind")
    assert cols == ["kind", "n"] and rows == [("direct", 2), ("indirect", 2)]
    with pytest.raises(StoreError, match=r"SQL error.*tidak_ada.*Tables: articles"):
        queries.sql(filled, "SELECT tidak_ada FROM quotes")
    with pytest.raises(StoreError, match="SQL error"):
        queries.sql(filled, "SELEC * FORM quotes")
    with pytest.raises(StoreError, match="only read queries"):
        queries.sql(filled, "DELETE FROM quotes")
    with pytest.raises(StoreError, match="one SQL statement"):
        queries.sql(filled, "SELECT 1; SELECT 2")
    assert filled.count("quotes") == 4


def test_summary(filled: Store) -> None:
    s = queries.summary(filled)
    assert s["counts"]["articles"] == 2 and s["counts"]["events"] == 2
    assert {o["outlet"] for o in s["outlets"]} == {"(unknown)", "kabar.example"}
    assert s["top_speakers"][0] == {"speaker": "Budi Santoso", "quotes": 3, "articles": 2}
    assert s["published"] == {"first": dt.date(2024, 12, 2), "last": dt.date(2024, 12, 4)}


# --- output -----------------------------------------------------------------------------

def test_render_json_lines(filled: Store) -> None:
    buf = io.StringIO()
    rows = queries.quotes(filled)
    render(rows, "json", file=buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == len(rows)
    first = json.loads(lines[0])
    assert first["published"] == "2024-12-04" and first["speaker"] == "Prabowo Subianto"
    buf = io.StringIO()
    render([{"rute": "Bandung\u2013Jakarta", "kosong": None}], "json", file=buf)
    assert buf.getvalue() == '{"rute": "Bandung\u2013Jakarta", "kosong": null}\n'  # not \\u-escaped
    buf = io.StringIO()
    render((["a", "a"], [(1, dt.datetime(2024, 1, 2, 3, 4))]), "jsonl", file=buf)
    assert json.loads(buf.getvalue()) == {"a": 1, "a_2": "2024-01-02T03:04:00"}


def test_render_csv_round_trip(filled: Store) -> None:
    buf = io.StringIO()
    cols, rows = queries.sql(filled, "SELECT text, value, currency, unit FROM amounts ORDER BY value")
    render((cols, rows), "csv", file=buf)
    back = list(csv.reader(io.StringIO(buf.getvalue())))
    assert back[0] == cols
    assert back[1:] == [["12 persen", "12", "", "percent"], ["Rp 2,5 triliun", "2500000000000", "IDR", ""]]


def test_render_table_fits_and_cuts(filled: Store, capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    long = "Kata [bold]pengamat[/bold] " + "harga pangan terus naik " * 10
    render([{"speaker": "Pengamat Ekonomi", "quote": long, "n": 1234567}], "table", console)
    out = console.file.getvalue()
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "…" in out and "[bold]pengamat" in out and "1234567" in out
    render([], "table", console)
    assert "(no rows)" in console.file.getvalue()
    render(queries.quotes(filled), "csv")
    assert capsys.readouterr().out.startswith("published,outlet,title")
    with pytest.raises(ValueError, match="unknown format"):
        render([], "xml")


def test_fit_widths() -> None:
    assert fit_widths([5, 10], 40) == [5, 10]
    w = fit_widths([10, 200, 150, 4], 80)
    assert sum(w) <= 80 and w[0] == 10 and w[3] == 4 and w[1] >= w[2] > 6


# --- real texts, when the shared corpus is there ----------------------------------------

DETIK = Path("/work/shared/data/id_news_detik1000/data_berita.csv.gz")


def test_ingest_real_detik_rows(store: Store) -> None:
    if not DETIK.exists():
        pytest.skip("shared Detik corpus not available")
    csv.field_size_limit(1 << 30)
    with gzip.open(DETIK, "rt", encoding="utf-8") as f:
        recs = []
        for row in csv.DictReader(f):
            when = dt.datetime.strptime(row["tanggal"].strip(), "%m/%d/%Y %H:%M").date().isoformat()
            recs.append({"id": row["id"], "title": row["judul"], "url": row["tautan"], "published": when,
                         "text": row["isi_berita"]})
            if len(recs) == 200:
                break
    stats = store.add_many(recs + recs[:20], batch_size=64)
    assert stats.stored + stats.duplicates == 220 and stats.duplicates >= 20
    assert store.count("articles") == stats.stored
    top = queries.summary(store)["outlets"][0]["outlet"]
    assert "detik" in top


def test_a_url_that_names_no_page_is_stored_as_written(tmp_path):
    """`javascript:alert(1)` once made the URL normaliser raise and the whole batch fail."""
    from jejak.store.writer import normalise_url

    assert normalise_url("javascript:alert(1)") == "javascript:alert(1)"
    assert normalise_url("example.com:abc/x") == "example.com:abc/x"
    with Store.open(tmp_path / "u.duckdb") as store:
        record = analyze("Banjir merendam rumah warga di Samarinda sejak Minggu malam, kata petugas BPBD.",
                         lang="id", url="javascript:alert(1)").to_dict()
        assert store.add(record)


def test_a_file_with_views_or_macros_is_not_opened(tmp_path: Path) -> None:
    import shutil

    import duckdb

    with Store.open(tmp_path / "s.duckdb"):
        pass
    evil = tmp_path / "evil.duckdb"
    shutil.copy(tmp_path / "s.duckdb", evil)
    con = duckdb.connect(str(evil))
    con.execute("ALTER TABLE articles RENAME TO asli")
    con.execute("CREATE VIEW articles AS SELECT a.*, t.content AS bocor FROM asli a, read_text('/etc/hostname') t")
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreError, match="view articles"):
            Store.open(evil, read_only=read_only)


# --- each article's text kept once (schema 12) ---

def test_an_article_s_text_is_stored_once_and_its_record_comes_back_whole(tmp_path: Path) -> None:
    art = article_a()
    plain = analyze(TEXT_B, published="2024-12-04", lang="id", id="uji-b")
    with Store.open(tmp_path / "sekali.duckdb") as s:
        s.add(art)
        s.add(plain)
        rows = dict(s.con.execute("SELECT input_id, source_text FROM articles").fetchall())
        assert rows["uji-a"] == art.source_text  # cleaning took the dateline off: both kept
        assert rows["uji-b"] is None  # nothing changed by cleaning: the text stands for it
        for (rec,) in s.con.execute("SELECT record FROM articles").fetchall():
            assert "text" not in json.loads(rec)
        for a in (art, plain):
            assert s.get(content_hash(a.to_dict())) == json.loads(json.dumps(a.to_dict(), default=str))
        page = queries_article(s, "uji-b")
        assert page["source_text"] == plain.text and page["record"]["text"] == plain.text
        sql = s.con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'articles'").fetchone()[0]
        assert sql.count("COMPRESSION ZSTD") == 3


TEXT_ALIASES = (
    "Presiden Joko Widodo meresmikan Bendungan Sepaku di Penajam Paser Utara, Senin (2/12/2024). "
    "\u201cBendungan ini untuk warga,\u201d kata Jokowi. Komisi Pemberantasan Korupsi (KPK) ikut memantau. "
    "KPK menyatakan siap mengawasi proyek itu. Forum Warga Peduli Sepaku (FWPS) juga hadir. "
    "\u201cKami mendukung,\u201d kata Ketua FWPS Andi Saputra."
)


def test_the_other_names_an_article_uses_are_kept_for_lookups_in_any_case(tmp_path: Path) -> None:
    with Store.open(tmp_path / "nama.duckdb") as s:
        s.add(analyze(TEXT_ALIASES, published="2024-12-02", lang="id", id="uji-c"))
        # `Jokowi` and `KPK` are names the knowledge base gives them: no row per article for those
        [(key, kb_id, alias)] = s.con.execute("SELECT entity_key, kb_id, alias FROM aliases").fetchall()
        assert (key, kb_id, alias) == ("ORG:Forum Warga Peduli Sepaku", None, "FWPS")
        published = {p for (p,) in s.con.execute("SELECT published FROM quotes").fetchall()}
        assert published == {dt.datetime(2024, 12, 2)}
        assert [q["speaker"] for q in queries.quotes(s, speaker="JOKOWI")] == ["Joko Widodo"]
        assert [e["name"] for e in queries.entities(s, name="kpk")] == ["Komisi Pemberantasan Korupsi"]
        assert [e["name"] for e in queries.entities(s, name="fwps")] == ["Forum Warga Peduli Sepaku"]
        explained = s.con.execute("EXPLAIN ANALYZE SELECT * FROM aliases WHERE lower(alias) = lower(?)",
                                  ["fwps"]).fetchall()[0][1]
        assert "Index Scan" in explained


def test_a_version_12_store_loses_the_alias_rows_the_knowledge_base_answers(tmp_path: Path) -> None:
    path = tmp_path / "v12.duckdb"
    with Store.open(path) as s:
        s.add(analyze(TEXT_ALIASES, published="2024-12-02", lang="id", id="uji-c"))
        aid = s.con.execute("SELECT article_id FROM articles").fetchone()[0]
        # version 12 wrote a row for every name not inside the entity's own, the known ones too
        s.con.execute("INSERT INTO aliases VALUES (?, 'per:joko-widodo', 'per:joko-widodo', 'Jokowi'), "
                      "(?, 'org:idn-kpk', 'org:idn-kpk', 'KPK'), (?, 'per:joko-widodo', 'per:joko-widodo', 'Pakde')",
                      [aid, aid, aid])
        s.con.execute("UPDATE schema_version SET version = 12")
    with Store.open(path, read_only=True) as s:  # a read-only open upgrades first
        assert s.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert sorted(a for (a,) in s.con.execute("SELECT alias FROM aliases").fetchall()) == ["FWPS", "Pakde"]
        for name in ("jokowi", "Pakde"):  # the knowledge base's name and the article's own both still find him
            assert [q["speaker"] for q in queries.quotes(s, speaker=name)] == ["Joko Widodo"]
        assert [e["name"] for e in queries.entities(s, name="KPK")] == ["Komisi Pemberantasan Korupsi"]


def test_a_name_with_letters_python_and_duckdb_lower_apart_is_still_found(tmp_path: Path) -> None:
    """`\u0130` lowers to two characters in Python and one in DuckDB: the alias is kept as written
    and both sides are folded by DuckDB."""
    t = "Wali Kota Ekrem Imamoglu berbicara di Ankara. \u201cKami akan terus bekerja,\u201d kata \u0130mamo\u011flu."
    ref = {"name": "Ekrem Imamoglu", "type": "PER", "country": "TUR", "kb_id": None}
    record = {"id": "uji-i", "lang": "id", "published": "2024-12-02", "text": t,
              "entities": [{**ref, "mentions": [list(_span(t, "Ekrem Imamoglu")), list(_span(t, "\u0130mamo\u011flu"))]}],
              "quotes": [{"kind": "direct", "text": "Kami akan terus bekerja,",
                          "start": t.index("Kami"), "end": t.index("Kami") + 24, "speaker": ref, "via": "name"}]}
    with Store.open(tmp_path / "nama.duckdb") as s:
        s.add(record)
        assert [q["speaker"] for q in queries.quotes(s, speaker="imamo\u011flu")] == ["Ekrem Imamoglu"]
        assert [e["name"] for e in queries.entities(s, name="\u0130MAMO\u011eLU")] == ["Ekrem Imamoglu"]


def queries_article(store: Store, ref: str) -> dict:
    from jejak.store.browse import article

    return article(store, ref)


def test_a_version_11_store_keeps_its_articles_and_drops_the_copies_of_their_text(tmp_path: Path) -> None:
    from jejak.store.schema import ARTICLE_COLUMNS

    path = tmp_path / "lama.duckdb"
    art, plain = article_a(), analyze(TEXT_B, published="2024-12-04", lang="id", id="uji-b")
    named = analyze(TEXT_ALIASES, published="2024-12-02", lang="id", id="uji-c")
    with Store.open(path) as s:
        s.add(art)
        s.add(plain)
        s.add(named)
        expected = {aid: s.get(aid) for (aid,) in s.con.execute("SELECT article_id FROM articles").fetchall()}
        aliases = sorted(s.con.execute("SELECT * FROM aliases").fetchall())
        published = sorted(s.con.execute("SELECT article_id, quote_no, published FROM quotes").fetchall())
    con = duckdb.connect(str(path))  # write it back the way version 11 stored articles
    names = ", ".join(n for n, _ in ARTICLE_COLUMNS)
    con.execute(f"CREATE TABLE old AS SELECT {names} FROM articles")
    con.execute("UPDATE old SET source_text = text WHERE source_text IS NULL")
    con.execute("UPDATE old SET record = json_merge_patch(record, json_object('text', text))")
    con.execute("DROP TABLE articles")
    con.execute(f"CREATE TABLE articles ({', '.join(f'{n} {t}' for n, t in ARTICLE_COLUMNS)}, PRIMARY KEY (article_id))")
    con.execute(f"INSERT INTO articles SELECT {names} FROM old")
    con.execute("DROP TABLE old")
    con.execute("DROP TABLE aliases")  # version 11 had no aliases, no quotes.published, no indexes
    con.execute("DROP INDEX quotes_speaker")
    con.execute("ALTER TABLE quotes DROP COLUMN published")
    con.execute("ALTER TABLE signatures ADD COLUMN minhash UINTEGER[]")
    con.execute("UPDATE schema_version SET version = 11")
    con.close()
    with Store.open(path, read_only=True) as s:  # a read-only open upgrades first
        assert s.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert {aid: s.get(aid) for aid in expected} == expected
        stored = dict(s.con.execute("SELECT input_id, source_text FROM articles").fetchall())
        assert stored == {"uji-a": art.source_text, "uji-b": None, "uji-c": None}
        assert all("text" not in json.loads(r) for (r,) in s.con.execute("SELECT record FROM articles").fetchall())
        assert queries.quotes(s, speaker="Budi")  # the other tables are untouched
        assert sorted(s.con.execute("SELECT * FROM aliases").fetchall()) == aliases
        assert [q["speaker"] for q in queries.quotes(s, speaker="jokowi")] == ["Joko Widodo"]
        assert sorted(s.con.execute("SELECT article_id, quote_no, published FROM quotes").fetchall()) == published
        assert [c for (c,) in s.con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'signatures'")
                .fetchall()] == ["article_id", "scheme"]
        assert {i for (i,) in s.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()} == {
            "quotes_speaker", "aliases_alias"}
    with Store.open(path) as s:
        assert not s.add(art)  # still known by its content hash


# --- compaction: the space loads free given back ---

def _articles(n: int) -> list[Article]:
    """Short distinct articles, enough to fill several blocks of the store."""
    return [analyze(f"{TEXT_A} Laporan nomor {i} dari Kabupaten Bogor, Jawa Barat. " * 3, published="2024-12-02",
                    lang="id", id=f"uji-{i}") for i in range(n)]


def test_compact_gives_the_free_space_back_and_keeps_every_row(tmp_path: Path) -> None:
    from jejak.store.compact import compact, free_space

    path = tmp_path / "padat.duckdb"
    with Store.open(path) as s:
        s.add_many(_articles(60))
        s.con.execute("CREATE TABLE ballast AS SELECT repeat('x', 2000) || i AS t FROM range(20000) r(i)")
        s.con.execute("CHECKPOINT")
        s.con.execute("DROP TABLE ballast")  # a table's worth of blocks set free inside the file
        s.con.execute("CHECKPOINT")
        counts = {t: s.count(t) for t in TABLES}
        speaker = queries.quotes(s, speaker="Budi", limit=None)
    total, free = free_space(path)
    assert free > total / 3
    done = compact(path)
    assert done.after < done.before and done.after == path.stat().st_size
    assert free_space(path)[1] < free / 10
    assert not path.with_name(path.name + ".compacting").exists()
    with Store.open(path, read_only=True) as s:
        assert {t: s.count(t) for t in TABLES} == counts
        assert queries.quotes(s, speaker="Budi", limit=None) == speaker
        sql = s.con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'articles'").fetchone()[0]
        assert sql.count("COMPRESSION ZSTD") == 3  # the copy keeps how each column is stored
        assert {i for (i,) in s.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()} == {
            "quotes_speaker", "aliases_alias"}


def test_compact_refuses_what_is_no_store_and_leaves_it_alone(tmp_path: Path) -> None:
    from jejak.store.compact import compact

    path = tmp_path / "lain.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE penjualan (x INTEGER)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a jejak store"):
        compact(path)
    assert path.read_bytes() == before


def test_compact_on_a_store_another_program_writes_to_says_so(tmp_path: Path) -> None:
    import multiprocessing

    from jejak.store.compact import compact

    path = tmp_path / "sibuk.duckdb"
    with Store.open(path) as s:
        s.add(article_a())
    spawn = multiprocessing.get_context("spawn")
    ready, done = spawn.Event(), spawn.Event()
    holder = spawn.Process(target=_hold_open, args=(str(path), ready, done))
    holder.start()
    try:
        assert ready.wait(60)
        with pytest.raises(StoreError):
            compact(path)
    finally:
        done.set()
        holder.join(60)
    with Store.open(path, read_only=True) as s:
        assert s.count("articles") == 1


def _hold_open(path: str, ready, done) -> None:
    con = duckdb.connect(path)
    ready.set()
    done.wait(60)
    con.close()


def test_a_store_named_like_the_copy_compacts_too(tmp_path: Path) -> None:
    from jejak.store.compact import compact

    path = tmp_path / "jejak_fresh.duckdb"
    with Store.open(path) as s:
        s.add(article_a())
    compact(path)
    with Store.open(path, read_only=True) as s:
        assert s.count("articles") == 1


def test_a_bulk_load_leaves_the_file_tight_and_only_free_space_is_worth_compacting(tmp_path: Path, monkeypatch) -> None:
    import duckdb

    from jejak.store import compact as compaction

    path = tmp_path / "muat.duckdb"
    with Store.open(path) as s:
        s.load_in_bulk()
        for k in range(5):  # commits of a writer that keeps up, none checkpointed until the store closes
            s.add_many(_articles(40)[8 * k:8 * k + 8])
        assert s.con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    monkeypatch.setattr(compaction, "MIN_BYTES", 0)
    total, free = compaction.free_space(path)
    assert free < compaction.FREE_SHARE * total and not compaction.worth_compacting(path)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE ballast AS SELECT random() AS a FROM range(400000)")
    con.execute("CHECKPOINT")
    con.execute("DROP TABLE ballast")
    con.execute("CHECKPOINT")
    con.close()
    assert compaction.worth_compacting(path)  # the dropped table's blocks are free
    monkeypatch.setattr(compaction, "MIN_BYTES", 1 << 40)
    assert not compaction.worth_compacting(path)  # a small file is never rewritten


def test_a_bad_number_in_a_bulk_table_refuses_its_record_alone(tmp_path: Path) -> None:
    """Bucket, sentence and fact rows go to DuckDB as NumPy arrays; a value no array can hold (a
    missing or too large offset) sends the batch the slower way, which refuses that record alone,
    and a fractional offset is stored as DuckDB casts it, as before."""
    good = {"id": "baik", "text": "Bupati meresmikan jembatan baru di desa itu.", "lang": "id", "sentences": [[0, 44]]}
    with Store.open(tmp_path / "angka.duckdb") as s:
        for bad, kept in (([[0, None]], False), ([[0, 3_000_000_000]], False), ([[0.0, 5.7]], True)):
            s.con.execute("DELETE FROM articles")
            s.con.execute("DELETE FROM sentences")
            record = {"id": "buruk", "text": "Warga menolak rencana itu.", "lang": "id", "sentences": bad}
            stats = s.add_many([good, record])
            assert stats.stored == (2 if kept else 1) and bool(stats.failed) != kept
            rows = sorted(e for (e,) in s.con.execute('SELECT "end" FROM sentences').fetchall())
            assert rows == ([6, 44] if kept else [44])


def test_a_speaker_tied_to_a_known_entity_is_found_by_the_name_people_use(tmp_path: Path) -> None:
    """A quote whose speaker carries no kb id of its own but names a known entity of the article
    is stored under that entity's key; `Jokowi` (no aliases row: the knowledge base knows it)
    finds it in every search."""
    from jejak.store.trends import entity_trend

    text = "Jokowi berkata bahwa ekonomi tumbuh dengan baik tahun ini menurut laporan."
    record = {"id": "x1", "text": text, "lang": "id", "published": "2020-01-02",
              "entities": [{"name": "Joko Widodo", "type": "PER", "kb_id": "per:joko-widodo", "mentions": [[0, 6]]}],
              "quotes": [{"kind": "indirect", "text": "ekonomi tumbuh", "start": 21, "end": 35,
                          "speaker": {"name": "Joko Widodo", "type": "PER"}}]}
    with Store.open(tmp_path / "kunci.duckdb") as s:
        s.add_many([record])
        assert s.count("aliases") == 0
        assert len(queries.quotes(s, speaker="Jokowi")) == 1
        assert len(queries.quotes(s, words_or_speaker="jokowi")) == 1  # the dashboard's search
        assert sum(r["count"] for r in entity_trend(s, "Jokowi") if r["measure"] == "quotes") == 1
