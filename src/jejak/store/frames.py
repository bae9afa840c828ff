"""The store's lists as pandas DataFrames, for notebooks: the same rows, filters and order as the
CLI, the API and the dashboard (`jejak.Store(path).quotes(speaker="Jokowi")`)."""

from __future__ import annotations

from typing import Any

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
    from . import browse, queries, trends
    from .story_queries import stories

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
