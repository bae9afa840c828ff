"""The monitor's pages and the dashboard in two languages: the catalogue, every page in Indonesian
and English, facets, downloads, evidence marked in the article, the watchlist form, and in a real
browser the desk's path: make a watchlist, ingest an article through the API, see the alert on
the alerts page and in the Atom feed, and follow it to the marked evidence. Screenshots of every
page at desktop and phone width, in both languages, go to tests/artifacts/monitor/."""

from __future__ import annotations

import json
import re
import shutil
import string
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import ARTIFACTS, served_in_a_thread
from jejak.api.app import create_app
from jejak.cli import app as cli_app
from jejak.provenance.linker import link
from jejak.store import Store
from jejak.watch import Rule, add_watch
from jejak.watch.store import backfill
from jejak.web.i18n import catalogue, strings_in_use

REPO = Path(__file__).resolve().parents[1]
TOKEN = "monitor-test-token"
SHOTS = ARTIFACTS / "monitor"

NEW_ARTICLE = (
    "JAKARTA, KABARMONITOR.com - Kanselir Jerman Friedrich Merz kembali menyatakan kesiapan negaranya mengirim "
    "pasukan penjaga perdamaian ke Ukraina. \"Kami siap memikul tanggung jawab bersama sekutu Eropa,\" kata Merz "
    "di Berlin, Jumat (7/11/2025).\nPernyataan itu disampaikan sehari setelah pertemuan para menteri pertahanan "
    "negara anggota NATO di Brussel.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("monitor") / "base.duckdb"
    result = CliRunner().invoke(cli_app, ["ingest", str(REPO / "samples"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        link(store)
        add_watch(store, "nato", [Rule("entity", "NATO"), Rule("speaker", "Friedrich Merz")])
        backfill(store, "nato")
    return db


def _copy(db: Path, name: str) -> str:
    target = db.with_name(name)
    shutil.copy(db, target)
    return str(target)


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(_copy(built, "pages.duckdb"), allow_write=True, token=TOKEN)) as c:
        yield c


@pytest.fixture(scope="module")
def ro_client(built):
    with TestClient(create_app(_copy(built, "pages-ro.duckdb"))) as c:
        yield c


PAGES = ["/", "/?q=Merz", "/quotes", "/events", "/stories", "/trends?entity=per:friedrich-merz&compare=NATO",
         "/alerts", "/alerts?watch=nato", "/watch", "/person/per:friedrich-merz", "/paste"]


# ------------------------------------------------------------------------------ the catalogue

def test_every_string_the_pages_show_is_in_the_catalogue_with_its_fields():
    used, known = strings_in_use(), catalogue()
    assert not used - set(known), sorted(used - set(known))
    assert not set(known) - used, sorted(set(known) - used)  # nothing stale either
    fields = string.Formatter()
    for english, indonesian in known.items():
        names = {f for _, f, _, _ in fields.parse(english) if f}
        assert names == {f for _, f, _, _ in fields.parse(indonesian) if f}, english


# ------------------------------------------------------------------------------ two languages

def test_every_page_renders_in_indonesian_by_default_and_in_english_on_request(ro_client, client):
    story = client.get("/api/stories").json()["items"][0]["story_id"]
    article = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["article_id"]
    for path in PAGES + [f"/story/{story}", f"/article/{article}"]:
        ro_client.cookies.clear()
        page = ro_client.get(path)
        assert page.status_code == 200 and page.headers["content-language"] == "id", path
        assert '<html lang="id">' in page.text and ">Peringatan</a>" in page.text, path
        english = ro_client.get(path + ("&" if "?" in path else "?") + "lang=en")
        assert english.headers["content-language"] == "en" and ">Alerts</a>" in english.text, path
        assert "jejak_lang=en" in english.headers["set-cookie"]
        assert ro_client.get(path).headers["content-language"] == "en", path  # the switch is remembered
    ro_client.cookies.clear()
    assert "Hasil untuk “Merz”" in ro_client.get("/", params={"q": "Merz"}).text
    assert "Tidak ditemukan" in ro_client.get("/person/nobody").text  # error pages too


# ------------------------------------------------------------------------------ facets and downloads

def test_facets_count_the_list_they_narrow(client):
    client.cookies.set("jejak_lang", "en")
    page = client.get("/events").text
    facet = re.search(r'data-facet="type">(.*?)</section>', page, re.S).group(1)
    counts = dict(re.findall(r'href="\?type=([A-Z]+)">[A-Z]+</a> <span class="muted">(\d+)</span>', facet))
    assert counts
    kind, n = max(counts.items(), key=lambda kv: int(kv[1]))
    narrowed = client.get("/events", params={"type": kind}).text
    assert narrowed.count('class="event-row') == min(int(n), 50)
    assert f"<strong>{kind}</strong>" in narrowed  # the chosen value, with a link to clear it
    outlets = re.search(r'data-facet="outlet">(.*?)</section>', client.get("/quotes").text, re.S).group(1)
    outlet, count = re.findall(r'href="\?outlet=([^"]+)">[^<]+</a> <span class="muted">(\d+)</span>', outlets)[0]
    assert client.get("/quotes", params={"outlet": outlet, "limit": 500}).text.count('class="quote-row') == int(count)
    people = client.get("/", params={"q": "Merz"}).text
    types = dict(re.findall(r'href="\?q=Merz&amp;entity_type=([A-Z]+)">[A-Z]+</a> <span class="muted">(\d+)</span>',
                            people))
    assert types
    for kind, n in types.items():  # each type's count is the number of names the narrowed search lists
        narrowed = client.get("/", params={"q": "Merz", "entity_type": kind}).text
        listed = re.search(r'id="people"(.*?)</section>', narrowed, re.S).group(1)
        assert listed.count('class="person-link"') == int(n), kind
    later = client.get("/alerts", params={"since": "2999-01-01"}).text
    assert 'class="alert' not in later and 'data-facet="kind"' not in later  # nothing raised: nothing counted
    month = client.get("/", params={"month": "1999-01"}).text
    assert "No articles." in month
    assert "is not a month" in client.get("/", params={"month": "januari"}).text


def test_every_list_downloads_with_its_filters(client):
    client.cookies.set("jejak_lang", "en")
    for path in ("/events?type=CONSULT", "/quotes?speaker=Merz", "/?q=NATO", "/?q=Merz", "/stories", "/alerts?watch=nato",
                 "/trends?entity=NATO"):
        page = client.get(path).text
        links = re.findall(r'class="download" data-format="(\w+)" href="([^"]+)"', page)
        assert {f for f, _ in links} >= {"csv", "jsonl", "parquet"}, path
        for fmt, href in links:
            got = client.get(href.replace("&amp;", "&"))
            assert got.status_code == 200 and "attachment" in got.headers["content-disposition"], (path, fmt)
    rows = client.get(re.findall(r'data-format="jsonl" href="([^"]+)"', client.get("/events?type=CONSULT").text)[0]
                      .replace("&amp;", "&")).text.splitlines()
    assert rows and {json.loads(r)["type"] for r in rows} == {"CONSULT"}


# ------------------------------------------------------------------------------ evidence and pages

def test_the_article_marks_the_evidence_it_is_opened_on(client):
    alert = client.get("/api/alerts", params={"watch": "nato"}).json()["items"][0]
    page = client.get(f"/article/{alert['article_id']}", params={"at": f"{alert['start']}-{alert['end']}"}).text
    assert page.count('id="evidence"') == 1 and "k-evidence" in page and 'id="evidence-notice"' in page
    for junk in ("x-y", "50-10", "1-99999999", "-3"):  # not a span of this text: the page opens as usual
        plain = client.get(f"/article/{alert['article_id']}", params={"at": junk})
        assert plain.status_code == 200 and 'id="evidence"' not in plain.text


def test_a_person_page_has_what_they_said_what_others_said_and_their_events(client):
    client.cookies.set("jejak_lang", "en")
    ukraine = client.get("/person/gpe:UKR").text
    assert 'id="said-about"' in ukraine and ukraine.count('class="about-row') >= 1
    merz = client.get("/person/per:friedrich-merz").text
    assert merz.count('class="event-row') >= 1 and "#evidence" in merz and 'href="/trends?entity=' in merz


def test_watchlists_are_made_and_removed_from_the_page_with_the_token(client, ro_client):
    client.cookies.set("jejak_lang", "en")
    form = {"name": "ukraina", "kind": "text", "value": "Ukraina", "token": TOKEN, "backfill": "1"}
    made = client.post("/watch", data=form, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/alerts?watch=ukraina"
    assert client.get("/api/alerts", params={"watch": "ukraina"}).json()["items"]
    assert client.post("/watch", data=dict(form, token="wrong")).status_code == 401
    bad = client.post("/watch", data=dict(form, name="bad name"))
    assert bad.status_code == 422 and "cannot name a watchlist" in bad.text
    assert ro_client.post("/watch", data=form).status_code == 403
    assert client.post("/watch/ukraina/remove", data={"token": TOKEN}, follow_redirects=False).status_code == 303
    assert "ukraina" not in client.get("/watch").text
    for lang in ("id", "en"):  # the same answer in either language
        assert client.post(f"/watch/ukraina/remove?lang={lang}", data={"token": TOKEN}).status_code == 404
    indonesian = client.post("/watch?lang=id", data=dict(form, name="a b"))
    assert indonesian.status_code == 422 and "tidak dapat menjadi nama daftar pantauan" in indonesian.text
    client.cookies.set("jejak_lang", "en")


# ------------------------------------------------------------------------------ in a real browser

@pytest.fixture(scope="module")
def server(built):
    pytest.importorskip("uvicorn")
    app = create_app(_copy(built, "browser-monitor.duckdb"), allow_write=True, token=TOKEN)
    with served_in_a_thread(app, "the monitor server") as base:
        yield base


def _no_overflow(page) -> bool:
    """Nothing wider than the screen: tables scroll inside their own box on a phone."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_browser_a_watchlist_alert_from_an_api_ingest_leads_to_its_evidence(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(server + "/watch")
        assert page.locator("h1").inner_text() == "Daftar pantauan"  # Indonesian first
        page.fill("#watch-form input[name=name]", "merz-ukraina")
        page.select_option("#watch-form select[name=kind]", "speaker")
        page.fill("#watch-form input[name=value]", "Merz")
        page.fill("#watch-form input[name=token]", TOKEN)
        with page.expect_navigation():
            page.click("#watch-form button[type=submit]")
        assert page.url.endswith("/alerts?watch=merz-ukraina")
        assert page.locator("#alert-list li.alert").count() == 0  # nothing new yet

        body = json.dumps({"records": [{"id": "merz-baru", "text": NEW_ARTICLE, "published": "2025-11-07",
                                        "url": "https://kabarmonitor.example/merz-baru"}]}).encode()
        request = urllib.request.Request(server + "/api/ingest", data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=60) as r:
            assert json.load(r)["stored"] == 1

        page.reload()
        alerts = page.locator("#alert-list li.alert[data-watch='merz-ukraina']")
        assert alerts.count() >= 1 and "Friedrich Merz" in alerts.first.inner_text()
        page.screenshot(path=str(SHOTS / "flow-1-alerts-id.png"), full_page=True)

        with urllib.request.urlopen(server + "/feeds/watch/merz-ukraina.atom", timeout=10) as r:
            feed = r.read().decode("utf-8")
        links = re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"/>', feed)
        assert len(links) == alerts.count() and all("?at=" in x for x in links)

        with page.expect_navigation():
            alerts.first.locator("a.evidence-link").click()
        assert "?at=" in page.url and page.url.endswith("#evidence")
        mark = page.locator("#evidence")
        assert mark.is_visible() and "k-evidence" in mark.get_attribute("class")
        assert mark.inner_text() in NEW_ARTICLE and page.locator("h1.doc-title").inner_text()
        assert page.locator("#evidence-notice").is_visible()
        page.screenshot(path=str(SHOTS / "flow-2-evidence-id.png"), full_page=False)
        assert page.evaluate("document.getElementById('evidence').getBoundingClientRect().top") < 900  # in view
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("width,height,label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_browser_screenshots_of_every_page_in_both_languages(browser, server, width, height, label):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(server + "/api/stories", timeout=10) as r:
            story = json.load(r)["items"][0]["story_id"]
        with urllib.request.urlopen(server + "/api/alerts?limit=1", timeout=10) as r:
            alert = json.load(r)["items"][0]
        pages = PAGES + [f"/story/{story}", f"/article/{alert['article_id']}?at={alert['start']}-{alert['end']}"]
        for lang in ("id", "en"):
            for n, path in enumerate(pages):
                url = server + path + ("&" if "?" in path else "?") + f"lang={lang}"
                response = page.goto(url)
                assert response is not None and response.ok, url
                assert page.locator("html").get_attribute("lang") == lang
                if label == "phone":
                    assert _no_overflow(page), f"{path} is wider than a phone"
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                page.screenshot(path=str(SHOTS / f"{label}-{lang}-{n:02d}-{name[:40]}.png"), full_page=True)
        assert len(list(SHOTS.glob(f"{label}-*.png"))) >= 2 * len(pages)
    finally:
        context.close()
