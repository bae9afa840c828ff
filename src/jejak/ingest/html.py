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

from jejak.dates import publication_moment

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
    published: str | None = None  # the page's publication time with its zone when it gives one, else YYYY-MM-DD
    url: str | None = None  # the canonical URL when the page names one
    sitename: str | None = None
    reason: str | None = None  # why text is None, or a note such as "baseline fallback"
    author: str | None = None


# Where pages state their publication moment, most specific first: Open Graph / article tags,
# schema.org, Dublin Core, Parse.ly, and the tags of Indonesian outlets' templates.
_MOMENT_TAGS = ("article:published_time", "og:article:published_time", "og:published_time", "datepublished",
                "content_publisheddate", "dtk:publishdate", "publishdate", "pubdate", "publish-date",
                "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date")
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_MAX_META = 400  # a page with more <meta> tags than this is not worth searching for one
# A tag of thousands of attributes (`<p a0 a1 …>`, with or without values) makes libxml2's
# duplicate-attribute check quadratic inside C, where no time budget reaches: such a tag keeps
# its name and loses its attributes before the page is parsed. Tags are scanned as libxml2 reads
# them (a quoted `>` does not end one), with possessive patterns, so the scan is linear.
_TAG_START = re.compile(r"<([A-Za-z][\w:.-]{0,40})")
_TAG_BODY = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+""")
_QUOTED = re.compile(r""""[^"]*+"|'[^']*+'""")
_SPACE_RUN = re.compile(r"\s+")
_LONG_TAG = 2048  # characters: below this a tag cannot hold enough attributes to matter
_MAX_ATTRIBUTES = 256


def _defuse(html: str) -> str:
    """The page with every tag of more than `_MAX_ATTRIBUTES` attributes stripped of them."""
    pieces: list[str] = []
    kept = pos = 0
    while (m := _TAG_START.search(html, pos)) is not None:
        end = _TAG_BODY.match(html, m.end()).end()
        closed = end < len(html) and html[end] == ">"
        stop = end + 1 if closed else len(html)
        if stop - m.start() > _LONG_TAG:
            body = _QUOTED.sub(" ", html[m.end():end])
            if len(_SPACE_RUN.findall(body)) > _MAX_ATTRIBUTES:
                pieces += [html[kept:m.start()], f"<{m.group(1)}>"]
                kept = stop
        pos = max(end, m.end()) + (1 if closed else 0)
        if not closed and end >= len(html):
            break
    return "".join(pieces) + html[kept:] if pieces else html


def _page_metadata(tree) -> tuple[str | None, str | None]:
    """The publication moment (`2025-07-08T13:45:00+07:00`, only when it has a clock time) and
    the canonical URL, read from the page's own tags before trafilatura prunes the tree."""
    found: dict[str, str] = {}
    for n, meta in enumerate(tree.iter("meta")):
        if n >= _MAX_META:
            break
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _MOMENT_TAGS and key not in found and meta.get("content"):
            found[key] = meta.get("content").strip()
    candidates = [found[k] for k in _MOMENT_TAGS if k in found]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.extend(_LD_PUBLISHED.findall(script.text[:200_000]))
    moment = None
    for value in candidates:
        value = value.replace("/", "-")  # `2025/10/13 13:45:00` (Detik's template)
        if publication_moment(value) is not None:
            moment = value
            break
    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith("http"):
            canonical = link.get("href").strip()
            break
    return moment, canonical


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
    moment = canonical = None
    try:
        from trafilatura.utils import load_html

        html = _defuse(html)
        tree = load_html(html)
        if tree is not None:
            moment, canonical = _page_metadata(tree)
        doc = trafilatura.bare_extraction(
            tree if tree is not None else html,
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
    published = moment or (date if isinstance(date, str) and _ISO_DATE.match(date) else None)
    page_url = canonical or (meta.get("url") if meta else None) or url
    sitename = (meta.get("sitename") if meta else None) or None
    author = (meta.get("author") if meta else None) or None
    text = meta.get("text") if meta else None
    if text and text.strip():
        return HtmlExtract(_tidy(text, title), title, published, page_url, sitename, author=author)
    # Truncated or unusual markup: the baseline extractor reads <article>/<p> text.
    try:
        _, base_text, _ = trafilatura.baseline(html)
    except Exception:  # noqa: BLE001
        base_text = ""
    if base_text and len(base_text.strip()) >= _MIN_FALLBACK_CHARS:
        return HtmlExtract(_tidy(base_text, title), title, published, page_url, sitename, reason="baseline fallback",
                           author=author)
    return HtmlExtract(
        None,
        title,
        published,
        page_url,
        sitename,
        author=author,
        reason=reason or "no article text found in the HTML (truncated page, or a page without a body?)",
    )
