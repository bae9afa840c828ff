"""`jejak eval GOLD_DIR`: analyse every gold article and score it."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from jejak.eval.gold import load_gold_dir
from jejak.eval.score import CATEGORIES, Report, score_article
from jejak.pipeline import analyze


def evaluate_gold(gold_dir: Path) -> Report:
    scores = []
    for item in load_gold_dir(gold_dir):
        article = analyze(item.text, lang=item.gold.get("lang"), published=item.published, url=item.url,
                          title=item.title, id=item.id)
        scores.append(score_article(article.to_dict(), item.gold))
    return Report(scores)


def print_report(report: Report, verbose: bool = False, console: Console | None = None) -> None:
    con = console or Console()
    if verbose:
        for art in report.articles:
            if art.misses:
                con.rule(art.id)
                for line in art.misses:
                    con.print(" ", line, markup=False)
    table = Table(title=f"jejak eval — {len(report.articles)} gold articles")
    for col in ("category", "P", "R", "F1", "speaker acc", "end-to-end F1", "tp/pred/gold"):
        table.add_column(col, justify="right" if col != "category" else "left")
    for cat in CATEGORIES:
        c = report.total(cat)
        speaker = f"{c.accuracy:.3f}" if cat in ("direct", "indirect") else ""
        e2e = f"{c.end_to_end_f1:.3f}" if cat in ("direct", "indirect") else ""
        label = {"direct": "quotes (direct)", "indirect": "quotes (indirect)"}.get(cat, cat)
        table.add_row(label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", speaker, e2e,
                      f"{c.tp}/{c.pred}/{c.gold}")
    table.add_row("clean body", "", "", f"{report.body_share:.3f}", "", "", "")
    con.print(table)
