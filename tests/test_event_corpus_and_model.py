"""Our PLOVER event corpus (stored as offsets, scored by layer), the learned event layer (event-word
model, news-kind classifier), event confidence through store, CLI, API and dashboard,
and the rebuild of the shipped models. Fixture texts are our own, in the style of Indonesian news."""

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
from jejak.eval.gold import body_key, held_out_keys
from jejak.eval.score import score_article, score_events
from jejak.extract.event_lexicon import event_lexicon
from jejak.extract.event_model import default_event_model, is_candidate, trained_stems
from jejak.extract.news_kind import default_news_kind
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, Store, queries

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tools"))
runner = CliRunner()

SEIZURE = ("Kejaksaan Agung menyita aset milik PT Alfa Sejahtera, PT Beta Makmur, dan PT Gamma Jaya "
           "pada Senin (3/6/2024). Penyitaan itu terkait dugaan korupsi impor gula.")
FRONTED = ("Bekerja sama dengan Universitas Indonesia, Pertamina menggelar pelatihan energi bagi 200 siswa "
           "di Depok, Rabu (5/6/2024).")
MATCH_REPORT = ("Persib Bandung menyerang sejak menit awal dan akhirnya mengalahkan Persija Jakarta 2-0 di "
                "Stadion Gelora Bandung Lautan Api, Minggu (2/6/2024). Gol pertama dicetak lewat sundulan "
                "dari sepak pojok pada menit ke-23, dan gol kedua lahir dari serangan balik cepat. Pelatih "
                "Persib mengatakan timnya bermain disiplin dan pemain bertahan tampil solid sepanjang laga. "
                "Kemenangan ini membawa Persib naik ke puncak klasemen sementara Liga 1 dengan 30 poin, "
                "unggul dua angka dari Borneo FC yang baru bermain imbang melawan Bali United. Suporter "
                "memadati stadion sejak sore dan menyalakan koreografi di tribun utara.")


# ------------------------------------------------------------------------- corpus files and scoring
def test_a_reading_is_stored_as_offsets_and_read_back():
    import event_gold

    body = "Polres Bogor menangkap dua pelaku pencurian motor. Keduanya kini ditahan di Mapolres."
    reading = {"events": [{"type": "COERCE", "mode": None, "source": {"name": "Polres Bogor"},
                           "target": {"name": "pelaku", "described": True},
                           "trigger": "menangkap", "evidence": "Polres Bogor menangkap dua pelaku pencurian motor"},
                          {"type": "ASSAULT", "source": {"name": "X"}, "target": None,
                           "trigger": "memukul", "evidence": "tidak ada di teks"}]}
    stored, problems = event_gold.stored_events(reading, body)
    assert len(stored) == 1 and len(problems) == 1 and "not found" in problems[0]
    event = stored[0]
    assert body[event["trigger"][0]:event["trigger"][1]] == "menangkap"
    assert body[event["span"][0]:event["span"][1]].startswith("Polres Bogor")
    assert "evidence" not in event  # no article text is kept
    assert event["target"] == {"name": "pelaku", "described": True}


def test_two_readings_agree_on_events_by_type_and_actor_names():
    import event_gold

    first = [{"type": "COERCE", "source": {"name": "Polres Bogor"}, "target": {"name": "AR"}}]
    final = [{"type": "COERCE", "source": {"name": "Kepolisian Resor Bogor", "aliases": ["Polres Bogor"]},
              "target": {"name": "AR"}},
             {"type": "ACCUSE", "source": {"name": "Polres Bogor"}, "target": {"name": "AR"}}]
    assert event_gold.agreement(first, final) == (1, 1, 2)


def _record(events):
    return {"text": "", "events": events}


def test_our_actors_match_by_alias_state_code_knowledge_base_or_as_undescribed():
    gold = {"events": [
        {"type": "REQUEST", "source": {"name": "Komisi Pemberantasan Korupsi"}, "target": {"name": "warga", "described": True}},
        {"type": "AGREE", "source": {"name": "Arab Saudi", "country": "SAU"}, "target": {"name": "Indonesia", "country": "IDN"}},
        {"type": "ACCUSE", "source": {"name": "KPK RI", "aliases": ["KPK"]}, "target": {"name": "Budi"}},
    ]}
    preds = [
        {"type": "REQUEST", "source": {"name": "Komisi Pemberantasan Korupsi", "type": "ORG"}, "target": None},
        {"type": "AGREE", "source": {"name": "Saudi Arabia", "type": "GPE", "country": "SAU"},
         "target": {"name": "Indonesia", "type": "GPE", "country": "IDN"}},
        {"type": "ACCUSE", "source": {"name": "Komisi Pemberantasan Korupsi", "type": "ORG", "kb_id": "org:idn-kpk"},
         "target": {"name": "Budi", "type": "PER"}},
    ]
    misses: list[str] = []
    counts = score_events(_record(preds), gold, misses)
    assert counts.tp == 3, misses


def test_a_described_actor_matches_a_described_one_in_other_words_but_never_a_named_one():
    gold = {"events": [{"type": "PROTEST", "source": {"name": "massa aksi", "described": True}, "target": None},
                       {"type": "ASSAULT", "source": {"name": "Polres Depok"}, "target": None}]}
    preds = [{"type": "PROTEST", "source": {"name": "ratusan massa", "type": "GRP", "described": True}, "target": None},
             {"type": "ASSAULT", "source": {"name": "polisi", "type": "GRP", "described": True}, "target": None}]
    assert score_events(_record(preds), gold, []).tp == 1


def test_a_citizen_does_not_stand_for_the_state():
    gold = {"events": [{"type": "CONSULT", "source": {"name": "Indonesia", "country": "IDN"}, "target": None}]}
    pred = [{"type": "CONSULT", "source": {"name": "Budi Gunadi", "type": "PER", "country": "IDN"}, "target": None}]
    assert score_events(_record(pred), gold, []).tp == 0


def test_a_file_read_for_events_only_is_not_scored_on_entities():
    gold = {"id": "x", "layers": ["events"], "events": []}
    record = analyze(SEIZURE, published="2024-06-06").to_dict()
    scored = score_article(record, gold)
    assert set(scored.counts) == {"events"} and scored.counts["events"].pred >= 1


def test_a_republished_article_is_one_body_key():
    assert body_key("Polisi  menangkap\nAR di Bogor.") == body_key("polisi menangkap AR di bogor.")
    assert body_key("Polisi menangkap AR.") != body_key("Polisi menahan AR.")


@pytest.mark.skipif(not (SHARED / "data" / "id_news_detik1000").is_dir(), reason="needs ../shared/data")
def test_no_training_article_repeats_a_dev_or_test_article():
    import train_events

    held = held_out_keys(ROOT / "eval")
    assert held
    for item in train_events.event_articles(list(train_events.TRAIN)):
        assert body_key(item.text) not in held, item.id


def test_the_trainer_refuses_the_test_split():
    import train_events

    with pytest.raises(ValueError, match="test split"):
        train_events.split_dir("unseen-detik")


# ------------------------------------------------------------------------- the learned layer
def test_the_shipped_models_load_and_read_words_of_acts():
    model = default_event_model()
    assert model is not None and "O" in model.labels and "COERCE" in model.labels
    lex = event_lexicon("id")
    assert is_candidate(lex, "digeledah", trained_stems())
    assert not is_candidate(lex, "dan", trained_stems())


def test_one_act_towards_listed_bodies_is_an_event_for_each():
    events = analyze(SEIZURE, published="2024-06-06").events
    seized = {e.target.name for e in events if e.type == "COERCE" and e.source.name == "Kejaksaan Agung" and e.target}
    assert seized == {"PT Alfa Sejahtera", "PT Beta Makmur", "PT Gamma Jaya"}


def test_the_doer_after_a_fronted_phrase_is_the_source():
    events = analyze(FRONTED, published="2024-06-06").events
    assert [(e.type, e.source.name, e.target.name) for e in events] == [("COOPERATE", "Pertamina", "Universitas Indonesia")]


def test_a_match_report_is_quiet_news_and_codes_no_attack():
    kind = default_news_kind()
    assert kind is not None and kind.quiet_probability(MATCH_REPORT) > 0.8
    assert not [e for e in analyze(MATCH_REPORT, published="2024-06-03").events if e.type == "ASSAULT"]


def test_every_event_carries_a_calibrated_confidence_and_how_it_was_found():
    events = analyze(SEIZURE, published="2024-06-06").events
    assert events
    for e in events:
        assert 0.0 < e.confidence < 1.0
        assert e.found_by.split(":")[0] in ("clause", "carried") and e.found_by.split(":")[1] in ("high", "mid", "low")
        assert e.to_dict()["confidence"] == e.confidence


# ------------------------------------------------------------------------- store, CLI, API, dashboard
@pytest.fixture()
def event_store(tmp_path):
    db = tmp_path / "events.duckdb"
    with Store.open(db) as store:
        store.add(analyze(SEIZURE, id="sita", published="2024-06-06"))
    return db


def test_events_are_filtered_by_confidence_in_the_store_cli_and_api(event_store):
    with Store.open(event_store, read_only=True) as store:
        rows = queries.events(store)
        assert rows and all(r["confidence"] is not None for r in rows)
        top = max(r["confidence"] for r in rows)
        assert queries.events(store, min_confidence=top + 0.001) == []
        assert len(queries.events(store, min_confidence=top)) >= 1
    out = runner.invoke(app, ["events", "--db", str(event_store), "--min-confidence", "0.99", "-f", "json"])
    assert out.exit_code == 0 and out.output.strip() == ""
    out = runner.invoke(app, ["events", "--db", str(event_store), "-f", "plover"])
    assert out.exit_code == 0 and all("confidence" in json.loads(line) for line in out.output.splitlines())
    out = runner.invoke(app, ["events", "--db", str(event_store), "-f", "gdelt"])
    assert out.output.splitlines()[0].endswith("Confidence")
    with TestClient(create_app(event_store)) as client:
        assert client.get("/api/events", params={"min_confidence": 0.99}).json()["items"] == []
        assert client.get("/api/events").json()["items"][0]["confidence"] > 0


def test_the_dashboard_shows_each_event_s_confidence(event_store):
    with TestClient(create_app(event_store)) as client:
        page = client.get("/events", params={"lang": "en"}).text
        article = client.get("/article/sita", params={"lang": "en"}).text
    assert "Confidence" in page and "%" in page[page.index('id="events"'):]
    assert "Confidence" in article[article.index('id="events"'):]


def test_a_version_6_store_gains_event_confidence(tmp_path):
    path = tmp_path / "v6.duckdb"
    with Store.open(path) as store:
        store.add(analyze(SEIZURE, id="sita", published="2024-06-06"))
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE events DROP COLUMN confidence")
    con.execute("UPDATE schema_version SET version = 6")
    con.close()
    with Store.open(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION == 13
        assert queries.events(store) and queries.events(store, min_confidence=0.1) == []


# ------------------------------------------------------------------------- rebuild
@pytest.mark.skipif(not (SHARED / "data" / "id_news_clickid").is_dir(), reason="needs ../shared/data")
def test_the_shipped_event_models_are_what_their_training_data_gives():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "train_events.py"), "--check"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------------------- people listed by initials
def test_people_listed_by_initials_are_persons_and_the_ones_acted_on():
    text = ("Kejaksaan Negeri Kuningan telah melakukan penetapan tersangka terhadap 3 orang, yakni MY, MF, "
            "dan IP pada Selasa (14/10/2025). Ketiganya diduga terlibat korupsi dana desa.")
    article = analyze(text, published="2025-10-15")
    assert {e.name for e in article.entities if e.type == "PER"} == {"MY", "MF", "IP"}
    accused = {e.target.name for e in article.events if e.type == "ACCUSE" and e.target}
    assert accused == {"MY", "MF", "IP"}


def test_initials_said_as_such_beat_a_country_code_there_only():
    text = ("Polisi menangkap dua pelaku berinisial AS dan RT di Bekasi. RT mengaku menjual barang curian "
            "itu seharga 500 dolar AS kepada penadah.")
    article = analyze(text, published="2025-10-15")
    people = {e.name: len(e.mentions) for e in article.entities if e.type == "PER"}
    assert people == {"AS": 1, "RT": 2}
    usa = [e for e in article.entities if e.type == "GPE" and e.country == "USA"]
    assert usa and usa[0].mentions[0].text == "AS"  # `dolar AS` is still the United States' dollar


def test_initials_a_label_a_rank_or_the_word_inisial_puts_before_them_are_people():
    text = ("Seorang pegawai BUMD Kabupaten Majalengka, berinisial DS, ditetapkan sebagai tersangka. "
            "Tersangka FM telah meloloskan pemenang lelang. Dua personel, Bripda AG dan Bripda AN, diperiksa. "
            "Polisi menahan empat tersangka, masing-masing berinisial S, DP, ABT, dan HS. "
            "Korban AS dan saksi KPK tidak hadir.")
    people = {e.name for e in analyze(text, published="2025-10-15").entities if e.type == "PER"}
    assert people == {"DS", "FM", "AG", "AN", "S", "DP", "ABT", "HS"}  # `korban AS`, `saksi KPK`: no one's initials


def test_the_staff_named_after_a_passive_act_for_their_body():
    text = ("Artis Nikita Mirzani ditahan penyidik Direktorat Reserse Siber Polda Metro Jaya sejak 4 Maret 2025 "
            "atas dugaan pemerasan.")
    events = [e for e in analyze(text, published="2025-10-15").events if e.type == "COERCE"]
    assert [(e.source.name, e.target.name if e.target else None) for e in events] == [
        ("Direktorat Reserse Siber Polda Metro Jaya", "Nikita Mirzani")]


def test_a_body_inside_a_title_gives_way_to_the_person_the_title_names():
    text = ("KPK menahan mantan Ketua DPRD Jatim Kusnadi terkait kasus dugaan suap dana hibah pada Kamis (2/10/2025). "
            "Gubernur Jawa Barat Dedi Mulyadi bertemu dengan Ketua DPRD Jabar, Buky Wibawa, di Bandung.")
    events = analyze(text, published="2025-10-15").events
    targets = {e.type: e.target.name for e in events if e.target}
    assert targets.get("COERCE") == "Kusnadi"
    assert targets.get("CONSULT") == "Buky Wibawa"


def test_a_list_of_known_bodies_is_not_read_as_initials():
    text = "Para saksi yang diperiksa yaitu BPK, KPK dan PPATK menyerahkan dokumen di Jakarta."
    assert not [e for e in analyze(text, published="2025-10-15").entities if e.type == "PER"]


def test_a_fronted_list_is_not_a_subject_and_commas_alone_list_nothing():
    listed = analyze("Mengecam Israel, Amerika Serikat, dan Inggris, Iran mengancam akan menutup Selat Hormuz.",
                     published="2025-10-15").events
    assert not [e for e in listed if e.source and e.source.name == "United States"]
    clauses = analyze("Polres Bogor menangkap Budi Santoso, Joko Widodo mengatakan penangkapan itu sah.",
                      published="2025-10-15").events
    assert [e.target.name for e in clauses if e.type == "COERCE" and e.target] == ["Budi Santoso"]


def test_a_former_office_holder_is_not_today_s():
    events = analyze("Mantan Presiden mengecam Israel atas serangan ke Gaza pada Senin (13/10/2025).",
                     published="2025-10-15").events
    assert not [e for e in events if e.source and e.source.name in ("Prabowo Subianto", "Joko Widodo")]


def test_a_long_list_of_initials_names_each_person():
    import itertools

    names = ["".join(p) for p in itertools.islice(itertools.product("ABCDEFGHJK", repeat=3), 400)]
    text = "Polisi menetapkan para tersangka yakni " + ", ".join(names) + " sebagai buronan."
    article = analyze(text * 3, lang="id", published="2025-10-15")
    assert len([e for e in article.entities if e.type == "PER"]) >= 100


# ------------------------------------------------------------------------- one act, many reports
@pytest.fixture(scope="module")
def linked_samples(tmp_path_factory):
    from jejak.provenance.linker import link

    db = tmp_path_factory.mktemp("acts") / "samples.duckdb"
    recs = [json.loads(line) for line in (ROOT / "samples" / "articles.jsonl").open(encoding="utf-8")]
    with Store.open(db) as store:
        for r in recs:
            store.add(analyze(r["text"], url=r["url"], id=r["id"], published=r.get("published"), title=r.get("title")))
        link(store)
    return db


def test_an_act_reported_by_two_articles_of_a_story_is_one_act(linked_samples):
    with Store.open(linked_samples, read_only=True) as store:
        rows = queries.events(store, type="SUPPORT", actor="NATO")
        acts = queries.acts(store, type="SUPPORT", actor="NATO")
        all_events, all_acts = queries.events(store, limit=None), queries.acts(store, limit=None)
    assert len(rows) == 2 and len({r["article_id"] for r in rows}) == 2
    assert len(acts) == 1 and acts[0]["reports"] == 2 and acts[0]["outlets"] == 2
    assert sorted(acts[0]["articles"]) == sorted(r["article_id"] for r in rows)
    assert len(all_acts) < len(all_events)
    assert sum(a["reports"] for a in all_acts) == len(all_events)


def test_a_changed_mode_is_another_act(linked_samples):
    with Store.open(linked_samples, read_only=True) as store:
        modes = {a["mode"] for a in queries.acts(store, type="MOBILIZE", limit=None)}
    assert len(modes) == 2  # the spun copy turned `akan mengirim` into `tidak akan mengirim`


def test_acts_in_the_cli_api_and_dashboard(linked_samples):
    out = runner.invoke(app, ["events", "--db", str(linked_samples), "--acts", "-f", "json"])
    assert out.exit_code == 0 and all("reports" in json.loads(line) for line in out.output.splitlines())
    refused = runner.invoke(app, ["events", "--db", str(linked_samples), "--acts", "-f", "gdelt"])
    assert refused.exit_code != 0 and "--acts" in refused.output
    with TestClient(create_app(linked_samples)) as client:
        items = client.get("/api/acts", params={"type": "SUPPORT"}).json()["items"]
        page = client.get("/events", params={"lang": "en"}).text
    assert items and items[0]["reports"] == 2
    assert "acts in" in page
