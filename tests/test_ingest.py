"""Readers must turn every bad input into a clear reason and let every good record through."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest

from jejak.ingest import InputError, InputRecord, decode_bytes, extract_html, prepare, read_inputs

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

ID_TEXT = (
    "JAKARTA - Pemerintah Kota Jakarta menambah 20 unit pompa air di kawasan rawan banjir menjelang "
    "musim hujan. Kepala dinas mengatakan pompa tersebut akan dipasang di tiga kecamatan yang paling "
    "sering tergenang. \"Kami ingin warga tidak lagi mengungsi setiap kali hujan deras,\" katanya."
)
ES_TEXT = (
    "El ayuntamiento de la ciudad anunció el martes que instalará veinte bombas de agua en los barrios "
    "que se inundan con más frecuencia. Según el responsable del servicio, las obras comenzarán antes "
    "de la temporada de lluvias y costarán cerca de dos millones de euros."
)


def _all(paths: list[str], **kw: object) -> list[InputRecord | InputError]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


def _one(path: Path, **kw: object) -> InputRecord | InputError:
    items = _all([str(path)], **kw)
    assert len(items) == 1, items
    return items[0]


# --- the bad-input corpus --------------------------------------------------------------------


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.bin").write_bytes(bytes(range(256)) * 40 + os.urandom(2000))
    (d / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    page = (
        "<!DOCTYPE html><html><head><title>Pompa Baru untuk Jakarta</title></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/metro'>Metro</a></nav><article><h1>Pompa Baru untuk Jakarta</h1>"
        f"<p>{ID_TEXT}</p><p>Anggaran pengadaan pompa mencapai Rp 12 miliar dan seluruhnya berasal dari "
        "APBD tahun ini, sementara pemasangan ditargetkan rampung dalam dua bulan ke depan.</p>"
        "<p>Warga di bantaran kali menyambut baik rencana itu, tetapi mereka meminta saluran air di ling"
    )
    (d / "truncated.html").write_text(page, encoding="utf-8")
    (d / "latin1.txt").write_bytes("Kafé di Bandung menjual kopi dari Garut. Pemiliknya, André, berkata kopi itu laris.".encode("latin-1"))
    (d / "utf16.txt").write_bytes("\ufeff".encode("utf-16-le") + ID_TEXT.encode("utf-16-le"))
    with open(d / "huge.txt", "wb") as f:  # sparse: instant to create, 50 MB by size
        f.truncate(50_000_000)
    (d / "spanish.txt").write_text(ES_TEXT, encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "url": "https://contoh.example/a1", "title": "Satu", "published": "2025-10-20", "text": ID_TEXT}),
        '{"id": "a2", "text": "kalimat ini tidak selesai',
        json.dumps({"text": ID_TEXT.replace("20 unit", "35 unit")}),
    ]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_empty_file_is_reported(corpus: Path) -> None:
    err = _one(corpus / "empty.txt")
    assert isinstance(err, InputError)
    assert err.reason == "empty file"
    assert err.origin.endswith("empty.txt")


def test_binary_junk_is_refused(corpus: Path) -> None:
    err = _one(corpus / "junk.bin")
    assert isinstance(err, InputError) and err.reason.startswith("binary file, not text")
    png = _one(corpus / "picture.txt")
    assert isinstance(png, InputError) and "PNG" in png.reason


def test_truncated_html_does_not_crash(corpus: Path) -> None:
    rec = _one(corpus / "truncated.html")
    assert isinstance(rec, InputRecord) and rec.html and rec.text is None
    ready = prepare(rec)
    assert isinstance(ready, InputRecord), ready
    assert "pompa air" in ready.text
    assert "Beranda" not in ready.text
    assert ready.lang == "id"


def test_broken_html_gives_reason_not_exception() -> None:
    for html in ("<html><body><div", "<p>", "<<<>>>", "<html><head><title>Judul</title></head><body></body></html>"):
        ex = extract_html(html, None)
        assert ex.text is None or isinstance(ex.text, str)
        if ex.text is None:
            assert ex.reason


def test_latin1_decodes_with_fallback_note(corpus: Path) -> None:
    rec = _one(corpus / "latin1.txt")
    assert isinstance(rec, InputRecord)
    assert "Kafé" in rec.text and "André" in rec.text
    assert rec.encoding in ("cp1252", "latin-1")
    assert rec.note and "fallback" in rec.note


def test_utf16_with_bom(corpus: Path) -> None:
    rec = _one(corpus / "utf16.txt")
    assert isinstance(rec, InputRecord)
    assert rec.encoding == "utf-16-le"
    assert rec.text == ID_TEXT


def test_huge_file_refused_without_reading(corpus: Path) -> None:
    err = _one(corpus / "huge.txt")
    assert isinstance(err, InputError)
    assert "50,000,000 bytes" in err.reason and "5,000,000" in err.reason
    assert "news article" in err.reason and "--max-bytes" in err.reason  # says why, and what to do


def test_other_language_is_read_then_skipped_with_reason(corpus: Path) -> None:
    rec = _one(corpus / "spanish.txt")
    assert isinstance(rec, InputRecord) and rec.text == ES_TEXT
    skipped = prepare(rec)
    assert isinstance(skipped, InputError)
    assert "detected 'other'" in skipped.reason
    forced = prepare(rec, langs=None)
    assert isinstance(forced, InputRecord) and forced.lang == "other"


def test_jsonl_bad_line_between_good_lines(corpus: Path) -> None:
    items = _all([str(corpus / "batch.jsonl")])
    assert [type(i).__name__ for i in items] == ["InputRecord", "InputError", "InputRecord"]
    first, bad, third = items
    assert first.id == "a1" and first.url == "https://contoh.example/a1" and first.published == "2025-10-20"
    assert bad.origin.endswith("batch.jsonl:2") and "not valid JSON" in bad.reason
    assert third.id == "batch:3" and "35 unit" in third.text


def test_whole_corpus_never_raises_and_keeps_good_records(corpus: Path) -> None:
    items = _all([str(corpus), str(corpus / "missing.txt")])
    good = [i for i in items if isinstance(i, InputRecord)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert {g.id for g in good} == {"a1", "batch:3", "latin1", "spanish", "truncated", "utf16"}
    assert len(bad) == 6  # bad jsonl line, empty, huge, junk, png, missing path
    assert all(b.reason for b in bad)
    assert "no such file" in bad[-1].reason
    origins = [Path(i.origin.split(":")[0]).name for i in items[:-1]]
    assert origins == sorted(origins)  # folder read in sorted order


# --- more formats ----------------------------------------------------------------------------


def test_jsonl_gz_missing_fields_and_long_lines(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": 7, "html": f"<html><body><article><p>{ID_TEXT}</p></article></body></html>"}) + "\n")
        f.write("\n")
        f.write(json.dumps({"id": "x", "title": "tanpa isi"}) + "\n")
        f.write(json.dumps(["bukan", "objek"]) + "\n")
        f.write(json.dumps({"id": "long", "text": "kata " * 400}) + "\n")
        f.write(json.dumps({"id": "last", "text": ID_TEXT}) + "\n")
    items = _all([str(p)], max_bytes=1000)
    assert isinstance(items[0], InputRecord) and items[0].id == "7" and items[0].html
    assert isinstance(items[1], InputError) and "neither 'text' nor 'html'" in items[1].reason
    assert items[1].origin.endswith(":3")
    assert isinstance(items[2], InputError) and "not an object" in items[2].reason
    assert isinstance(items[3], InputError) and "longer than the limit" in items[3].reason
    assert isinstance(items[4], InputRecord) and items[4].id == "last"


def test_not_jsonl_at_all_gives_up(tmp_path: Path) -> None:
    p = tmp_path / "table.jsonl"
    p.write_text("\n".join(f"kolom1,kolom2,{i}" for i in range(100)), encoding="utf-8")
    items = _all([str(p)])
    assert len(items) <= 21
    assert "is this really a JSON Lines file" in items[-1].reason


def test_json_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": ID_TEXT}, {"judul": "tanpa teks"}]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": "satu", "body": ID_TEXT}), encoding="utf-8")
    a, b = _all([str(tmp_path / "list.json")])
    assert isinstance(a, InputRecord) and a.id == "list:1"
    assert isinstance(b, InputError)
    one = _one(tmp_path / "one.json")
    assert isinstance(one, InputRecord) and one.id == "satu" and one.text == ID_TEXT


def test_stdin_text_jsonl_and_empty() -> None:
    rec = _all(["-"], stdin=io.BytesIO(ID_TEXT.encode()))
    assert len(rec) == 1 and isinstance(rec[0], InputRecord) and rec[0].id == "stdin" and rec[0].text == ID_TEXT
    lines = b"\n".join(json.dumps({"id": f"s{i}", "text": ID_TEXT}).encode() for i in range(3))
    recs = _all(["-"], stdin=io.BytesIO(lines))
    assert [r.id for r in recs] == ["s0", "s1", "s2"]
    empty = _all(["-"], stdin=io.BytesIO(b""))
    assert isinstance(empty[0], InputError) and "empty" in empty[0].reason
    html = _all(["-"], stdin=io.BytesIO(b"<!doctype html><html><body><p>halo</p></body></html>"))
    assert isinstance(html[0], InputRecord) and html[0].html and html[0].text is None


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    p = tmp_path / "bomb.txt.gz"
    with gzip.open(p, "wb") as f:
        f.write(b"a " * 1_000_000)
    err = _one(p, max_bytes=100_000)
    assert isinstance(err, InputError) and "decompressed" in err.reason


def test_meta_charset_beats_legacy_fallback() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'.encode("cp1251")
    dec = decode_bytes(html)
    assert dec.how == "meta" and "Москва" in (dec.text or "")


def test_decode_plain_utf8_and_bom() -> None:
    assert decode_bytes("Rp 75.000 – “kata”".encode()).encoding == "utf-8"
    dec = decode_bytes(b"\xef\xbb\xbfhalo")
    assert dec.text == "halo" and dec.how == "bom"
    assert decode_bytes(b"").error == "empty file"
    assert decode_bytes("halo dunia".encode("utf-16-le")).text == "halo dunia"  # BOM-less UTF-16


def test_hidden_files_skipped_and_empty_dir(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text(ID_TEXT, encoding="utf-8")
    items = _all([str(tmp_path)])
    assert len(items) == 1 and isinstance(items[0], InputRecord) and items[0].id == "x"
    errs = _all([str(tmp_path / "a")])
    assert isinstance(errs[0], InputError) and "no (non-hidden) files" in errs[0].reason


# --- bundled samples -------------------------------------------------------------------------

_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_DAY_DATE = re.compile(r"\b(" + "|".join(_DAYS) + r") \((\d{1,2})/(\d{1,2})/(\d{4})\)")


def _samples() -> dict[str, dict]:
    with open(SAMPLES / "articles.jsonl", encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def test_samples_read_and_identified() -> None:
    items = _all([str(SAMPLES)])
    assert all(isinstance(i, InputRecord) for i in items), items
    ready = [prepare(i, langs=None) for i in items]
    langs = {r.id: r.lang for r in ready}
    assert langs.pop("en-jakarta-floods") == "en"
    assert set(langs.values()) == {"id"}
    assert len(langs) >= 9  # 7 Indonesian articles + page + story


def test_samples_shape_and_dates() -> None:
    recs = _samples()
    assert len(recs) >= 8
    for r in recs.values():
        assert {"id", "url", "title", "published", "text"} <= r.keys()
        assert 200 <= len(r["text"].split()) <= 450, r["id"]
        for m in _DAY_DATE.finditer(r["text"]):
            day, d, mo, y = m.group(1), *map(int, m.groups()[1:])
            assert 2024 <= y <= 2025
            if r["id"] != "nato-ukraina-spun":  # the spun copy writes its date month-first on purpose
                assert _DAYS[dt.date(y, mo, d).weekday()] == day, m.group(0)


def test_spun_sample_carries_the_tricks() -> None:
    recs = _samples()
    orig, spun = recs["nato-ukraina"]["text"], recs["nato-ukraina-spun"]["text"]
    assert spun.startswith("JAKARTA, WARTA KILAT –")
    assert recs["nato-ukraina-spun"]["url"].split("/")[2] != recs["nato-ukraina"]["url"].split("/")[2]
    for trick in ("(luar biasa / luar biasa)", "» tulis Reuters.", "Tonton video di bawah ini", "Artikel selanjutnya", "Kamis (11/6/2025)"):
        assert trick in spun
    assert "Kamis (6/11/2025)" in orig  # 11 June 2025 was a Wednesday: the weekday settles it
    assert "tidak akan mengirim pasukan" in orig and "Kami akan mengirim pasukan" in spun


def test_sample_page_and_story() -> None:
    ex = extract_html((SAMPLES / "page.html").read_text(encoding="utf-8"), None)
    assert ex.text and ex.published == "2025-07-08T13:45:00+07:00" and ex.sitename == "Kabar Priangan"
    assert ex.author == "Redaksi Kabar Priangan"
    assert ex.url == "https://kabarpriangan.example/bandung/2025/07/08/tempat-sampah-terpilah"
    assert ex.title == "Bandung Bagikan 10.000 Tempat Sampah Terpilah ke Warga"
    assert ex.text.startswith("BANDUNG, KABAR PRIANGAN -")
    for junk in ("ADVERTISEMENT", "Beranda", "Terpopuler", "Mantap, lanjutkan", "hak cipta"):
        assert junk not in ex.text
    assert "\n" in ex.text and "\n\n" not in ex.text
    story = (SAMPLES / "story.txt").read_text(encoding="utf-8")
    assert re.match(r"[A-Z]+, [A-Z]+\.com - ", story) and story.count("Baca juga:") >= 2


def test_folder_docs_skipped_unless_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Data\nThese files were scraped in 2025.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Permission is granted to anyone.", encoding="utf-8")
    (tmp_path / "berita.txt").write_text(ID_TEXT, encoding="utf-8")
    assert [i.id for i in _all([str(tmp_path)])] == ["berita"]
    assert [i.id for i in _all([str(tmp_path / "README.md")])] == ["README"]


def test_a_json_list_larger_than_one_article_is_read_and_each_article_capped(tmp_path: Path) -> None:
    articles = [{"id": f"a{i}", "text": ID_TEXT + f" Nomor {i}."} for i in range(40)]
    articles.append({"id": "besar", "text": "Kata " * 5000})
    path = tmp_path / "daftar.json"
    path.write_text(json.dumps(articles), encoding="utf-8")
    size = path.stat().st_size
    items = list(read_inputs([str(path)], max_bytes=size // 2))  # the list is over the limit, each article not
    assert sum(isinstance(x, InputRecord) for x in items) == 40
    (refused,) = [x for x in items if isinstance(x, InputError)]
    assert refused.origin.endswith("[40]") and "record is" in refused.reason
    huge = list(read_inputs([str(path)], max_bytes=size // 5))
    assert len(huge) == 1 and isinstance(huge[0], InputError) and ".jsonl" in huge[0].reason
