"""Build `lang/id/common_words.tsv`: Indonesian words that news writes in lower case far more often
than capitalised mid-sentence, so a capitalised occurrence is a title-case phrase, not a name.

Counts come from CLICK-ID (CC BY 4.0, William & Sari 2020), read from ../shared at build time;
only derived counts ship, no text. CLICK-ID has no splits, but the rows that
../shared/eval/reserved.json holds out for independent evaluation are skipped by id before their
text is parsed, and `input_files()` refuses any file whose name says test.

    python tools/build_common_words.py            # writes the file
    python tools/build_common_words.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
RESERVED = SHARED / "eval" / "reserved.json"
OUT = ROOT / "src" / "jejak" / "lang" / "id" / "common_words.tsv"
WORD = re.compile(r"(?<![\w.])([A-Za-z][a-z]+(?:-[a-z]+)?)(?![\w])")
ROW_ID = re.compile(r'\{\s*"id"\s*:\s*"([^"]*)"')


def refuse_test_split(path: Path) -> Path:
    """`path` itself, or a ValueError when its name says it is a test split."""
    if "test" in path.name.lower():
        raise ValueError(f"refusing to read {path}: shipped data must not come from a test split")
    return path


def corpus_files() -> list[Path]:
    """The files under ../shared/data this tool reads."""
    return [refuse_test_split(CLICKID)]


def input_files() -> list[Path]:
    """Every file this tool reads: the corpus and the list of held-out row ids (ids only)."""
    return [*corpus_files(), RESERVED]


def reserved_ids() -> frozenset[str]:
    """CLICK-ID ids held out for independent evaluation; without the list nothing is built."""
    if not RESERVED.is_file():
        raise FileNotFoundError(f"{RESERVED} is missing: cannot tell which rows are held out")
    return frozenset(json.loads(RESERVED.read_text(encoding="utf-8")).get("id_news_clickid", []))


def records(path: Path, skip: frozenset[str]):
    """CLICK-ID records of `path`, those whose id is in `skip` left out before their text is parsed."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            head = ROW_ID.match(line)
            if head is None:
                raise ValueError(f"a CLICK-ID record does not start with its id: {line[:60]!r}")
            if head.group(1) not in skip:
                yield json.loads(line)


def texts():
    """Article bodies of CLICK-ID, the held-out rows left out before their text is parsed."""
    for rec in records(corpus_files()[0], reserved_ids()):
        yield rec.get("content") or ""


def words() -> list[str]:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts():
        for m in WORD.finditer(text):
            w = m.group(1)
            if w[0].isupper():
                before = text[max(0, m.start() - 2):m.start()]
                if not before.strip() or before.rstrip()[-1:] in ".!?\"“”,":
                    continue  # sentence-initial or after punctuation: case says nothing
                upper[w.lower()] += 1
            else:
                lower[w] += 1
    return sorted(w for w, n in lower.items() if n >= 8 and n >= 2.5 * upper.get(w, 0) and len(w) > 1)


def render() -> str:
    lines = [
        "# Words Indonesian news writes in lower case at least 2.5 times as often as capitalised",
        "# mid-sentence (and at least 8 times). Derived counts from CLICK-ID (CC BY 4.0,",
        "# William & Sari 2020), the rows held out in ../shared/eval/reserved.json left out;",
        "# rebuilt by tools/build_common_words.py.",
        "word",
        *words(),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "tools/build_common_words.py", argv)

if __name__ == "__main__":
    raise SystemExit(main())
