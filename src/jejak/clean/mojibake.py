"""Repair UTF-8 text that was once decoded as cp1252/Latin-1 (`BjÃ¶rn` → `Björn`).

Scraped and copied news often carries such runs; names inside them would otherwise never match.
Only runs that decode cleanly as UTF-8 are replaced, so real accented text is left alone.
"""

from __future__ import annotations

import re

# A lead byte of a 2–4 byte UTF-8 sequence read as cp1252, then 1–3 continuation bytes read the same way.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_RUN = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")


def _repair(match: re.Match[str]) -> str:
    run = match.group()
    for codec in ("cp1252", "latin-1"):
        try:
            return run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return run


def repair_mojibake(text: str) -> tuple[str, int]:
    """The text with mis-decoded runs repaired, and how many runs changed."""
    if not _RUN.search(text):
        return text, 0
    changed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        out = _repair(m)
        changed += out != m.group()
        return out

    return _RUN.sub(fix, text), changed
