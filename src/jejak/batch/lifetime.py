"""A child process's life bound to its parent's (no third-party imports: plain `ingest` uses it too)."""

from __future__ import annotations

import multiprocessing
import os
import threading


def exit_with_parent() -> None:
    """In a child process: end it as soon as the process that started it is gone. A parent
    killed with SIGKILL cannot stop its children, and orphans would go on working (and holding
    memory, or a store's lock) for a run nobody waits for."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # waits on the parent's sentinel: no polling
        os._exit(1)

    threading.Thread(target=watch, name="jejak-exit-with-parent", daemon=True).start()
