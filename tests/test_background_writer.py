"""`jejak ingest` stores in a writer process beside the analysis: the same rows as storing in
turn, a store it cannot open refused before anything is read, and what was analysed stored even
when the reading stops."""

from __future__ import annotations

import duckdb
import pytest

from jejak.pipeline import analyze
from jejak.store import Store, StoreError, queries
from jejak.batch.background import BackgroundWriter

TEXTS = [
    f"Bupati Contoh Budi Hartono meresmikan pasar baru di Kecamatan Sukamaju, Senin (3/11/2025). "
    f"\u201cPasar ini untuk {n} pedagang,\u201d kata Budi." for n in range(1, 8)
]


def _articles():
    return [analyze(t, published="2025-11-03", lang="id", id=f"pasar-{i}") for i, t in enumerate(TEXTS)]


def _rows(db) -> list[tuple]:
    with Store.open(db, read_only=True) as s:
        return sorted((r["article_id"], r["quote"], r["speaker"]) for r in queries.quotes(s, limit=None))


def test_the_writer_process_stores_what_storing_in_turn_does(tmp_path):
    beside, in_turn = tmp_path / "beside.duckdb", tmp_path / "turn.duckdb"
    stats = BackgroundWriter(str(beside), batch_size=3).write(iter(_articles() + _articles()[:2]))
    assert (stats.stored, stats.duplicates, stats.failed) == (7, 2, [])
    with Store.open(in_turn) as s:
        s.add_many(_articles())
    assert _rows(beside) == _rows(in_turn) and len(_rows(beside)) == 7


def test_a_store_that_cannot_be_opened_is_refused_before_anything_is_read(tmp_path):
    foreign = tmp_path / "lain.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE penjualan (x INTEGER)")
    con.close()
    writer = BackgroundWriter(str(foreign))
    with pytest.raises(StoreError, match="not a jejak store"):
        writer.wait_ready()


def test_what_was_analysed_is_stored_when_the_reading_stops(tmp_path):
    db = tmp_path / "putus.duckdb"

    def reading():
        yield from _articles()[:4]
        raise KeyboardInterrupt  # the user pressed Ctrl-C while the fifth article was analysed

    with pytest.raises(KeyboardInterrupt):
        BackgroundWriter(str(db), batch_size=100).write(reading())
    assert len(_rows(db)) == 4


def test_a_writer_that_dies_is_reported_not_waited_for(tmp_path):
    writer = BackgroundWriter(str(tmp_path / "mati.duckdb"))
    writer.wait_ready()
    writer.stop()
    with pytest.raises(StoreError, match="stopped"):
        writer.write(iter(_articles()))


_DEATH = r'''
import os, signal, sys, time
from jejak.batch.background import BackgroundWriter
from jejak.pipeline import analyze
from jejak.store import StoreError

if __name__ == "__main__":
    article = analyze(sys.argv[2], published="2025-11-03", lang="id", id="satu")
    writer = BackgroundWriter(sys.argv[1])
    writer.wait_ready()

    def many():
        for n in range(6000):
            if n == 10:
                os.kill(writer._process.pid, signal.SIGKILL)  # as the kernel kills a process out of memory
            yield article

    try:
        writer.write(many())
    except StoreError as e:
        print("refused:", e)
    print("exiting")
'''


def test_a_writer_killed_mid_run_ends_the_run_with_its_reason_and_lets_it_exit(tmp_path):
    """With thousands of records queued for a dead writer, the run must neither wait for it
    forever nor hang at exit on the queue's buffered records."""
    import subprocess
    import sys

    script = tmp_path / "death.py"
    script.write_text(_DEATH, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "mati.duckdb"), TEXTS[0]],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused:" in done.stdout and "signal 9" in done.stdout and done.stdout.rstrip().endswith("exiting")
