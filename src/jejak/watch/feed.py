"""An Atom feed (RFC 4287) of a watchlist's alerts: feed readers and chat tools follow it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import escape

from .webhook import evidence_path

_CONTROL = dict.fromkeys([*(c for c in range(32) if c not in (9, 10, 13)), 0xFFFE, 0xFFFF])


def _text(value: Any) -> str:
    """Text safe inside XML, in an element or an attribute: escaped (quotes too), and without the
    characters XML 1.0 forbids."""
    return escape(str(value or "").translate(_CONTROL), {'"': "&quot;"})


def _stamp(value: Any) -> str:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    else:
        moment = datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(watch: str, alerts: list[dict[str, Any]], base: str) -> str:
    """The feed: one entry per alert, linking to its evidence highlighted in the article."""
    updated = _stamp(alerts[0]["raised_at"]) if alerts else _stamp(None)
    self_url = f"{base}/feeds/watch/{watch}.atom"
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{_text('jejak · ' + watch)}</title>", f"<id>{_text(self_url)}</id>",
             f'<link rel="self" href="{_text(self_url)}"/>', f"<updated>{updated}</updated>",
             "<author><name>jejak</name></author>"]
    for a in alerts:
        link = base + evidence_path(a["article_id"], a.get("start"), a.get("end"))
        title = f"[{a['kind']}] {a['headline']}"
        if a.get("outlet"):
            title += f" — {a['outlet']}"
        summary = a.get("evidence") or a.get("title") or ""
        if isinstance(a.get("confidence"), (int, float)):
            summary += f" (confidence {a['confidence']:.0%})"
        parts += ["<entry>", f"<title>{_text(title)}</title>", f"<id>urn:jejak:alert:{_text(a['alert_id'])}</id>",
                  f'<link rel="alternate" type="text/html" href="{_text(link)}"/>',
                  f"<updated>{_stamp(a['raised_at'])}</updated>",
                  f"<summary>{_text(summary)}</summary>", "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
