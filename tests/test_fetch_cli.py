"""`jejak fetch` end to end against a loopback server: a feed expanded, robots.txt honoured,
articles analysed and stored, every outcome logged, loopback refused without --allow-private."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("httpx")
pytest.importorskip("feedparser")

from jejak.cli import app  # noqa: E402
from jejak.store import Store  # noqa: E402

PAGE = ("<html><head><meta charset='utf-8'><title>{title}</title></head><body><nav>Beranda | Nasional</nav>"
        "<article><h1>{title}</h1><p>JAKARTA, KABARUJI - Pemerintah kota menambah {n} bus listrik untuk "
        "angkutan umum mulai pekan depan. Kepala Dinas Perhubungan Rina Wijaya mengatakan bus itu melayani "
        "rute baru.</p><p>\"Kami ingin warga beralih ke angkutan umum,\" kata Rina di Balai Kota, Senin "
        "(3/3/2025). Tarif tetap Rp 3.500 per perjalanan.</p></article><footer>Hak cipta</footer></body></html>")


class Site(BaseHTTPRequestHandler):
    seen: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        Site.seen.append(self.path)
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            return self._send(200, "text/plain", "User-agent: *\nDisallow: /private\n")
        if self.path == "/feed.xml":
            items = "".join(f"<item><title>Berita {n}</title><link>{host}{path}</link></item>"
                            for n, path in ((1, "/berita/1"), (2, "/berita/2"), (3, "/private/3")))
            return self._send(200, "application/rss+xml",
                              f"<?xml version='1.0'?><rss version='2.0'><channel><title>Kabar</title>{items}"
                              "</channel></rss>")
        if self.path.startswith("/berita/"):
            n = self.path.rsplit("/", 1)[1]
            return self._send(200, "text/html; charset=utf-8", PAGE.format(title=f"Bus Listrik {n}", n=10 * int(n)))
        return self._send(404, "text/plain", "tidak ada")

    def _send(self, status: int, ctype: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture()
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_a_feed_into_the_store(site, tmp_path: Path):
    db, log = tmp_path / "f.duckdb", tmp_path / "log.jsonl"
    result = CliRunner().invoke(app, ["fetch", f"{site}/feed.xml", "--db", str(db), "--log", str(log),
                                      "--allow-private", "--interval", "0"])
    assert result.exit_code in (0, 1), result.output
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 2 and store.count("quotes") >= 2
    outcomes = [json.loads(line)["outcome"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert "robots-disallowed" in outcomes and outcomes.count("ok") >= 3  # feed, two articles (and robots.txt)
    assert "/private/3" not in Site.seen  # disallowed: never requested


def test_loopback_is_refused_without_the_flag(site, tmp_path: Path):
    db, log = tmp_path / "g.duckdb", tmp_path / "log.jsonl"
    result = CliRunner().invoke(app, ["fetch", f"{site}/berita/1", "--db", str(db), "--log", str(log)])
    assert result.exit_code == 1 and "private-address" in result.output
    assert Site.seen == []


def test_fetch_needs_something_to_fetch(tmp_path: Path):
    result = CliRunner().invoke(app, ["fetch", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "give URLs" in result.output


def test_a_second_run_requests_only_what_is_not_stored(site, tmp_path: Path):
    db, log = tmp_path / "h.duckdb", tmp_path / "log.jsonl"
    cli = CliRunner()
    first = cli.invoke(app, ["fetch", f"{site}/berita/1", "--db", str(db), "--log", str(log), "--allow-private",
                             "--interval", "0"])
    assert first.exit_code == 0, first.output
    Site.seen = []
    second = cli.invoke(app, ["fetch", f"{site}/feed.xml", "--db", str(db), "--log", str(log), "--allow-private",
                              "--interval", "0"])
    assert second.exit_code in (0, 1), second.output
    assert "/berita/1" not in Site.seen and "/berita/2" in Site.seen  # the stored article is not asked for again
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    again = [r for r in lines if r["outcome"] == "already-stored"]
    assert [r["url"] for r in again] == [f"{site}/berita/1"] and again[0]["via"] == f"{site}/feed.xml"
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 2
    Site.seen = []
    forced = cli.invoke(app, ["fetch", f"{site}/berita/1", "--db", str(db), "--log", str(log), "--allow-private",
                              "--interval", "0", "--refetch"])
    assert forced.exit_code == 0, forced.output
    assert "/berita/1" in Site.seen
