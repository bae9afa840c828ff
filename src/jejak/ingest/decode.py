"""Turn the bytes of a file into text, saying which encoding was used and why.

News dumps arrive in every encoding a CMS ever produced: UTF-8 with and without BOM,
UTF-16 from Windows tools, Latin-1/cp1252 from old sites. We try the unambiguous signals
first (BOM, valid UTF-8), then what the page itself declares (HTML meta charset), and only
then fall back to cp1252/Latin-1, which decode anything and therefore must come last.
Binary files are refused rather than decoded into garbage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes", "binary_reason", "text_codec", "SNIFF_BYTES"]

SNIFF_BYTES = 8192  # how much of the head we inspect for binary junk and meta charset

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">,
# and the XML declaration; searched in the ASCII-compatible head only.
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)

# Control bytes that never occur in text (everything below 0x20 except \t \n \v \f \r, ESC
# and 0x1A which old DOS files carry, plus DEL).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
_CONTROL_TABLE = bytes.maketrans(b"", b"")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); unpack it or export the text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


@dataclass(slots=True)
class Decoded:
    """The result of decoding: `text` is None exactly when `error` says why."""

    text: str | None
    encoding: str | None  # the codec actually used, e.g. "utf-8", "utf-16-le", "cp1252"
    how: str | None = None  # bom, utf-8, meta, fallback, utf-16-guess
    error: str | None = None


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of a file, BOM already handled) is not text, or None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file, not text ({what})"
    if not head:
        return None
    if b"\x00" in head:
        return "binary file, not text (contains NUL bytes)"
    controls = len(head) - len(head.translate(_CONTROL_TABLE, _CONTROL))
    if controls * 20 > len(head):  # more than 5 % control bytes: not a text file
        return "binary file, not text (mostly non-text bytes)"
    return None


def _utf16_guess(head: bytes) -> str | None:
    """BOM-less UTF-16 of mostly-ASCII text shows NUL in every other byte."""
    if len(head) < 8:
        return None
    even = head[0::2]
    odd = head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


# Python codecs that decode bytes to str but are no charset a page can be written in: escape
# decoders, IDNA, and `undefined`, which raises on any input. UTF-7 is a charset, but browsers
# refuse it (it hides markup from filters).
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "charmap",
                           "utf-7"})


def text_codec(label: str | None) -> str | None:
    """The codec for a declared charset, or None when it is unknown or not a text encoding.

    `codecs.lookup` also finds bytes-to-bytes codecs (base64, hex, zlib, rot13): a page that
    declares one must not reach `bytes.decode`, which raises LookupError for them."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().lower())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def _meta_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    return text_codec((m.group(1) or m.group(2)).decode("ascii", "replace"))


def _legacy(data: bytes) -> tuple[str, str]:
    """cp1252 keeps curly quotes and dashes from Windows CMSs; Latin-1 accepts the rest."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined
        return data.decode("latin-1"), "latin-1"


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file: BOM, then UTF-8, then HTML meta charset, then cp1252/Latin-1."""
    if not data:
        return Decoded(None, None, error="empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(enc)
            except UnicodeDecodeError as exc:
                return Decoded(None, enc, error=f"broken {enc} text after a {enc} byte-order mark ({exc.reason})")
            if not text.strip():
                return Decoded(None, enc, error="empty file (only a byte-order mark or whitespace)")
            return Decoded(text, enc, "bom")
    head = data[:SNIFF_BYTES]
    guess = _utf16_guess(head)
    if guess:
        try:
            return Decoded(data.decode(guess), guess, "utf-16-guess")
        except UnicodeDecodeError:
            pass
    reason = binary_reason(head)
    if reason:
        return Decoded(None, None, error=reason)
    if not data.strip():
        return Decoded(None, None, error="empty file (whitespace only)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _meta_charset(head)
    if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            return Decoded(data.decode(declared), declared, "meta")
        except (UnicodeDecodeError, LookupError):
            pass
    text, enc = _legacy(data)
    return Decoded(text, enc, "fallback")
