"""Page furniture (ad labels, video teasers, related links, trailers) as compiled pattern sets.

The patterns are data (``lang/<lang>/furniture.tsv``); this module only compiles them into
one combined regex per scope, so a body is scanned once per scope however many rows the file
has; the row (kind, outlet) behind a match is found afterwards, at the few places that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import lang_rows


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """One row of ``furniture.tsv``."""

    pattern: str
    kind: str
    scope: str  # line | inline | trailer
    outlet: str | None
    note: str


@dataclass(frozen=True, slots=True)
class FurnitureHit:
    """A furniture match in the source text."""

    start: int
    end: int
    rule: FurnitureRule


@dataclass(frozen=True, slots=True)
class _Scope:
    """The rows of one scope: a combined regex to find, one regex per row to tell which."""

    rx: re.Pattern[str]
    rules: tuple[tuple[re.Pattern[str], FurnitureRule], ...]
    whole_line: bool = False
    trailer: bool = False

    def hits(self, text: str, start: int, end: int) -> list[FurnitureHit]:
        out: list[FurnitureHit] = []
        for m in self.rx.finditer(text, start, end):
            s, e = m.span()
            if self.trailer and not _trailer_position(text, s):
                continue
            if self.whole_line:
                inner = m.group(1)
                cs = m.start(1)
                rule = self._which(text, cs, cs + len(inner))
            else:
                rule = self._which(text, s, e)
            if rule is not None:
                out.append(FurnitureHit(s, e, rule))
        return out

    def _which(self, text: str, s: int, e: int) -> FurnitureRule | None:
        for rx, rule in self.rules:
            m = rx.match(text, s, e)
            if m is not None and m.end() == e:
                return rule
        return None


def _trailer_position(text: str, pos: int) -> bool:
    """A trailer marker counts at a line start or after a sentence end, bracket or quote."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in _TRAILER_AFTER or (text[i - 1] == "\n")


@dataclass(frozen=True, slots=True)
class FurnitureSet:
    """The compiled furniture of one language."""

    rules: tuple[FurnitureRule, ...]
    line: _Scope | None
    inline_: _Scope | None
    trailer: _Scope | None
    any_: _Scope | None  # every row, unanchored: to read what a cut trailer held

    @staticmethod
    def _run(scope: _Scope | None, text: str, start: int, end: int | None) -> list[FurnitureHit]:
        return [] if scope is None else scope.hits(text, start, len(text) if end is None else end)

    def lines(self, text: str, start: int = 0, end: int | None = None) -> list[FurnitureHit]:
        """Whole lines of furniture within ``text[start:end]`` (span covers the line, quote marks included)."""
        return self._run(self.line, text, start, end)

    def inline(self, text: str, start: int = 0, end: int | None = None) -> list[FurnitureHit]:
        """Inline furniture strings within ``text[start:end]``."""
        return self._run(self.inline_, text, start, end)

    def trailers(self, text: str, start: int = 0, end: int | None = None) -> list[FurnitureHit]:
        """Trailer markers within ``text[start:end]``, in order (span from the marker on)."""
        return self._run(self.trailer, text, start, end)

    def scan(self, text: str) -> list[FurnitureHit]:
        """Every furniture pattern anywhere in ``text`` (used on text already cut away)."""
        return self._run(self.any_, text, 0, None)


_TRAILER_AFTER = frozenset(".!?:)]\"”’»")
# A line may be wrapped in quote marks ("'Lihat juga Video: ...'").
_LINE_OPEN = r"^[ \t]*[\"'‘“]?"
_LINE_CLOSE = r"[\"'’”]?[ \t]*$"


@lru_cache(maxsize=None)
def furniture_set(lang: str = "id") -> FurnitureSet:
    """The furniture of ``lang`` compiled once per process (no file: an empty set).

    Each scope gets one combined regex of plain alternatives: Python's engine scans such a
    pattern far faster than one with a named group per row, and the row is found afterwards.
    """
    rules = tuple(
        FurnitureRule(r["pattern"], r.get("kind") or "furniture", (r.get("scope") or "line").lower(),
                      r.get("outlet") or None, r.get("note") or "")
        for r in lang_rows(lang, "furniture.tsv")
        if r.get("pattern")
    )
    by_scope: dict[str, list[FurnitureRule]] = {}
    for rule in rules:
        re.compile(rule.pattern)  # fail early, naming the bad row
        by_scope.setdefault(rule.scope, []).append(rule)

    def build(rows: list[FurnitureRule] | None, **kw: bool) -> _Scope | None:
        if not rows:
            return None
        alt = "|".join(f"(?:{r.pattern})" for r in rows)
        pattern = f"{_LINE_OPEN}({alt}){_LINE_CLOSE}" if kw.get("whole_line") else alt
        compiled = tuple((re.compile(r.pattern, re.MULTILINE), r) for r in rows)
        return _Scope(re.compile(pattern, re.MULTILINE), compiled, **kw)

    return FurnitureSet(
        rules=rules,
        line=build(by_scope.get("line"), whole_line=True),
        inline_=build(by_scope.get("inline")),
        trailer=build(by_scope.get("trailer"), trailer=True),
        any_=build(list(rules)),
    )
