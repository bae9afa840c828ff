"""Article URLs from RSS/Atom feeds, XML sitemaps and plain URL lists.

A monitor follows outlets through what they publish for machines: an RSS or Atom feed
(read with feedparser, which copes with the broken feeds real sites serve), a sitemap
(`urlset`, or a `sitemapindex` that points to more sitemaps), or a text file with one URL
per line. Nothing here touches the network: callers hand over the bytes they fetched.

XML from the web is untrusted. Sitemaps are parsed with the standard library only after
refusing any document that declares a DTD or entities (the billion-laughs and external-entity
attacks need one), and gzipped sitemaps are decompressed with a cap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import io
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from jejak.dates import iso_day, parse_moment
from jejak.ingest.readers import looks_like_html

__all__ = [
    "MAX_SITEMAP_BYTES",
    "FeedError",
    "FeedItem",
    "parse_sitemap",
    "parse_url_list",
    "sniff_kind",
    "urls_from_feed",
    "urls_from_list",
    "urls_from_sitemap",
]

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps.org limit for one (uncompressed) sitemap
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF = 4096

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_DTD_FEED = re.compile(rb"<!ENTITY", re.IGNORECASE)
# what may precede the root element: BOM, whitespace, XML declaration, comments, PIs, a doctype
_PROLOGUE = re.compile(
    r"\A(?:\ufeff|\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_SCHEMES = ("http", "https")


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message says why and what to do."""


@dataclass(slots=True, frozen=True)
class FeedItem:
    """One article a feed or sitemap lists: its absolute URL and, when given, title and date."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 in UTC, e.g. "2024-12-04T10:00:00+00:00"


def _web_url(value: str | None, base_url: str | None = None) -> str | None:
    """`value` as an absolute http(s) URL (resolved against base_url), or None."""
    if not value:
        return None
    value = value.strip()
    if base_url:
        try:
            value = urljoin(base_url, value)
        except ValueError:
            return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname or any(c.isspace() for c in value):
        return None
    return value


def _gunzip(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise FeedError(f"gzipped data is truncated or corrupt ({exc})") from None
    if len(out) > limit:
        raise FeedError(f"decompressed data is over {limit:,} bytes; refused (a sitemap may hold 50 MB at most)")
    return out


def sniff_kind(data: bytes, content_type: str | None = None) -> str:
    """What a fetched body is: "feed", "sitemap", "html", "text" or "unknown".

    The root element decides (`rss`, `feed`, `rdf:RDF` → feed; `urlset`, `sitemapindex` →
    sitemap), since servers label feeds as text/xml, text/html or octet-stream alike;
    the content type only settles what the markup does not.
    """
    head_bytes = data[:_SNIFF]
    if data.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
                head_bytes = f.read(_SNIFF)
        except (OSError, EOFError, zlib.error):
            return "unknown"
    head = head_bytes.decode("utf-8", "replace")
    if head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head_bytes.decode("utf-16", "replace")
    m = _ROOT.match(head, _PROLOGUE.match(head).end())
    if m:
        root = m.group(1).lower()
        local = root.rsplit(":", 1)[-1]
        if local in ("rss", "feed") or root == "rdf:rdf":
            return "feed"
        if local in ("urlset", "sitemapindex"):
            return "sitemap"
        if local == "html":
            return "html"
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if "html" in ctype:
        return "html"
    if looks_like_html(head):
        return "html"
    if ctype.startswith("text/"):
        return "text"
    return "unknown"


def _iso(struct: object) -> str | None:
    if struct is None:
        return None
    try:
        moment = dt.datetime.fromtimestamp(calendar.timegm(struct), tz=dt.UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment.isoformat()


def urls_from_feed(data: bytes | str, base_url: str | None = None) -> list[FeedItem]:
    """The articles an RSS or Atom feed lists, in feed order, duplicates dropped.

    Relative links are resolved against `base_url` (the URL the feed was fetched from).
    Raises FeedError when the bytes are not a feed at all; a feed with a few broken
    entries still yields the good ones.
    """
    import feedparser

    if isinstance(data, str):
        data = data.encode("utf-8")  # never a str: feedparser would fetch a string that looks like a URL
    if _DTD_FEED.search(data[: 1 << 16]):
        raise FeedError("feed declares XML entities; refused (entity expansion can exhaust memory)")
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        exc = parsed.get("bozo_exception")
        why = f" ({exc})" if exc else ""
        raise FeedError(f"not an RSS or Atom feed{why}; check the URL points at the feed itself")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in entries:
        link = entry.get("link")
        if not link:
            for alt in entry.get("links") or []:
                if alt.get("href") and alt.get("rel", "alternate") == "alternate":
                    link = alt["href"]
                    break
        if not link and entry.get("guidislink"):
            link = entry.get("id")
        url = _web_url(link, base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        title = (entry.get("title") or "").strip() or None
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        items.append(FeedItem(url, title, published))
    return items


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes) -> tuple[str, list[FeedItem]]:
    """("urlset" | "sitemapindex", entries) from a sitemap, gzipped or not.

    For a `urlset` the entries are pages (with `lastmod`, or a Google News
    `publication_date`, as `published`); for a `sitemapindex` they are further sitemaps.
    Raises FeedError for a document with a DTD or entities, broken XML or another root.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = _gunzip(data)
    if _DTD.search(data):
        raise FeedError("sitemap declares a DTD or XML entities; refused (sitemaps never need one, "
                        "and entity expansion can exhaust memory)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"sitemap is not well-formed XML ({exc}); it may be truncated") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"not a sitemap (root element <{kind}>, expected <urlset> or <sitemapindex>)")
    child = "url" if kind == "urlset" else "sitemap"
    items: list[FeedItem] = []
    seen: set[str] = set()
    for el in root:
        if _local(el.tag) != child:
            continue
        loc = lastmod = title = None
        for sub in el:
            name = _local(sub.tag)
            if name == "loc":
                loc = loc or (sub.text or "").strip() or None
            elif name == "lastmod":
                lastmod = lastmod or (sub.text or "").strip() or None
        for sub in el.iter():  # Google News extension: <news:news><news:publication_date>, <news:title>
            name = _local(sub.tag)
            text = (sub.text or "").strip() or None
            if name == "publication_date" and text:
                lastmod = text
            elif name == "title" and text and title is None:
                title = text
        url = _web_url(loc)
        if url is None or url in seen:
            continue
        seen.add(url)
        items.append(FeedItem(url, title, _iso_text(lastmod)))
    return kind, items


def _iso_text(value: str | None) -> str | None:
    """A W3C datetime from a sitemap, checked: `2024-12-04` or `2024-12-04T10:00:00+07:00`."""
    if not value:
        return None
    value = value.strip()
    found = iso_day(value) if len(value) == 10 else parse_moment(value)
    return found.isoformat() if found is not None else None


def urls_from_sitemap(data: bytes) -> list[str]:
    """The URLs a sitemap lists: pages for a `urlset`, sitemaps for a `sitemapindex`
    (use `parse_sitemap` to tell which)."""
    return [item.url for item in parse_sitemap(data)[1]]


def parse_url_list(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """(urls, problems) from one URL per line; blank lines and `#` comments skipped,
    duplicates dropped; each bad line becomes (line number, reason) instead of an exception."""
    urls: list[str] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if " #" in line or "\t#" in line:  # a trailing comment
            line = re.split(r"\s+#", line, maxsplit=1)[0].strip()
        url = _web_url(line)
        if url is None:
            problems.append((lineno, f"not an http(s) URL: {line[:80]!r}"))
            continue
        if url not in seen:
            seen.add(url)
            urls.append(url)
    return urls, problems


def urls_from_list(text: str) -> list[str]:
    """The http(s) URLs in a list with one per line (`#` comments, blank lines and bad lines skipped)."""
    return parse_url_list(text)[0]
