"""The installed package is whole: every reader's backend imports and works, and the versions
installed are the ones constraints.txt promises (what the suite passed with)."""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jejak.ingest.html import extract_html

REPO = Path(__file__).resolve().parents[1]

# Each input kind and the module that reads it; a missing one silently turns a whole kind of
# input into skips (lxml.html.clean once did that to every HTML page).
BACKENDS = {
    "html main text": ["trafilatura", "lxml.html.clean", "htmldate", "justext"],
    "store": ["duckdb"],
    "publishers (registrable domains)": ["tld"],
    "knowledge-base matching": ["ahocorasick"],
    "warc archives": ["fastwarc.warc"],
    "feeds and sitemaps": ["feedparser"],
    "fetching": ["httpx"],
    "batch shards": ["pyarrow.parquet", "dask.distributed"],
    "serving": ["fastapi", "uvicorn", "jinja2", "python_multipart"],
}

PAGE = """<!doctype html><html lang="id"><head><title>Banjir rendam Kampung Pulo</title>
<meta property="article:published_time" content="2025-10-13T13:45:00+07:00"></head><body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a></nav>
<article><h1>Banjir rendam Kampung Pulo</h1>
<p>Jakarta - Banjir setinggi satu meter merendam ratusan rumah di Kampung Pulo, Jakarta Timur, pada
Senin (13/10/2025) pagi setelah hujan deras mengguyur sejak malam.</p>
<p>"Air mulai naik sekitar pukul 03.00 WIB dan warga langsung mengungsi ke masjid," kata Lurah
Kampung Melayu, Setiawan, kepada wartawan.</p>
<p>Badan Penanggulangan Bencana Daerah DKI Jakarta mencatat 312 warga mengungsi ke empat titik.</p>
</article><footer>Hak cipta 2025</footer></body></html>"""


@pytest.mark.parametrize("kind", sorted(BACKENDS))
def test_every_backend_of_a_reader_imports(kind: str) -> None:
    for module in BACKENDS[kind]:
        importlib.import_module(module)


def test_an_html_page_yields_its_main_text() -> None:
    extract = extract_html(PAGE)
    assert extract.text is not None, extract.reason
    assert "Kampung Pulo" in extract.text and "Beranda" not in extract.text


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_installed_versions_are_the_pinned_ones() -> None:
    if not (REPO / "constraints.txt").exists():
        pytest.skip("no constraints.txt beside this checkout")
    pins = _pins()
    drift = []
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if name in pins and dist.version != pins[name]:
            drift.append(f"{name} {dist.version} (pinned {pins[name]})")
    assert not drift, ("installed versions differ from constraints.txt; run bash scripts/setup-venv.sh test "
                       "or bash scripts/lock.sh: " + ", ".join(sorted(drift)))
    for needed in ("trafilatura", "lxml-html-clean", "duckdb", "pycountry", "babel"):
        assert needed in pins, f"{needed} is not pinned"


def test_the_installed_command_analyses_an_html_page(tmp_path: Path) -> None:
    command = shutil.which("jejak", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("the jejak command is not installed beside this Python")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = subprocess.run([command, "analyze", str(page)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.splitlines()[0])
    assert record["quotes"] and "Setiawan" in record["quotes"][0]["speaker"]["name"]


# Run in a fresh interpreter: only the distributions that `pip install jejak` (no extras) brings
# may be imported while the command line analyses and stores a page. A module that the test
# extras happen to install (click once came with them, not with typer) must not be needed. The
# guard is a sitecustomize, so the processes the command starts (ingest's store writer) have it too.
_GUARD = r'''
import importlib.metadata as md, re, sys
from packaging.requirements import Requirement

def name(n): return re.sub(r"[-_.]+", "-", n).lower()
allowed, todo = set(), [Requirement(r) for r in md.requires("jejak") if "extra ==" not in r]
while todo:
    req = todo.pop()
    if name(req.name) in allowed or (req.marker and not req.marker.evaluate({"extra": ""})):
        continue
    allowed.add(name(req.name))
    todo += [Requirement(r) for r in (md.requires(req.name) or [])]
owners = md.packages_distributions()

class BaseOnly:
    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        dists = {name(d) for d in owners.get(top, ())}
        if dists and not dists & (allowed | {"jejak"}):
            raise ImportError(f"{fullname} comes from {sorted(dists)}, which a plain install does not bring")
        return None

sys.meta_path.insert(0, BaseOnly())
'''
_BASE_ONLY = "import sys; sys.argv = ['jejak'] + sys.argv[1:]; from jejak.cli import main; main()"


@pytest.mark.parametrize("command", [["--help"], ["analyze", "PAGE"], ["ingest", "PAGE", "--db", "DB", "-q"],
                                     ["quotes", "--db", "DB"], ["summary", "--db", "DB"]])
def test_the_command_line_needs_only_what_a_plain_install_brings(tmp_path: Path, command: list[str]) -> None:
    pytest.importorskip("packaging")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_GUARD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(guard)}
    if command[0] in ("quotes", "summary"):
        subprocess.run([sys.executable, "-c", _BASE_ONLY, "ingest", str(page), "--db", str(db), "-q"],
                       capture_output=True, text=True, timeout=300, check=True, env=env)
    args = [str(page) if a == "PAGE" else str(db) if a == "DB" else a for a in command]
    done = subprocess.run([sys.executable, "-c", _BASE_ONLY, *args], capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr[-2000:]
