"""Charts as plain geometry, drawn server side as inline SVG by the templates (no JS library).

The functions here only compute numbers and labels; the templates write the `<svg>` and Jinja2
escapes every label, so no data reaches the page unescaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from jejak.dates import iso_day, local_time, parse_moment

PALETTE = 10  # CSS classes s-0 .. s-9


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Chart:
    """A bar chart over days: bars, x ticks, the y scale's top, a legend of series."""

    width: int
    height: int
    left: float
    top: float
    bottom: float
    right: float
    ymax: int = 0
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # (css, series, total)

    @property
    def empty(self) -> bool:
        return not self.bars


def _as_day(value: Any) -> date | None:
    return iso_day(value)
    return None


def day_chart(points: list[tuple[Any, str, int]], series: list[str] | None = None, grouped: bool = False,
              width: int = 760, height: int = 220, css: Callable[[str], str] | None = None) -> Chart:
    """Bars per day on a continuous date axis from `(day, series, count)` points.

    Series are stacked, or side by side when `grouped`; each series gets a palette class
    `s-<i>` in the order of `series` (default: by total, largest first), or the class `css(series)`
    gives it (PLOVER types keep one colour each on every chart)."""
    left, right, top, bottom = 40.0, width - 40.0, 10.0, height - 28.0
    chart = Chart(width, height, left, top, bottom, right)
    counts: dict[date, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for day, name, count in points:
        d = _as_day(day)
        if d is None or not count:
            continue
        counts.setdefault(d, {})
        counts[d][name] = counts[d].get(name, 0) + int(count)
        totals[name] = totals.get(name, 0) + int(count)
    if series is None:
        series = sorted(totals, key=lambda s: (-totals[s], s))
    else:
        series = [s for s in series if s in totals] + sorted(s for s in totals if s not in series)
    classes = {s: css(s) if css else f"s-{i % PALETTE}" for i, s in enumerate(series)}
    chart.legend = [(classes[s], s, totals[s]) for s in series]
    if not counts:
        return chart
    first, last = min(counts), max(counts)
    days = (last - first).days + 1
    slot = (right - left) / days
    if grouped:
        chart.ymax = max(max(v.values()) for v in counts.values())
    else:
        chart.ymax = max(sum(v.values()) for v in counts.values())
    scale = (bottom - top) / chart.ymax
    bar_w = max(3.0, min(slot * 0.8, 48.0))
    for d in sorted(counts):
        x0 = left + (d - first).days * slot + (slot - bar_w) / 2
        present = [s for s in series if counts[d].get(s)]
        base = bottom
        for i, s in enumerate(present):
            n = counts[d][s]
            h = n * scale
            title = f"{d.isoformat()}: {n} {s}"
            if grouped:
                w = bar_w / len(present)
                chart.bars.append(Bar(round(x0 + i * w, 2), round(bottom - h, 2), round(max(w, 1.0), 2),
                                      round(h, 2), classes[s], title))
            else:
                base -= h
                chart.bars.append(Bar(round(x0, 2), round(base, 2), round(bar_w, 2), round(h, 2), classes[s], title))
    chart.ticks = _ticks(first, days, left, slot)
    return chart


def _ticks(first: date, days: int, left: float, slot: float, most: int = 6) -> list[Tick]:
    if days == 1:
        return [Tick(round(left + slot / 2, 2), first.isoformat())]
    step = max(1, (days - 1) // (most - 1))
    picks = list(range(0, days, step))
    if picks[-1] != days - 1:
        if days - 1 - picks[-1] < step / 2:
            picks[-1] = days - 1
        else:
            picks.append(days - 1)
    return [Tick(round(left + i * slot + slot / 2, 2), (first + timedelta(days=i)).isoformat()) for i in picks]


@dataclass(slots=True)
class Mark:
    """One article on a story's timeline."""

    x: float
    y: float
    bar_x: float
    bar_w: float
    css: str
    label: str
    title: str
    member: dict[str, Any]


@dataclass(slots=True)
class Timeline:
    width: int
    height: int
    left: float
    right: float
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)


def _moment(member: dict[str, Any]) -> datetime | None:
    at = member.get("published_at")
    if isinstance(at, datetime):
        return at
    if isinstance(at, str) and (moment := parse_moment(at)) is not None:
        return local_time(moment)
    day = _as_day(member.get("published"))
    return datetime(day.year, day.month, day.day) if day else None


def story_timeline(members: list[dict[str, Any]], width: int = 760, row: int = 26) -> Timeline:
    """One row per member in time order: a bar from the story's first publication to this
    article's, and a dot; the original gets the class `original`, copies `copy`."""
    labels = [f"{m.get('outlet') or '?'} · {m.get('input_id') or m.get('article_id', '')[:12]}" for m in members]
    # the label column is as wide as its longest label (about 7 px a character at 12 px), so none is cut
    left = min(max(120.0, 14.0 + 7.0 * max((len(x) for x in labels), default=0)), width * 0.55)
    right = width - 20.0
    moments = [_moment(m) for m in members]
    known = [t for t in moments if t is not None]
    first = min(known) if known else None
    last = max(known) if known else None
    span = (last - first).total_seconds() if known else 0.0
    tl = Timeline(width, 30 + row * len(members), left, right)
    for i, (m, t) in enumerate(zip(members, moments)):
        if t is None or span == 0:
            x = left
        else:
            x = left + (t - first).total_seconds() / span * (right - left)
        role = m.get("role") or "member"
        label = labels[i]
        when = t.isoformat(sep=" ", timespec="minutes") if t and m.get("published_at") else (
            t.date().isoformat() if t else "date unknown")
        tl.marks.append(Mark(round(x, 2), 20 + i * row, left, round(x - left, 2),
                             "original" if role == "original" else ("copy" if role == "copy" else "member"),
                             _fit(label, left), f"{when} — {role}: {m.get('title') or ''}", m))
    if known:
        clock = any(m.get("published_at") for m in members)
        shown = (lambda t: t.isoformat(sep=" ", timespec="minutes")) if clock else (lambda t: t.date().isoformat())
        tl.ticks = [Tick(left, shown(first))]
        if span:
            tl.ticks.append(Tick(right, shown(last)))
    return tl


def _fit(label: str, room: float) -> str:
    """The label cut (with …) only when even the widest label column cannot hold it."""
    most = int((room - 14.0) / 7.0)
    return label if len(label) <= most else label[:max(1, most - 1)] + "…"
