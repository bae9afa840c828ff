"""Cutting inputs into partitions: the units of work that are analysed, written and loaded whole.

A partition is a range of lines of a JSONL file, a group of small text or HTML files, or one WARC
file. Its id is a hash of what it reads (path, size, modification time, range), so a run that is
killed and started again plans the very same partitions and can tell which are done.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from jejak.ingest.readers import _walk, open_maybe_gzip

#: Articles per partition: small enough that the last partitions leave no worker idle for long,
#: large enough that each shard's files and load transaction cost little per article.
DEFAULT_PARTITION_SIZE = 1000
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Partition:
    """One unit of work: `kind` is lines (of one JSONL file), files, or warc."""

    id: str
    kind: str
    paths: tuple[str, ...]
    start: int = 0     # first line (lines)
    stop: int = 0      # line after the last (lines)

    @property
    def source(self) -> str:
        if self.kind == "lines":
            return f"{self.paths[0]}:{self.start + 1}-{self.stop}"
        return self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"

    def to_dict(self) -> dict:
        return asdict(self)


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def _pid(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:20]


def count_lines(path: Path) -> int:
    """Lines of a (possibly gzipped) text file, read in large blocks."""
    n, last = 0, b"\n"
    with open_maybe_gzip(path) as f:  # by its first bytes, as the reader opens it, not by its name
        while block := f.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def plan(paths: Sequence[str], partition_size: int = DEFAULT_PARTITION_SIZE) -> tuple[list[Partition], list[str]]:
    """Partitions for the inputs, in a stable order, and the inputs that could not be planned.

    A file named twice (directly, through a folder, or by another path) is planned once."""
    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{p}: no such file or directory; check the path")
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    files = list(unique.values())
    parts: list[Partition] = []
    loose: list[Path] = []
    for f in files:
        name = f.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            parts.extend(_line_partitions(f, partition_size))
        elif name.endswith(WARC_SUFFIXES):
            parts.append(Partition(_pid("warc", _stamp(f)), "warc", (str(f),)))
        else:
            loose.append(f)
    for group in _groups(sorted(loose), partition_size):
        parts.append(Partition(_pid("files", *(_stamp(f) for f in group)), "files", tuple(str(f) for f in group)))
    return parts, problems


def _line_partitions(path: Path, size: int) -> Iterator[Partition]:
    total = count_lines(path)
    stamp = _stamp(path)
    for start in range(0, max(total, 1), size):
        stop = min(total, start + size)
        yield Partition(_pid("lines", stamp, str(start), str(stop)), "lines", (str(path),), start, stop)


def _groups(files: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(files), size):
        yield files[i:i + size]
