"""Build `lang/id/given_names.tsv`: first words of person names, so an unknown capitalised span
without any cue can still be read as a person (`Caroline Riady`) rather than a title (`Rapat Paripurna`).

Sources: the first tokens of PER spans in idner-news-2k (MIT, Khairunnisa et al. 2020), read from
../shared at build time, plus `tools/given_names_extra.txt` (names we list ourselves).
Run: python tools/build_given_names.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IDNER = ROOT.parent / "shared" / "data" / "id_ner_idner2k"
EXTRA = ROOT / "tools" / "given_names_extra.txt"
COMMON = ROOT / "src" / "jejak" / "lang" / "id" / "common_words.tsv"
TITLES = {"Ustaz", "Ustadz", "Anak", "Haji", "Raden", "Habib", "Kiai", "Gus"}  # they come before names
OUT = ROOT / "src" / "jejak" / "lang" / "id" / "given_names.tsv"


def main() -> None:
    common = {w.strip() for w in COMMON.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}
    names: set[str] = set()
    for part in ("train", "dev", "test"):
        for line in (IDNER / f"{part}.txt").read_text(encoding="utf-8").splitlines():
            cells = line.split()
            if len(cells) < 3:
                continue
            tok, tag = cells[0], cells[-1]
            if tag == "B-PER" and tok[:1].isupper() and tok.isalpha() and len(tok) > 2 and tok.lower() not in common:
                names.add(tok)
    names |= {w.strip() for w in EXTRA.read_text(encoding="utf-8").split()
              if len(w.strip()) > 1 and w.strip().lower() not in common and w.strip() not in TITLES}
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# First words of person names. Derived from idner-news-2k PER spans (MIT, Khairunnisa et al.\n")
        out.write("# 2020) plus tools/given_names_extra.txt; rebuilt by tools/build_given_names.py.\n")
        out.write("name\n")
        out.writelines(n + "\n" for n in sorted(names))
    print(f"{len(names)} names → {OUT}")


if __name__ == "__main__":
    main()
