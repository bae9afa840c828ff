"""Watchlists and their rules, kept in the store (`watchlists`, `watch_rules`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jejak.plover import plover_types
from jejak.store.writer import Store, transaction

#: What a rule can follow: an entity mentioned, a speaker quoted, a phrase written, an event
#: of a PLOVER type (with an actor when given), a copy that changed its original.
KINDS: tuple[str, ...] = ("entity", "speaker", "text", "event", "distortion")

_NAME = re.compile(r"^[\w][\w.-]{0,63}$")
MAX_VALUE = 200


class WatchError(ValueError):
    """A watchlist or rule that cannot be kept, with what to change."""


@lru_cache(maxsize=1)
def default_confidence() -> dict[str, float]:
    """The least confidence each kind of rule asks for unless told (`data/watch_confidence.tsv`)."""
    text = resources.files("jejak.data").joinpath("watch_confidence.tsv").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and not line.startswith("kind\t"):
            kind, value = line.split("\t")
            out[kind] = float(value)
    return out


@dataclass(frozen=True)
class Rule:
    """One thing a watchlist follows. `value` is a name (entity, speaker), a phrase (text) or a
    PLOVER type (event); `actor` narrows an event rule to acts with that source or target."""

    kind: str
    value: str | None = None
    actor: str | None = None
    min_confidence: float | None = None

    def checked(self) -> Rule:
        """The rule with its defaults filled in, or WatchError saying what is wrong."""
        if self.kind not in KINDS:
            raise WatchError(f"unknown rule kind {self.kind!r}; use one of {', '.join(KINDS)}")
        value = (self.value or "").strip() or None
        actor = (self.actor or "").strip() or None
        if self.kind == "distortion":
            value = None
        elif value is None:
            raise WatchError(f"a {self.kind} rule needs a value (a name, a phrase or a PLOVER type)")
        elif len(value) > MAX_VALUE:
            raise WatchError(f"a rule's value is at most {MAX_VALUE} characters")
        if self.kind == "event":
            value = value.upper()
            if value not in plover_types():
                raise WatchError(f"{value!r} is not a PLOVER event type; use one of {', '.join(plover_types())}")
        elif actor is not None:
            raise WatchError("--actor narrows an event rule; give it with --event-type")
        if self.kind == "text" and len(value) < 2:
            raise WatchError("a phrase to follow needs at least two characters")
        conf = default_confidence()[self.kind] if self.min_confidence is None else float(self.min_confidence)
        if not 0.0 <= conf <= 1.0:
            raise WatchError("--min-confidence is a share between 0 and 1")
        return Rule(self.kind, value, actor, conf)

    def describe(self) -> str:
        """The rule as a person would say it."""
        if self.kind == "distortion":
            return "copies that change their original"
        what = {"entity": "mentions of", "speaker": "quotes by", "text": "the phrase",
                "event": "events of type"}[self.kind]
        out = f"{what} {self.value}"
        return out + (f" with {self.actor}" if self.actor else "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "actor": self.actor, "min_confidence": self.min_confidence,
                "describe": self.describe()}


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
        raise WatchError(f"{name!r} cannot name a watchlist: use up to 64 letters, digits, '_', '.' or '-', "
                         "starting with a letter or digit")
    return name


def check_webhook(url: str | None) -> str | None:
    """An http(s) URL to POST alerts to, or None."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as e:
        raise WatchError(f"{url!r} is not a URL") from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WatchError(f"{url!r}: a webhook must be an http:// or https:// URL")
    return url


def add_watch(store: Store, name: str, rules: list[Rule], webhook: str | None = None) -> Watchlist:
    """Create a watchlist or add rules to one (a rule it already has is not added twice); a
    webhook given replaces the one it had. Returns the watchlist as stored."""
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
        have = existing.rules if existing else []
        no = con.execute("SELECT coalesce(max(rule_no), -1) + 1 FROM watch_rules WHERE watch = ?", [name]).fetchone()[0]
        for rule in checked:
            if rule in have:
                continue
            con.execute("INSERT INTO watch_rules VALUES (?, ?, ?, ?, ?, ?)",
                        [name, no, rule.kind, rule.value, rule.actor, rule.min_confidence])
            have = [*have, rule]
            no += 1
    return {w.name: w for w in watchlists(store)}[name]


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
    for watch, kind, value, actor, conf in store.con.execute(
            "SELECT watch, kind, value, actor, min_confidence FROM watch_rules ORDER BY watch, rule_no").fetchall():
        if watch in out:
            out[watch].rules.append(Rule(kind, value, actor, conf))
    return list(out.values())


def rules_by_number(store: Store) -> list[tuple[str, int, Rule]]:
    """Every rule of every watchlist as (watch, rule_no, rule): what the matcher compiles."""
    return [(w, no, Rule(kind, value, actor, conf)) for w, no, kind, value, actor, conf in store.con.execute(
        "SELECT watch, rule_no, kind, value, actor, min_confidence FROM watch_rules ORDER BY watch, rule_no").fetchall()]
