"""The `jejak` command line: analyse, ingest into DuckDB, query, evaluate.

Exit codes: 0 all went well, 1 some items failed (a summary says which), 2 usage errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from typer.core import TyperGroup

from jejak.budget import DEFAULT_ARTICLE_SECONDS
from jejak.ingest.readers import InputError, InputRecord, read_inputs
from jejak.ingest.records import DEFAULT_MAX_BYTES
from jejak.pipeline import NotAnalysable, analyze_input, warm_up

_DB_KEY = "jejak.db"


class _Commands(TyperGroup):
    """Every command: a store that fails while it is read (a damaged file) ends in one line and
    exit code 2, not a traceback."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except Exception as e:  # noqa: BLE001 - only store failures are handled; the rest is raised again
            message = _store_failure(e, ctx.meta.get(_DB_KEY))
            if message is None:
                raise
            _fail(message)


def _store_failure(e: Exception, db: Optional[str]) -> Optional[str]:
    """The one-line message for a store error no command caught, or None for any other error."""
    import duckdb

    from jejak.store import StoreError
    from jejak.store.writer import damaged_error, first_line, is_damage

    if isinstance(e, StoreError):
        return first_line(e) + "."
    if not isinstance(e, duckdb.Error):
        return None
    where = db or "the store"
    if is_damage(e, where):
        return str(damaged_error(where, e))
    return (f"{where}: DuckDB failed while reading the store: {first_line(e)}. If the file was damaged, restore "
            "it from a backup; otherwise please report this as a bug.")


def _remember_db(ctx: typer.Context, value: str) -> str:
    """Keep --db where the error handler above can name it."""
    ctx.meta[_DB_KEY] = value
    return value


app = typer.Typer(
    cls=_Commands,
    help="jejak: who said and did what, to whom, when and where in Indonesian news — with the evidence.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, soft_wrap=True)

#: The largest count or size an option takes: it must fit DuckDB's LIMIT and Python's sizes (int64).
MAX_COUNT = 2**62
DB_OPTION = typer.Option("jejak.duckdb", "--db", help="DuckDB store file.", callback=_remember_db)
FORMAT_OPTION = typer.Option("table", "--format", "-f", help="Output format: table, json (JSON Lines) or csv.")


def _version(value: bool) -> None:
    if value:
        from jejak import __version__

        print(f"jejak {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """jejak: who said and did what, to whom, when and where in Indonesian news — with the evidence."""


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json", "csv")) -> str:
    fmt = fmt.lower()
    if fmt not in allowed:
        _fail(f"unknown format {fmt!r}; use one of: {', '.join(allowed)}.")
    return fmt


_KB_OPTION = typer.Option(None, "--kb", help="Extra knowledge-base TSV file(s) of your own (same format as the shipped ones).")


def _load_kb(paths: Optional[list[Path]]):
    """The shipped knowledge base, extended with the user's files."""
    from jejak.kb import KBFormatError, default_kb, load_kb

    if not paths:
        return default_kb()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no knowledge-base file at {', '.join(missing)}.")
    try:
        return load_kb(paths)
    except KBFormatError as e:
        _fail(f"{e}; fix the file (tab-separated, a header line like the shipped files) and try again.")


def _check_lang(lang: Optional[str]) -> Optional[str]:
    if lang is not None and lang not in ("id", "en"):
        _fail(f"jejak reads Indonesian (id) and English (en), not {lang!r}; leave --lang out to identify it.")
    return lang


def _progress(enabled: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=err,
                    disable=not enabled, transient=True)


class _Tally:
    def __init__(self) -> None:
        self.ok = 0
        self.skipped: list[str] = []
        self.failed: list[str] = []

    def report(self, what: str) -> None:
        parts = [f"{self.ok} {what}"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        err.print(", ".join(parts) + ".")
        for line in self.skipped[:20]:
            err.print(f"  [yellow]skipped[/yellow] {escape(line)}")
        for line in self.failed[:20]:
            err.print(f"  [red]failed[/red] {escape(line)}")
        more = len(self.skipped) + len(self.failed) - 40
        if more > 0:
            err.print(f"  … and {more} more")

    @property
    def exit_code(self) -> int:
        return 1 if (self.failed or self.skipped) else 0


def _run(paths: list[str], lang: Optional[str], max_bytes: int, tally: _Tally, show_progress: bool, kb=None,
         article_seconds: float = DEFAULT_ARTICLE_SECONDS):
    """Analyse every readable input as it is read (nothing is held in memory but the article at
    hand); yields Articles. Bad items go to the tally with their origin and reason."""
    from jejak.intake import analyse_records

    with _progress(show_progress) as bar:
        task = bar.add_task("analysing", total=None, rate="")
        for outcome in analyse_records(read_inputs(paths, max_bytes=max_bytes), lang=lang, kb=kb,
                                       article_seconds=article_seconds):
            bar.advance(task)
            if outcome.article is None:
                (tally.skipped if outcome.status == "skipped" else tally.failed).append(str(outcome))
                continue
            tally.ok += 1
            yield outcome.article


@app.command("analyze")
def analyze_cmd(
    paths: list[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl[.gz]); '-' reads stdin."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (one analysis record per line) or table."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the language (id or en) instead of identifying it."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, max=MAX_COUNT,
                                  help="Refuse inputs larger than this."),
    kb_files: Optional[list[Path]] = _KB_OPTION,
) -> None:
    """Analyse articles and print one analysis record per article (JSON Lines on stdout)."""
    fmt = _check_format(fmt, ("json", "table"))
    lang = _check_lang(lang)
    kb = _load_kb(kb_files)
    tally = _Tally()
    out = sys.stdout
    for article in _run(paths, lang, max_bytes, tally, show_progress=True, kb=kb):
        record = article.to_dict()
        if fmt == "json":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _print_article(record)
    out.flush()
    if tally.skipped or tally.failed or len(paths) > 1:
        tally.report("analysed")
    raise typer.Exit(tally.exit_code)


def _print_article(record: dict) -> None:
    con = Console()
    # every value is escaped: article text is hostile input, and `[/]` in it would end Rich's markup
    con.rule(f"[bold]{escape(str(record.get('title') or record.get('id')))}[/bold]  {record.get('published') or ''}")
    for q in record["quotes"]:
        who = (q.get("speaker") or {}).get("name") or "?"
        con.print(f"[cyan]{q['kind']:8}[/cyan] [bold]{escape(who)}[/bold]: {escape(q['text'][:160])}")
    for t in record["times"]:
        con.print(f"[magenta]time    [/magenta] {escape(t['text'])} → {t['value']}")
    for a in record["amounts"]:
        unit = a.get("currency") or a.get("unit") or ""
        con.print(f"[green]amount  [/green] {escape(a['text'])} → {a['value']:g} {escape(unit)}")
    for i in record["indicators"]:
        con.print(f"[red]sign    [/red] {i['kind']}: {escape(i['text'][:100])}")


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl[.gz]); '-' reads stdin."),
    db: str = DB_OPTION,
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the language (id or en)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, max=MAX_COUNT,
                                  help="Refuse inputs larger than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary table at the end."),
    kb_files: Optional[list[Path]] = _KB_OPTION,
    engine: Optional[str] = typer.Option(None, "--engine",
                                         help="local (processes here) or dask (a dask.distributed cluster): "
                                              "partitions, Parquet shards, loaded exactly once, resumable."),
    workers: int = typer.Option(2, "--workers", min=1, max=512,
                                help="Processes (local; 1 runs in this process) or Dask workers."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                                                      "without it a LocalCluster is started."),
    shards: Optional[str] = typer.Option(None, "--shards", help="Folder for the Parquet shards (default: DB.shards)."),
    partition_size: int = typer.Option(1000, "--partition-size", min=1, max=MAX_COUNT,
                                       help="Articles (or files) per partition."),
    no_load: bool = typer.Option(False, "--no-load", help="Write the shards only; query them with read_parquet()."),
    keep_shards: bool = typer.Option(False, "--keep-shards", help="Keep each shard after loading it (default: delete)."),
    article_seconds: float = typer.Option(DEFAULT_ARTICLE_SECONDS, "--article-timeout", min=0,
                                          help="Stop (and report as failed) an article whose analysis takes longer "
                                               "than this many seconds; 0: no limit."),
) -> None:
    """Analyse articles and store them in DuckDB (idempotent: an article already stored is not stored again).

    With --engine, inputs are cut into partitions that run in parallel; a killed run started
    again finishes the rest, with no article lost and none stored twice."""
    from jejak.store import Store, StoreError
    from jejak.batch.background import BackgroundWriter

    lang = _check_lang(lang)
    if engine is not None:
        if kb_files:
            _load_kb(kb_files)  # read here too, so that a bad file stops the run before any worker starts
        _batch_ingest(paths, db, engine, workers, scheduler, shards, partition_size, lang, max_bytes, not no_load,
                      keep_shards, [str(p) for p in kb_files or ()], article_seconds, quiet)
        return
    kb = _load_kb(kb_files)
    tally = _Tally()
    writer = BackgroundWriter(db)  # stores beside the analysis, on the other core
    warm_up(kb)  # while the writer starts and opens the store
    try:
        writer.wait_ready()
    except StoreError as e:
        _fail(str(e))
    try:
        stats = writer.write(_run(paths, lang, max_bytes, tally, show_progress=True, kb=kb,
                                  article_seconds=article_seconds))
    except StoreError as e:
        _fail(f"storing failed: {e}")
    tally.failed.extend(stats.failed)
    if not quiet:
        err.print(f"{stats.stored} new article(s) stored in {db}, {stats.duplicates} already there.")
        try:
            with Store.open(db, read_only=True) as store:
                _print_summary(store)
        except StoreError as e:  # another program took the store in between: the articles are stored
            err.print(f"[yellow]note[/yellow] no summary: {escape(str(e))}")
    if stats.stored:
        _compact_after_ingest(db, quiet)
    tally.report("analysed")
    raise typer.Exit(tally.exit_code)


def _batch_ingest(paths: list[str], db: str, engine: str, workers: int, scheduler: Optional[str],
                  shards: Optional[str], partition_size: int, lang: Optional[str], max_bytes: int, load: bool,
                  keep_shards: bool, kb_files: list[str], article_seconds: float, quiet: bool) -> None:
    """`jejak ingest --engine`: the batch runner with a progress bar, then a summary."""
    import time

    from jejak.batch.runner import ENGINES, run
    from jejak.store import Store, StoreError

    if engine not in ENGINES:
        _fail(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}.")
    if "-" in paths:
        _fail("--engine reads files and folders, not stdin; save the input to a file first.")
    started = time.monotonic()
    with _progress(True) as bar:
        task = bar.add_task(f"ingest ({engine}, {workers} worker{'s' if workers > 1 else ''})", total=None, rate="")

        def show(done: int, total: int, stats) -> None:
            elapsed = max(1e-6, time.monotonic() - started)
            bar.update(task, completed=done, total=total, rate=f"{stats.analysed / elapsed:,.0f} articles/s")

        try:
            stats = run(paths, db, engine=engine, workers=workers, scheduler=scheduler, shards=shards,
                        partition_size=partition_size, lang=lang, max_bytes=max_bytes, load=load,
                        keep_shards=keep_shards, kb_files=kb_files, article_seconds=article_seconds, progress=show)
        except (StoreError, ValueError, OSError) as e:
            _fail(str(e))
        except Exception as e:  # noqa: BLE001 - a worker's error, carried back by the engine
            _fail(f"the run stopped: {type(e).__name__}: {e}. Partitions finished so far are stored; "
                  "fix the cause and run the same command again to finish the rest.")
    elapsed = time.monotonic() - started
    err.print(f"{stats.partitions} partition(s): {stats.already_loaded} loaded before, {stats.loaded} now; "
              f"{stats.analysed} article(s) analysed in {elapsed:.1f} s ({stats.analysed / max(elapsed, 1e-6):,.0f}/s), "
              f"{stats.stored} stored, {stats.duplicates} already there, {len(stats.skipped)} skipped, "
              f"{len(stats.failed)} failed.")
    for kind, lines in (("skipped", stats.skipped), ("failed", stats.failed)):
        colour = "yellow" if kind == "skipped" else "red"
        for line in lines[:20]:
            err.print(f"  [{colour}]{kind}[/{colour}] {escape(line)}")
        if len(lines) > 20:
            err.print(f"  … and {len(lines) - 20} more {kind}")
    if load and stats.stored:
        _compact_after_ingest(db, quiet)
    if load and not quiet:
        with Store.open(db, read_only=True) as store:
            _print_summary(store)
    raise typer.Exit(1 if stats.skipped or stats.failed else 0)


def _print_summary(store) -> None:
    from jejak.output import render
    from jejak.store import queries

    s = queries.summary(store)
    con = Console()
    counts = s.get("counts", {})
    con.print("  ".join(f"{k}: {v}" for k, v in counts.items()))
    span = s.get("published") or {}
    if span.get("first"):
        con.print(f"published {span['first']} … {span['last']}")
    if s.get("top_speakers"):
        render(s["top_speakers"], "table", con, title="Most quoted speakers")
    if s.get("outlets"):
        render(s["outlets"], "table", con, title="Articles per outlet")


def _open_read(db: str, sandbox: bool = False, readable: tuple[Path, ...] = ()):
    """The store opened read-only; `sandbox` (for SQL a person wrote) lets it read no other file
    than those in the `readable` folders."""
    from jejak.store import Store, StoreError

    if not Path(db).exists():
        _fail(f"no store at {db}; create one with `jejak ingest FILES --db {db}`.")
    try:
        return Store.open(db, read_only=True, sandbox=sandbox, readable=readable)
    except StoreError as e:
        _fail(str(e))


MIN_CONFIDENCE_OPTION = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0,
    help="Only claims at least this likely to be right (0-1; rows stored before confidences have none and are left out).")


@app.command("quotes")
def quotes_cmd(
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="Speaker name contains this (any case), or is "
                                          "known by it: a knowledge-base alias or a name an article uses (Jokowi, KPK)."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="Quote contains this phrase (any case)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    limit: int = typer.Option(100, "--limit", "-n", min=1, max=MAX_COUNT, help="At most this many rows."),
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    db: str = DB_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """Quotes in the store, newest first, each with how likely its attribution is right."""
    from jejak.output import render
    from jejak.store import StoreError, queries

    fmt = _check_format(fmt)
    with _open_read(db) as store:
        try:
            rows = queries.quotes(store, speaker=speaker, text=text, since=since, until=until, limit=limit,
                                  min_confidence=min_confidence)
        except StoreError as e:
            _fail(str(e))
        cols = ["published", "speaker", "kind", "confidence", "quote"] if fmt == "table" else None
        render(rows, fmt, columns=cols if rows else None)


@app.command("events")
def events_cmd(
    actor: Optional[str] = typer.Option(None, "--actor", "-a",
                                        help="Source or target: a country code (RUS), part of a name, or a name "
                                             "it is known by (a knowledge-base alias or one an article uses)."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT, CONSULT, REJECT."),
    mode: Optional[str] = typer.Option(None, "--mode", help="negated, intent, or none for plain acts."),
    since: Optional[str] = typer.Option(None, "--since", help="Event on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Event on or before (YYYY-MM-DD)."),
    limit: int = typer.Option(100, "--limit", "-n", min=1, max=MAX_COUNT, help="At most this many rows."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table, json (JSON Lines), csv, plover (PLOVER-style JSON Lines) or gdelt (TSV)."),
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    acts: bool = typer.Option(False, "--acts", help="One row per act: the same act reported by several articles "
                                                    "of a story counts once, with its reports and outlets."),
) -> None:
    """Events in the store (who did what to whom), newest first, each with its evidence."""
    from jejak.output import render
    from jejak.plover import PLOVER_TYPES
    from jejak.store import StoreError, queries
    from jejak.store.export import write_gdelt, write_plover

    fmt = _check_format(fmt, ("table", "json", "csv", "plover", "gdelt"))
    if type_ and type_.upper() not in PLOVER_TYPES:
        _fail(f"unknown event type {type_!r}; use one of: {', '.join(PLOVER_TYPES)}.")
    if mode and mode.lower() not in ("negated", "intent", "none"):
        _fail(f"unknown mode {mode!r}; use negated, intent or none.")
    if acts and fmt in ("plover", "gdelt"):
        _fail(f"--acts lists acts, not event records; use --format table, json or csv with it (not {fmt}).")
    with _open_read(db) as store:
        try:
            query = queries.acts if acts else queries.events
            rows = query(store, actor=actor, type=type_, mode=mode, since=since, until=until, limit=limit,
                         min_confidence=min_confidence)
        except StoreError as e:
            _fail(str(e))
    if acts:
        cols = ["date", "type", "mode", "confidence", "reports", "outlets", "source", "target", "evidence"]
        render(rows, fmt, columns=cols if rows and fmt == "table" else None)
        return
    if fmt == "plover":
        write_plover(rows, sys.stdout)
    elif fmt == "gdelt":
        write_gdelt(rows, sys.stdout)
    else:
        cols = ["date", "type", "mode", "confidence", "source", "target", "evidence"] if fmt == "table" else None
        render(rows, fmt, columns=cols if rows else None)


@app.command("entities")
def entities_cmd(
    type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG, GPE, LOC, EVT or PRD."),
    name: Optional[str] = typer.Option(None, "--name", help="Name contains this (any case), or is an alias of it "
                                       "(the knowledge base's or one an article uses)."),
    limit: int = typer.Option(100, "--limit", "-n", min=1, max=MAX_COUNT, help="At most this many rows."),
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    db: str = DB_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """Entities in the store with their mention, article and quote counts and their best confidence."""
    from jejak.output import render
    from jejak.store import queries

    fmt = _check_format(fmt)
    with _open_read(db) as store:
        render(queries.entities(store, type=type_, name=name, limit=limit, min_confidence=min_confidence), fmt)


@app.command("sql")
def sql_cmd(
    query: str = typer.Argument(..., help='One read-only SQL statement, e.g. "SELECT count(*) FROM quotes".'),
    db: str = DB_OPTION,
    fmt: str = FORMAT_OPTION,
    shards: Optional[Path] = typer.Option(None, "--shards", help="The batch shards folder that read_parquet() may "
                                                                 "read (default: DB.shards); no other file is read."),
) -> None:
    """Run one read-only SQL query (SELECT) against the store; it reads the store and its batch shards only."""
    from jejak.output import render
    from jejak.store import StoreDamaged, StoreError, queries

    fmt = _check_format(fmt)
    if shards is not None and not shards.is_dir():
        _fail(f"no shards folder at {shards}; give the --shards folder that `jejak ingest --no-load` wrote.")
    with _open_read(db, sandbox=True, readable=(shards or Path(f"{db}.shards"),)) as store:
        try:
            result = queries.sql(store, query)
        except StoreDamaged as e:
            _fail(str(e))
        except StoreError as e:  # a mistake in the query
            _fail(str(e), code=1)
        render(result, fmt)


@app.command("summary")
def summary_cmd(db: str = DB_OPTION) -> None:
    """Counts per table and the most quoted speakers."""
    with _open_read(db) as store:
        _print_summary(store)


@app.command("compact")
def compact_cmd(db: str = DB_OPTION) -> None:
    """Give the store's free space back: rewrite it into a fresh file with the same rows.

    DuckDB reuses freed space but never shortens its file; `ingest` compacts by itself when a
    sixth of the file is free. The store must not be open in another program."""
    from jejak.store import StoreError
    from jejak.store.compact import compact

    if not Path(db).is_file():
        _fail(f"{db}: no such store; give the store file with --db.")
    try:
        done = compact(db)
    except StoreError as e:
        _fail(str(e))
    err.print(f"{db}: {done.before / 1e6:,.1f} MB -> {done.after / 1e6:,.1f} MB")


def _compact_after_ingest(db: str, quiet: bool) -> None:
    """After a load that left much of the file free, rewrite the store smaller (a failure here
    loses nothing: the store stays as the load left it)."""
    import duckdb

    from jejak.store import StoreError
    from jejak.store.compact import compact, worth_compacting

    try:
        if not worth_compacting(db):
            return
        done = compact(db)
    except (StoreError, OSError, duckdb.Error) as e:
        err.print(f"[yellow]note[/yellow] the store was not compacted: {escape(str(e))}")
        return
    if not quiet:
        err.print(f"compacted {db}: {done.before / 1e6:,.1f} MB -> {done.after / 1e6:,.1f} MB")


def _open_for_linking(db: str):
    """The store opened for writing, so new articles can be linked first; read-only (with a
    note) when another process holds it for reading, so nothing new can be linked now."""
    from jejak.store import Store, StoreDamaged, StoreError

    if not Path(db).exists():
        _fail(f"no store at {db}; create one with `jejak ingest FILES --db {db}`.")
    try:
        return Store.open(db), True
    except StoreError as e:
        if isinstance(e, StoreDamaged) or "lock" not in str(e).lower():  # a damaged block is no lock
            _fail(str(e))
        err.print(f"[yellow]note:[/yellow] {db} is open in another process, so articles stored since the last "
                  "`jejak stories` are not linked yet; showing what was linked before.")
        return _open_read(db), False


def _link(store, show_progress: bool = True) -> None:
    """Compare the articles not yet linked with their candidates, with a progress bar."""
    from jejak.provenance.linker import link

    with _progress(show_progress) as bar:
        task = bar.add_task("linking", total=None, rate="")
        stats = link(store, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if stats.articles:
        err.print(f"linked {stats.articles} new article(s): {stats.candidates} candidate pairs, "
                  f"{stats.copies} copies, {stats.siblings} siblings, {stats.same_story} same-story, "
                  f"{stats.background} sharing only older background, "
                  f"{stats.same_event} more told in other words (one event by the judge), "
                  f"{stats.distortions} distortions; "
                  f"{stats.stories} stories.")
    for line in stats.skipped[:20]:
        err.print(f"  [yellow]skipped[/yellow] {escape(line)}")


@app.command("stories")
def stories_cmd(
    since: Optional[str] = typer.Option(None, "--since", help="First reported on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="First reported on or before (YYYY-MM-DD)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only stories with an article from this outlet."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=MAX_COUNT, help="At most this many stories."),
    no_link: bool = typer.Option(False, "--no-link", help="List stories as they are; do not link new articles first."),
    db: str = DB_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """Stories: the same event across outlets and days, with copies and distortions counted."""
    from jejak.output import render
    from jejak.store import StoreError
    from jejak.store.story_queries import stories

    fmt = _check_format(fmt)
    store, writable = (_open_read(db), False) if no_link else _open_for_linking(db)
    with store:
        if writable:
            _link(store)
        try:
            rows = stories(store, since=since, until=until, outlet=outlet, limit=limit)
        except StoreError as e:
            _fail(str(e))
    cols = ["first_published", "articles", "outlets", "copies", "distortions", "places_to_look", "earliest_id", "title"]
    render(rows, fmt, columns=cols if fmt == "table" and rows else None)


def _read_one(path: str, max_bytes: int = DEFAULT_MAX_BYTES):
    """One article from a file: text or HTML, or a JSON/JSONL file holding one record (or
    `FILE.jsonl#ID` to pick one of several)."""
    wanted = None
    if "#" in path and not Path(path).exists():
        path, wanted = path.rsplit("#", 1)
    if not Path(path).exists():
        _fail(f"no file at {path}.")
    records = [r for r in read_inputs([path], max_bytes=max_bytes)]
    errors = [r for r in records if isinstance(r, InputError)]
    records = [r for r in records if isinstance(r, InputRecord)]
    if wanted is not None:
        records = [r for r in records if r.id == wanted]
        if not records:
            _fail(f"{path} holds no record with id {wanted!r}.")
    if not records:
        _fail(str(errors[0]) if errors else f"{path} holds no article.")
    if len(records) > 1:
        _fail(f"{path} holds {len(records)} records; pick one with {path}#ID.")
    try:
        return analyze_input(records[0], None)
    except NotAnalysable as e:
        _fail(f"{path}: {e}")


@app.command("compare")
def compare_cmd(
    a: str = typer.Argument(..., help="First article: a text, HTML or JSON(L) file (FILE.jsonl#ID picks a record)."),
    b: str = typer.Argument(..., help="Second article, the same way."),
    fmt: str = typer.Option("table", "--format", "-f", help="table (side by side) or json."),
) -> None:
    """Compare two articles: copy, same-story or unrelated; which came first; what the copy changed."""
    from jejak.provenance.compare import compare_articles
    from jejak.provenance.view import side_by_side

    fmt = _check_format(fmt, ("table", "json"))
    art_a, art_b = _read_one(a), _read_one(b)
    result = compare_articles(art_a, art_b)
    data = result.to_dict()
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    con = Console()
    con.print(f"[bold]{data['relation']}[/bold] (score {data['score']:.2f}) — " + escape("; ".join(data["reasons"])))
    if data["relation"] in ("copy", "sibling"):  # siblings: the earlier one is read first
        a_is_original = (data["original"] or data["earlier"] or data["a"]) == data["a"]
        original, copy = (art_a, art_b) if a_is_original else (art_b, art_a)
        rows = [{"kind": d["kind"], "note": d["note"], "confidence": d["confidence"], "doubt": d["doubt"],
                 "original_start": d["a" if a_is_original else "b"]["start"],
                 "original_end": d["a" if a_is_original else "b"]["end"],
                 "copy_start": d["b" if a_is_original else "a"]["start"],
                 "copy_end": d["b" if a_is_original else "a"]["end"]} for d in data["distortions"]]
        side_by_side(con, rows, original.source_text or original.text, copy.source_text or copy.text,
                     a if a_is_original else b, b if a_is_original else a)


@app.command("trace")
def trace_cmd(
    article: str = typer.Argument(..., help="A stored article's id (input id or article_id), or a file to check."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help="table (side by side) or json."),
) -> None:
    """An article's story, its copies, its likely original and what each copy changed."""
    from jejak.provenance.trace import trace_file, trace_stored
    from jejak.store import StoreError

    fmt = _check_format(fmt, ("table", "json"))
    is_file = Path(article.split("#")[0]).is_file()
    store, writable = _open_for_linking(db)
    with store:
        if writable:
            _link(store, show_progress=fmt == "table")
        try:
            result = trace_file(store, _read_one(article)) if is_file else trace_stored(store, article)
        except StoreError as e:
            _fail(str(e))
    if fmt == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        result.print(Console())


@app.command("fetch")
def fetch_cmd(
    targets: list[str] = typer.Argument(None, help="Article URLs, RSS/Atom feeds or sitemaps (feeds are expanded)."),
    from_file: Optional[Path] = typer.Option(None, "--from-file", help="A file of URLs, one per line (# comments)."),
    db: str = DB_OPTION,
    log: Optional[Path] = typer.Option(None, "--log", help="Where every outcome is written as JSON Lines "
                                                          "(default: DB.fetch-log.jsonl)."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Allow private, loopback and link-local addresses (refused by default)."),
    interval: float = typer.Option(1.0, "--interval", min=0.0, help="Seconds between requests to one host (at least)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds before a request gives up."),
    max_bytes: int = typer.Option(10_000_000, "--max-bytes", min=1, max=MAX_COUNT,
                                  help="Bodies are cut at this size (recorded)."),
    retries: int = typer.Option(3, "--retries", min=0, max=10, help="Retries on 429/5xx and dropped connections."),
    max_articles: Optional[int] = typer.Option(None, "--max-articles", min=1, max=MAX_COUNT,
                                               help="Stop after this many articles."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the language (id or en)."),
    refetch: bool = typer.Option(False, "--refetch", help="Fetch URLs whose article is already stored, too "
                                                          "(by default they are not requested)."),
    kb_files: Optional[list[Path]] = _KB_OPTION,
    article_seconds: float = typer.Option(DEFAULT_ARTICLE_SECONDS, "--article-timeout", min=0,
                                          help="Stop (and report as failed) an article whose analysis takes longer "
                                               "than this many seconds; 0: no limit."),
) -> None:
    """Fetch articles (robots.txt respected, polite per host, retried, size-capped), analyse and store them.

    URLs whose article is already in the store are not requested again (`already-stored` in the
    log), so reading the same feeds every hour fetches only the new articles."""
    try:
        from jejak.ingest.feeds import urls_from_list
        from jejak.ingest.fetch import FetchPolicy, Fetcher
    except ImportError as e:
        _fail(f"fetching needs the batch extra ({e.name} is missing): pip install 'jejak[batch]'.")
    from jejak.store import Store, StoreError

    lang = _check_lang(lang)
    kb = _load_kb(kb_files)
    urls = list(targets or [])
    if from_file is not None:
        if not from_file.exists():
            _fail(f"no file at {from_file}.")
        urls += urls_from_list(from_file.read_text(encoding="utf-8", errors="replace"))
    if not urls:
        _fail("give URLs, feeds or sitemaps to fetch, or --from-file FILE.")
    log_path = log or Path(str(db) + ".fetch-log.jsonl")
    policy = FetchPolicy(min_interval=interval, timeout=timeout, max_bytes=max_bytes, retries=retries,
                         allow_private=allow_private)
    tally, outcomes = _Tally(), {}
    try:
        store = Store.open(db)
    except StoreError as e:
        _fail(str(e))
    if article_seconds > 0:
        warm_up(kb)  # the lexicons load before any article is timed
    with store, log_path.open("a", encoding="utf-8") as out, Fetcher(policy) as fetcher:
        known = None if refetch else _stored_url_check(store)
        for outcome in fetcher.crawl(urls, max_articles=max_articles, known=known):
            out.write(json.dumps(outcome.as_record(), ensure_ascii=False, default=str) + "\n")
            outcomes[outcome.outcome] = outcomes.get(outcome.outcome, 0) + 1
            if outcome.kind in ("feed", "sitemap") or outcome.outcome == "already-stored":
                continue
            try:
                stored = _store_fetched(store, outcome, lang, kb, article_seconds, tally)
            except StoreError as e:  # the store refused this article: reported, and the run goes on
                tally.failed.append(f"{outcome.url}: not stored ({e})")
                stored = False
            if stored:
                tally.ok += 1
        for robots in fetcher.robots_outcomes.values():
            out.write(json.dumps(robots.as_record(), ensure_ascii=False, default=str) + "\n")
    err.print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f" (log: {log_path})")
    tally.report("article(s) fetched and stored")
    raise typer.Exit(tally.exit_code)


def _store_fetched(store, fetched, lang, kb, article_seconds: float, tally: _Tally) -> bool:
    """Analyse one fetched page through the one intake path and store it; False when it was
    skipped or failed (the tally says why)."""
    from jejak.ingest.fetch import to_input_record
    from jejak.intake import analyse_record

    try:
        item = to_input_record(fetched)
    except Exception as e:  # noqa: BLE001 - a body no rule foresaw: this URL fails, the run goes on
        item = InputError(fetched.url, f"the fetched body cannot be read ({type(e).__name__}: {str(e)[:200]})")
    outcome = analyse_record(item, lang=lang, kb=kb, article_seconds=article_seconds)
    if outcome.article is None:
        (tally.skipped if outcome.status == "skipped" else tally.failed).append(str(outcome))
        return False
    store.add(outcome.article.to_dict(), outcome.article.source_text)
    return True


def _stored_url_check(store):
    """Is an article from this URL stored? URLs compared as the store's content hash compares them."""
    from jejak.store.writer import normalise_url

    stored = {normalise_url(u) for (u,) in store.con.execute(
        "SELECT DISTINCT url FROM articles WHERE url IS NOT NULL").fetchall()}
    return lambda url: normalise_url(url) in stored


@app.command("serve")
def serve_cmd(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_write: bool = typer.Option(False, "--allow-write",
                                     help="Allow POST /api/analyze, /api/ingest and the paste box (needs --token)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="JEJAK_TOKEN",
                                        help="Write token (or JEJAK_TOKEN); sent as `Authorization: Bearer T`."),
    threads: Optional[int] = typer.Option(None, "--threads", min=1, max=256,
                                          help="Requests served at once (default: twice the CPU cores)."),
    analysis_timeout: float = typer.Option(20.0, "--analysis-timeout", min=0.5, max=3600,
                                           help="Seconds one pasted or posted article may take to analyse."),
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the dashboard over one store."""
    try:
        import uvicorn

        from jejak.api import create_app
    except ImportError as e:
        _fail(f"the server needs the serve extra ({e.name} is missing): pip install 'jejak[serve]' "
              "(or bash scripts/setup-venv.sh serve).")
    if not Path(db).exists():
        _fail(f"no store at {db}; create one with `jejak ingest FILES --db {db}`.")
    if allow_write and not token:
        _fail("--allow-write needs a token: --token T or the JEJAK_TOKEN environment variable.")
    if token and not allow_write:
        err.print("[yellow]note:[/yellow] a token was given without --allow-write; the server stays read-only.")
    from jejak.store import StoreError

    loopback = host in ("127.0.0.1", "localhost", "::1")
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"] if loopback else None
    try:  # opens and reads the store: a foreign, newer or damaged one is refused before listening
        api = create_app(db, allow_write=allow_write, token=token, threads=threads, allowed_hosts=hosts,
                         analysis_timeout=analysis_timeout)
    except StoreError as e:
        _fail(str(e))
    err.print(f"jejak serving {db} on http://{host}:{port}/ (API docs at /docs; "
              f"{'writes allowed with the token' if allow_write else 'read-only'})")
    from jejak.api.server import uvicorn_config

    try:
        uvicorn.Server(uvicorn_config(api, host, port)).run()  # idle and half-open connections are closed
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has shut down
        pass


@app.command("eval")
def eval_cmd(
    gold_dirs: Optional[list[Path]] = typer.Argument(None, help="Folders of *.gold.json files (e.g. ../shared/eval/dev); "
                                                   "several are scored as one set."),
    pfsa: Optional[Path] = typer.Option(None, "--pfsa", help="A PFSA-ID token file (.txt or .txt.gz) to score quote and speaker spans on."),
    ner: Optional[Path] = typer.Option(None, "--ner", help="A CoNLL NER file (idner-news-2k, NERGrit) to score names on: "
                                       "exact PER/ORG/LOC spans, 10 sentences to an article."),
    ner_system: str = typer.Option("jejak", "--ner-system", help="NER: jejak (the whole entity layer) or tagger (the learned tagger alone)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss per article."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    limit_docs: Optional[int] = typer.Option(None, "--docs", min=1, max=MAX_COUNT,
                                             help="PFSA: score only the first N documents."),
) -> None:
    """Score jejak against gold readings (FORMAT.md), PFSA-ID quote spans (--pfsa) or CoNLL names (--ner)."""
    fmt = _check_format(fmt, ("table", "json"))
    if ner is not None:
        from jejak.eval.ner import evaluate_ner, print_ner

        if not ner.is_file():
            _fail(f"no NER file at {ner}.")
        if ner_system not in ("jejak", "tagger"):
            _fail(f"--ner-system is jejak or tagger, not {ner_system!r}.")
        result = evaluate_ner(ner, ner_system)
        print(json.dumps(result, indent=1)) if fmt == "json" else print_ner(result, str(ner))
        return
    if pfsa is not None:
        from jejak.eval.pfsa import evaluate_pfsa, print_pfsa

        if not pfsa.exists():
            _fail(f"no PFSA file at {pfsa}.")
        result = evaluate_pfsa(pfsa, max_docs=limit_docs)
        print(json.dumps(result, indent=1)) if fmt == "json" else print_pfsa(result)
        return
    if not gold_dirs:
        _fail("give a gold folder (jejak eval ../shared/eval/dev) or --pfsa FILE.")
    from jejak.eval.gold import GoldError
    from jejak.eval.run import evaluate_gold, print_report
    from jejak.eval.score import Report

    folders = list(dict.fromkeys(d.resolve() for d in gold_dirs))  # a folder named twice counts once
    for folder in folders:
        if not folder.is_dir():
            _fail(f"{folder} is not a folder of *.gold.json files.")
    try:
        report = Report([a for folder in folders for a in evaluate_gold(folder).articles])
    except GoldError as e:
        _fail(str(e))
    from jejak.eval.distortions import format_report
    from jejak.eval.provenance import evaluate_folder, report_dict, report_lines

    gold_dir = folders[0]
    provenance = evaluate_folder(gold_dir) if len(folders) == 1 and (gold_dir / "provenance").is_dir() else {}
    if fmt == "json":
        data = report.to_dict()
        if "pairs" in provenance:
            data["provenance_pairs"] = report_dict(provenance["pairs"])
        if "distortions" in provenance:
            data["distortions"] = provenance["distortions"]
        print(json.dumps(data, indent=1, default=str))
        return
    print_report(report, verbose=verbose)
    if "pairs" in provenance:
        print("\nprovenance: copy pairs (provenance/pairs.dev.jsonl)")
        for line in report_lines(provenance["pairs"]):
            print("  " + line)
        if verbose:
            for line in provenance["pairs"].errors:
                print("    " + line)
    if "distortions" in provenance:
        print("\n" + format_report(provenance["distortions"], "distortions (provenance/distortions.dev.jsonl)"))


def _monitor() -> None:
    from jejak.cli_monitor import register

    register(app, DB_OPTION, FORMAT_OPTION, _fail, _check_format, _open_read, err)


_monitor()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
