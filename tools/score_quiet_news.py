"""How quiet the event coder stays on news that reports no political acts.

Reads CLICK-ID articles (CC BY 4.0) from sport, lifestyle, celebrity, gadget, motoring and travel
sections, from the half of the rows the news-kind classifier never learnt from
(`jejak.eval.quiet`), and counts the events jejak codes in them. Our issue's bar: at most one
event per 20 such articles.

    python tools/score_quiet_news.py [--n 400] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.quiet import quiet_articles  # noqa: E402
from jejak.pipeline import analyze  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="articles to read (default 400)")
    parser.add_argument("--show", action="store_true", help="print every event found, with its words")
    args = parser.parse_args(argv)
    rows = quiet_articles(1, args.n)
    if not rows:
        print("no CLICK-ID corpus beside the checkout (../shared/data/id_news_clickid)", file=sys.stderr)
        return 1
    n_events = 0
    by_type: Counter = Counter()
    for row in rows:
        article = analyze(row["content"], published=row.get("date"))
        n_events += len(article.events)
        for e in article.events:
            by_type[e.type] += 1
            if args.show:
                print(f"{row['id']}\t{e.type}\t{e.confidence}\t{article.text[e.start:e.end][:100]!r}")
    print(f"{len(rows)} quiet articles, {n_events} events: {20 * n_events / len(rows):.2f} per 20 articles"
          + (" (" + ", ".join(f"{t} {k}" for t, k in by_type.most_common()) + ")" if by_type else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
