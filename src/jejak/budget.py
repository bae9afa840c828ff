"""A time budget per article, so that one pathological input cannot stall a whole crawl.

The analysis is pure Python, so a watchdog thread can stop it: when an article runs past its
budget, the watchdog raises `ArticleTimeout` in the thread analysing it (CPython's
`PyThreadState_SetAsyncExc`), which works in a pool worker's main thread and in a Dask worker's
task thread alike. The exception derives from `BaseException`, so no `except Exception` inside
the pipeline swallows it. A single call into C that never returns (a regular expression that
backtracks for ever) is not interrupted until it returns; the budget bounds Python loops.

The watchdog is one daemon thread per process that looks at the articles being timed four times
a second, so a budget is kept to within a quarter of a second; the hot path only takes a lock
and sets a deadline, and never wakes the watchdog.
"""

from __future__ import annotations

import ctypes
import threading
import time
from types import TracebackType


#: Seconds one article may take: thousands of times what a long article needs (a few ms to a second).
DEFAULT_ARTICLE_SECONDS = 120.0


def timeout_reason(seconds: float) -> str:
    """What a report says of an article stopped by its budget."""
    return (f"analysis stopped after {seconds:g} s (the --article-timeout budget); "
            "please report this article, it found a slow path in jejak")


class ArticleTimeout(BaseException):
    """The analysis of one article ran past its time budget."""


_POLL = 0.25  # seconds between the watchdog's looks; a budget is kept to within this


class _Watchdog:
    """Looks at the articles being timed four times a second; never woken by the hot path.

    Several threads may be timed at once (a Dask worker with more than one thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._token = 0
        self._timed: dict[int, tuple[int, float]] = {}  # token -> (thread id, deadline)
        self._fired: set[int] = set()
        self._thread: threading.Thread | None = None

    def start(self, seconds: float) -> int:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="jejak-article-budget", daemon=True)
                self._thread.start()
            self._token += 1
            self._timed[self._token] = (threading.get_ident(), time.monotonic() + seconds)
            return self._token

    def stop(self, token: int) -> bool:
        """Stop timing; True when the watchdog fired for this article."""
        with self._lock:
            self._timed.pop(token, None)
            fired = token in self._fired
            self._fired.discard(token)
            return fired

    def _watch(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                for token, (thread, deadline) in list(self._timed.items()):
                    if now >= deadline:
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                                                   ctypes.py_object(ArticleTimeout))
                        self._fired.add(token)
                        del self._timed[token]
                soonest = min((deadline for _, deadline in self._timed.values()), default=now + _POLL)
                pause = min(max(soonest - now, 0.01), _POLL)
            time.sleep(pause)


_WATCHDOG = _Watchdog()


class article_budget:  # noqa: N801 - used as a context manager, like `open`
    """`with article_budget(seconds): analyse(...)` raises `ArticleTimeout` past the budget.

    A budget of 0 or less times nothing. The exception is raised inside the block or, when the
    watchdog fired just as the block ended, on leaving it; never later.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._token = 0

    def __enter__(self) -> "article_budget":
        if self.seconds > 0:
            self._token = _WATCHDOG.start(self.seconds)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.seconds <= 0:
            return
        if _WATCHDOG.stop(self._token) and kind is not ArticleTimeout:
            # The watchdog fired as the block ended and its exception is still pending in this
            # thread: withdraw it, so that it cannot go off in whatever runs next, and raise here.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)
            if kind is None:
                raise ArticleTimeout
