"""The store's lists as pandas DataFrames, for notebooks: the same rows, filters and order as the
CLI, the API and the dashboard (`jejak.Store(path).quotes(speaker="Jokowi")`)."""

from __future__ import annotations

from typing import Any

from . import browse, queries, trends
from .story_queries import stories

FRAMES = ("articles", "quotes", "entities", "events", "acts", "stories", "alerts", "trends", "movers")


def frame(rows: list[dict[str, Any]]):
    """Rows as a DataFrame (pandas is imported only here: `pip install pandas`)."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError("DataFrames need pandas: pip install pandas (or jejak[frames])") from e
    return pd.DataFrame.from_records(rows)


def rows_of(store: Any, what: str, **filters: Any) -> list[dict[str, Any]]:
    """The rows of one list, every row unless `limit` is given."""
    if what not in ("trends", "movers"):
        filters.setdefault("limit", None)  # a DataFrame holds the whole list unless asked for less
    if what == "articles":
        return browse.articles(store, **filters)
    if what in ("quotes", "entities", "events", "acts"):
        return getattr(queries, what)(store, **filters)
    if what == "stories":
        return stories(store, **filters)
    if what == "alerts":
        from jejak.watch.store import alerts

        return alerts(store, **filters)
    if what == "trends":
        return trends.entity_trend(store, **filters)
    if what == "movers":
        return trends.movers(store, **filters)
    raise ValueError(f"unknown list {what!r}; one of {', '.join(FRAMES)}")


class StoreFrames:
    """The DataFrame methods of `jejak.store.Store` (`jejak.Store`)."""

    def articles(self, **filters: Any):
        """Articles as a DataFrame; filters as `jejak.store.browse.articles` (q, outlet, since, until, limit)."""
        return frame(rows_of(self, "articles", **filters))

    def quotes(self, **filters: Any):
        """Quotes as a DataFrame; filters as `jejak.store.queries.quotes` (speaker, text, since, until,
        min_confidence, outlet, speaker_type, limit)."""
        return frame(rows_of(self, "quotes", **filters))

    def entities(self, **filters: Any):
        """Entities with their counts as a DataFrame; filters as `jejak.store.queries.entities`."""
        return frame(rows_of(self, "entities", **filters))

    def events(self, **filters: Any):
        """Events as a DataFrame; filters as `jejak.store.queries.events` (actor, type, mode, since, until, outlet)."""
        return frame(rows_of(self, "events", **filters))

    def acts(self, **filters: Any):
        """Acts (an act several reports of a story tell counts once) as a DataFrame; filters as `events`."""
        return frame(rows_of(self, "acts", **filters))

    def stories(self, **filters: Any):
        """Stories as a DataFrame; filters as `jejak.store.story_queries.stories` (since, until, outlet)."""
        return frame(rows_of(self, "stories", **filters))

    def alerts(self, **filters: Any):
        """Alerts as a DataFrame; filters as `jejak.watch.store.alerts` (since, watch, kind)."""
        return frame(rows_of(self, "alerts", **filters))

    def trends(self, name: str, **options: Any):
        """An entity's mentions, quotes and events per day as a DataFrame (by, since, until)."""
        return frame(rows_of(self, "trends", name=name, **options))

    def movers(self, **options: Any):
        """The week's top movers as a DataFrame (days, top, until)."""
        return frame(rows_of(self, "movers", **options))
