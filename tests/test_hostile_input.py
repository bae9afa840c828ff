"""Input written by an adversary: one poisoned record never takes good ones with it, on any
path; text built to be slow costs time linear in its length; every offset slices its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import jejak
from jejak.budget import article_budget
from jejak.cli import app
from jejak.eval.offsets import offset_problem
from jejak.extract import events as events_mod
from jejak.extract import quotes as quotes_mod
from jejak.pipeline import NotAnalysable
from jejak.store import Store

TOKEN = "uji-token-rahasia"


def _good(i: int) -> dict:
    return {"id": f"baik-{i}", "url": f"https://kabar.example/taman-{i}", "published": "2025-10-13",
            "text": f"Jakarta - Wali Kota Jakarta Timur meresmikan taman nomor {i} di Cakung pada Senin (13/10/2025). "
                    f"\"Taman ini untuk warga,\" kata Wali Kota Budi Santoso. Biaya pembangunan Rp {i + 1} miliar."}


def _poison_file(folder: Path) -> Path:
    """Good records around every kind of poison the attack campaign found, one per line."""
    lines = [json.dumps(_good(1))]
    lines.append('{"id": "dalam", "text": ' + "[" * 100_000 + "]" * 100_000 + "}")  # RecursionError
    lines.append('{"id": "angka", "text": "x", "n": ' + "9" * 5000 + "}")  # int over 4,300 digits
    lines.append('{"id": "sur\\ud800", "title": "judul \\udfff", "url": "https://kabar.example/\\ud801", '
                 '"text": "Jakarta - Polisi menangkap dua pelaku pencurian pada Senin (13/10/2025). '
                 '\\"Kami masih mendalami,\\" kata Kapolsek Budi Santoso."}')  # lone surrogates
    lines.append(json.dumps({**_good(2), "id": "ipv6", "url": "http://[::1"}))  # fails only when parsed later
    lines.append(json.dumps({**_good(3), "id": "tanggal", "published": "9" * 5000}))
    lines.append(json.dumps({**_good(4), "id": ["bukan", "teks"], "title": {"a": 1}}))
    lines.append(json.dumps(_good(5)))
    path = folder / "racun.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


STORED = {"baik-1", "sur\ufffd", "ipv6", "tanggal", "['bukan', 'teks']", "baik-5"}


def _ids(db: Path) -> set[str]:
    with Store.open(db, read_only=True) as store:
        return {r[0] for r in store.con.execute("SELECT input_id FROM articles").fetchall()}


def test_poisoned_lines_never_take_good_records_with_them_when_ingested_plainly(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    done = CliRunner().invoke(app, ["ingest", str(_poison_file(tmp_path)), "--db", str(db), "-q"])
    assert done.exit_code == 1, done.output
    assert "racun.jsonl:2" in done.output and "racun.jsonl:3" in done.output  # each named with its line
    assert _ids(db) == STORED


def test_poisoned_lines_never_stop_a_batch_partition(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from jejak.batch.runner import run

    db = tmp_path / "b.duckdb"
    stats = run([str(_poison_file(tmp_path))], str(db), engine="local", workers=1, partition_size=3)
    assert stats.stored == len(STORED) and len(stats.failed) == 2
    assert _ids(db) == STORED
    again = run([str(_poison_file(tmp_path))], str(db), engine="local", workers=1, partition_size=3)
    assert again.stored == 0 and _ids(db) == STORED  # every partition was recorded: nothing to redo


def test_poisoned_records_never_take_good_ones_with_them_through_the_api(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from jejak.api import create_app

    db = tmp_path / "a.duckdb"
    Store.open(db).close()
    records = [_good(1), {**_good(2), "id": "ipv6", "url": "http://[::1"},
               {**_good(3), "id": "sur\ud800", "title": "judul \udfff", "url": "https://kabar.example/\ud801"},
               {**_good(4), "published": "9" * 60}, _good(5)]
    body = json.dumps({"records": records, "link": False}).encode("utf-8")  # lone surrogates as JSON escapes
    with TestClient(create_app(str(db), allow_write=True, token=TOKEN)) as client:
        answer = client.post("/api/ingest", content=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                                    "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == 5
    assert _ids(db) == {"baik-1", "ipv6", "sur\ufffd", "baik-4", "baik-5"}


def test_metadata_fields_are_safe_text_whatever_a_caller_hands_in() -> None:
    article = jejak.analyze(_good(1)["text"], id="a\ud800", title="b\udfff", url="https://x.example/\ud801",
                            published="9" * 5000)
    record = json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # would raise on a surrogate
    assert b"\xef\xbf\xbd" in record and article.published_from != "metadata"


def _calls(module, name: str, run) -> int:
    """How often `module.name` is called while `run()` runs."""
    original = getattr(module, name)
    count = 0

    def counted(*args, **kwargs):
        nonlocal count
        count += 1
        return original(*args, **kwargs)

    setattr(module, name, counted)
    try:
        run()
    finally:
        setattr(module, name, original)
    return count


def test_unmatched_quote_marks_cost_time_linear_in_their_number() -> None:
    def work(n: int) -> int:
        return _calls(quotes_mod, "_is_para_start", lambda: quotes_mod._find_quote_pairs("Jakarta - " + "“" * n))

    small, large = work(1000), work(4000)
    assert large <= 4 * small + 10  # it was n times the marks in a 4,000-character window: 16 times


def test_a_sentence_of_thousands_of_act_nouns_costs_time_linear_in_its_length() -> None:
    from jejak.extract.event_lexicon import EventLexicon

    def work(n: int) -> int:
        text = "Jakarta - " + "penyerangan " * n
        return _calls(EventLexicon, "kinds", lambda: jejak.analyze(text, lang="id"))

    small, large = work(400), work(1600)
    assert large <= 5 * small  # every act noun used to scan the whole sentence: 16 times


_FLOOD = {  # ways of writing one tag of a hundred thousand attributes
    "with values": lambda n: " ".join(f'a{i}="x"' for i in range(n)),
    "bare names": lambda n: " ".join(f"a{i}" for i in range(n)),
    "a quoted > now and then": lambda n: " ".join(f"a{i}" if i % 200 else f't{i}=">"' for i in range(n)),
}


@pytest.mark.parametrize("form", sorted(_FLOOD))
def test_a_tag_of_a_hundred_thousand_attributes_is_defused_before_parsing(form: str) -> None:
    from jejak.ingest.html import _defuse

    body = "".join(f"<p>{_good(i)['text']}</p>" for i in range(4))
    page = f"<html><body><article><p {_FLOOD[form](100_000)}>Pembuka.</p>{body}</article></body></html>"
    defused = _defuse(page)
    assert len(defused) < 2_000 and "<p>Pembuka.</p>" in defused
    with article_budget(60):  # libxml2 needed minutes for such a tag; defused, a fraction of a second
        article = jejak.analyze(page, lang="id")
    assert "Cakung" in article.text


def test_defusing_leaves_an_ordinary_page_as_it_is() -> None:
    from jejak.ingest.html import _defuse

    page = (Path(__file__).resolve().parents[1] / "samples" / "page.html").read_text(encoding="utf-8")
    assert _defuse(page) == page
    long_but_fine = '<meta name="description" content="' + "kata " * 3000 + '">' + page
    assert _defuse(long_but_fine) == long_but_fine  # spaces inside a quoted value are no attributes


_PIECES = st.sampled_from([
    "Jakarta - ", "“", "”", '"', "«", "»", "„", " kata ", " ujar Budi Santoso", "Menteri Keuangan ", "Rp 1,5 triliun",
    " 12,5 persen", "Senin (13/10/2025)", " kemarin", "\n", "\n\n", " ", ", ", ". ", "KPK ", "Polri menangkap ",
    "penyerangan ", "dilansir dari Kompas.com", "(fab/fab)", "Baca juga: ", "\t", "\u00a0", "\ud800", "\x00",
    "\u200b", "ﬁ", "é", "İ", "ß", "US$97,7 miliar", "pukul 10.30 WIB", "Joko Widodo", "Sri Mulyani Indrawati",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=60))
def test_every_annotation_slices_the_clean_text_to_its_stated_text(pieces: list[str]) -> None:
    try:
        article = jejak.analyze("".join(pieces), lang="id", published="2025-10-13")
    except NotAnalysable:
        return
    assert offset_problem(article.to_dict(), article.source_text) is None


def test_an_api_record_with_odd_fields_is_read_as_a_file_line_would_be(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from jejak.api import create_app

    db = tmp_path / "o.duckdb"
    Store.open(db).close()
    records = [{**_good(1), "id": 7}, {**_good(2), "title": {"a": 1}, "published": 20251013},
               {**_good(3), "id": "x" * 5000}, {"id": "kosong"}, _good(5)]
    with TestClient(create_app(str(db), allow_write=True, token=TOKEN)) as client:
        answer = client.post("/api/ingest", json={"records": records, "link": False},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == 4
    assert [s["id"] for s in answer.json()["skipped"]] == ["kosong"]
    assert {"7", "baik-2", "baik-5"} <= _ids(db)
