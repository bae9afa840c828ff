"""The monitor's routes: watchlists, alerts, an Atom feed per watchlist, trends and movers."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from jejak.api.deps import get_store, require_write
from jejak.api.limits import MAX_LIMIT, MAX_OFFSET
from jejak.api.tables import FormatName, page, whole
from jejak.store import Store, StoreError, trends
from jejak.watch import KINDS, Rule, WatchError, add_watch, remove_watch, watchlists
from jejak.watch import store as alert_store

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")
Format = Query("json", description="json (a page with paging), or the rows as a file: csv, jsonl or parquet.")
Name = Query(..., min_length=1, max_length=200, description="A name, an alias (Jokowi, KPK) or a kb id.")
By = Query("outlet", description="Split the counts by outlet, or by type (mentions, quotes, events by PLOVER type).")


class RuleIn(BaseModel):
    """One thing to follow."""

    kind: Literal["entity", "speaker", "text", "event", "distortion"] = Field(..., description=", ".join(KINDS))
    value: str | None = Field(None, max_length=200, description="A name, a phrase, a PLOVER type for `event`, or a "
                              "kind of change for `distortion` (`number-change`; none: any).")
    actor: str | None = Field(None, max_length=200, description="For `event`: a source or target it must have.")
    place: str | None = Field(None, max_length=200, description="For `event`: where it happened, or the province "
                              "around it (`Jawa Barat` holds Bandung).")
    min_confidence: float | None = Field(None, ge=0.0, le=1.0, description="Claims less likely raise no alert.")


class WatchIn(BaseModel):
    """A watchlist to create, or rules to add to one."""

    name: str = Field(..., min_length=1, max_length=64, description="Letters, digits, _ . - (up to 64).")
    rules: list[RuleIn] = Field(default_factory=list, max_length=50)
    webhook: str | None = Field(None, max_length=2000, description="POST each new alert as JSON here (optional).")
    backfill: bool = Field(False, description="Also match the articles already stored (reads the whole store).")


def threaded_delivery(app: FastAPI):
    """Webhook calls leave the request at once: a thread POSTs them (with retries, holding no lock)
    and then notes the outcome on each alert under the write lock."""
    def deliver(store: Store, alerts: list[Any]) -> None:
        from jejak.watch.webhook import hooks_of, note, send

        hooks = hooks_of(store)  # read now, on the request's cursor

        def run() -> None:
            outcomes = send(hooks, alerts)
            base: Store = app.state.store
            try:
                cursor = base.con.cursor()
            except Exception:  # noqa: BLE001 - the server is shutting down: nothing to note it in
                return
            try:
                with app.state.write_lock:
                    note(Store(cursor, base.path, base.read_only), outcomes)
            except Exception:  # noqa: BLE001 - the store closed under us at shutdown; the alerts stand
                pass
            finally:
                cursor.close()

        threading.Thread(target=run, name="jejak-webhook", daemon=True).start()

    return deliver


def monitor_api(app: FastAPI) -> None:
    """Add the monitor's routes to the app."""

    @app.get("/api/watchlists", tags=["monitor"])
    def list_watchlists(store: Store = Depends(get_store)) -> Response:
        """Every watchlist with its rules and how many alerts it raised."""
        return JSONResponse(jsonable_encoder({"items": [w.to_dict() for w in watchlists(store)]}))

    @app.post("/api/watchlists", tags=["monitor"], status_code=201, dependencies=[Depends(require_write)])
    def create_watchlist(watch: WatchIn = Body(...), store: Store = Depends(get_store)) -> Response:
        """Create a watchlist or add rules to it; every later ingest matches it."""
        rules = [Rule(r.kind, r.value, r.actor, r.min_confidence, r.place) for r in watch.rules]
        try:
            with app.state.write_lock:
                found = add_watch(store, watch.name, rules, watch.webhook)
                raised = alert_store.backfill(store, found.name) if watch.backfill else None
        except (WatchError, StoreError) as e:
            raise HTTPException(422, str(e)) from None
        body = found.to_dict() | ({"backfilled_alerts": raised} if raised is not None else {})
        return JSONResponse(jsonable_encoder(body), status_code=201)

    @app.delete("/api/watchlists/{name}", tags=["monitor"], dependencies=[Depends(require_write)])
    def delete_watchlist(name: str, store: Store = Depends(get_store)) -> Response:
        """Delete a watchlist with its rules and alerts."""
        with app.state.write_lock:
            if not remove_watch(store, name):
                raise HTTPException(404, f"no watchlist {name!r} in this store")
        return JSONResponse({"removed": name})

    @app.get("/api/alerts", tags=["monitor"])
    def list_alerts(since: str | None = Query(None, max_length=40, description="Raised on or after: YYYY-MM-DD or "
                                              "YYYY-MM-DDTHH:MM (UTC), today, yesterday, or an age (2d, 12h)."),
                    watch: str | None = Query(None, max_length=64), kind: str | None = Query(None, max_length=20),
                    limit: int = Limit, offset: int = Offset, format: FormatName = Format,
                    store: Store = Depends(get_store)) -> Response:
        """Alerts, newest first, each with its evidence span and article."""
        try:
            rows = alert_store.alerts(store, since=since, watch=watch, kind=kind, limit=limit, offset=offset)
        except StoreError as e:
            raise HTTPException(422, str(e)) from None
        return page(rows, limit, offset, format, "alerts")

    @app.get("/feeds/watch/{name}.atom", tags=["monitor"], response_class=Response,
             responses={200: {"content": {"application/atom+xml": {}}}})
    def watch_feed(name: str, request: Request, store: Store = Depends(get_store)) -> Response:
        """An Atom feed of a watchlist's latest alerts, for feed readers and chat tools."""
        from jejak.watch.feed import atom

        if name not in {w.name for w in watchlists(store)}:
            raise HTTPException(404, f"no watchlist {name!r} in this store")
        rows = alert_store.alerts(store, watch=name, limit=100)
        base = str(request.base_url).rstrip("/")
        return Response(atom(name, rows, base), media_type="application/atom+xml; charset=utf-8")

    @app.get("/api/trends", tags=["trends"])
    def entity_trend(entity: str = Name, by: Literal["outlet", "type"] = By, since: date | None = None,
                     until: date | None = None, min_confidence: float | None = Query(None, ge=0.0, le=1.0),
                     format: FormatName = Format, store: Store = Depends(get_store)) -> Response:
        """An entity's mentions, quotes and events per day (`day`, `series`, `measure`, `count`)."""
        rows = trends.entity_trend(store, entity, by=by, since=since, until=until, min_confidence=min_confidence)
        return whole(rows, format, "trend")

    @app.get("/api/trends/compare", tags=["trends"])
    def compare(entity: list[str] = Query(..., min_length=2, max_length=6, description="Two to six entities."),
                since: date | None = None, until: date | None = None, format: FormatName = Format,
                store: Store = Depends(get_store)) -> Response:
        """Entities side by side: each one's mentions, quotes and events per day."""
        if any(not e.strip() or len(e) > 200 for e in entity):
            raise HTTPException(422, "each entity is a name of 1 to 200 characters")
        rows = trends.compare(store, entity, since=since, until=until)
        return whole(rows, format, "compare")

    @app.get("/api/trends/watch/{name}", tags=["trends"])
    def watch_trend(name: str, by: Literal["outlet", "type"] = By, since: date | None = None,
                    until: date | None = None, format: FormatName = Format,
                    store: Store = Depends(get_store)) -> Response:
        """A watchlist's alerts per day, by outlet or by rule kind."""
        try:
            rows = trends.watch_trend(store, name, by=by, since=since, until=until)
        except StoreError as e:
            raise HTTPException(404, str(e)) from None
        return whole(rows, format, "watch-trend")

    @app.get("/api/trends/movers", tags=["trends"])
    def movers(days: int = Query(7, ge=1, le=366), top: int = Query(10, ge=1, le=100), until: date | None = None,
               format: FormatName = Format, store: Store = Depends(get_store)) -> Response:
        """The entities whose articles grew most in the last `days` days against the days before."""
        rows = trends.movers(store, days=days, top=top, until=until)
        return whole(rows, format, "movers")
