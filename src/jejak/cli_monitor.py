"""The monitor's commands: `jejak watch add|list|remove`, `jejak alerts`, `jejak trends`.

Registered on the main app by `jejak.cli`; they share its store and format options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer, db_option, format_option, fail, check_format, open_read, err) -> None:
    """Add the monitor's commands to `app`."""
    watch = typer.Typer(help="Watchlists: what the desk follows. Every ingest, fetch and API ingest matches them.",
                        no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
    app.add_typer(watch, name="watch")

    def open_write(db: str):
        from jejak.store import Store, StoreError

        try:
            return Store.open(db)
        except StoreError as e:
            fail(str(e))

    @watch.command("add")
    def watch_add(
        name: str = typer.Argument(..., help="The watchlist's name (letters, digits, _ . -); adds to it if it exists."),
        entity: Optional[list[str]] = typer.Option(None, "--entity", "-e", help="Alert when this entity is mentioned "
                                                   "(a name, an alias such as Jokowi or KPK, or a kb id). Repeatable."),
        speaker: Optional[list[str]] = typer.Option(None, "--speaker", "-s", help="Alert on each new quote by this "
                                                    "speaker. Repeatable."),
        text: Optional[list[str]] = typer.Option(None, "--text", "-t", help="Alert when an article has this phrase "
                                                 "(whole words, any case). Repeatable."),
        event_type: Optional[list[str]] = typer.Option(None, "--event-type", help="Alert on events of this PLOVER type "
                                                       "(ACCUSE, PROTEST, …). Repeatable."),
        actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this source or target."),
        place: Optional[str] = typer.Option(None, "--place", help="Only events in this place or inside it (a "
                                            "province holds its regencies, cities and districts: --place \"Jawa Barat\")."),
        distorted: bool = typer.Option(False, "--distorted-copies", help="Alert when a copy changes its original "
                                       "(found when `jejak stories` or an ingest links it)."),
        change: Optional[list[str]] = typer.Option(None, "--change", help="With --distorted-copies: only this kind "
                                                   "of change (number-change, date-change, negation-flip, "
                                                   "temporal-flip, entity-swap, speaker-swap, quote-cut). Repeatable."),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help=(
            "Claims less likely than this raise no alert (default by kind: data/watch_confidence.tsv).")),
        webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each new alert as JSON to this URL "
                                              "(retried; off unless given)."),
        backfill: bool = typer.Option(False, "--backfill", help="Also match the articles already stored (reads "
                                      "the whole store once)."),
        db: str = db_option,
    ) -> None:
        """Create a watchlist, or add rules to one."""
        from jejak.store import StoreError
        from jejak.watch import Rule, WatchError, add_watch
        from jejak.watch.store import backfill as run_backfill

        if (actor or place) and not event_type:
            fail("--actor and --place narrow --event-type; give it too.")
        rules = ([Rule("entity", x, min_confidence=min_confidence) for x in entity or []]
                 + [Rule("speaker", x, min_confidence=min_confidence) for x in speaker or []]
                 + [Rule("text", x, min_confidence=min_confidence) for x in text or []]
                 + [Rule("event", x, actor, min_confidence, place) for x in event_type or []]
                 + ([Rule("distortion", x, min_confidence=min_confidence) for x in change or [None]] if distorted else []))
        if change and not distorted:
            fail("--change narrows --distorted-copies; give both.")
        with open_write(db) as store:
            try:
                found = add_watch(store, name, rules, webhook)
                raised = run_backfill(store, found.name) if backfill else None
            except (WatchError, StoreError) as e:
                fail(str(e))
            print(f"watchlist {found.name}: " + "; ".join(r.describe() for r in found.rules)
                  + (f"; webhook {found.webhook}" if found.webhook else ""))
            if raised is not None:
                print(f"{raised} alert(s) from the articles already stored")

    @watch.command("list")
    def watch_list(db: str = db_option, fmt: str = format_option) -> None:
        """The watchlists, their rules and how many alerts each raised."""
        from jejak.output import render
        from jejak.watch import watchlists

        fmt = check_format(fmt)
        with open_read(db) as store:
            rows = [{"name": w.name, "rules": "; ".join(r.describe() for r in w.rules), "alerts": w.alerts,
                     "last_alert": w.last_alert, "webhook": w.webhook or ""} for w in watchlists(store)]
        if not rows and fmt == "table":
            print("no watchlists yet; add one with `jejak watch add NAME --entity X`")
            return
        render(rows, fmt)

    @watch.command("remove")
    def watch_remove(name: str = typer.Argument(..., help="The watchlist to delete, with its rules and alerts."),
                     db: str = db_option) -> None:
        """Delete a watchlist with its rules and alerts."""
        from jejak.watch import remove_watch

        with open_write(db) as store:
            if not remove_watch(store, name):
                fail(f"no watchlist {name!r} in {db}; `jejak watch list` shows them.", 1)
        print(f"removed watchlist {name}")

    @app.command("alerts")
    def alerts_cmd(
        since: Optional[str] = typer.Option(None, "--since", help="Raised on or after: YYYY-MM-DD or YYYY-MM-DDTHH:MM "
                                            "(UTC), today, yesterday, or an age such as 2d or 12h."),
        watch_name: Optional[str] = typer.Option(None, "--watch", "-w", help="Only this watchlist's alerts."),
        limit: int = typer.Option(100, "--limit", "-n", min=1, max=2**62, help="At most this many rows."),
        db: str = db_option,
        fmt: str = format_option,
    ) -> None:
        """What the watchlists found, newest first, each with its evidence and article."""
        from jejak.output import render
        from jejak.store import StoreError
        from jejak.watch.store import alerts

        fmt = check_format(fmt)
        with open_read(db) as store:
            try:
                rows = alerts(store, since=since, watch=watch_name, limit=limit)
            except StoreError as e:
                fail(str(e))
        if not rows and fmt == "table":
            print("no alerts" + (f" since {since}" if since else ""))
            return
        cols = ["raised_at", "watch", "kind", "headline", "published", "outlet", "evidence"] if fmt == "table" else None
        render(rows, fmt, columns=cols)

    @app.command("trends")
    def trends_cmd(
        names: Optional[list[str]] = typer.Argument(None, help="An entity (a name, an alias or a kb id); two or more "
                                                    "are compared."),
        by: str = typer.Option("outlet", "--by", help="Split the counts by outlet or by type (mentions, quotes, "
                               "and events by PLOVER type)."),
        watch_name: Optional[str] = typer.Option(None, "--watch", "-w", help="A watchlist's alerts per day instead."),
        movers: bool = typer.Option(False, "--movers", help="The entities that grew most this week against the week "
                                    "before (the week ends on the store's latest day, or --until)."),
        days: int = typer.Option(7, "--days", min=1, max=366, help="With --movers: the length of a period."),
        since: Optional[str] = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
        until: Optional[str] = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
        db: str = db_option,
        fmt: str = format_option,
    ) -> None:
        """Mentions, quotes and events per day for an entity, two entities side by side, a
        watchlist's alerts per day, or the week's top movers."""
        from jejak.output import render
        from jejak.store import StoreError, trends

        fmt = check_format(fmt)
        names = names or []
        chosen = sum((bool(names), bool(watch_name), movers))
        if chosen != 1:
            fail("give an entity (or several to compare), --watch NAME, or --movers.")
        with open_read(db) as store:
            try:
                if movers:
                    rows = trends.movers(store, days=days, until=until)
                elif watch_name:
                    rows = trends.watch_trend(store, watch_name, by=by, since=since, until=until)
                elif len(names) > 1:
                    rows = trends.compare(store, names, since=since, until=until)
                else:
                    rows = trends.entity_trend(store, names[0], by=by, since=since, until=until)
            except StoreError as e:
                fail(str(e))
        if not rows and fmt == "table":
            print("nothing to count" + (f" for {', '.join(names)}" if names else ""))
            return
        render(rows, fmt)
