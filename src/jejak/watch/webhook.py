"""POSTing alerts to a watchlist's webhook: JSON, retried, never on unless the user gave a URL."""

from __future__ import annotations

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
    """POST JSON, trying again after a network error or a 5xx/429; the outcome in words."""
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    last = ""
    for attempt in range(tries):
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/json", "User-Agent": "jejak-alerts"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 (the user's URL)
                return f"delivered ({response.status})"
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code}"
            if e.code < 500 and e.code != 429:
                return f"refused ({last})"
        except (urllib.error.URLError, OSError, ValueError) as e:
            last = str(getattr(e, "reason", e))
        if attempt + 1 < tries:
            sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
    return f"failed after {tries} tries ({last})"


def deliver(store: Any, alerts: list[Any]) -> None:
    """POST each watchlist's new alerts to its webhook and note the outcome on each alert."""
    hooks = dict(store.con.execute("SELECT name, webhook FROM watchlists WHERE webhook IS NOT NULL").fetchall())
    by_watch: dict[str, list[Any]] = defaultdict(list)
    for a in alerts:
        if a.watch in hooks:
            by_watch[a.watch].append(a)
    for watch, group in by_watch.items():
        outcome = post(hooks[watch], payload(watch, group))
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        store.con.execute("UPDATE alerts SET delivered = ? WHERE alert_id IN (SELECT UNNEST(?::VARCHAR[]))",
                          [f"{outcome} {stamp}", [a.alert_id for a in group]])
