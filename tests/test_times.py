"""Time expressions: forms, the weekday check, relative resolution, and what is not a time.

Fixture sentences are written for these tests in the style of Indonesian (and English) news.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from jejak.extract.times import SWAPPED_NOTE, extract_times, infer_published

MON = dt.date(2025, 10, 20)  # a Monday
SHARED = Path(__file__).resolve().parents[2] / "shared"


def found(text: str, published: dt.date | None = MON, lang: str = "id") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract_times(text, published, lang)]


def one(text: str, published: dt.date | None = MON, lang: str = "id"):
    got = extract_times(text, published, lang)
    assert len(got) == 1, [(t.text, t.value) for t in got]
    return got[0]


# ------------------------------------------------------------------ explicit dates

def test_dateline_weekday_date_and_offsets() -> None:
    text = "Hal itu disampaikan Menteri dalam rapat di Jakarta, Senin (20/10/2025)."
    t = one(text)
    assert (t.text, t.value, t.note) == ("Senin (20/10/2025)", "2025-10-20", None)
    assert text[t.start:t.end] == t.text


def test_weekday_date_without_year_takes_the_published_year() -> None:
    assert found("Sidang digelar Senin (13/10) lalu.", dt.date(2025, 10, 14)) == [("Senin (13/10)", "2025-10-13")]
    # a late-December date read in January belongs to the year before
    assert found("Rapat berlangsung Senin (29/12).", dt.date(2026, 1, 2)) == [("Senin (29/12)", "2025-12-29")]


@pytest.mark.parametrize("text,value", [
    ("Kontrak diteken pada 20 Oktober 2025 di Bandung.", "2025-10-20"),
    ("Kontrak diteken pada 20 Okt 2025 di Bandung.", "2025-10-20"),
    ("Acara dibuka Senin, 20 Oktober 2025, oleh gubernur.", "2025-10-20"),
    ("Surat itu bertanggal 20-10-2025.", "2025-10-20"),
    ("Data diperbarui 2025-10-20 pagi.", "2025-10-20"),
    ("Penyaluran bansos periode Oktober 2025 dimulai.", "2025-10"),
    ("Gedung itu dibangun tahun 2022 oleh pemerintah daerah.", "2022"),
    ("Produksi turun lagi pada 2024 menjadi 600 ton.", "2024"),
    ("Angka itu naik dibanding awal 2024.", "2024"),
    ("Dana dialokasikan dalam APBD Tahun Anggaran 2026.", "2026"),
    ("Peristiwa itu terjadi pada 16 Agustus 1947 di Jakarta.", "1947-08-16"),
])
def test_explicit_forms(text: str, value: str) -> None:
    assert one(text).value == value


def test_expression_text_includes_its_words() -> None:
    assert found("Gedung itu dibangun tahun 2022.")[0][0] == "tahun 2022"
    assert found("Dana dialokasikan dalam APBD Tahun Anggaran 2026.")[0][0] == "Tahun Anggaran 2026"
    assert found("Kontrak diteken pada 20 Okt. 2025 lalu.")[0][0] == "20 Okt. 2025"


def test_day_month_without_year_is_resolved_near_publication() -> None:
    assert found("Ia melihat lalat itu tanggal 16 Oktober saat senja.", dt.date(2025, 10, 21)) == [
        ("16 Oktober", "2025-10-16")]
    assert found("Aturan itu berlaku mulai 5 Januari.", dt.date(2025, 12, 20)) == [("5 Januari", "2026-01-05")]


# ------------------------------------------------------------------ the weekday check

def test_weekday_swaps_day_and_month() -> None:
    t = one("Para menteri pada Rabu (12/4/2024) membahas gencatan senjata.", dt.date(2024, 12, 4))
    assert t.value == "2024-12-04"
    assert t.note and t.note.startswith(SWAPPED_NOTE)


def test_weekday_and_kemarin_beat_a_wrong_day_number() -> None:
    text = "Ia berbicara usai rapat di Jakarta, Minggu (13/10/2025) malam kemarin."
    got = extract_times(text, dt.date(2025, 10, 13))
    assert [(t.text, t.value) for t in got] == [("Minggu (13/10/2025)", "2025-10-12"), ("malam kemarin", "2025-10-12")]
    assert got[0].note.startswith("weekday-mismatch")


def test_weekday_mismatch_without_support_keeps_the_written_date() -> None:
    t = one("Tersangka ditangkap pada Kamis (21/10/2025) di rumahnya.", dt.date(2025, 10, 21))
    assert t.value == "2025-10-21"
    assert t.note.startswith("weekday-mismatch")


def test_weekday_settles_a_year_slip() -> None:
    t = one("Hal itu disampaikan dalam konferensi pers, Senin (20/10/2026).", dt.date(2025, 10, 20))
    assert t.value == "2025-10-20"
    assert t.note.startswith("weekday-mismatch")


# ------------------------------------------------------------------ relative expressions

@pytest.mark.parametrize("text,value", [
    ("Rupiah melemah pada perdagangan hari ini.", "2025-10-20"),
    ("Polisi menggelar razia kemarin di jalan tol.", "2025-10-19"),
    ("Pemeriksaan dilanjutkan besok di gedung KPK.", "2025-10-21"),
    ("Hasilnya diumumkan lusa oleh panitia.", "2025-10-22"),
    ("Kebakaran terjadi tadi malam di pasar.", "2025-10-19"),
    ("Banjir merendam kampung itu kemarin malam.", "2025-10-19"),
    ("Harga emas pagi ini naik tipis.", "2025-10-20"),
    ("Rapat digelar Jumat lalu di balai kota.", "2025-10-17"),
    ("Ia dilantik Senin lalu.", "2025-10-13"),  # published on a Monday: the Monday before
    ("Ia ditemui Selasa malam di rumahnya.", "2025-10-14"),
    ("Massa berkumpul pada hari Minggu di alun-alun.", "2025-10-19"),
    ("Pesan penipuan melonjak bulan lalu.", "2025-09"),
    ("Tarif baru berlaku bulan depan.", "2025-11"),
    ("Target itu dikejar bulan ini.", "2025-10"),
    ("Ekspor naik dibanding tahun lalu.", "2024"),
    ("Sisanya dilanjutkan tahun depan.", "2026"),
    ("Telur nyamuk itu ditemukan tahun ini.", "2025"),
    ("Penerimaan ditargetkan naik hingga akhir tahun ini.", "2025"),
    ("Target akhir tahun masih diproses.", "2025"),
    ("Jembatan itu runtuh dua tahun lalu.", "2023"),
    ("Pabrik itu ditutup setahun silam.", "2024"),
    ("Para pemegang saham pada Mei lalu meminta hal itu.", "2025-05"),
])
def test_relative_forms(text: str, value: str) -> None:
    assert one(text).value == value


def test_minggu_as_week_and_as_sunday() -> None:
    assert found("Harga cabai naik minggu lalu.") == [("minggu lalu", "2025-10-13")]  # the Monday of that week
    assert found("Ia akan dipanggil minggu depan.") == [("minggu depan", "2025-10-27")]
    assert found("Jalan itu ditutup dua minggu lalu.") == [("dua minggu lalu", "2025-10-06")]
    assert found("Selama satu Minggu warga bergotong royong.") == []
    assert found("Demo digelar Minggu (19/10/2025).") == [("Minggu (19/10/2025)", "2025-10-19")]
    assert found("Kebakaran terjadi Minggu malam.") == [("Minggu malam", "2025-10-19")]
    t = one("Pendaftaran dibuka pekan lalu.")
    assert t.value == "2025-10-13" and t.note.startswith("week")


def test_future_cue_points_a_bare_weekday_forward() -> None:
    assert found("Rapat lanjutan akan digelar Kamis di Jakarta.") == [("Kamis", "2025-10-23")]
    assert found("Rapat itu digelar Kamis di Jakarta.") == [("Kamis", "2025-10-16")]


def test_relative_words_in_a_quote_count_from_the_speech_date() -> None:
    text = ("“Soal itu bukan pembahasan malam ini,” kata Prasetyo di Jakarta, Minggu (19/10/2025).\n"
            "Sementara itu, harga minyak naik hari ini.")
    got = found(text, dt.date(2025, 10, 20))
    assert ("malam ini", "2025-10-19") in got
    assert ("hari ini", "2025-10-20") in got


def test_no_published_date_falls_back_to_the_dateline() -> None:
    text = "JAKARTA - Rapat digelar Selasa (21/10/2025) di Istana.\nTahun lalu hal serupa terjadi."
    assert found(text, None) == [("Selasa (21/10/2025)", "2025-10-21"), ("Tahun lalu", "2024")]


# ------------------------------------------------------------------ what is not a time

@pytest.mark.parametrize("text", [
    "Data itu dikutip sekitar pukul 09.15 WIB.",
    "Penipuan itu menghasilkan USD 1 miliar dalam tiga tahun terakhir.",
    "Ia menginap satu hari di sana.",
    "Informasi itu dikecualikan selama jangka waktu lima tahun.",
    "Hal itu diatur dalam UU Nomor 8 Tahun 2019 tentang haji.",
    "Aturan itu tertuang dalam PP 28 Tahun 2024.",
    "KPU membahas Keputusan 731/2025 secara internal.",
    "Putusan MK nomor 105/PUU-XXII/2024 menegaskan hal itu.",
    "Investasi dibutuhkan untuk periode 2025-2029.",
    "Sekolah beroperasi mulai tahun ajaran 2022/2023.",
    "Penyaluran dibagi empat tahap: Januari-Maret dan April-Juni.",
    "Nilai ekspor sepanjang Januari-Agustus 2025 naik.",
    "Acara berlangsung pada 21-23 Oktober 2025.",
    "Kopi itu ditanam sejak ratusan tahun silam.",
    "Sampel itu dikumpulkan bertahun-tahun yang lalu.",
    "Petani menilai 10-7 tahun yang lalu iklim masih bagus.",
    "Kondisinya sudah berubah beberapa tahun lalu.",
    "Pasar murah digelar setiap Senin.",
    "Pegawai mengikuti kegiatan Jumat Sehat.",
    "Saat ini dan kini harga masih tinggi, baru-baru ini naik.",
    "Sebanyak 2025 orang mendaftar.",
])
def test_not_times(text: str) -> None:
    assert found(text) == []


# ------------------------------------------------------------------ infer_published

def test_infer_published_reads_the_dateline_and_checks_the_weekday() -> None:
    text = ("JAKARTA, KABAR - Anggota aliansi pada Rabu (12/4/2024) membahas kemungkinan damai.\n"
            "Pembahasan berlangsung tertutup.\n")
    t = infer_published(text)
    assert t is not None and t.value == "2024-12-04" and t.note.startswith(SWAPPED_NOTE)
    assert text[t.start:t.end] == "Rabu (12/4/2024)"


def test_infer_published_ignores_late_dates_and_relative_words() -> None:
    text = "Harga naik kemarin.\nPedagang mengeluh.\nPasokan seret.\nPada 5 Mei 2025 harga sempat turun."
    assert infer_published(text) is None


# ------------------------------------------------------------------ English

@pytest.mark.parametrize("text,value", [
    ("The talks opened on October 20, 2025 in Geneva.", "2025-10-20"),
    ("The talks opened on 20 October 2025 in Geneva.", "2025-10-20"),
    ("The talks opened on Monday, Oct. 20, 2025.", "2025-10-20"),
    ("Ministers met last Friday in Brussels.", "2025-10-17"),
    ("Prices fell yesterday.", "2025-10-19"),
    ("The law takes effect next year.", "2026"),
    ("Sales rose in 2024.", "2024"),
    ("The bridge collapsed two years ago.", "2023"),
    ("Output peaked in mid-2024.", "2024"),
    ("The vote is due in October 2025.", "2025-10"),
])
def test_english_forms(text: str, value: str) -> None:
    assert one(text, lang="en").value == value


def test_english_modal_may_and_periods_are_not_times() -> None:
    assert found("Prices may 5 times rise. The 2016-2018 period was dry.", lang="en") == []


# ------------------------------------------------------------------ speed and the dev gold


def test_dev_gold_f1() -> None:
    if not (SHARED / "eval/dev").is_dir():
        pytest.skip("no ../shared/eval/dev here")
    tool = Path(__file__).resolve().parents[1] / "tools/score_times.py"
    spec = importlib.util.spec_from_file_location("score_times", tool)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tp = n_pred = n_gold = 0
    for _name, text, pub, gold in mod.load_dev(SHARED):
        preds = [t.to_dict() for t in extract_times(text, pub)]
        hit, _ = mod._match(text, gold, preds)
        tp, n_pred, n_gold = tp + hit, n_pred + len(preds), n_gold + len(gold)
    p, r = tp / n_pred, tp / n_gold
    assert 2 * p * r / (p + r) >= 0.93


def test_a_relative_day_right_after_a_full_date_repeats_it() -> None:
    import datetime as dt

    got = extract_times("Kejadian itu terjadi Sabtu (18/10/2025) kemarin di Medan. Harga naik kemarin.",
                        dt.date(2025, 10, 21))
    assert [(t.text, t.value) for t in got] == [("Sabtu (18/10/2025)", "2025-10-18"), ("kemarin", "2025-10-18"),
                                                ("kemarin", "2025-10-20")]
