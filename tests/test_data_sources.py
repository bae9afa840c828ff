"""No shipped data file may be derived from an evaluation test split, nor from the rows that
../shared/eval/reserved.json holds out (docs/data-sources.md). These tests hold the build tools
under tools/ to that: the files each one says it reads, the files it really opens, and the file
names written in its source."""

from __future__ import annotations

import ast
import builtins
import gzip
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"
SHARED = REPO.parent / "shared"
TEST_WORD = re.compile(r"(?i)(?<![a-z])test(?![a-z])")


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(f"_jejak_tool_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus_tools() -> list[str]:
    """Build tools that read ../shared: each must list its inputs through corpus_files()."""
    return sorted(p.stem for p in TOOLS.glob("build_*.py") if '"shared"' in p.read_text(encoding="utf-8"))


def _says_test(path: Path) -> bool:
    return any(TEST_WORD.search(part) for part in path.parts[-2:])


def test_the_corpus_tools_are_found():
    assert {"build_given_names", "build_common_words"} <= set(_corpus_tools())


@pytest.mark.parametrize("name", _corpus_tools())
def test_build_tool_lists_no_test_split_and_no_eval_file(name):
    tool = _tool(name)
    assert hasattr(tool, "corpus_files") and hasattr(tool, "input_files"), f"{name} must list its inputs"
    files = tool.input_files()
    assert set(tool.corpus_files()) <= set(files)
    for path in files:
        assert not _says_test(path), f"{name} reads {path}, a test split"
        inside_eval = SHARED / "eval" in path.parents
        assert not inside_eval or path.name == "reserved.json", f"{name} reads {path} from the evaluation sets"


def test_given_names_reads_train_and_dev_only():
    tool = _tool("build_given_names")
    assert [p.name for p in tool.corpus_files()] == ["train.txt", "dev.txt"]


@pytest.mark.parametrize("name", _corpus_tools())
def test_build_tool_refuses_a_test_split(name, monkeypatch):
    tool = _tool(name)
    with pytest.raises(ValueError, match="test split"):
        tool.refuse_test_split(Path("data") / "test.txt")
    if hasattr(tool, "SPLITS"):
        monkeypatch.setattr(tool, "SPLITS", (*tool.SPLITS, "test"))
        with pytest.raises(ValueError, match="test split"):
            tool.corpus_files()


def _string_paths(tree: ast.AST) -> list[str]:
    """String constants that stand where a file name or a split name goes: in a tuple, list or set,
    an f-string or a path joined with `/`. Sentences (with a space) are messages, not paths."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.JoinedStr)):
            parts = node.elts if not isinstance(node, ast.JoinedStr) else node.values
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts = [node.left, node.right]
        else:
            continue
        found += [p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
    return [s for s in found if " " not in s]


@pytest.mark.parametrize("path", sorted(TOOLS.glob("*.py")), ids=lambda p: p.name)
def test_no_tool_names_a_test_split_file(path):
    names = [s for s in _string_paths(ast.parse(path.read_text(encoding="utf-8"))) if TEST_WORD.search(s)]
    assert not names, f"{path.name} names a test split: {names}"


def test_string_path_check_catches_the_old_split_loop():
    old = 'for part in ("train", "dev", "test"):\n    (IDNER / f"{part}.txt").read_text()\n'
    assert [s for s in _string_paths(ast.parse(old)) if TEST_WORD.search(s)] == ["test"]
    assert [s for s in _string_paths(ast.parse('X = SHARED / "pfsa-id-test_test-data.txt.gz"'))
            if TEST_WORD.search(s)]


@pytest.fixture
def opened(monkeypatch):
    """Every path opened through open(), Path.open or gzip.open while the fixture is active."""
    seen: list[Path] = []
    real = builtins.open

    def recording_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            seen.append(Path(file).resolve())
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    return seen


def _needs_shared(*paths: Path) -> None:
    if not all(p.exists() for p in paths):
        pytest.skip("../shared is not present")


def test_given_names_opens_only_its_listed_inputs(opened):
    tool = _tool("build_given_names")
    _needs_shared(*tool.corpus_files())
    tool.names()
    from_shared = {p for p in opened if SHARED.resolve() in p.parents}
    assert from_shared == {p.resolve() for p in tool.corpus_files()}
    assert not any(_says_test(p) for p in opened)


def test_common_words_opens_only_its_listed_inputs(opened):
    tool = _tool("build_common_words")
    _needs_shared(*tool.input_files())
    next(iter(tool.texts()))
    from_shared = {p for p in opened if SHARED.resolve() in p.parents}
    assert from_shared == {p.resolve() for p in tool.input_files()}
    assert not any(_says_test(p) for p in opened)


def test_common_words_skips_held_out_rows_before_parsing_them(tmp_path, monkeypatch):
    tool = _tool("build_common_words")
    corpus = tmp_path / "clickid_articles.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "kompas-1", "content": "Kata pertama."}) + "\n")
        fh.write('{"id": "kompas-2", "content": this row is held out and not even valid JSON\n')
        fh.write(json.dumps({"id": "kompas-3", "content": "Kata ketiga."}) + "\n")
    reserved = tmp_path / "reserved.json"
    reserved.write_text(json.dumps({"id_news_clickid": ["kompas-2"]}), encoding="utf-8")
    monkeypatch.setattr(tool, "CLICKID", corpus)
    monkeypatch.setattr(tool, "RESERVED", reserved)
    assert list(tool.texts()) == ["Kata pertama.", "Kata ketiga."]
    reserved.unlink()
    with pytest.raises(FileNotFoundError, match="held out"):
        list(tool.texts())


def test_shipped_given_names_are_what_train_and_dev_give():
    tool = _tool("build_given_names")
    _needs_shared(*tool.corpus_files())
    assert tool.OUT.read_text(encoding="utf-8") == tool.render(), "run tools/build_given_names.py"


def test_document_frequency_leaves_out_held_out_rows_and_story_test_blocks(tmp_path, monkeypatch):
    tool = _tool("build_document_frequency")
    corpus = tmp_path / "clickid_articles.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for rid, title, text in (("kompas-1", "Waduk Tapin", "Bendungan diresmikan gubernur."),
                                 ("kompas-2", "", "Bendungan jebol."), ("kompas-3", "", "Gubernur meninjau bendungan."),
                                 ("kompas-4", "Kosong", "")):
            fh.write(json.dumps({"id": rid, "title": title, "content": text}) + "\n")
    blocks = tmp_path / "groups.jsonl"
    blocks.write_text("".join(json.dumps({"block": n, "split": split, "articles": [rid], "groups": [[rid]],
                                          "disputed": []}) + "\n"
                              for n, split, rid in ((1, "dev", "kompas-1"), (2, "test", "kompas-3"))), encoding="utf-8")
    monkeypatch.setattr(tool, "CLICKID", corpus)
    monkeypatch.setattr(tool, "STORY_BLOCKS", blocks)
    monkeypatch.setattr(tool, "reserved_ids", lambda: frozenset({"kompas-2"}))
    articles, counts = tool.counts()
    assert articles == 1  # kompas-1 only: a dev block's article counts, a test block's does not
    assert counts == {"waduk": 1, "tapin": 1, "bendungan": 1, "diresmikan": 1, "gubernur": 1}


def test_shipped_document_frequency_is_current():
    tool = _tool("build_document_frequency")
    _needs_shared(*tool.corpus_files())
    assert tool.OUT.read_text(encoding="utf-8") == tool.render(), "run tools/build_document_frequency.py"
