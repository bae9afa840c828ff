"""Distortions between an original report and its copy: each kind, rewording that is none, robustness.

Fixtures are our own text in the style of Indonesian news; the dev evaluation needs ../shared.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jejak.provenance.confidence import BANDS
from jejak.provenance.diff import (
    DISTORTION_KINDS,
    Distortion,
    Side,
    align_sentences,
    find_distortions,
)

DATA = Path(__file__).parent / "data"


def kinds(original: str, copy: str, lang: str = "id") -> list[str]:
    return [d.kind for d in find_distortions(original, copy, lang)]


def only(original: str, copy: str, lang: str = "id") -> Distortion:
    found = find_distortions(original, copy, lang)
    assert len(found) == 1, found
    return found[0]


def check_spans(d: Distortion, original: str, copy: str) -> None:
    assert original[d.a.start:d.a.end] == d.a.text
    assert copy[d.b.start:d.b.end] == d.b.text


# --- the seed-like pair ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_like() -> tuple[str, str, list[Distortion]]:
    original = (DATA / "provenance" / "seed_like_original.txt").read_text(encoding="utf-8")
    copy = (DATA / "provenance" / "seed_like_copy.txt").read_text(encoding="utf-8")
    return original, copy, find_distortions(original, copy)


def test_seed_like_names_the_three_distortions(seed_like):
    original, copy, found = seed_like
    assert sorted(d.kind for d in found) == ["negation-flip", "quote-cut", "temporal-flip"]
    for d in found:
        check_spans(d, original, copy)
    by_kind = {d.kind: d for d in found}
    negation = by_kind["negation-flip"]
    assert "tidak menunjukkan" in negation.a.text and "menyatakan keinginannya" in negation.b.text
    flip = by_kind["temporal-flip"]
    assert "akan menjabat" in flip.a.text and "setelah" in flip.b.text
    assert flip.note == "akan -> setelah"
    cut = by_kind["quote-cut"]
    assert cut.a.text == "atau tidak" and cut.b.start == cut.b.end
    assert copy[cut.b.start - len("mengatakan ya"):cut.b.start] == "mengatakan ya"


def test_seed_like_flags_nothing_on_neutral_edits(seed_like):
    _, copy, found = seed_like
    neutral = ["BERLIN, KABARDUNIA24", "membicarakan", "berlangsung", "Dalam laporan", "menyampaikan bahwa",
               "tak akan", "Pada Rabu", "ujar Scholz", "dua puluh delapan", "Sementara itu, Prancis"]
    for d in found:
        for words in neutral:
            at = copy.find(words)
            assert not (d.b.start < at + len(words) and at < d.b.end), (words, d)


def test_to_dict_carries_both_spans(seed_like):
    d = seed_like[2][0].to_dict()
    assert set(d) == {"kind", "a", "b", "note", "band", "doubt", "confidence"}
    assert set(d["a"]) == set(d["b"]) == {"start", "end", "text"}
    assert d["kind"] in DISTORTION_KINDS and d["band"] in BANDS and 0.0 <= d["confidence"] <= 1.0


# --- one test per kind ------------------------------------------------------------------------------

LEAD = "Peristiwa itu menjadi perhatian warga sekitar sejak pagi. "


def test_negation_flip_removed():
    a = LEAD + "Polisi memastikan tersangka tidak membawa senjata api saat ditangkap di rumahnya."
    b = LEAD + "Polisi memastikan tersangka membawa senjata api saat ditangkap di rumahnya."
    d = only(a, b)
    assert d.kind == "negation-flip" and d.a.text == "tidak" and d.note == "tidak removed"
    check_spans(d, a, b)


def test_negation_flip_added_and_antonym():
    a = LEAD + "Hasil uji laboratorium menunjukkan air sumur warga layak diminum."
    b = LEAD + "Hasil uji laboratorium menunjukkan air sumur warga tidak layak diminum."
    assert only(a, b).note == "tidak added"
    a2 = LEAD + "Warga mengaku belum pernah melihat banjir setinggi itu."
    b2 = LEAD + "Warga mengaku sudah sering melihat banjir setinggi itu."
    assert kinds(a2, b2) == ["negation-flip"]


def test_number_change_compares_values():
    a = LEAD + "Banjir merendam 1.250 rumah warga dan merusak jembatan senilai Rp 4,5 miliar."
    b = LEAD + "Banjir merendam 2.150 rumah warga dan merusak jembatan senilai Rp 4,5 miliar."
    d = only(a, b)
    assert d.kind == "number-change" and d.note == "1.250 -> 2.150" and d.a.text == "1.250"


def test_number_change_in_words():
    a = LEAD + "Sebanyak tiga orang tewas dalam kecelakaan di jalan tol Cipali."
    b = LEAD + "Sebanyak lima orang tewas dalam kecelakaan di jalan tol Cipali."
    assert kinds(a, b) == ["number-change"]


def test_date_change():
    a = LEAD + "Rapat koordinasi digelar pada Kamis (19/9/2024) di Gedung Sate, Bandung."
    b = LEAD + "Rapat koordinasi digelar pada Jumat (20/9/2024) di Gedung Sate, Bandung."
    d = only(a, b)
    assert d.kind == "date-change" and d.note == "Kamis (19/9/2024) -> Jumat (20/9/2024)"


def test_date_change_month_and_year():
    a = LEAD + "Proyek itu ditargetkan rampung pada 8 Desember 2025, lebih cepat dari rencana."
    b = LEAD + "Proyek itu ditargetkan rampung pada 8 November 2025, lebih cepat dari rencana."
    assert kinds(a, b) == ["date-change"]
    a2 = LEAD + "Kapal selam itu akan diserahkan kepada Australia pada tahun 2032."
    b2 = LEAD + "Kapal selam itu akan diserahkan kepada Australia pada tahun 2029."
    assert kinds(a2, b2) == ["date-change"]


def test_temporal_flip_plan_reported_as_done():
    a = LEAD + "Pemerintah kota berencana membangun jembatan baru di atas Sungai Musi."
    b = LEAD + "Pemerintah kota telah membangun jembatan baru di atas Sungai Musi."
    d = only(a, b)
    assert d.kind == "temporal-flip" and d.note == "berencana -> telah"


def test_temporal_flip_before_after():
    a = LEAD + "Warga dievakuasi sebelum petugas melakukan dekontaminasi di lokasi."
    b = LEAD + "Warga dievakuasi setelah petugas melakukan dekontaminasi di lokasi."
    assert only(a, b).note == "sebelum -> setelah"


def test_speaker_swap():
    a = ('Kapolda Metro Jaya Irjen Karyoto menemui keluarga korban pada Senin malam. '
         '"Kami akan mengusut kasus ini sampai tuntas," kata Karyoto kepada wartawan.')
    b = ('Kapolda Metro Jaya Irjen Karyoto menemui keluarga korban pada Senin malam. '
         '"Kami akan mengusut kasus ini sampai tuntas," kata Heru Budi kepada wartawan.')
    d = only(a, b)
    assert d.kind == "speaker-swap" and d.a.text == "Karyoto" and d.b.text == "Heru Budi"


def test_speaker_swap_pronoun_to_other_name():
    a = ('Menteri Pendidikan Abdul Mu\'ti meninjau dapur sekolah di Mataram. '
         '"Keputusan itu bukan pada kami," tegasnya.')
    b = ('Menteri Pendidikan Abdul Mu\'ti meninjau dapur sekolah di Mataram. '
         '"Keputusan itu bukan pada kami," tegas Dadan Hindayana.')
    assert kinds(a, b) == ["speaker-swap"]


def test_speaker_named_instead_of_pronoun_is_no_swap():
    a = ('Menteri Pendidikan Abdul Mu\'ti meninjau dapur sekolah di Mataram. '
         '"Keputusan itu bukan pada kami," tegasnya.')
    b = ('Menteri Pendidikan Abdul Mu\'ti meninjau dapur sekolah di Mataram. '
         '"Keputusan itu bukan pada kami," tegas Mu\'ti.')
    assert kinds(a, b) == []


def test_quote_cut():
    a = LEAD + ('"Kami tidak menolak investasi asing, asalkan investornya mematuhi aturan lingkungan '
                'dan mempekerjakan warga setempat," ujar Bupati Sleman Harda Kiswaya.')
    b = LEAD + '"Kami tidak menolak investasi asing," ujar Bupati Sleman Harda Kiswaya.'
    d = only(a, b)
    assert d.kind == "quote-cut" and d.a.text.startswith("asalkan") and d.b.text == ""


def test_cut_outside_a_quote_is_no_distortion():
    a = LEAD + "Rapat itu juga dihadiri perwakilan dari sejumlah kementerian dan lembaga terkait."
    b = LEAD + "Rapat itu juga dihadiri perwakilan kementerian."
    assert kinds(a, b) == []


def test_entity_swap():
    a = LEAD + "Gempa bermagnitudo 5,2 mengguncang Kabupaten Cianjur, Jawa Barat, pada Minggu pagi."
    b = LEAD + "Gempa bermagnitudo 5,2 mengguncang Kabupaten Garut, Jawa Barat, pada Minggu pagi."
    d = only(a, b)
    assert d.kind == "entity-swap" and d.a.text == "Cianjur" and d.b.text == "Garut"


def test_describing_the_speaker_is_entity_swap():
    a = '"Pemerintah lamban," kata Ketua BEM Undip, Aufa Atha Ariq, di depan kantor gubernur.'
    b = '"Pemerintah lamban," kata Ketua BEM Unnes, Aufa Atha Ariq, di depan kantor gubernur.'
    assert kinds(a, b) == ["entity-swap"]


def test_english_negation_and_number():
    a = "The ministry said the plan was not approved by parliament. It would cost 4.5 billion dollars."
    b = "The ministry said the plan was approved by parliament. It would cost 5.4 billion dollars."
    assert kinds(a, b, "en") == ["negation-flip", "number-change"]


# --- what is not a distortion -----------------------------------------------------------------------

ARTICLE = (
    "Pemerintah Kota Surabaya menyiapkan 1.500 tempat penampungan bagi korban banjir. "
    "Wali Kota Eri Cahyadi mengatakan bantuan logistik tidak akan terlambat.\n"
    "SCROLL TO CONTINUE WITH CONTENT\n"
    "\"Kami sudah menyiapkan dapur umum di tiga kecamatan,\" ujar Eri di Balai Kota, Senin (20/10/2025).\n"
    "Dana darurat yang disiapkan mencapai Rp 1,5 miliar. Sebanyak 1.500.000 paket makanan akan dibagikan.\n"
    "Baca juga: Banjir Rendam Ribuan Rumah di Sidoarjo\n"
)


@pytest.mark.parametrize("copy", [
    # speech verbs and synonyms, tidak -> tak
    ARTICLE.replace("mengatakan", "menyampaikan").replace("ujar", "kata").replace("tidak akan", "tak akan"),
    # reordered sentences
    ARTICLE.replace("Pemerintah Kota Surabaya menyiapkan 1.500 tempat penampungan bagi korban banjir. "
                    "Wali Kota Eri Cahyadi mengatakan bantuan logistik tidak akan terlambat.",
                    "Wali Kota Eri Cahyadi mengatakan bantuan logistik tidak akan terlambat. "
                    "Pemerintah Kota Surabaya menyiapkan 1.500 tempat penampungan bagi korban banjir."),
    # furniture removed, a content-farm dateline added
    "SURABAYA, JATIMTERKINI.COM – " + ARTICLE.replace("SCROLL TO CONTINUE WITH CONTENT\n", "")
    .replace("Baca juga: Banjir Rendam Ribuan Rumah di Sidoarjo\n", ""),
    # a reworded sentence with the same facts
    ARTICLE.replace("Wali Kota Eri Cahyadi mengatakan bantuan logistik tidak akan terlambat.",
                    "Menurut Wali Kota Eri Cahyadi, bantuan logistik dipastikan tidak akan terlambat."),
    # numbers written another way, same values; spacing
    ARTICLE.replace("1.500 tempat", "seribu lima ratus tempat").replace("tiga kecamatan", "3 kecamatan")
    .replace("Rp 1,5 miliar", "Rp1,5 miliar").replace("1.500.000 paket", "1,5 juta paket"),
    ARTICLE.replace(" ", "  ").replace("\n", "\n\n"),
])
def test_rewording_is_no_distortion(copy):
    assert find_distortions(ARTICLE, copy) == []


def test_typo_fix_in_a_name_is_no_swap():
    a = LEAD + "Wakil Presiden Gibran Rakabubing Raka meninjau lokasi banjir."
    b = LEAD + "Wakil Presiden Gibran Rakabuming Raka meninjau lokasi banjir."
    assert kinds(a, b) == []


def test_alias_is_no_swap():
    a = LEAD + "Amran menegaskan, RI menjadi salah satu negara pengendali CPO dunia."
    b = LEAD + "Menurut Amran, Indonesia merupakan salah satu negara pengendali CPO dunia."
    assert kinds(a, b) == []


def test_not_only_is_no_negation():
    a = LEAD + "Tidak hanya itu, KPK juga meminta sekolah mengumumkan daftar siswa baru."
    b = LEAD + "Selain itu, KPK juga meminta sekolah mengumumkan daftar siswa baru."
    assert kinds(a, b) == []


# --- alignment and robustness -------------------------------------------------------------------------


def test_align_sentences_follows_a_reorder():
    a = "Kalimat pertama tentang banjir di kota. Kalimat kedua tentang bantuan warga. Kalimat ketiga penutup berita."
    b = "Kalimat kedua tentang bantuan warga. Kalimat pertama tentang banjir di kota. Kalimat ketiga penutup berita."
    rows = align_sentences(a, b)
    assert [(a[r[0][0]:r[0][1]][:14], b[r[1][0]:r[1][1]][:14], r[2]) for r in rows] == [
        ("Kalimat kedua ", "Kalimat kedua ", 1.0), ("Kalimat pertam", "Kalimat pertam", 1.0),
        ("Kalimat ketiga", "Kalimat ketiga", 1.0)]


def test_align_sentences_shows_unmatched():
    rows = align_sentences("Satu dua tiga empat. Lima enam tujuh delapan.", "Satu dua tiga empat. Sesuatu yang lain sama sekali.")
    assert rows[0][2] == 1.0 and any(r[1] is None for r in rows) and any(r[0] is None for r in rows)


@pytest.mark.parametrize("a,b", [("", ""), ("", ARTICLE), (ARTICLE, ""), ("   \n", " "), (ARTICLE, ARTICLE)])
def test_empty_and_identical(a, b):
    assert find_distortions(a, b) == []
    align_sentences(a, b)


def test_unrelated_texts_are_no_copy():
    other = ("Timnas Indonesia menang 2-0 atas Bahrain di Stadion Gelora Bung Karno, Jakarta. "
             "Pelatih Patrick Kluivert memuji penampilan para pemain muda.")
    assert find_distortions(ARTICLE, other) == []


def test_long_text_is_fast_and_finds_the_change():
    body = "\n".join(f"Paragraf {k}: pemerintah daerah menyalurkan bantuan kepada {k * 10} keluarga di desa "
                     f"nomor {k}, kata petugas." for k in range(1, 301))
    copy = body.replace("kepada 1500 keluarga", "kepada 1050 keluarga")
    started = time.perf_counter()
    found = find_distortions(body, copy)
    assert time.perf_counter() - started < 2.0
    assert [(d.kind, d.a.text, d.b.text) for d in found] == [("number-change", "1500", "1050")]


def test_side_and_kinds_are_public():
    assert Side(0, 1, "x").to_dict() == {"start": 0, "end": 1, "text": "x"}
    assert len(DISTORTION_KINDS) == 7


# --- the dev evaluation (needs ../shared) -------------------------------------------------------------


def test_dev_targets(shared):
    from jejak.eval.distortions import evaluate_distortions

    result = evaluate_distortions(shared / "eval" / "dev" / "provenance" / "distortions.dev.jsonl")
    for kind, k in result["kinds"].items():
        assert k["recall"] is None or k["recall"] >= 0.80, (kind, k, result["misses"])
    assert result["pooled"]["precision"] >= 0.80, result["false_alarms"]
    assert result["clean_quiet"] == result["clean_scripts"] == 5


def test_quote_cut_before_removed_furniture():
    a = (LEAD + '"Kami masih menimbang apakah sekolah bisa mengelola dapur sendiri atau tidak," imbuhnya.\n\n'
         'Simak juga Video "Menteri Tinjau Dapur Sekolah di Mataram":\n')
    b = LEAD + '"Kami masih menimbang apakah sekolah bisa mengelola dapur sendiri," imbuhnya.\n'
    d = only(a, b)
    assert d.kind == "quote-cut" and d.a.text == "atau tidak"


def test_a_negation_with_a_particle_is_still_a_negation():
    a = LEAD + "Menurut dia, itu bukanlah keputusan yang mudah bagi pemerintah daerah."
    b = LEAD + "Menurut dia, itu bukan keputusan yang mudah bagi pemerintah daerah."
    assert kinds(a, b) == []
    assert kinds(a, b.replace("bukan ", "")) == ["negation-flip"]


def test_link_text_lost_to_a_comma_is_no_edit():
    """Scraped pages drop the text of links and leave a comma; a quote that lost `commitment fee`
    that way was not cut by anyone."""
    a = LEAD + '"Uang itu merupakan commitment fee atas proyek jalan tol," kata penyidik KPK kepada wartawan.'
    b = LEAD + '"Uang itu merupakan , atas proyek jalan tol," kata penyidik KPK kepada wartawan.'
    assert kinds(a, b) == []
    assert kinds(a, b.replace(" , atas", " atas")) == ["quote-cut"]


def test_relative_dates_read_against_each_texts_own_day():
    """`hari ini` in a copy published on 16 September is 16 September, whatever day the
    original's first date names."""
    import datetime as dt

    a = ("Kebakaran lahan di Ogan Ilir terjadi sejak Jumat (13/9/2019). Petugas gabungan berhasil "
         "memadamkan api pada Senin (16/9/2019) setelah bekerja selama tiga hari.")
    b = ("Kebakaran lahan di Ogan Ilir terjadi sejak Jumat (13/9/2019). Petugas gabungan berhasil "
         "memadamkan api hari ini setelah bekerja selama tiga hari.")
    day = dt.date(2019, 9, 16)
    assert [d.kind for d in find_distortions(a, b, original_date=day, copy_date=day)] == []
    assert [d.kind for d in find_distortions(a, b)] == ["date-change"]
