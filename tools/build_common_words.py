"""Build `lang/id/common_words.tsv`: Indonesian words that news writes in lower case far more often
than capitalised mid-sentence, so a capitalised occurrence is a title-case phrase, not a name.

Counts come from CLICK-ID (CC BY 4.0, William & Sari 2020), read from ../shared at build time;
only derived counts ship, no text. Run: python tools/build_common_words.py
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLICKID = ROOT.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
OUT = ROOT / "src" / "jejak" / "lang" / "id" / "common_words.tsv"
WORD = re.compile(r"(?<![\w.])([A-Za-z][a-z]+(?:-[a-z]+)?)(?![\w])")


def main() -> None:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    with gzip.open(CLICKID, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            for m in WORD.finditer(text):
                w = m.group(1)
                if w[0].isupper():
                    before = text[max(0, m.start() - 2):m.start()]
                    if not before.strip() or before.rstrip()[-1:] in ".!?\"“”,":
                        continue  # sentence-initial or after punctuation: case says nothing
                    upper[w.lower()] += 1
                else:
                    lower[w] += 1
    keep = sorted(w for w, n in lower.items() if n >= 8 and n >= 2.5 * upper.get(w, 0) and len(w) > 1)
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Words Indonesian news writes in lower case at least 2.5 times as often as capitalised\n")
        out.write("# mid-sentence (and at least 8 times). Derived counts from CLICK-ID (CC BY 4.0,\n")
        out.write("# William & Sari 2020); rebuilt by tools/build_common_words.py.\n")
        out.write("word\n")
        out.writelines(w + "\n" for w in keep)
    print(f"{len(keep)} words → {OUT}")


if __name__ == "__main__":
    main()
