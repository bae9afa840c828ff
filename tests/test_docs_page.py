"""The API docs page /docs, opened in Debian's chromium with Playwright against a real server.

FastAPI writes an OpenAPI 3.1 schema; a viewer that cannot read 3.1 (Swagger UI 4.x) shows
"Unable to render this definition" and no operation at all. Here the page must show every
path and method of /openapi.json, call the server from "Try it out", load nothing from another
host, and break no rule of the Content-Security-Policy that the server sends with it.
"""

from __future__ import annotations

import json
import urllib.request

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from conftest import ARTIFACTS, served_in_a_thread

from jejak.api.app import create_app
from jejak.store import Store

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
WAIT_MS = 60_000  # generous: the viewer is 1.5 MB of JavaScript on a two-core machine


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The read-only app over an empty store, served by uvicorn on a free loopback port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    db = tmp_path_factory.mktemp("docs") / "empty.duckdb"
    Store.open(db).close()
    with served_in_a_thread(create_app(str(db)), "the docs server") as base:
        yield base


@pytest.fixture(scope="module")
def operations(server) -> set[tuple[str, str]]:
    """(method, path) of every operation in the served schema."""
    with urllib.request.urlopen(server + "/openapi.json", timeout=10) as r:
        schema = json.load(r)
    found = {(method, path) for path, item in schema["paths"].items() for method in item if method in METHODS}
    assert schema["openapi"].startswith("3.1") and len(found) >= 10, (schema["openapi"], found)
    return found


class Docs:
    """/docs in a fresh tab that records requests to other hosts (refused), CSP violations and
    uncaught script errors; the test fails on any of them."""

    def __init__(self, browser, base: str) -> None:  # noqa: F811 - the fixture's value
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.elsewhere: list[str] = []
        self.csp: list[str] = []
        self.crashes: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.crashes.append(str(e)))

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:  # offline: nothing may come from a CDN or go to a validator
            self.elsewhere.append(route.request.url)
            route.abort()

    def _console(self, msg) -> None:
        if msg.type == "error" and "Content Security Policy" in msg.text:
            self.csp.append(msg.text)

    def open(self, wait_for: int) -> str:
        """Load /docs and wait until `wait_for` operations are drawn, or the viewer gave up; its text."""
        response = self.page.goto(self.base + "/docs")
        assert response is not None and response.ok
        self.page.wait_for_function(
            """([n]) => document.querySelectorAll('.opblock').length >= n
                || document.body.innerText.includes('Unable to render')
                || document.querySelector('.errors-wrapper, .version-pragma') !== null""",
            arg=[wait_for], timeout=WAIT_MS)
        return self.page.locator("body").inner_text()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture()
def docs(browser, server):  # noqa: F811 - the fixture
    d = Docs(browser, server)
    yield d
    d.context.close()
    assert not d.elsewhere, d.elsewhere
    assert not d.csp, d.csp  # the page needs nothing that the server's policy blocks
    assert not d.crashes, d.crashes


def test_docs_page_shows_every_operation_of_the_schema(docs, operations):
    text = docs.open(wait_for=len(operations))
    docs.shot("docs-01-operations")
    assert "Unable to render" not in text, text[:2000]
    blocks = docs.page.locator(".opblock")
    count = blocks.count()
    shown = {(blocks.nth(i).locator(".opblock-summary-method").inner_text().strip().lower(),
              blocks.nth(i).locator(".opblock-summary-path").get_attribute("data-path")) for i in range(count)}
    assert count == len(operations), (count, len(operations), sorted(shown ^ operations), text[:2000])
    assert shown == operations, sorted(shown ^ operations)


def test_docs_page_try_it_out_calls_this_server(docs, operations):
    text = docs.open(wait_for=len(operations))
    assert "Unable to render" not in text, text[:2000]
    health = docs.page.locator(".opblock", has=docs.page.locator('.opblock-summary-path[data-path="/api/health"]'))
    health.locator(".opblock-summary-control").click()
    health.locator("button.try-out__btn").click()
    health.locator("button.execute").click()
    body = health.locator(".live-responses-table .response-col_description pre.microlight").first
    body.wait_for(timeout=WAIT_MS)
    docs.shot("docs-02-try-health")
    answer = json.loads(body.inner_text())
    assert answer["status"] == "ok" and answer["read_only"] is True, answer
