"""The PLOVER event types and how they relate to CAMEO and GDELT (data in `data/plover.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jejak.datafiles import read_data


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    quad_class: int  # GDELT QuadClass: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict
    cameo_root: str  # the closest CAMEO root, as GDELT's EventRootCode writes it
    cameo_roots: tuple[str, ...]
    goldstein: float | None
    description: str
    counterpart: str  # required, partner or optional: see the table's header


@lru_cache(maxsize=None)
def plover_types() -> dict[str, PloverType]:
    """Every PLOVER type by name, in the table's order."""
    text = read_data("plover.tsv")
    header: list[str] | None = None
    types: dict[str, PloverType] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        types[row["type"]] = PloverType(
            type=row["type"],
            quad_class=int(row["quad_class"]),
            cameo_root=row["cameo_root"],
            cameo_roots=tuple(c for c in row["cameo_roots"].split("|") if c),
            goldstein=float(row["goldstein"]) if row.get("goldstein") else None,
            description=row["description"],
            counterpart=row.get("counterpart") or "optional",
        )
    return types


PLOVER_TYPES: tuple[str, ...] = tuple(plover_types())
