"""Main text and metadata from an HTML page, via trafilatura (no network, ever).

trafilatura is measured against extraction benchmarks and is what we would otherwise
rebuild badly. We ask it for precision (an analyst prefers a missing paragraph to a menu
read as body), no comments and no tables, and fall back to its baseline extractor when a
truncated or odd page defeats the main algorithm, so a broken page still yields what it has.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

__all__ = ["HtmlExtract", "extract_html"]

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MIN_FALLBACK_CHARS = 80  # below this the baseline text is menu crumbs, not an article


@dataclass(slots=True)
class HtmlExtract:
    """What a page yields; `text` is None when nothing usable was found, `reason` says why."""

    text: str | None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the page says so
    url: str | None = None
    sitename: str | None = None
    reason: str | None = None  # why text is None, or a note such as "baseline fallback"


def _tidy(text: str, title: str | None) -> str:
    """One paragraph per line, no blank lines, no headline repeated as the first line."""
    lines = [_SPACES.sub(" ", ln).strip() for ln in _BLANK_LINES.sub("\n", text).split("\n")]
    lines = [ln for ln in lines if ln]
    if lines and title and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]
    return "\n".join(lines)


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the article body (paragraphs as lines) and page metadata; never raises."""
    if not html or not html.strip():
        return HtmlExtract(None, url=url, reason="empty HTML page")
    try:
        import trafilatura
    except ImportError as exc:  # a broken install: name the module that is really missing
        return HtmlExtract(None, url=url, reason=f"HTML extraction is unavailable: the module {exc.name or exc} "
                                                 "is not installed; reinstall jejak (pip install jejak)")
    # trafilatura logs every page it cannot parse at WARNING/ERROR; our caller reports instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop a batch
        reason = f"trafilatura failed on this page ({type(exc).__name__})"
    else:
        reason = None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    title = (meta.get("title") or None) if meta else None
    date = meta.get("date") if meta else None
    published = date if isinstance(date, str) and _ISO_DATE.match(date) else None
    page_url = (meta.get("url") if meta else None) or url
    sitename = (meta.get("sitename") if meta else None) or None
    text = meta.get("text") if meta else None
    if text and text.strip():
        return HtmlExtract(_tidy(text, title), title, published, page_url, sitename)
    # Truncated or unusual markup: the baseline extractor reads <article>/<p> text.
    try:
        _, base_text, _ = trafilatura.baseline(html)
    except Exception:  # noqa: BLE001
        base_text = ""
    if base_text and len(base_text.strip()) >= _MIN_FALLBACK_CHARS:
        return HtmlExtract(_tidy(base_text, title), title, published, page_url, sitename, reason="baseline fallback")
    return HtmlExtract(
        None,
        title,
        published,
        page_url,
        sitename,
        reason=reason or "no article text found in the HTML (truncated page, or a page without a body?)",
    )
