"""Load the actor knowledge base from TSV files: the shipped ones plus any the user adds.

Four kinds of file, each recognised by its header line (column order is free):

- entities:  kb_id  type  name  country  sector  aliases  metonyms
- outlets:   kb_id  name  aliases  domains  country  [parent]  (news media, type ORG)
- offices:   office_id  country  name  aliases  [org]
- holders:   office_id  kb_id  start  end                    (ISO dates; empty end = in office)
- shadows:   phrase  [note]    phrases that contain a name but are no mention of it
                               ("bahasa Inggris" is a language, not the United Kingdom)

Lists inside a cell are separated by `|`. An alias written `~Antara` names the entity for
look-ups (linking, outlet names) but is not searched for in running text, because the bare
word is common ("antara" = between). Lines starting with `#` are comments. Later rows
override earlier ones with the same id, so a user file can correct or extend the shipped data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
ENV_VAR = "JEJAK_KB"

ENTITY_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "EVT", "PRD"})
_COUNTRY = re.compile(r"[A-Z]{3}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_ID = re.compile(r"[^\s|]+\Z")

# kind -> (required columns, optional columns)
_SCHEMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entities": (("kb_id", "type", "name"), ("country", "sector", "aliases", "metonyms", "domains", "former")),
    "outlets": (("kb_id", "name"), ("aliases", "domains", "country", "sector", "parent")),
    "offices": (("office_id", "country", "name"), ("aliases", "org")),
    "holders": (("office_id", "kb_id", "start"), ("end",)),
    "shadows": (("phrase",), ("note",)),
}


class KBFormatError(ValueError):
    """A knowledge-base file that cannot be read; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = Path(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True, slots=True)
class KBEntity:
    """A known actor or place: canonical name, type, country and every name it goes by."""

    kb_id: str
    type: str
    name: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    lookup_only: tuple[str, ...] = ()  # names valid for look-up but not searched in text
    parent: str | None = None  # kb_id of the group it belongs to (a detik channel → detikcom)
    former: tuple[tuple[str, dt.date], ...] = ()  # (name, until): what it was called before a date

    def name_on(self, day: dt.date | None) -> str:
        """The name it went by on `day` (`Twitter` before 24 July 2023); today's when undated."""
        if day is not None:
            for name, until in sorted(self.former, key=lambda f: f[1]):
                if day < until:
                    return name
        return self.name

    @property
    def group(self) -> str:
        """The outlet group: a channel and its parent brand publish as one outlet."""
        return self.parent or self.kb_id

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name followed by its aliases (not metonyms)."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass(frozen=True, slots=True)
class Office:
    """A public office as news names it ("Menteri Keuangan", "Kanselir Jerman")."""

    office_id: str
    country: str | None
    name: str
    aliases: tuple[str, ...] = ()
    org: str | None = None  # kb_id of the body the office belongs to, if known


@dataclass(frozen=True, slots=True)
class Holding:
    """Who held an office from `start` (inclusive) to `end` (exclusive; None = still holds it)."""

    office_id: str
    kb_id: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


def norm_brand(name: str) -> str:
    """'KOMPAS.com', 'Kompas com' and 'kompascom' are the same brand."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _norm_host(host: str) -> str:
    host = host.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("@")[-1].split(":", 1)[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


class KnowledgeBase:
    """Entities, offices and office holders with the look-up tables built once."""

    def __init__(
        self,
        entities: dict[str, KBEntity],
        offices: dict[str, Office],
        holdings: Iterable[Holding],
        shadows: Iterable[str] = (),
    ) -> None:
        self.entities: dict[str, KBEntity] = entities
        self.offices: dict[str, Office] = offices
        self.shadows: tuple[str, ...] = tuple(dict.fromkeys(shadows))
        self.holdings: list[Holding] = sorted(
            holdings, key=lambda h: (h.office_id, h.start or dt.date.min, h.kb_id)
        )
        self._by_office: dict[str, list[Holding]] = {}
        self._by_holder: dict[str, list[Holding]] = {}
        for h in self.holdings:
            self._by_office.setdefault(h.office_id, []).append(h)
            self._by_holder.setdefault(h.kb_id, []).append(h)
        self.offices_by_alias: dict[str, str] = {}
        for office in offices.values():
            for alias in (office.name, *office.aliases):
                self.offices_by_alias[alias] = office.office_id
        self._by_surface: dict[str, list[str]] = {}
        self._by_host: dict[str, str] = {}
        self._by_brand: dict[str, str] = {}
        for ent in entities.values():
            for s in ent.surfaces:
                ids = self._by_surface.setdefault(s, [])
                if ent.kb_id not in ids:
                    ids.append(ent.kb_id)
            for d in ent.domains:
                self._by_host[_norm_host(d)] = ent.kb_id
            if ent.domains or ent.sector == "media":
                for s in (*ent.surfaces, *ent.domains):
                    self._by_brand.setdefault(norm_brand(s), ent.kb_id)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, kb_id: str) -> KBEntity | None:
        return self.entities.get(kb_id)

    def ids_named(self, name: str) -> list[str]:
        """kb_ids whose name or alias is `name`, ignoring case and spacing (`jokowi`, `KPK`)."""
        if not hasattr(self, "_by_folded"):
            folded: dict[str, list[str]] = {}
            for surface, ids in self._by_surface.items():
                bucket = folded.setdefault(" ".join(surface.casefold().split()), [])
                bucket.extend(i for i in ids if i not in bucket)
            self._by_folded = folded
        return list(self._by_folded.get(" ".join(name.casefold().split()), ()))

    def lookup(self, surface: str) -> list[KBEntity]:
        """Entities whose name or alias is exactly `surface` (case-sensitive)."""
        return [self.entities[k] for k in self._by_surface.get(surface, ())]

    def holder(self, office_id: str, on: dt.date | None = None) -> KBEntity | None:
        """Who held the office on that date; None date = whoever holds it now."""
        found: Holding | None = None
        for h in self._by_office.get(office_id, ()):
            if (h.end is None) if on is None else h.covers(on):
                found = h  # sorted by start: the latest matching term wins
        return self.entities.get(found.kb_id) if found else None

    def offices_of(self, kb_id: str, on: dt.date | None = None) -> list[Office]:
        """Offices the entity held on that date (None = all it ever held)."""
        return [
            self.offices[h.office_id]
            for h in self._by_holder.get(kb_id, ())
            if (on is None or h.covers(on)) and h.office_id in self.offices
        ]

    def outlet_for_host(self, host: str) -> KBEntity | None:
        """The outlet publishing on a host or URL; subdomains count (finance.detik.com)."""
        h = _norm_host(host)
        while h:
            kb_id = self._by_host.get(h)
            if kb_id:
                return self.entities.get(kb_id)
            if "." not in h:
                return None
            h = h.split(".", 1)[1]
        return None

    def outlet_for_name(self, brand: str) -> KBEntity | None:
        """The outlet a brand names, ignoring case and punctuation ("KOMPAS.com", "detikNews")."""
        kb_id = self._by_brand.get(norm_brand(brand))
        return self.entities.get(kb_id) if kb_id else None


# ---------------------------------------------------------------------------------------
# Reading files


@dataclass(slots=True)
class _Row:
    path: Path
    line: int
    cells: dict[str, str]


@dataclass(slots=True)
class _Table:
    kind: str
    rows: list[_Row] = field(default_factory=list)


def _kind_of(columns: Sequence[str], path: Path) -> str:
    cols = set(columns)
    if "phrase" in cols:
        kind = "shadows"
    elif {"office_id", "kb_id"} <= cols:
        kind = "holders"
    elif "office_id" in cols:
        kind = "offices"
    elif "type" in cols:
        kind = "entities"
    elif "domains" in cols:
        kind = "outlets"
    else:
        raise KBFormatError(path, 1, f"unrecognised header {list(columns)}; expected one of "
                            + "; ".join(" ".join(req) + " ..." for req, _ in _SCHEMAS.values()))
    required, optional = _SCHEMAS[kind]
    missing = [c for c in required if c not in cols]
    unknown = [c for c in columns if c not in required and c not in optional]
    if missing or unknown or len(cols) != len(columns):
        problem = []
        if missing:
            problem.append(f"missing column(s) {missing}")
        if unknown:
            problem.append(f"unknown column(s) {unknown}")
        if len(cols) != len(columns):
            problem.append("a column appears twice")
        raise KBFormatError(path, 1, f"{kind} header: " + ", ".join(problem)
                            + f"; columns are {list(required + optional)}")
    return kind


def read_table(path: Path) -> _Table:
    """Parse one TSV file into rows keyed by column name; errors name file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBFormatError(path, None, f"cannot read: {exc}") from exc
    header: list[str] | None = None
    table: _Table | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if header is None:
            header = parts
            table = _Table(_kind_of(header, path))
            continue
        assert table is not None
        if len(parts) > len(header):
            if any(parts[len(header):]):
                raise KBFormatError(path, lineno, f"{len(parts)} tab-separated fields, header has {len(header)}")
            parts = parts[: len(header)]
        parts += [""] * (len(header) - len(parts))  # trailing empty cells may be cut off
        cells = dict(zip(header, parts))
        required = _SCHEMAS[table.kind][0]
        empty = [c for c in required if not cells.get(c) and c not in ("start", "country")]
        if empty:
            raise KBFormatError(path, lineno, f"empty required field(s) {empty}")
        table.rows.append(_Row(path, lineno, cells))
    if table is None:
        raise KBFormatError(path, None, "no header line")
    return table


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _check_id(row: _Row, col: str) -> str:
    value = row.cells[col]
    if not _ID.match(value):
        raise KBFormatError(row.path, row.line, f"{col} {value!r} must be one word without '|'")
    return value


def _country(row: _Row) -> str | None:
    value = row.cells.get("country", "")
    if value and not _COUNTRY.match(value):
        raise KBFormatError(row.path, row.line, f"country {value!r} is not an ISO 3166-1 alpha-3 code (e.g. IDN)")
    return value or None


def _date(row: _Row, col: str) -> dt.date | None:
    value = row.cells.get(col, "")
    if not value:
        return None
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise KBFormatError(row.path, row.line, f"{col} {value!r} is not a date YYYY-MM-DD")


def _entity(row: _Row, kind: str) -> KBEntity:
    c = row.cells
    kb_id = _check_id(row, "kb_id")
    etype = "ORG" if kind == "outlets" else c["type"]
    if etype not in ENTITY_TYPES:
        raise KBFormatError(row.path, row.line, f"type {etype!r} is not one of {sorted(ENTITY_TYPES)}")
    aliases: list[str] = []
    quiet: list[str] = []
    for a in _split(c.get("aliases", "")):
        if a.startswith("~"):
            a = a[1:].strip()
            quiet.append(a)
        if a and a not in aliases:
            aliases.append(a)
    sector = c.get("sector") or ("media" if kind == "outlets" else "")
    former = []
    for item in _split(c.get("former", "")):
        name, _, until = item.partition("<")
        try:
            day = dt.date.fromisoformat(until.strip()) if name.strip() and _DATE.match(until.strip()) else None
        except ValueError:
            day = None
        if day is None:
            raise KBFormatError(row.path, row.line, f"former {item!r} must be NAME<YYYY-MM-DD (its name until that day)")
        former.append((name.strip(), day))
    return KBEntity(
        kb_id=kb_id,
        type=etype,
        name=c["name"],
        country=_country(row),
        sector=sector or None,
        former=tuple(former),
        aliases=tuple(aliases),
        metonyms=tuple(_split(c.get("metonyms", ""))),
        domains=tuple(d.lower() for d in _split(c.get("domains", ""))),
        lookup_only=tuple(quiet),
        parent=c.get("parent") or None,
    )


def default_paths() -> list[Path]:
    """The shipped data files, in load order."""
    return sorted(DATA_DIR.glob("*.tsv"))


def load_kb(extra_paths: Sequence[Path | str] = ()) -> KnowledgeBase:
    """Read the shipped data, then each extra file in order (later rows override by id)."""
    entities: dict[str, KBEntity] = {}
    offices: dict[str, Office] = {}
    office_rows: dict[str, _Row] = {}
    shadows: list[str] = []
    holdings: dict[tuple[str, str, dt.date | None], tuple[Holding, _Row]] = {}
    paths = [*default_paths(), *(Path(p) for p in extra_paths)]
    for path in paths:
        if not path.is_file():
            raise KBFormatError(path, None, "no such file (check the path, or the JEJAK_KB variable)")
        table = read_table(path)
        for row in table.rows:
            if table.kind in ("entities", "outlets"):
                ent = _entity(row, table.kind)
                entities[ent.kb_id] = ent
            elif table.kind == "offices":
                c = row.cells
                oid = _check_id(row, "office_id")
                offices[oid] = Office(oid, _country(row), c["name"], tuple(_split(c.get("aliases", ""))),
                                      c.get("org") or None)
                office_rows[oid] = row
            elif table.kind == "shadows":
                shadows.append(row.cells["phrase"])
            else:
                h = Holding(_check_id(row, "office_id"), _check_id(row, "kb_id"),
                            _date(row, "start"), _date(row, "end"))
                if h.start and h.end and h.end <= h.start:
                    raise KBFormatError(row.path, row.line, f"end {h.end} is not after start {h.start}")
                holdings[(h.office_id, h.kb_id, h.start)] = (h, row)
    for h, row in holdings.values():
        if h.office_id not in offices:
            raise KBFormatError(row.path, row.line, f"unknown office_id {h.office_id!r} (not in any offices file)")
        if h.kb_id not in entities:
            raise KBFormatError(row.path, row.line, f"unknown kb_id {h.kb_id!r} (not in any entities file)")
    for office in offices.values():
        if office.org and office.org not in entities:
            row = office_rows[office.office_id]
            raise KBFormatError(row.path, row.line, f"unknown org {office.org!r} (not in any entities file)")
    return KnowledgeBase(entities, offices, (h for h, _ in holdings.values()), shadows)


def env_paths() -> list[Path]:
    """Extra files named in $JEJAK_KB (os.pathsep-separated)."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base plus the files in $JEJAK_KB, loaded once per process."""
    return load_kb(env_paths())
