"""Stories and provenance: shingles, MinHash/LSH, facts, the relation rules, origin, the store
linker, and the `stories`, `trace` and `compare` commands. Fixtures are our own texts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest
from typer.testing import CliRunner

from jejak.cli import app
from jejak.fingerprint.facts import credited_outlets, facts_of_record, normalise_outlet
from jejak.fingerprint.minhash import (EMPTY, LSHParams, MinHasher, band_keys, candidate_pairs, empty_rows,
                                       estimate_jaccard)
from jejak.fingerprint.shingles import shingle_hashes, words
from jejak.pipeline import analyze
from jejak.provenance.compare import compare_articles
from jejak.provenance.document import ProvDoc
from jejak.provenance.evidence import PairEvidence, gather_evidence
from jejak.provenance.linker import link
from jejak.provenance.origin import earlier_of, likely_original
from jejak.provenance.relation import decide, relate
from jejak.store import SCHEMA_VERSION, Store

DATA = Path(__file__).parent / "data" / "provenance"
RECORDS = {r["id"]: r for r in map(json.loads, (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


def _analysed(rid: str):
    r = RECORDS[rid]
    return analyze(r["text"], published=r["published"], url=r["url"], title=r["title"], id=rid, lang="id")


def _doc(rid: str) -> ProvDoc:
    return ProvDoc.from_record(_analysed(rid).to_dict())


# -- shingles and MinHash ----------------------------------------------------------------------------


def test_shingles_ignore_case_punctuation_and_spacing():
    a = shingle_hashes("Banjir merendam 1.240 rumah di enam kecamatan, kata BPBD.")
    b = shingle_hashes("banjir  merendam 1.240 rumah di enam kecamatan -- kata bpbd")
    assert np.array_equal(a, b) and a.size == len(words("banjir merendam 1.240 rumah di enam kecamatan kata bpbd")) - 4


def test_short_and_empty_texts():
    assert shingle_hashes("dua kata").size == 1
    assert shingle_hashes("").size == 0
    hasher = MinHasher()
    assert (hasher.signature(shingle_hashes("")) == EMPTY).all()
    assert empty_rows(hasher.signature(shingle_hashes("")))[0]


def test_hashes_are_the_same_in_another_process():
    """Signatures are stored and compared later, so they must not depend on the process."""
    code = ("from jejak.fingerprint.index import signature_of;"
            "print(signature_of('Harga emas Antam hari ini naik Rp 8.000 per gram menurut laman resmi')[:4].tolist())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""}).stdout
    from jejak.fingerprint.index import signature_of

    assert json.loads(out) == signature_of("Harga emas Antam hari ini naik Rp 8.000 per gram menurut laman resmi")[:4].tolist()


def test_signature_agreement_estimates_jaccard():
    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**63, size=400, dtype=np.uint64)
    other = np.concatenate([base[:200], rng.integers(0, 2**63, size=200, dtype=np.uint64)])
    hasher = MinHasher(LSHParams(num_perm=256, bands=64, rows=4))
    true = 200 / 600
    estimate = estimate_jaccard(hasher.signature(np.unique(base)), hasher.signature(np.unique(other)))
    assert abs(estimate - true) < 0.08


def test_batch_signatures_equal_one_by_one():
    texts = [RECORDS[k]["text"] for k in RECORDS] + [""]
    sets = [shingle_hashes(t) for t in texts]
    hasher = MinHasher()
    batch = hasher.signatures(sets)
    assert all(np.array_equal(batch[i], hasher.signature(s)) for i, s in enumerate(sets))


def test_lsh_finds_the_copy_and_skips_boilerplate_buckets():
    texts = [RECORDS["banjir-bpbd"]["text"], RECORDS["banjir-copy"]["text"], RECORDS["liga-bola"]["text"]]
    params = LSHParams()
    sigs = MinHasher(params).signatures([shingle_hashes(t) for t in texts])
    pairs = set(candidate_pairs(band_keys(sigs, params), empty_rows(sigs)))
    assert (0, 1) in pairs and (0, 2) not in pairs and (1, 2) not in pairs
    same = np.vstack([sigs[0]] * 5)
    assert list(candidate_pairs(band_keys(same, params), max_bucket=4)) == []


def test_lsh_parameters_are_checked_and_explained():
    with pytest.raises(ValueError):
        LSHParams(num_perm=64, bands=64, rows=2)
    params = LSHParams()
    assert 0.1 < params.threshold() < 0.15
    assert params.recall_at(0.5) > 0.99 and params.recall_at(0.02) < 0.05
    assert params.scheme == "minhash128-b64r2-w5-s1"


# -- facts, credits, evidence -----------------------------------------------------------------------


def test_fact_fingerprint_holds_amounts_dates_entities_and_speakers():
    facts = facts_of_record(_analysed("banjir-bpbd").to_dict())
    assert "amt:house:1240" in facts and "day:2025-02-09" in facts
    assert any(f.startswith("ent:") and "bmkg" in f for f in facts)
    assert any(f.startswith("spk:") and "fadliansyah" in f for f in facts)


def test_credits_and_outlet_names():
    assert credited_outlets("Seperti dilansir dari Kabarbanua.id, banjir merendam rumah.") == ("kabarbanua",)
    assert credited_outlets("Artikel ini telah tayang di Tribunjateng.com dengan judul ...") == ("tribunjateng",)
    assert normalise_outlet("https://www.Kompas.com") == "kompas" and normalise_outlet("regional.kompas.com") == "kompas"


def test_evidence_of_a_copy_a_separate_report_and_a_refilled_template():
    original, copy, own = _doc("banjir-bpbd"), _doc("banjir-copy"), _doc("banjir-own")
    ev = gather_evidence(original, copy)
    assert ev.containment > 0.8 and ev.passage_share == 1.0 and ev.day_gap == 0
    separate = gather_evidence(original, own)
    assert separate.containment < 0.1 and separate.fact_overlap >= 0.4
    template = gather_evidence(_doc("emas-senin"), _doc("emas-senin-depan"))
    assert template.day_gap == 7 and template.containment > 0.3


# -- relation rules ----------------------------------------------------------------------------------


def _ev(**kw) -> PairEvidence:
    return PairEvidence(**{"shorter_words": 200, **kw})


@pytest.mark.parametrize("evidence,expected", [
    (_ev(containment=0.6, day_gap=0), "copy"),
    (_ev(containment=0.45, day_gap=2), "copy"),
    (_ev(containment=0.35, day_gap=2, fact_overlap=0.8), "same-story"),
    (_ev(containment=0.6, day_gap=9), "unrelated"),  # a template refilled for another day
    (_ev(containment=0.6), "copy"),  # no publication days: the texts decide
    (_ev(containment=0.6, text_days_differ=True), "unrelated"),  # ... and they name other days
    (_ev(containment=1.0, day_gap=0, shorter_words=3), "unrelated"),  # `Banjir.` twice is no copy
    (_ev(containment=0.05, passage_share=1.0, passages=[(0, 0, 1.0), (1, 1, 1.0)], day_gap=0), "copy"),
    (_ev(containment=0.05, spun_share=0.9, spun_sentences=8, day_gap=0), "copy"),
    (_ev(containment=0.05, spun_share=0.9, spun_sentences=2, day_gap=0), "unrelated"),
    (_ev(containment=0.02, fact_overlap=0.6, title_similarity=0.3, day_gap=1), "same-story"),
    (_ev(containment=0.0, fact_overlap=0.1, title_similarity=0.2, day_gap=0), "unrelated"),
])
def test_relation_rules(evidence, expected):
    relation, reasons = decide(evidence)
    assert relation == expected and reasons


def test_one_shared_place_is_not_all_the_facts():
    park = analyze("Gubernur meresmikan taman kota baru di Jakarta pada pagi hari bersama warga sekitar.", lang="id")
    chili = analyze("Harga cabai rawit di pasar tradisional Jakarta naik tajam karena pasokan dari petani berkurang.",
                    lang="id")
    ev = gather_evidence(ProvDoc.from_record(park.to_dict()), ProvDoc.from_record(chili.to_dict()))
    assert ev.fact_overlap <= 0.34 and decide(ev)[0] == "unrelated"


def test_relate_on_our_articles():
    assert relate(_doc("banjir-bpbd"), _doc("banjir-copy")).relation == "copy"
    assert relate(_doc("banjir-bpbd"), _doc("banjir-own")).relation == "same-story"
    assert relate(_doc("emas-senin"), _doc("emas-senin-depan")).relation == "unrelated"
    assert relate(_doc("banjir-bpbd"), _doc("liga-bola")).relation == "unrelated"


# -- origin ------------------------------------------------------------------------------------------


def test_earlier_by_time_then_by_credit():
    original, copy = _doc("banjir-bpbd"), _doc("banjir-copy")
    assert earlier_of(original, copy)[0] == "banjir-bpbd"
    original.published_at = copy.published_at = None
    original.outlet = "kabarbanua.id"
    who, why = earlier_of(copy, original)
    assert who == "banjir-bpbd" and "credits" in why


def test_a_spun_copy_is_not_the_original_even_when_it_looks_earlier():
    original, copy = _doc("banjir-bpbd"), _doc("banjir-copy")
    copy.published_at = original.published_at.replace(hour=6)
    copy.indicators = ("translated-author-code", "foreign-furniture")
    verdict = likely_original([copy, original])
    assert verdict.article_id == "banjir-bpbd" and any("spinning" in r for r in verdict.reasons)


# -- stories -----------------------------------------------------------------------------------------


# -- compare -----------------------------------------------------------------------------------------


def test_compare_names_the_seed_like_distortions():
    original = analyze((DATA / "seed_like_original.txt").read_text(encoding="utf-8"), lang="id",
                       published="2024-12-04T08:00")
    copy = analyze((DATA / "seed_like_copy.txt").read_text(encoding="utf-8"), lang="id", published="2024-12-04T11:30")
    result = compare_articles(copy, original).to_dict()
    assert result["relation"] == "copy" and result["earlier"] == original.id == result["original"]
    assert result["earlier_side"] == "b"
    assert {"negation-flip", "temporal-flip", "quote-cut"} <= {d["kind"] for d in result["distortions"]}
    for d in result["distortions"]:  # `a` is the first article given (the copy), `b` the second
        assert copy.source_text[d["a"]["start"]:d["a"]["end"]] == d["a"]["text"]
        assert original.source_text[d["b"]["start"]:d["b"]["end"]] == d["b"]["text"]


# -- the store and the commands ---------------------------------------------------------------------


@pytest.fixture()
def linked_store(tmp_path: Path):
    path = tmp_path / "prov.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(DATA / "articles.jsonl"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_stories_link_once_and_group_the_copy(linked_store: Path):
    runner = CliRunner()
    out = runner.invoke(app, ["stories", "--db", str(linked_store), "--format", "json"])
    assert out.exit_code == 0, out.output
    stories = [json.loads(line) for line in out.output.strip().splitlines() if line.startswith("{")]
    assert len(stories) == 1 and stories[0]["articles"] == 3 and stories[0]["copies"] == 1
    assert stories[0]["outlets"] == 3  # the copy carries its source's dateline; its host is its own
    assert stories[0]["earliest_id"] == "banjir-bpbd"
    # no distortion band reaches the shown confidence on real copies: the negation flip is a place to look
    assert stories[0]["distortions"] + stories[0]["places_to_look"] >= 1
    with Store.open(linked_store) as store:
        pairs = store.count("pairs")
        stats = link(store)  # nothing new: nothing compared again, nothing stored twice
        assert stats.articles == 0 and store.count("pairs") == pairs
        kinds = {r[0] for r in store.con.execute("SELECT kind FROM distortions").fetchall()}
        assert "negation-flip" in kinds  # `tidak ada laporan korban jiwa` became `ada laporan ...`
    def listed(outlet: str) -> list[dict]:
        out = runner.invoke(app, ["stories", "--db", str(linked_store), "--outlet", outlet, "--format", "json"])
        assert out.exit_code == 0, out.output
        return [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]

    assert [s["earliest_id"] for s in listed("kabarbanua")] == ["banjir-bpbd"]
    assert listed("bolaku") == []  # the football report belongs to no story


def test_trace_a_stored_copy_and_a_file(linked_store: Path, tmp_path: Path):
    runner = CliRunner()
    out = runner.invoke(app, ["trace", "banjir-copy", "--db", str(linked_store), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output[out.output.index("{"):])
    assert data["original"]["input_id"] == "banjir-bpbd"
    assert {m["role"] for m in data["story"]["members"]} == {"original", "copy", "report"}
    assert any(d["kind"] == "negation-flip" for c in data["changes"] for d in c["distortions"])
    table = runner.invoke(app, ["trace", "banjir-copy", "--db", str(linked_store)], env={"COLUMNS": "160"})
    assert "likely original" in table.output and "negation-flip" in table.output
    page = tmp_path / "page.txt"
    page.write_text(RECORDS["banjir-bpbd"]["text"].replace("tidak ada laporan", "ada dua laporan"), encoding="utf-8")
    from_file = runner.invoke(app, ["trace", str(page), "--db", str(linked_store), "--format", "json"])
    assert from_file.exit_code == 0, from_file.output
    traced = json.loads(from_file.output[from_file.output.index("{"):])
    assert any(r["relation"] == "copy" and r["input_id"] == "banjir-bpbd" for r in traced["related"])
    missing = runner.invoke(app, ["trace", "no-such-article", "--db", str(linked_store)])
    assert missing.exit_code == 2 and "no stored article" in missing.output


def test_compare_command_shape_and_errors(tmp_path: Path):
    runner = CliRunner()
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps(RECORDS["banjir-bpbd"]) + "\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(RECORDS["banjir-copy"]["text"], encoding="utf-8")
    out = runner.invoke(app, ["compare", str(a), str(b), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {"relation", "score", "earlier", "distortions"} <= set(data) and data["relation"] == "copy"
    assert all({"kind", "a", "b"} <= set(d) and {"start", "end", "text"} <= set(d["a"]) for d in data["distortions"])
    both = tmp_path / "both.jsonl"
    both.write_text(json.dumps(RECORDS["emas-senin"]) + "\n" + json.dumps(RECORDS["liga-bola"]) + "\n", encoding="utf-8")
    picked = runner.invoke(app, ["compare", f"{both}#emas-senin", f"{both}#liga-bola", "--format", "json"])
    assert json.loads(picked.output)["relation"] == "unrelated"
    several = runner.invoke(app, ["compare", str(both), str(b)])
    assert several.exit_code == 2 and "#ID" in several.output
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad = runner.invoke(app, ["compare", str(empty), str(b)])
    assert bad.exit_code == 2 and "error" in bad.output


def test_a_version_2_store_is_upgraded_and_backfilled(tmp_path: Path):
    path = tmp_path / "v2.duckdb"
    with Store.open(path) as store:
        for rid in ("banjir-bpbd", "banjir-copy"):
            store.add(_analysed(rid).to_dict())
    con = duckdb.connect(str(path))
    for table in ("signatures", "lsh_buckets", "facts", "linked", "pairs", "distortions", "stories", "story_articles"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE articles DROP COLUMN published_at")
    con.execute("UPDATE schema_version SET version = 2")
    con.close()
    with Store.open(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        stats = link(store)
        assert stats.backfilled == 2 and stats.copies == 1 and store.count("stories") == 1


def test_a_book_length_text_is_hashed_in_bounded_pieces():
    from jejak.fingerprint import minhash

    text = " ".join(f"kata{i % 977} lain{i % 1013}" for i in range(60_000))
    shingles = shingle_hashes(text)
    assert shingles.size > minhash._CHUNK
    hasher = MinHasher()
    whole = hasher.signature(shingles)
    assert np.array_equal(hasher.signatures([shingles, shingle_hashes("teks pendek saja di sini")])[0], whole)
    half = hasher.signature(shingles[: shingles.size // 2])
    assert (whole <= half).all()  # more shingles can only lower each minimum


def test_the_fact_fingerprint_survives_translation():
    idn = ("JAKARTA - Bank Indonesia memangkas suku bunga acuan sebesar 25 basis poin menjadi 5,25 persen pada "
           "Kamis (19/9/2019). Gubernur Bank Indonesia Perry Warjiyo mengatakan keputusan itu diambil untuk "
           "mendorong pertumbuhan ekonomi. \"Kami melihat inflasi tetap rendah dan terkendali,\" kata Perry di "
           "Jakarta. Penjualan eceran pada Juli tumbuh 2,4 persen.")
    eng = ("JAKARTA - Bank Indonesia cut its benchmark interest rate by 25 basis points to 5.25 percent on "
           "Thursday, September 19, 2019. Bank Indonesia Governor Perry Warjiyo said the decision was taken to "
           "support economic growth. \"We see inflation remaining low and under control,\" Perry said in Jakarta. "
           "Retail sales in July grew 2.4 percent.")
    a = ProvDoc.from_record(analyze(idn, lang="id", published="2019-09-19").to_dict())
    b = ProvDoc.from_record(analyze(eng, lang="en", published="2019-09-19").to_dict())
    assert a.facts == b.facts and len(a.facts) >= 6
    verdict = relate(a, b)
    assert verdict.relation == "copy" and "translation" in " ".join(verdict.reasons)
    b.lang = "id"  # the same facts in the same language but other words: two reports of one event
    assert relate(a, b).relation == "same-story"


def test_publication_times_with_a_zone_are_read_in_wib():
    text = RECORDS["liga-bola"]["text"]
    assert analyze(text, lang="id", published="2025-02-10T02:00Z").published_at == "2025-02-10T09:00"
    late = analyze(text, lang="id", published="2025-02-10T20:30:00-05:00")
    assert late.published_at == "2025-02-11T08:30" and late.published == "2025-02-11"


def test_a_day_read_from_the_text_does_not_beat_a_metadata_time():
    """A text without metadata takes its day from its first date, often the event's day
    (`sejak Minggu (9/2/2025)`): that says nothing about who published first."""
    stored = _doc("banjir-bpbd")
    page = ProvDoc.from_record(analyze(RECORDS["banjir-copy"]["text"], lang="id", id="page").to_dict())
    assert page.published == stored.published.replace(day=9) and not page.dated_by_metadata
    assert earlier_of(stored, page)[0] != "page"


def _ingested_and_linked(runner: CliRunner, tmp_path: Path, name: str):
    """A store of `DATA/<name>.jsonl`, ingested and linked (`stories` links first); its path and
    the listing's output."""
    path = tmp_path / f"{name}.duckdb"
    result = runner.invoke(app, ["ingest", str(DATA / f"{name}.jsonl"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["stories", "--db", str(path), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    return path, listed


def test_a_translation_that_changes_a_figure_is_linked_to_its_wire_story(tmp_path: Path):
    """An English wire report and an Indonesian translation of it that turns stocks of 3.2 million
    tonnes into 2.3 million (both written by us): one story, the wire is the original, the changed
    figure is named with its words on both sides."""
    runner = CliRunner()
    path, _ = _ingested_and_linked(runner, tmp_path, "translation")
    with Store.open(path) as store:
        langs = dict(store.con.execute("SELECT input_id, lang FROM articles").fetchall())
        assert langs == {"wire-palm-oil": "en", "terjemahan-sawit": "id"}
        relation, evidence = store.con.execute("SELECT relation, evidence FROM pairs").fetchone()
        assert relation == "copy" and json.loads(evidence)["cross_language"]
        assert store.count("stories") == 1
    out = runner.invoke(app, ["trace", "terjemahan-sawit", "--db", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output[out.output.index("{"):])
    assert data["original"]["input_id"] == "wire-palm-oil"
    changes = [d for c in data["changes"] for d in c["distortions"]]
    assert [d["kind"] for d in changes] == ["number-change"]
    assert (changes[0]["original_text"], changes[0]["copy_text"]) == ("3.2 million tonnes", "2,3 juta ton")


def test_translation_figures_pair_only_when_unambiguous():
    from jejak.provenance.translation import changed_figures

    a = frozenset({"amt:percent:2.4", "amt:ton:3.2e+06", "day:2025-03-12", "ent:per:x"})
    b = frozenset({"amt:percent:3.4", "amt:ton:3.2e+06", "day:2025-03-12", "ent:per:x"})
    assert changed_figures(a, b) == [("amt:percent:2.4", "amt:percent:3.4")]
    two = frozenset({"amt:percent:1", "amt:percent:2"})
    assert changed_figures(two, frozenset({"amt:percent:5", "amt:percent:6"})) == []  # which became which?


def test_reports_that_share_only_an_older_reports_background_are_no_copies(tmp_path: Path):
    """Three reports of one outlet on a running case, each with its own news over the same
    background paragraph, the first published two days before the others, and a true copy of the
    third by another outlet (all written by us): the two later reports share background, not a
    copy; the copy stays a copy; all four are one story."""
    runner = CliRunner()
    path, listed = _ingested_and_linked(runner, tmp_path, "background")
    assert "2 sharing only older background" in listed.output
    with Store.open(path) as store:
        ids = dict(store.con.execute("SELECT article_id, input_id FROM articles").fetchall())
        rows = store.con.execute("SELECT a, b, relation, evidence FROM pairs").fetchall()
        relation = {frozenset((ids[a], ids[b])): (rel, json.loads(ev)) for a, b, rel, ev in rows}
        first = next(k for k, v in ids.items() if v == "kpk-tahan-bupati")
        for pair in ({"kpk-periksa-istri", "bupati-praperadilan"}, {"kpk-periksa-istri", "praperadilan-salinan"}):
            rel, evidence = relation[frozenset(pair)]
            assert rel == "background"
            assert evidence["background"]["source"] == first and evidence["background"]["own"] < 0.15
        assert relation[frozenset({"bupati-praperadilan", "praperadilan-salinan"})][0] == "copy"
        between = store.con.execute(
            "SELECT count(*) FROM distortions WHERE list_sort([original, copy]) = list_sort(?::VARCHAR[])",
            [[k for k, v in ids.items() if v in ("kpk-periksa-istri", "bupati-praperadilan")]]).fetchone()[0]
        assert between == 0  # no word diff between two reports of different news
        assert store.count("stories") == 1
    out = runner.invoke(app, ["trace", "kpk-periksa-istri", "--db", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output[out.output.index("{"):])
    shared = [r for r in data["related"] if r["relation"] == "background"]
    assert len(shared) == 2 and {r["background"]["source"] for r in shared} == {first}
    text = runner.invoke(app, ["trace", "kpk-periksa-istri", "--db", str(path)])
    assert "shares only background with" in text.output and "2024-11-10" in text.output
    assert "KPK Tahan Bupati Lembah Hijau" in text.output  # the older report by its title
    pasted = tmp_path / "sidang.txt"  # a fourth report, not stored: its own news over the same background
    background = json.loads((DATA / "background.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]
    pasted.write_text("Jakarta - Sidang perdana praperadilan Bupati Lembah Hijau nonaktif Arif Santoso ditunda "
                      "sepekan pada Rabu (13/11/2024) karena KPK tidak hadir. Hakim tunggal meminta termohon hadir "
                      "pada sidang berikutnya. " + background[background.index("Kasus ini bermula"):], encoding="utf-8")
    filed = runner.invoke(app, ["trace", str(pasted), "--db", str(path), "--format", "json"])
    assert filed.exit_code == 0, filed.output
    related = json.loads(filed.output[filed.output.index("{"):])["related"]
    by_input = {r.get("input_id"): r for r in related}
    for later in ("kpk-periksa-istri", "bupati-praperadilan", "praperadilan-salinan"):
        assert by_input[later]["relation"] == "background" and by_input[later]["background"]["source"] == first
    assert "kpk-tahan-bupati" not in by_input  # three days before: no copy by the rules, whatever it shares
    from fastapi.testclient import TestClient

    from jejak.api.app import create_app

    with TestClient(create_app(str(path), allow_write=True, token="t")) as client:  # the paste box says it too
        page = client.post("/paste", params={"lang": "en"}, data={"text": pasted.read_text(encoding="utf-8"),
                                                                  "published": "2024-11-13", "token": "t"})
        assert page.status_code == 200 and 'data-relation="background"' in page.text
        assert "first published by" in page.text and "KPK Tahan Bupati Lembah Hijau" in page.text


def test_shared_background_needs_an_older_report_that_holds_nearly_all_of_what_two_share():
    from jejak.provenance.background import OWN_SHARE, shared_background
    from jejak.provenance.document import ProvDoc

    rows = [json.loads(line) for line in (DATA / "background.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = {r["id"]: ProvDoc.from_record(analyze(r["text"], lang="id", published=r["published"], id=r["id"]).to_dict())
            for r in rows}
    older, a, b, copy = (docs[r["id"]] for r in rows)
    found = shared_background(a, b, [older])
    assert found is not None and found.source == older.id and found.own < OWN_SHARE and found.covered > 0.9
    assert shared_background(a, b, []) is None  # no older report: nothing to tell
    assert shared_background(b, copy, [older]) is None  # they share their own news too: a copy
    assert shared_background(older, a, [b]) is None  # `b` is no older than `older`
