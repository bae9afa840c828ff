"""The dashboard's pages: search, article, person, stories, story, events, paste.

Each page is a Jinja2 template (autoescaped) fed with the same read-side functions as the API
(`jejak.store.browse`, `queries`, `story_queries`). Query parameters are read leniently (a bad
`limit` falls back to the default) because a person types them; unknown ids get an HTML 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from jejak.confidence import DISTORTION_SHOWN, LOW
from jejak.plover import plover_types
from jejak.api.analysis import RETRY_AFTER, AnalysisBusy, AnalysisPool
from jejak.api.deps import ServeConfig, get_store, token_ok
from jejak.api.guard import BodyRefused
from jejak.api.limits import MAX_BODY, MAX_LIMIT, MAX_OFFSET, MAX_TEXT
from jejak.ingest.records import InputRecord
from jejak.store import NotFound, Store, StoreError, browse, queries
from jejak.store.facets import article_facets, event_facets, people_facets, quote_facets
from jejak.store.story_queries import stories as story_list

from . import TEMPLATES
from .charts import day_chart, story_timeline
from .data import act_count, event_count, event_types, events_per_day, known_entities, top_speakers, trace_view
from .i18n import COOKIE, LANGS, NAMES, choose, translate
from .views import article_view, safe_url

MODES = ("negated", "intent", "none")


def _doubtful(confidence: Any) -> bool:
    """Whether an attribution is below the line where we warn the reader (`jejak.confidence.LOW`)."""
    return isinstance(confidence, (int, float)) and confidence < LOW


def _confidence(confidence: Any) -> str:
    return f"{confidence:.0%}" if isinstance(confidence, (int, float)) else "–"


@jinja2.pass_context
def _u(ctx: jinja2.runtime.Context, *parts: Any, **query: Any) -> str:
    """An app-relative URL: each part percent-quoted as one path segment, then the query."""
    request: Request | None = ctx.get("request")
    root = request.scope.get("root_path", "") if request is not None else ""
    path = "/" + "/".join(quote(str(p), safe="") for p in parts)
    q = {k: v for k, v in query.items() if v not in (None, "", [])}
    return root.rstrip("/") + path + ("?" + urlencode(q, doseq=True) if q else "")


def _u_plain(request: Request, *parts: Any, **query: Any) -> str:
    """`u()` outside a template: an app-relative URL for a redirect."""
    root = request.scope.get("root_path", "")
    path = "/" + "/".join(quote(str(p), safe="") for p in parts)
    q = {k: v for k, v in query.items() if v not in (None, "", [])}
    return root.rstrip("/") + path + ("?" + urlencode(q, doseq=True) if q else "")


@jinja2.pass_context
def _page_url(ctx: jinja2.runtime.Context, offset: int) -> str:
    """This page's URL (its own query) with another offset."""
    request: Request = ctx["request"]
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    if offset:
        params.append(("offset", str(offset)))
    return "?" + urlencode(params) if params else request.url.path


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _num(value: Any) -> str:
    """A number as a person reads it: `9,000,000,000`, `97.7`, `1.5e-05` (never `9000000000.0`)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e-4 else f"{value:g}"


@jinja2.pass_context
def _plural(ctx: jinja2.runtime.Context, n: Any, word: str) -> str:
    """`3 articles`; in Indonesian the noun does not change (`3 artikel`)."""
    lang = ctx.get("lang") or "en"
    if lang != "en":
        return f"{n} {translate(word, lang)}"
    plural = "stories" if word == "story" else word + "s"
    return f"{n} {word}" if n == 1 else f"{n} {plural}"


@jinja2.pass_context
def _gettext(ctx: jinja2.runtime.Context, text: str, **values: Any) -> str:
    """`_("English text", name=value)` in a template: the text in the page's language."""
    return translate(text, ctx.get("lang") or "en", **values)


@jinja2.pass_context
def _lang_url(ctx: jinja2.runtime.Context, lang: str) -> str:
    """This page in another language (its query kept)."""
    request: Request = ctx["request"]
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
    return "?" + urlencode(params)


@jinja2.pass_context
def _facet_url(ctx: jinja2.runtime.Context, param: str, value: Any) -> str:
    """This list narrowed by one more facet value (or with that facet cleared), from its first page."""
    request: Request = ctx["request"]
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in (param, "offset")]
    if value not in (None, ""):
        params.append((param, str(value)))
    return "?" + urlencode(params) if params else request.url.path


def _plover_css(event_type: Any) -> str:
    """The PLOVER type's own colour class (`pl-0` … `pl-15`), the same on every page."""
    order = list(plover_types())
    return f"pl-{order.index(event_type)}" if event_type in order else "pl-none"


def lang_of(request: Request) -> str:
    """The language a request's page is shown in."""
    return choose(request.query_params.get("lang"), request.cookies.get(COOKIE))


def t(request: Request, text: str, **values: Any) -> str:
    """A message for the page, in its language (`pages.py` strings go through the same catalogue)."""
    return translate(text, lang_of(request), **values)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals["u"] = _u
    env.globals["_"] = _gettext
    env.globals["lang_url"] = _lang_url
    env.globals["facet_url"] = _facet_url
    env.globals["plover_css"] = _plover_css
    env.globals["langs"] = LANGS
    env.globals["lang_names"] = NAMES
    env.globals["page_url"] = _page_url
    env.filters["day"] = _day
    env.filters["num"] = _num
    env.filters["plural"] = _plural
    env.globals["doubtful"] = _doubtful
    env.globals["shown_confidence"] = DISTORTION_SHOWN
    env.filters["confidence"] = _confidence
    env.filters["safe_url"] = safe_url
    return env


templates = Jinja2Templates(env=_env())
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    config: ServeConfig = request.app.state.config
    context.setdefault("q", "")
    context["writes"] = bool(config.allow_write and config.token)
    lang = context["lang"] = lang_of(request)
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in LANGS:  # the switch: remembered for the next pages
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    response.headers["Content-Language"] = lang
    return response


def _error(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    """An error page; `title` is a catalogue string, `message` already in the page's language."""
    return _render(request, "error.html", status=status, title=t(request, title), message=message)


def _not_found(request: Request, message: str) -> HTMLResponse:
    return _error(request, 404, "Not found", message)


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        n = int(value) if value not in (None, "") else default
    except ValueError:
        n = default
    return max(lo, min(hi, n))


def _paging(limit: str | None, offset: str | None, default: int) -> tuple[int, int]:
    return _int(limit, default, 1, MAX_LIMIT), _int(offset, 0, 0, MAX_OFFSET)


def _pager(limit: int, offset: int, got: int) -> dict[str, Any]:
    return {"limit": limit, "offset": offset, "prev": max(0, offset - limit) if offset else None,
            "next": offset + limit if got >= limit else None}


def _date(value: str | None, what: str, problems: list[str], request: Request) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(t(request, "{what}={value} is not a date; use YYYY-MM-DD.", what=what, value=repr(value)))
        return None


def _month(value: str, problems: list[str], request: Request) -> tuple[date | None, date | None]:
    """`month=2025-11` as the first and last day of that month."""
    value = (value or "").strip()
    if not value:
        return None, None
    try:
        first = date.fromisoformat(value + "-01")
    except ValueError:
        problems.append(t(request, "{what}={value} is not a month; use YYYY-MM.", what="month", value=repr(value)))
        return None, None
    if first.year == date.max.year and first.month == 12:
        return first, date.max
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def _bounds(since: str, until: str, month: str, problems: list[str], request: Request) -> tuple[Any, Any]:
    """The dates a list is bounded by: a month facet, narrowed by since/until when both are given."""
    lo, hi = _month(month, problems, request)
    since_d, until_d = _date(since, "since", problems, request), _date(until, "until", problems, request)
    return (max(d for d in (lo, since_d) if d) if (lo or since_d) else None,
            min(d for d in (hi, until_d) if d) if (hi or until_d) else None)


def _api_params(**values: Any) -> dict[str, Any]:
    """The filters a download link passes to the API (empty ones left out); the API's largest page."""
    return {k: v for k, v in values.items() if v not in (None, "")} | {"limit": MAX_LIMIT}


@router.get("/", name="dash_search")
def search(request: Request, q: str = "", outlet: str = "", month: str = "", entity_type: str = "",
           limit: str | None = None, offset: str | None = None, store: Store = Depends(get_store)) -> HTMLResponse:
    """Search articles (title, text), quotes (words) and people (names); empty: the latest. Facets
    (outlets, months, entity types) narrow the results."""
    q = q.strip()[:500]
    outlet = outlet.strip()[:200]
    entity_type = entity_type.strip().upper()[:10]
    limit_n, offset_n = _paging(limit, offset, 20)
    problems: list[str] = []
    since, until = _month(month, problems, request)
    where, params = browse.article_filters(q or None, outlet or None, since, until, exact_outlet=True)
    facets = article_facets(store, where, params)
    form = {"q": q, "outlet": outlet, "month": month, "entity_type": entity_type}
    if q:
        facets |= people_facets(queries.entities(store, name=q, limit=None))
        arts = browse.articles(store, q=q, outlet=outlet or None, since=since, until=until, limit=limit_n,
                               offset=offset_n, exact_outlet=True)
        quotes = queries.quotes(store, words_or_speaker=q, outlet=outlet or None, since=since, until=until,
                                limit=limit_n, offset=offset_n)
        people = queries.entities(store, name=q, type=entity_type or None, limit=limit_n, offset=offset_n)
        got = max(len(arts), len(quotes), len(people))
        return _render(request, "search.html", q=q, articles=arts, quotes=quotes, people=people, form=form,
                       facets=facets, problems=problems, speakers=[], paging=_pager(limit_n, offset_n, got),
                       article_params=_api_params(q=q, outlet=outlet, outlet_exact="true" if outlet else None, since=since,
                                                  until=until),
                       quote_params=_api_params(text=q, outlet=outlet, since=since, until=until),
                       people_params=_api_params(name=q, type=entity_type))
    arts = browse.articles(store, outlet=outlet or None, since=since, until=until, limit=limit_n, offset=offset_n,
                           exact_outlet=True)
    return _render(request, "search.html", q="", articles=arts, quotes=[], people=[], form=form, facets=facets,
                   problems=problems, speakers=top_speakers(store, 15) if not offset_n else [],
                   stats={"articles": store.count("articles"), "quotes": store.count("quotes"),
                          "events": store.count("events"), "stories": store.count("stories")},
                   paging=_pager(limit_n, offset_n, len(arts)),
                   article_params=_api_params(outlet=outlet, outlet_exact="true" if outlet else None, since=since,
                                              until=until))


@router.get("/quotes", name="dash_quotes")
def quotes_page(request: Request, speaker: str = "", text: str = "", outlet: str = "", speaker_type: str = "",
                month: str = "", since: str = "", until: str = "", min_confidence: str = "",
                limit: str | None = None, offset: str | None = None,
                store: Store = Depends(get_store)) -> HTMLResponse:
    """Quotes with their speakers, filterable, with facets and downloads."""
    limit_n, offset_n = _paging(limit, offset, 50)
    problems: list[str] = []
    lo, hi = _bounds(since, until, month, problems, request)
    try:
        floor = float(min_confidence) if min_confidence.strip() else None
        if floor is not None and not 0.0 <= floor <= 1.0:
            raise ValueError
    except ValueError:
        problems.append(t(request, "min_confidence is a share between 0 and 1."))
        floor = None
    filters = {"speaker": speaker.strip()[:200] or None, "text": text.strip()[:500] or None,
               "outlet": outlet.strip()[:200] or None, "speaker_type": speaker_type.strip()[:10] or None,
               "since": lo, "until": hi, "min_confidence": floor}
    rows = queries.quotes(store, **filters, limit=limit_n, offset=offset_n)
    facets = quote_facets(store, *queries.quote_filters(**filters))
    form = {"speaker": speaker, "text": text, "outlet": outlet, "speaker_type": speaker_type, "month": month,
            "since": since, "until": until, "min_confidence": min_confidence}
    return _render(request, "quotes.html", quotes=rows, facets=facets, form=form, problems=problems,
                   api_params=_api_params(**filters), paging=_pager(limit_n, offset_n, len(rows)))


def _span_param(at: str | None) -> tuple[int, int] | None:
    """`?at=120-180`: the span an alert or a list points at, or None when it is not two offsets."""
    if not at:
        return None
    first, _, last = at.partition("-")
    if not (first.isdigit() and last.isdigit()) or len(at) > 24:
        return None
    start, end = int(first), int(last)
    return (start, end) if start < end else None


@router.get("/article/{ref:path}", name="dash_article")
def article(request: Request, ref: str, at: str | None = None, store: Store = Depends(get_store)) -> HTMLResponse:
    """One article: metadata, the clean text with every annotation highlighted, and the lists;
    `at=START-END` marks one span (an alert's evidence) and the page opens on it."""
    try:
        row = browse.article(store, ref)
    except NotFound:
        return _not_found(request, t(request, "There is no article {ref} in this store.", ref=repr(ref)))
    except StoreError as e:
        return _error(request, 400, "Which article?", str(e))
    record = row["record"]
    view = article_view(record, row["text"], evidence=_span_param(at))
    keys = [s["key"] for s in view["speakers"]] + [e["key"] for e in view["entities"]]
    return _render(request, "article.html", art=row, view=view, story=row.get("story"),
                   known=known_entities(store, keys), pasted=False)


@router.get("/person/{key:path}", name="dash_person")
def person(request: Request, key: str, limit: str | None = None, offset: str | None = None,
           store: Store = Depends(get_store)) -> HTMLResponse:
    """One entity: names, counts, a per-day chart, outlets, and every quote with its article."""
    limit_n, offset_n = _paging(limit, offset, 100)
    ent = browse.entity(store, key, limit=limit_n, offset=offset_n)
    if ent is None:
        return _not_found(request, t(request, "There is no person or other entity {key} in this store.",
                                     key=repr(key)))
    points = [(r["day"], "quotes", r["quotes"]) for r in ent["timeline"]] + \
             [(r["day"], "mentions", r["mentions"]) for r in ent["timeline"]]
    chart = day_chart(points, series=["quotes", "mentions"], grouped=True)
    return _render(request, "person.html", ent=ent, chart=chart,
                   paging=_pager(limit_n, offset_n, len(ent["quotes"])))


@router.get("/stories", name="dash_stories")
def stories(request: Request, limit: str | None = None, offset: str | None = None,
            store: Store = Depends(get_store)) -> HTMLResponse:
    """Stories, newest first, with their copies and distortions."""
    limit_n, offset_n = _paging(limit, offset, 50)
    rows = story_list(store, limit=limit_n, offset=offset_n)
    return _render(request, "stories.html", stories=rows, paging=_pager(limit_n, offset_n, len(rows)),
                   api_params=_api_params())


@router.get("/story/{story_id:path}", name="dash_story")
def story(request: Request, story_id: str, store: Store = Depends(get_store)) -> HTMLResponse:
    """A story's articles on a timeline, the likely original, and each copy's distortions."""
    found = browse.story(store, story_id)
    if found is None:
        return _not_found(request, t(request, "There is no story {story_id} in this store.", story_id=repr(story_id)))
    return _render(request, "story.html", story=found, timeline=story_timeline(found["members"]),
                   briefs=found.get("briefs") or {})


@router.get("/events", name="dash_events")
def events(request: Request, actor: str = "", type: str = "", mode: str = "", since: str = "",
           until: str = "", outlet: str = "", month: str = "", limit: str | None = None, offset: str | None = None,
           store: Store = Depends(get_store)) -> HTMLResponse:
    """A chart of events per day by PLOVER type, the filterable table of events, and facets."""
    limit_n, offset_n = _paging(limit, offset, 50)
    problems: list[str] = []
    lo, hi = _bounds(since, until, month, problems, request)
    filters = {"actor": actor.strip()[:200] or None, "type": type.strip()[:20] or None,
               "mode": mode.strip().lower() or None, "since": lo, "until": hi,
               "outlet": outlet.strip()[:200] or None}
    if filters["mode"] and filters["mode"] not in MODES:
        problems.append(t(request, "mode={mode} is not one of {modes}.", mode=repr(mode), modes=", ".join(MODES)))
        filters["mode"] = None
    rows = queries.events(store, **filters, limit=limit_n, offset=offset_n)
    chart = day_chart([(r["day"], r["type"], r["events"]) for r in events_per_day(store, **filters)],
                      css=_plover_css)
    form = {"actor": actor, "type": type, "mode": mode, "since": since, "until": until, "outlet": outlet,
            "month": month, "lang": request.query_params.get("lang", "")}
    facets = event_facets(store, *queries.event_filters(**filters))
    return _render(request, "events.html", events=rows, chart=chart, form=form, problems=problems,
                   types=event_types(store), modes=MODES, total=event_count(store, **filters),
                   acts=act_count(store, **filters), facets=facets, api_params=_api_params(**filters),
                   paging=_pager(limit_n, offset_n, len(rows)))


def _paste_form(request: Request, status: int = 200, message: str | None = None,
                **values: Any) -> HTMLResponse:
    return _render(request, "paste.html", status=status, message=message,
                   form={"text": values.get("text", ""), "title": values.get("title", ""),
                         "published": values.get("published", "")})


@router.get("/paste", name="dash_paste")
def paste_form(request: Request) -> HTMLResponse:
    """A box to paste an article into and have it analysed on the spot (writes must be on)."""
    return _paste_form(request)


@router.post("/paste", name="dash_paste_post")
async def paste(request: Request) -> HTMLResponse:
    """Analyse the pasted article (nothing is stored) and show it like a stored one. The form is
    read here, not by FastAPI, so that a field may be as long as the longest article allowed.
    The token is inside the form, so the body is read before it is checked: it is cut off at
    MAX_BODY bytes or after BODY_SECONDS as it streams in (`jejak.api.guard`)."""
    try:
        form = await request.form(max_part_size=MAX_BODY)  # the body limit, met first, decides
    except BodyRefused as e:
        return _paste_form(request, e.status_code, t(request, "The form was not read: {detail}.", detail=e.detail))
    text, title, published, token = (str(form.get(k) or "") for k in ("text", "title", "published", "token"))
    config: ServeConfig = request.app.state.config
    values = {"text": text, "title": title, "published": published}
    if not config.allow_write:
        return _paste_form(request, 403, t(request, "This server is read-only, so it does not analyse pasted text. "
                           "Start it with `jejak serve --allow-write --token T` to allow it."), **values)
    if not token_ok(config, token):
        return _paste_form(request, 401, t(request, "Missing or wrong write token."), **values)
    if len(text) > MAX_TEXT:
        return _paste_form(request, 413, t(request, "The text is too long (at most {n} characters).",
                                           n=f"{MAX_TEXT:,}"))
    problems: list[str] = []
    day = _date(published, "published", problems, request)
    if problems:
        return _paste_form(request, 422, problems[0], **values)
    if not text.strip():
        return _paste_form(request, 422, t(request, "Paste the article's text (or HTML) first."), **values)
    item = InputRecord(id="pasted", text=text, html=None, url=None, title=title.strip() or None,
                       published=day.isoformat() if day else None, origin="the pasted text")
    pool: AnalysisPool = request.app.state.analysis
    try:
        outcome = await pool.run(lambda: pool.analyse(item))
    except AnalysisBusy:
        busy = _paste_form(request, 503, t(request, "The server is busy analysing other articles; send the form "
                                           "again in {n} seconds.", n=RETRY_AFTER), **values)
        busy.headers["Retry-After"] = str(RETRY_AFTER)
        return busy
    if pool.timed_out(outcome):
        return _paste_form(request, 422, t(request, "The analysis took longer than this server's {n} s budget "
                           "and was stopped. Paste a shorter text, or start the server with a longer "
                           "`jejak serve --analysis-timeout`.", n=f"{pool.seconds:g}"), **values)
    if outcome.article is None:
        return _paste_form(request, 422, t(request, "Cannot analyse this article: {reason}", reason=outcome.reason),
                           **values)
    result = outcome.article
    record = result.to_dict()
    art = {"title": record.get("title"), "outlet": (record.get("dateline") or {}).get("outlet"),
           "published": record.get("published"), "published_at": record.get("published_at"),
           "url": record.get("url"), "lang": record.get("lang"), "input_id": None, "article_id": None,
           "record": record}
    try:  # its original, copies and siblings in the store, and what changed: on an analysis thread too
        provenance, provenance_note = await pool.run(lambda: _trace_pasted(request.app.state.store, result)), None
    except AnalysisBusy:
        provenance, provenance_note = None, t(request, "The server is busy: the text was not compared with the store "
                                              "this time.")
    return _render(request, "article.html", art=art, view=article_view(record, result.text), story=None,
                   known=set(), pasted=True, provenance=provenance, provenance_note=provenance_note)


def _trace_pasted(base: Store, article: Any) -> dict[str, Any]:
    """The pasted article traced against the store on a cursor of its own (nothing is stored)."""
    from jejak.provenance.trace import trace_file

    cursor = base.con.cursor()
    try:
        trace = trace_file(Store(cursor, base.path, base.read_only), article)
    finally:
        cursor.close()
    return trace_view(trace.to_dict(), trace.texts)
