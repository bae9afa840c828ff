"""The cleaning lexicons (TSV under ``jejak/lang/<lang>/``), read once per process."""

from __future__ import annotations

from jejak.lang import load_table


def lang_rows(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``lang/<lang>/<name>``; empty when the language has no such file."""
    return load_table(lang, name.removesuffix(".tsv"), missing_ok=True)
