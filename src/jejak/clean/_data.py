"""Read the cleaning lexicons (TSV under ``jejak/lang/<lang>/``) once per process.

Language data stays out of the algorithms: every pattern and word list the cleaner uses is a
row of a TSV file, so adding an outlet or a language is a data change.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_LANG_DIR = Path(__file__).resolve().parent.parent / "lang"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; ``#`` lines and blank lines skipped, first row is the header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append({h: c.strip() for h, c in zip(header, cells)})
    return rows


@lru_cache(maxsize=None)
def lang_rows(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``lang/<lang>/<name>``; empty when the language has no such file."""
    path = _LANG_DIR / lang / name
    if not path.is_file():
        return ()
    return tuple(read_tsv(path))
