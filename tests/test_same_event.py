"""Stories as events: the same-event judge, average-linkage stories, and title candidates.
Fixtures are our own texts in the style of Indonesian news."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from jejak.pipeline import analyze
from jejak.provenance import linker
from jejak.provenance.document import ProvDoc
from jejak.provenance.relation import relate
from jejak.fingerprint.facts import main_speaker
from jejak.provenance.same_event import (FEATURES, content_words, hours_apart, parse_judge, same_event_probability,
                                         shipped_judge, word_weight)
from jejak.provenance import stories as stories_module
from jejak.provenance.stories import UNJUDGED, build_stories, cluster
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


def test_reports_hours_apart_are_less_likely_one_event_than_reports_of_one_morning():
    dam = GOVERNOR_DAM, "Gubernur Kalsel Resmikan Bendungan Tapin Senilai Rp 986 Miliar"
    other = GOVERNOR_DAM_OTHER_OUTLET, "Bendungan Tapin Diresmikan, Petani Bisa Tanam Dua Kali"
    first = _text_doc(*dam, published="2025-03-04T10:00")
    near = _probability(first, _text_doc(*other, published="2025-03-04T11:30"))
    far = _probability(first, _text_doc(*other, published="2025-03-06T09:00"))
    assert near > far
    undated = _text_doc(*other, published="2025-03-04")  # no clock time on the same day: the average gap
    assert hours_apart(first.event_profile, undated.event_profile) is None
    assert near > _probability(first, undated) > far
    judge = shipped_judge()
    hours = FEATURES.index("hours_apart")
    features = [0.0] * len(FEATURES)
    at_mean = list(features)
    at_mean[hours] = judge.means[hours]
    features[hours] = None
    assert judge.probability(features) == pytest.approx(judge.probability(at_mean))  # unknown counts as the mean
    two_days = _text_doc(*other, published="2025-03-06")  # no clock time, another day: the days apart
    assert hours_apart(first.event_profile, two_days.event_profile) == 2.0
    assert _probability(first, two_days) < _probability(first, undated)


def test_the_speaker_quoted_most_is_the_voice_of_a_report():
    def quote(name: str, kb: str | None = None) -> dict:
        return {"speaker": {"name": name, "type": "PER", "kb_id": kb}, "text": "..."}
    rec = {"quotes": [quote("Sahbirin Noor"), quote("Ahmad Alim Bachri"), quote("Sahbirin Noor")]}
    assert main_speaker(rec) == "per:sahbirin noor"
    assert main_speaker({"quotes": [quote("Sahbirin Noor"), quote("Ahmad Alim Bachri")]}) is None  # a tie
    assert main_speaker({"quotes": [quote("Joko Widodo", "per:idn-jokowi")] * 2}) == "per:idn-jokowi"
    assert main_speaker({"quotes": []}) is None
    dam = _text_doc(GOVERNOR_DAM, "Gubernur Kalsel Resmikan Bendungan Tapin")
    assert dam.main_speaker is not None and "sahbirin" in dam.main_speaker
    assert dam.event_profile.main_speaker == dam.main_speaker


def test_the_bodies_a_report_names_are_its_organisation_facts():
    doc = _text_doc("JAKARTA - Komisi Pemberantasan Korupsi (KPK) memeriksa pejabat Kementerian Pemuda dan "
                    "Olahraga di Gedung Merah Putih KPK, Jakarta, Selasa (4/3/2025).", "KPK Periksa Pejabat Kemenpora")
    assert doc.event_profile.bodies and all(f.startswith("ent:org:") for f in doc.event_profile.bodies)
    assert not any("jakarta" in f for f in doc.event_profile.bodies)


def test_rare_words_weigh_more_than_common_ones():
    assert word_weight("bendungan") > word_weight("kata") > 0
    assert "yang" not in content_words("Bendungan yang baru diresmikan")
    assert word_weight("bendungan", lang="xx") == 1.0  # a language without counts weighs words alike


def test_common_source_cues_survive_letters_that_fold_to_other_letters():
    from jejak.fingerprint.facts import common_sources
    assert common_sources("dalam rılıs resmi yang diterima") == ("press release",)  # a dotless i
    assert common_sources("Keterangan Tertulİs polisi, dikutip ANTARA") == ("ANTARA", "written statement")
    assert common_sources("perbedaan antara keduanya") == ()


def test_the_model_table_must_name_every_feature():
    table = "feature\tmean\tscale\tweight\n" + "".join(f"{f}\t0\t1\t0.5\n" for f in FEATURES[:-1])
    with pytest.raises(ValueError, match=f"{FEATURES[-1]}.*train_same_event"):
        parse_judge(table + "bias\t0\t1\t-1\nthreshold\t0\t1\t0.5\n")
    judge = parse_judge(table + f"{FEATURES[-1]}\t0\t1\t0\nbias\t0\t1\t0\nthreshold\t0\t1\t0.6\n")
    assert judge.threshold == 0.6 and judge.probability([0.0] * len(FEATURES)) == 0.5


# -- average linkage -----------------------------------------------------------------------------


def test_one_strong_pair_between_two_events_does_not_chain_them():
    copies = [("a1", "a2")]
    same = [("a1", 0.9, "a3"), ("a2", 0.8, "a3"), ("b1", 0.9, "b2"), ("a3", 0.7, "b1")]
    groups = cluster(copies, same, threshold=0.5)
    assert ["a1", "a2", "a3"] in groups and ["b1", "b2"] in groups


def test_a_report_close_to_every_member_joins_the_story():
    same = [("a1", 0.9, "a2"), ("a1", 0.6, "a3"), ("a2", 0.5, "a3")]
    assert cluster([], same, threshold=0.4) == [["a1", "a2", "a3"]]


def test_a_pair_judged_apart_weighs_against_more_than_a_pair_never_judged():
    # x against {a1, a2}: (0.9 + UNJUDGED) / 2 when x-a2 was never judged, (0.9 + 0.05) / 2 when judged apart
    threshold = (0.9 + (UNJUDGED + 0.05) / 2) / 2  # between the two averages
    assert ["a1", "a2", "x"] in cluster([], [("a1", 0.95, "a2"), ("a1", 0.9, "x")], threshold=threshold)
    judged_apart = cluster([], [("a1", 0.95, "a2"), ("a1", 0.9, "x"), ("a2", 0.05, "x")], threshold=threshold)
    assert ["a1", "a2"] in judged_apart and ["x"] in judged_apart


def _average_linkage(items: list[str], p: dict[tuple[str, str], float], threshold: float) -> list[list[str]]:
    """The textbook version: merge the two groups with the highest average while it clears the threshold."""
    groups = [[x] for x in items]

    def average(g: list[str], h: list[str]) -> float:
        return sum(p.get((min(a, b), max(a, b)), UNJUDGED) for a in g for b in h) / (len(g) * len(h))

    while len(groups) > 1:
        best = max((average(g, h), i, j) for i, g in enumerate(groups) for j, h in enumerate(groups) if i < j)
        if best[0] < threshold:
            break
        _, i, j = best
        groups[i] = sorted(groups[i] + groups.pop(j))
    return sorted(groups)


def test_clustering_is_average_linkage_through_many_merges():
    rng = random.Random(7)
    for _ in range(200):
        items = [f"n{k}" for k in range(rng.randint(2, 9))]
        p = {(a, b): rng.random() for a, b in itertools.combinations(items, 2) if rng.random() < 0.6}
        edges = [(a, v, b) for (a, b), v in p.items()]
        linked = sorted({x for a, _, b in edges for x in (a, b)})
        assert sorted(cluster([], edges, threshold=0.5)) == _average_linkage(linked, p, 0.5)


def test_pairs_given_as_joined_join_whatever_the_judge_says():
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


# -- stored pairs ------------------------------------------------------------------------------


def _story_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute(
        "SELECT a.input_id, s.story_id FROM story_articles s JOIN articles a USING (article_id)").fetchall())


def test_linking_keeps_each_same_story_pairs_probability_and_old_pairs_get_one(flood_store):
    linker.link(flood_store)
    rows = flood_store.con.execute(
        "SELECT relation, json_extract(evidence, '$.same_event')::VARCHAR FROM pairs").fetchall()
    assert any(rel == "same-story" for rel, _ in rows)
    assert all(p not in (None, "null") for rel, p in rows if rel == "same-story")
    stories = _story_of(flood_store)
    # a store linked before the judge existed: its pairs carry no probability
    flood_store.con.execute("UPDATE pairs SET evidence = json_object('containment', score)")
    assert build_stories(flood_store) >= 1
    missing = flood_store.con.execute(
        "SELECT count(*) FROM pairs WHERE json_extract(evidence, '$.same_event') IS NULL")
    assert missing.fetchone()[0] == 0 and _story_of(flood_store) == stories


def test_a_pair_the_judge_cannot_tell_is_not_asked_again(flood_store, monkeypatch):
    linker.link(flood_store)
    flood_store.con.execute("UPDATE pairs SET evidence = json_object('same_event', NULL) WHERE relation = 'same-story'")
    asked = []
    monkeypatch.setattr(stories_module, "event_probability", lambda *args: asked.append(args) or 0.0)
    build_stories(flood_store)
    assert not asked  # null: the judge could not tell (two languages); it counts as never judged
    flood_store.con.execute("UPDATE pairs SET evidence = '{}' WHERE relation = 'same-story'")
    build_stories(flood_store)
    assert asked  # absent: stored before the judge existed, so it is judged now


def test_a_pasted_article_meets_stored_reports_by_its_title(flood_store):
    ids = _ids(flood_store)
    pasted = analyze("Ratusan warga memilih bertahan di lantai dua rumah mereka sambil menunggu perahu karet. "
                     "Relawan membagikan nasi bungkus dan air bersih kepada keluarga yang belum mau pergi.",
                     title="Warga HST Mengungsi, Relawan Bagikan Nasi Bungkus", published="2025-02-10T15:00",
                     lang="id").to_dict()
    assert ids["banjir-copy"] in linker.stored_candidates(flood_store, pasted)
    assert ids["liga-bola"] not in linker.stored_candidates(flood_store, pasted)
    undated = {**pasted, "published": None}
    assert ids["banjir-copy"] not in linker.stored_candidates(flood_store, undated)  # no day, no window


# -- pairs the rules call unrelated and the judge one event ------------------------------------------

BIRTHDAY = (
    "JAKARTA - Penyanyi Laras Wening merayakan ulang tahun ke-30 pada Senin (3/3/2025). Suaminya, aktor "
    "Bima Prasetya, mengunggah foto berdua di Instagram dengan pesan panjang. \"Terima kasih sudah menjadi "
    "rumah paling hangat,\" tulis Bima. Unggahan itu disukai lebih dari 200 ribu pengguna dalam beberapa jam. "
    "Sejumlah selebritas ikut meninggalkan ucapan selamat di kolom komentar.")
BIRTHDAY_TITLE = "Laras Wening Ulang Tahun ke-30, Bima Prasetya Tulis Pesan Manis"
BIRTHDAY_OTHER_WORDS = (
    "Aktor Bima Prasetya punya cara sendiri merayakan ulang tahun istrinya, penyanyi Laras Wening. Lewat "
    "media sosial, pemeran film laga itu membagikan potret kebersamaan mereka saat berlibur ke Labuan Bajo "
    "tahun lalu. Warganet pun ramai memuji keharmonisan pasangan yang menikah pada 2021 tersebut. Laras "
    "sendiri belum membalas unggahan sang suami hingga Senin siang.")
BIRTHDAY_OTHER_TITLE = "Cara Romantis Bima Prasetya Rayakan Ulang Tahun Sang Istri"


def test_one_event_in_other_words_is_unrelated_to_the_rules_but_not_to_the_judge():
    a = _text_doc(BIRTHDAY, BIRTHDAY_TITLE, "2025-03-03T09:00")
    b = _text_doc(BIRTHDAY_OTHER_WORDS, BIRTHDAY_OTHER_TITLE, "2025-03-03T13:00")
    verdict = relate(a, b)
    assert verdict.relation == "unrelated"  # few shared facts, titles unlike: the pair convention stands
    assert verdict.same_event >= shipped_judge().threshold
    assert any("yet one event" in r for r in verdict.reasons)
    apart = relate(_doc("banjir-bpbd"), _doc("liga-bola"))
    assert apart.relation == "unrelated" and not any("yet one event" in r for r in apart.reasons)


def test_stories_join_a_pair_the_rules_call_unrelated_when_the_judge_calls_it_one_event(tmp_path, monkeypatch):
    monkeypatch.setattr(linker, "CHUNK", 1)  # the second article's chunk meets the pair again: it is not stored twice
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add(analyze(BIRTHDAY, title=BIRTHDAY_TITLE, published="2025-03-03T09:00", id="ultah-1", lang="id"))
        store.add(analyze(BIRTHDAY_OTHER_WORDS, title=BIRTHDAY_OTHER_TITLE, published="2025-03-03T13:00",
                          id="ultah-2", lang="id"))
        r = RECORDS["liga-bola"]
        store.add(analyze(r["text"], published="2025-03-03T10:00", title=r["title"], id="liga-bola", lang="id"))
        stats = linker.link(store)
        assert stats.same_event == 1 and store.count("pairs") == 0
        ids = _ids(store)
        (a, b, p), = store.con.execute("SELECT a, b, same_event FROM event_pairs").fetchall()
        assert {a, b} == {ids["ultah-1"], ids["ultah-2"]} and a < b and p >= shipped_judge().threshold
        story = _story_of(store)
        assert story["ultah-1"] == story["ultah-2"] and "liga-bola" not in story
        from jejak.provenance.trace import trace_stored
        related = trace_stored(store, ids["ultah-1"]).related  # what joined the story can be shown
        assert [(r["article_id"], r["relation"], r["score"]) for r in related] == [(ids["ultah-2"], "same-event", p)]
        again = linker.link(store)  # nothing new: the pair is neither compared nor stored again
        assert again.articles == 0 and store.count("event_pairs") == 1


def test_a_store_from_before_event_pairs_is_upgraded_on_open(tmp_path):
    import duckdb

    from jejak.store import SCHEMA_VERSION
    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_pairs")
    con.execute("UPDATE schema_version SET version = 9")
    con.close()
    with Store.open(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION == 13
        assert store.count("event_pairs") == 0
        r = RECORDS["banjir-own"]
        store.add(analyze(r["text"], published=r["published"], title=r["title"], id="banjir-own", lang="id"))
        linker.link(store)  # linking an upgraded store works


# -- reports of one day that share weighty words, and copies in stories ------------------------


def test_reports_of_one_day_that_share_a_weighty_word_go_to_the_judge():
    from jejak.provenance.same_day import MAX_WORD_REPORTS, same_day_pairs, weighty_words

    dam = _text_doc(GOVERNOR_DAM, "Gubernur Kalsel Resmikan Bendungan Tapin Senilai Rp 986 Miliar")
    same_dam = _text_doc(GOVERNOR_DAM_OTHER_OUTLET, "Bendungan Tapin Diresmikan, Petani Bisa Tanam Dua Kali")
    match = _doc("liga-bola")
    profiles = {k: weighty_words(d.event_profile) for k, d in (("dam", dam), ("other", same_dam), ("match", match))}
    assert set(profiles["dam"]) & set(profiles["other"]) and not set(profiles["match"]) & set(profiles["other"])
    import datetime as dt
    day = dt.date(2025, 3, 4)
    days = {"dam": day, "other": day, "match": day}
    assert same_day_pairs(["other"], ["dam", "match"], days, profiles) == {("dam", "other")}
    assert same_day_pairs(["other"], ["dam"], {**days, "dam": dt.date(2025, 3, 5)}, profiles) == set()  # another day
    assert same_day_pairs(["other"], ["dam"], {**days, "dam": None}, profiles) == set()  # no day known
    assert same_day_pairs(["other"], ["dam"], days, profiles, {"dam": "id", "other": "en"}) == set()  # two languages
    crowd = {f"r{k}": profiles["dam"] for k in range(MAX_WORD_REPORTS)}  # every word in too many of the day's reports
    assert same_day_pairs(["other"], list(crowd), {**days, **{k: day for k in crowd}}, {**profiles, **crowd}) == set()


def test_a_copy_joins_its_originals_story_only_when_the_judge_calls_it_one_event(tmp_path):
    with Store.open(tmp_path / "c.duckdb") as store:
        for rid in ("banjir-bpbd", "banjir-copy", "emas-senin", "emas-senin-depan", "banjir-own", "liga-bola"):
            r = RECORDS[rid]
            store.add(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id"))
        ids = _ids(store)

        def pair(x: str, y: str, evidence: dict) -> tuple:
            a, b = sorted((ids[x], ids[y]))
            return (a, b, "copy", 0.8, a, json.dumps(evidence))

        store.con.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?)", [
            pair("banjir-bpbd", "banjir-copy", {"same_event": 0.97}),
            pair("emas-senin", "emas-senin-depan", {"same_event": 0.01}),  # a template filled for another Monday
            pair("banjir-own", "liga-bola", {"same_event": None})])  # the judge cannot tell (two languages)
        build_stories(store)
        story = _story_of(store)
        assert story["banjir-bpbd"] == story["banjir-copy"]
        assert "emas-senin" not in story and "emas-senin-depan" not in story  # text reuse, not one event
        assert story["banjir-own"] == story["liga-bola"]  # a copy the judge cannot weigh joins as before
        roles = dict(store.con.execute("SELECT a.input_id, s.role FROM story_articles s JOIN articles a "
                                       "USING (article_id)").fetchall())
        assert {roles["banjir-bpbd"], roles["banjir-copy"]} == {"original", "copy"}


def test_linking_gives_a_copy_the_judges_probability(tmp_path):
    with Store.open(tmp_path / "k.duckdb") as store:
        for rid in ("banjir-bpbd", "banjir-copy"):
            r = RECORDS[rid]
            store.add(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id"))
        linker.link(store)
        (relation, p), = store.con.execute(
            "SELECT relation, json_extract(evidence, '$.same_event')::DOUBLE FROM pairs").fetchall()
        assert relation == "copy" and p >= stories_module.STORY_THRESHOLD
        assert len(set(_story_of(store).values())) == 1


RUWATAN = ("TASIKMALAYA - Ratusan warga Desa Sukaraja, Kecamatan Rajapolah, menggelar ruwatan bumi di "
           "lapangan desa, Minggu (9/3/2025). Kepala Desa Sukaraja Ujang Permana mengatakan ruwatan itu "
           "digelar setiap tahun selepas panen raya. \"Ruwatan bumi adalah tanda syukur warga atas hasil "
           "sawah,\" kata Ujang. Sesaji hasil bumi diarak keliling kampung sebelum dibagikan kepada warga.")
RUWATAN_OTHER = ("Tradisi ruwatan bumi kembali digelar warga Sukaraja di Rajapolah pada Minggu pagi. Sesaji "
                 "berupa padi, palawija dan buah diarak keliling kampung, lalu dibagikan kepada warga yang "
                 "menonton. Panitia menyebut ruwatan tahun ini diikuti lebih banyak warga karena panen raya "
                 "berhasil setelah musim hujan yang panjang.")


def _no_other_lookups(monkeypatch) -> None:
    """Only the same-day lookup may meet a pair."""
    monkeypatch.setattr(linker, "wording_candidates", lambda store, ids: set())
    monkeypatch.setattr(linker, "fact_candidates", lambda store, ids: set())
    monkeypatch.setattr(linker, "title_candidates", lambda store, ids, seen=None: set())


def test_reports_of_one_day_met_by_their_weighty_words_alone_are_weighed(tmp_path, monkeypatch):
    _no_other_lookups(monkeypatch)
    with Store.open(tmp_path / "d.duckdb") as store:
        store.add(analyze(RUWATAN, title="Warga Desa Sukaraja Gelar Ruwatan Bumi", published="2025-03-09T10:00",
                          id="ruwatan-1", lang="id"))
        linker.link(store)  # linked alone in a first run
        store.add(analyze(RUWATAN_OTHER, title="Tradisi Syukuran Panen di Rajapolah", published="2025-03-09T13:30",
                          id="ruwatan-2", lang="id"))
        r = RECORDS["liga-bola"]  # another event of another day
        store.add(analyze(r["text"], published=r["published"], title=r["title"], id="liga-bola", lang="id"))
        linker.link(store)
        ids = _ids(store)
        rows = store.con.execute("SELECT a, b, same_event FROM event_pairs").fetchall()
        assert [(a, b) for a, b, _ in rows] == [tuple(sorted((ids["ruwatan-1"], ids["ruwatan-2"])))]
        assert rows[0][2] >= shipped_judge().threshold
        story = _story_of(store)
        assert story["ruwatan-1"] == story["ruwatan-2"]


def test_only_pairs_the_judge_calls_one_event_are_kept_and_traced(tmp_path, monkeypatch):
    from jejak.provenance.trace import trace_stored

    _no_other_lookups(monkeypatch)
    threshold = shipped_judge().threshold
    for p in (threshold - 0.05, threshold + 0.05):
        monkeypatch.setattr(linker, "event_probability", lambda a, b, rules=None, p=p: p)
        with Store.open(tmp_path / f"f{p:.2f}.duckdb") as store:
            store.add(analyze(RUWATAN, title="Warga Desa Sukaraja Gelar Ruwatan Bumi", published="2025-03-09T10:00",
                              id="ruwatan-1", lang="id"))
            store.add(analyze(RUWATAN_OTHER, title="Tradisi Syukuran Panen di Rajapolah",
                              published="2025-03-09T13:30", id="ruwatan-2", lang="id"))
            stats = linker.link(store)
            one_event = p >= threshold
            assert store.count("event_pairs") == stats.same_event == int(one_event)
            related = trace_stored(store, _ids(store)["ruwatan-1"]).related
            assert [r["relation"] for r in related] == (["same-event"] if one_event else [])


def test_a_report_the_averages_leave_alone_joins_the_story_of_its_surest_pair():
    from jejak.provenance.stories import _with_lone_reports

    strong = [(x, 0.9, y) for x, y in itertools.combinations(["a", "c", "d", "e"], 2)]
    edges = [*strong, ("a", 0.7, "b")]  # b: judged with a only; c, d, e were never compared with it
    alone = cluster([], edges, threshold=stories_module.STORY_THRESHOLD)
    assert ["b"] in alone  # (0.7 + 3 x UNJUDGED) / 4 is under the threshold
    assert _with_lone_reports(alone, edges) == [["a", "b", "c", "d", "e"]]
    weak = [*strong, ("a", stories_module.STORY_THRESHOLD - 0.01, "b")]
    assert ["b"] in _with_lone_reports(cluster([], weak, threshold=stories_module.STORY_THRESHOLD), weak)
    # a report the judge set apart from the story's other members stays out, one strong pair or not
    apart = [*edges, *((x, 0.01, "b") for x in ("c", "d", "e"))]
    assert ["b"] in _with_lone_reports(cluster([], apart, threshold=stories_module.STORY_THRESHOLD), apart)


def test_a_copy_stored_before_copies_were_judged_gets_a_probability_once(tmp_path, monkeypatch):
    asked: list[tuple[str, str]] = []

    def cannot_tell(a, b, rules=None):
        asked.append((a.id, b.id))
        return None  # two languages, a stub

    with Store.open(tmp_path / "o.duckdb") as store:
        for rid in ("banjir-bpbd", "banjir-copy"):
            r = RECORDS[rid]
            store.add(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id"))
        ids = _ids(store)
        a, b = sorted((ids["banjir-bpbd"], ids["banjir-copy"]))
        store.con.execute("INSERT INTO pairs VALUES (?, ?, 'copy', 0.9, ?, ?)", [a, b, a, json.dumps({"containment": 0.9})])
        monkeypatch.setattr(stories_module, "event_probability", cannot_tell)
        build_stories(store)
        build_stories(store)
        assert asked == [(a, b)]  # asked once: a null is written, not dropped
        evidence = json.loads(store.con.execute("SELECT evidence FROM pairs").fetchone()[0])
        assert evidence == {"containment": 0.9, "same_event": None}
        assert len(set(_story_of(store).values())) == 1  # a copy the judge cannot weigh still joins


def test_a_copy_of_another_events_text_is_shown_in_neither_story(tmp_path):
    from jejak.store import browse
    from jejak.store.story_queries import stories as list_stories

    with Store.open(tmp_path / "x.duckdb") as store:
        for rid in ("banjir-bpbd", "banjir-own", "emas-senin", "emas-senin-depan"):
            r = RECORDS[rid]
            store.add(analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id"))
        ids = _ids(store)

        def row(x: str, y: str, relation: str, p: float) -> tuple:
            a, b = sorted((ids[x], ids[y]))
            return (a, b, relation, 0.8, a, json.dumps({"same_event": p}))

        store.con.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?)", [
            row("banjir-bpbd", "banjir-own", "same-story", 0.95),
            row("emas-senin", "emas-senin-depan", "same-story", 0.95),
            row("banjir-own", "emas-senin", "copy", 0.01)])  # shared text, two events
        store.con.execute("INSERT INTO distortions VALUES (?, ?, 0, 'number-change', 0, 5, 'a', 0, 5, 'b', '',"
                          " 'figure', NULL, 0.9)", [ids["banjir-own"], ids["emas-senin"]])
        build_stories(store)
        story = _story_of(store)
        assert story["banjir-own"] != story["emas-senin"]
        for story_id in set(story.values()):
            page = browse.story(store, story_id)
            assert page["changes"] == [] and all(m["role"] == "report" for m in page["members"])
        assert all(s["copies"] == 0 and s["distortions"] == 0 and s["places_to_look"] == 0
                   for s in list_stories(store))
