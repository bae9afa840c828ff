"""Language packs: word lists and patterns as TSV data, one folder per language."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_table(lang: str, name: str, missing_ok: bool = False) -> tuple[dict[str, str], ...]:
    """Rows of `lang/<lang>/<name>.tsv` as dicts keyed by the header; `#` lines are comments.

    A language without that file gives no rows when `missing_ok`, else FileNotFoundError.
    """
    path = resources.files("jejak.lang").joinpath(lang, f"{name}.tsv")
    if missing_ok and not path.is_file():
        return ()
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append({k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header)})
    return tuple(rows)


def load_words(lang: str, name: str, column: str | None = None) -> frozenset[str]:
    """The first (or the named) column of a table as a set."""
    rows = load_table(lang, name)
    if not rows:
        return frozenset()
    key = column or next(iter(rows[0]))
    return frozenset(r[key] for r in rows if r.get(key))
