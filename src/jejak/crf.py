"""Opening the shipped crfsuite models, one per thread.

A crfsuite tagger keeps the last sequence it tagged for the marginals asked after it, so two
analyses at once (the API's worker threads, the batch runner) must not share one: each thread
opens its own, once.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_PER_THREAD = threading.local()
_MISSING = object()


def open_crf(resource: str, model_path: str | None = None) -> Any:
    """A `pycrfsuite.Tagger` on a model file: one shipped in `jejak/models` or one at `model_path`."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    if model_path is None:
        with resources.as_file(resources.files("jejak.models").joinpath(resource)) as path:
            tagger.open(str(path))
    else:
        tagger.open(model_path)
    return tagger


def per_thread(name: str, make: Callable[[], T]) -> T | None:
    """This thread's instance of a shipped model, made on first use; None when its file or
    python-crfsuite is missing (the caller goes on without it)."""
    found = getattr(_PER_THREAD, name, None)
    if found is _MISSING:
        return None
    if found is None:
        try:
            found = make()
        except (ImportError, FileNotFoundError, OSError):
            setattr(_PER_THREAD, name, _MISSING)
            return None
        setattr(_PER_THREAD, name, found)
    return found
