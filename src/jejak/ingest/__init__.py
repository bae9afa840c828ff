"""Input readers: files, folders, stdin, JSONL, HTML and text, into uniform records."""

from jejak.ingest.decode import Decoded, decode_bytes
from jejak.ingest.html import HtmlExtract, extract_html
from jejak.ingest.readers import InputError, InputRecord, looks_like_html, prepare, read_inputs

__all__ = [
    "Decoded",
    "HtmlExtract",
    "InputError",
    "InputRecord",
    "decode_bytes",
    "extract_html",
    "looks_like_html",
    "prepare",
    "read_inputs",
]
