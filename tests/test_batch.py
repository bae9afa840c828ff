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
from jejak.batch import runner
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
           "--workers", "2", "--partition-size", "4", "--shards", str(shards), "--keep-shards", "-q"]
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


def test_one_local_worker_runs_in_this_process(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("one worker must not start a process pool")

    monkeypatch.setattr(runner, "ProcessPoolExecutor", no_pool)
    db = tmp_path / "one.duckdb"
    stats = run([str(write_jsonl(tmp_path / "a.jsonl", 0, 12))], str(db), engine="local", workers=1,
                partition_size=5)
    assert stats.stored == 12 and counts(db) == (12, 12, 3)


def test_loaded_shards_are_removed_unless_kept_and_leftovers_are_tidied(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 12)
    db, shards = tmp_path / "s.duckdb", tmp_path / "shards"
    run([str(data)], str(db), engine="local", workers=2, partition_size=5, shards=str(shards))
    assert counts(db) == (12, 12, 3) and list(shards.iterdir()) == []
    kept_db, kept = tmp_path / "k.duckdb", tmp_path / "kept"
    run([str(data)], str(kept_db), engine="local", workers=1, partition_size=5, shards=str(kept), keep_shards=True)
    assert len(list(kept.glob("*/done.json"))) == 3
    # What a run killed between committing a shard and deleting it, or mid-write, leaves behind:
    loaded = next(kept.iterdir())
    (shards / loaded.name).mkdir()
    (shards / (loaded.name + ".tmp-4242")).mkdir()
    again = run([str(data)], str(db), engine="local", workers=1, partition_size=5, shards=str(shards))
    assert again.already_loaded == 3 and again.analysed == 0 and list(shards.iterdir()) == []
    unloaded = run([str(data)], str(tmp_path / "n.duckdb"), engine="local", workers=1, partition_size=5,
                   shards=str(tmp_path / "only"), load=False)
    assert unloaded.stored == 0 and len(list((tmp_path / "only").glob("*/quotes.parquet"))) == 3


def test_extra_knowledge_base_reaches_every_worker(tmp_path):
    people = tmp_path / "mine.tsv"
    people.write_text("kb_id\ttype\tname\tcountry\tsector\taliases\tmetonyms\n"
                      "per:agus-wijaya-bpbd\tPER\tAgus Wijaya\tIDN\tgovernment\tAgus\t\n", encoding="utf-8")
    data = write_jsonl(tmp_path / "a.jsonl", 0, 12)
    for workers in (1, 2):
        db = tmp_path / f"kb-{workers}.duckdb"
        run([str(data)], str(db), engine="local", workers=workers, partition_size=5, kb_files=[str(people)])
        with Store.open(db, read_only=True) as store:
            speakers = store.con.execute(
                "SELECT DISTINCT speaker_kb_id FROM quotes WHERE speaker_name = 'Agus Wijaya'").fetchall()
        assert speakers == [("per:agus-wijaya-bpbd",)], workers


def test_ingest_command_takes_kb_files_with_an_engine_and_refuses_a_bad_one(tmp_path):
    from typer.testing import CliRunner

    from jejak.cli import app

    people = tmp_path / "mine.tsv"
    people.write_text("kb_id\ttype\tname\tcountry\tsector\taliases\tmetonyms\n"
                      "per:dewi-lestari-bpbd\tPER\tDewi Lestari\tIDN\tgovernment\tDewi\t\n", encoding="utf-8")
    data = write_jsonl(tmp_path / "a.jsonl", 0, 8)
    db = tmp_path / "cli.duckdb"
    cli = CliRunner()
    ok = cli.invoke(app, ["ingest", str(data), "--db", str(db), "--engine", "local", "--workers", "1",
                          "--kb", str(people), "-q"])
    assert ok.exit_code == 0, ok.output
    with Store.open(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM quotes WHERE speaker_kb_id = 'per:dewi-lestari-bpbd'"
                                 ).fetchone()[0] > 0
    bad = tmp_path / "bad.tsv"
    bad.write_text("kb_id\ttype\tname\nper:x\n", encoding="utf-8")
    refused = cli.invoke(app, ["ingest", str(data), "--db", str(tmp_path / "x.duckdb"), "--engine", "local",
                               "--kb", str(bad)])
    assert refused.exit_code == 2 and "bad.tsv" in refused.output
    assert not (tmp_path / "x.duckdb.shards").exists()


def test_an_article_past_its_time_budget_fails_alone_and_the_rest_are_stored(tmp_path, monkeypatch):
    from jejak import intake

    plain = intake.analyze_input

    def stuck_on_seven(item, lang, kb):
        if item.id == "banjir-7":
            while True:  # a pure-Python loop that never ends, as the events bug once did
                pass
        return plain(item, lang, kb)

    monkeypatch.setattr(intake, "analyze_input", stuck_on_seven)
    db = tmp_path / "t.duckdb"
    started = time.monotonic()
    stats = run([str(write_jsonl(tmp_path / "a.jsonl", 0, 10))], str(db), engine="local", workers=1,
                partition_size=5, article_seconds=0.5)
    assert time.monotonic() - started < 30
    assert stats.stored == 9 and len(stats.failed) == 1
    assert "a.jsonl:8" in stats.failed[0] and "stopped after 0.5 s" in stats.failed[0]
    assert counts(db) == (9, 9, 2)


def test_plain_ingest_stops_a_runaway_article_too(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import jejak.cli as cli
    from jejak import intake

    plain = intake.analyze_input

    def stuck(item, lang, kb):
        if item.id == "banjir-2":
            while True:
                pass
        return plain(item, lang, kb)

    monkeypatch.setattr(intake, "analyze_input", stuck)
    db = tmp_path / "p.duckdb"
    result = CliRunner().invoke(cli.app, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", 0, 4)), "--db", str(db),
                                          "--article-timeout", "0.5", "-q"])
    assert result.exit_code == 1 and "stopped after 0.5 s" in result.output
    assert counts(db)[:2] == (4 - 1, 4 - 1)


def test_unloaded_shards_are_queried_in_place_with_jejak_sql(tmp_path):
    from typer.testing import CliRunner

    from jejak.cli import app

    data = write_jsonl(tmp_path / "a.jsonl", 0, 9)
    db, shards = tmp_path / "q.duckdb", tmp_path / "shards"
    cli = CliRunner()
    made = cli.invoke(app, ["ingest", str(data), "--db", str(db), "--engine", "local", "--workers", "1",
                            "--partition-size", "4", "--shards", str(shards), "--no-load", "-q"])
    assert made.exit_code == 0, made.output
    asked = cli.invoke(app, ["sql", f"SELECT count(*) AS n, count(DISTINCT article_id) AS a FROM "
                                    f"read_parquet('{shards}/*/quotes.parquet')", "--db", str(db), "--format", "json",
                             "--shards", str(shards)])  # a folder other than DB.shards is named to be read
    assert asked.exit_code == 0, asked.output
    row = json.loads(asked.stdout.strip().splitlines()[-1])
    assert row["a"] == 9 and row["n"] >= 9
    assert counts(db) == (0, 0, 0)  # nothing loaded: the store is untouched


def test_a_shard_lost_before_loading_is_not_recorded_and_the_next_run_redoes_it(tmp_path, monkeypatch):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 12)
    db, shards = tmp_path / "s.duckdb", tmp_path / "shards"
    written = run([str(data)], str(db), engine="local", workers=1, partition_size=5, shards=str(shards), load=False)
    assert written.stored == 0 and len(list(shards.glob("*/done.json"))) == 3
    victim = sorted(shards.glob("*/done.json"))[0].parent
    result = json.loads((victim / "done.json").read_text(encoding="utf-8"))
    (victim / "quotes.parquet").unlink()  # another run sharing the folder deleted it, say
    with Store.open(db) as store:
        with pytest.raises(runner.ShardIncomplete):
            runner.load_shard(store, result, victim)
        with monkeypatch.context() as m:  # gone between the check and the insert: rolled back whole
            m.setattr(runner, "check_shard", lambda *a: None)
            with pytest.raises(runner.ShardIncomplete):
                runner.load_shard(store, result, victim)
        assert store.count("articles") == 0 and store.count("batch_partitions") == 0
    analysed_again = []
    real = runner.process_partition
    monkeypatch.setattr(runner, "process_partition",
                        lambda part, *a, **k: analysed_again.append(part["id"]) or real(part, *a, **k))
    again = run([str(data)], str(db), engine="local", workers=1, partition_size=5, shards=str(shards))
    # the two whole shards are loaded as written, the broken one is analysed again
    assert analysed_again == [victim.name]
    assert again.stored == 12 and again.analysed == result["analysed"] and not again.failed
    assert counts(db) == (12, 12, 3) and list(shards.iterdir()) == []


def test_the_same_input_named_twice_is_planned_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = write_jsonl(folder / "a.jsonl", 0, 7)
    parts, _ = plan([str(data), str(folder), str(folder / ".." / "in" / "a.jsonl")], partition_size=5)
    assert len(parts) == 2
    db = tmp_path / "d.duckdb"
    stats = run([str(data), str(folder)], str(db), engine="local", workers=1, partition_size=5)
    assert stats.stored == 7 and counts(db) == (7, 7, 2)


def test_a_run_without_loading_keeps_every_shard(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 6)
    db, shards = tmp_path / "s.duckdb", tmp_path / "shards"
    run([str(data)], str(db), engine="local", workers=1, partition_size=5, shards=str(shards), keep_shards=True)
    run([str(data)], str(db), engine="local", workers=1, partition_size=5, shards=str(shards), load=False)
    assert len(list(shards.glob("*/done.json"))) == 2


def test_the_time_budget_holds_in_pool_workers(tmp_path):
    huge = article(1)
    huge["id"], huge["url"] = "banjir-raksasa", "https://kabardaerah.example/raksasa"
    huge["text"] = "\n".join(article(i)["text"] for i in range(4000))  # 1.8 MB: about 2 s, not 3 ms
    data = write_jsonl(tmp_path / "a.jsonl", 10, 6)
    with data.open("a", encoding="utf-8") as f:
        f.write(json.dumps(huge, ensure_ascii=False) + "\n")
    db = tmp_path / "p.duckdb"
    stats = run([str(data)], str(db), engine="local", workers=2, partition_size=4, article_seconds=0.5)
    assert stats.stored == 6 and len(stats.failed) == 1 and "a.jsonl:7" in stats.failed[0]
    assert "stopped after 0.5 s" in stats.failed[0]


def test_a_run_killed_while_deleting_what_it_loads_finishes_on_the_next_run(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 400)
    db, shards = tmp_path / "d.duckdb", tmp_path / "shards"
    cmd = [sys.executable, "-m", "jejak.cli", "ingest", str(data), "--db", str(db), "--engine", "local",
           "--workers", "2", "--partition-size", "4", "--shards", str(shards), "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = {p.parent.name for p in shards.glob("*/done.json")}
        seen |= now
        if len(seen - now) >= 3:  # three shards written, loaded and deleted
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    loaded = counts(db)[2]
    assert 0 < loaded < 100, "the run must be killed part-way for this test to mean anything"
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert counts(db) == (400, 400, 100) and list(shards.iterdir()) == []


def test_pool_workers_end_when_their_runner_is_killed(tmp_path):
    psutil = pytest.importorskip("psutil")
    data = write_jsonl(tmp_path / "a.jsonl", 0, 400)
    db, shards = tmp_path / "o.duckdb", tmp_path / "shards"
    cmd = [sys.executable, "-m", "jejak.cli", "ingest", str(data), "--db", str(db), "--engine", "local",
           "--workers", "2", "--partition-size", "4", "--shards", str(shards), "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runner = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(shards.glob("*/done.json")):
        time.sleep(0.01)  # the workers are busy once a shard is written
    family = runner.children(recursive=True)
    assert len(family) >= 2, "the pool must be running for this test to mean anything"
    proc.kill()  # SIGKILL to the runner alone, not its process group
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=60)
    assert not alive, f"still running after their runner was killed: {[p.pid for p in alive]}"
    finished = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    assert counts(db) == (400, 400, 100)


def test_a_gzipped_file_is_read_whole_whatever_its_name(tmp_path):
    import gzip

    plain = write_jsonl(tmp_path / "plain.txt", 0, 40)
    disguised = tmp_path / "tanpa-akhiran.jsonl"  # gzip bytes, no .gz in the name
    disguised.write_bytes(gzip.compress(plain.read_bytes()))
    stats = run([str(disguised)], str(tmp_path / "g.duckdb"), engine="local", workers=1, partition_size=15)
    assert stats.stored == 40 and not stats.failed
    named = tmp_path / "bukan.jsonl.gz"  # plain bytes under a .gz name
    named.write_bytes(write_jsonl(tmp_path / "b.txt", 40, 10).read_bytes())
    stats = run([str(named)], str(tmp_path / "n.duckdb"), engine="local", workers=1, partition_size=15)
    assert stats.stored == 10 and not stats.failed


def test_a_range_that_starts_with_bad_lines_keeps_the_good_ones_after_them(tmp_path):
    lines = [json.dumps(article(i), ensure_ascii=False) for i in range(30)]
    lines += ["ini bukan json"] * 20 + [json.dumps(article(i), ensure_ascii=False) for i in range(30, 40)]
    data = tmp_path / "campur.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = run([str(data)], str(tmp_path / "c.duckdb"), engine="local", workers=1, partition_size=30)
    assert stats.stored == 40 and len(stats.failed) == 20


def test_shards_of_another_version_are_analysed_again(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 0, 6)
    db, shards = tmp_path / "v.duckdb", tmp_path / "shards"
    run([str(data)], str(db), engine="local", workers=1, partition_size=3, shards=str(shards), load=False)
    for done in shards.glob("*/done.json"):  # as an older jejak wrote them: no schema, other columns
        result = json.loads(done.read_text(encoding="utf-8"))
        result.pop("schema")
        done.write_text(json.dumps(result), encoding="utf-8")
    stats = run([str(data)], str(db), engine="local", workers=1, partition_size=3, shards=str(shards))
    assert stats.stored == 6 and not stats.failed and counts(db) == (6, 6, 2)
