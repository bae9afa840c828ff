"""jejak: who said and did what, to whom, when and where in Indonesian news — with the evidence.

`jejak.analyze(text_or_html, *, lang=None, published=None, url=None, title=None) -> Article`
`jejak.Store.open(path).quotes(speaker="Jokowi")` and the store's other lists as pandas DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "NotAnalysable", "Store", "analyze", "__version__"]

if TYPE_CHECKING:
    from jejak.model import Article
    from jejak.pipeline import NotAnalysable, analyze
    from jejak.store import Store


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import jejak.model` stays cheap for tools and workers.
    if name in ("analyze", "NotAnalysable"):
        from jejak import pipeline

        return getattr(pipeline, name)
    if name == "Store":
        from jejak.store import Store

        return Store
    if name == "Article":
        from jejak.model import Article

        return Article
    raise AttributeError(name)
