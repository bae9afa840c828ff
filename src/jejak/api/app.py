"""The FastAPI app: a JSON (and CSV) API over one store, its OpenAPI docs, and the dashboard.

Read-only unless started with `allow_write` and a token. Every answer is JSON, errors too
(`{"error": "..."}`); lists are pages (`limit`, `offset`, `next_offset`) in a stable order.
Swagger UI is served from files shipped with the package, so `/docs` works offline.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

import anyio
import duckdb
from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from jejak.api.analysis import DEFAULT_ANALYSIS_SECONDS, RETRY_AFTER, AnalysisBusy, AnalysisPool
from jejak.api.deps import ServeConfig, get_store, require_write
from jejak.api.guard import SECURITY_HEADERS, HeadAsGet, SecurityHeaders, WriteGuard
from jejak.api.limits import MAX_BODY, MAX_LIMIT, MAX_OFFSET, MAX_TEXT
from jejak.ingest.readers import record_from_object
from jejak.ingest.records import InputError, InputRecord, clean_field
from jejak.intake import Outcome
from jejak.model import Article
from jejak.api.tables import FormatName, cell, page
from jejak.store import SCHEMA_VERSION, NotFound, Store, StoreError, browse, queries
from jejak.store.schema import PROVENANCE_TABLES, TABLES, WATCH_TABLES
from jejak.store.story_queries import stories as story_list

_SURROGATE = re.compile("[\ud800-\udfff]")
Limit = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")
Format = Query("json", description="json (a page with paging), or the rows as a file: csv, jsonl or parquet.")
T = TypeVar("T")


class ArticleIn(BaseModel):
    """One article to analyse: its text or HTML, with optional metadata."""

    text: str | None = Field(None, max_length=MAX_TEXT, description="Plain text of the article.")
    html: str | None = Field(None, max_length=MAX_TEXT, description="A whole HTML page instead of text.")
    id: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000, description="Kept as metadata; this endpoint does not fetch it.")
    published: str | None = Field(None, max_length=64, description="ISO date or date and time.")
    lang: Literal["id", "en"] | None = None

    @field_validator("text", "html", "id", "title", "url", "published", mode="before")
    @classmethod
    def _no_lone_surrogates(cls, value: Any) -> Any:
        """`"\\ud800"` is valid JSON but no text: replaced, so one such field cannot refuse the request."""
        return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


class IngestIn(BaseModel):
    """Articles to analyse and store."""

    records: list[dict[str, Any]] = Field(..., max_length=1000, description=(
        "Records as a JSONL file holds them: `text` or `html` (also `body`, `content`, `raw_html`), `id`, "
        "`url` (or `link`), `title`, `published` (or `date`), and `lang` (id or en) to skip identification. "
        "A record that cannot be read is skipped with its reason; the others are stored."))
    link: bool = Field(True, description="Link the new articles into stories afterwards.")


def _page(items: list[dict[str, Any]], limit: int, offset: int, fmt: str, name: str = "rows") -> Response:
    return page(items, limit, offset, fmt, name)


_cell = cell  # kept for callers of the old name


def _input_of(obj: Any, index: int = 0) -> tuple[InputRecord, str | None]:
    """A request's record read by the readers' own rules (the same fields, names and priorities as
    a line of a JSONL file), and its `lang`; an HTTP 422 that says why it cannot be read."""
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(exclude_none=True)
    item = record_from_object(obj, None, f"records[{index}]", None)
    if isinstance(item, InputError):
        raise HTTPException(422, item.reason)
    if max(len(item.text or ""), len(item.html or "")) > MAX_TEXT:
        raise HTTPException(422, f"the article is longer than {MAX_TEXT:,} characters; send it in a file to "
                                 "`jejak ingest` instead")
    lang = obj.get("lang") if isinstance(obj, dict) else None
    if lang not in (None, "id", "en"):
        raise HTTPException(422, f"lang must be id or en, not {clean_field(lang)!r}")
    if item.id:
        item.origin += f" ({item.id})"
    return item, lang


async def _in_pool(pool: AnalysisPool, job: Callable[[], T]) -> T:
    """`job` on the analysis pool, or an HTTP 503 with Retry-After when the pool is full."""
    try:
        return await pool.run(job)
    except AnalysisBusy as e:
        raise HTTPException(503, str(e), headers={"Retry-After": str(RETRY_AFTER)}) from e


def _article_of(pool: AnalysisPool, outcome: Outcome) -> Article:
    """The analysed article, or an HTTP 422 that says why there is none."""
    if outcome.article is not None:
        return outcome.article
    if pool.timed_out(outcome):
        raise HTTPException(422, pool.timeout_message())
    raise HTTPException(422, f"cannot analyse this article: {outcome.reason}")


def _api(app: FastAPI) -> None:
    """The JSON routes."""

    @app.get("/api/health", tags=["store"], responses={503: {"description": "The store cannot be read."}})
    def health(store: Store = Depends(get_store)) -> Response:
        """Whether the store can be read (the first rows of every table are), its size, and
        whether writes are allowed; 503 when the store cannot be read."""
        config: ServeConfig = app.state.config
        try:
            read_check(store)
            counts = {"articles": store.count("articles"), "quotes": store.count("quotes")}
        except duckdb.Error as e:
            return JSONResponse({"status": "error", "error": _unreadable(e)}, status_code=503)
        return JSONResponse({"status": "ok", "schema_version": SCHEMA_VERSION, **counts,
                             "read_only": not config.allow_write})

    @app.get("/api/articles", tags=["articles"])
    def list_articles(q: str | None = Query(None, max_length=500, description="Words in the title or text."),
                      outlet: str | None = Query(None, max_length=200, description="Part of the outlet's name."),
                      outlet_exact: bool = Query(False, description="`outlet` is the whole name (as facets give it)."),
                      since: date | None = None,
                      until: date | None = None, limit: int = Limit, offset: int = Offset, format: FormatName = Format,
                      store: Store = Depends(get_store)) -> Response:
        """Articles, newest first, searchable by text and outlet and bounded by dates."""
        return _page(browse.articles(store, q=q, outlet=outlet, since=since, until=until, limit=limit,
                                     offset=offset, exact_outlet=outlet_exact), limit, offset, format, "articles")

    @app.get("/api/articles/{ref:path}", tags=["articles"])
    def one_article(ref: str, store: Store = Depends(get_store)) -> Response:
        """One article's full analysis record (by input id or article id), with its story."""
        return JSONResponse(jsonable_encoder(browse.article(store, ref)))

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(speaker: str | None = Query(None, max_length=200), text: str | None = Query(None, max_length=500),
                    since: date | None = None, until: date | None = None,
                    min_confidence: float | None = Query(None, ge=0.0, le=1.0), limit: int = Limit,
                    offset: int = Offset, format: FormatName = Format, store: Store = Depends(get_store)) -> Response:
        """Quotes by speaker (a name, part of one, or an alias: `Jokowi`, `KPK`), by words, by date; newest
        first, each with the confidence of its attribution (`min_confidence` keeps the likelier ones)."""
        return _page(queries.quotes(store, speaker=speaker, text=text, since=since, until=until, limit=limit,
                                    offset=offset, min_confidence=min_confidence), limit, offset, format, "quotes")

    @app.get("/api/entities", tags=["entities"])
    def list_entities(type: str | None = Query(None, max_length=10), name: str | None = Query(None, max_length=200),
                      min_confidence: float | None = Query(None, ge=0.0, le=1.0),
                      limit: int = Limit, offset: int = Offset, format: FormatName = Format,
                      store: Store = Depends(get_store)) -> Response:
        """People, organisations and places (found by name or alias) with their mention, article and quote
        counts and their best confidence."""
        return _page(queries.entities(store, type=type, name=name, limit=limit, offset=offset,
                                      min_confidence=min_confidence), limit, offset, format, "entities")

    @app.get("/api/entities/{key:path}", tags=["entities"])
    def one_entity(key: str, limit: int = Query(200, ge=1, le=MAX_LIMIT), offset: int = Offset,
                   store: Store = Depends(get_store)) -> Response:
        """One entity: its names, its quotes over time with outlets, and a per-day timeline."""
        found = browse.entity(store, key, limit=limit, offset=offset)
        if found is None:
            raise HTTPException(404, f"no entity {key!r} in this store")
        return JSONResponse(jsonable_encoder(found))

    @app.get("/api/events", tags=["events"])
    def list_events(actor: str | None = Query(None, max_length=200), type: str | None = Query(None, max_length=20),
                    mode: Literal["negated", "intent", "none"] | None = None, since: date | None = None,
                    until: date | None = None, min_confidence: float | None = Query(None, ge=0.0, le=1.0),
                    limit: int = Limit, offset: int = Offset, format: FormatName = Format,
                    store: Store = Depends(get_store)) -> Response:
        """PLOVER events with their evidence, newest first, each with its confidence
        (`min_confidence` keeps the likelier ones)."""
        return _page(queries.events(store, actor=actor, type=type, mode=mode, since=since, until=until,
                                    limit=limit, offset=offset, min_confidence=min_confidence), limit, offset, format,
                     "events")

    @app.get("/api/acts", tags=["events"])
    def list_acts(actor: str | None = Query(None, max_length=200), type: str | None = Query(None, max_length=20),
                  mode: Literal["negated", "intent", "none"] | None = None, since: date | None = None,
                  until: date | None = None, min_confidence: float | None = Query(None, ge=0.0, le=1.0),
                  limit: int = Limit, offset: int = Offset, format: FormatName = Format,
                  store: Store = Depends(get_store)) -> Response:
        """Events as acts: the same act reported by several articles of a story is one item, with
        its reports, outlets and articles."""
        return _page(queries.acts(store, actor=actor, type=type, mode=mode, since=since, until=until,
                                  limit=limit, offset=offset, min_confidence=min_confidence), limit, offset, format,
                     "acts")

    @app.get("/api/stories", tags=["stories"])
    def list_stories(since: date | None = None, until: date | None = None,
                     outlet: str | None = Query(None, max_length=200), limit: int = Limit, offset: int = Offset,
                     format: FormatName = Format, store: Store = Depends(get_store)) -> Response:
        """Stories (as last linked by `jejak stories`), newest first."""
        return _page(story_list(store, since=since, until=until, outlet=outlet, limit=limit, offset=offset),
                     limit, offset, format, "stories")

    @app.get("/api/stories/{story_id:path}", tags=["stories"])
    def one_story(story_id: str, store: Store = Depends(get_store)) -> Response:
        """One story: members with roles, the likely original, and each copy's distortions."""
        found = browse.story(store, story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r} in this store")
        return JSONResponse(jsonable_encoder(found))

    busy = {503: {"description": "Every analysis worker is busy; send the request again after Retry-After."}}

    @app.post("/api/analyze", tags=["write"], dependencies=[Depends(require_write)], responses=busy)
    async def analyze_article(article: ArticleIn = Body(...)) -> Response:
        """Analyse one pasted article and return its record; nothing is stored."""
        pool: AnalysisPool = app.state.analysis
        item, lang = _input_of(article)
        result = _article_of(pool, await _in_pool(pool, lambda: pool.analyse(item, lang)))
        return JSONResponse(jsonable_encoder(result.to_dict() | {"source_text": result.source_text}))

    @app.post("/api/ingest", tags=["write"], dependencies=[Depends(require_write)], responses=busy)
    async def ingest(batch: IngestIn = Body(...), store: Store = Depends(get_store)) -> Response:
        """Analyse and store articles (idempotent by content), then link them into stories."""
        pool: AnalysisPool = app.state.analysis
        items, skipped = [], []
        for i, obj in enumerate(batch.records):
            try:
                items.append((i, *_input_of(obj, i)))
            except HTTPException as e:
                skipped.append({"index": i, "id": clean_field(obj.get("id")), "reason": e.detail})
        # The whole batch is one job of the pool, each article under its own budget.
        outcomes = await _in_pool(pool, lambda: [pool.analyse(item, lang) for _, item, lang in items])
        records = []
        for (i, item, _), outcome in zip(items, outcomes):
            try:
                records.append(_article_of(pool, outcome))
            except HTTPException as e:
                skipped.append({"index": i, "id": item.id, "reason": e.detail})
        written = await anyio.to_thread.run_sync(lambda: _store(app, store, records, batch.link))
        return JSONResponse({"stored": written["stored"], "duplicates": written["duplicates"],
                             "skipped": sorted(skipped, key=lambda s: s["index"]), "failed": written["failed"],
                             "linked": written["linked"]})


def _store(app: FastAPI, store: Store, records: list[Article], link_them: bool) -> dict[str, Any]:
    """Store analysed articles and link them into stories, one writer at a time (DuckDB refuses
    conflicting transactions); the analysis ran before, outside the write lock."""
    with app.state.write_lock:
        stats = store.add_many(records)
        linked = None
        if link_them and stats.stored:
            from jejak.provenance.linker import link

            result = link(store)
            linked = {"copies": result.copies, "siblings": result.siblings, "same_story": result.same_story,
                      "background": result.background, "same_event": result.same_event, "stories": result.stories}
    return {"stored": stats.stored, "duplicates": stats.duplicates, "failed": stats.failed, "linked": linked}


def _errors(app: FastAPI) -> None:
    """Every error as JSON with a message a person can act on."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = ["/".join(str(x) for x in e.get("loc", ())) + ": " + str(e.get("msg")) for e in exc.errors()]
        return JSONResponse({"error": "invalid request: " + "; ".join(parts)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404 if isinstance(exc, NotFound) else 400)

    @app.exception_handler(duckdb.TransactionException)
    async def conflict(request: Request, exc: duckdb.TransactionException) -> JSONResponse:
        return JSONResponse({"error": "the store was busy with another write; send the request again"},
                            status_code=409)

    @app.exception_handler(duckdb.Error)
    async def store_unreadable(request: Request, exc: duckdb.Error) -> JSONResponse:
        if not _is_unreadable(exc):
            raise exc  # a query's own error: answered as unexpected, below
        return JSONResponse({"error": _unreadable(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        response = JSONResponse({"error": f"internal error ({type(exc).__name__}); please report it"}, status_code=500)
        _secure(request, response)  # error responses skip the middleware; they get the same headers
        return response


def read_check(store: Store) -> None:
    """Read the first row of every table; raises duckdb.Error when the file cannot be read.

    A count comes from DuckDB's metadata and succeeds on a file whose data blocks are damaged;
    reading rows does not. Damage deeper in a large store is found by the request that reads it."""
    for table in TABLES + PROVENANCE_TABLES + WATCH_TABLES:
        store.con.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()


def _is_unreadable(exc: duckdb.Error) -> bool:
    """Whether a DuckDB error is the file's (damaged, unreadable, given up on), not a query's."""
    text = str(exc).lower()
    return (isinstance(exc, (duckdb.IOException, duckdb.FatalException, duckdb.ConnectionException))
            or "corrupt" in text or "invalidated" in text)


def _unreadable(exc: duckdb.Error) -> str:
    return (f"the store cannot be read ({str(exc)[:300]}); it may be damaged. Stop the server and restore the "
            "store from a backup, or re-ingest into a new one")


def _docs(app: FastAPI) -> None:
    """Swagger UI 5 from the swagger-ui-py package, not from a CDN.

    FastAPI writes OpenAPI 3.1, which Swagger UI 4 (as in swagger-ui-bundle 1.1) cannot show.
    Only the three files the page uses are served, and its start-up script is a file too, so the
    page runs under the same strict policy as every other page: no inline script or style."""
    try:
        static = Path(str(importlib.metadata.distribution("swagger-ui-py").locate_file("swagger_ui/static")))
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - the serve extra installs it
        return
    if not all((static / name).is_file() for name in _DOCS_ASSETS):  # pragma: no cover - a broken install
        return

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    @app.get("/docs-assets/start.js", include_in_schema=False)
    def docs_start() -> Response:
        return Response(_DOCS_START.replace("OPENAPI_URL", json.dumps(app.openapi_url)),
                        media_type="text/javascript; charset=utf-8")

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        if name not in _DOCS_ASSETS:
            raise HTTPException(404, f"no docs asset {name!r}")
        return FileResponse(static / name, media_type=_DOCS_ASSETS[name])


_DOCS_ASSETS = {  # the files of swagger-ui-py's Swagger UI that the page loads, with their types
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
_DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>jejak API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs-assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/docs-assets/start.js"></script>
</body>
</html>
"""
_DOCS_START = """"use strict";
// Swagger UI over this server's schema; validatorUrl null: the schema is never sent to another host.
window.ui = SwaggerUIBundle({
  url: OPENAPI_URL,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""


def _secure(request: Request, response: Response) -> Response:
    """The security headers, for the answers made outside the middleware (a 500)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def create_app(db: str, allow_write: bool = False, token: str | None = None, threads: int | None = None,
               allowed_hosts: list[str] | None = None, analysis_timeout: float = DEFAULT_ANALYSIS_SECONDS,
               analysis_workers: int | None = None) -> FastAPI:
    """The app over the store at `db`. Writes need `allow_write` and a non-empty `token`;
    `threads` caps the requests served at once (default: twice the CPU cores); `allowed_hosts`
    refuses other Host headers (a page that rebinds its DNS name to 127.0.0.1 cannot read a
    loopback server). Pasted and posted articles are analysed on `analysis_workers` threads of
    their own (`jejak.api.analysis`), each stopped after `analysis_timeout` seconds."""
    if allow_write and not token:
        raise ValueError("--allow-write needs a token (--token T or JEJAK_TOKEN) so that writes can be checked")
    config = ServeConfig(db=db, allow_write=allow_write, token=token)
    analysis = AnalysisPool(analysis_timeout, analysis_workers)

    store = _open_readable(db, read_only=not allow_write)  # fails now, not at the first request

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Requests run in worker threads; more threads than about twice the cores only make each
        # request wait longer and hold more memory (measured in benchmarks/bench_serve.py).
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads or _default_threads()
        if not _alive(app.state.store):  # started again after a shutdown (test clients do this)
            app.state.store = Store.open(db, read_only=not allow_write)
        try:
            yield
        finally:
            app.state.analysis.close()
            app.state.store.close()

    app = FastAPI(title="jejak", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said and did what, to whom, when and where in Indonesian news — with the evidence.")
    app.state.config = config
    app.state.store = store
    app.state.write_lock = threading.Lock()
    app.state.analysis = analysis
    app.add_middleware(WriteGuard, config=config, max_body=MAX_BODY)  # the last added runs first
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)

    _errors(app)
    _api(app)
    from jejak.api.monitor import monitor_api, threaded_delivery

    monitor_api(app)
    app.state.deliver = threaded_delivery(app)
    _docs(app)
    from jejak.web import mount_dashboard

    mount_dashboard(app)
    return app


def _open_readable(db: str, read_only: bool) -> Store:
    """The store, opened and read; StoreError with what to do when it is damaged."""
    store = Store.open(db, read_only=read_only)
    try:
        read_check(store)
    except duckdb.Error as e:
        store.close()
        raise StoreError(f"{db}: the store is damaged and cannot be read ({str(e)[:300]}). Restore it from a "
                         "backup, or re-ingest the articles into a new store.") from e
    return store


def _default_threads() -> int:
    return max(2, 2 * (os.cpu_count() or 1))


def _alive(store: Store) -> bool:
    try:
        store.con.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - a closed DuckDB connection raises its own error type
        return False


def _version() -> str:
    from jejak import __version__

    return __version__
