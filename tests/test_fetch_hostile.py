"""Fetching from hostile servers: redirects to mailto:/javascript:/data:/about:, charsets that
are no text encoding, header lines dripped one at a time (over HTTP and inside a TLS handshake),
robots.txt patterns built to backtrack, endless bodies and gzip bombs. Every URL must end with
an outcome and a reason, quickly, and the URLs after it must still be fetched.

All servers listen on 127.0.0.1 and are started here; every loop that feeds a client is bounded.
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("httpx")

from jejak.ingest import InputRecord  # noqa: E402
from jejak.ingest.fetch import (  # noqa: E402
    ROBOTS_MAX_RULE_CHARS,
    ROBOTS_MAX_RULES,
    Fetcher,
    FetchPolicy,
    Robots,
    to_input_record,
)

ARTICLE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
           "<p>JAKARTA - Pemerintah kota menambah {n} bus listrik untuk angkutan umum mulai pekan depan. "
           "Kepala Dinas Perhubungan Rina Wijaya mengatakan bus itu melayani rute baru ke kafe dan pasar.</p>"
           "<p>\"Kami ingin warga beralih ke angkutan umum,\" kata Rina di Balai Kota, Senin (3/3/2025). "
           "Tarif tetap Rp 3.500 per perjalanan, termasuk ke Caf\u00e9 Batavia.</p></article></body></html>")

SCHEMES = {"mailto": "mailto:redaksi@berita.example", "javascript": "javascript:alert(document.cookie)",
           "data": "data:text/html,<p>hai</p>", "about": "about:blank"}
A_PATH = "/" + "a" * 200  # the old regex matcher spent seconds on this path against `/*a*a*a*a*b`
HOSTILE_ROBOTS = ("User-agent: *\n"
                  "Disallow: /*a*a*a*a*b\n"
                  "Disallow: /x" + " " * 60_000 + "y\n"  # a lazy-regex line parser was quadratic here
                  "Disallow: /private\n")


def fast(**kw: object) -> FetchPolicy:
    """Loopback allowed, no spacing, short timeouts, no retries unless asked."""
    base: dict[str, object] = {"allow_private": True, "min_interval": 0.0, "timeout": 1.0, "retries": 0,
                               "backoff": 0.01}
    base.update(kw)
    return FetchPolicy(**base)  # type: ignore[arg-type]


@lru_cache(maxsize=None)
def gzipped_zeros(megabytes: int, layers: int = 1) -> bytes:
    """`megabytes` MB of zero bytes, gzipped `layers` times (built a megabyte at a time)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * 1_000_000
    data = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = packer.compress(data) + packer.flush()
    return data


# --- a hostile web site (http.server, one thread per connection) ------------------------------


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, Callable[[Hostile], None]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?", 1)[0], not_found)
        with contextlib.suppress(OSError):  # the client gave up (deadline, size cap): fine
            route(self)

    def log_message(self, *args: object) -> None:
        pass


def send(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    h.send_response(status)
    for key, value in headers.items():
        h.send_header(key, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def not_found(h: BaseHTTPRequestHandler) -> None:
    send(h, 404, {"Content-Type": "text/plain"}, b"tidak ada")


def redirect(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda h: send(h, 302, {"Location": target}, b"")


def page(charset: str, encoding: str, title: str) -> Callable[[BaseHTTPRequestHandler], None]:
    body = ARTICLE.format(title=title, n=20).encode(encoding)
    return lambda h: send(h, 200, {"Content-Type": f"text/html; charset={charset}"}, body)


def drip_headers(h: BaseHTTPRequestHandler) -> None:
    """One header line every half second for 30 s: each read succeeds, only a deadline stops it."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    for i in range(60):
        h.wfile.write(b"X-Drip-%d: ya\r\n" % i)
        time.sleep(0.5)
    body = ARTICLE.format(title="Terlambat", n=1).encode()
    h.wfile.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def endless(h: BaseHTTPRequestHandler) -> None:
    """A chunked body that goes on (up to 640 MB, far past any cap)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    block = b"<p>kata kata kata kata kata kata kata.</p>" * 1_500
    for _ in range(10_000):
        h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))


def gzip_bomb(layers: int) -> Callable[[BaseHTTPRequestHandler], None]:
    body = gzipped_zeros(100, layers)
    coding = ", ".join(["gzip"] * layers)
    return lambda h: send(h, 200, {"Content-Type": "text/html", "Content-Encoding": coding}, body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a hostile answer is what these tests expect


@pytest.fixture
def hostile() -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), Hostile)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    Hostile.routes = {
        "/robots.txt": lambda h: send(h, 200, {"Content-Type": "text/plain"}, HOSTILE_ROBOTS.encode()),
        **{f"/to-{name}": redirect(target) for name, target in SCHEMES.items()},
        **{f"/charset-{name}": page(name, "latin-1", f"Kafe {name}")
           for name in ("base64", "rot13", "hex", "zlib", "x-no-such-charset")},
        "/drip-headers": drip_headers,
        "/endless": endless,
        "/gzip-bomb": gzip_bomb(1),
        "/gzip-gzip-bomb": gzip_bomb(2),
        "/brotli-unasked": lambda h: send(h, 200, {"Content-Type": "text/html", "Content-Encoding": "br"},
                                          b"\x1b\x00\x00"),
        "/corrupt-gzip": lambda h: send(h, 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                                        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff"),  # block type 3
        "/berita/baik": page("utf-8", "utf-8", "Bus Listrik Baik"),
    }
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


# --- raw socket servers, for what http.server cannot be made to do ------------------------------


@contextlib.contextmanager
def raw_server(handle: Callable[[socket.socket], None]) -> Iterator[int]:
    """A loopback TCP server calling `handle(conn)` in a thread per connection (50 at most)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        for _ in range(50):
            try:
                conn, _addr = listener.accept()
            except OSError:
                return
            threading.Thread(target=_handle_quietly, args=(handle, conn), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def _handle_quietly(handle: Callable[[socket.socket], None], conn: socket.socket) -> None:
    with conn, contextlib.suppress(OSError):
        handle(conn)


def raw_drip(conn: socket.socket) -> None:
    """robots.txt: 404 at once; anything else: a status line, then a header line every 0.5 s."""
    request = conn.recv(65536)
    if request.startswith(b"GET /robots.txt "):
        conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    for i in range(60):
        conn.sendall(b"X-Drip-%d: ya\r\n" % i)
        time.sleep(0.5)
    conn.sendall(b"Content-Length: 2\r\n\r\nok")


def tls_drip(conn: socket.socket) -> None:
    """Answers a TLS ClientHello with a record header announcing 16,000 bytes, then one byte
    every 0.5 s: a handshake that never ends."""
    conn.recv(65536)
    conn.sendall(b"\x16\x03\x03\x3e\x80")
    for _ in range(60):
        conn.sendall(b"\x00")
        time.sleep(0.5)


# --- redirects to other schemes -----------------------------------------------------------------


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_redirect_to_a_non_http_scheme_is_refused_with_a_reason(hostile: str, scheme: str) -> None:
    with Fetcher(fast()) as f:
        out = f.fetch(f"{hostile}/to-{scheme}")
        after = f.fetch(f"{hostile}/berita/baik")
    assert out.outcome == "error" and out.body is None
    assert f"redirect to a{'n' if scheme == 'about' else ''} {scheme}: URL refused" in (out.reason or "")
    assert out.redirects == [SCHEMES[scheme]] and out.attempts == 1
    assert after.outcome == "ok"


def test_a_first_url_with_another_scheme_is_refused_without_a_request() -> None:
    with Fetcher(fast()) as f:
        outs = [f.fetch(url) for url in SCHEMES.values()]
    assert all(o.outcome == "error" and o.attempts == 0 for o in outs)
    assert "fetching a mailto: URL refused (only http and https are fetched)" in (outs[0].reason or "")


# --- charsets that are not text encodings -------------------------------------------------------


def test_a_charset_that_is_no_text_encoding_falls_back_to_detection(hostile: str) -> None:
    with Fetcher(fast()) as f:
        outs = {name: f.fetch(f"{hostile}/charset-{name}") for name in ("base64", "rot13", "hex", "zlib",
                                                                         "x-no-such-charset")}
    for name, out in outs.items():
        assert out.outcome == "ok", (name, out.reason)
        rec = to_input_record(out)
        assert isinstance(rec, InputRecord), (name, rec)
        assert "Caf\u00e9 Batavia" in (rec.html or ""), name  # Latin-1 bytes, read as cp1252
        assert rec.encoding == "cp1252"
        assert f"charset '{name}' ignored" in (rec.note or "") and "decoded as cp1252 (fallback)" in (rec.note or "")


def test_a_meta_charset_that_is_no_charset_is_passed_over() -> None:
    from jejak.ingest.decode import decode_bytes, text_codec

    assert [text_codec(n) for n in ("UTF-8", "latin1", "windows-1252")] == ["utf-8", "iso8859-1", "cp1252"]
    refused = ("base64", "rot13", "hex", "zlib", "undefined", "unicode_escape", "nope")
    assert [text_codec(n) for n in refused] == [None] * len(refused)
    for name in ("undefined", "base64", "unicode_escape"):  # `undefined` raised UnicodeError from bytes.decode
        dec = decode_bytes(f"<html><head><meta charset='{name}'></head><p>Caf\u00e9</p>".encode("latin-1"))
        assert (dec.text or "").endswith("Caf\u00e9</p>") and (dec.encoding, dec.how) == ("cp1252", "fallback"), name


# --- the total deadline -------------------------------------------------------------------------


def test_headers_dripped_a_line_at_a_time_hit_the_deadline() -> None:
    with raw_server(raw_drip) as port, Fetcher(fast(timeout=1.0)) as f:
        started = time.monotonic()
        out = f.fetch(f"http://127.0.0.1:{port}/lambat")
        took = time.monotonic() - started
    assert out.outcome == "timeout" and out.attempts == 1
    assert "response headers not complete within 1 s" in (out.reason or "")
    assert took < 15  # the deadline is 1 s; the server would drip for 30 s


def test_a_tls_handshake_dripped_a_byte_at_a_time_hits_the_deadline() -> None:
    with raw_server(tls_drip) as port, Fetcher(fast(timeout=1.0, retries=2)) as f:
        started = time.monotonic()
        out = f.fetch(f"https://127.0.0.1:{port}/lambat")
        took = time.monotonic() - started
    robots = next(iter(f.robots_outcomes.values()))
    assert robots.outcome == "timeout" and robots.attempts == 1  # slow on purpose: not retried as a failed connect
    assert "not set up within 1 s" in (robots.reason or "")
    assert out.outcome == "robots-disallowed" and "could not be read" in (out.reason or "")
    assert took < 15


# --- bodies: gzip bombs, codings not asked for (the endless body is in the run below) ------------


def test_a_gzip_bomb_is_cut_without_inflating_it_in_memory(hostile: str) -> None:
    gzipped_zeros(100)  # built before memory is traced
    with Fetcher(fast(max_bytes=1_000_000)) as f:
        tracemalloc.start()
        try:
            out = f.fetch(f"{hostile}/gzip-bomb")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert out.outcome == "truncated" and out.bytes == 1_000_000
    assert "longer once decompressed (gzip)" in (out.reason or "")
    assert peak < 40_000_000  # httpx alone inflated each 64 KB chunk whole: 64 MB and more


def test_stacked_or_unasked_content_codings_are_refused(hostile: str) -> None:
    gzipped_zeros(100, 2)
    with Fetcher(fast(max_bytes=1_000_000)) as f:
        tracemalloc.start()
        try:
            double = f.fetch(f"{hostile}/gzip-gzip-bomb")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        brotli = f.fetch(f"{hostile}/brotli-unasked")
        corrupt = f.fetch(f"{hostile}/corrupt-gzip")
    assert double.outcome == "error" and "content encoding gzip, gzip refused" in (double.reason or "")
    assert peak < 40_000_000
    assert brotli.outcome == "error" and "content encoding br refused" in (brotli.reason or "")
    assert corrupt.outcome == "error" and "gzip body is corrupt" in (corrupt.reason or "")


# --- robots.txt built to backtrack --------------------------------------------------------------


def test_hostile_robots_patterns_cost_milliseconds() -> None:
    cases = [  # (rule, path); the old regex matcher: ~20 s, ~60-90 s, > 120 s for one match
        ("/*a*a*a*a*b", "/" + "a" * 300),
        ("/*a*a*a*a*b", "/" + "a" * 400),
        ("/" + "*a" * 11 + "*b", "/" + "a" * 59),
        ("/" + "*a" * 60 + "*b$", "/" + "a" * 2_000),
    ]
    parsed = [(Robots(f"User-agent: *\nDisallow: {rule}\n"), f"http://x.example{path}") for rule, path in cases]
    started = time.perf_counter()
    for i in range(1_000):
        robots, url = parsed[i % len(parsed)]
        assert robots.allowed(url)  # no `b` in the path: no rule matches
        assert time.perf_counter() - started < 5.0, f"{i + 1} matches took over 5 s"
    assert not parsed[0][0].allowed("http://x.example/" + "a" * 300 + "b")


def test_a_robots_line_with_a_long_run_of_spaces_parses_quickly() -> None:
    started = time.perf_counter()
    robots = Robots("User-agent: *\nDisallow: /x" + " " * 60_000 + "y\nDisallow: /private\n")
    assert time.perf_counter() - started < 5.0  # the lazy-regex parser took ~17 s
    assert not robots.allowed("http://x.example/private/1") and robots.allowed("http://x.example/news")


def test_robots_rule_count_and_length_are_capped() -> None:
    rules = "".join(f"Disallow: /r{i}/\n" for i in range(ROBOTS_MAX_RULES + 5))
    long_rule = "Disallow: /" + "p" * ROBOTS_MAX_RULE_CHARS + "\n"
    robots = Robots("User-agent: *\n" + long_rule + rules)
    assert robots.ignored == 6
    assert not robots.allowed("http://x.example/r0/a")
    assert robots.allowed(f"http://x.example/r{ROBOTS_MAX_RULES + 1}/a")  # past the cap: not a rule
    assert robots.allowed("http://x.example/" + "p" * ROBOTS_MAX_RULE_CHARS)


def _reference_match(pattern: str, path: str) -> bool:
    """Google's robots matching by dynamic programming: `*` any run, a final `$` anchors the end,
    otherwise the pattern need only match a prefix of the path."""
    anchored = pattern.endswith("$")
    pattern = pattern[:-1] if anchored else pattern + "*"
    row = [True] + [False] * len(path)  # row[j]: the pattern so far matches path[:j]
    for c in pattern:
        nxt = [c == "*" and row[0]] + [False] * len(path)
        for j in range(1, len(path) + 1):
            nxt[j] = (row[j] or nxt[j - 1]) if c == "*" else (row[j - 1] and path[j - 1] == c)
        row = nxt
    return row[-1]


def _reference_allowed(rules: list[tuple[bool, str]], path: str) -> bool:
    """The longest matching rule decides, Allow wins a tie; no match allows."""
    best: tuple[int, bool] | None = None
    for allow, pattern in rules:
        if _reference_match(pattern, path) and (best is None or (len(pattern), allow) > best):
            best = (len(pattern), allow)
    return best is None or best[1]


def test_wildcard_matching_agrees_with_a_reference_on_random_rules() -> None:
    rng = random.Random(9309)

    def text(alphabet: str, longest: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))

    for _ in range(3_000):
        rules = [(rng.random() < 0.4, rng.choice("/*") + text("ab/*$", 7) + rng.choice(["", "$"]))
                 for _ in range(rng.randint(1, 4))]
        path = "/" + text("ab/$", 10)
        robots = Robots("User-agent: *\n" + "".join(f"{'Allow' if a else 'Disallow'}: {p}\n" for a, p in rules))
        assert robots.allowed("http://x.example" + path) == _reference_allowed(rules, path), (rules, path)


# --- one run over all of it, through `jejak fetch` ---------------------------------------------


def test_jejak_fetch_survives_a_hostile_site_and_stores_the_good_article(hostile: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jejak.cli import app
    from jejak.store import Store

    paths = [*(f"/to-{s}" for s in sorted(SCHEMES)), "/charset-base64", "/drip-headers", A_PATH, "/endless",
             "/gzip-bomb", "/gzip-gzip-bomb", "/berita/baik"]
    urls = [hostile + p for p in paths]
    db, log = tmp_path / "hostile.duckdb", tmp_path / "log.jsonl"
    started = time.monotonic()
    result = CliRunner().invoke(app, ["fetch", *urls, "--db", str(db), "--log", str(log), "--allow-private",
                                      "--interval", "0", "--timeout", "1", "--retries", "0",
                                      "--max-bytes", "300000"])
    took = time.monotonic() - started
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    by_url = {r["url"]: r for r in records}
    assert len(records) == len(urls) + 1 and set(by_url) == {*urls, hostile + "/robots.txt"}
    for url in urls:
        rec = by_url[url]
        assert rec["outcome"] == "ok" or rec["reason"], rec
    reason = {p: (by_url[hostile + p]["outcome"], by_url[hostile + p]["reason"] or "") for p in paths}
    for s in SCHEMES:
        assert reason[f"/to-{s}"][0] == "error" and f" {s}: URL refused" in reason[f"/to-{s}"][1]
    assert reason["/drip-headers"][0] == "timeout" and "headers not complete within 1 s" in reason["/drip-headers"][1]
    assert reason[A_PATH][0] == "http-error"  # allowed by the hostile robots.txt, then a plain 404
    assert reason["/endless"][0] == "truncated" and "cut at 300,000 bytes" in reason["/endless"][1]
    assert reason["/gzip-bomb"][0] == "truncated" and "decompressed (gzip)" in reason["/gzip-bomb"][1]
    assert reason["/gzip-gzip-bomb"][0] == "error" and "gzip, gzip refused" in reason["/gzip-gzip-bomb"][1]
    assert reason["/charset-base64"][0] == reason["/berita/baik"][0] == "ok"
    with Store.open(db, read_only=True) as store:
        stored = {u for (u,) in store.con.execute("SELECT url FROM articles").fetchall()}
    assert {hostile + "/berita/baik", hostile + "/charset-base64"} <= stored
    assert took < 90  # seconds; the slowest server would have held the old fetcher for 30
