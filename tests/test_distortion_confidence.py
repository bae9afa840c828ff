"""Distortions on real copies: what is no change of fact, what is doubtful, and how sure each is.

Fixtures are our own sentences in the style of Indonesian news; the real copy pairs and the
judged flags are read from ../shared only by the tests at the end, which skip without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jejak.confidence import DISTORTION_SHOWN
from jejak.provenance.confidence import BANDS, band_confidence, band_of, distortion_confidence
from jejak.provenance.diff import find_distortions
from jejak.provenance.evidence import PairEvidence
from jejak.provenance.linker import fact_candidates
from jejak.provenance.relation import decide
from jejak.store.writer import Store

REPO = Path(__file__).resolve().parents[1]
CLICKID = REPO.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
LEAD = "Pemerintah daerah menggelar rapat koordinasi di kantor bupati pada Senin pagi. "
TAIL = " Rapat itu dihadiri para kepala dinas dan camat dari seluruh wilayah kabupaten."


def _kinds(original: str, copy: str, **kw) -> list[tuple[str, str | None, str]]:
    return [(d.kind, d.doubt, d.band) for d in find_distortions(LEAD + original + TAIL, LEAD + copy + TAIL, **kw)]


def test_a_name_given_another_way_is_no_swap():
    assert _kinds("Bantuan itu disalurkan oleh Pemkab Bogor kepada warga terdampak banjir.",
                  "Bantuan itu disalurkan oleh Pemerintah Kabupaten Bogor kepada warga terdampak banjir.") == []
    assert _kinds("Proyek jalan tol itu dikerjakan oleh WIKA sejak tahun lalu.",
                  "Proyek jalan tol itu dikerjakan oleh PT Wijaya Karya sejak tahun lalu.") == []


def test_the_same_figure_in_other_notation_or_rounded_is_no_change():
    assert _kinds("Nilai kontrak proyek itu mencapai Rp 184.430.400 menurut dokumen lelang.",
                  "Nilai kontrak proyek itu mencapai Rp 184,430,400 menurut dokumen lelang.") == []
    assert _kinds("Jumlah pemilih tetap tercatat 124.754.129 orang di seluruh provinsi.",
                  "Jumlah pemilih tetap tercatat 124,75 juta orang di seluruh provinsi.") == []
    assert _kinds("Anggaran desa itu sebesar 18,5 miliar untuk tahun depan.",
                  "Anggaran desa itu sebesar 18,5 untuk tahun depan.") == []


def test_list_numbers_are_positions_not_figures():
    original = "Jadwal penerbangan hari ini antara lain:,1. Garuda GA 123 tujuan Medan,2. Lion JT 45 tujuan Batam."
    copy = "Jadwal penerbangan hari ini antara lain:,4. Garuda GA 123 tujuan Medan,7. Lion JT 45 tujuan Batam."
    assert _kinds(original, copy) == []


def test_a_changed_figure_is_found_and_a_dropped_scale_word_is_a_doubt():
    found = _kinds("Polisi menyita 350 kilogram sabu dari gudang itu.", "Polisi menyita 340 kilogram sabu dari gudang itu.")
    assert found == [("number-change", None, "figure")]
    slip = _kinds("Sebanyak 130.000 unit rumah dibangun tahun ini.", "Sebanyak 130 unit rumah dibangun tahun ini.")
    assert slip == [("number-change", "scale", "doubt")]


def test_one_publisher_updating_its_own_report_is_a_doubt_not_a_distortion():
    original, copy = "Skor sementara masih 1-0 untuk tuan rumah.", "Skor sementara menjadi 3-0 untuk tuan rumah."
    assert _kinds(original, copy) == [("number-change", None, "figure")]
    assert _kinds(original, copy, same_publisher=True) == [("number-change", "re-version", "doubt")]


def test_many_figures_moved_together_are_a_refilled_template():
    original = "Harga emas Rp 758.000 per gram, Rp 1.457.000 untuk dua gram dan Rp 2.164.000 untuk tiga gram."
    copy = "Harga emas Rp 751.000 per gram, Rp 1.453.000 untuk dua gram dan Rp 2.158.000 untuk tiga gram."
    found = _kinds(original, copy)
    assert found and all(doubt == "refilled" and band == "doubt" for _, doubt, band in found)


def test_idioms_with_a_negation_word_negate_nothing():
    assert _kinds("Ia menggunakan parang untuk menyerang korban.",
                  "Tidak tanggung-tanggung ia menggunakan parang untuk menyerang korban.") == []
    assert _kinds("Warga juga ikut membersihkan saluran air.",
                  "Tak ketinggalan warga ikut membersihkan saluran air.") == []


def test_a_typo_that_drops_a_negation_is_a_doubt():
    found = _kinds("Kebijakan itu bukanlah keputusan akhir pemerintah.", "Kebijakan itu bukalah keputusan akhir pemerintah.")
    assert found == [("negation-flip", "typo", "doubt")]


def test_a_weekday_changed_beside_the_same_date_is_a_doubtful_date_change():
    found = _kinds("Pertandingan digelar pada Selasa, 10 September 2019 di Jakarta.",
                   "Pertandingan digelar pada Kamis, 10 September 2019 di Jakarta.")
    assert found == [("date-change", "weekday", "doubt")]
    assert _kinds("Rapat digelar Jum'at (13/9/2019) di Jakarta.", "Rapat digelar Jumat (13/9/2019) di Jakarta.") == []


def test_bands_and_confidences():
    assert band_of("number-change", 1, None) == "figure" and band_of("entity-swap", 1, None) == "name"
    assert band_of("negation-flip", 1, None) == "wording" and band_of("number-change", 9, None) == "rewrite"
    assert band_of("quote-cut", 1, None) == "rewrite" and band_of("number-change", 1, "scale") == "doubt"
    table = band_confidence()
    assert set(table) == set(BANDS) and all(0.0 < v <= 1.0 for v in table.values())
    assert distortion_confidence("number-change", 1, None) > distortion_confidence("entity-swap", 1, None)
    assert distortion_confidence("number-change", 1, "refilled") == table["doubt"]


def test_a_template_filled_for_another_day_is_no_copy():
    ev = PairEvidence(containment=0.7, day_gap=1, shorter_words=200, text_days_differ=True, figures_differ=True)
    relation, reasons = decide(ev)
    assert relation == "unrelated" and "template" in reasons[0]
    ev.figures_differ = False  # the same figures with another day named: a copy that changed a date
    assert decide(ev)[0] == "copy"


def test_rare_facts_are_counted_near_each_article_s_day(tmp_path: Path):
    """A fact named on many days is still rare on a day few articles name it; a fact many name on
    the same days says nothing about a story."""
    with Store.open(tmp_path / "facts.duckdb") as store:
        rows = [("x", "2019-09-10"), ("y", "2019-09-11")] + [(f"old{k}", f"2019-0{1 + k % 7}-01") for k in range(70)]
        rows += [(f"busy{k}", "2019-09-10") for k in range(70)]
        for aid, day in rows:
            store.con.execute("INSERT INTO articles (article_id, published, text, ingested_at, record) "
                              "VALUES (?, ?::DATE, '', current_timestamp, '{}')", [aid, day])
        facts = [(a, f) for a in ("x", "y") for f in ("ent:per:rare-one", "ent:org:rare-two", "amt:IDR:752000")]
        facts += [(f"old{k}", "ent:per:rare-one") for k in range(70)]  # the same person, months earlier
        facts += [(a, "ent:gpe:busy") for a in ("x", "y", *(f"busy{k}" for k in range(70)))]
        store.con.executemany("INSERT INTO facts VALUES (?, ?)", facts)
        assert fact_candidates(store, ["x"]) == {("x", "y")}
        store.con.execute("DELETE FROM facts WHERE fact = 'amt:IDR:752000'")  # two rare facts are not enough
        assert fact_candidates(store, ["x"]) == set()


@pytest.mark.skipif(not CLICKID.is_file(), reason="needs ../shared/data (CLICK-ID)")
def test_the_shipped_calibration_is_what_the_tool_measures():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "calibrate_distortions.py"), "--check"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not CLICKID.is_file(), reason="needs ../shared/data (CLICK-ID)")
def test_real_pairs_score_with_their_confidences():
    from jejak.eval.real_pairs import run_pairs, score

    results = run_pairs(REPO / "eval" / "real-pairs" / "train.jsonl")
    assert len(results) >= 100
    every = score(results)
    assert every.changes and every.quiet_pairs and every.shown >= score(results, DISTORTION_SHOWN).shown
    assert all(d["band"] in BANDS and 0.0 <= d["confidence"] <= 1.0 for r in results for d in r.predicted)
    rows = [json.loads(line) for line in (REPO / "eval" / "real-pairs" / "test.jsonl").open(encoding="utf-8")]
    assert all(set(c["a"]) == {"field", "start", "end"} for r in rows for c in r["changes"])  # offsets, never text


def test_story_scoring_counts_pairs_within_blocks_and_skips_disputed_ones():
    from jejak.eval.stories import by_split, score

    blocks = [{"block": 1, "split": "dev", "articles": ["a", "b", "c", "d"], "groups": [["a", "b"], ["c"], ["d"]],
               "disputed": [["c", "d"]]}]
    story_of = {"a": "s1", "b": "s1", "c": "s2", "d": "s2"}
    outlet_of = {"a": "kompas", "b": "tempo", "c": "kompas", "d": "tempo"}
    got = score(blocks, story_of, outlet_of)
    assert got["pairs_said"] == 1 and got["pair_precision"] == 1.0  # (c, d) is disputed: not counted
    assert got["recall"] == 1.0 and got["cross_outlet_recall"] == 1.0
    assert got["purity"] == 0.75  # story s2 holds c and d, which the readers did not put together
    story_of["b"] = "s3"
    assert score(blocks, story_of, outlet_of)["recall"] == 0.0
    assert set(by_split(blocks, story_of, outlet_of)) == {"dev", "all"}


RELEASE = ("Bank Indonesia mencatat penjualan eceran pada Juli 2019 tumbuh 2,4 persen dibandingkan periode yang sama "
           "tahun lalu. Pertumbuhan itu ditopang oleh penjualan makanan, minuman dan tembakau yang naik 5,1 persen. "
           "Kelompok suku cadang dan aksesori juga tumbuh 3,2 persen pada periode yang sama. ")


def _record(text: str, outlet: str, when: str):
    from jejak.pipeline import analyze

    return analyze(text, lang="id", published=when, url=f"https://www.{outlet}.com/ekonomi/{len(text)}",
                   title="Penjualan eceran Juli 2019 tumbuh")


def test_two_rewrites_of_one_press_release_are_siblings_not_copies():
    from jejak.provenance.compare import compare_articles

    first = _record(RELEASE + "Hal itu disampaikan Bank Indonesia dalam siaran pers di Jakarta, Selasa (10/9/2019). "
                    "Direktur Departemen Komunikasi BI menyebut survei dilakukan di sepuluh kota.", "kabarpasar",
                    "2019-09-10T10:48")
    second = _record("Survei BI menunjukkan penjualan eceran tumbuh. " + RELEASE +
                     "Demikian keterangan dalam siaran pers Bank Indonesia yang diterima wartawan pada Selasa.",
                     "warta-ekonomi", "2019-09-10T10:51")
    result = compare_articles(first, second).to_dict()
    assert result["relation"] == "sibling" and result["common_source"] == "press release"
    assert result["original"] is None  # neither copied the other
    assert all(d["doubt"] == "siblings" and d["confidence"] < DISTORTION_SHOWN for d in result["distortions"])
    credited = _record(second.text + " Artikel ini dilansir dari Kabarpasar.", "warta-ekonomi", "2019-09-10T10:51")
    assert compare_articles(first, credited).to_dict()["relation"] == "copy"  # it says whom it copied


def test_real_changes_of_figures_are_not_taken_for_rounding_notation_or_list_positions():
    assert _kinds("Sebanyak 20 orang terluka dalam kecelakaan itu.", "Sebanyak 24 orang terluka dalam kecelakaan itu.") \
        == [("number-change", None, "figure")]
    assert _kinds("Inflasi bulan lalu tercatat 2,5 persen menurut BPS.", "Inflasi bulan lalu tercatat 25 persen menurut BPS.") \
        == [("number-change", None, "figure")]
    assert _kinds("Kerugian ditaksir Rp 1,5 juta oleh polisi.", "Kerugian ditaksir Rp 1,5 miliar oleh polisi.") \
        == [("number-change", "scale", "doubt")]
    assert _kinds("Jumlah korban tercatat: 12. Mereka dirawat di rumah sakit.",
                  "Jumlah korban tercatat: 17. Mereka dirawat di rumah sakit.") == [("number-change", None, "figure")]


def test_little_shared_wording_with_other_days_and_figures_is_not_a_template():
    ev = PairEvidence(containment=0.02, day_gap=0, shorter_words=200, text_days_differ=True, figures_differ=True,
                      fact_overlap=0.6, title_similarity=0.6)
    assert decide(ev)[0] == "same-story"


def test_a_record_without_an_analysis_gives_no_stored_analysis():
    from jejak.provenance.document import ProvDoc

    assert ProvDoc.from_record({"id": "x", "text": "Teks singkat."}).analysis is None
    full = ProvDoc.from_record({"id": "y", "text": "Teks.", "entities": [], "times": [], "quotes": []})
    assert full.analysis == {"entities": [], "times": [], "quotes": [], "amounts": []}


def test_a_spun_copy_is_still_measured_when_its_facts_are_kept():
    from jejak.pipeline import analyze
    from jejak.provenance.compare import doc_of
    from jejak.provenance.evidence import gather_evidence

    original = ("Gubernur Jawa Barat Ridwan Kamil meresmikan jembatan baru di Kabupaten Bogor pada Senin (16/9/2019). "
                "Jembatan sepanjang 120 meter itu dibangun dengan anggaran Rp 45 miliar dari APBD provinsi. "
                "Ridwan Kamil mengatakan jembatan tersebut akan memperlancar arus barang dan warga di wilayah selatan. "
                "Warga sekitar menyambut gembira peresmian jembatan yang telah lama mereka tunggu itu.")
    spun = ("Gubernur Jawa Barat Ridwan Kamil membuka jembatan anyar di Kabupaten Bogor pada Senin (16/9/2019). "
            "Jembatan sepanjang 120 meter tersebut didirikan dengan dana Rp 45 miliar dari APBD provinsi. "
            "Ridwan Kamil menyampaikan jembatan tersebut akan memperlancar arus barang dan warga di kawasan selatan. "
            "Warga sekitar menyambut senang peresmian jembatan yang sudah lama mereka tunggu itu.")
    a = doc_of(analyze(original, lang="id", published="2019-09-16"))
    b = doc_of(analyze(spun, lang="id", published="2019-09-16"))
    ev = gather_evidence(a, b)
    assert ev.containment < 0.5 and ev.spun_share == 1.0  # every sentence matched though its shingles broke
    other = doc_of(analyze("Harga cabai rawit di Pasar Induk naik tajam menjelang akhir pekan. Pedagang mengeluhkan "
                           "pasokan dari daerah sentra yang berkurang karena kemarau panjang tahun ini.", lang="id",
                           published="2019-09-16"))
    assert gather_evidence(a, other).spun_share == 0.0
