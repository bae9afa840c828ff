from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "tests" / "artifacts"


@contextmanager
def served_in_a_thread(app, what: str = "the server") -> Iterator[str]:
    """An ASGI app served by uvicorn on a free loopback port in a thread; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"{what} did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{srv.servers[0].sockets[0].getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def _chromium() -> str | None:
    path = os.environ.get("JEJAK_CHROMIUM") or shutil.which("chromium")
    return path if path and Path(path).exists() else None


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under Playwright; the tests that need it skip, saying why, without it."""
    path = _chromium()
    if path is None:
        pytest.skip("no chromium found (install Debian's `chromium`, or set JEJAK_CHROMIUM to its path)")
    sync_api = pytest.importorskip("playwright.sync_api")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=path, args=["--no-sandbox"])
    except sync_api.Error as e:  # pragma: no cover - depends on the machine
        pw.stop()
        pytest.skip(f"chromium at {path} did not start under Playwright: {e}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "dev").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "seed" / "000_1355c149a23b8f5a.txt").read_text(encoding="utf-8")
