"""The monitor's pages: alerts, watchlists (made and removed from the page with the write token),
and trends with the week's movers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from jejak.api.deps import ServeConfig, get_store, token_ok
from jejak.store import Store, StoreError, trends
from jejak.watch import KINDS, Rule, WatchError, add_watch, remove_watch, watchlists
from jejak.watch import store as alert_store
from jejak.plover import plover_types

from .charts import day_chart
from .pages import _api_params, _date, _pager, _paging, _plover_css, _render, _u_plain, t

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: What each rule kind is called in the watchlist form.
KIND_LABELS = {"entity": "mentions of an entity", "speaker": "quotes by a speaker", "text": "a phrase",
               "event": "events of a PLOVER type", "distortion": "copies that change their original"}


@router.get("/alerts", name="dash_alerts")
def alerts_page(request: Request, watch: str = "", kind: str = "", since: str = "", limit: str | None = None,
                offset: str | None = None, store: Store = Depends(get_store)) -> HTMLResponse:
    """What the watchlists found, newest first, each linking to its evidence highlighted."""
    limit_n, offset_n = _paging(limit, offset, 50)
    problems: list[str] = []
    day = _date(since, "since", problems, request)
    watch, kind = watch.strip()[:64], kind.strip()[:20]
    rows = alert_store.alerts(store, since=day, watch=watch or None, kind=kind or None, limit=limit_n,
                              offset=offset_n)
    lists = watchlists(store)
    # the facets and the chart count exactly the alerts the list holds (each facet less its own filter)
    kinds = alert_store.alert_counts(store, "kind", since=day, watch=watch or None)
    per_watch = dict((r["value"], r["count"]) for r in alert_store.alert_counts(store, "watch", since=day,
                                                                                 kind=kind or None))
    per_day = alert_store.alerts_per_day(store, since=day, watch=watch or None, kind=kind or None)
    return _render(request, "alerts.html", alerts=rows, watchlists=lists, watch=watch, kind=kind,
                   since=since, problems=problems, chart=day_chart(per_day), per_watch=per_watch,
                   kinds=[dict(k, label=t(request, k["value"])) for k in kinds],
                   api_params=_api_params(watch=watch, kind=kind, since=day),
                   paging=_pager(limit_n, offset_n, len(rows)))


@router.get("/watch", name="dash_watch")
def watch_page(request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    """The watchlists, a form to make one, and each one's feed."""
    return _render(request, "watch.html", watchlists=watchlists(store), kinds=KINDS, kind_labels=KIND_LABELS,
                   types=list(plover_types()), message=None, form={})


def _watch_refusal(request: Request, token: str) -> tuple[str, int] | None:
    """Why a watchlist form is refused before it is read, with its status; None when it may go on."""
    config: ServeConfig = request.app.state.config
    if not config.allow_write:
        return t(request, "This server is read-only; start it with jejak serve --allow-write --token T to make "
                          "watchlists here."), 403
    if not token_ok(config, token):
        return t(request, "Missing or wrong write token."), 401
    return None


def _watch_form(request: Request, store: Store, status: int, message: str | None,
                form: dict[str, str] | None = None) -> HTMLResponse:
    return _render(request, "watch.html", status=status, watchlists=watchlists(store), kinds=KINDS,
                   kind_labels=KIND_LABELS, types=list(plover_types()), message=message,
                   form={k: v for k, v in (form or {}).items() if k != "token"})


@router.post("/watch", name="dash_watch_post")
async def watch_create(request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    """Make a watchlist (or add a rule to one) from the form, then show its alerts."""
    form = {k: str(v)[:2000] for k, v in (await request.form()).items()}
    refused = _watch_refusal(request, form.get("token", ""))
    if refused:
        return _watch_form(request, store, refused[1], refused[0], form)
    kind = form.get("kind", "")
    value = form.get("type") if kind == "event" else form.get("value")
    try:
        floor = float(form["min_confidence"]) if form.get("min_confidence", "").strip() else None
    except ValueError:
        return _watch_form(request, store, 422, t(request, "min_confidence is a share between 0 and 1."), form)
    try:
        with request.app.state.write_lock:
            found = add_watch(store, form.get("name", ""), [Rule(kind, value, form.get("actor") or None, floor,
                                                                 form.get("place") or None)])
            if form.get("backfill"):
                alert_store.backfill(store, found.name)
    except WatchError as e:
        return _watch_form(request, store, 422, t(request, e.template, **e.fields), form)
    return RedirectResponse(_u_plain(request, "alerts", watch=found.name), status_code=303)


@router.post("/watch/{name}/remove", name="dash_watch_remove")
async def watch_remove(request: Request, name: str, store: Store = Depends(get_store)) -> HTMLResponse:
    """Delete a watchlist with its alerts (the write token is in the form)."""
    form = await request.form()
    refused = _watch_refusal(request, str(form.get("token") or ""))
    if refused:
        return _watch_form(request, store, refused[1], refused[0])
    with request.app.state.write_lock:
        removed = remove_watch(store, name)
    if removed:
        return RedirectResponse(_u_plain(request, "watch"), status_code=303)
    return _watch_form(request, store, 404, t(request, "There is no watchlist {name} in this store.", name=repr(name)))


@router.get("/trends", name="dash_trends")
def trends_page(request: Request, entity: str = "", compare: str = "", by: str = "outlet", since: str = "",
                until: str = "", store: Store = Depends(get_store)) -> HTMLResponse:
    """An entity's mentions, quotes and events per day (by outlet or by type), another beside it,
    and the week's top movers."""
    problems: list[str] = []
    lo, hi = _date(since, "since", problems, request), _date(until, "until", problems, request)
    entity, compare = entity.strip()[:200], compare.strip()[:200]
    by = by if by in trends.BY else "outlet"
    charts: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    if entity:
        rows = trends.entity_trend(store, entity, by=by, since=lo, until=hi)
        for measure in trends.MEASURES:
            points = [(r["day"], r["series"], r["count"]) for r in rows if r["measure"] == measure]
            charts.append({"measure": measure, "total": sum(p[2] for p in points),
                           "chart": day_chart(points, css=_plover_css if by == "type" and measure == "events" else None)})
    side: dict[str, Any] | None = None
    if entity and compare:
        both = trends.compare(store, [entity, compare], since=lo, until=hi)
        side = {"rows": both, "charts": [
            {"measure": m, "chart": day_chart([(r["day"], r["series"], r["count"]) for r in both if r["measure"] == m],
                                              series=[entity, compare], grouped=True)}
            for m in trends.MEASURES]}
    try:
        movers = trends.movers(store, days=7, top=15)
    except StoreError:  # a store whose latest day is the first days of the calendar
        movers = []
    form = {"entity": entity, "compare": compare, "by": by, "since": since, "until": until}
    return _render(request, "trends.html", form=form, charts=charts, rows=rows, side=side, movers=movers,
                   label=trends.display_name(store, entity) if entity else "",
                   compare_label=trends.display_name(store, compare) if compare else "",
                   problems=problems, by_choices=trends.BY,
                   api_params=_api_params(entity=entity, by=by, since=lo, until=hi),
                   compare_params=_api_params(entity=[entity, compare] if compare else None, since=lo, until=hi))
