"""Indonesian word forms: which stems a word may come from, and in which voice.

A full stemmer needs a dictionary of every root. The event coder only needs to know whether a word
is a form of one of *its* stems, so this module proposes every stem the affix rules allow and the
caller keeps those its lexicon knows. Nasal prefixes swallow the stem's first consonant
(`menyerang` ← `serang`, `menolak` ← `tolak`, `mengirim` ← `kirim`, `memukul` ← `pukul`), so both
readings are proposed.

Forms:
- `active`: `me-` verbs (`menyerang`, `membahas`, `mengesampingkan`, `memperingatkan`);
- `middle`: `ber-` verbs (`bertemu`, `berunding`, `bekerja`);
- `passive`: `di-` and `ter-` verbs (`diserang`, `ditangkap`, `tertangkap`);
- `bare`: the root, alone or with `-kan`/`-i` (`datangi`, `serang`), used after a pronoun agent
  (`saya datangi`) and in imperatives;
- `noun`: the act (`serangan`, `penyerangan`, `pertemuan`, `kesepakatan`);
- `agent`: the doer (`penyerang`, `pendukung`), which names a role, not an act.
"""

from __future__ import annotations

from functools import lru_cache

_PARTICLES = ("lah", "kah", "tah", "pun")
_CLITICS = ("nya", "ku", "mu")
_VOWELS = frozenset("aeiou")

# (prefix, form) for the prefixes that leave the stem intact, longest first.
_PLAIN_PREFIXES: tuple[tuple[str, str], ...] = (
    ("memper", "active"), ("diper", "passive"), ("ber", "middle"), ("bel", "middle"), ("be", "middle"),
    ("ter", "passive"), ("di", "passive"), ("per", "noun"), ("ke", "noun"),
)
# Nasal prefixes: (prefix, the consonants it swallows before a vowel).
_NASAL_ME = (("meny", "s"), ("meng", "k"), ("menge", ""), ("mem", "p"), ("men", "t"), ("me", ""))
_NASAL_PE = (("peny", "s"), ("peng", "k"), ("penge", ""), ("pem", "p"), ("pen", "t"), ("pe", ""))


def _strip_clitics(word: str) -> list[str]:
    forms = [word]
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 4:
            forms.append(word[: -len(p)])
    for f in list(forms):
        for c in _CLITICS:
            if f.endswith(c) and len(f) - len(c) >= 4:
                forms.append(f[: -len(c)])
    return forms


def _nasal_stems(rest: str, swallowed: str) -> list[str]:
    """Stems behind a nasal prefix: the rest as it is, and with the swallowed consonant restored."""
    stems = [rest]
    if swallowed and rest and rest[0] in _VOWELS:
        stems.append(swallowed + rest)
    return stems


@lru_cache(maxsize=65536)
def analyses(word: str) -> tuple[tuple[str, str], ...]:
    """Every (stem, form) reading the affix rules allow for one word (case-insensitive)."""
    w = word.lower()
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(stem: str, form: str) -> None:
        if len(stem) >= 2 and (stem, form) not in seen:
            seen.add((stem, form))
            out.append((stem, form))

    for base in _strip_clitics(w):
        for suffix in ("", "kan", "i", "an"):
            if suffix and not (base.endswith(suffix) and len(base) - len(suffix) >= 3):
                continue
            core = base[: len(base) - len(suffix)] if suffix else base
            if suffix == "an":
                _noun_readings(core, add)
                continue
            add(core, "bare")
            for prefix, swallowed in _NASAL_ME:
                if core.startswith(prefix) and len(core) > len(prefix) + 1:
                    for stem in _nasal_stems(core[len(prefix):], swallowed):
                        add(stem, "active")
            for prefix, swallowed in _NASAL_PE:
                if core.startswith(prefix) and len(core) > len(prefix) + 1 and not suffix:
                    for stem in _nasal_stems(core[len(prefix):], swallowed):
                        add(stem, "agent")
            for prefix, form in _PLAIN_PREFIXES:
                if core.startswith(prefix) and len(core) > len(prefix) + 1:
                    if form == "noun":  # per-/ke- without -an are not nouns of an act
                        if prefix == "per":
                            add(core[len(prefix):], "active")  # perkuat, perpanjang
                        continue
                    add(core[len(prefix):], form)
    return tuple(out)


def _noun_readings(core: str, add) -> None:
    """`-an` nouns: `serangan`, `penyerangan`, `pertemuan`, `kesepakatan`, `pengiriman`."""
    add(core, "noun")
    for prefix, swallowed in _NASAL_PE:
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            for stem in _nasal_stems(core[len(prefix):], swallowed):
                add(stem, "noun")
    for prefix in ("per", "pe", "ke"):
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            add(core[len(prefix):], "noun")
    # A verb with -kan/-i whose stem ends in -an stays a verb: `diperlakukan` has no -an noun here.
    for prefix, swallowed in _NASAL_ME:
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            for stem in _nasal_stems(core[len(prefix):], swallowed):
                add(stem + "an", "active")
    for prefix, form in (("di", "passive"), ("ber", "middle"), ("ter", "passive")):
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            add(core[len(prefix):] + "an", form)
