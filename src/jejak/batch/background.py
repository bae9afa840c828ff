"""Storing beside the analysis: `jejak ingest` hands each analysed record to a writer process.

Analysis is Python and holds the interpreter; storing is mostly Python too (rows, JSON,
fingerprints) before DuckDB's share. In one process the two take turns, and storing cost half
again the analysis. Here the writer process has the other core: it opens the store (and is the
only one that does while the run lasts), takes records from a bounded queue, and writes them in
transactions of up to `batch_size`, sooner when it has caught up with the analysis, so that
little is left to write when the last record is analysed. The queue is bounded, so a writer that
falls behind slows the analysis instead of filling memory.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
from collections.abc import Iterable
from typing import Any

from jejak.store import IngestStats, Store, StoreError

from .lifetime import exit_with_parent

#: Records waiting for the writer at most: about what two batches of articles take in memory.
QUEUE_SIZE = 2000
#: A writer that has caught up writes what it holds once it holds this many (fewer, smaller
#: transactions are slower per record, and a fast writer has time to spare).
CAUGHT_UP_BATCH = 100
#: Seconds between checks that the other side is still alive while waiting on it.
_POLL = 1.0

_DONE = None  # the last item sent: nothing more is coming


def _write_all(db: str, records: Any, results: Any, batch_size: int) -> None:
    """The writer process: open the store, say whether it could, write every record, report."""
    exit_with_parent()  # a killed `jejak ingest` leaves no writer behind (its open batch is rolled back)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the reading; what was analysed is still written
    try:
        store = Store.open(db)
    except StoreError as e:
        results.put(("error", str(e)))
        return
    except Exception as e:  # noqa: BLE001 - whatever stops the writer is said, not only printed
        results.put(("error", f"the store writer could not start ({type(e).__name__}: {e})"))
        return
    store.load_in_bulk()  # the other core is the analysis's; one checkpoint, at the end
    results.put(("ready", None))
    total = IngestStats()
    try:
        with store:
            batch: list[Any] = []
            done = False
            while not done:
                item = records.get()
                if item is _DONE:
                    done = True
                else:
                    batch.append(item)
                if batch and (done or len(batch) >= batch_size
                              or (len(batch) >= CAUGHT_UP_BATCH and records.empty())):
                    total += store.add_many(batch, batch_size)
                    batch = []
    except Exception as e:  # noqa: BLE001 - carried back to the run, which reports it
        results.put(("error", f"{type(e).__name__}: {e}"))
        return
    results.put(("done", total))


class BackgroundWriter:
    """A writer process for one store. `write(records)` stores an iterable of `(record,
    source_text)` pairs (the iterable is consumed here, analysing as it goes) and returns what
    the store did; a store that cannot be opened raises StoreError before any record is read."""

    def __init__(self, db: str, batch_size: int = 1000) -> None:
        ctx = multiprocessing.get_context("spawn")  # no copy of this process's threads or connections
        self._records = ctx.Queue(maxsize=QUEUE_SIZE)
        self._results = ctx.Queue()
        self._process = ctx.Process(target=_write_all, args=(db, self._records, self._results, batch_size),
                                    name="jejak-store-writer", daemon=True)
        self._process.start()
        self._ready = False
        self._error: str | None = None  # the writer's own reason, once known

    def _dead(self) -> StoreError:
        """The writer has gone: its last word if it left one, else how it ended."""
        self._records.cancel_join_thread()  # records nobody will read must not hold this process at exit
        if self._error is None:
            try:
                kind, value = self._results.get(timeout=_POLL)  # a word may still be in the pipe
                self._error = value if kind == "error" else None
            except queue.Empty:
                pass
        if self._error is None:
            code = self._process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            self._error = (f"the store writer stopped ({how}: out of memory, or an error printed above); the "
                           "batches it had committed are stored. Run the same command again.")
        return StoreError(self._error)

    def _reply(self) -> tuple[str, Any]:
        while True:
            try:
                return self._results.get(timeout=_POLL)
            except queue.Empty:
                if not self._process.is_alive():
                    raise self._dead() from None

    def wait_ready(self) -> None:
        """Wait until the writer has the store open; raise its reason when it could not."""
        if not self._ready:
            kind, value = self._reply()
            if kind != "ready":
                self._process.join()
                raise StoreError(value)
            self._ready = True

    def _put(self, item: Any) -> None:
        while True:
            try:
                self._records.put(item, timeout=_POLL)
                return
            except queue.Full:
                if not self._process.is_alive():
                    raise self._dead() from None

    def _finish(self) -> tuple[str, Any]:
        """Say that nothing more comes, and wait for the writer's account."""
        try:
            self._put(_DONE)
            reply = self._reply()
        except BaseException:  # the writer died, or a second Ctrl-C: exit without waiting on the queue
            self._records.cancel_join_thread()
            raise
        self._process.join()
        return reply

    def write(self, records: Iterable[tuple[dict[str, Any], str]]) -> IngestStats:
        self.wait_ready()
        try:
            for n, item in enumerate(records):
                if n % 256 == 255 and not self._process.is_alive():
                    raise self._dead()  # stop analysing for a writer that is gone
                self._put(item)
        except BaseException:
            if self._error is None and self._process.is_alive():
                try:  # the reading stopped (Ctrl-C): what was analysed is written first
                    self._finish()
                except (StoreError, KeyboardInterrupt):
                    pass  # the first reason stands
            raise
        kind, value = self._finish()
        if kind != "done":
            raise StoreError(value)
        return value

    def stop(self) -> None:
        """End the writer at once (a run interrupted): its open transaction is rolled back."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
