"""`jejak serve` against hostile clients and a damaged store.

A chunked body without a token is refused before it is read, and one past the size limit is cut
off as it streams (the server's own memory is measured); a slow analysis is stopped by its time
budget while reads go on; `/api/health` reads the store; HEAD works wherever GET does; and
connections that never finish their request are closed. The servers run as `jejak serve` in a
subprocess (so that its memory is its own) or, where a test must slow the analysis down, as the
same uvicorn configuration in a thread. Bounds are generous: the test machine is small and busy.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
psutil = pytest.importorskip("psutil")
import duckdb  # noqa: E402
import httpx  # noqa: E402
from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from jejak.api import create_app  # noqa: E402
from jejak.pipeline import analyze  # noqa: E402
from jejak.store import Store, StoreError  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "hostile-test-token"
MiB = 1 << 20
GROWTH = 50 * MiB  # what one refused request may add to the server's memory, at most
ARTICLE = (
    "JAKARTA, KABARKITA.com - Menteri Perhubungan Dudy Purwagandhi mengatakan arus mudik tahun ini "
    "diperkirakan naik 5 persen. \"Kami menyiapkan 1.200 bus tambahan,\" kata Dudy di Jakarta, Senin (20/10/2025).\n"
)


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    """A small store of one analysed article."""
    path = tmp_path_factory.mktemp("hostile") / "base.duckdb"
    with Store.open(path) as store:
        assert store.add(analyze(ARTICLE, id="mudik", published="2025-10-20"))
    return path


def _copy(store_file: Path, name: str) -> str:
    target = store_file.with_name(name)
    shutil.copy(store_file, target)
    return str(target)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(base: str, alive) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not alive():
            pytest.fail("the server stopped before it answered")
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail("the server did not answer /api/health within 120 s")


@contextmanager
def _jejak_serve(db: str, *args: str) -> Iterator[tuple[str, psutil.Process]]:
    """`jejak serve` in a subprocess: its base URL and its process."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "jejak.cli", "serve", "--db", db, "--port", str(port), *args],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, lambda: proc.poll() is None)
        yield base, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)


@contextmanager
def _in_thread(app) -> Iterator[str]:
    """The app under the uvicorn configuration `jejak serve` uses, in a thread of this process."""
    from jejak.api.server import uvicorn_config

    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", _free_port()))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.config.port}"
    try:
        _wait_healthy(base, thread.is_alive)
        yield base
    finally:
        server.should_exit = True
        thread.join(30)


# --------------------------------------------------------------------------- 1. bodies before the token


class _Peak:
    """The server's peak resident memory above where it started, sampled in a thread."""

    def __init__(self, proc: psutil.Process) -> None:
        self.proc, self.start = proc, proc.memory_info().rss
        self.peak = self.start
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.sample()

    def sample(self) -> int:
        self.peak = max(self.peak, self.proc.memory_info().rss)
        return self.peak - self.start

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.5)  # anything the server does after answering counts too
        self._done.set()
        self._thread.join(10)
        self.sample()


def _chunked_post(url: str, headers: dict[str, str], peak: _Peak) -> httpx.Response:
    """POST a 1 GiB chunked body from a generator; the generator gives up early (and the test
    fails) when the server's memory grows past GROWTH, so that a server that keeps the body
    cannot take this machine's memory."""
    chunk = b"x" * MiB

    def body() -> Iterator[bytes]:
        for i in range(1024):
            if i % 4 == 0 and peak.sample() > GROWTH:
                return
            yield chunk

    return httpx.post(url, content=body(), headers=headers, timeout=httpx.Timeout(300))


@pytest.fixture(scope="module")
def writable_server(store_file) -> Iterator[tuple[str, psutil.Process]]:
    with _jejak_serve(_copy(store_file, "w.duckdb"), "--allow-write", "--token", TOKEN) as served:
        base, _ = served
        warm = httpx.post(base + "/api/analyze", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=120)
        assert warm.status_code == 200, warm.text  # every module the writes use is loaded before measuring
        yield served


@pytest.mark.parametrize("path, content_type, status", [
    ("/api/analyze", "application/json", 401),
    ("/api/ingest", "application/json", 401),
    ("/paste", "application/x-www-form-urlencoded", 413),  # the form carries its token in the body
])
def test_a_gibibyte_without_a_token_is_refused_and_not_kept(writable_server, path, content_type, status):
    base, proc = writable_server
    with _Peak(proc) as peak:
        got = _chunked_post(base + path, {"content-type": content_type}, peak)
    assert got.status_code == status and got.headers["content-security-policy"]
    assert peak.peak - peak.start < GROWTH, f"the server grew by {(peak.peak - peak.start) / MiB:.0f} MiB"


def test_a_chunked_body_past_the_limit_is_cut_off_with_a_valid_token(writable_server):
    base, proc = writable_server
    with _Peak(proc) as peak:
        got = _chunked_post(base + "/api/analyze", {"content-type": "application/json",
                                                    "authorization": f"Bearer {TOKEN}"}, peak)
    assert got.status_code == 413 and "too large" in got.json()["error"]
    assert peak.peak - peak.start < GROWTH, f"the server grew by {(peak.peak - peak.start) / MiB:.0f} MiB"
    assert httpx.get(base + "/api/health", timeout=30).status_code == 200


# --------------------------------------------------------------------------- 2. slow analysis


class _Spin:
    """An analysis that never ends: a Python loop the time budget can stop."""

    def __init__(self) -> None:
        self.started, self.stopped = threading.Event(), threading.Event()
        self.running = self.most = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        self.started.set()
        try:
            while True:
                pass
        finally:
            with self._lock:
                self.running -= 1
                if not self.running:
                    self.stopped.set()


def test_a_slow_analysis_is_stopped_and_reads_go_on_meanwhile(store_file, monkeypatch):
    import jejak.intake

    spin = _Spin()
    monkeypatch.setattr(jejak.intake, "analyze_input", spin)
    app = create_app(_copy(store_file, "slow.duckdb"), allow_write=True, token=TOKEN, analysis_timeout=2.0,
                     analysis_workers=1)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answers: dict[str, httpx.Response] = {}

    def post(name: str) -> None:
        answers[name] = httpx.post(base + "/api/analyze", json={"text": ARTICLE}, headers=auth, timeout=120)

    with _in_thread(app) as base:
        first = threading.Thread(target=post, args=("first",))
        first.start()
        assert spin.started.wait(60), "the analysis did not start"
        health = httpx.get(base + "/api/health", timeout=60)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert first.is_alive(), "/api/health was answered only after the analysis"
        others = [threading.Thread(target=post, args=(f"other{i}",)) for i in range(3)]
        for t in others:
            t.start()
        for t in [first, *others]:
            t.join(120)
        paste = httpx.post(base + "/paste", data={"text": ARTICLE, "token": TOKEN}, timeout=120)
    assert answers["first"].status_code == 422
    assert "--analysis-timeout" in answers["first"].json()["error"]
    busy = [r for r in answers.values() if r.status_code == 503]
    assert busy and busy[0].headers["retry-after"] and "busy" in busy[0].json()["error"]
    assert busy[0].headers["content-security-policy"]
    assert paste.status_code == 422 and "--analysis-timeout" in paste.text
    assert spin.stopped.wait(60), "the analysis went on after its budget"
    assert spin.most == 1, "more analyses ran at once than the pool has workers"


# --------------------------------------------------------------------------- 3. the store's health

BLOCK = 262_144  # DuckDB's block size; blocks follow a 12 KiB header


def _damaged(store_file: Path, target: Path) -> Path:
    """A copy of the store that opens but whose first rows of `articles` cannot be read: each block
    is overwritten in turn until one is found that holds them."""
    for offset in range(3 * 4096, store_file.stat().st_size, BLOCK):
        shutil.copy(store_file, target)
        with open(target, "r+b") as f:
            f.seek(offset)
            f.write(b"\xff" * BLOCK)
        try:
            with Store.open(target, read_only=True) as store:
                store.con.execute("SELECT * FROM articles LIMIT 1").fetchall()
        except StoreError:
            continue  # the damage hit the catalogue: the store does not even open
        except duckdb.Error:
            return target
    pytest.fail("no block of the store held the articles")


def test_health_reads_the_store_and_a_damaged_store_is_refused(store_file, tmp_path):
    damaged = _damaged(store_file, tmp_path / "damaged.duckdb")
    with TestClient(create_app(_copy(store_file, "healthy.duckdb"))) as client:
        assert client.get("/api/health").status_code == 200
        good = client.app.state.store
        client.app.state.store = Store.open(damaged, read_only=True)  # the disk failed under the server
        try:
            health = client.get("/api/health")
            assert health.status_code == 503 and "cannot be read" in health.json()["error"]
            assert health.headers["content-security-policy"]
            articles = client.get("/api/articles")
            assert articles.status_code == 503 and "cannot be read" in articles.json()["error"]
        finally:
            client.app.state.store.close()
            client.app.state.store = good
    with pytest.raises(StoreError, match="damaged"):
        create_app(str(damaged))
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(os.urandom(100_000))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for bad, says in ((damaged, "damaged"), (garbage, "not a DuckDB file")):
        done = subprocess.run([sys.executable, "-m", "jejak.cli", "serve", "--db", str(bad), "--port",
                               str(_free_port())], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, done.stderr


# --------------------------------------------------------------------------- 4. HEAD


def _get_urls(app) -> list[str]:
    """One URL for every GET route of the app and its dashboard (path parameters filled in), and a
    static file."""
    from jejak.web.pages import router

    urls = ["/static/" + next(p.name for p in (REPO / "src" / "jejak" / "web" / "static").iterdir() if p.is_file())]
    for route in [*app.routes, *router.routes]:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            path = route.path_format
            for name in route.param_convertors:
                path = path.replace("{" + name + "}", "mudik" if name != "name" else "swagger-ui.css")
            urls.append(path)
    return urls


def test_head_answers_like_get_without_a_body(store_file):
    app = create_app(_copy(store_file, "head.duckdb"), allow_write=True, token=TOKEN)
    with TestClient(app) as client:
        urls = _get_urls(app)
        assert {"/api/health", "/api/articles", "/", "/paste", "/docs"} <= set(urls)
        urls.append("/openapi.json")
        for url in urls:
            get, head = client.get(url), client.head(url)
            assert head.status_code == get.status_code, url
            assert head.content == b"", url
            for name in ("content-type", "content-length", "content-security-policy", "x-content-type-options"):
                assert head.headers.get(name) == get.headers.get(name), (url, name)


# --------------------------------------------------------------------------- 5. half-open connections


def _closed_by_server(sock: socket.socket, deadline: float, drip: bool = False) -> bool:
    """Whether the server closes this connection before `deadline` (a drip sends a byte a second)."""
    sock.settimeout(1.0)
    while time.monotonic() < deadline:
        try:
            if sock.recv(4096) == b"":
                return True
        except socket.timeout:
            if drip:
                try:
                    sock.sendall(b"x")
                except OSError:
                    return True
        except OSError:  # reset
            return True
    return False


def test_half_open_connections_are_closed(store_file):
    with _jejak_serve(_copy(store_file, "idle.duckdb")) as (base, _):
        port = int(base.rsplit(":", 1)[1])
        socks = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(8)]
        try:
            for s in socks:
                s.sendall(b"GET /api/hea")  # half a request line, and nothing more
            deadline = time.monotonic() + 90
            closed = [_closed_by_server(s, deadline, drip=(i == 0)) for i, s in enumerate(socks)]
            assert all(closed), closed
            assert httpx.get(base + "/api/health", timeout=30).status_code == 200
        finally:
            for s in socks:
                s.close()


def _answer_of(sock: socket.socket, deadline: float) -> bytes:
    """What the server sends before it closes the connection (or by `deadline`)."""
    sock.settimeout(1.0)
    got = b""
    while time.monotonic() < deadline:
        try:
            data = sock.recv(4096)
        except socket.timeout:
            continue
        except OSError:
            break
        if not data:
            break
        got += data
    return got


@pytest.mark.parametrize("path, auth", [("/paste", ""), ("/api/analyze", f"Authorization: Bearer {TOKEN}\r\n")])
def test_a_body_that_never_ends_is_cut_off(store_file, monkeypatch, path, auth):
    import jejak.api.guard

    monkeypatch.setattr(jejak.api.guard, "BODY_SECONDS", 2.0)
    app = create_app(_copy(store_file, "drip.duckdb"), allow_write=True, token=TOKEN)
    with _in_thread(app) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: "
                         "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n5\r\ntext=\r\n".encode())
            answer = _answer_of(sock, time.monotonic() + 90)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"did not arrive within 2 s" in answer and b"content-security-policy" in answer.lower()
