"""Stories as events: the same-event judge, average-linkage stories, and title candidates.
Fixtures are our own texts in the style of Indonesian news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jejak.pipeline import analyze
from jejak.provenance import linker
from jejak.provenance.document import ProvDoc
from jejak.provenance.relation import relate
from jejak.provenance.same_event import (FEATURES, content_words, parse_judge, same_event_probability,
                                         shipped_judge, word_weight)
from jejak.provenance.stories import UNJUDGED, cluster
from jejak.store import Store

DATA = Path(__file__).parent / "data" / "provenance"
RECORDS = {r["id"]: r for r in map(json.loads, (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


def _doc(rid: str) -> ProvDoc:
    r = RECORDS[rid]
    return ProvDoc.from_record(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"],
                                       id=rid, lang="id").to_dict())


def _text_doc(text: str, title: str, published: str = "2025-03-04T10:00") -> ProvDoc:
    return ProvDoc.from_record(analyze(text, published=published, title=title, lang="id").to_dict())


def _probability(a: ProvDoc, b: ProvDoc) -> float:
    return same_event_probability(a.event_profile, b.event_profile)


# -- the judge -----------------------------------------------------------------------------------


def test_a_same_story_pair_carries_the_judges_probability():
    verdict = relate(_doc("banjir-bpbd"), _doc("banjir-own"))
    assert verdict.relation == "same-story" and 0.0 < verdict.same_event < 1.0
    assert any(f"one event with probability {verdict.same_event:.2f}" in r for r in verdict.reasons)
    assert verdict.to_dict()["same_event"] == round(verdict.same_event, 3)
    assert relate(_doc("banjir-bpbd"), _doc("banjir-copy")).same_event is None  # copies join stories anyway


def test_a_flood_and_a_football_match_on_one_day_are_not_one_event():
    assert _probability(_doc("banjir-bpbd"), _doc("liga-bola")) < 0.05


GOVERNOR_DAM = (
    "BANJARMASIN - Gubernur Kalimantan Selatan Sahbirin Noor meresmikan Bendungan Tapin di Kecamatan Piani, "
    "Selasa (4/3/2025). Bendungan senilai Rp 986 miliar itu akan mengairi 5.472 hektare sawah di tiga "
    "kecamatan. \"Bendungan ini menjawab keluhan petani yang selama ini hanya bisa menanam sekali setahun,\" "
    "kata Sahbirin dalam sambutannya. Peresmian dihadiri Kepala Balai Wilayah Sungai Kalimantan III dan "
    "para kepala desa di sekitar waduk. Menurut Sahbirin, pintu air bendungan mulai dibuka pekan depan.")
GOVERNOR_MOU = (
    "BANJARMASIN - Gubernur Kalimantan Selatan Sahbirin Noor menandatangani nota kesepahaman dengan "
    "Universitas Lambung Mangkurat tentang beasiswa bagi mahasiswa dari keluarga kurang mampu, Selasa "
    "(4/3/2025). Sebanyak 400 mahasiswa akan menerima beasiswa penuh mulai semester depan. \"Tidak boleh ada "
    "anak Banua yang putus kuliah karena biaya,\" ujar Sahbirin di aula rektorat. Rektor ULM Ahmad Alim "
    "Bachri mengatakan seleksi penerima dibuka bulan ini.")
GOVERNOR_DAM_OTHER_OUTLET = (
    "TAPIN - Petani di Kabupaten Tapin menyambut peresmian Bendungan Tapin oleh Gubernur Kalsel Sahbirin "
    "Noor pada Selasa (4/3/2025). Waduk itu diharapkan mengairi 5.472 hektare sawah sehingga petani bisa "
    "menanam dua kali setahun. \"Bendungan ini menjawab keluhan petani,\" kata Sahbirin saat meresmikan "
    "bendungan. Pembangunan bendungan menelan biaya Rp 986 miliar.")


def test_one_governor_at_two_events_on_one_day_is_two_events():
    dam = _text_doc(GOVERNOR_DAM, "Gubernur Kalsel Resmikan Bendungan Tapin Senilai Rp 986 Miliar")
    mou = _text_doc(GOVERNOR_MOU, "Gubernur Kalsel Teken MoU Beasiswa dengan ULM untuk 400 Mahasiswa")
    same_dam = _text_doc(GOVERNOR_DAM_OTHER_OUTLET, "Bendungan Tapin Diresmikan, Petani Bisa Tanam Dua Kali")
    assert _probability(dam, mou) < shipped_judge().threshold
    assert _probability(dam, same_dam) >= shipped_judge().threshold


def test_rare_words_weigh_more_than_common_ones():
    assert word_weight("bendungan") > word_weight("kata") > 0
    assert "yang" not in content_words("Bendungan yang baru diresmikan")
    assert word_weight("bendungan", lang="xx") == 1.0  # a language without counts weighs words alike


def test_the_model_table_must_name_every_feature():
    table = "feature\tmean\tscale\tweight\n" + "".join(f"{f}\t0\t1\t0.5\n" for f in FEATURES[:-1])
    with pytest.raises(ValueError, match="same_outlet.*train_same_event"):
        parse_judge(table + "bias\t0\t1\t-1\nthreshold\t0\t1\t0.5\n")
    judge = parse_judge(table + f"{FEATURES[-1]}\t0\t1\t0\nbias\t0\t1\t0\nthreshold\t0\t1\t0.6\n")
    assert judge.threshold == 0.6 and judge.probability([0.0] * len(FEATURES)) == 0.5


# -- average linkage -----------------------------------------------------------------------------


def test_one_strong_pair_between_two_events_does_not_chain_them():
    copies = [("a1", "a2")]
    same = [("a1", 0.9, "a3"), ("a2", 0.8, "a3"), ("b1", 0.9, "b2"), ("a3", 0.7, "b1")]
    groups = cluster(copies, same, threshold=0.45)
    assert ["a1", "a2", "a3"] in groups and ["b1", "b2"] in groups


def test_a_report_close_to_every_member_joins_the_story():
    same = [("a1", 0.9, "a2"), ("a1", 0.6, "a3"), ("a2", 0.5, "a3")]
    assert cluster([], same, threshold=0.4) == [["a1", "a2", "a3"]]


def test_a_pair_judged_apart_weighs_against_more_than_a_pair_never_judged():
    # x against {a1, a2}: (0.7 + UNJUDGED) / 2 when x-a2 was never judged, (0.7 + 0.05) / 2 when judged apart
    assert (0.7 + UNJUDGED) / 2 >= 0.45 > (0.7 + 0.05) / 2
    assert ["a1", "a2", "x"] in cluster([], [("a1", 0.9, "a2"), ("a1", 0.7, "x")], threshold=0.45)
    judged_apart = cluster([], [("a1", 0.9, "a2"), ("a1", 0.7, "x"), ("a2", 0.05, "x")], threshold=0.45)
    assert ["a1", "a2"] in judged_apart and ["x"] in judged_apart


def test_copies_join_whatever_the_judge_says():
    assert cluster([("a", "b"), ("b", "c")], [("a", 0.0, "c")], threshold=0.4) == [["a", "b", "c"]]


# -- title candidates ----------------------------------------------------------------------------


@pytest.fixture()
def flood_store(tmp_path: Path):
    with Store.open(tmp_path / "t.duckdb") as store:
        for rid in ("banjir-copy", "banjir-own", "emas-senin", "emas-senin-depan", "liga-bola"):
            r = RECORDS[rid]
            store.add(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id"))
        yield store


def _ids(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT input_id, article_id FROM articles").fetchall())


def test_titles_that_share_a_rare_word_within_days_are_candidates(flood_store):
    ids = _ids(flood_store)
    found = {tuple(sorted(p)) for p in linker.title_candidates(flood_store, list(ids.values()))}
    assert tuple(sorted((ids["banjir-copy"], ids["banjir-own"]))) in found  # `HST`, `warga`, `mengungsi`
    assert tuple(sorted((ids["emas-senin"], ids["emas-senin-depan"]))) not in found  # a week apart
    assert not any(ids["liga-bola"] in p for p in found)


def test_a_title_word_too_many_titles_use_is_not_counted(flood_store, monkeypatch):
    monkeypatch.setattr(linker, "MAX_TITLE_NEIGHBOURS", 1)
    assert linker.title_candidates(flood_store, list(_ids(flood_store).values())) == set()


CLICKID = Path(__file__).resolve().parents[2] / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"


@pytest.mark.skipif(not CLICKID.is_file(), reason="needs ../shared/data (CLICK-ID)")
def test_the_shipped_judge_is_what_the_training_tool_gives():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "tools" / "train_same_event.py"),
                           "--check"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
