"""Publication days and moments read from metadata, in one place.

Every reader hands jejak dates in its own form (ISO from JSON records and sitemaps, RFC 822 from
feeds, `2025-10-13T13:45:00+07:00` from a page's `article:published_time`, `Senin, 13 Oktober
2025` from exports). This module turns them into a day and, when a clock time is given, a moment
in Western Indonesian Time (WIB), so that "who published first" compares like with like
everywhere: in the pipeline, the store, provenance and the dashboard. Dates *inside the text*
(`Rabu (4/12/2024)`, `kemarin`) are the business of `jejak.extract.times`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["WIB", "YEARS", "iso_day", "local_time", "parse_day", "parse_moment", "publication_moment"]

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
YEARS = range(1900, 2101)  # dates outside these are feed placeholders (`0001-01-01`), not publication days
_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_ZONE_WITHOUT_COLON = re.compile(r"([+-]\d{2})(\d{2})$")  # `+0700`, which fromisoformat reads only from 3.11


def iso_day(value: Any) -> dt.date | None:
    """The day of an ISO `YYYY-MM-DD…` string, a date or a datetime; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def parse_moment(value: Any) -> dt.datetime | None:
    """A datetime from an ISO date and clock time (`2025-10-13T13:45`, `… 13:45:00Z`,
    `…+07:00`), aware when a zone is given; None when there is no clock time."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _CLOCK.match(value.strip()):
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    text = _ZONE_WITHOUT_COLON.sub(r"\1:\2", text)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def local_time(moment: dt.datetime) -> dt.datetime:
    """A publication moment as a naive WIB clock reading: times with a zone are converted, so
    `02:00Z` and `09:00+07:00` are the same moment; times without one are taken as written,
    the way Indonesian outlets stamp them."""
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(WIB).replace(tzinfo=None)
        except (OverflowError, ValueError):  # year 1 with a zone: no such WIB moment; keep the clock reading
            moment = moment.replace(tzinfo=None)
    return moment


def parse_day(value: Any) -> dt.date | None:
    """A metadata date in ISO, feed or export form (`Senin, 13 Oktober 2025`, `Oct 13, 2025`,
    `13/10/2025` read day first); None when absent or not a plausible publication day. A moment
    with a zone counts on its WIB day."""
    if value is None or value == "":
        return None
    moment = parse_moment(value)
    if moment is not None:
        day = local_time(moment).date()
    else:
        day = iso_day(value)
        if day is None and isinstance(value, str):
            from jejak.extract.times import infer_published  # the text's own date grammar, for feed forms

            for lang in ("id", "en"):
                found = infer_published(value, lang=lang)
                if found is not None and len(found.value) == 10:
                    day = dt.date.fromisoformat(found.value)
                    break
    return day if day is not None and day.year in YEARS else None


def publication_moment(value: Any) -> str | None:
    """The publication moment in WIB as ISO text (`2025-10-13T13:45`), when the metadata gives a
    clock time: it orders copies published on the same day."""
    moment = parse_moment(value)
    if moment is None:
        return None
    moment = local_time(moment)
    if moment.year not in YEARS:
        return None
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")
