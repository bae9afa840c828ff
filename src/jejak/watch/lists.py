"""Watchlists and their rules, kept in the store (`watchlists`, `watch_rules`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from jejak.store.writer import Store, transaction

from .rules import KINDS, Rule, WatchError

_NAME = re.compile(r"^[\w][\w.-]{0,63}$")


@dataclass
class Watchlist:
    name: str
    webhook: str | None = None
    created_at: datetime | None = None
    rules: list[Rule] = field(default_factory=list)
    alerts: int = 0
    last_alert: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "webhook": self.webhook, "created_at": self.created_at,
                "rules": [r.to_dict() for r in self.rules], "alerts": self.alerts, "last_alert": self.last_alert}


def check_name(name: str) -> str:
    """A watchlist name usable in a URL and a shell: letters, digits, `_`, `.`, `-`, up to 64."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise WatchError("{name} cannot name a watchlist: use up to 64 letters, digits, '_', '.' or '-', "
                         "starting with a letter or digit", name=repr(name))
    return name


def check_webhook(url: str | None) -> str | None:
    """An http(s) URL to POST alerts to, or None."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as e:
        raise WatchError("{url} is not a URL", url=repr(url)) from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WatchError("{url}: a webhook must be an http:// or https:// URL", url=repr(url))
    return url


def add_watch(store: Store, name: str, rules: list[Rule], webhook: str | None = None) -> Watchlist:
    """Create a watchlist or add rules to one (a rule it already has, in any case, is not added
    twice: its least confidence is updated); a webhook given replaces the one it had. Returns the
    watchlist as stored."""
    name = check_name(name)
    webhook = check_webhook(webhook)
    checked = [r.checked() for r in rules]
    existing = {w.name: w for w in watchlists(store)}.get(name)
    if existing is None and not checked:
        raise WatchError("a new watchlist needs at least one rule: --entity, --speaker, --text, --event-type "
                         "or --distorted-copies")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with transaction(store.con) as con:
        if existing is None:
            con.execute("INSERT INTO watchlists VALUES (?, ?, ?)", [name, webhook, now])
        elif webhook is not None:
            con.execute("UPDATE watchlists SET webhook = ? WHERE name = ?", [webhook, name])
        # a rule is its kind, value and actor, whatever their case: given again, only its floor changes
        rows = con.execute("SELECT rule_no, kind, value, actor, place FROM watch_rules WHERE watch = ?", [name]).fetchall()
        have = {_same(Rule(kind, value, actor, place=place)): no for no, kind, value, actor, place in rows}
        no = con.execute("SELECT coalesce(max(rule_no), -1) + 1 FROM watch_rules WHERE watch = ?", [name]).fetchone()[0]
        for rule in checked:
            if _same(rule) in have:
                con.execute("UPDATE watch_rules SET min_confidence = ? WHERE watch = ? AND rule_no = ?",
                            [rule.min_confidence, name, have[_same(rule)]])
                continue
            con.execute("INSERT INTO watch_rules (watch, rule_no, kind, value, actor, min_confidence, place)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [name, no, rule.kind, rule.value, rule.actor, rule.min_confidence, rule.place])
            have[_same(rule)] = no
            no += 1
    return {w.name: w for w in watchlists(store)}[name]


def _same(rule: Rule) -> tuple[str, ...]:
    """What makes two rules one: kind, value, actor and place, folded (`KPK` and `kpk` are one rule)."""
    return (rule.kind, *(" ".join((x or "").casefold().split()) for x in (rule.value, rule.actor, rule.place)))


def remove_watch(store: Store, name: str) -> bool:
    """Delete a watchlist with its rules and alerts; False when there was none by that name."""
    with transaction(store.con) as con:
        found = con.execute("SELECT count(*) FROM watchlists WHERE name = ?", [name]).fetchone()[0]
        for table, column in (("alerts", "watch"), ("watch_rules", "watch"), ("watchlists", "name")):
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", [name])
    return bool(found)


def watchlists(store: Store) -> list[Watchlist]:
    """Every watchlist with its rules and how many alerts it raised, by name."""
    out: dict[str, Watchlist] = {}
    for name, webhook, created, n, last in store.con.execute(
            "SELECT w.name, w.webhook, w.created_at, count(a.alert_id), max(a.raised_at) FROM watchlists w "
            "LEFT JOIN alerts a ON a.watch = w.name GROUP BY ALL ORDER BY w.name").fetchall():
        out[name] = Watchlist(name, webhook, created, [], n, last)
    for watch, kind, value, actor, conf, place in store.con.execute(
            "SELECT watch, kind, value, actor, min_confidence, place FROM watch_rules ORDER BY watch, rule_no").fetchall():
        if watch in out:
            out[watch].rules.append(Rule(kind, value, actor, conf, place))
    return list(out.values())


def rules_by_number(store: Store) -> list[tuple[str, int, Rule]]:
    """Every rule of every watchlist as (watch, rule_no, rule): what the matcher compiles."""
    return [(w, no, Rule(kind, value, actor, conf, place)) for w, no, kind, value, actor, conf, place in store.con.execute(
        "SELECT watch, rule_no, kind, value, actor, min_confidence, place FROM watch_rules ORDER BY watch, rule_no").fetchall()]
