"""POSTing alerts to a watchlist's webhook: JSON, retried, never on unless the user gave a URL.

Delivery never raises: the alerts were committed before it starts, so a webhook that is down,
slow or not speaking HTTP is noted on its alerts (`delivered`) and the ingest goes on. A URL that
failed is tried once, not three times, for the next minutes (`COOL_DOWN_S`), so a dead endpoint
slows each later batch by one timeout at most.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

TRIES = 3
TIMEOUT_S = 5.0
BACKOFF_S = (0.5, 2.0)  # waits between tries
COOL_DOWN_S = 300.0
_failed_at: dict[str, float] = {}  # url -> when it last failed every try


def evidence_path(article_id: str, start: int | None, end: int | None) -> str:
    """The dashboard path that shows an alert's evidence highlighted (`/article/ID?at=S-E#evidence`)."""
    from urllib.parse import quote

    at = f"?at={start}-{end}" if isinstance(start, int) and isinstance(end, int) else ""
    return f"/article/{quote(article_id, safe='')}{at}#evidence"


def payload(watch: str, alerts: list[Any]) -> dict[str, Any]:
    """What the webhook receives: the watchlist and its new alerts, each with its evidence path."""
    return {"watch": watch, "alerts": [{
        "alert_id": a.alert_id, "kind": a.kind, "headline": a.headline, "evidence": a.evidence,
        "confidence": a.confidence, "article_id": a.article_id, "start": a.start, "end": a.end,
        "original": a.original, "raised_at": a.raised_at.isoformat(timespec="seconds") + "Z",
        "evidence_path": evidence_path(a.article_id, a.start, a.end)} for a in alerts]}


def needs_delivery(store: Any, alerts: list[Any]) -> list[Any]:
    """The alerts whose watchlist has a webhook."""
    hooked = {n for (n,) in store.con.execute("SELECT name FROM watchlists WHERE webhook IS NOT NULL").fetchall()}
    return [a for a in alerts if a.watch in hooked]


def post(url: str, body: dict[str, Any], tries: int = TRIES, sleep=time.sleep) -> str:
    """POST JSON, trying again after a network error, a reply that is not HTTP, or a 5xx/429;
    the outcome in words. Never raises."""
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    if time.monotonic() - _failed_at.get(url, -COOL_DOWN_S) < COOL_DOWN_S:
        tries = 1  # it failed a moment ago: one try, not a minute of waiting per batch
    last = ""
    for attempt in range(tries):
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/json", "User-Agent": "jejak-alerts"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 (the user's URL)
                _failed_at.pop(url, None)
                return f"delivered ({response.status})"
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code}"
            if e.code < 500 and e.code != 429:
                return f"refused ({last})"
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as e:
            last = f"{type(e).__name__}: {getattr(e, 'reason', e)}"[:200]
        if attempt + 1 < tries:
            sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
    _failed_at[url] = time.monotonic()
    return f"failed after {tries} {'try' if tries == 1 else 'tries'} ({last})"


def send(hooks: dict[str, str], alerts: list[Any]) -> list[tuple[str, list[str]]]:
    """POST each watchlist's alerts to its webhook; (outcome, alert ids) per watchlist. No store needed."""
    by_watch: dict[str, list[Any]] = defaultdict(list)
    for a in alerts:
        if a.watch in hooks:
            by_watch[a.watch].append(a)
    outcomes = []
    for watch, group in by_watch.items():
        try:
            outcome = post(hooks[watch], payload(watch, group))
        except Exception as e:  # noqa: BLE001 - delivery must never take the ingest down with it
            outcome = f"failed ({type(e).__name__}: {e})"[:200]
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        outcomes.append((f"{outcome} {stamp}", [a.alert_id for a in group]))
    return outcomes


def hooks_of(store: Any) -> dict[str, str]:
    """Each watchlist with a webhook → its URL."""
    return dict(store.con.execute("SELECT name, webhook FROM watchlists WHERE webhook IS NOT NULL").fetchall())


def note(store: Any, outcomes: list[tuple[str, list[str]]]) -> None:
    """Write each delivery's outcome on its alerts."""
    for outcome, ids in outcomes:
        store.con.execute("UPDATE alerts SET delivered = ? WHERE alert_id IN (SELECT UNNEST(?::VARCHAR[]))",
                          [outcome, ids])


def deliver(store: Any, alerts: list[Any]) -> None:
    """POST each watchlist's new alerts to its webhook and note the outcome on each alert."""
    note(store, send(hooks_of(store), alerts))
