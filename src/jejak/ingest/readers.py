"""Read articles from files, folders and stdin into uniform records, never raising on bad input.

A batch over thousands of scraped files must not die on the one that is empty, binary,
truncated or in the wrong encoding: each bad input becomes an `InputError` that names the
file (and line) and tells the user what to do, and every good record still comes through.
Supported: JSONL/NDJSON (optionally gzipped; one article per line), JSON (one object or a
list), HTML, plain text, and WARC web archives (.warc[.gz], see warc.py); folders are read
recursively in sorted order; `-` is stdin.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from jejak.ingest.decode import SNIFF_BYTES, binary_reason, decode_bytes
from jejak.ingest.records import DEFAULT_MAX_BYTES, InputError, InputRecord, clean_field, os_reason, size_reason
from jejak.ingest.warc import read_warc

__all__ = ["InputRecord", "InputError", "read_inputs", "read_jsonl_lines", "prepare", "looks_like_html"]

_GZIP_MAGIC = b"\x1f\x8b"
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MAX_BAD_LEAD = 20  # this many bad lines before any good one: not a JSONL file at all

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|section|header|nav|p|script|link)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_INSIDE = re.compile(r"<(?:html|body|head)[\s>]|</(?:p|div|a)>", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")

# Field names accepted in a JSON record, first match wins.
_TEXT_KEYS = ("text", "body", "content")
_HTML_KEYS = ("html", "raw_html")
_URL_KEYS = ("url", "link")
_DATE_KEYS = ("published", "date")


def looks_like_html(text: str) -> bool:
    """True when the start of `text` is markup rather than prose."""
    head = text[:4096]
    return bool(_HTML_START.match(head) or len(_HTML_INSIDE.findall(head)) >= 3)


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    if name.endswith(".warc"):
        return "warc"
    return "auto"


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def record_from_object(obj: Any, default_id: str, origin: str, encoding: str | None) -> InputRecord | InputError:
    if not isinstance(obj, dict):
        return InputError(origin, f"a JSON {type(obj).__name__}, not an object with 'text' or 'html'; "
                                  "each record must be an object like {\"id\": ..., \"text\": ...}")
    text = _first(obj, _TEXT_KEYS)
    html = _first(obj, _HTML_KEYS)
    if text is None and html is None:
        return InputError(origin, "record has neither 'text' nor 'html' (or both are empty); "
                                  "give each record the article body in one of them")
    if (text is not None and not isinstance(text, str)) or (html is not None and not isinstance(html, str)):
        return InputError(origin, "'text' and 'html' must be strings")
    if text is not None:
        text = _NEWLINES.sub("\n", text)
    return InputRecord(
        id=clean_field(obj.get("id")) or default_id,
        text=text,
        html=html,
        url=clean_field(_first(obj, _URL_KEYS)),
        title=clean_field(obj.get("title") or None),
        published=clean_field(_first(obj, _DATE_KEYS)),
        origin=origin,
        encoding=encoding,
    )


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_line(raw: bytes, lineno: int, name: str, stem: str) -> InputRecord | InputError | None:
    """One JSON Lines line as a record (id `stem:lineno` when it has none), an error, or None
    for a blank line. Shared by the whole-file reader and the batch engine's line ranges."""
    origin = f"{name}:{lineno}"
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    encoding = "utf-8"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in raw:
            return InputError(origin, "binary data, not a JSON line")
        line, encoding = raw.decode("latin-1"), "latin-1"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"line is not valid JSON ({exc.msg} at column {exc.colno}); fix or remove this line")
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, objects nested 100,000 deep
        return InputError(origin, f"line cannot be read as JSON ({type(exc).__name__}: {str(exc)[:120]}); "
                                  "fix or remove this line")
    item = record_from_object(obj, f"{stem}:{lineno}", origin, encoding)
    if isinstance(item, InputRecord) and encoding != "utf-8":
        item.note = "line was not valid UTF-8; decoded as Latin-1"
    return item


def _read_jsonl(stream: IO[bytes], name: str, stem: str, max_bytes: int, first_line: int = 1,
                last_line: int | None = None) -> Iterator[InputRecord | InputError]:
    """One record per line (lines `first_line`..`last_line` when given); a bad line is reported
    and skipped, never fatal."""
    lineno = first_line - 1
    good = 0
    bad_lead = 0
    while last_line is None or lineno < last_line:
        origin = f"{name}:{lineno + 1}"
        try:
            raw = stream.readline(max_bytes + 1)
        except (EOFError, OSError, zlib.error) as exc:
            yield InputError(origin, f"compressed data is truncated or corrupt ({exc}); "
                                     f"{good} records before this point were read")
            return
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield InputError(origin, f"line is longer than the limit of {max_bytes:,} bytes; "
                                     "raise max_bytes (--max-bytes) if this article is real")
            continue
        item = _parse_line(raw, lineno, name, stem)
        if item is None:
            continue
        if isinstance(item, InputError):
            if good == 0 and first_line == 1:  # a range further in has seen good lines before it
                bad_lead += 1
                if bad_lead >= _MAX_BAD_LEAD:
                    yield item
                    yield InputError(name, f"gave up after {bad_lead} bad lines and no good one; "
                                           "is this really a JSON Lines file (one JSON object per line)?")
                    return
        else:
            good += 1
        yield item


def read_jsonl_lines(path: str | Path, start: int = 0, stop: int | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputRecord | InputError]:
    """Records of lines `start + 1`..`stop` of a JSON Lines file (gzipped or not; all lines
    when `stop` is None), exactly as `read_inputs` reads them from the whole file: the batch
    engine's partitions read this way. Problems of the whole file (empty, binary) are reported
    by the range that starts at line 1."""
    path = Path(path)
    name = str(path)
    try:
        if start == 0 and path.stat().st_size == 0:
            yield InputError(name, "empty file")
            return
        with open_maybe_gzip(path) as stream:
            if start == 0:
                head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
                reason = binary_reason(head)
                if reason:
                    yield InputError(name, reason)
                    return
            for _ in range(start):  # whole lines, however long: the planner counted newlines
                chunk = stream.readline(1 << 20)
                if not chunk:
                    return
                if not chunk.endswith(b"\n"):
                    _skip_rest_of_line(stream)
            yield from _read_jsonl(stream, name, _stem(path), max_bytes, first_line=start + 1, last_line=stop)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(name, os_reason(exc))


#: A `.json` file (one article, or a list of them) is read whole, up to this many times max_bytes.
JSON_LIST_FACTOR = 4


def _json_size_reason(size: int, cap: int) -> str:
    return (f"file is {size:,} bytes, over the limit of {cap:,} bytes for a .json file, which is read whole; "
            "write its articles as JSON Lines (one per line, .jsonl), which is read a line at a time")


def _read_json(data: bytes, name: str, stem: str) -> Iterator[InputRecord | InputError]:
    dec = decode_bytes(data)
    if dec.text is None:
        yield InputError(name, dec.error or "unreadable")
        return
    try:
        obj = json.loads(dec.text)
    except json.JSONDecodeError as exc:
        yield InputError(name, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                               "for one article per line name the file .jsonl")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield record_from_object(item, f"{stem}:{i + 1}", f"{name}[{i}]", dec.encoding)
    else:
        yield record_from_object(obj, stem, name, dec.encoding)


def _record_from_bytes(data: bytes, kind: str, name: str, stem: str) -> InputRecord | InputError:
    dec = decode_bytes(data)
    if dec.text is None:
        return InputError(name, dec.error or "unreadable")
    text = dec.text.lstrip("\ufeff")
    note = f"decoded as {dec.encoding} ({dec.how})" if dec.how in ("fallback", "meta", "utf-16-guess") else None
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        return InputRecord(stem, None, text, None, None, None, name, dec.encoding, note)
    text = _NEWLINES.sub("\n", text)
    if not text.strip():
        return InputError(name, "empty file (whitespace only)")
    return InputRecord(stem, text, None, None, None, None, name, dec.encoding, note)



def open_maybe_gzip(path: Path) -> IO[bytes]:
    f = open(path, "rb")  # noqa: SIM115 - returned to the caller, closed there
    if f.read(2) == _GZIP_MAGIC:
        f.seek(0)
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    f.seek(0)
    return f


def _read_capped(stream: IO[bytes], max_bytes: int, name: str, what: str) -> bytes | InputError:
    """Read at most max_bytes + 1, so an oversize (or zip-bomb) stream is refused without reading it all."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(name, size_reason(len(data), max_bytes, what) + " (at least)")
    return data


def _read_file(path: Path, max_bytes: int) -> Iterator[InputRecord | InputError]:
    name = str(path)
    stem = _stem(path)
    kind = _kind(path)
    if kind == "warc":  # a web archive: many pages; max_bytes caps each record, not the file
        yield from read_warc(path, max_bytes)
        return
    if kind == "jsonl":  # max_bytes caps each line, not the file
        yield from read_jsonl_lines(path, max_bytes=max_bytes)
        return
    # a .json file may hold a list of articles and is read whole: it may be larger, each article not
    cap = max_bytes * JSON_LIST_FACTOR if kind == "json" else max_bytes
    try:
        size = path.stat().st_size
        if size == 0:
            yield InputError(name, "empty file")
            return
        if size > cap:
            yield InputError(name, _json_size_reason(size, cap) if kind == "json" else size_reason(size, cap))
            return
        with open_maybe_gzip(path) as stream:
            data = _read_capped(stream, cap, name, "decompressed content")
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(name, os_reason(exc))
        return
    if isinstance(data, InputError):
        yield data
        return
    if kind == "json":
        for item in _read_json(data, name, stem):
            if isinstance(item, InputRecord):
                body = item.text if item.text is not None else item.html or ""
                size = len(body.encode("utf-8", "surrogatepass"))
                if size > max_bytes:
                    item = InputError(item.origin, size_reason(size, max_bytes, "record"))
            yield item
    else:
        yield _record_from_bytes(data, kind, name, stem)


_FOLDER_DOCS = re.compile(r"(?:README|LICENSE|LICENCE|COPYING|CHANGELOG|SOURCE)(?:\.[A-Za-z]{1,8})?", re.IGNORECASE)
# a store or its write-ahead log sitting in the folder being ingested is not input
_STORE_FILES = re.compile(r".*\.(?:duckdb|duckdb\.wal|db|sqlite|parquet)", re.IGNORECASE)


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, recursively, sorted; hidden files and a folder's own docs
    (README, LICENSE, ...) are skipped, since they describe the data rather than being it."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if not fn.startswith(".") and not _FOLDER_DOCS.fullmatch(fn) and not _STORE_FILES.fullmatch(fn):
                yield Path(dirpath) / fn


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read from stdin before the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def _read_stdin(max_bytes: int, stdin: IO[bytes] | None = None) -> Iterator[InputRecord | InputError]:
    src = stdin if stdin is not None else sys.stdin.buffer
    name = "<stdin>"
    try:
        head = src.read(SNIFF_BYTES)
    except OSError as exc:
        yield InputError(name, os_reason(exc))
        return
    if not head:
        yield InputError(name, "empty input on stdin")
        return
    stream: IO[bytes] = io.BufferedReader(_Prefixed(head, src))
    if head.startswith(_GZIP_MAGIC):
        stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from _read_jsonl(stream, name, "stdin", max_bytes)
        return
    try:
        data = _read_capped(stream, max_bytes, name, "input on stdin")
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(name, os_reason(exc))
        return
    yield data if isinstance(data, InputError) else _record_from_bytes(data, "auto", name, "stdin")


def read_inputs(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[InputRecord | InputError]:
    """Yield one record per article found in `paths`, or an error per unreadable input.

    `-` reads stdin (JSONL when it starts with `{`, else HTML or text). `max_bytes` caps a
    single file (for JSONL, a single line), so nobody loads a 50 MB dump by accident.
    """
    for p in paths:
        if p == "-":
            yield from _read_stdin(max_bytes, stdin)
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield InputError(p, os_reason(exc))
            continue
        if not exists:
            yield InputError(p, "no such file or directory; check the path")
        elif is_dir:
            found = False
            for f in _walk(path):
                found = True
                yield from _read_file(f, max_bytes)
            if not found:
                yield InputError(p, "directory has no (non-hidden) files")
        else:
            yield from _read_file(path, max_bytes)


def prepare(record: InputRecord, *, langs: Sequence[str] | None = ("id", "en")) -> InputRecord | InputError:
    """Make a record ready for analysis: text from HTML, language identified and checked.

    `langs=None` accepts any language (the caller forces one); otherwise a record whose
    language is not listed becomes an InputError saying what was detected.
    """
    from jejak.ingest.html import extract_html
    from jejak.nlp.langid import identify

    rec = record
    if not rec.text and rec.html:
        ex = extract_html(rec.html, rec.url)
        if ex.text is None:
            return InputError(rec.origin, f"no article text in the HTML: {ex.reason}")
        rec = replace(
            rec,
            text=ex.text,
            title=rec.title or ex.title,
            published=rec.published or ex.published,
            url=rec.url or ex.url,
            note="; ".join(n for n in (rec.note, ex.reason) if n) or None,
        )
    if not rec.text or not rec.text.strip():
        return InputError(rec.origin, "record has no text")
    lang, conf = identify(rec.text)
    rec = replace(rec, lang=lang, lang_confidence=conf)
    if langs is not None and lang not in langs:
        names = {"id": "Indonesian", "en": "English"}
        want = " or ".join(names.get(x, x) for x in langs)
        return InputError(rec.origin, f"text does not look like {want} (detected '{lang}', confidence {conf:.2f}); "
                                      "skipped — pass the language explicitly to analyse it anyway")
    return rec
