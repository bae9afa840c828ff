"""Build `lang/id/given_names.tsv`: first words of person names, so an unknown capitalised span
without any cue can still be read as a person (`Caroline Riady`) rather than a title (`Rapat Paripurna`).

Sources: the first tokens of PER spans in the train and dev splits of idner-news-2k (MIT,
Khairunnisa et al. 2020), read from ../shared at build time, plus `tools/given_names_extra.txt`
(names we list ourselves). The test split is never read: no shipped file may be derived from an
evaluation test split, and `input_files()` refuses any file whose name says test.

    python tools/build_given_names.py            # writes the file
    python tools/build_given_names.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IDNER = ROOT.parent / "shared" / "data" / "id_ner_idner2k"
SPLITS = ("train", "dev")  # never "test"
EXTRA = ROOT / "tools" / "given_names_extra.txt"
COMMON = ROOT / "src" / "jejak" / "lang" / "id" / "common_words.tsv"
TITLES = {"Ustaz", "Ustadz", "Anak", "Haji", "Raden", "Habib", "Kiai", "Gus"}  # they come before names
OUT = ROOT / "src" / "jejak" / "lang" / "id" / "given_names.tsv"


def refuse_test_split(path: Path) -> Path:
    """`path` itself, or a ValueError when its name says it is a test split."""
    if "test" in path.name.lower():
        raise ValueError(f"refusing to read {path}: shipped data must not come from a test split")
    return path


def corpus_files() -> list[Path]:
    """The files under ../shared/data this tool reads."""
    return [refuse_test_split(IDNER / f"{split}.txt") for split in SPLITS]


def input_files() -> list[Path]:
    """Every file this tool reads: the corpus splits, our own extra list and the common words."""
    return [*corpus_files(), refuse_test_split(EXTRA), refuse_test_split(COMMON)]


def _read(path: Path) -> str:
    if path not in input_files():
        raise ValueError(f"{path} is not one of this tool's inputs")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    common = {w.strip() for w in _read(COMMON).splitlines() if w and not w.startswith("#")}
    found: set[str] = set()
    for path in corpus_files():
        for line in _read(path).splitlines():
            cells = line.split()
            if len(cells) < 3:
                continue
            tok, tag = cells[0], cells[-1]
            if tag == "B-PER" and tok[:1].isupper() and tok.isalpha() and len(tok) > 2 and tok.lower() not in common:
                found.add(tok)
    found |= {w.strip() for w in _read(EXTRA).split()
              if len(w.strip()) > 1 and w.strip().lower() not in common and w.strip() not in TITLES}
    return sorted(found)


def render() -> str:
    lines = [
        "# First words of person names. Derived from the train and dev splits of idner-news-2k (PER spans;",
        "# MIT, Khairunnisa et al. 2020; the test split is never read) plus tools/given_names_extra.txt;",
        "# rebuilt by tools/build_given_names.py.",
        "name",
        *names(),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "tools/build_given_names.py", argv)

if __name__ == "__main__":
    raise SystemExit(main())
