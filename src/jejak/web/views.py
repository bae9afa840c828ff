"""What the article view shows, built from one analysis record (stored or just pasted)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jejak.store.writer import entity_key
from .highlight import Span, highlight

SPEAKER_COLOURS = 10  # CSS classes spk-0 .. spk-9


def safe_url(url: Any) -> str | None:
    """The URL when it may be a link (http or https), else None (shown as text only)."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _label(ref: dict[str, Any] | None) -> str:
    return (ref or {}).get("name") or "unattributed"


def _pair(v: Any) -> tuple[int, int] | None:
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v):
        return v[0], v[1]
    if isinstance(v, dict) and isinstance(v.get("start"), int) and isinstance(v.get("end"), int):
        return v["start"], v["end"]
    return None


def _actor(ref: dict[str, Any] | None) -> str:
    return (ref or {}).get("name") or "?"


def article_view(record: dict[str, Any], text: str | None = None,
                 evidence: tuple[int, int] | None = None) -> dict[str, Any]:
    """Segments of the clean text with every annotation, a speaker legend, and the lists shown
    beside it (quotes, entities, times, amounts, events, indicators, removals). `evidence` is a
    span to mark above all others (what an alert pointed at)."""
    text = text if isinstance(text, str) else (record.get("text") or "")
    spans: list[Span] = []
    if evidence is not None and 0 <= evidence[0] < evidence[1] <= len(text):
        spans.append(Span(evidence[0], evidence[1], "evidence", "evidence", "evidence-mark"))
    else:
        evidence = None

    speakers: dict[str, dict[str, Any]] = {}
    quotes = []
    for no, q in enumerate(record.get("quotes") or []):
        ref = q.get("speaker")
        key = entity_key(ref) or "(none)"
        if key not in speakers:
            css = f"spk-{len(speakers) % SPEAKER_COLOURS}" if ref else "spk-none"
            speakers[key] = {"key": entity_key(ref), "name": _label(ref), "type": (ref or {}).get("type"),
                             "css": css, "quotes": 0}
        spk = speakers[key]
        spk["quotes"] += 1
        label = f"quote ({q.get('kind')}) — {spk['name']}"
        if isinstance(q.get("start"), int) and isinstance(q.get("end"), int):
            spans.append(Span(q["start"], q["end"], "quote", label, spk["css"], {"no": no, "speaker": spk["name"]}))
        sp = _pair(q.get("speaker_span"))
        if sp:
            spans.append(Span(sp[0], sp[1], "speaker", f"speaker — {spk['name']}", spk["css"]))
        cue = _pair(q.get("cue"))
        if cue:
            spans.append(Span(cue[0], cue[1], "cue", "speech verb"))
        quotes.append({"no": no, "kind": q.get("kind"), "text": q.get("text") or "", "via": q.get("via"),
                       "speaker": spk, "start": q.get("start"), "end": q.get("end"),
                       "confidence": q.get("confidence")})

    entities = []
    for e in record.get("entities") or []:
        etype = str(e.get("type") or "ENT")
        mentions = [p for p in (_pair(m) for m in e.get("mentions") or []) if p]
        for s, t in mentions:
            spans.append(Span(s, t, "entity", f"{e.get('name')} ({etype})", f"ent-{etype.lower()}"))
        entities.append({"name": e.get("name"), "type": etype, "country": e.get("country"),
                         "key": entity_key(e), "mentions": len(mentions), "confidence": e.get("confidence")})
    entities.sort(key=lambda e: (-e["mentions"], str(e["name"])))

    times = record.get("times") or []
    for t in times:
        if isinstance(t.get("start"), int) and isinstance(t.get("end"), int):
            note = f" — {t['note']}" if t.get("note") else ""
            spans.append(Span(t["start"], t["end"], "time", f"time = {t.get('value')}{note}"))
    amounts = record.get("amounts") or []
    for a in amounts:
        if isinstance(a.get("start"), int) and isinstance(a.get("end"), int):
            unit = a.get("currency") or a.get("unit") or ""
            val = a.get("value")
            shown = f"{val:,g}" if isinstance(val, (int, float)) else str(val)
            spans.append(Span(a["start"], a["end"], "amount", f"amount = {shown} {unit}".rstrip()))

    events = []
    for ev in record.get("events") or []:
        mode = f" ({ev['mode']})" if ev.get("mode") else ""
        label = f"event {ev.get('type')}{mode}: {_actor(ev.get('source'))} → {_actor(ev.get('target'))}"
        for p in ev.get("evidence_spans") or [ev.get("evidence")]:
            p = _pair(p)
            if p:
                spans.append(Span(p[0], p[1], "event", label))
        trig = _pair(ev.get("trigger"))
        if trig:
            spans.append(Span(trig[0], trig[1], "trigger", f"event word ({ev.get('type')})"))
        ev_span = _pair(ev.get("evidence"))
        events.append({"type": ev.get("type"), "mode": ev.get("mode"), "confidence": ev.get("confidence"),
                       "source": ev.get("source"),
                       "target": ev.get("target"), "location": ev.get("location"), "date": ev.get("date"),
                       "reported_by": ev.get("reported_by"),
                       "evidence": text[ev_span[0]:ev_span[1]] if ev_span else ""})

    indicators = record.get("indicators") or []
    for ind in indicators:
        if isinstance(ind.get("start"), int) and isinstance(ind.get("end"), int):
            spans.append(Span(ind["start"], ind["end"], "indicator", f"indicator: {ind.get('kind')}"))

    return {
        "segments": highlight(text, spans),
        "speakers": list(speakers.values()),
        "quotes": quotes,
        "entities": entities,
        "times": times,
        "amounts": amounts,
        "events": events,
        "indicators": indicators,
        "removals": record.get("removals") or [],
        "author_codes": record.get("author_codes") or [],
        "dateline": record.get("dateline") or {},
        "evidence": {"start": evidence[0], "end": evidence[1], "text": text[evidence[0]:evidence[1]]} if evidence else None,
    }
