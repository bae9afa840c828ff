"""Gold files and the article texts they point at (read from `../shared` at evaluation time)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from jejak.eval.reserved import reserved_ids


@dataclass(slots=True)
class GoldArticle:
    """A gold reading with the input the analyser should get for it."""

    gold: dict[str, Any]
    text: str
    title: str | None
    url: str | None
    published: str | None  # metadata date, None when the source carries none

    @property
    def id(self) -> str:
        return self.gold["id"]


class GoldError(Exception):
    """A gold file or its source article could not be read."""


SHARED_BESIDE = Path(__file__).resolve().parents[3].parent / "shared"  # ../shared next to the checkout


def find_shared(gold_dir: Path) -> Path:
    """The `shared` folder that holds `seed/` and `data/` for a gold directory: above it (the
    shared dev set) or beside the checkout (our own test splits, kept in `eval/`)."""
    for parent in [gold_dir, *gold_dir.resolve().parents]:
        if (parent / "data").is_dir() and (parent / "eval").is_dir():
            return parent
    if (SHARED_BESIDE / "data").is_dir():
        return SHARED_BESIDE
    raise GoldError(f"cannot find the shared folder (with data/ and eval/) above {gold_dir} or at {SHARED_BESIDE}")


@lru_cache(maxsize=4)
def _detik_rows(path: str) -> dict[str, dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        held_out = reserved_ids("id_news_detik1000")  # dropped as read: never scored, tuned or looked at
        return {row["id"]: row for row in csv.DictReader(fh) if row["id"] not in held_out}


def detik_published(tanggal: str) -> str | None:
    """`10/13/2025 10:27` (m/d/Y H:M) → `2025-10-13`."""
    try:
        day_part = tanggal.split()[0]
        month, day, year = (int(x) for x in day_part.split("/"))
        return f"{year:04d}-{month:02d}-{day:02d}"
    except (ValueError, IndexError):
        return None


@lru_cache(maxsize=2)
def _bbc_rows(path: str) -> dict[str, dict[str, str]]:
    """The BBC News set (`../shared/data/en_news_bbc`) by its file id (`politics/186.txt`); reserved
    rows are dropped as read."""
    held_out = reserved_ids("en_news_bbc")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh if line.strip())
        return {row["id"]: row for row in rows if row["id"] not in held_out}


def _bbc_row(shared: Path, source: dict[str, Any]) -> dict[str, str]:
    rows = _bbc_rows(str(shared / "data" / "en_news_bbc" / "bbc_news_2225.jsonl.gz"))
    row = rows.get(str(source.get("row_id")))
    if row is None:
        raise GoldError(f"row {source.get('row_id')} not in the BBC News set")
    return row


def article_text(source: dict[str, Any], shared: Path | None = None) -> str:
    """The article body a gold record's `source` points at."""
    shared = shared or SHARED_BESIDE
    if source.get("corpus") == "id_news_detik1000":
        rows = _detik_rows(str(shared / "data" / "id_news_detik1000" / "data_berita.csv.gz"))
        row = rows.get(str(source.get("row_id")))
        if row is None:
            raise GoldError(f"row {source.get('row_id')} not in the Detik corpus")
        return row["isi_berita"]
    if source.get("corpus") == "en_news_bbc":
        return _bbc_row(shared, source)["text"]
    raise GoldError(f"unknown source corpus {source.get('corpus')!r}")


def _quote_words(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """Our own gold files store quotes and event evidence as offsets, not words: read the words back
    from the text."""
    for q in gold.get("quotes", []):
        if "quote" not in q and "start" in q:
            q["quote"] = text[q["start"]:q["end"]]
    for e in gold.get("events", []):  # our event corpus keeps the evidence as offsets too
        if "evidence" not in e and "span" in e:
            e["evidence"] = text[e["span"][0]:e["span"][1]]
    return gold


def load_gold_article(path: Path, shared: Path) -> GoldArticle:
    article = _load_gold_article(path, shared)
    _quote_words(article.gold, article.text)
    return article


def _load_gold_article(path: Path, shared: Path) -> GoldArticle:
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = gold.get("source") or {}
    corpus = source.get("corpus")
    if corpus == "seed":
        text = (shared / source["path"]).read_text(encoding="utf-8")
        return GoldArticle(gold, text, None, None, None)
    if corpus == "id_news_detik1000":
        rows = _detik_rows(str(shared / "data" / "id_news_detik1000" / "data_berita.csv.gz"))
        row = rows.get(str(source.get("row_id")))
        if row is None:
            raise GoldError(f"{path.name}: row {source.get('row_id')} not in the Detik corpus")
        return GoldArticle(gold, row["isi_berita"], row["judul"], row["tautan"], detik_published(row["tanggal"]))
    if corpus == "en_news_bbc":
        try:
            row = _bbc_row(shared, source)
        except GoldError as e:
            raise GoldError(f"{path.name}: {e}") from None
        return GoldArticle(gold, row["text"], row["title"], None, None)
    raise GoldError(f"{path.name}: unknown source corpus {corpus!r}")


#: Our splits that are scored, never learnt from: a training article that repeats one of theirs
#: (Detik republishes a report under a second row) is left out of training.
HELD_OUT_SPLITS = ("tune-detik", "unseen-detik", "unseen-detik-b")


def body_key(text: str) -> str:
    """A key two rows carrying the same article share (the start of the body, spacing and case aside)."""
    return hashlib.sha1(" ".join(text.split())[:600].casefold().encode("utf-8")).hexdigest()


def held_out_keys(eval_dir: Path) -> set[str]:
    """The body keys of the articles in our dev and test splits under `eval_dir`."""
    keys: set[str] = set()
    for name in HELD_OUT_SPLITS:
        if (eval_dir / name).is_dir():
            keys.update(body_key(a.text) for a in load_gold_dir(eval_dir / name))
    return keys


def load_gold_dir(gold_dir: Path) -> list[GoldArticle]:
    shared = find_shared(gold_dir)
    files = sorted(gold_dir.glob("*.gold.json"))
    if not files:
        raise GoldError(f"no *.gold.json files in {gold_dir}")
    return [load_gold_article(f, shared) for f in files]
