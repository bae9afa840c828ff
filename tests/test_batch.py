"""The batch runner: partitions, shards, exactly-once loading, a real Dask LocalCluster, and a
run killed with SIGKILL and started again. The articles are generated from our own templates."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jejak.batch.partitions import count_lines, plan
from jejak.batch.runner import run
from jejak.store import Store

REPO = Path(__file__).resolve().parents[1]
CITIES = ["Medan", "Padang", "Pekanbaru", "Jambi", "Palembang", "Bengkulu", "Lampung", "Serang", "Bandung",
          "Semarang", "Yogyakarta", "Surabaya", "Denpasar", "Mataram", "Kupang", "Pontianak"]
OFFICIALS = ["Budi Santoso", "Siti Rahmawati", "Agus Wijaya", "Dewi Lestari", "Rudi Hartono", "Maya Sari"]


def article(i: int) -> dict:
    """One short news article of our own, different in its figures, place and speaker."""
    city, who = CITIES[i % len(CITIES)], OFFICIALS[i % len(OFFICIALS)]
    houses, people = 100 + 7 * i, 350 + 13 * i
    text = (f"{city.upper()}, KABARDAERAH - Banjir merendam {houses} rumah warga di {city} sejak Minggu malam. "
            f"Sebanyak {people} jiwa mengungsi ke masjid dan sekolah terdekat.\n"
            f"Kepala BPBD {city} {who} mengatakan petugas telah menyiapkan dapur umum dan perahu karet. "
            f"\"Kami terus memantau ketinggian air selama 24 jam,\" kata {who.split()[0]} di {city}, "
            f"Senin (3/3/2025).\nHujan deras diperkirakan masih turun hingga tiga hari ke depan, "
            f"menurut perkiraan cuaca terbaru nomor {i}.")
    return {"id": f"banjir-{i}", "url": f"https://kabardaerah.example/{city.lower()}/{i}", "title":
            f"Banjir Rendam {houses} Rumah di {city}", "published": "2025-03-03", "text": text}


def write_jsonl(path: Path, first: int, count: int) -> Path:
    path.write_text("".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(first, first + count)),
                    encoding="utf-8")
    return path


def counts(db: Path) -> tuple[int, int, int]:
    with Store.open(db, read_only=True) as store:
        return store.con.execute(
            "SELECT count(*), count(DISTINCT article_id), (SELECT count(*) FROM batch_partitions) FROM articles"
        ).fetchone()


def test_partitions_are_stable_and_cover_every_line(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 23)
    parts, problems = plan([str(data), str(tmp_path / "missing")], partition_size=10)
    assert [(p.start, p.stop) for p in parts] == [(0, 10), (10, 20), (20, 23)] and count_lines(data) == 23
    assert problems and "no such file" in problems[0]
    assert [p.id for p in plan([str(data)], partition_size=10)[0]] == [p.id for p in parts]


def test_local_engine_stores_every_article_once_and_resumes_as_a_no_op(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    write_jsonl(data / "a.jsonl", 0, 30)
    (data / "bad.jsonl").write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    stats = run([str(data)], str(db), engine="local", workers=2, partition_size=8)
    assert stats.stored == 30 and len(stats.failed) == 2 and stats.loaded == stats.partitions == 5
    assert counts(db) == (30, 30, 5)
    again = run([str(data)], str(db), engine="local", workers=2, partition_size=8)
    assert again.stored == 0 and again.already_loaded == 5 and again.analysed == 0
    write_jsonl(data / "b.jsonl", 25, 10)  # five articles already stored, five new
    more = run([str(data)], str(db), engine="local", workers=1, partition_size=8)
    assert more.stored == 5 and more.duplicates == 5 and counts(db)[:2] == (35, 35)
    with Store.open(db, read_only=True) as store:  # every table filled, as `jejak ingest` fills it
        assert store.count("quotes") >= 35 and store.count("lsh_buckets") == 35 * 64


def write_warc(path: Path, first: int, count: int) -> Path:
    """A gzipped WARC of our articles as HTML responses, with a request record and a 404 between."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(first, first + count):
            a = article(i)
            body = "".join(f"<p>{p}</p>" for p in a["text"].split("\n"))
            page = (f"<html><head><meta charset='utf-8'><title>{a['title']}</title></head><body><nav>Beranda</nav>"
                    f"<article><h1>{a['title']}</h1>{body}</article><footer>Hak cipta</footer></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(a["url"], "response", payload=io.BytesIO(page.encode()),
                                                          http_headers=headers))
            if i % 5 == 0:
                missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(a["url"] + "/hilang", "response",
                                                              payload=io.BytesIO(b"<html>404</html>"),
                                                              http_headers=missing))
    assert warcio
    return path


def test_dask_local_cluster_with_two_workers_over_warc_files(tmp_path):
    pytest.importorskip("distributed")
    data = tmp_path / "crawl"
    data.mkdir()
    for n in range(3):
        write_warc(data / f"crawl-{n}.warc.gz", 10 * n, 10)
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run([str(data)], str(local), engine="local", workers=1)
    stats = run([str(data)], str(dask), engine="dask", workers=2)
    assert stats.stored == 30 and len(stats.skipped) == 6 and not stats.failed  # the 404s are skipped, with reasons
    assert counts(dask) == counts(local) == (30, 30, 3)
    with Store.open(local, read_only=True) as a, Store.open(dask, read_only=True) as b:
        ids = "SELECT article_id, url FROM articles ORDER BY 1"
        assert a.con.execute(ids).fetchall() == b.con.execute(ids).fetchall()
        assert b.con.execute("SELECT count(*) FROM quotes").fetchone()[0] >= 30


def test_a_run_killed_with_sigkill_finishes_on_the_next_run(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 160)
    db, shards = tmp_path / "k.duckdb", tmp_path / "shards"
    cmd = [sys.executable, "-m", "jejak.cli", "ingest", str(data), "--db", str(db), "--engine", "local",
           "--workers", "2", "--partition-size", "4", "--shards", str(shards), "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(shards.glob("*/done.json"))) < 6:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-way
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    finished = len(list(shards.glob("*/done.json")))
    assert 0 < finished < 40, "the run must be killed part-way for this test to mean anything"
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert counts(db) == (160, 160, 40)
