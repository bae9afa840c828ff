"""One path from an input record to an analysed article: every entry point goes through here.

`jejak analyze`, `jejak ingest` (plain and `--engine`), `jejak fetch` and the API's
`POST /api/ingest` all read records (files, WARC archives, fetched pages, request bodies) and
hand each one to `analyse_record`, so the same record gets the same article, the same id and
the same rows whichever way it came in. Each record runs under its own guard and time budget:
a bad one becomes an outcome with its origin and reason, never an exception that stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jejak.budget import DEFAULT_ARTICLE_SECONDS, ArticleTimeout, article_budget, timeout_reason
from jejak.ingest.records import InputError, InputRecord
from jejak.kb import KnowledgeBase, default_kb
from jejak.model import Article
from jejak.pipeline import NotAnalysable, analyze_input, warm_up

__all__ = ["Outcome", "analyse_record", "analyse_records"]


@dataclass(slots=True)
class Outcome:
    """What became of one input: an article, or a reason it was skipped (not analysable by
    design: another language, no text) or failed (unreadable, a bug, past its time budget)."""

    origin: str
    article: Article | None = None
    status: str = "ok"  # ok, skipped or failed
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}" if self.reason else self.origin


def analyse_record(item: InputRecord | InputError, *, lang: str | None = None, kb: KnowledgeBase | None = None,
                   article_seconds: float = DEFAULT_ARTICLE_SECONDS) -> Outcome:
    """Analyse one record under its own guard and time budget; never raises for bad input."""
    if isinstance(item, InputError):
        return Outcome(item.origin, status="skipped" if item.skip else "failed", reason=item.reason)
    try:
        with article_budget(article_seconds):
            article = analyze_input(item, lang, kb)
    except ArticleTimeout:
        return Outcome(item.origin, status="failed", reason=timeout_reason(article_seconds))
    except NotAnalysable as e:
        return Outcome(item.origin, status="skipped", reason=str(e))
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
        return Outcome(item.origin, status="failed",
                       reason=f"analysis failed ({type(e).__name__}: {str(e)[:200]}); please report this article")
    return Outcome(item.origin, article=article)


def analyse_records(items: Iterable[InputRecord | InputError], *, lang: str | None = None,
                    kb: KnowledgeBase | None = None,
                    article_seconds: float = DEFAULT_ARTICLE_SECONDS) -> Iterator[Outcome]:
    """Analyse records as they are read (streaming: nothing is read ahead), one outcome each.

    The lexicons and the knowledge base are loaded before the first record is timed, so the
    cold start of a process never counts against an article's budget."""
    kb = kb or default_kb()
    for item in items:
        if isinstance(item, InputRecord):
            warm_up(kb, html=item.text is None)  # each kind once per process; then a set look-up
        yield analyse_record(item, lang=lang, kb=kb, article_seconds=article_seconds)
