"""The dashboard: every page over a store built from the bundled samples (TestClient, fast), and
the analyst's paths driven in Debian's chromium with Playwright (search a speaker, read an article's
highlighted quotes, see a planted copy's distortions, paste the seed), plus a hostile article whose
`<script>`, `onerror=` and `javascript:` payloads must not run. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import ARTIFACTS, served_in_a_thread
from jejak.api.app import create_app
from jejak.confidence import DISTORTION_SHOWN
from jejak.cli import app as cli_app
from jejak.pipeline import analyze
from jejak.provenance.linker import link
from jejak.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED = REPO.parent / "shared" / "seed" / "000_1355c149a23b8f5a.txt"
TOKEN = "dashboard-test-token"

XSS_TEXT = (
    "JAKARTA, KABARUJI.com - Redaksi menerima kiriman berikut. <script>window.__xss=1;alert(1)</script> "
    "Gambar: <img src=x onerror=\"window.__xss=2;alert(2)\"> dan tautan "
    "<a href=\"javascript:window.__xss=3;alert(3)\">klik di sini</a> untuk membaca.\n"
    "\"Kami tidak akan membiarkan <script>alert('q')</script> ini terjadi,\" kata Joko Widodo di Jakarta, "
    "Senin (10/11/2025).\n"
)
XSS_TITLE = "<script>window.__xss=4;alert(4)</script> Judul <img src=x onerror=\"window.__xss=5\">"
XSS_URL = "javascript:window.__xss=6;alert(6)"

PASTE = (
    "JAKARTA, KABARKITA.com - Menteri Perhubungan Dudy Purwagandhi mengatakan arus mudik tahun ini "
    "diperkirakan naik 5 persen. \"Kami menyiapkan 1.200 bus tambahan,\" kata Dudy di Jakarta, Senin (20/10/2025).\n"
    "Menurut Dudy, anggaran angkutan gratis mencapai Rp 1,2 triliun.\n"
)


# --------------------------------------------------------------------------- the store


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The bundled samples ingested and linked, plus the hostile article `xss-test`."""
    db = tmp_path_factory.mktemp("dashboard") / "base.duckdb"
    result = CliRunner().invoke(cli_app, ["ingest", str(SAMPLES), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    hostile = analyze(XSS_TEXT, id="xss-test", title=XSS_TITLE, url=XSS_URL, published="2025-11-10")
    assert "<script>window.__xss=1" in hostile.text, "the hostile text must reach the store as text"
    with Store.open(db) as store:
        assert store.add(hostile)
        link(store)
    return db


def _copy(db: Path, name: str) -> str:
    """Each app gets its own copy: one process may not open a DuckDB file read-only and writable at once."""
    target = db.with_name(name)
    shutil.copy(db, target)
    return str(target)


@pytest.fixture(scope="module")
def client(built):
    """The app with writes allowed (so that /paste works) and a token."""
    with TestClient(create_app(_copy(built, "rw.duckdb"), allow_write=True, token=TOKEN)) as c:
        c.cookies.set("jejak_lang", "en")  # these tests read the English pages (Indonesian: test_monitor_pages.py)
        yield c


@pytest.fixture(scope="module")
def ro_client(built):
    with TestClient(create_app(_copy(built, "ro.duckdb"))) as c:
        c.cookies.set("jejak_lang", "en")
        yield c


@pytest.fixture(scope="module")
def story_id(client) -> str:
    items = client.get("/api/stories").json()["items"]
    found = [s["story_id"] for s in items if s["earliest_id"] == "nato-ukraina"]
    assert found, items
    return found[0]


def _article_text(html_page: str) -> str:
    """The article's text as the browser shows it: the highlight markup removed, entities decoded."""
    m = re.search(r'<div class="article-text" id="text">(.*?)</div>', html_page, re.DOTALL)
    assert m, "no article text block"
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))


# --------------------------------------------------------------------------- helpers


def test_only_http_and_https_urls_become_links():
    from jejak.web.views import safe_url

    assert safe_url("https://kabar.example/a?b=1") == "https://kabar.example/a?b=1"
    assert safe_url(" HTTP://KABAR.example ") == "HTTP://KABAR.example"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "//evil.example/x", "vbscript:x", "kabar.example/a", "", None, 42):
        assert safe_url(bad) is None, bad


def test_day_chart_geometry_stays_inside_the_plot():
    from datetime import date

    from jejak.web.charts import day_chart, story_timeline

    points = [(date(2025, 1, 1), "ASSAULT", 3), (date(2025, 1, 1), "AID", 1), ("2025-03-01", "AID", 2),
              (None, "AID", 9), ("not a day", "AID", 9)]
    chart = day_chart(points)
    assert chart.ymax == 4 and [name for _, name, _ in chart.legend] == ["AID", "ASSAULT"]
    assert len(chart.bars) == 3 and chart.ticks[0].label == "2025-01-01" and chart.ticks[-1].label == "2025-03-01"
    for b in chart.bars:
        assert chart.left <= b.x and b.x + b.w <= chart.right + 1e-6
        assert chart.top - 1e-6 <= b.y and b.y + b.h <= chart.bottom + 1e-6
    stacked = [b for b in chart.bars if b.title.startswith("2025-01-01")]
    assert abs(sum(b.h for b in stacked) - (chart.bottom - chart.top)) < 0.05
    assert day_chart([]).empty
    grouped = day_chart([(date(2025, 1, 1), "quotes", 2), (date(2025, 1, 1), "mentions", 1)],
                        series=["quotes", "mentions"], grouped=True)
    assert [b.css for b in grouped.bars] == ["s-0", "s-1"] and grouped.ymax == 2
    members = [{"article_id": "a", "role": "original", "published_at": "2025-01-01T08:00", "published": "2025-01-01"},
               {"article_id": "b", "role": "copy", "published_at": "2025-01-01T20:00", "published": "2025-01-01"},
               {"article_id": "c", "role": "same-story", "published_at": None, "published": None}]
    tl = story_timeline(members)
    assert [m.css for m in tl.marks] == ["original", "copy", "member"]
    assert tl.marks[0].x == tl.left and tl.marks[1].x == tl.right
    assert [t.label for t in tl.ticks] == ["2025-01-01 08:00", "2025-01-01 20:00"]


# --------------------------------------------------------------------------- pages (TestClient)


def test_every_page_is_html_with_the_nav_and_no_inline_script_or_style(client, story_id):
    for url in ["/", "/?q=Merz", "/article/nato-ukraina", "/person/per:friedrich-merz", "/stories",
                f"/story/{story_id}", "/events", "/events?type=assault&mode=none&since=2025-01-01",
                "/paste", "/article/xss-test", "/?q=script"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert '<nav aria-label="Main">' in r.text and 'name="q"' in r.text
        assert "<script" not in r.text.lower(), url  # no script at all, and no data that became one
        assert "style=" not in r.text, url  # CSP allows only the stylesheet
        assert not re.search(r'(?:src|href)="(?:https?:)?//', r.text.split("<main>")[0]), url  # nothing from a CDN


def test_static_assets_are_shipped_in_the_package(client):
    r = client.get("/static/jejak.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert ".spk-9" in r.text and "@import" not in r.text and "url(" not in r.text


def test_search_lists_people_quotes_and_articles(client):
    page = client.get("/", params={"q": "Merz"}).text
    people = page.split('id="people"')[1].split("</section>")[0]
    assert 'href="/person/per%3Afriedrich-merz"' in people and "Friedrich Merz" in people
    assert 'id="quotes"' in page and 'id="articles"' in page
    assert "NATO Bahas Pertahanan Udara Ukraina" in page


def test_empty_search_shows_latest_articles_and_top_speakers(client):
    page = client.get("/").text
    assert "Latest articles" in page and "Most quoted" in page
    speakers = page.split('id="speakers"')[1].split("</section>")[0]
    assert "Friedrich Merz" in speakers


def test_article_view_highlights_quotes_by_speaker_and_keeps_the_text(client):
    page = client.get("/article/nato-ukraina").text
    record = client.get("/api/articles/nato-ukraina").json()
    assert re.search(r'<span class="hl [^"]*k-quote[^"]*spk-\d[^"]*" title="[^"]*Friedrich Merz[^"]*" '
                     r'data-speaker="Friedrich Merz"', page)
    assert 'class="chip spk-' in page and "speaker-chip" in page
    for kind in ("k-entity", "k-time", "k-amount", "k-speaker"):
        assert kind in page, kind
    assert _article_text(page) == record["text"]
    assert 'rel="noopener noreferrer"' in page  # its url is https
    assert f'href="/story/{record["story"]["story_id"]}"' in page
    quotes = page.split('id="quotes"')[1].split("</table>")[0]
    assert quotes.count('class="quote-row"') == len(record["record"]["quotes"])


def test_removals_are_struck_through_and_indicators_listed(client):
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    for item in items:
        rec = client.get(f"/api/articles/{item['article_id']}").json()["record"]
        if rec["removals"] and rec["indicators"]:
            break
    else:
        pytest.fail("no sample article has both removals and indicators")
    page = client.get(f"/article/{item['article_id']}").text
    removed = page.split('id="removals"')[1].split("</section>")[0]
    assert removed.count("<del>") == len(rec["removals"])
    assert html.escape(rec["removals"][0]["text"].strip(), quote=False) in removed
    listed = page.split('id="indicators"')[1].split("</section>")[0]
    assert rec["indicators"][0]["kind"] in listed


def test_person_page_has_a_timeline_outlets_and_every_quote(client):
    page = client.get("/person/per:friedrich-merz").text
    ent = client.get("/api/entities/per:friedrich-merz").json()
    assert "<svg" in page and "<rect" in page and "quotes per day" not in page.lower().split("<svg")[0][-10:]
    for o in ent["outlets"]:
        assert html.escape(o["outlet"]) in page
    assert page.count('class="quote-row"') == ent["quote_count"]
    assert '/article/' in page and "#q" in page


def test_story_page_marks_the_original_and_shows_the_distortions_side_by_side(client, story_id):
    page = client.get(f"/story/{story_id}").text
    assert "likely original" in page and 'class="mark original"' in page and 'class="mark copy"' in page
    rows = re.findall(r'<tr class="distortion( doubtful)?" data-kind="([^"]+)" data-confidence="([0-9.]+)">', page)
    assert {"negation-flip", "temporal-flip"} <= {kind for _, kind, _ in rows}
    for doubtful, _, confidence in rows:  # below the shown confidence: marked as a place to look
        assert bool(doubtful) == (float(confidence) < DISTORTION_SHOWN)
    assert page.count(">place to look</span>") == sum(1 for doubtful, _, _ in rows if doubtful)
    assert '<mark class="orig">sebelum</mark>' in page and '<mark class="copy">setelah</mark>' in page
    listed = client.get("/stories").text
    assert f'href="/story/{story_id}"' in listed


def test_events_page_has_a_chart_and_filters(client):
    page = client.get("/events").text
    assert "<svg" in page and 'class="bar pl-' in page  # each PLOVER type its own colour
    for name in ("actor", "type", "mode", "since", "until"):
        assert f'name="{name}"' in page
    only = client.get("/events", params={"type": "ASSAULT"}).text
    types = re.findall(r'<tr class="event-row[^"]*">\s*<td[^>]*>[^<]*</td>\s*<td><span class="tag pl-\d+">([^<]+)</span>', only)
    assert types and set(types) == {"ASSAULT"}
    assert '<option value="ASSAULT" selected>' in only
    bad = client.get("/events", params={"since": "kemarin", "mode": "maybe"})
    assert bad.status_code == 200
    assert "is not a date" in bad.text and "is not one of" in bad.text


def test_lists_are_paged(client):
    first = client.get("/", params={"limit": 3}).text
    assert 'rel="next" href="?limit=3&amp;offset=3"' in first and 'rel="prev"' not in first
    second = client.get("/", params={"limit": 3, "offset": 3}).text
    assert 'rel="prev" href="?limit=3"' in second
    merz = client.get("/person/per:friedrich-merz", params={"limit": 2}).text
    assert merz.count('class="quote-row"') == 2 and 'rel="next"' in merz
    assert client.get("/", params={"limit": "lots", "offset": "-4"}).status_code == 200


def test_unknown_ids_get_a_friendly_html_404(client):
    for url in ["/article/no-such-article", "/person/per:nobody", "/story/story-000000000000"]:
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"].startswith("text/html")
        assert "Not found" in r.text and "Back to search" in r.text


def test_hostile_article_is_rendered_as_text(client):
    r = client.get("/article/xss-test")
    page = r.text
    assert r.status_code == 200
    for raw in ("<script>window.__xss", "<img src=x", "onerror=\"window", "<a href=\"javascript:",
                'href="javascript:'):
        assert raw not in page, raw
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__xss=2;alert(2)&#34;&gt;" in page
    assert "&lt;a href=&#34;javascript:window.__xss=3;alert(3)&#34;&gt;" in page
    head = page.split("</head>")[0]
    assert "<title>&lt;script&gt;window.__xss=4" in head
    # a javascript: url is shown as text, not as a link
    assert '<span class="url-text">javascript:window.__xss=6;alert(6)</span>' in page
    # the text still reads back exactly
    assert _article_text(page) == client.get("/api/articles/xss-test").json()["text"]


def test_search_input_and_results_are_escaped(client):
    evil = '"><script>alert(1)</script>'
    page = client.get("/", params={"q": evil}).text
    assert "<script>alert(1)" not in page
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    found = client.get("/", params={"q": "__xss"}).text
    assert "xss" in found and "<script>window" not in found


def test_paste_is_refused_when_the_server_is_read_only(ro_client):
    form = ro_client.get("/paste").text
    assert 'id="read-only"' in form and "jejak serve --allow-write --token T" in form
    r = ro_client.post("/paste", data={"text": PASTE, "token": TOKEN})
    assert r.status_code == 403 and "read-only" in r.text
    assert "jejak serve --allow-write --token T" in r.text


def test_paste_needs_the_right_token(client):
    for token in ("", "wrong", TOKEN + "x"):
        r = client.post("/paste", data={"text": PASTE, "token": token})
        assert r.status_code == 401, token
        assert "wrong write token" in r.text
        assert "Dudy Purwagandhi" in r.text  # the pasted text is kept in the box, escaped


def test_paste_with_the_token_analyses_on_the_spot_and_stores_nothing(client):
    before = client.get("/api/health").json()["articles"]
    r = client.post("/paste", data={"text": PASTE, "title": "Mudik <b>2025</b>", "published": "2025-10-20",
                                    "token": TOKEN})
    assert r.status_code == 200
    assert "nothing was stored" in r.text
    assert "Mudik &lt;b&gt;2025&lt;/b&gt;" in r.text
    expected = analyze(PASTE, published="2025-10-20")
    assert r.text.count('class="quote-row"') == len(expected.quotes) >= 1
    assert 'data-speaker="Dudy Purwagandhi"' in r.text
    assert _article_text(r.text) == expected.text
    assert client.get("/api/health").json()["articles"] == before


def test_a_pasted_copy_is_traced_against_the_store(client):
    """The fact-checker's entry: paste a suspicious copy, see its original in the store and what
    it changed, each change with its confidence (nothing is stored)."""
    record = next(json.loads(line) for line in (SAMPLES / "articles.jsonl").open(encoding="utf-8")
                  if json.loads(line)["id"] == "nato-ukraina")
    copy = record["text"].replace("belum disepakati", "sudah disepakati")
    before = client.get("/api/health").json()["articles"]
    r = client.post("/paste", data={"text": copy, "published": record["published"][:10], "token": TOKEN})
    assert r.status_code == 200 and 'id="provenance"' in r.text
    related = re.findall(r'<tr class="related-row" data-relation="([^"]+)">', r.text)
    assert "copy" in related
    rows = re.findall(r'<tr class="distortion( doubtful)?" data-kind="([^"]+)" data-confidence="([0-9.]+)">', r.text)
    assert rows and all(bool(doubtful) == (float(conf) < DISTORTION_SHOWN) for doubtful, _, conf in rows)
    assert client.get("/api/health").json()["articles"] == before
    alone = client.post("/paste", data={"text": PASTE, "token": TOKEN}).text
    assert "No copy, sibling or other report of this text is in the store." in alone


def test_paste_reports_bad_input(client):
    assert client.post("/paste", data={"text": "   ", "token": TOKEN}).status_code == 422
    r = client.post("/paste", data={"text": PASTE, "published": "soon", "token": TOKEN})
    assert r.status_code == 422 and "is not a date" in r.text
    hostile = client.post("/paste", data={"text": XSS_TEXT, "token": TOKEN})
    assert hostile.status_code == 200 and "<script>window" not in hostile.text


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def server(built):
    """The app (writes on, with the token) served by uvicorn on a free loopback port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    app = create_app(_copy(built, "browser.duckdb"), allow_write=True, token=TOKEN)
    with served_in_a_thread(app, "the dashboard server") as base:
        with urllib.request.urlopen(base + "/api/health", timeout=5) as r:
            assert json.load(r)["status"] == "ok"
        yield base


class Tab:
    """A page that records dialogs (alert, confirm...) and CSP violations reported on the console."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg) -> None:
        if msg.type == "error" and "Content Security Policy" in msg.text:
            self.csp.append(msg.text)

    def go(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, path

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture()
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "jejak_lang", "value": "en", "url": server}])
    t = Tab(context.new_page(), server)
    yield t
    context.close()
    assert not t.dialogs, t.dialogs
    assert not t.csp, t.csp  # the pages need nothing that the policy blocks


def test_browser_search_a_speaker_and_open_their_page(tab):
    tab.go("/")
    tab.shot("01-home")
    tab.page.fill(".bigsearch input[name=q]", "Merz")
    with tab.page.expect_navigation():
        tab.page.press(".bigsearch input[name=q]", "Enter")
    person = tab.page.locator("#people a.person-link", has_text="Friedrich Merz")
    assert person.count() == 1
    tab.shot("02-search-merz")
    with tab.page.expect_navigation():
        person.click()
    assert "/person/" in tab.page.url
    assert tab.page.locator("h1.person-name").inner_text() == "Friedrich Merz"
    assert tab.page.locator("#quotes tbody tr.quote-row").count() >= 5
    assert tab.page.locator("#timeline svg rect.bar").count() >= 1
    tab.shot("03-person-merz")


def test_browser_article_highlights_a_quote_with_its_speaker(tab, server):
    tab.go("/article/nato-ukraina")
    quote = tab.page.locator('#text .k-quote[data-speaker="Friedrich Merz"]').first
    assert quote.is_visible()
    assert "Friedrich Merz" in quote.get_attribute("title")
    colour = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded and coloured it
    assert tab.page.locator(".legend-box .speaker-chip", has_text="Friedrich Merz").count() == 1
    with urllib.request.urlopen(server + "/api/articles/nato-ukraina", timeout=5) as r:
        stored = json.load(r)["text"]
    assert tab.page.locator("#text").evaluate("el => el.textContent") == stored
    tab.shot("04-article-nato-ukraina")


def test_browser_story_with_a_planted_copy_shows_its_distortions(tab):
    tab.go("/article/nato-ukraina-spun")
    with tab.page.expect_navigation():
        tab.page.locator(".story-link a").click()
    assert "/story/" in tab.page.url
    assert tab.page.locator("#members .tag.original").count() == 1
    for kind, original, copy in (("negation-flip", "tidak", None), ("temporal-flip", "sebelum", "setelah")):
        row = tab.page.locator(f'tr.distortion[data-kind="{kind}"]')
        assert row.count() >= 1, kind
        assert row.first.locator(".original-side mark.orig").inner_text() == original
        assert row.first.locator(".copy-side mark.copy").count() == 1
        if copy:
            assert row.first.locator(".copy-side mark.copy").inner_text() == copy
    tab.shot("05-story-nato-ukraina")


def test_browser_paste_the_seed_and_see_its_six_quotes(tab):
    if not SEED.is_file():
        pytest.skip("../shared (the seed) is not present")
    seed = SEED.read_text(encoding="utf-8")
    tab.go("/paste")
    tab.page.fill("textarea[name=text]", seed)
    tab.page.fill("input[name=token]", TOKEN)
    with tab.page.expect_navigation():
        tab.page.click("form.paste button[type=submit]")
    assert "nothing was stored" in tab.page.locator(".notice").inner_text()
    rows = tab.page.locator("#quotes tbody tr.quote-row")
    direct = tab.page.locator('#quotes tbody tr.quote-row[data-kind="direct"]')
    # the seed's six quotations (the gold's direct quotes); the reported-speech lines come beside them
    assert direct.count() == 6
    assert rows.count() == len(analyze(seed).quotes)
    for speaker in ("Olaf Scholz", "Annalena Baerbock", "Bloomberg"):
        assert tab.page.locator(f'#text .k-quote[data-speaker="{speaker}"]').count() >= 1, speaker
    tab.shot("06-paste-seed")


def test_browser_events_filter_and_stories_list(tab):
    tab.go("/events")
    assert tab.page.locator("#event-chart svg rect.bar").count() >= 1
    tab.shot("09-events")
    tab.page.select_option("form.filters select[name=type]", "ASSAULT")
    with tab.page.expect_navigation():
        tab.page.click("form.filters button[type=submit]")
    assert "type=ASSAULT" in tab.page.url
    types = tab.page.locator("#events tbody tr.event-row td:nth-child(2)").all_inner_texts()
    assert types and {t.strip() for t in types} == {"ASSAULT"}
    tab.shot("10-events-assault")
    tab.go("/stories")
    assert tab.page.locator("#story-list tbody tr").count() >= 1
    tab.shot("11-stories")


def test_browser_hostile_article_runs_nothing(tab):
    tab.go("/article/xss-test")
    tab.page.wait_for_load_state("load")
    assert tab.page.evaluate("typeof window.__xss") == "undefined"
    assert tab.page.locator('a[href^="javascript:"]').count() == 0
    assert tab.page.locator("#text img, #text script, .doc-head img, .doc-head script").count() == 0
    assert "<script>window.__xss=4" in tab.page.title()
    text = tab.page.locator("#text").evaluate("el => el.textContent")
    assert "<script>window.__xss=1;alert(1)</script>" in text
    assert "<a href=\"javascript:window.__xss=3;alert(3)\">klik di sini</a>" in text
    tab.shot("07-xss-article")
    # click the would-be link and the would-be url: they are text, and nothing runs
    tab.page.locator("#text").get_by_text("klik di sini", exact=False).first.click()
    tab.page.locator(".url-text").click()
    tab.page.wait_for_timeout(200)
    assert tab.page.evaluate("typeof window.__xss") == "undefined"
    assert "/article/xss-test" in tab.page.url
    tab.go("/?q=__xss")
    assert tab.page.locator("#articles li").count() >= 1
    assert tab.page.evaluate("typeof window.__xss") == "undefined"
    tab.shot("08-xss-search")
