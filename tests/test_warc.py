"""WARC input: pages out of web archives, every other record skipped with a reason or ignored.

The archives are written here with warcio's WARCWriter, per-record gzip (as Common Crawl
writes them), whole-file gzip and uncompressed, around our own Indonesian news pages.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import pytest

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from jejak.ingest import warc as warc_mod
from jejak.ingest.readers import InputError, InputRecord, read_inputs
from jejak.ingest.warc import WarcStats, read_warc

GENCATAN = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>NATO Bahas Gencatan Senjata</title></head>
<body><article>
<h1>NATO Bahas Gencatan Senjata Rusia–Ukraina</h1>
<p>Jakarta, CNBC Indonesia — Para menteri luar negeri NATO bertemu di Brussel pada Rabu (4/12/2024)
untuk membahas peluang gencatan senjata antara Rusia dan Ukraina.</p>
<p>"Kami belum melihat tanda-tanda bahwa Moskwa siap berunding," kata Sekretaris Jenderal NATO
Mark Rutte kepada wartawan.</p>
<p>Menurut Bloomberg, bantuan militer sekutu tahun ini mencapai US$97,7 miliar, atau sekitar
Rp 1.549 triliun.</p>
</article></body></html>
"""

PANGAN = """<!DOCTYPE html>
<html lang="id"><head><title>Harga Beras Naik Menjelang Lebaran</title></head>
<body><article>
<h1>Harga Beras Naik Menjelang Lebaran</h1>
<p>Surabaya — Harga beras medium di pasar tradisional Jawa Timur naik 8 persen dalam dua pekan
terakhir, menurut data Badan Pangan Nasional.</p>
<p>"Stok aman sampai Lebaran, masyarakat tidak perlu panik membeli," ujar Kepala Bulog
Jawa Timur dalam keterangan tertulis, Senin (17/3/2025).</p>
<p>Pemerintah berencana menggelar operasi pasar di 38 kabupaten dan kota mulai pekan depan.</p>
</article></body></html>
"""

# Latin-1 bytes, charset given only in the HTTP header
TIMOR = """<html><head><title>Kunjungan Presiden Timor-Leste</title></head><body>
<p>Dili - Presiden José Ramos-Horta menerima delegasi DPR RI di Istana Nicolau Lobato, Kamis.</p>
<p>Pertemuan membahas perdagangan lintas batas dan beasiswa bagi pelajar dari São Tomé.</p>
<p>"Hubungan kedua negara tidak pernah sebaik ini," tutur Ramos-Horta.</p>
</body></html>
"""

# cp1252 bytes (curly quotes), charset only in <meta http-equiv>
BANJIR = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Banjir Rendam Ribuan Rumah di Bekasi</title></head><body>
<p>Bekasi — Banjir setinggi satu meter merendam ribuan rumah di tujuh kecamatan sejak Sabtu dini hari.</p>
<p>“Kami sudah mengevakuasi 2.300 warga ke posko pengungsian,” kata Kepala BPBD Kota Bekasi.</p>
<p>Hujan deras diperkirakan masih turun hingga akhir pekan, menurut BMKG — warga diminta waspada.</p>
</body></html>
"""

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _http(status: str, ctype: str | None, extra: list[tuple[str, str]] | None = None) -> StatusAndHeaders:
    headers = [("Content-Type", ctype)] if ctype else []
    return StatusAndHeaders(status, headers + (extra or []), protocol="HTTP/1.1")


def _write(
    path: Path,
    responses: list[tuple[str, StatusAndHeaders, bytes]],
    *,
    gz: bool = True,
    with_requests: bool = True,
) -> Path:
    """A WARC like a crawler's: warcinfo, then request + response (+ metadata) per URL."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record(path.name, {"software": "jejak-test", "format": "WARC/1.0"}))
    for url, http, body in responses:
        if with_requests:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.id")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
        if with_requests:
            w.write_record(w.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                                warc_content_type="application/warc-fields"))
    path.write_bytes(buf.getvalue())
    return path


def _news(path: Path, *, gz: bool = True) -> Path:
    return _write(path, [
        ("https://www.cnbcindonesia.com/news/nato-gencatan", _http("200 OK", "text/html; charset=utf-8"),
         GENCATAN.encode("utf-8")),
        ("https://berita.example.id/gambar.png", _http("200 OK", "image/png"), PNG),
        ("https://berita.example.id/hilang", _http("404 Not Found", "text/html"), b"<html>tidak ada</html>"),
        ("https://berita.example.id/pangan/beras", _http("200 OK", "text/html"), PANGAN.encode("utf-8")),
        ("https://berita.example.id/lama", _http("301 Moved Permanently", "text/html",
                                                 [("Location", "https://berita.example.id/baru")]), b""),
        ("https://timor.example.tl/kunjungan", _http("200 OK", "text/html; charset=ISO-8859-1"),
         TIMOR.encode("latin-1")),
        ("https://bekasi.example.id/banjir", _http("200 OK", "text/html"), BANJIR.encode("cp1252")),
    ], gz=gz)


def _record_offsets(path: Path) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as f:
        it = ArchiveIterator(f)
        return [it.offset for _ in it]


def _split(items: list) -> tuple[list[InputRecord], list[InputError]]:
    recs = [r for r in items if isinstance(r, InputRecord)]
    errs = [r for r in items if isinstance(r, InputError)]
    assert len(recs) + len(errs) == len(items)
    return recs, errs


@pytest.fixture(params=["gzip-per-record", "plain", "gzip-whole"])
def news_warc(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "plain":
        return _news(tmp_path / "berita.warc", gz=False)
    path = _news(tmp_path / "berita.warc.gz", gz=True)
    if request.param == "gzip-whole":  # one gzip member around the whole file
        raw = gzip.decompress(path.read_bytes())
        path.write_bytes(gzip.compress(raw))
    return path


def test_pages_come_out_with_url_id_and_html(news_warc: Path) -> None:
    st = WarcStats()
    recs, errs = _split(list(read_warc(news_warc, 1_000_000, stats=st)))
    assert [r.url for r in recs] == [
        "https://www.cnbcindonesia.com/news/nato-gencatan",
        "https://berita.example.id/pangan/beras",
        "https://timor.example.tl/kunjungan",
        "https://bekasi.example.id/banjir",
    ]
    first = recs[0]
    assert first.html == GENCATAN and first.text is None
    assert first.encoding == "utf-8" and first.published is None and first.title is None
    assert len(first.id) == 36 and "urn" not in first.id and "<" not in first.id  # a bare UUID
    assert len({r.id for r in recs}) == 4
    assert first.note and first.note.startswith("crawled 20")  # WARC-Date is the crawl, not publication
    assert recs[1].html == PANGAN
    assert all(r.origin.startswith(f"{news_warc}#") for r in recs + errs)
    # request, metadata and warcinfo records are passed over without a word
    assert st.records == 1 + 7 * 3 and st.ignored == 1 + 7 * 2
    assert st.pages == 4 and st.not_html == 1 and st.bad_status == 2 and st.skipped == 3
    assert len(errs) == 3


def test_origin_offset_points_at_the_record(tmp_path: Path) -> None:
    for path in (_news(tmp_path / "a.warc", gz=False), _news(tmp_path / "a.warc.gz")):
        data = path.read_bytes()
        for rec in read_warc(path, 1_000_000):
            offset = int(rec.origin.rsplit("#", 1)[1])
            at = data[offset:]
            if path.suffix == ".gz":  # per-record gzip: the offset is that record's gzip member
                at = zlib.decompressobj(31).decompress(at)
            assert at.startswith(b"WARC/1.")
            assert b"\r\nWARC-Type: response\r\n" in at[:400]


def test_latin1_declared_in_the_http_header(news_warc: Path) -> None:
    recs, _ = _split(list(read_warc(news_warc, 1_000_000)))
    timor = next(r for r in recs if "timor" in (r.url or ""))
    assert "José Ramos-Horta" in timor.html and "São Tomé" in timor.html
    assert timor.html == TIMOR
    assert timor.encoding in ("cp1252", "latin-1")  # browsers read a Latin-1 label as windows-1252


def test_charset_only_in_meta(news_warc: Path) -> None:
    recs, _ = _split(list(read_warc(news_warc, 1_000_000)))
    banjir = next(r for r in recs if "banjir" in (r.url or ""))
    assert "“Kami sudah mengevakuasi 2.300 warga ke posko pengungsian,”" in banjir.html
    assert "menurut BMKG — warga" in banjir.html
    assert banjir.encoding == "cp1252"


def test_404_redirect_and_image_are_skipped_with_reasons(news_warc: Path) -> None:
    _, errs = _split(list(read_warc(news_warc, 1_000_000)))
    reasons = [e.reason for e in errs]
    assert len(reasons) == 3
    assert any("image/png" in r and "not an HTML page" in r for r in reasons)
    assert any("HTTP 404" in r for r in reasons)
    assert any("HTTP 301" in r and "redirect" in r and "https://berita.example.id/baru" in r for r in reasons)


def test_request_and_warcinfo_records_are_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path / "satu.warc.gz", [
        ("https://berita.example.id/pangan/beras", _http("200 OK", "text/html; charset=utf-8"), PANGAN.encode()),
    ])
    st = WarcStats()
    items = list(read_warc(path, 1_000_000, stats=st))
    assert len(items) == 1 and isinstance(items[0], InputRecord)
    assert st.ignored == 3 and st.skipped == 0  # warcinfo, request, metadata


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_truncated_last_record_keeps_the_ones_before(tmp_path: Path, gz: bool) -> None:
    long_page = PANGAN.replace("</article>", "<p>" + "Harga cabai rawit juga naik. " * 400 + "</p></article>")
    path = _write(tmp_path / ("potong.warc" + (".gz" if gz else "")), [
        ("https://a.example.id/1", _http("200 OK", "text/html; charset=utf-8"), GENCATAN.encode()),
        ("https://a.example.id/2", _http("200 OK", "text/html; charset=utf-8"), PANGAN.encode()),
        ("https://a.example.id/3", _http("200 OK", "text/html; charset=utf-8"), long_page.encode()),
    ], gz=gz, with_requests=False)
    data = path.read_bytes()
    last = _record_offsets(path)[-1]
    path.write_bytes(data[: (last + len(data)) // 2])  # cut in the middle of the last record
    st = WarcStats()
    recs, errs = _split(list(read_warc(path, 1_000_000, stats=st)))
    assert [r.url for r in recs] == ["https://a.example.id/1", "https://a.example.id/2"]
    assert len(errs) == 1 and "truncated" in errs[0].reason and "2 page(s)" in errs[0].reason
    assert errs[0].origin.startswith(f"{path}#") and st.bad_files == 1


def test_truncated_whole_file_gzip_keeps_the_records_before(tmp_path: Path) -> None:
    path = _news(tmp_path / "utuh.warc.gz")
    whole = gzip.compress(gzip.decompress(path.read_bytes()))
    path.write_bytes(whole[: len(whole) * 9 // 10])
    recs, errs = _split(list(read_warc(path, 1_000_000)))
    assert [r.url for r in recs][:2] == ["https://www.cnbcindonesia.com/news/nato-gencatan",
                                         "https://berita.example.id/pangan/beras"]
    assert errs[-1].reason.startswith("file is truncated") and sum("truncated" in e.reason for e in errs) == 1


def test_last_gzip_member_cut_in_its_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "ekor.warc.gz", [
        ("https://a.example.id/1", _http("200 OK", "text/html; charset=utf-8"), GENCATAN.encode()),
    ], with_requests=False)
    path.write_bytes(path.read_bytes() + b"\x1f\x8b\x08\x00")  # a member that stops after 4 bytes
    recs, errs = _split(list(read_warc(path, 1_000_000)))
    assert len(recs) == 1 and len(errs) == 1 and "cut off" in errs[0].reason


def test_not_a_warc_and_empty_files(tmp_path: Path) -> None:
    bad = tmp_path / "bukan.warc"
    bad.write_text("<html><body><p>Ini halaman biasa, bukan arsip WARC.</p></body></html>\n")
    items = list(read_warc(bad, 1_000_000))
    assert len(items) == 1 and isinstance(items[0], InputError) and "not a WARC file" in items[0].reason
    gz = tmp_path / "bukan.warc.gz"
    gz.write_bytes(gzip.compress(b'{"text": "Ini JSON, bukan WARC."}\n'))
    items = list(read_warc(gz, 1_000_000))
    assert len(items) == 1 and "not a WARC file" in items[0].reason
    empty = tmp_path / "kosong.warc.gz"
    empty.write_bytes(b"")
    items = list(read_warc(empty, 1_000_000))
    assert len(items) == 1 and isinstance(items[0], InputError) and "empty" in items[0].reason


def test_record_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    big_page = GENCATAN.replace("</article>", "<p>" + "Perundingan berlanjut. " * 300 + "</p></article>")
    path = _write(tmp_path / "besar.warc.gz", [
        ("https://a.example.id/besar", _http("200 OK", "text/html"), big_page.encode()),
        ("https://a.example.id/kecil", _http("200 OK", "text/html"), PANGAN.encode()),
    ])
    st = WarcStats()
    recs, errs = _split(list(read_warc(path, 4000, stats=st)))
    assert [r.url for r in recs] == ["https://a.example.id/kecil"]
    assert len(errs) == 1 and "over the limit of 4,000 bytes" in errs[0].reason and st.too_large == 1


def test_read_inputs_picks_up_warc_files_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    _news(folder / "CC-MAIN-00001.warc.gz")
    (folder / "catatan.html").write_text(PANGAN, encoding="utf-8")
    # the archive is larger than max_bytes; that caps each record, not the file
    items = list(read_inputs([str(folder)], max_bytes=3000))
    recs, errs = _split(items)
    warc_urls = [r.url for r in recs if ".warc.gz#" in r.origin]
    assert len(warc_urls) == 4 and "https://timor.example.tl/kunjungan" in warc_urls
    assert any(r.origin.endswith("catatan.html") for r in recs)
    assert len(errs) == 3 and all(".warc.gz#" in e.origin for e in errs)


def test_encoded_payload_chunked_and_gzipped(tmp_path: Path) -> None:
    packed = gzip.compress(GENCATAN.encode())
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(packed[i:i + 50]), packed[i:i + 50]) for i in range(0, len(packed), 50))
    chunked += b"0\r\n\r\n"
    path = _write(tmp_path / "wget.warc", [
        ("https://a.example.id/z", _http("200 OK", "text/html; charset=utf-8",
                                         [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]), chunked),
    ], gz=False)
    recs, errs = _split(list(read_warc(path, 1_000_000)))
    assert not errs and recs[0].html == GENCATAN


def test_page_labelled_latin1_but_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path / "salah.warc.gz", [
        ("https://a.example.id/x", _http("200 OK", "text/html; charset=iso-8859-1"), GENCATAN.encode()),
    ])
    recs, _ = _split(list(read_warc(path, 1_000_000)))
    assert recs[0].html == GENCATAN and recs[0].encoding == "utf-8" and "labelled" in (recs[0].note or "")


def test_warcio_fallback_reads_the_same(news_warc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = list(read_warc(news_warc, 1_000_000))
    monkeypatch.setattr(warc_mod, "_fastwarc_entries", lambda stream, compressed: None)
    slow = list(read_warc(news_warc, 1_000_000))
    assert [(type(x).__name__, x.origin) for x in slow] == [(type(x).__name__, x.origin) for x in fast]
    assert [getattr(x, "html", None) for x in slow] == [getattr(x, "html", None) for x in fast]


@pytest.mark.parametrize("charset", ["base64", "undefined", "rot13", "zlib", "x-no-such-charset"])
def test_a_hostile_charset_in_the_http_header_falls_back_to_detection(tmp_path: Path, charset: str) -> None:
    path = _write(tmp_path / "c.warc.gz", [
        ("https://kabar.example/timor", _http("200 OK", f"text/html; charset={charset}"), TIMOR.encode("latin-1")),
        ("https://kabar.example/pangan", _http("200 OK", "text/html; charset=utf-8"), PANGAN.encode("utf-8")),
    ])
    items = list(read_warc(path, 1_000_000))
    pages = [i for i in items if isinstance(i, InputRecord)]
    assert len(pages) == 2, items
    assert "José Ramos-Horta" in pages[0].html
