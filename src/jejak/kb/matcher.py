"""Find every knowledge-base name in a text with one Aho-Corasick pass.

Matching is exact-case (news writes "AS" for the United States and "as" never means it),
whole-word (letters and digits on either side reject a hit, so `AS` is not found inside
`ASEAN` or `KASUS`) and leftmost-longest ("Amerika Serikat" wins over "Amerika"). An alias
that starts with a lower-case letter ("detikcom") also matches capitalised, as at the start
of a sentence. A name directly followed by `$` is a currency sign (`US$`, `S$`), not a name.
Shadow phrases from the KB ("bahasa Inggris", "dolar AS") take part in the longest match and
are then dropped, so the names inside them are not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import ahocorasick

from .loader import KnowledgeBase, default_kb

HitKind = Literal["alias", "metonym", "office"]
_PRIORITY = {"shadow": -1, "alias": 0, "metonym": 1, "office": 2}
_SHADOW = "shadow"


@dataclass(frozen=True, slots=True)
class AliasHit:
    """One name found in the text: offsets, the words, and what they may refer to."""

    start: int
    end: int
    surface: str
    kb_ids: tuple[str, ...]  # entity kb_ids, or office_ids when kind == "office"
    kind: HitKind


class AliasMatcher:
    """An automaton over every alias, metonym and office name of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        table: dict[str, tuple[str, list[str]]] = {}

        def add(surface: str, kind: str, ident: str) -> None:
            for form in _variants(surface):
                cur = table.get(form)
                if cur is None or _PRIORITY[kind] < _PRIORITY[cur[0]]:
                    table[form] = (kind, [ident])
                elif cur[0] == kind and ident not in cur[1]:
                    cur[1].append(ident)

        for ent in kb.entities.values():
            quiet = set(ent.lookup_only)
            for s in ent.surfaces:
                if s not in quiet:
                    add(s, "alias", ent.kb_id)
            for s in ent.metonyms:
                add(s, "metonym", ent.kb_id)
        for office in kb.offices.values():
            for s in (office.name, *office.aliases):
                add(s, "office", office.office_id)
        for s in kb.shadows:
            add(s, _SHADOW, "")

        self._automaton = ahocorasick.Automaton()
        for form, (kind, ids) in table.items():
            self._automaton.add_word(form, (len(form), kind, tuple(ids)))
        self._automaton.make_automaton()
        self.size = len(table)

    def find_all(self, text: str) -> list[AliasHit]:
        """Every whole-word hit, overlapping ones included, ordered by start then length.

        Hits inside a shadow phrase are left out."""
        hits = self._raw(text)
        shadows = [(h.start, h.end) for h in hits if h.kind == _SHADOW]
        if shadows:
            hits = [h for h in hits if h.kind != _SHADOW
                    and not any(s <= h.start and h.end <= e for s, e in shadows)]
        return hits

    def _raw(self, text: str) -> list[AliasHit]:
        hits = []
        n = len(text)
        for end_idx, (length, kind, ids) in self._automaton.iter(text):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < n and (text[end].isalnum() or text[end] == "$"):
                continue
            hits.append(AliasHit(start, end, text[start:end], ids, kind))  # type: ignore[arg-type]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def find(self, text: str) -> list[AliasHit]:
        """Whole-word, leftmost-longest, non-overlapping hits in text order."""
        out = []
        last_end = -1
        for hit in self._raw(text):
            if hit.start >= last_end:
                if hit.kind != _SHADOW:
                    out.append(hit)
                last_end = hit.end
        return out


def _variants(surface: str) -> tuple[str, ...]:
    """The alias as written, plus a capitalised form when it starts in lower case."""
    if surface[:1].islower():
        return (surface, surface[0].upper() + surface[1:])
    return (surface,)


@lru_cache(maxsize=1)
def default_matcher() -> AliasMatcher:
    """The matcher over `default_kb()`, built once per process."""
    return AliasMatcher(default_kb())
