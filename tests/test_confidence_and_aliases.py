"""Confidence and the names people use, end to end (issue 13): stored with each entity and quote,
filtered with --min-confidence in the CLI and the API, marked on the dashboard; `--speaker Jokowi`
and a search for `KPK` find what the knowledge base or an article calls that way; the gold
loader, the NER scorer and the tagger's rebuild."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jejak.api.app import create_app
from jejak.cli import app
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, Store, queries

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
runner = CliRunner()

ARTICLES = [
    {"id": "bendungan", "published": "2019-05-02",
     "text": "Jokowi meninjau Bendungan Karian di Lebak, Banten. \"Kami sudah siapkan anggarannya,\" kata Jokowi "
             "di lokasi, Kamis (2/5/2019).\n\"Bendungan ini selesai tahun depan dan akan mengairi ribuan hektare sawah,\" "
             "ujarnya."},
    {"id": "kpk", "published": "2019-05-03",
     "text": "Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi pada Jumat (3/5/2019). \"Kami panggil tiga "
             "saksi hari ini,\" ujar juru bicara KPK Febri Diansyah di Gedung Merah Putih."},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("aliases")
    (folder / "in.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = folder / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(folder / "in.jsonl"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_confidences_are_stored_with_entities_and_quotes(store_path):
    with Store.open(store_path, read_only=True) as store:
        ents = store.con.execute("SELECT count(*), min(confidence), max(confidence) FROM entities").fetchone()
        quotes = store.con.execute("SELECT count(*), min(confidence), max(confidence) FROM quotes").fetchone()
    assert ents[0] > 0 and 0.0 < ents[1] <= ents[2] <= 1.0
    assert quotes[0] > 0 and 0.0 < quotes[1] <= quotes[2] <= 1.0


def test_speaker_search_knows_the_name_people_use(store_path):
    out = runner.invoke(app, ["quotes", "--speaker", "Jokowi", "--db", str(store_path), "--format", "json"])
    rows = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    assert rows and {r["speaker"] for r in rows} == {"Joko Widodo"}
    assert all(0.0 < r["confidence"] <= 1.0 for r in rows)


def test_min_confidence_keeps_the_likelier_attributions(store_path):
    with Store.open(store_path, read_only=True) as store:
        every = queries.quotes(store)
        top = max(r["confidence"] for r in every)
        sure = queries.quotes(store, min_confidence=top)
        none = queries.quotes(store, min_confidence=min(1.0, top + 0.001))
    assert len({r["confidence"] for r in every}) > 1  # a name and a pronoun are not equally sure
    assert len(every) > len(sure) > 0 and not none
    assert all(r["confidence"] == top for r in sure)
    out = runner.invoke(app, ["quotes", "--min-confidence", "1.5", "--db", str(store_path)])
    assert out.exit_code != 0  # outside 0..1: refused with a message, not a traceback


def test_entity_search_and_api_know_aliases(store_path):
    with Store.open(store_path, read_only=True) as store:
        names = {r["name"] for r in queries.entities(store, name="KPK")}
    assert "Komisi Pemberantasan Korupsi" in names
    with TestClient(create_app(store_path)) as client:
        listed = client.get("/api/entities", params={"name": "KPK"}).json()
        quotes = client.get("/api/quotes", params={"speaker": "Jokowi", "min_confidence": 0.5}).json()
        bad = client.get("/api/quotes", params={"min_confidence": 2})
        page = client.get("/", params={"q": "KPK"})
    assert any(r["name"] == "Komisi Pemberantasan Korupsi" for r in listed["items"])
    assert quotes["items"] and all(r["speaker"] == "Joko Widodo" for r in quotes["items"])
    assert bad.status_code == 422
    assert page.status_code == 200 and "Komisi Pemberantasan Korupsi" in page.text


def test_a_doubtful_attribution_is_marked_on_the_dashboard(tmp_path, monkeypatch):
    import jejak.extract.quotes as quote_module

    monkeypatch.setattr(quote_module, "quote_confidence", lambda kind, via: 0.4)
    db = tmp_path / "doubt.duckdb"
    with Store.open(db) as store:
        store.add(analyze(ARTICLES[1]["text"], id="kpk", published=ARTICLES[1]["published"]))
    with TestClient(create_app(db)) as client:
        page = client.get("/article/kpk")
    assert page.status_code == 200
    assert 'class="doubt"' in page.text and "40%" in page.text


def test_a_version_5_store_gains_confidence_columns(tmp_path):
    path = tmp_path / "v5.duckdb"
    with Store.open(path) as store:
        store.add(analyze(ARTICLES[0]["text"], id="bendungan", published="2019-05-02"))
    con = duckdb.connect(str(path))
    con.execute("DROP INDEX quotes_speaker")
    con.execute("ALTER TABLE entities DROP COLUMN confidence")
    con.execute("ALTER TABLE quotes DROP COLUMN confidence")
    con.execute("UPDATE schema_version SET version = 5")
    con.close()
    with Store.open(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION == 13
        assert store.con.execute("SELECT count(*) FROM quotes WHERE confidence IS NULL").fetchone()[0] > 0
        assert queries.quotes(store, min_confidence=0.1) == []  # an unknown confidence is not a high one
        assert queries.quotes(store, speaker="Jokowi")


# ------------------------------------------------------------------------- evaluation and rebuild
def test_the_ner_scorer_reads_conll_as_articles(tmp_path):
    conll = tmp_path / "mini.txt"
    conll.write_text("Gubernur PROPN O\nRidwan PROPN B-PER\nKamil PROPN I-PER\nmeninjau VERB O\nBandung PROPN B-LOC\n"
                     ". PUNCT O\n\nKPK PROPN B-ORG\nmemeriksa VERB O\nsaksi NOUN O\n. PUNCT O\n", encoding="utf-8")
    out = runner.invoke(app, ["eval", "--ner", str(conll), "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["articles"] == 1 and result["all"]["gold"] == 3
    assert result["PER"]["recall"] == 1.0 and result["LOC"]["recall"] == 1.0


def test_gold_quotes_are_stored_as_offsets_and_read_back(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from gold_offsets import stored_form

    body = 'Budi datang. "Kami siap," kata Budi. Lalu ia pergi. "Kami siap," kata Budi lagi.'
    reading = {"id": "x", "source": {}, "entities": [], "quotes": [
        {"quote": "Kami siap,", "kind": "direct", "speaker": "Budi"},
        {"quote": "Kami siap,", "kind": "direct", "speaker": "Budi", "occurrence": 2},
        {"quote": "tidak ada", "kind": "direct", "speaker": "Budi"}]}
    record, problems = stored_form(reading, body)
    assert problems == ["quote not found: 'tidak ada'"]
    first, second = record["quotes"]
    assert "quote" not in first and body[first["start"]:first["end"]] == "Kami siap,"
    assert second["start"] > first["start"] and body[second["start"]:second["end"]] == "Kami siap,"


@pytest.mark.skipif(not (ROOT / "eval" / "unseen-detik").is_dir() or not (SHARED / "data").is_dir(),
                    reason="needs ../shared/data beside the checkout")
def test_our_own_splits_load_with_their_quote_words():
    from jejak.eval.gold import load_gold_dir

    for split in ("unseen-detik", "unseen-detik-b", "tune-detik"):
        articles = load_gold_dir(ROOT / "eval" / split)
        assert len(articles) == 40
        for art in articles:
            for q in art.gold["quotes"]:
                assert q["quote"] and art.text[q["start"]:q["end"]] == q["quote"]


def test_the_tagger_learns_from_train_and_dev_only():
    sys.path.insert(0, str(ROOT / "tools"))
    import train_tagger

    assert train_tagger.SPLITS == ("train", "dev")
    with pytest.raises(ValueError, match="test split"):
        train_tagger.training_file("test")


def test_the_tagger_reads_only_our_training_readings_of_entities():
    sys.path.insert(0, str(ROOT / "tools"))
    import train_tagger

    folders = [folder.name for folder, _ in train_tagger.OWN]
    assert not any("unseen" in f or "test" in f or "tune" in f for f in folders)
    assert dict((folder.name, weight) for folder, weight in train_tagger.OWN)["train-detik"] == 2  # read twice


@pytest.mark.skipif(not (SHARED / "data" / "id_news_detik1000").is_dir(), reason="needs ../shared/data")
def test_a_file_read_for_events_only_teaches_the_tagger_nothing():
    from jejak.eval.ner import own_articles

    folder = ROOT / "eval" / "train-events"
    read_for_entities = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]
    with_names = sum("entities" in (g.get("layers") or ["entities"]) for g in read_for_entities)
    assert 0 < with_names < len(read_for_entities)
    articles = own_articles(folder)
    assert len(articles) == with_names  # an events-only file would teach that its names are none
    assert all(any(label != "O" for label in a.labels) for a in articles)


@pytest.mark.skipif(not (SHARED / "data" / "id_ner_idner2k").is_dir(), reason="needs ../shared/data")
def test_the_shipped_tagger_is_what_its_training_data_gives():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "train_tagger.py"), "--check"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_event_actor_is_found_by_a_name_an_article_gives_it(tmp_path):
    db = tmp_path / "events.duckdb"
    text = ("Komisi Pemberantasan Korupsi (KPK) menggeledah kantor Kementerian Pertanian pada Senin (3/6/2019). "
            "KPK juga menyita dokumen dari kantor itu.")
    with Store.open(db) as store:
        store.add(analyze(text, id="geledah", published="2019-06-03"))
        by_alias = queries.events(store, actor="KPK")
        by_name = queries.events(store, actor="Komisi Pemberantasan Korupsi")
    assert by_name and len(by_alias) == len(by_name)


def test_the_article_page_shows_each_entity_s_confidence(tmp_path):
    db = tmp_path / "page.duckdb"
    with Store.open(db) as store:
        store.add(analyze(ARTICLES[1]["text"], id="kpk", published=ARTICLES[1]["published"]))
    with TestClient(create_app(db)) as client:
        page = client.get("/article/kpk").text
    section = page[page.index('id="entities"'):page.index('id="times"')]
    assert "Komisi Pemberantasan Korupsi" in section and "%" in section
