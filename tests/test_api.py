"""The REST API: pages and stable order, JSON and CSV, errors as JSON, the write token, and a
Schemathesis run over the OpenAPI schema that must never see a 5xx."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import schemathesis  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from jejak.api import create_app  # noqa: E402
from jejak.api.deps import ServeConfig, token_ok  # noqa: E402
from jejak.cli import app as cli  # noqa: E402
from jejak.provenance.linker import link  # noqa: E402
from jejak.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(REPO / "samples"), "--db", str(path)])
    assert result.exit_code in (0, 1), result.output
    with Store.open(path) as store:
        link(store)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture()
def writer(tmp_path, db):
    import shutil

    copy = tmp_path / "w.duckdb"
    shutil.copy(db, copy)
    with TestClient(create_app(str(copy), allow_write=True, token=TOKEN)) as c:
        yield c


def test_health_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["articles"] >= 9 and health["read_only"] is True
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/quotes", "/api/entities", "/api/events", "/api/stories", "/api/analyze",
            "/api/ingest"} <= set(spec["paths"])


def test_docs_are_served_without_a_cdn(client):
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_pages_are_stable_and_complete(client):
    first = client.get("/api/quotes", params={"limit": 7}).json()
    assert len(first["items"]) == 7 and first["next_offset"] == 7
    whole = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/quotes", params={"limit": 7, "offset": offset}).json()
        seen += [(q["article_id"], q["quote_no"]) for q in page["items"]]
        offset = page["next_offset"]
    assert seen == [(q["article_id"], q["quote_no"]) for q in whole] and len(set(seen)) == len(seen)


def test_filters_and_csv(client):
    merz = client.get("/api/quotes", params={"speaker": "merz"}).json()["items"]
    assert merz and all("Merz" in q["speaker"] for q in merz)
    table = client.get("/api/quotes", params={"speaker": "merz", "format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == len(merz) and rows[0]["speaker"] == merz[0]["speaker"]
    found = client.get("/api/articles", params={"q": "kopi"}).json()["items"]
    assert [a["input_id"] for a in found] == ["ekspor-kopi"]
    assert client.get("/api/events", params={"actor": "DEU"}).json()["items"]
    assert client.get("/api/articles", params={"since": "2030-01-01"}).json()["items"] == []


def test_one_article_entity_and_story(client):
    article = client.get("/api/articles/nato-ukraina").json()
    assert article["record"]["quotes"] and article["story"]["members"]
    person = client.get("/api/entities/per:friedrich-merz").json()
    assert person["quote_count"] >= 2 and person["timeline"] and person["outlets"]
    story = client.get(f"/api/stories/{article['story']['story_id']}").json()
    kinds = {d["kind"] for c in story["changes"] for d in c["distortions"]}
    assert {"negation-flip", "temporal-flip", "quote-cut"} <= kinds


def test_errors_are_json_with_a_message(client):
    for url, status in (("/api/articles/no-such-id", 404), ("/api/entities/per:nobody", 404),
                        ("/api/stories/story-none", 404), ("/api/quotes?limit=0", 422),
                        ("/api/quotes?since=yesterday", 422), ("/api/quotes?format=xml", 422),
                        ("/api/nothing-here", 404)):
        response = client.get(url)
        assert response.status_code == status and response.json()["error"], url


def test_hostile_text_in_queries_is_only_data(client):
    nasty = "'); DROP TABLE quotes; --"
    assert client.get("/api/quotes", params={"text": nasty}).json()["items"] == []
    assert client.get("/api/health").json()["quotes"] > 0


def test_writes_need_the_flag_and_the_token(client, writer):
    body = {"text": "Menteri Keuangan Sri Mulyani mengatakan defisit tetap terjaga. \"Kami disiplin,\" "
                    "kata Sri Mulyani di Jakarta, Senin (3/3/2025).", "published": "2025-03-03"}
    assert client.post("/api/analyze", json=body).status_code == 403
    assert writer.post("/api/analyze", json=body).status_code == 401
    assert writer.post("/api/analyze", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = writer.post("/api/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["quotes"][0]["speaker"]["name"] == "Sri Mulyani Indrawati"
    empty = writer.post("/api/analyze", json={"text": " "}, headers={"X-Jejak-Token": TOKEN})
    assert empty.status_code == 422 and "text" in empty.json()["error"]


def test_ingest_stores_and_links(writer):
    record = json.loads((REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record["id"], record["url"] = "copy-of-first", "https://salinan.example/berita/1"
    response = writer.post("/api/ingest", json={"records": [record, {"text": ""}]},
                           headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert response["stored"] == 1 and response["skipped"][0]["index"] == 1
    assert response["linked"]["copies"] >= 1
    again = writer.post("/api/ingest", json={"records": [record]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["stored"] == 0 and again.json()["duplicates"] == 1


def test_token_comparison_is_constant_time_and_strict():
    config = ServeConfig(db="x", allow_write=True, token=TOKEN)
    assert token_ok(config, TOKEN) and not token_ok(config, TOKEN + "x") and not token_ok(config, "")
    assert not token_ok(ServeConfig(db="x", allow_write=False, token=TOKEN), TOKEN)
    with pytest.raises(ValueError):
        create_app("x.duckdb", allow_write=True, token=None)


def test_security_headers(client):
    headers = client.get("/api/health").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# -- Schemathesis: generated requests for every operation, none may end in a 5xx ----------------------

def _schema():
    import tempfile

    from typer.testing import CliRunner

    path = Path(tempfile.mkdtemp()) / "st.duckdb"
    CliRunner().invoke(cli, ["ingest", str(REPO / "samples"), "--db", str(path)])
    with Store.open(path) as store:
        link(store)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(path), allow_write=True, token=TOKEN))


schema = _schema()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"


def test_requests_at_once_are_capped(db):
    import anyio

    async def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    with TestClient(create_app(db, threads=3)) as c:
        assert c.portal.call(tokens) == 3


def test_guards_before_the_body_is_read(client, writer):
    big = "x" * 100
    assert client.post("/api/analyze", content=big, headers={"content-type": "application/json"}).status_code == 403
    huge = writer.post("/api/analyze", content=b"{}", headers={"content-type": "application/json",
                                                               "content-length": str(10**9),
                                                               "Authorization": f"Bearer {TOKEN}"})
    assert huge.status_code == 413 and "too large" in huge.json()["error"]


def test_ids_with_slashes_and_speakers_without_an_entity_row(client, db):
    with Store.open(db, read_only=True) as store:
        key = store.con.execute("SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL LIMIT 1").fetchone()[0]
    assert client.get(f"/api/entities/{key}").status_code == 200
    assert client.get("/api/articles/news/2025/11/none").json()["error"].startswith("no stored article")


def test_csv_cells_never_run_as_formulas():
    from jejak.api.app import _cell

    assert _cell('=HYPERLINK("http://evil")') == "'=HYPERLINK(\"http://evil\")"
    assert _cell("-2") == "'-2" and _cell(-2) == -2 and _cell(None) == "" and _cell("Jakarta") == "Jakarta"


def test_hosts_can_be_pinned(db):
    with TestClient(create_app(db, allowed_hosts=["127.0.0.1"]), base_url="http://127.0.0.1") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "evil.example"}).status_code == 400
