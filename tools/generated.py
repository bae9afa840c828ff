"""The command line every tool that writes a shipped data file shares: write it, or `--check`
that the committed file is what the tool would write now."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def build_main(doc: str | None, out: Path, render: Callable[[], str], tool: str,
               argv: list[str] | None = None) -> int:
    """Write `render()` to `out`, or with `--check` exit 1 when the committed file differs."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if (out.read_text(encoding="utf-8") if out.exists() else "") != text:
            print(f"{out} is out of date; run {tool}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if line and not line.startswith("#")) - 1  # less the header
    print(f"wrote {out} ({rows:,} rows)")
    return 0
