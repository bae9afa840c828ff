"""Read news pages out of WARC web archives (Common Crawl, Heritrix, wget, Browsertrix).

A WARC file holds a whole crawl: requests, responses, metadata, images, redirects, error
pages. We stream it record by record (a Common Crawl file is ~1 GB; nothing is loaded
whole) and yield one `InputRecord` per `response` record that is a successful (2xx) HTML
page, its `html` decoded by the charset the server declared, else the page's own
`<meta charset>`, else the rules in `decode.py`. Every other response (an image, a 404, a
redirect, a record over `max_bytes`, a page we cannot decode) becomes an `InputError` that
says why; request, metadata, warcinfo, revisit and resource records are not pages and are
passed over silently. A file cut off mid-record (an interrupted download) yields every
record before the cut and one error at the cut; a file that is not a WARC yields one error.

Errors and records point into the file as ``path#offset``: the byte offset of the record
in the file as stored, i.e. the offset of its gzip member for per-record gzip (what Common
Crawl's index calls ``offset``), and the offset in the *decompressed* stream for a file
gzipped as a whole (where compressed offsets mean nothing).

fastwarc (C++, fast) does the parsing; warcio is the fallback when fastwarc is missing.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from jejak.ingest.decode import (
    _BOMS,
    SNIFF_BYTES,
    _meta_charset,
    binary_reason,
    decode_bytes,
    text_codec,
)
from jejak.ingest.records import InputError, InputRecord, os_reason, size_reason

__all__ = ["WarcStats", "read_warc"]

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_SNIFF = 2048  # a <meta charset> is looked for in this much of the page's head
_SNIFF_LIMIT = 256 << 20  # decompress at most this much of the first gzip member to tell the layout
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# WHATWG: browsers read these labels as windows-1252, which is what the servers meant
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
_UTF8_REPLACED = "\ufffd"


@dataclass(slots=True)
class WarcStats:
    """What one or more `read_warc` calls saw; pass one in to have it filled."""

    records: int = 0  # all WARC records
    pages: int = 0  # HTML pages yielded as InputRecord
    ignored: int = 0  # request, metadata, warcinfo, revisit, resource...: not pages, no error
    not_html: int = 0  # 2xx responses that are images, scripts, PDFs...
    bad_status: int = 0  # non-2xx responses (redirects, 404s, server errors)
    too_large: int = 0  # records over max_bytes
    undecodable: int = 0  # HTML we could not decompress or decode, or that is empty
    malformed: int = 0  # responses with unreadable HTTP headers
    bad_files: int = 0  # files cut off mid-record, corrupt from some point on, empty, or not WARC

    @property
    def skipped(self) -> int:
        """Responses (and files) reported as InputError."""
        return self.not_html + self.bad_status + self.too_large + self.undecodable + self.malformed + self.bad_files


# ---------------------------------------------------------------- record access, per backend


class _Entry(Protocol):
    """One WARC record as both backends present it."""

    offset: int
    rtype: str  # "response", "request", "warcinfo", ...

    def warc(self, name: str) -> str | None: ...

    def parse_http(self) -> tuple[int | None, str, Callable[[str], str | None]] | None: ...

    def read(self) -> tuple[bytes, bool]: ...  # the rest of the block, and whether it was all there

    def skip(self) -> bool: ...  # pass over the rest of the block; whether it was all there


class _FastEntry:
    __slots__ = ("_left", "_r", "offset", "rtype")

    def __init__(self, r: Any) -> None:
        self._r = r
        self.offset = r.stream_pos
        self.rtype = str(r.record_type)
        self._left = r.content_length  # the block; after parse_http, the payload

    def warc(self, name: str) -> str | None:
        return self._r.headers.get(name)

    def parse_http(self) -> tuple[int | None, str, Callable[[str], str | None]] | None:
        try:
            self._r.parse_http(auto_decode="none")  # we undo chunking/gzip ourselves, to see truncation
        except Exception:  # noqa: BLE001 - fastwarc raises several kinds on broken headers
            self._left = self._r.content_length
            return None
        hh = self._r.http_headers
        self._left = self._r.content_length
        if hh is None:
            return None
        return hh.status_code, hh.reason_phrase or "", hh.get

    def read(self) -> tuple[bytes, bool]:
        data = self._r.reader.read()
        return data, len(data) >= self._left

    def skip(self) -> bool:
        return self._r.reader.consume() >= self._left


class _WarcioEntry:
    __slots__ = ("_r", "offset", "rtype")

    def __init__(self, r: Any, offset: int) -> None:
        self._r = r
        self.offset = offset
        self.rtype = r.rec_type or ""

    def warc(self, name: str) -> str | None:
        return self._r.rec_headers.get_header(name)

    def parse_http(self) -> tuple[int | None, str, Callable[[str], str | None]] | None:
        hh = self._r.http_headers  # warcio parses them while reading the record
        if hh is None or not hh.statusline:
            return None
        code, _, reason = hh.statusline.partition(" ")
        return (int(code) if code.isdigit() else None), reason, hh.get_header

    def read(self) -> tuple[bytes, bool]:
        data = self._r.raw_stream.read()
        return data, getattr(self._r.raw_stream, "limit", 0) <= 0

    def skip(self) -> bool:
        stream = self._r.raw_stream
        while stream.read(1 << 16):
            pass
        return getattr(stream, "limit", 0) <= 0


class _Cut(Exception):
    """The archive ends (or stops making sense) at `offset`."""

    def __init__(self, offset: int, detail: str) -> None:
        super().__init__(detail)
        self.offset = offset


class _GzipWhole:
    """A file gzipped as a whole, read so that a cut-off end gives up the data before it.

    GzipFile.read(n) raises EOFError for a truncated file and drops what it had gathered
    for that call; fastwarc reads in large blocks, so the last good records would be lost
    with it. Here each read returns what one step decompresses, and the cut is remembered.
    """

    def __init__(self, f: IO[bytes]) -> None:
        self._gz = gzip.GzipFile(fileobj=f, mode="rb")
        self.cut: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.cut is not None:
            return b""
        want = size if size and size > 0 else 1 << 16
        out = bytearray()
        try:
            while len(out) < want:
                chunk = self._gz.read1(want - len(out))
                if not chunk:
                    break
                out += chunk
        except (EOFError, OSError, zlib.error) as exc:
            self.cut = _exc_detail(exc)
        return bytes(out)

    def tell(self) -> int:
        return self._gz.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._gz.seek(offset, whence)

    def close(self) -> None:
        self._gz.close()


def _fastwarc_entries(stream: IO[bytes], compressed: bool) -> Iterator[_Entry] | None:
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError:
        return None
    # a gzip stream we unpacked ourselves (whole-file gzip) must not be sniffed again
    it = ArchiveIterator(stream, parse_http=False, stream_detect=compressed)
    return (_FastEntry(r) for r in it)


def _warcio_entries(stream: IO[bytes]) -> Iterator[_Entry] | None:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        return None

    def gen() -> Iterator[_Entry]:
        it = ArchiveIterator(stream)
        for rec in it:
            yield _WarcioEntry(rec, it.offset)
        end = it.offset  # the end of the last record read; anything after it was not a record
        if isinstance(stream, _GzipWhole):
            return
        try:
            stream.seek(0, 2)
            size = stream.tell()
        except (OSError, ValueError):
            return
        if size > end:  # warcio stops quietly on a record whose header is cut off
            raise _Cut(end, f"the last {size - end} bytes are not a complete record")

    return gen()


# ---------------------------------------------------------------- file layout


def _sniff(f: IO[bytes]) -> str:
    """'plain', 'members' (gzip per record, or at least in several members) or 'whole'
    (one gzip member around many records); else the reason the file is no WARC at all."""
    head = f.read(8)
    if not head:
        return "!empty file"
    if not head.startswith(_GZIP_MAGIC):
        return "plain" if head.startswith(b"WARC/") else "!" + _not_warc(head)
    f.seek(0)
    d = zlib.decompressobj(31)
    head = b""  # the start of the decompressed data, enough for the first record's header
    total = 0  # bytes decompressed from the first member
    end: int | None = None  # where the first record ends in them
    tail = b""  # the last bytes decompressed
    try:
        while not d.eof and total < _SNIFF_LIMIT:
            chunk = f.read(1 << 16)
            if not chunk:
                break
            out = d.decompress(chunk)
            total += len(out)
            tail = (tail + out)[-8:]
            if len(head) < 1 << 16:
                head += out[: (1 << 16) - len(head)]
            if len(head) >= 5 and not head.startswith(b"WARC/"):
                return "!" + _not_warc(head, gz=True)
            if end is None:
                end = _first_record_end(head)
            if end is not None and total - (len(tail) - len(tail.rstrip(b"\r\n"))) > end:
                return "whole"  # the first member goes on past the first record
    except zlib.error as exc:
        return f"!compressed data is corrupt ({exc}); this is not a readable .warc.gz"
    if not head:
        return "!compressed file is empty or truncated before the first record"
    if not head.startswith(b"WARC/"):
        return "!" + _not_warc(head, gz=True)
    return "members"


def _gzip_tail_cut(f: IO[bytes], offset: int) -> tuple[int, str] | None:
    """Where and why the gzip members from `offset` to the end of the file do not all end
    properly, or None when they do.

    fastwarc ends quietly when the last member is cut inside its gzip header, so after a
    per-record .warc.gz is read we check the members from the last record on ourselves
    (usually one small metadata record, so this costs next to nothing).
    """
    f.seek(offset)
    d = zlib.decompressobj(31)
    start = pos = offset  # where the current member starts; how far the file has been read
    data = b""
    while True:
        if not data:
            data = f.read(1 << 16)
            pos += len(data)
            if not data:
                return (start, "the last gzip member is cut off") if pos > start else None
        try:
            d.decompress(data, 1 << 20)  # output is not needed, only whether the member ends
        except zlib.error as exc:
            return start, f"corrupt compressed data ({exc})"
        if d.eof:
            data = d.unused_data
            start = pos - len(data)
            d = zlib.decompressobj(31)
        else:
            data = d.unconsumed_tail


def _first_record_end(data: bytes) -> int | None:
    sep = data.find(b"\r\n\r\n")
    if sep < 0:
        return None
    m = re.search(rb"\r\ncontent-length:\s*(\d+)", data[:sep], re.IGNORECASE)
    return sep + 4 + int(m.group(1)) if m else None


def _not_warc(head: bytes, gz: bool = False) -> str:
    what = "decompressed content" if gz else "file"
    shown = head[:12].decode("latin-1").encode("unicode_escape").decode("ascii")
    return (f"not a WARC file: the {what} starts with '{shown}', not 'WARC/'; "
            "rename it if it is something else, or re-download it")


# ---------------------------------------------------------------- payload decoding


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    mime = value.split(";", 1)[0].strip().lower()
    m = _CHARSET.search(value)
    return mime, (m.group(1) if m else None)


def _dechunk(data: bytes) -> bytes | None:
    """Undo HTTP chunked transfer coding; None when `data` is not chunked after all."""
    out = []
    pos = 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            return b"".join(out) if out else None  # cut off inside the chunks: keep what came
        size_s = data[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_s, 16)
        except ValueError:
            return None
        if size == 0:
            return b"".join(out)
        out.append(data[eol + 2 : eol + 2 + size])
        pos = eol + 2 + size + 2


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes | None:
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error:
        return None
    return out


def _unencode(data: bytes, transfer: str | None, content: str | None, max_bytes: int) -> bytes | str:
    """The payload with transfer and content codings undone, or the reason it cannot be."""
    if transfer and "chunked" in transfer.lower():
        dechunked = _dechunk(data)
        if dechunked is not None:  # else: stored de-chunked with the header kept, as some crawlers do
            data = dechunked
    for coding in [c.strip().lower() for c in (content or "").split(",") if c.strip()][::-1]:
        if coding in ("identity", "none"):
            continue
        if coding in ("gzip", "x-gzip", "deflate"):
            if coding != "deflate" and not data.startswith(_GZIP_MAGIC):
                continue  # already decoded by the crawler, header left in place
            out = _inflate(data, 47, max_bytes) if coding != "deflate" else (
                _inflate(data, 15, max_bytes) or _inflate(data, -15, max_bytes))
            if out is None:
                if coding == "deflate" and _looks_like_markup(data):
                    continue
                return f"Content-Encoding {coding}, but the data does not decompress"
            data = out
        elif coding == "br":
            try:
                import brotli
            except ImportError:
                return "page is brotli-compressed (Content-Encoding: br); pip install brotli to read it"
            try:
                data = brotli.decompress(data)
            except Exception:  # noqa: BLE001 - brotli.error, not importable by name everywhere
                if _looks_like_markup(data):
                    continue
                return "Content-Encoding br, but the data does not decompress"
        else:
            return f"unsupported Content-Encoding '{coding}'"
        if len(data) > max_bytes:
            return (f"page decompresses to over {max_bytes:,} bytes; "
                    "raise max_bytes (--max-bytes) if this article is real")
    return data


def _looks_like_markup(data: bytes) -> bool:
    return b"<" in data[:512] and b"\x00" not in data[:512]


def _codec(label: str | None) -> str | None:
    """The text codec a charset label names; None for unknown and bytes-to-bytes ones (base64)."""
    return text_codec(label)


def _decode_page(body: bytes, header_charset: str | None) -> tuple[str, str, str | None] | str:
    """(text, codec, note) or the reason the page cannot be decoded.

    Order: a byte-order mark; the charset in the HTTP header; a <meta charset> in the first
    2 KB; then decode.py's rules (valid UTF-8, cp1252/Latin-1). A page labelled Latin-1 or
    ASCII whose bytes are valid UTF-8 with non-ASCII in them is read as UTF-8: servers
    mislabel pages often, Latin-1 text is almost never valid UTF-8 by accident.
    """
    if any(body.startswith(bom) for bom, _ in _BOMS):
        dec = decode_bytes(body)
        return (dec.text, dec.encoding or "", None) if dec.text is not None else (dec.error or "unreadable")
    declared, source = _codec(header_charset), "HTTP header"
    if not (declared or "").startswith(("utf-16", "utf-32")):
        reason = binary_reason(body[:SNIFF_BYTES])
        if reason:
            return reason.replace("binary file", "binary data")
    if header_charset and declared is None:
        source = f"unknown charset '{header_charset}' in the HTTP header"
    if declared is None:
        declared = _meta_charset(body[:_META_SNIFF])
        source = "meta charset" if declared else source
    if declared:
        if declared in _AS_CP1252 and not body.isascii():
            try:
                return body.decode("utf-8"), "utf-8", f"labelled {declared} ({source}) but is UTF-8"
            except UnicodeDecodeError:
                pass
        codec = "cp1252" if declared in _AS_CP1252 else declared
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            if codec == "cp1252":  # cp1252 leaves five bytes undefined; Latin-1 has them
                return body.decode("latin-1"), "latin-1", None
            if codec == "utf-8":
                text = body.decode("utf-8", "replace")
                bad = text.count(_UTF8_REPLACED) - body.count("\ufffd".encode())
                if bad <= max(3, len(body) // 1000):  # a cut-off character, a stray byte
                    return text, "utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced"
        except LookupError:
            pass
        else:
            return text, codec, None
    dec = decode_bytes(body)
    if dec.text is None:
        return dec.error or "unreadable"
    note = None
    if declared:
        note = f"not valid {declared} as labelled ({source}); decoded as {dec.encoding}"
    elif header_charset:
        note = f"{source}; decoded as {dec.encoding}"
    elif dec.how == "fallback":
        note = f"decoded as {dec.encoding} (fallback)"
    return dec.text, dec.encoding or "", note


# ---------------------------------------------------------------- the reader


def _record_id(value: str | None) -> str | None:
    if not value:
        return None
    rid = value.strip().strip("<>")
    return rid[len("urn:uuid:"):] if rid.lower().startswith("urn:uuid:") else rid


def _status_reason(status: int, reason: str, location: str | None) -> str:
    what = f"HTTP {status}{' ' + reason.strip() if reason.strip() else ''}"
    if 300 <= status < 400:
        where = f" to {location}" if location else ""
        return f"{what}: a redirect{where}, not a page (skipped)"
    return f"{what} response, not a page (skipped)"


def _truncated(origin: str, st: WarcStats, detail: str) -> InputError:
    st.bad_files += 1
    return InputError(origin, f"file is truncated or corrupt here ({detail}); the {st.pages} page(s) "
                              "before this point were read — re-download the file for the rest")


def _entries(stream: IO[bytes], compressed: bool) -> Iterator[_Entry] | str:
    entries = _fastwarc_entries(stream, compressed)
    if entries is None:
        entries = _warcio_entries(stream)
    if entries is None:
        return "reading WARC files needs fastwarc (or warcio): pip install fastwarc"
    return entries


def read_warc(path: Path, max_bytes: int, *, stats: WarcStats | None = None) -> Iterator[InputRecord | InputError]:
    """Yield one InputRecord per successful HTML response in the WARC at `path` (.warc or
    .warc.gz), and an InputError for each response that is not one and for a broken file.

    `max_bytes` caps one record, not the file. `stats`, if given, is filled with counts of
    what was read, skipped and ignored.
    """
    st = stats if stats is not None else WarcStats()
    name = str(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, also when the caller stops early
    except OSError as exc:
        yield InputError(name, os_reason(exc))
        return
    try:
        layout = _sniff(f)
        if layout.startswith("!"):
            st.bad_files += 1
            yield InputError(name, layout[1:])
            return
        f.seek(0)
        stream: Any = _GzipWhole(f) if layout == "whole" else f
        entries = _entries(stream, compressed=layout == "members")
        if isinstance(entries, str):
            yield InputError(name, entries)
            return
        last = yield from _read_entries(entries, name, max_bytes, st)
        if last is None:  # stopped at an error, already reported
            return
        if isinstance(stream, _GzipWhole) and stream.cut is not None:
            # cut exactly between two records: every record came through whole
            yield _truncated(f"{name}#{stream.tell()}", st, stream.cut)
        elif layout == "members":
            cut = _gzip_tail_cut(f, last)
            if cut:
                yield _truncated(f"{name}#{cut[0]}", st, cut[1])
    except OSError as exc:  # opening or sniffing: the file itself is unreadable
        yield InputError(name, os_reason(exc))
    finally:
        f.close()


def _read_entries(
    entries: Iterator[_Entry], name: str, max_bytes: int, st: WarcStats
) -> Generator[InputRecord | InputError, None, int | None]:
    """Yield pages and errors; return the offset of the last record when the archive was
    read to its end, None when reading stopped at an error."""
    origin = name
    last = 0
    where = ""
    while True:
        try:
            where = "after the record that starts here: " if origin != name else ""
            e = next(entries, None)
            if e is None:
                return last
            st.records += 1
            last = e.offset
            origin = f"{name}#{e.offset}"
            where = ""
            item, stop = _read_entry(e, origin, max_bytes, st)
        except _Cut as exc:
            yield _truncated(f"{name}#{exc.offset}", st, str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - EOFError, zlib.error, OSError, warcio's ArchiveLoadFailed...
            yield _truncated(origin, st, where + _exc_detail(exc))
            return None
        if item is not None:
            yield item
        if stop:
            return None


def _exc_detail(exc: BaseException) -> str:
    msg = "".join(c if c.isprintable() and c.isascii() else "?" for c in " ".join(str(exc).split()))[:160]
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _read_entry(e: _Entry, origin: str, max_bytes: int, st: WarcStats) -> tuple[InputRecord | InputError | None, bool]:
    """One record: what to yield (if anything) and whether the file ends here."""
    declared_s = e.warc("Content-Length")
    if declared_s is None or not declared_s.strip().isdigit():
        return _truncated(origin, st, "a record header is cut off or has no valid Content-Length"), True
    declared = int(declared_s)
    block_type = (e.warc("Content-Type") or "application/http").strip().lower()
    if e.rtype != "response" or not block_type.startswith("application/http"):
        st.ignored += 1  # not a page; nor is a response without HTTP in it (Heritrix's dns: records)
        if not e.skip():
            return _truncated(origin, st, f"the last {e.rtype} record is incomplete"), True
        return None, False
    if declared > max_bytes:
        st.too_large += 1
        if not e.skip():
            return _truncated(origin, st, "the last record is incomplete"), True
        return InputError(origin, size_reason(declared, max_bytes, "record")), False
    http = e.parse_http()
    if http is None or http[0] is None:
        if not e.skip():
            return _truncated(origin, st, "the last record is incomplete"), True
        st.malformed += 1
        return InputError(origin, "response has no readable HTTP status line and headers (skipped)", skip=True), False
    status, reason, header = http
    if not 200 <= status < 300:  # type: ignore[operator]
        st.bad_status += 1
        if not e.skip():
            return _truncated(origin, st, "the last record is incomplete"), True
        return InputError(origin, _status_reason(status, reason, header("Location")), skip=True), False  # type: ignore[arg-type]
    mime, charset = _media_type(header("Content-Type"))
    if not mime or mime == "application/octet-stream":  # undeclared: Common Crawl's own detection
        mime = _media_type(e.warc("WARC-Identified-Payload-Type"))[0] or mime
    if mime and mime not in _HTML_TYPES:
        st.not_html += 1
        if not e.skip():
            return _truncated(origin, st, "the last record is incomplete"), True
        return InputError(origin, f"not an HTML page (Content-Type {mime}; skipped)", skip=True), False
    body, complete = e.read()
    if not complete:
        return _truncated(origin, st, f"the last record is incomplete: {len(body):,} bytes of its payload are there"), True
    data = _unencode(body, header("Transfer-Encoding"), header("Content-Encoding"), max_bytes)
    if isinstance(data, str):
        st.undecodable += 1
        return InputError(origin, data + " (skipped)", skip=True), False
    if not mime and not _looks_like_markup(data.lstrip()[:512]):
        st.not_html += 1
        return InputError(origin, "no Content-Type and the payload does not look like HTML (skipped)", skip=True), False
    decoded = _decode_page(data, charset)
    if isinstance(decoded, str):
        st.undecodable += 1
        return InputError(origin, f"HTML page cannot be decoded: {decoded} (skipped)", skip=True), False
    text, codec, note = decoded
    text = text.lstrip("\ufeff")
    if not text.strip():
        st.undecodable += 1
        return InputError(origin, "empty HTML page (skipped)", skip=True), False
    notes = []
    crawled = e.warc("WARC-Date")
    if crawled:
        notes.append(f"crawled {crawled.strip()}")  # the crawl date, not the publication date
    if e.warc("WARC-Truncated"):
        notes.append(f"page cut off by the crawler (WARC-Truncated: {e.warc('WARC-Truncated')})")
    if note:
        notes.append(note)
    st.pages += 1
    url = e.warc("WARC-Target-URI")
    url = url.strip().strip("<>") if url else None  # WARC 1.0 wrote <uri>
    return InputRecord(
        id=_record_id(e.warc("WARC-Record-ID")) or origin,
        text=None,
        html=text,
        url=url or None,
        title=None,
        published=None,
        origin=origin,
        encoding=codec,
        note="; ".join(notes) or None,
    ), False
