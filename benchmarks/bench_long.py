"""Analysis cost against document length: one long document against the same text cut into articles.

Detik bodies outside the reserved rows are joined (a blank line between them) into one document
of `--mb` megabytes; the same text is also cut at paragraph breaks into pieces of about 10 KB.
Both are analysed in one process, taking turns (pieces, document, pieces, ...), and the best run of
each is compared per character. The issue's bar: a 3 MB document costs at most 1.5x per character
what 10 KB articles of the same text cost (linear cost is 1.0x).

Run: `.venv/bin/python benchmarks/bench_long.py [--mb 3] [--rounds 2]`
"""

from __future__ import annotations

import argparse
import sys
import time

from bench_analyze import DETIK, load_detik

from jejak.pipeline import analyze

PIECE = 10_000


def long_text(megabytes: float) -> str:
    parts, size = [], 0
    for body, _day in load_detik(DETIK):
        parts.append(body.strip())
        size += len(parts[-1].encode("utf-8")) + 2
        if size >= megabytes * 1_000_000:
            break
    return "\n\n".join(parts)


def pieces(text: str, size: int = PIECE) -> list[str]:
    """The text cut at paragraph breaks into pieces of about `size` characters."""
    out, current = [], []
    length = 0
    for para in text.split("\n\n"):
        current.append(para)
        length += len(para) + 2
        if length >= size:
            out.append("\n\n".join(current))
            current, length = [], 0
    if current:
        out.append("\n\n".join(current))
    return out


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=3.0)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    if not DETIK.is_file():
        print(f"Detik is not at {DETIK}", file=sys.stderr)
        return 2
    text = long_text(args.mb)
    cut = pieces(text)
    analyze(cut[0], lang="id")  # load the models outside the timing
    best_pieces = best_whole = float("inf")
    for _ in range(args.rounds):
        best_pieces = min(best_pieces, timed(lambda: [analyze(p, lang="id") for p in cut]))
        best_whole = min(best_whole, timed(lambda: analyze(text, lang="id")))
    chars = sum(len(p) for p in cut)
    print(f"{len(text):,} characters: as one document {best_whole:.1f} s; as {len(cut):,} pieces of about "
          f"{PIECE // 1000} KB {best_pieces:.1f} s; per character the document costs "
          f"{(best_whole / len(text)) / (best_pieces / chars):.2f}x the pieces")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
