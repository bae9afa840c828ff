"""Behaviour of jejak.extract.amounts on fixture sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jejak.extract.amounts import extract_amounts, parse_number


def amounts(text: str, lang: str = "id") -> list[tuple[str, float, str | None]]:
    """(text, value, currency or unit) of every amount, checking that spans point at their text."""
    out = []
    for a in extract_amounts(text, lang):
        assert text[a.start : a.end] == a.text
        out.append((a.text, a.value, a.currency or a.unit))
    return out


def one(text: str, lang: str = "id") -> tuple[str, float, str | None]:
    found = amounts(text, lang)
    assert len(found) == 1, found
    return found[0]


def approx(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


# --- money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, text, value, currency",
    [
        ("Pemerintah menyiapkan dana Rp 45 triliun untuk program itu.", "Rp 45 triliun", 45e12, "IDR"),
        ("Harga tiket naik menjadi Rp.250.000 per orang.", "Rp.250.000", 250000, "IDR"),
        ("Ia menerima santunan Rp5 juta dari pemda.", "Rp5 juta", 5e6, "IDR"),
        ("Nilai proyek mencapai Rp 3,25 miliar tahun ini.", "Rp 3,25 miliar", 3.25e9, "IDR"),
        ("Anggaran yang disetujui sebesar Rp 12 M saja.", "Rp 12 M", 12e9, "IDR"),
        ("Kerugian negara ditaksir Rp 2 T oleh auditor.", "Rp 2 T", 2e12, "IDR"),
        ("Upah harian Rp 150 rb dinilai terlalu kecil.", "Rp 150 rb", 150000, "IDR"),
        ("Perusahaan itu meraup US$ 12,5 juta pada kuartal lalu.", "US$ 12,5 juta", 12.5e6, "USD"),
        ("Ekspor naik menjadi USD 3 miliar.", "USD 3 miliar", 3e9, "USD"),
        ("Bantuan sebesar 40 juta dolar AS dikirim pekan ini.", "40 juta dolar AS", 40e6, "USD"),
        ("Ia didenda 2.000 dolar Singapura oleh pengadilan.", "2.000 dolar Singapura", 2000, "SGD"),
        ("Klub itu membayar €80 juta untuk sang striker.", "€80 juta", 80e6, "EUR"),
        ("Biaya sewa apartemen 150 ribu yen per bulan.", "150 ribu yen", 150000, "JPY"),
        ("Harga paket tur itu 1.200 ringgit per orang.", "1.200 ringgit", 1200, "MYR"),
        ("Dana hibah senilai 5 juta euro diterima kampus.", "5 juta euro", 5e6, "EUR"),
        ("Saham ditutup pada level Rp 4.310 sore ini.", "Rp 4.310", 4310, "IDR"),
        ("Rupiah bergerak di level Rp 15.900-an pagi ini.", "Rp 15.900-an", 15900, "IDR"),
    ],
)
def test_money(sentence: str, text: str, value: float, currency: str) -> None:
    t, v, c = one(sentence)
    assert (t, c) == (text, currency)
    assert approx(v, value)


def test_scaled_values_are_exact() -> None:
    # 8,3 x 10^12 must not come out as 8300000000000.001
    assert one("Penerimaan mencapai Rp 8,3 triliun tahun ini.")[1] == 8.3e12


def test_full_digit_money() -> None:
    assert one("Total kerugian sebesar Rp 1.234.567.890 menurut jaksa.")[1] == 1234567890


# --- percentages, points, multipliers ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Inflasi tahunan tercatat 2,7% pada bulan lalu.", "2,7%", 2.7),
        ("Sebanyak 64 persen responden puas dengan kinerja wali kota.", "64 persen", 64),
        ("Indeks melemah 0,45 % pada sesi pertama.", "0,45 %", 0.45),
        ("Ekonomi kawasan itu terkontraksi -0,5% secara kuartalan.", "-0,5%", -0.5),
        ("Pertumbuhan kredit hanya lima persen tahun ini.", "lima persen", 5),
    ],
)
def test_percent(sentence: str, text: str, value: float) -> None:
    assert one(sentence) == (text, value, "percent")


def test_points_and_times() -> None:
    found = amounts("IHSG naik 35,20 poin, sedangkan volume transaksi naik 2,5 kali lipat dan laba naik tiga kali.")
    assert found == [("35,20 poin", 35.2, "point"), ("2,5 kali lipat", 2.5, "times"), ("tiga kali", 3, "times")]


# --- counts and measures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("Sebanyak 1.200 orang mengungsi ke balai desa.", "1.200 orang", 1200, "person"),
        ("Jalan tol baru itu sepanjang 45 km dari pusat kota.", "45 km", 45, "km"),
        ("Petugas menyita 3 ton beras oplosan.", "3 ton", 3, "ton"),
        ("Kebakaran melahap 2.500 hektare lahan gambut.", "2.500 hektare", 2500, "hectare"),
        ("Dinas menambah 12 unit ambulans.", "12 unit", 12, "unit"),
        ("Warga menerima 500 liter air bersih.", "500 liter", 500, "liter"),
        ("Polisi menemukan 150 kg sabu di gudang.", "150 kg", 150, "kg"),
        ("Sekolah itu memiliki 35 guru honorer.", "35 guru", 35, "person"),
        ("Pemkab mencatat 27 wajib pajak menunggak.", "27 wajib pajak", 27, "taxpayer"),
        ("Peneliti mengirim empat sampel ke laboratorium.", "empat sampel", 4, "sample"),
        ("Ada dua opsi yang sedang dikaji pemerintah.", "dua opsi", 2, "option"),
        ("Suhu udara mencapai 34°C siang tadi.", "34°C", 34, "celsius"),
        ("Banjir merendam 3.400 KK di pinggir sungai.", "3.400 KK", 3400, "household"),
        ("Penyaluran dibagi menjadi empat tahap sepanjang tahun.", "empat tahap", 4, "stage"),
        ("Peternak kehilangan 15 ekor sapi akibat banjir.", "15 ekor sapi", 15, "cattle"),
        ("Korban terdiri dari dua puluh lima orang warga desa.", "dua puluh lima orang", 25, "person"),
        ("Kapal itu mengangkut 1,5 juta barel minyak mentah.", "1,5 juta barel", 1.5e6, "barrel"),
    ],
)
def test_counts(sentence: str, text: str, value: float, unit: str) -> None:
    t, v, u = one(sentence)
    assert (t, u) == (text, unit)
    assert approx(v, value)


def test_per_unit() -> None:
    assert one("Produktivitas sawah mencapai 6 ton per hektare musim ini.") == ("6 ton per hektare", 6, "ton/ha")


def test_classifier_falls_back_to_itself() -> None:
    assert one("Polisi menyita 20 butir peluru dari rumah itu.") == ("20 butir", 20, "item")


def test_sexes_count_the_article_animal() -> None:
    text = (
        "Peneliti menemukan nyamuk jenis baru di rawa itu. Nyamuk tersebut tertangkap perangkap. "
        "Sebanyak lima nyamuk terkumpul, tiga betina dan dua jantan."
    )
    assert amounts(text) == [("lima nyamuk", 5, "mosquito"), ("tiga betina", 3, "mosquito"), ("dua jantan", 2, "mosquito")]


def test_anaphoric_count_takes_the_last_counted_noun() -> None:
    text = "Kantor pajak memeriksa 40 WP. Yang sudah membayar ada 12, yang mengangsur ada 8."
    assert amounts(text) == [("40 WP", 40, "taxpayer"), ("12", 12, "taxpayer"), ("8", 8, "taxpayer")]


# --- durations ---------------------------------------------------------------------------


def test_duration_kept_when_it_is_the_measured_quantity() -> None:
    text = "Antrean haji yang semula mencapai 35 tahun kini dipangkas menjadi sekitar 20 tahun."
    assert amounts(text) == [("35 tahun", 35, "year"), ("20 tahun", 20, "year")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Masa kampanye hanya berlangsung 60 hari menjelang pemungutan suara.",
        "Kerja sama itu berlaku selama jangka waktu lima tahun.",
        "Harga beras naik dalam tiga tahun terakhir.",
        "Proyek itu berlangsung selama sekitar dua tahun di pesisir utara.",
        "Pria berusia 41 tahun itu ditangkap di rumahnya.",
        "Ia bekerja setidaknya 50 jam seminggu.",
    ],
)
def test_time_frames_are_not_amounts(sentence: str) -> None:
    assert amounts(sentence) == []


# --- ranges ------------------------------------------------------------------------------


def test_range_gives_two_amounts() -> None:
    assert amounts("Produksi kopi hanya 500-800 kilogram per hektare.") == [
        ("500", 500, "kg/ha"),
        ("800 kilogram per hektare", 800, "kg/ha"),
    ]


def test_money_range_shares_currency_and_scale() -> None:
    assert amounts("Biaya kampanye calon bupati Rp 10-20 juta per desa.") == [
        ("Rp 10", 10e6, "IDR"),
        ("20 juta", 20e6, "IDR"),
    ]


def test_percent_range_with_both_signs() -> None:
    assert amounts("Suku bunga berada di kisaran 4,00%-4,25% saat ini.") == [
        ("4,00%", 4.0, "percent"),
        ("4,25%", 4.25, "percent"),
    ]


def test_between_range() -> None:
    assert amounts("Massa diperkirakan antara 3.000 dan 5.000 orang.") == [
        ("3.000", 3000, "person"),
        ("5.000 orang", 5000, "person"),
    ]


def test_date_after_hingga_is_no_range_end() -> None:
    assert amounts("Penerimaan naik menjadi Rp 8,3 triliun hingga 17 Oktober 2025.") == [
        ("Rp 8,3 triliun", 8.3e12, "IDR"),
    ]


# --- notation and the equivalence rule ----------------------------------------------------


def test_parse_number_notations() -> None:
    assert parse_number("1.549,5") == 1549.5
    assert parse_number("97,7") == 97.7
    assert parse_number("16.300") == 16300
    assert parse_number("1,549,000") == 1549000
    assert parse_number("97.7") == 97.7
    assert parse_number("0,125") == 0.125
    assert parse_number("1,549") == 1.549  # ambiguous: the Indonesian reading
    assert parse_number("1,549", lang="en") == 1549


def test_equivalence_settles_an_english_thousands_comma() -> None:
    text = "Belanja pertahanan negara itu mencapai US$62,3 miliar atau Rp 1,012 triliun tahun lalu."
    found = amounts(text)
    assert found[0] == ("US$62,3 miliar", 62.3e9, "USD")
    assert found[1][0] == "Rp 1,012 triliun" and approx(found[1][1], 1.012e15) and found[1][2] == "IDR"


def test_equivalence_in_parentheses_keeps_indonesian_reading() -> None:
    text = "Nilai ekspor turun US$ 2,4 miliar (sekitar Rp 38.400 miliar) dibanding tahun lalu."
    found = amounts(text)
    assert found[1][0] == "Rp 38.400 miliar" and approx(found[1][1], 3.84e13)


def test_without_equivalence_the_indonesian_reading_wins() -> None:
    assert one("Pendapatan perusahaan mencapai Rp 1,549 triliun.")[1] == pytest.approx(1.549e12)


def test_english_styled_article_reads_ambiguous_numbers_in_english() -> None:
    text = "Laba bersih naik 12.5% menjadi US$ 3.75 miliar, dengan 1,250 karyawan baru."
    found = amounts(text)
    assert ("1,250 karyawan", 1250, "person") in found


# --- not amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pengemudi berinisial DS (29) diamankan polisi.",
        "Ia merayakan ulang tahun ke-45 bersama keluarga.",
        "Rapat digelar Senin (14/10/2025) pukul 10.30 WIB.",
        "Pemilu 2024 diikuti partai baru.",
        "Hubungi call center 112 atau 0812-3456-7890 bila darurat.",
        "Mobil berbahan bakar E10 dan KTT G20 dibahas.",
        "Aturan itu tercantum dalam Pasal 12 ayat 3.",
        "Keputusan KPU Nomor 731 Tahun 2025 dibatalkan.",
        "Ratusan warga dan jutaan pelanggan terdampak pemadaman.",
        "Ia menjadi salah satu perusahaan terbesar di kawasan itu.",
        "Aplikasi itu mengirim kode satu kali ke ponsel pengguna.",
        "Ini satu-satunya sekolah di pulau itu.",
        "Korban Covid-19 dimakamkan di TPU setempat.",
        "Siswa MAN 2 Kota Malang meraih juara.",
        "Pemda mendukung Program Tiga Juta Rumah tahun ini.",
        "Nilai tukar mencapai 5 juta dalam sehari.",
    ],
)
def test_not_amounts(sentence: str) -> None:
    assert amounts(sentence) == []


def test_english_pack() -> None:
    found = amounts("Germany spent $97.7 billion in 2024, while 1,200 people fled and inflation hit 2.5 percent.", "en")
    assert found == [("$97.7 billion", 97.7e9, "USD"), ("1,200 people", 1200, "person"), ("2.5 percent", 2.5, "percent")]


# --- the dev gold, when the shared data is there ----------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_seed_amounts_match_gold() -> None:
    seed = SHARED / "seed/000_1355c149a23b8f5a.txt"
    gold = SHARED / "eval/dev/seed-000.gold.json"
    if not seed.exists() or not gold.exists():
        pytest.skip("shared seed data not available")
    text = seed.read_text(encoding="utf-8")
    want = json.loads(gold.read_text(encoding="utf-8"))["amounts"]
    got = [(a.text, a.value, a.currency) for a in extract_amounts(text)]
    assert got == [(g["text"], g["value"], g["currency"]) for g in want]
