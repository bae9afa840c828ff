"""The per-article time budget: a runaway analysis is stopped and reported, and the batch goes on."""

from __future__ import annotations

import threading
import time

import pytest

from jejak.budget import ArticleTimeout, article_budget


def spin(seconds: float) -> int:
    """A pure-Python loop standing in for an analysis that has lost its way."""
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_a_runaway_block_is_stopped_near_its_budget():
    started = time.monotonic()
    with pytest.raises(ArticleTimeout):
        with article_budget(0.3):
            spin(20)
    assert time.monotonic() - started < 3


def test_quick_blocks_are_never_interrupted_and_nothing_leaks_after_a_timeout():
    with pytest.raises(ArticleTimeout):
        with article_budget(0.2):
            spin(20)
    for _ in range(2000):  # many short articles right after a stopped one
        with article_budget(0.2):
            sum(range(50))
    spin(1.5)  # outside any budget: no stray exception arrives later


def test_no_budget_times_nothing():
    with article_budget(0):
        assert spin(0.8) > 0  # three times the watchdog's look-interval: a 0 s budget would have fired


def test_the_budget_works_in_a_worker_thread_as_on_dask():
    seen: list[str] = []

    def task() -> None:
        try:
            with article_budget(0.3):
                spin(20)
            seen.append("finished")
        except ArticleTimeout:
            seen.append("stopped")

    worker = threading.Thread(target=task)
    worker.start()
    worker.join(10)
    assert seen == ["stopped"]


def test_a_pipeline_catching_exception_cannot_swallow_the_timeout():
    swallowed = []
    started = time.monotonic()
    with pytest.raises(ArticleTimeout):
        with article_budget(0.3):
            try:
                spin(20)
            except Exception:  # noqa: BLE001 - what a careless extractor might do
                swallowed.append(True)
            spin(20)
    assert not swallowed and time.monotonic() - started < 3


def test_two_threads_timed_at_once_are_each_stopped_or_left_alone():
    seen: dict[str, str] = {}

    def task(name: str, seconds: float) -> None:
        try:
            with article_budget(1.0):  # the quick one needs 0.1 s: a margin that holds on a loaded machine
                spin(seconds)
            seen[name] = "finished"
        except ArticleTimeout:
            seen[name] = "stopped"

    slow = threading.Thread(target=task, args=("slow", 20))
    quick = threading.Thread(target=task, args=("quick", 0.1))
    slow.start()
    time.sleep(0.05)
    quick.start()  # starts later and ends first: the slow one must still be timed
    slow.join(10)
    quick.join(10)
    assert seen == {"slow": "stopped", "quick": "finished"}
