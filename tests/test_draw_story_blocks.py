"""The tool that draws one-day blocks of CLICK-ID articles for our readers to group by event."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("_jejak_tool_draw_story_blocks", REPO / "tools" / "draw_story_blocks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BODY = "Warga Desa Sukamaju bergotong royong membersihkan saluran air setelah hujan deras semalam. " * 6


def _corpus(path: Path) -> None:
    rows = []
    titles = ("Harga Cabai Naik", "Timnas Kalah Tipis", "Kebakaran Pasar Senen", "Gempa Guncang Maluku",
              "Festival Kopi Toraja", "Tol Cipali Macet", "Banjir Rob Semarang", "Vaksin Tiba Bandung",
              "Sidang Korupsi Ditunda", "Konser Musik Batal", "Pesawat Mendarat Darurat", "Sekolah Diliburkan")
    for k, title in enumerate(titles):  # a day of unrelated reports from several outlets
        rows.append({"id": f"tempo-{k:03d}", "outlet": ("tempo", "kompas", "okezone")[k % 3], "date": "2019-09-12",
                     "title": title, "content": BODY})
    for k, outlet in enumerate(("kompas", "tempo", "sindonews")):  # one event told by three outlets
        rows.append({"id": f"{outlet}-90{k}", "outlet": outlet, "date": "2019-09-12",
                     "title": "Bendungan Tapin Diresmikan Gubernur Kalsel", "content": BODY})
    rows.append({"id": "kompas-999", "outlet": "kompas", "date": "2019-09-12", "title": "Terlalu Pendek", "content": "Singkat."})
    rows.append({"id": "wowkeren-1", "outlet": "wowkeren", "date": "2019-09-12", "title": "Gosip", "content": BODY})
    rows.append({"id": "tempo-500", "outlet": "tempo", "date": "2019-09-12", "title": "Dipakai", "content": BODY})
    rows.append({"id": "tempo-501", "outlet": "tempo", "date": "2019-09-12", "title": "Disimpan", "content": BODY})
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)


def test_a_block_holds_one_days_news_with_a_story_several_outlets_told(tmp_path, monkeypatch):
    tool = _tool()
    corpus = tmp_path / "clickid.jsonl.gz"
    _corpus(corpus)
    monkeypatch.setattr(tool, "CLICKID", corpus)
    monkeypatch.setattr(tool, "used_ids", lambda: {"tempo-500"})  # already in a labelled set
    monkeypatch.setattr(tool, "reserved_ids", lambda corpus: frozenset({"tempo-501"}))  # held out
    out = tmp_path / "blocks"
    assert tool.main([str(out), "--block", "30:2019-09-12:test", "--size", "8"]) == 0
    meta = [json.loads(line) for line in (out / "blocks.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(m["block"], m["day"], m["split"]) for m in meta] == [(30, "2019-09-12", "test")]
    ids = set(meta[0]["files"].values())
    assert len(ids) == 8
    assert {"kompas-900", "tempo-901", "sindonews-902"} <= ids  # the shared-title cluster is drawn whole
    assert not ids & {"tempo-500", "tempo-501", "kompas-999", "wowkeren-1"}  # used, reserved, short, other outlet
    page = (out / "block30" / "a01.txt").read_text(encoding="utf-8")
    assert page.startswith("a01\noutlet: ") and "title: " in page and BODY.strip()[:40] in page
    assert not any(rid in page for rid in ids)  # readers see file names, not corpus ids


def test_every_labelled_set_counts_as_used(tmp_path):
    tool = _tool()
    for folder in ("stories", "real-pairs", "background-pairs", "flag-judgments"):
        (tmp_path / "eval" / folder).mkdir(parents=True)
    (tmp_path / "eval" / "stories" / "groups.jsonl").write_text(
        json.dumps({"block": 1, "articles": ["kompas-1"], "groups": [["kompas-1"]], "disputed": []}) + "\n")
    (tmp_path / "eval" / "real-pairs" / "train.jsonl").write_text(json.dumps({"a": "tempo-2", "b": "okezone-3"}) + "\n")
    (tmp_path / "eval" / "background-pairs" / "pairs.jsonl").write_text(json.dumps({"a": "sindonews-4", "b": "kompas-5"}) + "\n")
    (tmp_path / "eval" / "flag-judgments" / "judged.jsonl").write_text(
        json.dumps({"item": "f001", "original": "okezone-6", "copy": "tempo-7", "kind": "entity-swap"}) + "\n")
    assert tool.used_ids(tmp_path) == {"kompas-1", "tempo-2", "okezone-3", "sindonews-4", "kompas-5", "okezone-6", "tempo-7"}
