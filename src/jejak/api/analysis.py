"""Analysis for the server: on a few threads of its own, each article under a time budget.

Analysis is CPU-bound Python. Run on the request threads, four long articles took all of them
and `/api/health` waited 84 s behind them; with no budget the work went on after the clients
had left. Here at most `workers` analyses run at once and as many again may wait; a request
that finds the pool full is answered 503 at once instead of queueing without bound, and each
article is stopped after `seconds` (`jejak serve --analysis-timeout`).
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from jejak.budget import timeout_reason
from jejak.ingest.records import InputRecord
from jejak.intake import Outcome, analyse_record
from jejak.kb import default_kb
from jejak.pipeline import warm_up

T = TypeVar("T")

#: Seconds one pasted or posted article may take: a long article needs about a second.
DEFAULT_ANALYSIS_SECONDS = 20.0
#: Seconds a client told "busy" should wait before it asks again.
RETRY_AFTER = 5


class AnalysisBusy(Exception):
    """Every analysis worker is taken, and so is every place to wait."""


def default_workers() -> int:
    """Analysis threads: one on a small machine, so that reads keep a core; two from 4 cores."""
    return 2 if (os.cpu_count() or 1) >= 4 else 1


class AnalysisPool:
    """A bounded pool of analysis threads, made on first use and dropped when the app stops."""

    def __init__(self, seconds: float = DEFAULT_ANALYSIS_SECONDS, workers: int | None = None) -> None:
        if seconds <= 0:
            raise ValueError("the analysis timeout must be more than 0 seconds")
        self.seconds = seconds
        self.workers = workers or default_workers()
        self.capacity = 2 * self.workers  # running and waiting together
        self._lock = threading.Lock()
        self._in_flight = 0
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, job: Callable[[], T]) -> T:
        """`job()` on an analysis thread; AnalysisBusy at once when the pool is full."""
        return await asyncio.wrap_future(self._submit(job))

    def analyse(self, item: InputRecord, lang: str | None = None) -> Outcome:
        """One record through `jejak.intake` under this pool's budget; call it inside a job."""
        warm_up(default_kb())  # a cold start (loading the lexicons) is not the first article's fault
        return analyse_record(item, lang=lang, article_seconds=self.seconds)

    def timed_out(self, outcome: Outcome) -> bool:
        return outcome.article is None and outcome.reason == timeout_reason(self.seconds)

    def timeout_message(self) -> str:
        return (f"the analysis took longer than this server's {self.seconds:g} s budget and was stopped; "
                "send a shorter article, or start the server with a longer `jejak serve --analysis-timeout`")

    def busy_message(self) -> str:
        return (f"the server is busy analysing other articles (at most {self.workers} at once); "
                f"send the request again in {RETRY_AFTER} seconds")

    def close(self) -> None:
        """Drop the waiting jobs; the running ones end within their budget."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _submit(self, job: Callable[[], T]) -> Future[T]:
        with self._lock:
            if self._in_flight >= self.capacity:
                raise AnalysisBusy(self.busy_message())
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="jejak-analysis")
            future = self._executor.submit(job)
            self._in_flight += 1
        future.add_done_callback(self._done)  # when the work ends, not when its client stops waiting
        return future

    def _done(self, _: Future) -> None:
        with self._lock:
            self._in_flight -= 1
