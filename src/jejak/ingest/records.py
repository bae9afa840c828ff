"""What the readers deliver: one input record per article, or an error that says what to do.

Every reader (files, stdin, WARC, feeds, fetched pages, API requests) produces these, and one
function (`jejak.intake.analyse_record`) turns each into an analysed article.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass

__all__ = ["InputRecord", "InputError", "clean_field", "os_reason"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_FIELD = 4000  # an id, title, URL or date longer than this is not metadata

#: The largest input read as one article (a text or HTML file, a JSONL line, a WARC record). A long
#: news article is some tens of KB of text and a heavy page a few MB of HTML; a larger input is a
#: dump or a book, and analysed as one article it would cost seconds per MB and mean little.
DEFAULT_MAX_BYTES = 5_000_000


def size_reason(size: int, max_bytes: int, what: str = "file") -> str:
    """Why an input over `max_bytes` is skipped, and what to do about it."""
    return (f"{what} is {size:,} bytes, over the limit of {max_bytes:,} bytes: far longer than any news article "
            "(a long one is tens of KB of text, a heavy page a few MB of HTML); split it into articles, or raise "
            "--max-bytes if it really is one")


def clean_field(value: object) -> str | None:
    """A metadata field as safe text: a string (numbers and the like as written), lone surrogates
    (`"\\ud800"` in JSON) replaced, cut to a sane length; None for nothing. Such a field must never
    fail later, when it is hashed, stored or written to a shard."""
    if value is None:
        return None
    try:
        text = value if isinstance(value, str) else str(value)
    except ValueError:  # an integer too long to print
        return None
    text = _SURROGATE.sub("\ufffd", text[:_MAX_FIELD])
    return text or None


@dataclass(slots=True)
class InputRecord:
    """One article as read: either `text` or `html` is set (both may be, after `prepare`)."""

    id: str | None  # None: the analysis names the article by its text's hash
    text: str | None
    html: str | None
    url: str | None
    title: str | None
    published: str | None
    origin: str  # "path" or "path:line", for messages
    encoding: str | None = None  # codec the bytes were decoded with
    note: str | None = None  # e.g. "decoded as cp1252 (fallback)"
    lang: str | None = None  # filled by `prepare`
    lang_confidence: float | None = None


@dataclass(slots=True)
class InputError:
    """An input that could not be read, with a user-facing reason that says what to do."""

    origin: str
    reason: str
    skip: bool = False  # not an article by design (a redirect, an image in a crawl): skipped, not failed

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def os_reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"compressed file is truncated or corrupt ({exc}); re-download or re-compress it"
    return f"cannot read ({exc.strerror or exc})" if isinstance(exc, OSError) else f"cannot read ({exc})"
