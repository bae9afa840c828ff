"""A bounded loopback load test of `jejak serve` on a store of at least 100,000 quotes.

1. The store: the CLICK-ID corpus (`content`) and the Detik corpus (`isi_berita`), analysed with
   `jejak.analyze` and stored with `Store.add_many` (what `jejak ingest` does), cycled with a
   suffix on each record's id and URL per pass (`kompas-00001~1`, `...?cycle=1`) so that every pass
   stores new articles, until the store holds `--min-quotes` quotes; then `jejak stories --db D`
   links them. The store is cached at `--db` and reused when it already holds enough quotes.
2. The server: `jejak serve --db D --port P` in a subprocess on a free loopback port, read-only,
   as a user would start it; stopped at the end, on errors too.
3. The load, from a second process: `--clients` concurrent clients (asyncio, one
   `httpx.AsyncClient` and keep-alive connection each) send a fixed total of `--requests` GET
   requests, drawn with a fixed seed from a mix of what the API and dashboard ask: quotes by
   speaker (the store's most quoted speakers) and by words, article search, one article, entity
   lists and one entity, events with filters, the story list and one story, and deep pages
   (large offsets). Every id, name and word in a request was read from the store beforehand.

Before the load, one client sends `--probe` other requests of the same mix one at a time (this
also warms the server): their p50 is what a request costs on an idle server, without waiting.
Measured per request: status and latency (send to last byte, on the client, so under load it
includes the time a request waits for the server). An error is a non-2xx status, a timeout or a connection
error (a 404 for an id taken from the store counts too). Reported: errors by kind, throughput,
p50/p90/p99/max latency overall and per request family, the slowest requests, the store size, the server's peak RSS
(VmHWM) and CPU time, and the machine. Exit code 1 when any request failed.

Run: `.venv/bin/python benchmarks/bench_serve.py` (needs the serve extra: fastapi, uvicorn, httpx;
reads ../shared/data/id_news_clickid and ../shared/data/id_news_detik1000). Building the store
takes about 5 minutes on 2 cores the first time (2 analysing and storing 38,873 articles, 3
linking them; cached at /tmp/jejak-bench-serve.duckdb); the load itself about 4 minutes. `--min-quotes 5000 --db /tmp/small.duckdb` for a quick check.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import csv
import gzip
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode
from jejak.eval.reserved import reserved_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
DETIK = SHARED / "data" / "id_news_detik1000" / "data_berita.csv.gz"

SEED = 20240611
#: Request families and their share of the load.
MIX = {
    "quotes by speaker": 14,
    "quotes by words": 10,
    "article search": 10,
    "one article": 12,
    "entity list": 6,
    "one entity": 10,
    "events, filtered": 10,
    "story list": 6,
    "one story": 10,
    "deep pages (offset)": 12,
}


# --- the store -------------------------------------------------------------------------------

def _clickid() -> Iterator[dict]:
    with gzip.open(CLICKID, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in reserved_ids("id_news_clickid"):
                continue
            yield {"id": rec["id"], "text": rec.get("content") or "", "title": rec.get("title"),
                   "url": rec.get("url"), "published": rec.get("date")}


def _detik() -> Iterator[dict]:
    csv.field_size_limit(1 << 30)
    with gzip.open(DETIK, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in reserved_ids("id_news_detik1000"):
                continue
            month, day, year = (int(x) for x in row["tanggal"].split()[0].split("/"))
            yield {"id": f"detik-{row['id']}", "text": row.get("isi_berita") or "", "title": row.get("judul"),
                   "url": row.get("tautan"), "published": f"{year:04d}-{month:02d}-{day:02d}"}


def _cycled(cycle: int) -> Iterator[dict]:
    """One pass over both corpora; from the second pass on, ids and URLs carry the pass number."""
    for rec in _chain(_clickid(), _detik()):
        if cycle:
            rec["id"] = f"{rec['id']}~{cycle}"
            if rec["url"]:
                rec["url"] += ("&" if "?" in rec["url"] else "?") + f"cycle={cycle}"
        yield rec


def _chain(*its: Iterator[dict]) -> Iterator[dict]:
    for it in its:
        yield from it


def _jejak_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "jejak"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("jejak")
    if found:
        return [found]
    return [sys.executable, "-c", "from jejak.cli import app; app()"]


def _count(db: str, table: str) -> int:
    from jejak.store import Store

    with Store.open(db, read_only=True) as store:
        return store.count(table)


def build_store(db: str, min_quotes: int) -> float | None:
    """Fill the store until it holds `min_quotes` quotes and link it; the seconds it took, or
    None when the cached store was big enough already."""
    from jejak import analyze
    from jejak.pipeline import NotAnalysable
    from jejak.store import Store

    if Path(db).exists() and _count(db, "quotes") >= min_quotes and _count(db, "stories") > 0:
        return None
    t0 = time.perf_counter()
    chunk: list[tuple[dict, str]] = []
    skipped = 0
    with Store.open(db) as store:
        quotes, articles = store.count("quotes"), store.count("articles")
        print(f"building {db}: {articles:,} articles, {quotes:,} quotes stored so far; target {min_quotes:,} quotes",
              file=sys.stderr, flush=True)
        cycle = 0
        while quotes < min_quotes:
            for rec in _cycled(cycle):
                try:
                    art = analyze(rec["text"], published=rec["published"], url=rec["url"], title=rec["title"],
                                  id=rec["id"])
                except NotAnalysable:
                    skipped += 1
                    continue
                chunk.append((art.to_dict(), art.source_text))
                if len(chunk) == 2000:
                    store.add_many(chunk)
                    chunk = []
                    quotes, articles = store.count("quotes"), store.count("articles")
                    print(f"  pass {cycle + 1}: {articles:,} articles, {quotes:,} quotes "
                          f"({time.perf_counter() - t0:,.0f} s)", file=sys.stderr, flush=True)
                    if quotes >= min_quotes:
                        break
            else:
                if chunk:
                    store.add_many(chunk)
                    chunk = []
                    quotes, articles = store.count("quotes"), store.count("articles")
                if not articles:
                    raise SystemExit("no article could be stored; is the corpus readable?")
            cycle += 1
    t1 = time.perf_counter()
    print(f"stored in {t1 - t0:,.0f} s ({skipped} empty texts skipped); linking stories (`jejak stories`) ...",
          file=sys.stderr, flush=True)
    subprocess.run([*_jejak_cmd(), "stories", "--db", db, "--limit", "1"], check=True, stdout=subprocess.DEVNULL)
    print(f"linked in {time.perf_counter() - t1:,.0f} s", file=sys.stderr, flush=True)
    return time.perf_counter() - t0


# --- what to ask -----------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]{5,}")


def sample_store(db: str, seed: int) -> dict:
    """Names, words and ids to ask for, read from the store (before the server opens it)."""
    from jejak.store import Store

    rnd = random.Random(seed)
    with Store.open(db, read_only=True) as store:
        con = store.con

        def col(sql: str, params: list | None = None) -> list:
            return [r[0] for r in con.execute(sql, params or []).fetchall()]

        size = {"articles": store.count("articles"), "quotes": store.count("quotes"),
                "entities": con.execute("SELECT count(DISTINCT entity_key) FROM entities").fetchone()[0],
                "events": store.count("events"), "stories": store.count("stories")}
        speakers = col("SELECT mode(speaker_name) FROM quotes WHERE speaker_key IS NOT NULL GROUP BY speaker_key"
                       " ORDER BY count(*) DESC, 1 LIMIT 100")
        quote_texts = col("SELECT text FROM quotes ORDER BY article_id, quote_no")
        titles = col("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY article_id")
        refs = con.execute("SELECT article_id, input_id FROM articles ORDER BY article_id").fetchall()
        unique_inputs = set(col("SELECT input_id FROM articles WHERE input_id IS NOT NULL GROUP BY input_id"
                                " HAVING count(*) = 1"))
        top_entities = col("SELECT entity_key FROM entities GROUP BY entity_key"
                           " ORDER BY count(DISTINCT article_id) DESC, entity_key LIMIT 200")
        all_entities = col("SELECT DISTINCT entity_key FROM entities ORDER BY entity_key")
        types = col("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC, type")
        countries = col("SELECT source_country FROM events WHERE source_country IS NOT NULL"
                        " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 15")
        actors = col("SELECT source_name FROM events WHERE source_name IS NOT NULL"
                     " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 40")
        big_stories = col("SELECT story_id FROM stories ORDER BY articles DESC, story_id LIMIT 200")
        all_stories = col("SELECT story_id FROM stories ORDER BY story_id")
        outlets = col("SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1")
        first, last = con.execute("SELECT min(published), max(published) FROM articles"
                                  " WHERE published >= DATE '2000-01-01'").fetchone()

    def words(texts: list[str], n: int) -> list[str]:
        out: list[str] = []
        for t in rnd.sample(texts, min(len(texts), n * 3)):
            found = _WORD.findall((t or "").lower())
            if found:
                out.append(rnd.choice(found))
            if len(out) == n:
                break
        return out

    picked = rnd.sample(refs, min(len(refs), 2000))
    article_refs = []
    for aid, iid in picked:  # input id, whole article id or a 12-character prefix: all three work
        kind = rnd.random()
        article_refs.append(iid if kind < 0.5 and iid in unique_inputs else aid if kind < 0.8 else aid[:12])
    return {
        "size": size,
        "speakers": speakers,
        "quote_words": words(quote_texts, 300),
        "title_words": words(titles, 300),
        "article_refs": article_refs,
        "entities": top_entities + rnd.sample(all_entities, min(len(all_entities), 600)),
        "event_types": types[:12],
        "countries": countries,
        "actors": actors,
        "stories": big_stories + rnd.sample(all_stories, min(len(all_stories), 600)),
        "outlets": outlets[:12],
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
    }


def plan_requests(pools: dict, n: int, seed: int) -> list[tuple[str, str]]:
    """`n` (family, path) pairs drawn from the mix with a fixed seed."""
    import datetime as dt

    rnd = random.Random(seed)
    first = dt.date.fromisoformat(pools["first"]) if pools["first"] else None
    last = dt.date.fromisoformat(pools["last"]) if pools["last"] else None

    def window(params: dict) -> None:
        if first and last and rnd.random() < 0.3:
            start = first + dt.timedelta(days=rnd.randrange(max(1, (last - first).days)))
            params["since"] = start.isoformat()
            params["until"] = (start + dt.timedelta(days=rnd.choice((1, 7, 30)))).isoformat()

    def limit(params: dict) -> None:
        if rnd.random() < 0.3:
            params["limit"] = rnd.choice((10, 20, 100))

    def url(path: str, params: dict) -> str:
        return path + ("?" + urlencode(params) if params else "")

    families, weights = zip(*MIX.items())
    plan = []
    for family in rnd.choices(families, weights, k=n):
        p: dict = {}
        if family == "quotes by speaker":
            p["speaker"] = rnd.choice(pools["speakers"])
            window(p), limit(p)
            path = url("/api/quotes", p)
        elif family == "quotes by words":
            p["text"] = rnd.choice(pools["quote_words"])
            window(p), limit(p)
            path = url("/api/quotes", p)
        elif family == "article search":
            p["q"] = rnd.choice(pools["title_words"])
            if rnd.random() < 0.3:
                p["outlet"] = rnd.choice(pools["outlets"])
            window(p), limit(p)
            path = url("/api/articles", p)
        elif family == "one article":
            path = "/api/articles/" + quote(rnd.choice(pools["article_refs"]), safe="")
        elif family == "entity list":
            r = rnd.random()
            if r < 0.4:
                p["type"] = rnd.choice(("PER", "ORG", "LOC", "GPE"))
            elif r < 0.7:
                p["name"] = rnd.choice(pools["speakers"]).split()[-1]
            limit(p)
            path = url("/api/entities", p)
        elif family == "one entity":
            key = rnd.choice(pools["entities"])
            if rnd.random() < 0.3:
                p["limit"] = 50
            path = url("/api/entities/" + quote(key, safe=""), p)
        elif family == "events, filtered":
            r = rnd.random()
            if r < 0.3 and pools["event_types"]:
                p["type"] = rnd.choice(pools["event_types"])
            elif r < 0.5 and pools["countries"]:
                p["actor"] = rnd.choice(pools["countries"])
            elif r < 0.7 and pools["actors"]:
                p["actor"] = rnd.choice(pools["actors"])
            if rnd.random() < 0.2:
                p["mode"] = rnd.choice(("negated", "intent", "none"))
            window(p), limit(p)
            path = url("/api/events", p)
        elif family == "story list":
            if rnd.random() < 0.3:
                p["outlet"] = rnd.choice(pools["outlets"])
            window(p), limit(p)
            path = url("/api/stories", p)
        elif family == "one story":
            path = "/api/stories/" + quote(rnd.choice(pools["stories"]), safe="")
        else:  # deep pages of the plain lists
            which = rnd.choice(("/api/quotes", "/api/articles", "/api/events", "/api/entities", "/api/stories"))
            p["offset"] = rnd.choice((50, 100, 500, 1000, 5000, 20000))
            limit(p)
            path = url(which, p)
        plan.append((family, path))
    return plan


# --- the load (runs in a second process) -----------------------------------------------------

def run_load(base: str, plan: list[tuple[str, str]], clients: int, timeout: float) -> dict:
    """Send every request of the plan with `clients` concurrent clients; per request
    (family, status or error kind, seconds, bytes), plus the wall time and this process's CPU."""
    import httpx

    results: list[tuple[str, str, float, int] | None] = [None] * len(plan)
    samples: dict[str, list[str]] = defaultdict(list)
    next_index = iter(range(len(plan)))

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=timeout,
                                     limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)) as c:
            for i in next_index:
                family, path = plan[i]
                t0 = time.perf_counter()
                try:
                    r = await c.get(path)
                    outcome, size = str(r.status_code), len(r.content)
                    if not 200 <= r.status_code < 300 and len(samples[outcome]) < 5:
                        samples[outcome].append(f"{path} -> {r.text[:200]}")
                except httpx.TimeoutException as e:
                    outcome, size = "timeout", 0
                    if len(samples[outcome]) < 5:
                        samples[outcome].append(f"{path} -> {type(e).__name__}")
                except httpx.HTTPError as e:
                    outcome, size = f"connection error ({type(e).__name__})", 0
                    if len(samples[outcome]) < 5:
                        samples[outcome].append(f"{path} -> {e!r}")
                results[i] = (family, outcome, time.perf_counter() - t0, size)

    async def main() -> float:
        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        return time.perf_counter() - t0

    cpu0 = time.process_time()
    wall = asyncio.run(main())
    return {"results": results, "wall": wall, "cpu": time.process_time() - cpu0, "samples": dict(samples)}


# --- the server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (KiB) and CPU seconds of a process, from /proc (Linux); empty elsewhere."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        out["cpu"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        pass
    return out


def start_server(db: str, port: int, log) -> subprocess.Popen:
    proc = subprocess.Popen([*_jejak_cmd(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before answering")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError("the server did not answer /api/health within 120 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the report ----------------------------------------------------------------------------------

def pct(sorted_values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted values."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


def ok(outcome: str) -> bool:
    return outcome.isdigit() and 200 <= int(outcome) < 300


def report(load: dict, probe: dict, plan: list[tuple[str, str]], size: dict, server: dict, clients: int,
           build_s: float | None, db: str) -> int:
    results = load["results"]
    idle: dict[str, list[float]] = defaultdict(list)
    for family, outcome, secs, _ in probe["results"]:
        idle[family].append(secs * 1000)
    idle["**all**"] = [x for v in idle.values() for x in v]
    for v in idle.values():
        v.sort()
    by_family: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for family, outcome, secs, nbytes in results:
        by_family[family].append((outcome, secs, nbytes))
    errors = Counter(o if not o.isdigit() else f"HTTP {o}" for _, o, _, _ in results if not ok(o))
    probe_errors = Counter(o if not o.isdigit() else f"HTTP {o}" for _, o, _, _ in probe["results"] if not ok(o))
    n = len(results)

    def row(name: str, rows: list[tuple[str, float, int]]) -> str:
        lat = sorted(s * 1000 for _, s, _ in rows)
        bad = sum(1 for o, _, _ in rows if not ok(o))
        kb = sum(b for _, _, b in rows) / max(1, len(rows)) / 1024
        return (f"| {name} | {len(rows):,} | {bad} | {pct(lat, 50):,.0f} | {pct(lat, 90):,.0f} | "
                f"{pct(lat, 99):,.0f} | {lat[-1]:,.0f} | {pct(idle.get(name, []), 50):,.1f} | {kb:,.1f} |")

    print(f"\nStore {db}: {size['articles']:,} articles, {size['quotes']:,} quotes, {size['entities']:,} entities, "
          f"{size['events']:,} events, {size['stories']:,} stories"
          + (f" (built in {build_s:,.0f} s)." if build_s is not None else " (cached)."))
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"`jejak serve` (one uvicorn process) and {clients} clients in a second process, over loopback.\n")
    print("| family | requests | errors | ms p50 | ms p90 | ms p99 | ms max | ms p50, 1 client | mean KiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for family in MIX:
        if by_family.get(family):
            print(row(family, by_family[family]))
    print(row("**all**", [(o, s, b) for _, o, s, b in results]))
    wall = load["wall"]
    print(f"\n{n:,} requests in {wall:,.1f} s: {n / wall:,.0f} requests/s; "
          f"errors: {sum(errors.values())}" + (" (" + ", ".join(f"{k}: {v}" for k, v in errors.most_common()) + ")"
                                               if errors else "") + ".")
    print(f"Latency under load is with {clients} clients; 1 client: {len(probe['results']):,} other requests "
          f"of the mix sent one at a time before the load (errors: {sum(probe_errors.values())}).")
    rss = server.get("VmHWM")
    print(f"Server: peak RSS {rss / 1024:,.0f} MiB" if rss else "Server: peak RSS unknown", end="")
    if "rss_idle" in server:
        print(f" ({server['rss_idle'] / 1024:,.0f} MiB after start)", end="")
    if "cpu_load" in server:
        print(f"; CPU {server['cpu_load']:,.1f} s during the load ({server['cpu_load'] / n * 1000:,.1f} ms a "
              f"request, {server['cpu_load'] / wall * 100:,.0f} % of one core)", end="")
    print(f". Client process CPU {load['cpu']:,.1f} s ({load['cpu'] / wall * 100:,.0f} % of one core).")
    slowest = sorted(range(n), key=lambda i: results[i][2], reverse=True)[:5]
    print("\nSlowest requests under load: " + "; ".join(
        f"`{plan[i][1]}` {results[i][2] * 1000:,.0f} ms ({results[i][3] / 1024:,.0f} KiB)" for i in slowest) + ".")
    for what, samples in (("", load["samples"]), (" (1 client)", probe["samples"])):
        for kind, lines in samples.items():
            print(f"\nFirst failures{what}, {kind}:")
            for line in lines:
                print(f"- {line}")
    return 1 if errors or probe_errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=10_000, help="requests in all (default 10,000)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--db", default="/tmp/jejak-bench-serve.duckdb", help="the store, built here if missing")
    ap.add_argument("--min-quotes", type=int, default=100_000, help="quotes the store must hold (default 100,000)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a request counts as timed out")
    ap.add_argument("--probe", type=int, default=300, help="requests sent one at a time before the load")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    try:
        import fastapi  # noqa: F401
        import httpx  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as e:
        print(f"{e.name} is not installed: .venv/bin/pip install -e '.[serve]' httpx", file=sys.stderr)
        return 2
    if not Path(args.db).exists() and not (CLICKID.exists() and DETIK.exists()):
        print(f"no corpus at {CLICKID.parent} or {DETIK.parent} (expected ../shared/data next to the repo)",
              file=sys.stderr)
        return 2

    build_s = build_store(args.db, args.min_quotes)
    pools = sample_store(args.db, args.seed)
    plan = plan_requests(pools, args.requests, args.seed)
    probe_plan = plan_requests(pools, args.probe, args.seed + 1)
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="jejak-serve-", suffix=".log", delete=False) as log:
        print(f"starting `jejak serve` on 127.0.0.1:{port} (log: {log.name}); {args.requests:,} requests from "
              f"{args.clients} clients ...", file=sys.stderr, flush=True)
        proc = start_server(args.db, port, log)
        server: dict = {}
        try:
            started = proc_status(proc.pid)
            if "VmRSS" in started:
                server["rss_idle"] = started["VmRSS"]
            base = f"http://127.0.0.1:{port}"
            ctx = multiprocessing.get_context("spawn")
            with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
                probe = pool.submit(run_load, base, probe_plan, 1, args.timeout).result()
                before = proc_status(proc.pid)
                load = pool.submit(run_load, base, plan, args.clients, args.timeout).result()
            after = proc_status(proc.pid)
            server.update(after)
            if "cpu" in before and "cpu" in after:
                server["cpu_load"] = after["cpu"] - before["cpu"]
            alive = proc.poll() is None
        finally:
            stop_server(proc)
        log.seek(0)
        logged = log.read().strip()
    code = report(load, probe, plan, pools["size"], server, args.clients, build_s, args.db)
    if not alive:
        print(f"\nThe server exited with {proc.returncode} during the load.")
        code = 1
    lines = [ln for ln in logged.splitlines() if not ln.startswith("jejak serving")]
    if lines:
        print(f"\nThe server logged {len(lines)} line(s); the last ones:")
        for line in lines[-20:]:
            print(f"    {line}")
    else:
        os.unlink(log.name)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
