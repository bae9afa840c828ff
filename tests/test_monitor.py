"""The monitor's desk: watchlists matched as articles are stored (every write path), alerts with
their evidence, webhooks, the Atom feed, trends and movers, the CLI and the API, and the store's
lists as DataFrames. Fixture articles are our own, written in the style of Indonesian news."""

from __future__ import annotations

import http.server
import json
import threading
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jejak.cli import app as cli
from jejak.pipeline import analyze
from jejak.store import SCHEMA_VERSION, Store, trends
from jejak.watch import Rule, WatchError, add_watch, remove_watch, watchlists
from jejak.watch import store as alert_store
from jejak.watch import webhook

REPO = Path(__file__).resolve().parents[1]

KEUANGAN = (
    "JAKARTA, KABARUJI.com - Menteri Keuangan Sri Mulyani Indrawati mengatakan defisit anggaran tahun depan "
    "dijaga di bawah 3 persen dari produk domestik bruto. \"Kami tetap disiplin menjaga defisit agar utang "
    "tidak membengkak,\" kata Sri Mulyani di Gedung DPR, Jakarta, Senin (3/11/2025).\n"
    "Presiden Joko Widodo sebelumnya meminta kementerian menghemat belanja perjalanan dinas. Jokowi juga "
    "meminta pembahasan RUU KPK ditunda hingga tahun depan.\n"
)
KPK = (
    "JAKARTA, WARTAKITA.com - Komisi Pemberantasan Korupsi (KPK) menuduh seorang pejabat Kementerian "
    "Pertanian menerima suap proyek irigasi senilai Rp 12 miliar. Juru bicara KPK Budi Prasetyo mengatakan "
    "penyidik telah memeriksa tujuh saksi pada Selasa (4/11/2025).\n"
    "\"Kami menduga ada aliran dana ke rekening keluarga tersangka,\" ujar Budi di Gedung Merah Putih.\n"
)
BOLA = (
    "BANDUNG, KABARBOLA.com - Persib Bandung menang 2-0 atas tamu mereka pada laga pekan kesepuluh, Rabu "
    "(5/11/2025). Pelatih Persib mengatakan para pemain tampil disiplin sejak menit pertama. Gol dicetak pada "
    "babak kedua di depan puluhan ribu penonton.\n"
)


def _record(text: str, id: str, published: str, url: str) -> dict:
    return analyze(text, id=id, published=published, url=url, title=text.split(" - ")[1][:60]).to_dict()


@pytest.fixture()
def records() -> list[dict]:
    return [_record(KEUANGAN, "keu", "2025-11-03", "https://kabaruji.example/keu"),
            _record(KPK, "kpk", "2025-11-04", "https://wartakita.example/kpk"),
            _record(BOLA, "bola", "2025-11-05", "https://kabarbola.example/bola")]


@pytest.fixture()
def store(tmp_path):
    with Store.open(tmp_path / "m.duckdb") as s:
        yield s


def _alerts(store: Store, **filters) -> list[dict]:
    return alert_store.alerts(store, limit=None, **filters)


# ------------------------------------------------------------------------------ rules

def test_rules_are_checked_and_say_what_to_change(store):
    with pytest.raises(WatchError, match="cannot name a watchlist"):
        add_watch(store, "a/b", [Rule("entity", "KPK")])
    with pytest.raises(WatchError, match="not a PLOVER event type"):
        add_watch(store, "desk", [Rule("event", "SHOUT")])
    with pytest.raises(WatchError, match="http"):
        add_watch(store, "desk", [Rule("entity", "KPK")], webhook="file:///etc/passwd")
    with pytest.raises(WatchError, match="--actor"):
        add_watch(store, "desk", [Rule("entity", "KPK", actor="DPR")])
    with pytest.raises(WatchError, match="at least one rule"):
        add_watch(store, "desk", [])
    assert watchlists(store) == []  # nothing half-made
    made = add_watch(store, "desk", [Rule("event", "accuse", "KPK"), Rule("entity", "KPK")])
    again = add_watch(store, "desk", [Rule("entity", "KPK"), Rule("text", "RUU KPK")])  # the same rule once
    assert [r.kind for r in again.rules] == ["event", "entity", "text"] and made.rules[0].value == "ACCUSE"
    assert made.rules[1].min_confidence == 0.7 and again.rules[2].min_confidence == 0.0  # defaults by kind
    assert remove_watch(store, "desk") and not remove_watch(store, "desk") and watchlists(store) == []


# ------------------------------------------------------------------------------ matching on ingest

def test_each_kind_of_rule_raises_alerts_with_their_evidence(store, records):
    add_watch(store, "desk", [Rule("entity", "Jokowi"), Rule("speaker", "Sri Mulyani"), Rule("text", "ruu kpk"),
                              Rule("event", "ACCUSE", "KPK", min_confidence=0.0)])
    stats = store.add_many(records)
    assert stats.stored == 3 and stats.alerts == len(_alerts(store))
    found = {a["kind"]: a for a in _alerts(store)}
    assert set(found) == {"entity", "speaker", "text", "event"}
    texts = {r["id"]: r["text"] for r in records}
    by_id = {aid: rid for aid, rid in store.con.execute("SELECT article_id, input_id FROM articles").fetchall()}
    for kind, alert in found.items():  # each alert's span is its evidence in the stored text
        text = texts[by_id[alert["article_id"]]]
        assert 0 <= alert["start"] < alert["end"] <= len(text), kind
    entity, phrase, event = (found[k] for k in ("entity", "text", "event"))
    assert by_id[entity["article_id"]] == "keu" and "Joko Widodo" in entity["headline"]  # the alias finds him
    assert texts["keu"][phrase["start"]:phrase["end"]] == "RUU KPK"
    said = [texts["keu"][a["start"]:a["end"]] for a in _alerts(store, kind="speaker")]
    assert len(said) == 2 and any("disiplin menjaga defisit" in x for x in said)  # each quote is news
    assert by_id[event["article_id"]] == "kpk" and event["headline"].startswith("ACCUSE")
    assert not [a for a in _alerts(store) if by_id[a["article_id"]] == "bola"]  # the match report stays quiet


def test_phrases_match_whole_words_in_any_case_and_the_title_counts():
    from jejak.watch.matcher import Matcher

    rules = [("d", 0, Rule("text", "RUU KPK").checked()), ("d", 1, Rule("text", "banjir").checked())]
    matcher = Matcher(rules)
    assert not matcher.match("x", {"text": "Soal RUU KPKNL dan kebanjiran rob.", "title": ""})
    hit = matcher.match("x", {"text": "Pembahasan ruu   kpk ditunda.", "title": ""})
    assert [(a.rule_no, a.start, a.end) for a in hit] == [(0, 11, 20)]
    titled = matcher.match("x", {"text": "Air naik setinggi lutut.", "title": "Banjir Rendam Kampung"})
    assert [(a.rule_no, a.start, a.evidence) for a in titled] == [(1, None, "Banjir Rendam Kampung")]


def test_doubtful_claims_raise_no_alert_unless_the_rule_asks_for_less(store):
    rec = {"text": "Rapat dipimpin Pak Kumis kemarin.", "entities": [
        {"name": "Pak Kumis", "type": "PER", "mentions": [[15, 24]], "confidence": 0.4}]}
    add_watch(store, "strict", [Rule("entity", "Kumis")])
    add_watch(store, "loose", [Rule("entity", "Kumis", min_confidence=0.3)])
    assert store.add_many([rec]).alerts == 1
    assert [a["watch"] for a in _alerts(store)] == ["loose"]


def test_alerts_are_raised_once_and_a_new_watch_looks_back_only_when_asked(store, records):
    store.add_many(records[:1])
    add_watch(store, "desk", [Rule("speaker", "Sri Mulyani")])
    assert _alerts(store) == []  # stored before the watchlist
    again = store.add_many(records)  # the same article again is a duplicate and raises nothing new
    assert again.duplicates == 1 and again.alerts == 0 and _alerts(store) == []
    assert alert_store.backfill(store, "desk") == 2 and alert_store.backfill(store, "desk") == 0  # her two quotes
    with pytest.raises(Exception, match="no watchlist"):
        alert_store.backfill(store, "nope")


def test_a_record_the_matcher_cannot_read_is_stored_and_raises_nothing(store, records, monkeypatch):
    from jejak.watch.matcher import Matcher

    read = Matcher._speakers

    def choke(self, aid, doc, out):
        if doc.record.get("id") == "keu":
            raise TypeError("a record of a shape nobody planned for")
        return read(self, aid, doc, out)

    monkeypatch.setattr(Matcher, "_speakers", choke)
    add_watch(store, "desk", [Rule("speaker", "Sri Mulyani"), Rule("speaker", "Budi Prasetyo")])
    stats = store.add_many(records)
    assert stats.stored == 3 and stats.failed == []
    assert {a["headline"] for a in _alerts(store)} == {"Budi Prasetyo"}


def test_distorted_copies_raise_alerts_when_linked(tmp_path):
    from jejak.provenance.linker import link

    result = CliRunner().invoke(cli, ["ingest", str(REPO / "samples"), "--db", str(tmp_path / "s.duckdb"), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "s.duckdb") as store:
        add_watch(store, "copies", [Rule("distortion", min_confidence=0.0)])
        add_watch(store, "sure", [Rule("distortion")])  # only changes stated as found: none in the samples
        add_watch(store, "flips", [Rule("distortion", "negation-flip", min_confidence=0.0)])
        with pytest.raises(WatchError, match="not a kind of change"):
            add_watch(store, "bad", [Rule("distortion", "spin")])
        stats = link(store)
        found = _alerts(store)
        flips = [a for a in found if a["watch"] == "flips"]
        found = [a for a in found if a["watch"] != "flips"]
        assert stats.distortions > 0 and len(found) == stats.distortions and stats.alerts == len(found) + len(flips)
        assert {a["watch"] for a in found} == {"copies"} and all(a["original"] for a in found)
        assert flips and all(a["headline"].startswith("negation-flip") for a in flips)
        pairs = store.con.execute("SELECT DISTINCT original, copy FROM distortions").fetchall()
        assert {(a["original"], a["article_id"]) for a in found} == set(pairs)


def test_the_batch_loader_matches_the_new_articles(tmp_path):
    from jejak.batch.runner import run

    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps({"id": i, "text": t, "published": d, "url": f"https://x.example/{i}"},
                                       ensure_ascii=False) + "\n"
                            for i, t, d in (("keu", KEUANGAN, "2025-11-03"), ("kpk", KPK, "2025-11-04"))),
                    encoding="utf-8")
    db = tmp_path / "b.duckdb"
    with Store.open(db) as store:
        add_watch(store, "desk", [Rule("text", "RUU KPK"), Rule("speaker", "Budi Prasetyo")])
    stats = run([str(data)], str(db), engine="local", workers=1, partition_size=1)
    assert stats.stored == 2
    with Store.open(db, read_only=True) as store:
        assert {a["kind"] for a in _alerts(store)} == {"speaker", "text"}


# ------------------------------------------------------------------------------ webhook

class _Hook(http.server.BaseHTTPRequestHandler):
    answers: list[int] = []
    bodies: list[dict] = []

    def do_POST(self):  # noqa: N802 - the handler's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).bodies.append(body)
        self.send_response(type(self).answers.pop(0) if type(self).answers else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def hook():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.answers, _Hook.bodies = [], []
    yield f"http://127.0.0.1:{server.server_port}/hook", _Hook
    server.shutdown()


def test_the_webhook_gets_each_new_alert_and_is_tried_again_after_a_server_error(store, records, hook, monkeypatch):
    monkeypatch.setattr(webhook, "BACKOFF_S", (0.0,))
    url, handler = hook
    handler.answers = [503]  # the first try fails, the second is taken
    add_watch(store, "desk", [Rule("speaker", "Sri Mulyani")], webhook=url)
    add_watch(store, "quiet", [Rule("text", "defisit")])  # no webhook: nothing is posted for it
    store.add_many(records)
    assert len(handler.bodies) == 2 and handler.bodies[0] == handler.bodies[1]
    body = handler.bodies[-1]
    assert body["watch"] == "desk" and len(body["alerts"]) == 2  # her two quotes, in one POST
    sent = body["alerts"][0]
    assert sent["kind"] == "speaker" and sent["evidence_path"].startswith("/article/") and "?at=" in sent["evidence_path"]
    delivered = dict(store.con.execute("SELECT watch, delivered FROM alerts").fetchall())
    assert delivered["desk"].startswith("delivered (200)") and delivered["quiet"] is None


def test_a_webhook_that_is_down_is_noted_and_the_ingest_goes_on(store, records, monkeypatch):
    monkeypatch.setattr(webhook, "BACKOFF_S", (0.0,))
    add_watch(store, "desk", [Rule("text", "defisit")], webhook="http://127.0.0.1:9/nothing-listens")
    stats = store.add_many(records)
    assert stats.stored == 3 and stats.alerts == 1
    (delivered,) = store.con.execute("SELECT delivered FROM alerts").fetchone()
    assert delivered.startswith("failed after 3 tries")


# ------------------------------------------------------------------------------ feed

def test_the_atom_feed_lists_alerts_with_links_to_their_evidence(store, records):
    feedparser = pytest.importorskip("feedparser")
    from jejak.watch.feed import atom

    add_watch(store, "desk", [Rule("text", "defisit"), Rule("speaker", "Budi Prasetyo")])
    store.add_many(records)
    rows = _alerts(store)
    rows[0]["headline"] = "<b>&\x01 tanda</b>"  # hostile text stays text, control characters go
    parsed = feedparser.parse(atom("desk", rows, "http://127.0.0.1:8000"))
    assert not parsed.bozo and parsed.feed.title == "jejak · desk" and len(parsed.entries) == len(rows) == 3
    assert all("/article/" in e.link and "?at=" in e.link and e.link.endswith("#evidence") for e in parsed.entries)
    assert parsed.entries[0].title.startswith(f"[{rows[0]['kind']}] <b>& tanda</b>")  # read back as the text it was


# ------------------------------------------------------------------------------ trends

def test_trends_count_mentions_quotes_and_events_per_day(store, records):
    store.add_many(records)
    rows = trends.entity_trend(store, "KPK")
    assert {r["measure"] for r in rows} >= {"mentions", "events"}
    assert all(r["series"] == "wartakita.example" for r in rows if r["day"] == date(2025, 11, 4))
    by_type = trends.entity_trend(store, "KPK", by="type")
    assert "ACCUSE" in {r["series"] for r in by_type if r["measure"] == "events"}
    side = trends.compare(store, ["KPK", "Sri Mulyani"])
    assert {r["series"] for r in side} == {"KPK", "Sri Mulyani"}
    assert trends.entity_trend(store, "Tidak Ada Orang Ini") == []
    with pytest.raises(Exception, match="split by"):
        trends.entity_trend(store, "KPK", by="colour")


def test_movers_rank_what_grew_this_week_against_the_week_before(store):
    def rec(i: int, day: str, name: str) -> dict:
        return {"id": f"r{i}", "text": f"Berita nomor {i} tentang {name}.", "published": day,
                "entities": [{"name": name, "type": "PER", "mentions": [[20 + len(str(i)), 20 + len(str(i)) + len(name)]],
                              "confidence": 0.9}]}
    rows = [rec(i, "2025-11-10", "Ani Lestari") for i in range(4)] + [rec(10 + i, "2025-11-01", "Budi Hartono")
                                                                       for i in range(3)]
    rows += [rec(20, "2025-11-09", "Budi Hartono")]
    store.add_many(rows)
    top = trends.movers(store, days=7)
    assert [m["name"] for m in top] == ["Ani Lestari"]  # Budi fell from 3 to 1
    assert top[0]["now"] == 4 and top[0]["before"] == 0 and top[0]["until"] == date(2025, 11, 10)


# ------------------------------------------------------------------------------ CLI

def test_watch_alerts_and_trends_commands(tmp_path, records):
    db = str(tmp_path / "c.duckdb")
    with Store.open(db) as store:
        store.add_many(records)
    run = CliRunner().invoke
    made = run(cli, ["watch", "add", "desk", "--speaker", "Sri Mulyani", "--text", "RUU KPK", "--event-type",
                     "ACCUSE", "--actor", "KPK", "--min-confidence", "0", "--backfill", "--db", db])
    assert made.exit_code == 0, made.output
    assert "quotes by Sri Mulyani" in made.output and "4 alert(s)" in made.output
    listed = run(cli, ["watch", "list", "--db", db, "-f", "json"])
    assert json.loads(listed.output.splitlines()[0])["alerts"] == 4
    rows = [json.loads(x) for x in run(cli, ["alerts", "--db", db, "-f", "json"]).output.splitlines()]
    assert sorted(r["kind"] for r in rows) == ["event", "speaker", "speaker", "text"]
    assert run(cli, ["alerts", "--db", db, "--since", "2099-01-01"]).output.startswith("no alerts")
    assert run(cli, ["alerts", "--db", db, "--since", "lusa"]).exit_code == 2
    csv_out = run(cli, ["trends", "KPK", "--by", "type", "--db", db, "-f", "csv"]).output
    assert csv_out.startswith("day,series,measure,count") and "ACCUSE" in csv_out
    assert "Sri Mulyani" in run(cli, ["trends", "KPK", "Sri Mulyani", "--db", db, "-f", "csv"]).output
    assert "alerts" in run(cli, ["trends", "--watch", "desk", "--db", db, "-f", "csv"]).output
    assert run(cli, ["trends", "--movers", "--db", db, "-f", "json"]).exit_code == 0
    assert run(cli, ["trends", "--db", db]).exit_code == 2  # nothing to count
    bad = run(cli, ["trends", "--movers", "--until", "2025-13-01", "--db", db])
    assert bad.exit_code == 2 and "is not a date" in bad.output
    assert run(cli, ["watch", "add", "x", "--actor", "KPK", "--db", db]).exit_code == 2
    assert run(cli, ["watch", "add", "x", "--place", "Jabar", "--db", db]).exit_code == 2
    placed = run(cli, ["watch", "add", "jabar", "--event-type", "PROTEST", "--place", "Jawa Barat", "--db", db])
    assert placed.exit_code == 0 and "events of type PROTEST in Jawa Barat" in placed.output
    assert run(cli, ["watch", "remove", "nope", "--db", db]).exit_code == 1
    assert run(cli, ["watch", "remove", "desk", "--db", db]).exit_code == 0
    assert run(cli, ["alerts", "--db", db]).output.startswith("no alerts")


# ------------------------------------------------------------------------------ API

@pytest.fixture()
def api(tmp_path, records):
    from fastapi.testclient import TestClient

    from jejak.api.app import create_app

    db = tmp_path / "a.duckdb"
    with Store.open(db) as store:
        store.add_many(records[:2])
    with TestClient(create_app(str(db), allow_write=True, token="tok")) as client:
        yield client


def test_api_watchlists_alerts_feed_trends_and_downloads(api, records):
    import io

    import pyarrow.parquet as pq

    auth = {"Authorization": "Bearer tok"}
    body = {"name": "desk", "rules": [{"kind": "speaker", "value": "Budi Prasetyo"}, {"kind": "text", "value": "gol"}]}
    assert api.post("/api/watchlists", json=body).status_code == 401
    made = api.post("/api/watchlists", json=body, headers=auth)
    assert made.status_code == 201 and [r["kind"] for r in made.json()["rules"]] == ["speaker", "text"]
    assert api.post("/api/watchlists", json={"name": "x", "rules": [{"kind": "event", "value": "NOPE"}]},
                    headers=auth).status_code == 422
    stored = api.post("/api/ingest", json={"records": [{"id": "bola", "text": BOLA, "published": "2025-11-05"}]},
                      headers=auth)
    assert stored.status_code == 200 and stored.json()["stored"] == 1
    alerts = api.get("/api/alerts", params={"watch": "desk"}).json()["items"]
    assert [a["kind"] for a in alerts] == ["text"] and alerts[0]["headline"] == "gol"
    feed = api.get("/feeds/watch/desk.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert "?at=" in feed.text and api.get("/feeds/watch/nope.atom").status_code == 404
    csv_file = api.get("/api/alerts", params={"format": "csv"})
    assert csv_file.headers["content-disposition"] == 'attachment; filename="alerts.csv"'
    assert csv_file.text.startswith("alert_id,")
    table = pq.read_table(io.BytesIO(api.get("/api/quotes", params={"format": "parquet"}).content))
    assert table.num_rows == len(api.get("/api/quotes").json()["items"]) and "speaker" in table.column_names
    lines = api.get("/api/events", params={"format": "jsonl"}).text.splitlines()
    assert lines and all(json.loads(x)["type"] for x in lines)
    trend = api.get("/api/trends", params={"entity": "KPK"}).json()["items"]
    assert trend and {"day", "series", "measure", "count"} == set(trend[0])
    assert api.get("/api/trends/compare", params={"entity": ["KPK", "Jokowi"]}).status_code == 200
    assert api.get("/api/trends/compare", params={"entity": "KPK"}).status_code == 422
    assert api.get("/api/trends/watch/desk").json()["items"][0]["measure"] == "alerts"
    assert api.get("/api/trends/movers").status_code == 200
    assert "next_offset" not in api.get("/api/trends", params={"entity": "KPK"}).json()  # whole lists, not pages
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/trends", "/api/trends/compare", "/api/trends/movers", "/api/alerts", "/api/watchlists",
            "/feeds/watch/{name}.atom"} <= set(paths)
    assert api.delete("/api/watchlists/desk").status_code == 401
    assert api.delete("/api/watchlists/desk", headers=auth).json() == {"removed": "desk"}
    assert api.delete("/api/watchlists/desk", headers=auth).status_code == 404


# ------------------------------------------------------------------------------ DataFrames

def test_the_store_gives_its_lists_as_dataframes(store, records):
    pytest.importorskip("pandas")
    import jejak

    store.add_many(records)
    add_watch(store, "desk", [Rule("text", "defisit")])
    alert_store.backfill(store, "desk")
    quotes = store.quotes(speaker="Sri Mulyani")
    assert len(quotes) == 2 and set(quotes["speaker"]) == {"Sri Mulyani Indrawati"}
    assert len(store.quotes()) == store.count("quotes") and len(store.events(type="ACCUSE")) >= 1
    assert list(store.alerts()["kind"]) == ["text"] and len(store.articles(q="Persib")) == 1
    assert set(store.trends("KPK")["measure"]) >= {"mentions"} and jejak.Store is Store


def test_a_version_10_store_gains_the_monitor_tables(tmp_path, records):
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.add_many(records)
        store.con.execute("DROP TABLE alerts; DROP TABLE watch_rules; DROP TABLE watchlists")
        store.con.execute("UPDATE schema_version SET version = 10")
    with Store.open(path, read_only=True) as store:  # upgraded once on open, the articles kept
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert store.count("articles") == 3 and store.count("alerts") == 0 and watchlists(store) == []


def test_the_server_posts_webhooks_from_a_thread_of_its_own(api, hook, monkeypatch):
    import time

    monkeypatch.setattr(webhook, "BACKOFF_S", (0.0,))
    url, handler = hook
    auth = {"Authorization": "Bearer tok"}
    assert api.post("/api/watchlists", json={"name": "bola", "rules": [{"kind": "text", "value": "Persib"}],
                                              "webhook": url}, headers=auth).status_code == 201
    stored = api.post("/api/ingest", json={"records": [{"id": "bola", "text": BOLA, "published": "2025-11-05"}]},
                      headers=auth)
    assert stored.json()["stored"] == 1
    waited = 0.0
    while not handler.bodies and waited < 30:  # the request answered before the POST was made
        time.sleep(0.05)
        waited += 0.05
    assert handler.bodies and handler.bodies[0]["watch"] == "bola"
    while waited < 30 and not api.get("/api/alerts").json()["items"][0]["delivered"]:
        time.sleep(0.05)
        waited += 0.05
    assert api.get("/api/alerts").json()["items"][0]["delivered"].startswith("delivered (200)")


def test_the_same_rule_in_another_case_is_one_rule_and_raises_one_alert(store, records):
    add_watch(store, "desk", [Rule("entity", "KPK")])
    again = add_watch(store, "desk", [Rule("entity", "kpk", min_confidence=0.5), Rule("entity", " KPK ")])
    assert len(again.rules) == 1 and again.rules[0].min_confidence == 0.7  # the last one given sets the floor
    store.add_many(records)
    found = [a["article_id"] for a in _alerts(store)]
    assert found and len(found) == len(set(found))  # one alert per article that names KPK, not two


def test_a_webhook_that_does_not_speak_http_is_noted_and_the_batches_go_on(store, records, monkeypatch):
    import socket

    monkeypatch.setattr(webhook, "BACKOFF_S", (0.0,))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def answer() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(b"SSH-2.0-OpenSSH_9.0\r\n")
            conn.close()

    threading.Thread(target=answer, daemon=True).start()
    add_watch(store, "desk", [Rule("text", "defisit"), Rule("text", "KPK")],
              webhook=f"http://127.0.0.1:{listener.getsockname()[1]}/hook")
    try:
        stats = store.add_many(records, batch_size=1)  # three batches, each delivering after its commit
    finally:
        listener.close()
    assert stats.stored == 3 and stats.alerts >= 2
    outcomes = [d for (d,) in store.con.execute("SELECT delivered FROM alerts").fetchall()]
    assert len(outcomes) == stats.alerts and all(d.startswith("failed after") for d in outcomes)


@pytest.fixture(autouse=True)
def _no_remembered_failures():
    webhook._failed_at.clear()
    yield
    webhook._failed_at.clear()


def test_an_event_rule_with_a_place_hears_of_acts_inside_that_province(store):
    def rec(i: int, place: str | None) -> dict:
        text = f"Warga menggelar unjuk rasa nomor {i} di depan kantor bupati."
        return {"id": f"demo-{i}", "text": text, "events": [
            {"type": "PROTEST", "location": place, "confidence": 0.9, "evidence": {"start": 6, "end": 25},
             "source": {"name": "warga", "type": "PER"}}]}
    add_watch(store, "jabar", [Rule("event", "PROTEST", place="Jabar")])
    with pytest.raises(WatchError, match="--place"):
        add_watch(store, "x", [Rule("entity", "KPK", place="Jawa Barat")])
    store.add_many([rec(1, "Bandung"), rec(2, "Cibinong"), rec(3, "Sleman"), rec(4, "Jawa Barat"), rec(5, None)])
    found = sorted(a["headline"] for a in _alerts(store))
    assert len(found) == 3 and all("@ " in h for h in found)  # Bandung and Cibinong lie in it; Sleman does not
    assert "in Jabar" in watchlists(store)[0].rules[0].describe()


def test_since_takes_dates_moments_and_ages():
    from datetime import datetime

    from jejak.watch.store import _day

    now = datetime(2025, 11, 5, 14, 30)
    assert _day("yesterday", "since", now) == datetime(2025, 11, 4) and _day("kemarin", "since", now) == datetime(2025, 11, 4)
    assert _day("today", "since", now) == datetime(2025, 11, 5)
    assert _day("2d", "since", now) == datetime(2025, 11, 3, 14, 30) and _day("12h", "since", now) == datetime(2025, 11, 5, 2, 30)
    assert _day("2025-11-01T08:00", "since", now) == datetime(2025, 11, 1, 8) and _day(None, "since") is None
    with pytest.raises(Exception, match="an age such as 2d"):
        _day("lusa", "since", now)
