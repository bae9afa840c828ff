"""Fetching against a loopback HTTP server the tests start: robots.txt, retries, address rules,
size cap, timeouts, rate limit, redirects, feed and sitemap expansion — every outcome recorded."""

from __future__ import annotations

import email.utils
import http.server
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from jejak.ingest import InputError, InputRecord
from jejak.ingest.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchPolicy,
    Robots,
    _retry_after,
    address_problem,
    to_input_record,
)

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>JAKARTA - Pemerintah menambah dua puluh unit pompa air di kawasan rawan banjir menjelang "
    "musim hujan, kata kepala dinas pada Rabu.</p></article></body></html>"
)


@dataclass
class Seen:
    path: str
    host: str | None
    agent: str | None
    at: float


@dataclass
class Site:
    """A loopback web site: `routes` maps a path to a handler (request -> (status, headers, body))."""

    base: str = ""
    port: int = 0
    routes: dict[str, Callable[[Seen], tuple[int, dict[str, str], bytes]]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def url(self, path: str) -> str:
        return self.base + path


def _html(title: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.format(title=title).encode()


def _default_routes(site: Site) -> None:
    def flaky(path: str, failures: int, status: int, headers: dict[str, str]):
        def handler(req: Seen):
            n = site.counts.get(path, 0)
            site.counts[path] = n + 1
            if n < failures:
                return status, headers, b"busy"
            return _html(path)
        return handler

    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita</title><link>{site.base}/</link>
<item><title>Satu</title><link>{site.base}/a1</link><pubDate>Wed, 04 Dec 2024 10:00:00 +0700</pubDate></item>
<item><title>Dua</title><link>{site.base}/a2</link></item>
<item><title>Tiga</title><link>/a3</link></item>
</channel></rss>""".encode()
    sitemap = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{site.base}/a1</loc><lastmod>2024-12-04</lastmod></url>
<url><loc>{site.base}/a3</loc></url>
</urlset>""".encode()
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.base}/sitemap.xml</loc></sitemap>
</sitemapindex>""".encode()
    big = b"<html><body><p>" + b"x" * 3_000_000 + b"</p></body></html>"

    def slow(req: Seen):
        time.sleep(1.0)
        return _html("slow")

    site.routes.update({
        "/robots.txt": lambda r: (200, {"Content-Type": "text/plain"},
                                  b"User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n"),
        "/a1": lambda r: _html("a1"),
        "/a2": lambda r: _html("a2"),
        "/a3": lambda r: _html("a3"),
        "/page": lambda r: _html("page"),
        "/private/secret": lambda r: _html("secret"),
        "/flaky429": flaky("/flaky429", 2, 429, {"Retry-After": "0"}),
        "/flaky503": flaky("/flaky503", 1, 503, {}),
        "/always503": lambda r: (503, {}, b"down"),
        "/retry-long": lambda r: (429, {"Retry-After": "3600"}, b"later"),
        "/huge": lambda r: (200, {"Content-Type": "text/html"}, big),
        "/redirect-local": lambda r: (302, {"Location": "/page"}, b""),
        "/redirect-private": lambda r: (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/redirect-loop": lambda r: (302, {"Location": "/redirect-loop"}, b""),
        "/slow": slow,
        "/report.pdf": lambda r: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
        "/feed.xml": lambda r: (200, {"Content-Type": "application/rss+xml"}, feed),
        "/sitemap.xml": lambda r: (200, {"Content-Type": "application/xml"}, sitemap),
        "/sitemap-index.xml": lambda r: (200, {"Content-Type": "text/xml"}, index),
    })


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            req = Seen(self.path, self.headers.get("Host"), self.headers.get("User-Agent"), time.monotonic())
            state.seen.append(req)
            route = state.routes.get(self.path.split("?", 1)[0])
            status, headers, body = route(req) if route else (404, {}, b"not found")
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout, size cap)
                pass

        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass

    server = Server(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    state.base = f"http://127.0.0.1:{state.port}"
    _default_routes(state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def fast(**kw: object) -> FetchPolicy:
    """A policy for loopback tests: private addresses allowed, no waiting unless asked."""
    base = {"allow_private": True, "min_interval": 0.0, "timeout": 2.0, "backoff": 0.01}
    base.update(kw)
    return FetchPolicy(**base)  # type: ignore[arg-type]


# --- robots.txt -------------------------------------------------------------------------------


def test_robots_disallowed_path_is_never_requested(site: Site) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/private/secret"))
        ok = f.fetch(site.url("/a1"))
    assert out.outcome == "robots-disallowed"
    assert "robots.txt disallows" in (out.reason or "")
    assert out.attempts == 0 and out.body is None
    assert ok.outcome == "ok"
    assert site.paths() == ["/robots.txt", "/a1"]  # robots.txt read once; /private never asked for


def test_robots_unreadable_disallows_the_site_for_the_run(site: Site) -> None:
    site.routes["/robots.txt"] = lambda r: (503, {}, b"down")
    with Fetcher(fast(retries=1)) as f:
        a1 = f.fetch(site.url("/a1"))
        a2 = f.fetch(site.url("/a2"))
    assert a1.outcome == a2.outcome == "robots-disallowed"
    assert "could not be read" in (a1.reason or "") and "503" in (a1.reason or "")
    assert site.paths() == ["/robots.txt", "/robots.txt"]  # retried once, then the verdict is cached
    assert next(iter(f.robots_outcomes.values())).outcome == "http-error"


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (401, False), (403, False)])
def test_robots_status_rules(site: Site, status: int, allowed: bool) -> None:
    site.routes["/robots.txt"] = lambda r: (status, {}, b"")
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/a1"))
    assert (out.outcome == "ok") is allowed
    assert ("/a1" in site.paths()) is allowed


def test_crawl_delay_spaces_requests(site: Site) -> None:
    site.routes["/robots.txt"] = lambda r: (200, {}, b"User-agent: *\nCrawl-delay: 0.3\n")
    with Fetcher(fast()) as f:
        f.fetch(site.url("/a1"))
        f.fetch(site.url("/a2"))
    times = [s.at for s in site.seen]
    assert len(times) == 3
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.28


# --- retries ----------------------------------------------------------------------------------


def test_429_retried_with_retry_after(site: Site) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/flaky429"))
    assert out.outcome == "ok" and out.status == 200
    assert out.attempts == 3
    assert site.paths().count("/flaky429") == 3


def test_503_retried_once(site: Site) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/flaky503"))
    assert (out.outcome, out.status, out.attempts) == ("ok", 200, 2)


def test_retries_run_out(site: Site) -> None:
    with Fetcher(fast(retries=2)) as f:
        out = f.fetch(site.url("/always503"))
    assert (out.outcome, out.status, out.attempts) == ("http-error", 503, 3)
    assert "after 3 attempts" in (out.reason or "")


def test_retry_after_over_the_cap_is_not_retried(site: Site) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/retry-long"))
    assert (out.outcome, out.status, out.attempts) == ("http-error", 429, 1)
    assert "3600" in (out.reason or "")


def test_connection_refused_is_retried_then_recorded() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(fast(retries=2)) as f:
        out = f.fetch(f"http://127.0.0.1:{port}/a1")
    # robots.txt is the first thing asked for; it cannot be read, so the site is off for the run
    assert out.outcome == "robots-disallowed" and "could not be read" in (out.reason or "")
    robots = next(iter(f.robots_outcomes.values()))
    assert robots.outcome == "error" and robots.attempts == 3 and robots.status is None


def test_retry_after_header_forms() -> None:
    assert _retry_after("0") == 0.0
    assert _retry_after("120") == 120.0
    soon = email.utils.format_datetime(email.utils.localtime(), usegmt=False)
    assert 0.0 <= (_retry_after(soon) or 0.0) <= 1.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (_retry_after(later) or 0) <= 31
    assert _retry_after("soon") is None and _retry_after(None) is None


# --- addresses --------------------------------------------------------------------------------


def test_loopback_refused_without_allow_private(site: Site) -> None:
    with Fetcher(FetchPolicy(min_interval=0.0)) as f:
        out = f.fetch(site.url("/a1"))
    assert out.outcome == "private-address"
    assert "loopback" in (out.reason or "") and "allow-private" in (out.reason or "")
    assert out.attempts == 0 and out.status is None
    assert site.seen == []  # not even robots.txt


def test_localhost_by_name_refused(site: Site) -> None:
    with Fetcher(FetchPolicy(min_interval=0.0)) as f:
        out = f.fetch(f"http://localhost:{site.port}/a1")
    assert out.outcome == "private-address" and "localhost" in (out.reason or "")
    assert site.seen == []


def test_redirect_to_a_private_address_is_refused(site: Site) -> None:
    # the test site itself is let through by allow_networks; the redirect target is not
    policy = FetchPolicy(min_interval=0.0, allow_networks=("127.0.0.1/32",))
    with Fetcher(policy) as f:
        out = f.fetch(site.url("/redirect-private"))
    assert out.outcome == "private-address"
    assert "169.254.169.254 is a link-local address" in (out.reason or "")
    assert out.redirects == ["http://169.254.169.254/latest/meta-data/"]
    assert out.final_url == "http://169.254.169.254/latest/meta-data/"
    assert out.attempts == 1


def test_a_name_with_any_private_address_is_refused_without_connecting() -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34", "10.0.0.5"]

    with Fetcher(FetchPolicy(), resolve=resolve) as f:
        out = f.fetch("https://rebind.example/news")
    assert out.outcome == "private-address"
    assert "rebind.example (10.0.0.5) is a private address" in (out.reason or "")
    assert asked == ["rebind.example"]


def test_connection_goes_to_the_checked_address_with_the_site_host(site: Site) -> None:
    resolve = lambda host, port: ["127.0.0.1"]
    with Fetcher(fast(), resolve=resolve) as f:
        out = f.fetch(f"http://berita.example:{site.port}/a1")
    assert out.outcome == "ok"
    assert out.final_url == f"http://berita.example:{site.port}/a1"
    assert {s.host for s in site.seen} == {f"berita.example:{site.port}"}
    assert {s.agent for s in site.seen} == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT.startswith("jejak/")


@pytest.mark.parametrize(
    "ip",
    ["10.1.2.3", "192.168.0.1", "172.16.5.4", "127.0.0.1", "127.8.8.8", "::1", "fe80::1", "169.254.169.254",
     "0.0.0.0", "::", "224.0.0.1", "100.64.0.1", "240.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
     "2002:7f00:1::", "64:ff9b::a00:1", "fc00::1", "192.0.2.1"],
)
def test_non_public_addresses_refused(ip: str) -> None:
    assert address_problem(ip) is not None


@pytest.mark.parametrize("ip", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "103.10.1.1"])
def test_public_addresses_allowed(ip: str) -> None:
    assert address_problem(ip) is None


def test_address_categories_and_allowed_networks() -> None:
    assert address_problem("127.0.0.1") == "loopback"
    assert address_problem("fe80::1") == "link-local"
    assert address_problem("169.254.1.1") == "link-local"
    assert address_problem("0.0.0.0") == "unspecified"
    assert address_problem("10.0.0.1") == "private"
    assert address_problem("::ffff:127.0.0.1") == "loopback (via 127.0.0.1)"
    assert address_problem("10.1.2.3", allow_networks=("10.1.2.0/24",)) is None
    assert address_problem("10.1.3.3", allow_networks=("10.1.2.0/24",)) == "private"
    assert address_problem("nonsense") == "not an IP address"


# --- size, time, type, redirects ----------------------------------------------------------------


def test_oversize_body_is_cut_with_a_reason(site: Site) -> None:
    with Fetcher(fast(max_bytes=1_000_000)) as f:
        out = f.fetch(site.url("/huge"))
    assert out.outcome == "truncated" and out.ok
    assert out.bytes == len(out.body or b"") == 1_000_000
    assert "cut at 1,000,000 bytes" in (out.reason or "") and "3,000,03" in (out.reason or "")
    rec = to_input_record(out)
    assert isinstance(rec, InputRecord) and rec.html and "cut at" in (rec.note or "")


def test_slow_server_times_out(site: Site) -> None:
    with Fetcher(fast(timeout=0.5, retries=1)) as f:
        t0 = time.monotonic()
        out = f.fetch(site.url("/slow"))
        took = time.monotonic() - t0
    assert out.outcome == "timeout" and "0.5 s" in (out.reason or "")
    assert out.attempts == 1  # a server that is slow to answer is not hammered with retries
    assert took < 1.5


def test_not_a_web_page(site: Site) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(site.url("/report.pdf"))
    assert (out.outcome, out.status, out.body) == ("not-html", 200, None)
    assert "application/pdf" in (out.reason or "")


def test_redirects_followed_and_limited(site: Site) -> None:
    with Fetcher(fast()) as f:
        ok = f.fetch(site.url("/redirect-local"))
        loop = f.fetch(site.url("/redirect-loop"))
    assert ok.outcome == "ok" and ok.final_url == site.url("/page") and ok.attempts == 2
    assert ok.redirects == [site.url("/page")]
    assert loop.outcome == "error" and "more than 5 redirects" in (loop.reason or "")
    assert loop.attempts == 6


def test_http_error_and_bad_urls(site: Site) -> None:
    with Fetcher(fast()) as f:
        missing = f.fetch(site.url("/nope"))
        ftp = f.fetch("ftp://example.com/file")
        junk = f.fetch("http://")
    assert (missing.outcome, missing.status, missing.attempts) == ("http-error", 404, 1)
    assert ftp.outcome == junk.outcome == "error"


# --- rate limit -------------------------------------------------------------------------------


def test_rate_limit_holds_across_calls(site: Site) -> None:
    with Fetcher(fast(min_interval=0.2)) as f:
        f.fetch(site.url("/a1"))
        list(f.fetch_many([site.url("/a2"), site.url("/a3")]))
    assert site.paths() == ["/robots.txt", "/a1", "/a2", "/a3"]
    times = [s.at for s in site.seen]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.19


def test_rate_limit_is_per_host() -> None:
    slept: list[float] = []
    now = [100.0]
    f = Fetcher(FetchPolicy(min_interval=1.0), sleep=slept.append, clock=lambda: now[0])
    f._wait_turn("a.example", "http://a.example")
    f._wait_turn("b.example", "http://b.example")
    now[0] += 0.25
    f._wait_turn("a.example", "http://a.example")
    assert slept == [pytest.approx(0.75)]


# --- feeds and sitemaps -------------------------------------------------------------------------


def test_feed_expansion_and_crawl(site: Site) -> None:
    with Fetcher(fast()) as f:
        exp = f.expand(site.url("/feed.xml"))
        assert exp.kind == "feed"
        assert exp.urls == [site.url("/a1"), site.url("/a2"), site.url("/a3")]
        assert exp.items[0].title == "Satu" and exp.items[0].published == "2024-12-04T03:00:00+00:00"
        outs = list(f.crawl([site.url("/feed.xml"), site.url("/a2")], max_articles=10))
    assert [o.kind for o in outs] == ["feed", "html", "html", "html"]  # /a2 listed already: fetched once
    assert all(o.outcome == "ok" for o in outs)
    art = outs[1]
    assert art.via == site.url("/feed.xml") and art.title == "Satu"
    rec = to_input_record(art)
    assert isinstance(rec, InputRecord)
    assert rec.html and "pompa air" in rec.html and rec.url == site.url("/a1")
    assert rec.title == "Satu" and rec.published == "2024-12-04T03:00:00+00:00"
    feed_rec = to_input_record(outs[0])
    assert isinstance(feed_rec, InputError) and "is a feed" in feed_rec.reason
    json.dumps([o.as_record() for o in outs])  # every outcome can go to a JSONL log


def test_sitemap_index_expansion(site: Site) -> None:
    with Fetcher(fast()) as f:
        exp = f.expand(site.url("/sitemap-index.xml"))
    assert exp.kind == "sitemap"
    assert exp.urls == [site.url("/a1"), site.url("/a3")]
    assert exp.items[0].published == "2024-12-04"
    assert [o.final_url for o in exp.outcomes] == [site.url("/sitemap-index.xml"), site.url("/sitemap.xml")]
    assert exp.outcomes[1].via == site.url("/sitemap-index.xml")


def test_expand_a_page_and_a_failure(site: Site) -> None:
    with Fetcher(fast()) as f:
        page = f.expand(site.url("/a1"))
        gone = f.expand(site.url("/nope"))
        crawl = list(f.crawl([site.url("/a1")], max_articles=1))
    assert page.kind == "page" and page.items == [] and page.outcomes[0].outcome == "ok"
    assert gone.kind == "failed" and gone.outcomes[0].outcome == "http-error"
    assert [o.url for o in crawl] == [site.url("/a1")]


def test_broken_feed_is_recorded_as_error(site: Site) -> None:
    site.routes["/feed.xml"] = lambda r: (200, {"Content-Type": "application/rss+xml"},
                                          b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel>')
    with Fetcher(fast()) as f:
        exp = f.expand(site.url("/feed.xml"))
    assert exp.kind == "failed" and exp.outcomes[0].outcome == "error"
    assert "entities" in (exp.outcomes[0].reason or "")


# --- robots rules (RFC 9309), no network ----------------------------------------------------------


def test_robots_matching_rules() -> None:
    robots = Robots(
        "# comment\n"
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /private\n"
        "Disallow: /*?sessionid=\n"
        "Disallow: /*.pdf$\n"
        "Allow: /private/open\n"
        "Crawl-delay: 2\n"
        "Sitemap: https://example.com/sitemap.xml\n",
        agent=DEFAULT_USER_AGENT,
    )
    allowed = robots.allowed
    assert allowed("https://example.com/")
    assert allowed("https://example.com/news/1")
    assert not allowed("https://example.com/private/x")  # longer Disallow beats `Allow: /`
    assert allowed("https://example.com/private/open/y")  # and a longer Allow beats it
    assert not allowed("https://example.com/news?sessionid=42")
    assert not allowed("https://example.com/a/report.pdf")
    assert allowed("https://example.com/a/report.pdf?x=1")
    assert allowed("https://example.com/robots.txt")
    assert robots.crawl_delay == 2.0
    assert robots.sitemaps == ["https://example.com/sitemap.xml"]


def test_robots_groups_for_our_agent() -> None:
    text = ("User-agent: Googlebot\nUser-agent: jejak\nDisallow: /mine\n\n"
            "User-agent: *\nDisallow: /\n")
    robots = Robots(text, agent=DEFAULT_USER_AGENT)
    assert robots.allowed("http://x.example/news") and not robots.allowed("http://x.example/mine/1")
    other = Robots(text, agent="otherbot/2.0")
    assert not other.allowed("http://x.example/news")
    assert Robots("Disallow: /\n").allowed("http://x.example/a")  # a rule outside any group binds nobody
    assert Robots("User-agent: *\nDisallow:\n").allowed("http://x.example/a")  # empty Disallow allows all
    assert Robots("User-agent: *\nDisallow: /caf%C3%A9\n").allowed("http://x.example/caf\u00e9") is False
    denied = Robots.deny_all("no")
    assert not denied.allowed("http://x.example/") and denied.allowed("http://x.example/robots.txt")


def test_truncated_utf8_page_decodes_cleanly() -> None:
    from jejak.ingest.fetch import FetchOutcome

    body = ("<html><body><p>" + "Menteri berkata café " * 20).encode("utf-8")
    cut = body[: body.rindex("é".encode()) + 1]  # the last character is cut in half
    out = FetchOutcome("http://x.example/a", "http://x.example/a", 200, "truncated", "body cut", 1, len(cut),
                       "text/html", 1, cut, "2024-12-04T00:00:00+00:00", kind="html")
    rec = to_input_record(out)
    assert isinstance(rec, InputRecord) and rec.encoding == "utf-8"
    assert "caf\u00e9" in (rec.html or "") and "Ã" not in (rec.html or "")
    refused = to_input_record(out.__class__("u", "u", None, "timeout", "slow", 1, 0, None, 5, None, "t"))
    assert isinstance(refused, InputError) and "timeout" in refused.reason


# Every way of writing a private or loopback address that the attack campaign tried and that
# resolves: decimal, hex and octal IPv4, short forms, IPv4-mapped, NAT64 and 6to4 IPv6, zone ids,
# credentials and ports. Each is refused before any connection is made.
PRIVATE_FORMS = [
    "http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/",
    "http://017700000001/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:0:0:1]/",
    "http://localhost/", "http://0/", "http://0.0.0.0/", "http://10.0.0.1/", "http://[fe80::1%25eth0]/",
    "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/", "http://172.16.0.1/", "http://[fc00::1]/",
    "http://100.64.0.1/", "http://[::]/", "http://127.0.0.1:22/", "http://user:pass@127.0.0.1/",
    "http://[::ffff:7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://224.0.0.1/",
    "http://255.255.255.255/",
]


def test_every_written_form_of_a_private_address_is_refused() -> None:
    connected: list[str] = []

    def never(*args, **kwargs):  # the refusal must come before any socket is opened
        connected.append(str(args[:1]))
        raise AssertionError("connected")

    with Fetcher(FetchPolicy(min_interval=0.0, timeout=2.0, retries=0)) as f:
        import socket

        original = socket.create_connection
        socket.create_connection = never
        try:
            outcomes = {url: f.fetch(url) for url in PRIVATE_FORMS}
        finally:
            socket.create_connection = original
    wrong = {u: (o.outcome, o.reason) for u, o in outcomes.items() if o.outcome != "private-address"}
    assert not wrong and not connected, wrong


@pytest.mark.parametrize("value", ["\u00b2", "\u0661\u0662", "1e400", "-5", "Mon, 99 Foo 2025", "9" * 400])
def test_a_hostile_retry_after_is_read_or_ignored_never_raised(value: str) -> None:
    from jejak.ingest.fetch import _retry_after

    found = _retry_after(value)
    assert found is None or found >= 0
