"""Generate `src/jejak/data/word_frequencies.tsv`: how common each of the 10,000 most frequent
words is in Indonesian, English and six other languages of Latin script, for telling the
language of a headline or a single sentence (`jejak.nlp.langid`), where function words are too
few to count.

The frequencies are wordfreq's (Robyn Speer et al., data under CC BY-SA 4.0: Wikipedia,
subtitles, news, books, web text and social media), on the Zipf scale (log10 of occurrences
per billion words), rounded to a tenth. Only words of letters are kept. The output is
committed, so the product never needs wordfreq at run time.

    python tools/build_word_frequencies.py            # writes the file
    python tools/build_word_frequencies.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

import wordfreq  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "jejak" / "data" / "word_frequencies.tsv"
# jejak's two languages first; the others stand for "neither" (the Latin-script languages whose
# headlines news feeds mix in most often). Malay is left out: it reads as Indonesian to us.
LANGUAGES = ("id", "en", "es", "fr", "de", "it", "pt", "nl")
TOP = 10_000


def render() -> str:
    lines = [
        "# The 10,000 most frequent words of each language with their Zipf frequency (log10 per",
        "# billion words), from wordfreq " + version("wordfreq") + " (data CC BY-SA 4.0, Robyn Speer et al.);",
        "# written by tools/build_word_frequencies.py. jejak.nlp.langid reads it for short texts.",
        "lang\tword\tzipf",
    ]
    for lang in LANGUAGES:
        seen: set[str] = set()
        for word in wordfreq.top_n_list(lang, TOP):
            if word.isalpha() and word not in seen:
                seen.add(word)
                lines.append(f"{lang}\t{word}\t{wordfreq.zipf_frequency(word, lang):.1f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "tools/build_word_frequencies.py", argv)


if __name__ == "__main__":
    raise SystemExit(main())
