"""English word forms for the event coder: which stems a word may come from, and in which form.

Like `jejak.nlp.morph` for Indonesian, this proposes every stem the inflection rules allow and the
caller keeps those its lexicon knows (`arrested` -> arrest, `agreed` -> agree, `banned` -> ban,
`denies` -> deny, `met` -> meet from `lang/en/irregular_verbs.tsv`). English marks voice and word
class by the words around a form, not by affixes, so the forms are:

- `bare`: the base form and its `-s` form (`attack`, `attacks`, `talks`): a verb or a noun, which
  the coder tells apart by what stands before it (`the attack`, `Russia attacks`);
- `active`: past and `-ing` forms (`attacked`, `attacking`, `met`), a passive after `was`/`been`;
- `agent`: the doer (`attacker`, `protesters`), which names a role, not an act.
"""

from __future__ import annotations

from functools import lru_cache

from jejak.lang import load_table


@lru_cache(maxsize=None)
def _irregular() -> dict[str, tuple[str, ...]]:
    """Past and participle forms -> their base forms."""
    out: dict[str, set[str]] = {}
    for row in load_table("en", "irregular_verbs", missing_ok=True):
        for form in (row.get("past", ""), row.get("participle", "")):
            for f in form.split("|"):
                if f.strip():
                    out.setdefault(f.strip(), set()).add(row["base"])
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _undouble(stem: str) -> list[str]:
    """`bann` -> ban, `stopp` -> stop: the doubled final consonant of a short stem."""
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        return [stem[:-1]]
    return []


@lru_cache(maxsize=65536)
def english_readings(word: str) -> tuple[tuple[str, str], ...]:
    """Every (stem, form) reading the inflection rules allow for one word (case-insensitive)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    out: list[tuple[str, str]] = []

    def add(stem: str, form: str) -> None:
        if len(stem) >= 2 and (stem, form) not in out:
            out.append((stem, form))

    add(w, "bare")
    for base in _irregular().get(w, ()):
        add(base, "active")
    if w.endswith("ies") and len(w) > 4:
        add(w[:-3] + "y", "bare")
    elif w.endswith("es") and len(w) > 3:
        add(w[:-2], "bare")
        add(w[:-1], "bare")
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        add(w[:-1], "bare")
    if w.endswith("ied") and len(w) > 4:
        add(w[:-3] + "y", "active")
    elif w.endswith("ed") and len(w) > 4:
        add(w[:-2], "active")
        add(w[:-1], "active")
        for stem in _undouble(w[:-2]):
            add(stem, "active")
    if w.endswith("ing") and len(w) > 5:
        add(w[:-3], "active")
        add(w[:-3] + "e", "active")
        for stem in _undouble(w[:-3]):
            add(stem, "active")
    for suffix in ("ers", "er", "ors", "or"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            core = w[: len(w) - len(suffix)]
            add(core, "agent")
            add(core + "e", "agent")
            for stem in _undouble(core):
                add(stem, "agent")
            break
    return tuple(out)
