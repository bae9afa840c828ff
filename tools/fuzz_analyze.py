"""Throw generated hostile text at the analysis and report what broke.

    python tools/fuzz_analyze.py [--n 20000] [--seed 1] [--max-len 400] [--budget 10]

Each input is built from pieces that have broken parsers before: quote marks of every kind
and in runs, speech cues, names, dates and amounts in both notations, control characters,
lone surrogates, zero-width and compatibility characters, HTML fragments and very long tokens.
Every input must come back as an article (or a `NotAnalysable` with a reason) within the time
budget, and every annotation's offsets must slice the clean text to its stated text. The tool
prints each failure (exception, timeout or offset violation) with a short repro, a summary at
the end, and exits 1 when anything failed. It reads no data set and writes nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

import jejak
from jejak.budget import ArticleTimeout, article_budget
from jejak.eval.offsets import offset_problem
from jejak.pipeline import NotAnalysable, warm_up

PIECES = [
    "Jakarta - ", "JAKARTA, KOMPAS.com - ", "“", "”", '"', "'", "«", "»", "„", "‘", "’", " kata ", " ujarnya", ", ujar ",
    " menurut ", "Menteri Keuangan Sri Mulyani Indrawati", "Presiden Joko Widodo", "Kapolri", " KPK ", "Polri menangkap ",
    "penyerangan ", "diserang", "menandatangani kesepakatan dengan ", "Rp 1,549 triliun", "US$97,7 miliar", "12,5 persen",
    "Rp1.000.000", "Senin (13/10/2025)", "Rabu (12/4/2024)", "kemarin", "pukul 10.30 WIB", "2025-10-13", "13 Oktober 2025",
    "\n", "\n\n", " ", ". ", ", ", "; ", ": ", "(", ")", "[", "]", "\t", "\r", "\x00", "\x1b[31m", "\u00a0", "\u200b", "\u202e",
    "\ud800", "\udfff", "ﬁ", "İ", "ß", "é", "💥", "Baca juga: ", "(fab/fab)", "(luar biasa / luar biasa)", "<p>", "</p>",
    "<script>alert(1)</script>", "&amp;", "&#0;", "http://[::1", "javascript:alert(1)", "=HYPERLINK(\"x\")",
    "a" * 300, "9" * 80, "-" * 50, "“" * 40, "penyerangan " * 20,
]


def check(text: str, budget: float) -> str | None:
    """None when the text is analysed cleanly; otherwise what went wrong."""
    try:
        with article_budget(budget):
            article = jejak.analyze(text, lang="id", published="2025-10-13")
    except NotAnalysable:
        return None
    except ArticleTimeout:
        return f"past the {budget:g} s budget"
    except Exception:  # noqa: BLE001 - reporting is the point
        return traceback.format_exc(limit=4).strip().splitlines()[-1]
    return offset_problem(article.to_dict(), article.source_text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-len", type=int, default=400, help="most pieces in one input")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds one input may take")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    warm_up()
    failures = 0
    started = time.monotonic()
    for i in range(args.n):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, args.max_len)))
        problem = check(text, args.budget)
        if problem is not None:
            failures += 1
            print(f"input {i} (seed {args.seed}, {len(text)} characters): {problem}\n  {text[:300]!r}", flush=True)
    elapsed = time.monotonic() - started
    print(f"{args.n} inputs in {elapsed:.0f} s: {failures} failed", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
