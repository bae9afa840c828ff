"""Build `lang/id/document_frequency.tsv`: in how many news articles each content word appears,
so the same-event judge can weigh a rare word (`kilang`, `Nganjuk`) above a common one (`kata`).

Counts come from CLICK-ID (CC BY 4.0, William & Sari 2020), read from ../shared at build time;
only derived counts of words used by three articles or more ship, no text. Left out before their
text is parsed: the rows ../shared/eval/reserved.json holds out, and the articles of our story test
blocks (`eval/stories/groups.jsonl`), on which the judge these counts serve is scored.

    python tools/build_document_frequency.py            # writes the file
    python tools/build_document_frequency.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from build_common_words import RESERVED, records, refuse_test_split, reserved_ids  # noqa: E402
from generated import build_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from jejak.eval.stories import read_blocks  # noqa: E402
from jejak.provenance.same_event import content_words  # noqa: E402

OUT = ROOT / "src" / "jejak" / "lang" / "id" / "document_frequency.tsv"
SHARED = ROOT.parent / "shared"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
STORY_BLOCKS = ROOT / "eval" / "stories" / "groups.jsonl"
MIN_ARTICLES = 3


def corpus_files() -> list[Path]:
    """The files under ../shared/data this tool reads."""
    return [refuse_test_split(CLICKID)]


def input_files() -> list[Path]:
    """Every file this tool reads: the corpus, the held-out row ids and our story blocks (ids only)."""
    return [*corpus_files(), RESERVED, STORY_BLOCKS]


def story_test_ids() -> frozenset[str]:
    """Articles of the story blocks the judge is scored on: never counted."""
    return frozenset(a for b in read_blocks(STORY_BLOCKS) if b.get("split") == "test" for a in b["articles"])


def counts() -> tuple[int, Counter[str]]:
    articles, df = 0, Counter()
    for rec in records(corpus_files()[0], reserved_ids() | story_test_ids()):
        if rec.get("content"):
            articles += 1
            df.update(set(content_words(f"{rec.get('title') or ''} {rec['content']}")))
    return articles, df


def render() -> str:
    articles, df = counts()
    lines = [
        "# In how many CLICK-ID articles (CC BY 4.0, William & Sari 2020) each content word appears,",
        f"# for words in {MIN_ARTICLES} articles or more; the row `*` counts the articles read. Held-out rows",
        "# (../shared/eval/reserved.json) and our story test blocks left out.",
        "# Rebuilt by tools/build_document_frequency.py.",
        "word\tarticles",
        f"*\t{articles}",
        *(f"{w}\t{n}" for w, n in sorted(df.items()) if n >= MIN_ARTICLES),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "tools/build_document_frequency.py", argv)


if __name__ == "__main__":
    raise SystemExit(main())
