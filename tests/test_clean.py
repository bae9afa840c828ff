"""Cleaning: datelines, author codes, furniture, trailers, and the copy indicators found there.

Fixture texts are written for these tests in the style of Indonesian online news; the gold
test at the end reads the shared dev set and skips when it is absent.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from jejak.clean import Cleaned, canonical_outlet, clean, find_dateline

SHARED = Path("/work/shared")
GOLD_DIR = SHARED / "eval" / "dev"
DETIK_CSV = SHARED / "data" / "id_news_detik1000" / "data_berita.csv.gz"


def _check_offsets(source: str, c: Cleaned) -> None:
    for r in c.removals:
        assert source[r.start:r.end] == r.text, r
    for i in c.indicators:
        if i.start is not None:
            assert c.text[i.start:i.end] == i.text, i


# --- datelines ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "head, place, outlet",
    [
        ("JAKARTA, KOMPAS.com - ", "Jakarta", "KOMPAS.com"),
        ("Jakarta, CNBC Indonesia - ", "Jakarta", "CNBC Indonesia"),
        ("JAKARTA, ILLINI NEWS – ", "Jakarta", "ILLINI NEWS"),
        ("Jakarta - ", "Jakarta", None),
        ("Jakarta- ", "Jakarta", None),
        ("Bandung, detikJabar - ", "Bandung", "detikJabar"),
        ("KOMPAS.com - ", None, "KOMPAS.com"),
        ("SURABAYA, KOMPAS — ", "Surabaya", "KOMPAS"),
        ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
        ("Liputan6.com, Jakarta - ", "Jakarta", "Liputan6.com"),
        ("TEMPO.CO, Jakarta - ", "Jakarta", "TEMPO.CO"),
        ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
        ("BANDA ACEH, KOMPAS.com - ", "Banda Aceh", "KOMPAS.com"),
    ],
)
def test_dateline_forms(head: str, place: str | None, outlet: str | None) -> None:
    body = "Pemerintah provinsi menyiapkan 120 posko mudik di sepanjang jalur pantura."
    c = clean(head + body)
    assert c.dateline is not None
    assert (c.dateline.place, c.dateline.outlet) == (place, outlet)
    assert c.text == body
    assert c.removals[0].kind == "dateline"
    assert c.removals[0].start == 0


@pytest.mark.parametrize(
    "text",
    [
        "Presiden menegaskan pentingnya menjaga harga beras tetap stabil jelang akhir tahun.",
        "Kereta cepat Jakarta-Bandung kembali menambah jadwal perjalanan pada akhir pekan.",
        "Gubernur Jawa Tengah meninjau pasar induk, Senin (20/10/2025), bersama wali kota.",
        '"Kami siap bekerja sama," kata Ketua DPRD dalam rapat paripurna di Semarang.',
    ],
)
def test_no_dateline_in_plain_leads(text: str) -> None:
    c = clean(text)
    assert c.dateline is None
    assert c.text == text


def test_canonical_outlet() -> None:
    assert canonical_outlet("KOMPAS.com") == canonical_outlet("KOMPAS") == "Kompas"
    assert canonical_outlet("detikJabar") == canonical_outlet("detik.com") == "detik"
    assert canonical_outlet("ILLINI NEWS") == "ILLINI NEWS"
    assert canonical_outlet(None) is None


def test_find_dateline_span() -> None:
    src = "MEDAN, KOMPAS.com — Harga cabai merah di pasar tradisional turun."
    found = find_dateline(src)
    assert found is not None
    dl, s, e = found
    assert src[e:].startswith("Harga cabai")
    assert dl.text == "MEDAN, KOMPAS.com —"


# --- author codes -------------------------------------------------------------------------

KOMPAS_STYLE = (
    "SEMARANG, KOMPAS.com - Dinas Perhubungan Jawa Tengah menambah 40 bus untuk arus balik.\n"
    "\"Armada tambahan kami siagakan di terminal utama,\" kata Kepala Dinas Perhubungan Jawa Tengah.\n"
    "Baca juga: Arus Balik Lebaran, Tol Semarang-Batang Padat Merayap\n"
    "Ia menambahkan, jumlah penumpang diperkirakan naik 12 persen dibanding tahun lalu. (ant/rdp)\n"
)


def test_pair_code_removed_and_listed() -> None:
    c = clean(KOMPAS_STYLE)
    assert c.author_codes == ["ant/rdp"]
    assert c.text.endswith("dibanding tahun lalu.")
    assert "Baca juga" not in c.text
    kinds = [r.kind for r in c.removals]
    assert kinds.count("author-code") == 1 and "furniture" in kinds
    assert not c.indicators  # Kompas furniture under a Kompas dateline is no sign of copying
    _check_offsets(KOMPAS_STYLE, c)


def test_single_codes_only_at_the_end() -> None:
    src = ("Inflasi tahunan tercatat 2,65 persen (yoy). Angka itu lebih rendah dari perkiraan.\n"
           "Bank sentral menilai pasokan pangan terjaga hingga akhir tahun. (wdh)")
    c = clean(src)
    assert c.author_codes == ["wdh"]
    assert "(yoy)" in c.text
    assert c.text.endswith("hingga akhir tahun.")

    src2 = "Warga diminta melapor ke posko terdekat. (*)\n"
    assert clean(src2).text == "Warga diminta melapor ke posko terdekat."

    # a bracketed word in the middle of the body stays
    mid = "Panitia menyiapkan paket (sembako). Paket dibagikan pada Sabtu pagi di balai desa."
    assert clean(mid).text == mid


def test_units_and_asides_are_not_codes() -> None:
    src = ("Kecepatan kendaraan dibatasi 60 km/jam (kilometer per jam) di ruas itu.\n"
           "Harga gabah naik menjadi Rp 6.500/kg. (Data: BPS/Kementan) Petani menyambut baik.")
    c = clean(src)
    assert c.author_codes == []
    assert "(kilometer per jam)" in c.text


def test_translated_author_code() -> None:
    src = ("Menteri Perdagangan memastikan stok minyak goreng aman sampai Lebaran. "
           "(luar biasa / luar biasa)")
    c = clean(src)
    assert c.text.endswith("sampai Lebaran.")
    assert c.author_codes == ["luar biasa / luar biasa"]
    ind = [i for i in c.indicators if i.kind == "translated-author-code"]
    assert len(ind) == 1 and ind[0].text == "(luar biasa / luar biasa)"
    assert ind[0].start is None and "fab/fab" in (ind[0].note or "")

    src2 = "Kapal tiba di pelabuhan Tanjung Priok pada Selasa malam. (semut/rdp)"
    c2 = clean(src2)
    assert [i.kind for i in c2.indicators] == ["translated-author-code"]
    assert "ant/rdp" in (c2.indicators[0].note or "")


# --- furniture ----------------------------------------------------------------------------

DETIK_STYLE = (
    "Pemerintah kota menyiapkan 15 titik pasar murah selama sepekan ke depan. Warga cukup membawa KTP.\n"
    "\"Kami ingin harga bahan pokok tetap terjangkau bagi warga,\" kata Wali Kota, Senin (20/10/2025).\n"
    "SCROLL TO CONTINUE WITH CONTENT\n"
    "ADVERTISEMENT\n"
    "Tonton juga video \"Wali Kota Blusukan ke Pasar Induk\" di sini:\n"
    "Pasar murah dibuka mulai pukul 08.00 WIB. Setiap warga boleh membeli paling banyak dua paket.\n"
    "\n"
    "Simak juga Video 'Harga Cabai Melonjak Jelang Akhir Tahun':\n"
    "\n\n"
)


def test_detik_line_furniture_keeps_body_after_it() -> None:
    c = clean(DETIK_STYLE)
    assert "SCROLL" not in c.text and "ADVERTISEMENT" not in c.text
    assert "Tonton juga" not in c.text and "Simak juga" not in c.text
    assert "Pasar murah dibuka mulai pukul 08.00 WIB." in c.text  # body after a mid-body teaser
    assert c.text.endswith("paling banyak dua paket.")
    assert c.text.count("\n") == 2  # three paragraphs, blank lines collapsed
    reasons = [r.reason or "" for r in c.removals]
    assert all(r for r in reasons)
    _check_offsets(DETIK_STYLE, c)


def test_own_outlet_furniture_is_no_indicator() -> None:
    src = ("Jakarta, CNBC Indonesia - Harga batu bara acuan turun 3 persen pekan ini. "
           "Permintaan dari China melemah.\n"
           "\"Pasar masih menunggu kebijakan baru,\" ujar analis. (fab/fab)\n"
           "[Gambas:Video CNBC]\n"
           "Artikel Selanjutnya\n"
           "Harga Nikel Merosot, Saham Tambang Berguguran\n")
    c = clean(src)
    assert c.author_codes == ["fab/fab"]
    assert c.text.endswith("ujar analis.")
    assert "Artikel" not in c.text and "Gambas" not in c.text
    assert [r.kind for r in c.removals][-1] == "trailer"
    assert not [i for i in c.indicators if i.kind == "foreign-furniture"]
    _check_offsets(src, c)


def test_trailer_marker_above_body_cuts_only_its_line() -> None:
    src = ("Baca artikel detiknews\n"
           "Polisi menutup sementara jalan di depan stadion menjelang laga final. Penonton diminta datang "
           "lebih awal. Kantong parkir disiapkan di tiga lokasi berbeda di sekitar kawasan olahraga.\n"
           "Petugas gabungan berjaga sejak pagi.")
    c = clean(src)
    assert c.text.startswith("Polisi menutup")
    assert c.text.endswith("berjaga sejak pagi.")


def test_headline_lines_after_closing_code_are_a_trailer() -> None:
    src = ("Jakarta, CNBC Indonesia - Rupiah menguat tipis terhadap dolar AS pada penutupan perdagangan. "
           "Pelaku pasar menanti data neraca dagang.\n"
           "(luc/luc)\n"
           "Next Article\n"
           "Rupiah Melemah Lagi, Ini Penyebabnya\n")
    c = clean(src)
    assert c.text.endswith("menanti data neraca dagang.")
    assert c.author_codes == ["luc/luc"]
    assert c.removals[-1].kind == "trailer"
    _check_offsets(src, c)

    # a real closing paragraph after a code stays
    src2 = ("Rupiah menguat tipis pada penutupan perdagangan. (luc/luc)\n"
            "Sementara itu, harga emas dunia naik 0,4 persen. Investor memburu aset aman.")
    assert clean(src2).text.endswith("Investor memburu aset aman.")


def test_baca_juga_sentence_is_body() -> None:
    src = ("Pemerintah merilis aturan baru soal tarif ojek daring.\n"
           "Baca juga aturan lengkapnya di laman resmi kementerian, yang terbit Senin lalu.\n"
           "Baca juga: Tarif Ojol Naik, Pengemudi Minta Potongan Aplikasi Turun\n"
           "BACA JUGA Tarif Ojol Naik Mulai Pekan Depan\n")
    c = clean(src)
    assert c.text == ("Pemerintah merilis aturan baru soal tarif ojek daring.\n"
                      "Baca juga aturan lengkapnya di laman resmi kementerian, yang terbit Senin lalu.")


def test_photo_credit_pagination_and_separator() -> None:
    src = ("Banjir merendam ratusan rumah di bantaran sungai sejak Minggu dini hari.\n"
           "(Foto: dok. BPBD)\n"
           "Warga mengungsi ke masjid dan sekolah terdekat.\n"
           "Halaman 2\n"
           "Petugas membuka dapur umum di balai kelurahan.\n"
           "-----\n")
    c = clean(src)
    assert c.text == ("Banjir merendam ratusan rumah di bantaran sungai sejak Minggu dini hari.\n"
                      "Warga mengungsi ke masjid dan sekolah terdekat.\n"
                      "Petugas membuka dapur umum di balai kelurahan.")


# --- a spun copy with the seed's tricks ----------------------------------------------------

SPUN = (
    "SURABAYA, BERITA NUSA – Para menteri ASEAN pada Kamis (3/7/2025) membahas kerja sama pangan regional. "
    "Pertemuan digelar di tengah kenaikan harga beras.\n"
    "“Negara anggota sepakat memperkuat cadangan beras darurat untuk kawasan,” tulis Reuters, ketika harga "
    "mulai naik. » tulis Reuters.\n"
    "Menteri Pertanian menyebut stok nasional cukup untuk enam bulan.\n"
    "“Kami akan menyalurkan bantuan lebih cepat bila terjadi gagal panen,” katanya. kami di sini hari ini. . "
    "(luar biasa / luar biasa) Tonton video di bawah ini: Video: Harga beras naik lagi Artikel selanjutnya "
    "Video: Petani panen raya di Jawa Timur"
)


def test_spun_copy() -> None:
    c = clean(SPUN)
    assert c.dateline is not None
    assert (c.dateline.place, c.dateline.outlet) == ("Surabaya", "BERITA NUSA")
    assert c.text.endswith("bila terjadi gagal panen,” katanya.")
    assert "kami di sini" not in c.text and "Tonton" not in c.text and "luar biasa" not in c.text
    kinds = {r.kind for r in c.removals}
    assert {"dateline", "displaced-fragment", "author-code", "trailer"} <= kinds
    frag = next(r for r in c.removals if r.kind == "displaced-fragment")
    assert frag.text == "kami di sini hari ini. ."

    by_kind = {i.kind: i for i in c.indicators}
    assert by_kind["translated-author-code"].text == "(luar biasa / luar biasa)"
    assert by_kind["foreign-furniture"].text == "Tonton video di bawah ini"
    assert "CNBC Indonesia" in (by_kind["foreign-furniture"].note or "")
    garbled = by_kind["garbled-attribution"]
    assert garbled.text == "» tulis Reuters."
    assert garbled.start is not None and c.text[garbled.start:garbled.end] == garbled.text
    assert len([i for i in c.indicators if i.kind == "garbled-attribution"]) == 1
    _check_offsets(SPUN, c)


def test_displaced_fragment_without_code() -> None:
    src = ("Gubernur meresmikan jembatan gantung di desa terpencil itu.\n"
           "“Warga tak perlu lagi memutar sejauh sepuluh kilometer,” ujarnya. mereka hadir semua. .\n"
           "Simak juga Video 'Jembatan Gantung Diresmikan':\n")
    c = clean(src)
    assert c.text.endswith("sepuluh kilometer,” ujarnya.")
    assert [r.text for r in c.removals if r.kind == "displaced-fragment"] == ["mereka hadir semua. ."]

    # a lowercase brand at a sentence start is body, not a fragment
    ok = "Ponsel itu dijual mulai pekan depan. iPhone terbaru dibanderol Rp 20 juta."
    assert clean(ok).text == ok


def test_furniture_data_is_well_formed() -> None:
    from jejak.clean.furniture import furniture_set

    fs = furniture_set("id")
    assert fs.rules and {r.scope for r in fs.rules} <= {"line", "inline", "trailer"}
    outlets = {r.outlet for r in fs.rules if r.outlet}
    assert all(canonical_outlet(o) == o for o in outlets)  # furniture outlets use canonical names


def test_repeated_attribution_without_mark() -> None:
    src = ("“Kami menolak tuduhan itu,” ujar Juru Bicara, dalam jumpa pers. ujar Juru Bicara.\n"
           "“Kami siap diperiksa,” ujar Juru Bicara. “Semua dokumen lengkap,” ujar Juru Bicara.")
    c = clean(src)
    g = [i for i in c.indicators if i.kind == "garbled-attribution"]
    assert len(g) == 1  # the second paragraph opens a new quotation each time
    assert g[0].text == "ujar Juru Bicara."


def test_legitimate_second_attribution_is_kept_quiet() -> None:
    src = "“Anggaran sudah cair,” kata Bupati. Selain itu, kata Bupati, pembangunan jembatan dimulai Maret."
    assert not [i for i in clean(src).indicators if i.kind == "garbled-attribution"]


def test_foreign_furniture_uses_metadata_outlet_when_no_dateline() -> None:
    src = "Harga emas naik tipis pagi ini. Investor menunggu data inflasi AS.\nSimak juga Video 'Emas Antam Naik':"
    assert not clean(src).indicators
    assert not clean(src, outlet="detik.com").indicators
    ind = clean(src, outlet="kompas.com").indicators
    assert [i.kind for i in ind] == ["foreign-furniture"]
    assert ind[0].text.startswith("Simak juga Video")


def test_non_indonesian_uses_neutral_rules_only() -> None:
    src = ("WASHINGTON (Reuters) - The central bank kept rates on hold on Wednesday. "
           "Officials said inflation was easing.\nSCROLL TO CONTINUE WITH CONTENT\n«Aside» noted.")
    c = clean(src, lang="en")
    assert c.dateline is not None and (c.dateline.place, c.dateline.outlet) == ("Washington", "Reuters")
    assert "SCROLL TO CONTINUE WITH CONTENT" in c.text  # Indonesian furniture list not applied
    assert not c.indicators


def test_empty_and_whitespace() -> None:
    assert clean("").text == ""
    assert clean(" \n\t ").text == ""
    c = clean("Satu  paragraf\u00a0saja.\r\n\r\n\r\nDua.")
    assert c.text == "Satu paragraf saja.\nDua."


# --- the shared dev set -------------------------------------------------------------------

def _detik_rows() -> dict[str, dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with gzip.open(DETIK_CSV, "rt", encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_gold_bodies() -> None:
    if not GOLD_DIR.is_dir() or not DETIK_CSV.is_file():
        pytest.skip("shared eval data not available")
    rows = _detik_rows()
    files = sorted(GOLD_DIR.glob("*.gold.json"))
    failures = []
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        src = gold["source"]
        if src.get("corpus") == "seed":
            source = (SHARED / src["path"]).read_text(encoding="utf-8")
        else:
            source = rows[src["row_id"]]["isi_berita"]
        c = clean(source)
        _check_offsets(source, c)
        ok = c.text.endswith(gold["body_ends_with"])
        ok &= not any(x.strip() and x.strip() in c.text for x in gold.get("furniture", []))
        want_dl = gold.get("dateline")
        got_dl = c.dateline.to_dict() if c.dateline else None
        ok &= (want_dl is None) == (got_dl is None) and (want_dl is None or want_dl == got_dl)
        if not ok:
            failures.append((f.name, c.text[-80:], got_dl))
    assert not failures, failures
    assert len(files) >= 25


def test_seed_indicators() -> None:
    seed = SHARED / "seed" / "000_1355c149a23b8f5a.txt"
    gold_path = GOLD_DIR / "seed-000.gold.json"
    if not seed.is_file() or not gold_path.is_file():
        pytest.skip("seed not available")
    c = clean(seed.read_text(encoding="utf-8"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    want = {(i["kind"], i["text"]) for i in gold["indicators"]
            if i["kind"] in {"translated-author-code", "foreign-furniture", "garbled-attribution"}}
    got = {(i.kind, i.text) for i in c.indicators}
    assert want == got
    assert any(r.kind == "displaced-fragment" for r in c.removals)


def test_mojibake_runs_are_repaired_and_real_accents_kept():
    from jejak.clean.mojibake import repair_mojibake

    text, n = repair_mojibake("Penggemar serangga, BjÃ¶rn Hjaltason, tinggal di KjÃ³s dekat café.")
    assert text == "Penggemar serangga, Björn Hjaltason, tinggal di Kjós dekat café."
    assert n == 2
    assert repair_mojibake("Déjà vu à Paris")[0] == "Déjà vu à Paris"
