"""Capital and small letters beyond ASCII, for the patterns that read names by their capitals.

Indonesian news writes foreign names as their own languages do (`Ekrem İmamoğlu`, `Özgür Özel`,
`Émile`, `Łukasz`): a pattern that asks for `[A-Z]` misses them, or cuts `Ekrem` from its surname.
`latin` widens the ASCII ranges of a pattern's character classes to every Latin letter of the same
case (Latin-1 and Latin Extended-A and -B), so each pattern keeps its meaning for other scripts.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN = [chr(c) for c in range(0xC0, 0x250) if unicodedata.category(chr(c)) in ("Lu", "Ll")]
#: The characters `A-Z` and `a-z` stand for inside a character class once widened.
UPPER = "A-Z" + "".join(c for c in _LATIN if unicodedata.category(c) == "Lu")
LOWER = "a-z" + "".join(c for c in _LATIN if unicodedata.category(c) == "Ll")


def plain_i(text: str) -> str:
    """The text with Turkish `İ` read as `I`: the same length, so every offset holds. Python folds
    `İ` into two characters (`i` and a dot), so `İstanbul` would match no name the knowledge base
    knows and a stray `İa` (a broken `Ia`) no pronoun; names are read on this text and given
    back their letters from the original (`jejak.nlp.entities.recognise`)."""
    return text.replace("\u0130", "I") if "\u0130" in text else text


def latin(pattern: str) -> str:
    """`pattern` with every `A-Z` and `a-z` range widened to the Latin letters of that case."""
    return pattern.replace("A-Z", UPPER).replace("a-z", LOWER)


def compile_latin(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` of `latin(pattern)`."""
    return re.compile(latin(pattern), flags)
