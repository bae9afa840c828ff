"""The rows ../shared/eval/reserved.json holds out are dropped by every loader of their corpora."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from jejak.eval import distortions, gold, provenance
from jejak.eval.reserved import reserved_ids

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DETIK = SHARED / "data" / "id_news_detik1000" / "data_berita.csv.gz"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"


@pytest.fixture(scope="module")
def held_out() -> dict[str, frozenset[str]]:
    if not (SHARED / "eval" / "reserved.json").is_file() or not DETIK.is_file() or not CLICKID.is_file():
        pytest.skip("../shared with the corpora and reserved.json is not present")
    found = {c: reserved_ids(c) for c in ("id_news_detik1000", "id_news_clickid")}
    assert all(found.values())
    return found


def test_the_evaluation_loaders_never_hold_a_reserved_row(held_out) -> None:
    assert not set(gold._detik_rows(str(DETIK))) & held_out["id_news_detik1000"]
    assert not set(distortions._detik(DETIK)) & held_out["id_news_detik1000"]
    loaded = provenance.load_clickid(CLICKID)
    assert loaded and not set(loaded) & held_out["id_news_clickid"]


def test_every_script_that_opens_a_shared_corpus_filters_reserved_rows() -> None:
    """A benchmark, tool or evaluator that names a corpus file must also call reserved_ids."""
    missing = []
    for path in [*REPO.glob("benchmarks/*.py"), *REPO.glob("tools/*.py"), *REPO.glob("src/jejak/eval/*.py")]:
        source = path.read_text(encoding="utf-8")
        names_corpus = "data_berita.csv.gz" in source or "clickid_articles.jsonl.gz" in source
        calls = any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == "reserved_ids"
                    for n in ast.walk(ast.parse(source)))
        if names_corpus and not calls:
            missing.append(str(path.relative_to(REPO)))
    assert not missing, f"these read a shared corpus without dropping its reserved rows: {missing}"


def test_our_own_labelled_sets_never_name_a_reserved_row(held_out) -> None:
    import json

    pairs = [json.loads(line) for line in (REPO / "tests/data/provenance_pairs_heldout.jsonl").open(encoding="utf-8")
             if line.strip()]
    assert not {p[k] for p in pairs for k in ("a", "b")} & held_out["id_news_clickid"]
    real = [json.loads(line) for path in (REPO / "eval" / "real-pairs").glob("*.jsonl")
            for line in path.open(encoding="utf-8") if line.strip()]
    assert real and not {p[k] for p in real for k in ("a", "b")} & held_out["id_news_clickid"]
    blocks = [json.loads(line) for line in (REPO / "eval" / "stories" / "groups.jsonl").open(encoding="utf-8")
              if line.strip()]
    assert blocks and not {a for b in blocks for a in b["articles"]} & held_out["id_news_clickid"]
    scripts = [json.loads(line) for line in (REPO / "tests/data/distortions_heldout.jsonl").open(encoding="utf-8")
               if line.strip()]
    assert not {str(s["base"]["row_id"]) for s in scripts} & held_out["id_news_detik1000"]
