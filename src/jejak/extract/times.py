"""Time expressions: find dates in news text and normalise them to ISO values.

Indonesian first (``Senin (20/10/2025)``, ``20 Oktober 2025``, ``tahun lalu``, ``kemarin``),
English second (``October 20, 2025``, ``last Friday``). Everything resolves against the
article's own date, because news is written relative to the day it appears. A weekday next
to a numeric date is checked against the calendar: copies often swap day and month, and
the weekday is the witness that settles it (``Rabu (12/4/2024)`` is 4 December 2024).

One combined regex per language, compiled once from the word lists in ``lang/<lang>/
time_words.tsv``; each alternative is wrapped in a named group so ``Match.lastgroup`` picks
its handler without trying the alternatives again. Clock times (``pukul 09.15``) and
durations (``tiga tahun terakhir``) are not matched. Periods (``2025-2029``,
``Januari-Maret``) and identifiers (``UU Nomor 8 Tahun 2019``, ``731/2025``) are skipped.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from jejak.lang import load_table
from jejak.model import TimeExpr

__all__ = ["SWAPPED_NOTE", "MISMATCH_NOTE", "extract_times", "infer_published"]

SWAPPED_NOTE = "day-month-swapped"
MISMATCH_NOTE = "weekday-mismatch"

_YEAR = r"(?:19|20)\d\d"
# After a year: not part of a longer number, a decimal, a range or a slash identifier.
_YEAR_END = r"(?![\w/%]|[.,]\d|\s*[-–—/]\s*\d)"
_START = r"(?<![\w-])"
_END = r"(?![\w-])"
_QUOTES = re.compile(r"“[^”]{1,3000}”|\"[^\"\n]{1,3000}\"")
_RANGE_BEFORE_DAY = re.compile(r"(?<!\d)\d{1,2}\s*(?:[-–]|s/d|s\.d\.?|hingga|sampai|to|until)\s*$", re.I)
_RANGE_BEFORE_NUM = re.compile(r"\d\s*[-–/]\s*$")
_DIGIT_BEFORE = re.compile(r"\d\s*$")
_YEAR_RANGE_AFTER = re.compile(r"\s*(?:hingga|sampai|s/d|s\.d\.?|to|until)\s+(?:tahun\s+|year\s+)?(?:19|20)\d\d\b", re.I)
_YEAR_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d\s*(?:hingga|sampai|s/d|s\.d\.?|to|until)\s+(?:tahun\s+|year\s+)?$", re.I)
_CAPITAL_AFTER = re.compile(r" [A-Z][a-z]")
_EVERY_BEFORE = re.compile(r"\b(?:setiap|tiap|saban|per|every|each)\s*$", re.I)
_PADA_BEFORE = re.compile(r"(?:pada|,)\s*$", re.I)


@dataclass(slots=True)
class _Lexicon:
    """The word lists of one language, as regex alternations and lookup maps."""

    months: dict[str, int] = field(default_factory=dict)
    full_months: set[str] = field(default_factory=set)
    weekdays: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    direction: dict[str, int] = field(default_factory=dict)  # past -1, future 1, this 0
    upcoming: set[str] = field(default_factory=set)  # `nanti`: this period, or the next weekday
    relday: dict[str, int] = field(default_factory=dict)
    dayparts: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    yearwords: set[str] = field(default_factory=set)
    vague: set[str] = field(default_factory=set)
    countnouns: set[str] = field(default_factory=set)
    idcues: set[str] = field(default_factory=set)
    futurecues: set[str] = field(default_factory=set)


def _lexicon(lang: str) -> _Lexicon:
    lx = _Lexicon()
    for row in load_table(lang, "time_words"):
        w, kind, val = row["word"].lower(), row["kind"], row.get("value", "")
        if kind == "month":
            lx.months[w] = int(val)
            if len(w) > 4 or w in ("mei", "juni", "juli", "may", "june", "july"):
                lx.full_months.add(w)
        elif kind == "weekday":
            lx.weekdays[w] = int(val)
        elif kind == "number":
            lx.numbers[w] = int(val)
        elif kind == "unit":
            lx.units[w] = val
        elif kind in ("past", "future", "this"):
            lx.direction[w] = int(val)
        elif kind == "upcoming":
            lx.direction[w] = 0
            lx.upcoming.add(w)
        elif kind == "relday":
            lx.relday[w] = int(val)
        elif kind == "daypart":
            lx.dayparts[w] = val
        elif kind == "part":
            lx.parts[w] = val
        elif kind == "yearword":
            lx.yearwords.add(w)
        elif kind == "vague":
            lx.vague.add(w)
        elif kind == "countnoun":
            lx.countnouns.add(w)
        elif kind == "idcue":
            lx.idcues.add(w)
        elif kind == "futurecue":
            lx.futurecues.add(w)
    return lx


def _alt(words) -> str:
    """A regex alternation of words, longest first, spaces as flexible whitespace."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(slots=True)
class _Grammar:
    lang: str
    lx: _Lexicon
    settings: dict[str, str]  # lang/<lang>/time_settings.tsv
    regex: re.Pattern[str]
    trigger: re.Pattern[str]  # cheap scan for the words an expression can start with
    past_after: re.Pattern[str]  # a past word right after a dated weekday (`malam kemarin`)
    vague_before: re.Pattern[str]
    idcue_before: re.Pattern[str]
    count_after: re.Pattern[str]
    month_range_before: re.Pattern[str]
    month_range_after: re.Pattern[str]
    number_before: re.Pattern[str]
    future_before: re.Pattern[str]


@lru_cache(maxsize=None)
def _settings(lang: str) -> dict[str, str]:
    return {r["setting"]: r["value"] for r in load_table(lang, "time_settings")}


def _pack(lang: str) -> str:
    """The language whose time grammar reads a text: its own, else Indonesian's (the fallback)."""
    return lang if load_table(lang, "time_settings", missing_ok=True) else "id"


def _build_id(lx: _Lexicon) -> str:
    MON, FMON, WD = _alt(lx.months), _alt(lx.full_months), _alt(lx.weekdays)
    NUM, UNIT, DIR = _alt(lx.numbers), _alt(lx.units), _alt(lx.direction)
    REL, DP, PART = _alt(lx.relday), _alt(lx.dayparts), _alt(lx.parts)
    YW = _alt(lx.yearwords)
    mdot = r"(?:\.(?=\s*\d))?"
    num = r"(?P<{p}_d>\d{{1,2}})\s*(?P<{p}_s>[/.-])\s*(?P<{p}_m>\d{{1,2}})(?:\s*(?P={p}_s)\s*(?P<{p}_y>\d{{4}}|\d\d))?"
    alts = [
        # Senin (20/10/2025), Senin (20/10), Senin, 20/10/2025
        rf"(?P<wdnum>{_START}(?P<a_wd>{WD})\s*(?:,\s*)?(?:\(\s*{num.format(p='a')}\s*\)|,\s*{num.format(p='a2')}(?!\d)))",
        # (Senin,) 20 Oktober 2025, Senin (20 Oktober 2025), 20 Okt 2025, 1 Januari
        rf"(?P<dmy>(?<!\w)(?:(?P<b_wd>{WD})\s*(?:,\s*|(?P<b_open>\()\s*)(?:tanggal\s+|tgl\.?\s+)?)?"
        rf"(?P<b_d>\d{{1,2}})\s+(?P<b_mon>{MON}){mdot}(?:\s+(?P<b_y>{_YEAR}))?{_YEAR_END}(?(b_open)\s*\))"
        rf"(?!\s*(?:[-–]|s/d|hingga|sampai)\s*\d))",
        rf"(?P<iso>{_START}(?P<c_y>{_YEAR})-(?P<c_m>\d\d?)-(?P<c_d>\d\d?)(?![\w/-]))",
        rf"(?P<numdate>(?<![\w/.-])(?P<d_d>\d\d?)(?P<d_s>[/-])(?P<d_m>\d\d?)(?P=d_s)(?P<d_y>{_YEAR})(?![\w/-]))",
        # (awal) Oktober 2025, bulan Oktober tahun 2025
        rf"(?P<monyear>(?<!\w)(?:(?P<e_part>{PART})\s+)?(?:bulan\s+)?(?P<e_mon>{MON}){mdot}\s+(?:tahun\s+)?"
        rf"(?P<e_y>{_YEAR}){_YEAR_END})",
        # Mei lalu, bulan Mei, Desember mendatang
        rf"(?P<monrel>{_START}(?:(?P<f_bulan>bulan)\s+(?P<f_mon>{FMON})(?:\s+(?P<f_dir>{DIR}))?"
        rf"|(?P<f_mon2>{FMON})\s+(?P<f_dir2>{DIR})){_END})",
        # tahun 2022, Tahun Anggaran 2026, awal 2024, pada 2024, Pemilu 2024
        rf"(?P<year>{_START}(?:(?P<g_part>{PART})\s+)?(?:(?P<g_tahun>tahun)\s+(?:{YW}\s+)?)?"
        rf"(?<![/.,–])(?<!\d-)(?P<g_y>{_YEAR}){_YEAR_END})",
        # kemarin, hari ini, malam kemarin, kemarin malam, besok pagi
        rf"(?P<relday>{_START}(?:(?P<j_dp>{DP})\s+)?(?P<j_rel>{REL})(?:\s+(?P<j_dp2>{DP}))?{_END})",
        # tadi malam, malam tadi, pagi ini
        rf"(?P<tadi>{_START}(?:tadi\s+(?P<t_dp>{DP})|(?P<t_dp2>{DP})\s+(?P<t_w>tadi|ini)){_END})",
        # tahun lalu, akhir tahun ini, dua pekan lalu, setahun silam, minggu depan
        rf"(?P<relunit>{_START}(?:(?P<h_part>{PART})\s+)?(?:(?P<h_n>\d{{1,2}}|{NUM})\s+|(?P<h_se>se))?"
        rf"(?P<h_unit>{UNIT})\s+(?P<h_dir>{DIR}){_END})",
        # akhir tahun (this year's end)
        rf"(?P<partunit>{_START}(?P<i_part>{PART})\s+(?P<i_unit>tahun)"
        rf"(?!\s*(?:ajaran|anggaran|fiskal|buku|ke-|\d))(?![\w-]))",
        # Senin lalu, Selasa malam, hari Minggu, Jumat pekan depan
        rf"(?P<weekday>{_START}(?:(?P<k_hari>hari)\s+)?(?P<k_wd>{WD})(?:\s+(?P<k_dp>{DP}))?"
        rf"(?:\s+(?P<k_dir>{DIR}))?{_END})",
    ]
    return "|".join(alts)


def _build_en(lx: _Lexicon) -> str:
    MON, FMON, WD = _alt(lx.months), _alt(lx.full_months), _alt(lx.weekdays)
    NUM, UNIT = _alt(lx.numbers), _alt(lx.units)
    REL, DP = _alt(lx.relday), _alt(lx.dayparts)
    ordn = r"(?:st|nd|rd|th)?"
    alts = [
        rf"(?P<en_mdy>\b(?:(?P<ea_wd>{WD}),?\s+)?(?P<ea_mon>{MON})\.?\s+(?P<ea_d>\d{{1,2}}){ordn}(?![\d:])"
        rf"(?:,?\s+(?P<ea_y>{_YEAR}))?{_YEAR_END}(?!\s*[-–]\s*\d))",
        rf"(?P<en_dmy>\b(?:(?P<eb_wd>{WD}),?\s+)?(?:the\s+)?(?P<eb_d>\d{{1,2}}){ordn}\s+(?:of\s+)?"
        rf"(?P<eb_mon>{MON})\.?(?:,?\s+(?P<eb_y>{_YEAR}))?{_YEAR_END})",
        rf"(?P<iso>{_START}(?P<c_y>{_YEAR})-(?P<c_m>\d\d?)-(?P<c_d>\d\d?)(?![\w/-]))",
        rf"(?P<numdate>(?<![\w/.-])(?P<d_d>\d\d?)(?P<d_s>[/-])(?P<d_m>\d\d?)(?P=d_s)(?P<d_y>{_YEAR})(?![\w/-]))",
        rf"(?P<en_monyear>\b(?:(?P<e_part>early|late|mid|end\s+of)[\s-]+)?(?P<e_mon>{MON})\.?,?\s+(?:of\s+)?"
        rf"(?P<e_y>{_YEAR}){_YEAR_END})",
        rf"(?P<en_monrel>\b(?P<f_dir>last|next|this)\s+(?P<f_mon>{FMON})\b)",
        rf"(?P<en_year>\b(?:(?:the\s+)?(?P<g_part>early|late|mid|end\s+of)[\s-]+)?(?:(?:fiscal\s+)?(?P<g_tahun>year)\s+)?"
        rf"(?<![/.,–])(?<!\d-)(?P<g_y>{_YEAR}){_YEAR_END}(?!s\b))",
        rf"(?P<en_relday>\b(?:(?P<j_rel>{REL})(?:\s+(?P<j_dp2>{DP}))?|(?P<j_last>last)\s+night"
        rf"|this\s+(?P<j_this>morning|afternoon|evening))\b)",
        rf"(?P<en_relunit>\b(?:(?:the\s+)?(?P<h_part>early|earlier|late|later|end\s+of|the\s+end\s+of)(?:\s+of)?\s+)?"
        rf"(?:(?P<h_dir>last|next|this|coming)\s+(?P<h_unit>{UNIT})|(?P<h_n>\d{{1,2}}|{NUM})\s+(?P<h_unit2>{UNIT})\s+ago)\b)",
        rf"(?P<en_weekday>\b(?:(?P<k_dir>last|next|this|coming)\s+)?(?P<k_wd>{WD})(?:\s+(?P<k_dp>{DP}))?\b)",
    ]
    return "|".join(alts)


def _trie(words: set[str]) -> str:
    """A case-sensitive regex trie of words: sre tries one branch per first letter, which is
    several times faster than a flat alternation of a hundred words."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root)


_GRAMMARS: dict[str, _Grammar] = {}
_BUILDERS = {"id": _build_id, "en": _build_en}  # the pattern families a pack's `grammar` names


def _grammar(lang: str) -> _Grammar:
    """Compile a language's patterns once (module-level cache)."""
    g = _GRAMMARS.get(lang)
    if g is not None:
        return g
    lx = _lexicon(lang)
    settings = _settings(lang)
    body = _BUILDERS[settings["grammar"]](lx)
    starts = set(lx.months) | set(lx.weekdays) | set(lx.numbers) | set(lx.units) | set(lx.relday)
    starts |= set(lx.dayparts) | set(lx.parts)
    starts |= {w for w in settings.get("start_words", "").split("|") if w}
    if settings.get("unit_prefix"):
        starts |= {settings["unit_prefix"] + u for u in lx.units}
    firsts = {w.split()[0] for w in starts}
    cased = {v for w in firsts for v in (w, w.capitalize(), w.upper())}
    MON = _alt(lx.months)
    past_words = [w for w, v in lx.direction.items() if v < 0]
    g = _Grammar(
        lang=lang,
        lx=lx,
        settings=settings,
        regex=re.compile(body, re.I),
        trigger=re.compile(rf"\b(?:\d|{_trie(cased)}\b)"),
        past_after=re.compile(rf"\s*(?:{_alt(lx.dayparts)}\s+)?(?P<w>{_alt(past_words + ['tadi'])}){_END}", re.I),
        vague_before=re.compile(rf"(?:{_alt(lx.vague)}|\d)\s*$", re.I),
        idcue_before=re.compile(rf"(?<![\w$]){_alt(lx.idcues)}\.?\s*$|[$€£]\s*$", re.I),
        count_after=re.compile(rf"\s+{_alt(lx.countnouns)}\b", re.I),
        month_range_before=re.compile(rf"{MON}\.?\s*(?:[-–]|s/d|hingga|sampai|to|until)\s*$", re.I),
        month_range_after=re.compile(rf"\s*[-–]\s*(?:{MON}|\d)", re.I),
        number_before=re.compile(r"\d[\w./-]*\s+$"),
        future_before=re.compile(rf"(?<![\w']){_alt(lx.futurecues)}\b[^.!?\n]*$", re.I),
    )
    _GRAMMARS[lang] = g
    return g


# ---------------------------------------------------------------- calendar helpers

def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _year4(y: str | None, published: _dt.date | None) -> int | None:
    if not y:
        return published.year if published else None
    n = int(y)
    if n < 100:
        n += 2000 if n < 70 else 1900
    return n


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _weekday_near(wd: int, anchor: _dt.date, mode: int) -> _dt.date:
    """The date with weekday `wd` near `anchor`: mode 0 on/before, -1 strictly before, 1 strictly after."""
    if mode > 0:
        return anchor + _dt.timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - wd) % 7
    if mode < 0 and back == 0:
        back = 7
    return anchor - _dt.timedelta(days=back)


def _monday(d: _dt.date) -> _dt.date:
    return d - _dt.timedelta(days=d.weekday())


def _distance(d: _dt.date, ref: _dt.date) -> int:
    """Days from the reference date, the future counting double: news mostly reports the past."""
    n = (d - ref).days
    return 2 * n if n > 0 else -n


def _closest_year(month: int, day: int, ref: _dt.date) -> _dt.date | None:
    """A day-month without a year: the year that puts it closest to the reference date."""
    cands = [d for y in (ref.year, ref.year - 1, ref.year + 1) if (d := _date(y, month, day))]
    return min(cands, key=lambda d: _distance(d, ref)) if cands else None


def _settle_weekday(wd: int, d: int, m: int, y: int | None, published: _dt.date | None,
                    past_word: str | None, names: tuple[str, ...]) -> tuple[_dt.date | None, str | None]:
    """Check a weekday against a numeric date; swap day and month, or trust the weekday, when it says so."""
    years = [y] if y is not None else ([published.year, published.year - 1, published.year + 1] if published else [])
    ref = published
    wname = names[wd]

    def fits(dd: int, mm: int) -> _dt.date | None:
        cands = [c for yy in years if (c := _date(yy, mm, dd)) and c.weekday() == wd]
        if ref is not None:
            cands.sort(key=lambda c: _distance(c, ref))
        return cands[0] if cands else None

    hit = fits(d, m)
    if hit:
        return hit, None
    swapped = fits(m, d) if d <= 12 and d != m else None
    written = None
    if years:
        written = _date(years[0], m, d) if y is not None else (_closest_year(m, d, ref) if ref else None)
    if swapped:
        wr = written.isoformat() if written else f"{d}/{m}"
        return swapped, (f"{SWAPPED_NOTE}: {wname} does not fall on {wr} (day/month) "
                         f"but does on {swapped.isoformat()} (month/day)")
    if published is not None:
        wr = written.isoformat() if written else f"{d}/{m}"
        same = _date(published.year, m, d) if y is not None and y != published.year else None
        if same and same.weekday() == wd and abs((same - published).days) <= 31:
            return same, (f"{MISMATCH_NOTE}: {wr} is not a {wname}; the year is a slip, "
                          f"{same.isoformat()} is a {wname} near the publication date")
        if past_word:  # `Minggu (13/10/2025) malam kemarin`: the weekday and the word agree
            cand = _weekday_near(wd, published, -1)
            if (published - cand).days <= 7 and (past_word not in ("kemarin", "yesterday", "tadi")
                                                 or (published - cand).days == 1):
                return cand, (f"{MISMATCH_NOTE}: {wr} is not a {wname}; '{past_word}' and the weekday "
                              f"give {cand.isoformat()}, the {wname} before {published.isoformat()}")
    if written is None:
        return None, None
    return written, f"{MISMATCH_NOTE}: {written.isoformat()} is not a {wname}; kept the written date"


# ---------------------------------------------------------------- the extractor

class _Ctx:
    """Per-call state: the text, the dates to resolve against, and the quote spans (lazily)."""

    __slots__ = ("text", "g", "published", "anchors", "_quotes", "_quote_starts")

    def __init__(self, text: str, g: _Grammar, published: _dt.date | None) -> None:
        self.text = text
        self.g = g
        self.published = published
        self.anchors: list[tuple[int, _dt.date]] = []  # dated weekday expressions: speech dates
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []

    def anchor(self, pos: int) -> _dt.date | None:
        """The date a relative word counts from: the speech date inside a quote, else publication."""
        pub = self.published
        if pub is None:
            return None
        if self._quotes is None:
            self._quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(self.text)]
            self._quote_starts = [qs for qs, _ in self._quotes]
        k = bisect.bisect_left(self._quote_starts, pos) - 1  # quotes do not overlap: only this one can hold pos
        if k >= 0 and pos < self._quotes[k][1]:
            qs, qe = self._quotes[k]
            before = [(s, d) for s, d in self.anchors if s < qs and 0 <= (pub - d).days <= 7]
            if before:
                return max(before)[1]
            after = _next_dated(self, qe)
            if after is not None and 0 <= (pub - after).days <= 7:
                return after
        return pub


def _next_dated(ctx: _Ctx, pos: int) -> _dt.date | None:
    """The first dated weekday expression shortly after a quote (`..." kata X, Senin (20/10/2025).`)."""
    for m in _scan(ctx.g, ctx.text, pos, min(len(ctx.text), pos + 300)):
        if m.lastgroup in ("wdnum", "dmy", "en_mdy", "en_dmy"):
            r = _HANDLERS[m.lastgroup](m, ctx)
            if r:
                return _dt.date.fromisoformat(r[0]) if len(r[0]) == 10 else None
    return None


Result = tuple[str, str | None] | None


def _past_word_after(m: re.Match[str], ctx: _Ctx) -> str | None:
    pm = ctx.g.past_after.match(ctx.text, m.end())
    return pm.group("w").lower() if pm else None


def _h_wdnum(m: re.Match[str], ctx: _Ctx) -> Result:
    p = "a" if m.group("a_d") else "a2"
    if p == "a2" and not m.group("a2_y"):
        return None
    wd = ctx.g.lx.weekdays[m.group("a_wd").lower()]
    d, mo = int(m.group(p + "_d")), int(m.group(p + "_m"))
    y = _year4(m.group(p + "_y"), None) if m.group(p + "_y") else None
    date, note = _settle_weekday(wd, d, mo, y, ctx.published, _past_word_after(m, ctx), _wd_names(ctx))
    if date is None:
        return None
    ctx.anchors.append((m.start(), date))
    return date.isoformat(), note


def _wd_names(ctx: _Ctx) -> tuple[str, ...]:
    return tuple(ctx.g.settings["weekday_names"].split("|"))


def _lower_month(ctx: _Ctx, written: str) -> bool:
    """A month name written in lower case where the language capitalises months (English `may`)."""
    return ctx.g.settings.get("capital_months") == "yes" and not written[0].isupper()


def _day_month(ctx: _Ctx, m: re.Match[str], wd_s: str | None, d_s: str, mon_s: str, y_s: str | None) -> Result:
    if not wd_s and (_RANGE_BEFORE_DAY.search(ctx.text, max(0, m.start() - 12), m.start()) or _month_range(m, ctx)):
        return None  # the end of a period: `20-22 Oktober`, `14 Oktober hingga 14 November 2025`
    lx = ctx.g.lx
    mo = lx.months[mon_s.lower().rstrip(".")]
    d = int(d_s)
    if _lower_month(ctx, mon_s):
        return None
    if y_s:
        date = _date(int(y_s), mo, d)
    elif ctx.published:
        date = _closest_year(mo, d, ctx.published)
    else:
        return None
    if date is None:
        return None
    note = None
    if wd_s:
        wd = lx.weekdays[wd_s.lower()]
        if date.weekday() != wd:
            note = f"{MISMATCH_NOTE}: {date.isoformat()} is not a {_wd_names(ctx)[wd]}; kept the written date"
        elif ctx.published and 0 <= (ctx.published - date).days <= 7:
            ctx.anchors.append((m.start(), date))
    return date.isoformat(), note


def _h_dmy(m: re.Match[str], ctx: _Ctx) -> Result:
    return _day_month(ctx, m, m.group("b_wd"), m.group("b_d"), m.group("b_mon"), m.group("b_y"))


def _h_en_mdy(m: re.Match[str], ctx: _Ctx) -> Result:
    return _day_month(ctx, m, m.group("ea_wd"), m.group("ea_d"), m.group("ea_mon"), m.group("ea_y"))


def _h_en_dmy(m: re.Match[str], ctx: _Ctx) -> Result:
    return _day_month(ctx, m, m.group("eb_wd"), m.group("eb_d"), m.group("eb_mon"), m.group("eb_y"))


def _h_iso(m: re.Match[str], ctx: _Ctx) -> Result:
    d = _date(int(m.group("c_y")), int(m.group("c_m")), int(m.group("c_d")))
    return (d.isoformat(), None) if d else None


def _h_numdate(m: re.Match[str], ctx: _Ctx) -> Result:
    a, b, y = int(m.group("d_d")), int(m.group("d_m")), int(m.group("d_y"))
    d, mo = (b, a) if ctx.g.settings.get("numeric_order") == "mdy" else (a, b)  # English m/d/Y, Indonesian d/m/Y
    date = _date(y, mo, d) or _date(y, d, mo)
    return (date.isoformat(), None) if date else None


def _month_range(m: re.Match[str], ctx: _Ctx) -> bool:
    g = ctx.g
    return bool(g.month_range_before.search(ctx.text, max(0, m.start() - 25), m.start()))


def _h_monyear(m: re.Match[str], ctx: _Ctx) -> Result:
    mon = m.group("e_mon")
    if _lower_month(ctx, mon):
        return None
    if _month_range(m, ctx) or _DIGIT_BEFORE.search(ctx.text, max(0, m.start() - 4), m.start()):
        return None  # `Januari-Agustus 2025`, `21-23 Oktober 2025`: periods
    return f"{int(m.group('e_y')):04d}-{ctx.g.lx.months[mon.lower().rstrip('.')]:02d}", None


def _month_rel(ctx: _Ctx, m: re.Match[str], mon_s: str, dir_s: str | None) -> Result:
    ref = ctx.anchor(m.start())
    if ref is None or _month_range(m, ctx):
        return None
    if _lower_month(ctx, mon_s):
        return None
    if ctx.g.month_range_after.match(ctx.text, m.end()):
        return None
    mo = ctx.g.lx.months[mon_s.lower()]
    dkey = " ".join(dir_s.lower().split()) if dir_s else None
    sign = None if dkey is None else (1 if dkey in ctx.g.lx.upcoming else ctx.g.lx.direction.get(dkey, 0))
    y = ref.year
    if sign is None:  # `bulan Mei`: the closest such month
        cands = [(abs((yy * 12 + mo) - (ref.year * 12 + ref.month)), yy) for yy in (ref.year, ref.year - 1, ref.year + 1)]
        y = min(cands)[1]
    elif sign < 0 and mo > ref.month:
        y -= 1
    elif sign > 0 and mo < ref.month:
        y += 1
    return f"{y:04d}-{mo:02d}", None


def _h_monrel(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("f_mon"):
        return _month_rel(ctx, m, m.group("f_mon"), m.group("f_dir"))
    return _month_rel(ctx, m, m.group("f_mon2"), m.group("f_dir2"))


def _h_en_monrel(m: re.Match[str], ctx: _Ctx) -> Result:
    return _month_rel(ctx, m, m.group("f_mon"), m.group("f_dir"))


def _h_year(m: re.Match[str], ctx: _Ctx) -> Result:
    text, g = ctx.text, ctx.g
    s = m.start()
    lo = max(0, s - 20)
    if g.idcue_before.search(text, lo, s) or _RANGE_BEFORE_NUM.search(text, lo, s):
        return None
    if m.group("g_tahun") and g.number_before.search(text, lo, s):  # `UU Nomor 8 Tahun 2019`
        return None
    if _YEAR_RANGE_AFTER.match(text, m.end()) or _YEAR_RANGE_BEFORE.search(text, max(0, s - 30), s):
        return None  # `2013 hingga 2024`: a period
    if not m.group("g_tahun") and not m.group("g_part") and g.count_after.match(text, m.end()):
        return None
    y = int(m.group("g_y"))
    if ctx.published and y > ctx.published.year + 30:
        return None
    return f"{y:04d}", None


def _h_relday(m: re.Match[str], ctx: _Ctx) -> Result:
    ref = ctx.anchor(m.start())
    if ref is None:
        return None
    lx = ctx.g.lx
    if m.group("j_rel"):
        off = lx.relday[" ".join(m.group("j_rel").lower().split())]
    elif "j_last" in m.re.groupindex and m.group("j_last"):  # `last night` (English grammar)
        off = -1
    else:
        off = 0
    return (ref + _dt.timedelta(days=off)).isoformat(), None


def _h_tadi(m: re.Match[str], ctx: _Ctx) -> Result:
    ref = ctx.anchor(m.start())
    if ref is None:
        return None
    dp = (m.group("t_dp") or m.group("t_dp2")).lower()
    past_night = m.group("t_w") is None or m.group("t_w").lower() == "tadi"
    off = -1 if past_night and ctx.g.lx.dayparts.get(dp) == "night" else 0
    return (ref + _dt.timedelta(days=off)).isoformat(), None


def _rel_unit(ctx: _Ctx, m: re.Match[str], n_s: str | None, unit_s: str, sign: int, part: str | None) -> Result:
    ref = ctx.anchor(m.start())
    if ref is None:
        return None
    lx = ctx.g.lx
    unit = lx.units[unit_s.lower()]
    n = (int(n_s) if n_s.isdigit() else lx.numbers[" ".join(n_s.lower().split())]) if n_s else 1
    if n_s is None and sign != 0 and ctx.g.vague_before.search(ctx.text, max(0, m.start() - 20), m.start()):
        return None  # `ratusan tahun silam`, `10-7 tahun yang lalu`
    if n_s and _RANGE_BEFORE_NUM.search(ctx.text, max(0, m.start() - 6), m.start()):
        return None
    if sign == 0:
        n = 0
    delta = sign * n
    if unit == "year":
        return f"{ref.year + delta:04d}", None
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, delta)
        return f"{y:04d}-{mo:02d}", None
    if unit == "week":
        day = ref + _dt.timedelta(days=7 * delta)
        if part == "end":  # akhir pekan: the Saturday of that week
            sat = _monday(day) + _dt.timedelta(days=5)
            if sign < 0 and sat >= ref:
                sat -= _dt.timedelta(days=7)
            return sat.isoformat(), "weekend: the Saturday"
        mon = _monday(day)
        iy, iw, _ = mon.isocalendar()
        return mon.isoformat(), f"week: the Monday of {iy}-W{iw:02d}"
    if n_s is None and sign != 0:  # `hari lalu` without a count is no date
        return None
    return (ref + _dt.timedelta(days=delta)).isoformat(), None


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> Result:
    dir_s = " ".join(m.group("h_dir").lower().split())
    sign = ctx.g.lx.direction[dir_s]
    n_s = m.group("h_n") or ("1" if m.group("h_se") else None)
    part = ctx.g.lx.parts.get((m.group("h_part") or "").lower())
    if sign == 0 and n_s:  # `dua tahun ini`: a duration
        return None
    return _rel_unit(ctx, m, n_s, m.group("h_unit"), sign, part)


def _h_en_relunit(m: re.Match[str], ctx: _Ctx) -> Result:
    part_s = m.group("h_part")
    part = None
    if part_s:
        part = "end" if "end" in part_s.lower() or "late" in part_s.lower() else "start"
    if m.group("h_dir"):
        d = m.group("h_dir").lower()
        sign = {"last": -1, "next": 1, "coming": 1}.get(d, 0)
        return _rel_unit(ctx, m, None if sign == 0 else "1", m.group("h_unit"), sign, part)
    return _rel_unit(ctx, m, m.group("h_n"), m.group("h_unit2"), -1, part)


def _h_partunit(m: re.Match[str], ctx: _Ctx) -> Result:
    ref = ctx.anchor(m.start())
    if ref is None:
        return None
    if _EVERY_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start()):
        return None
    if m.group("i_unit").lower() == "bulan":
        return f"{ref.year:04d}-{ref.month:02d}", None
    return f"{ref.year:04d}", None


def _weekday_rel(ctx: _Ctx, m: re.Match[str], wd_s: str, dir_s: str | None, dp: str | None, hari: bool) -> Result:
    text = ctx.text
    lx = ctx.g.lx
    low = wd_s.lower()
    if not wd_s[0].isupper() and not hari:
        return None
    lo = max(0, m.start() - 12)
    if _EVERY_BEFORE.search(text, lo, m.start()):
        return None
    if low == "minggu" and not (hari or dp or _PADA_BEFORE.search(text, lo, m.start())):
        return None  # `Minggu` alone is more often "week"
    if not (dir_s or dp) and _CAPITAL_AFTER.match(text, m.end()):
        return None  # a name: `Jumat Sehat`, `Sabtu Ceria`
    ref = ctx.anchor(m.start())
    if ref is None:
        return None
    dkey = " ".join(dir_s.lower().split()) if dir_s else None
    sign = None if dkey is None else (1 if dkey in lx.upcoming else lx.direction.get(dkey, 0))
    wd = lx.weekdays[low]
    if sign is None and ctx.g.future_before.search(text, max(0, m.start() - 40), m.start()):
        sign = 2  # `akan digelar Senin`, `will travel on Tuesday`: the coming one
    if sign is None:
        date = _weekday_near(wd, ref, 0)
    elif sign == 2:
        date = _weekday_near(wd, ref, 1) - _dt.timedelta(days=7 if ref.weekday() == wd else 0)
    elif sign < 0:
        date = _weekday_near(wd, ref, -1)
    elif sign > 0:
        date = _weekday_near(wd, ref, 1)
    else:  # `Senin ini`: the same week
        date = _monday(ref) + _dt.timedelta(days=wd)
    return date.isoformat(), None


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
    return _weekday_rel(ctx, m, m.group("k_wd"), m.group("k_dir"), m.group("k_dp"), bool(m.group("k_hari")))


def _h_en_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
    d = (m.group("k_dir") or "").lower()
    dir_s = {"last": "last", "next": "next", "coming": "next", "this": "this"}.get(d)
    return _weekday_rel(ctx, m, m.group("k_wd"), dir_s, m.group("k_dp"), False)


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], Result]] = {
    "wdnum": _h_wdnum,
    "dmy": _h_dmy,
    "iso": _h_iso,
    "numdate": _h_numdate,
    "monyear": _h_monyear,
    "monrel": _h_monrel,
    "year": _h_year,
    "relday": _h_relday,
    "tadi": _h_tadi,
    "relunit": _h_relunit,
    "partunit": _h_partunit,
    "weekday": _h_weekday,
    "en_mdy": _h_en_mdy,
    "en_dmy": _h_en_dmy,
    "en_monyear": _h_monyear,
    "en_monrel": _h_en_monrel,
    "en_year": _h_year,
    "en_relday": _h_relday,
    "en_relunit": _h_en_relunit,
    "en_weekday": _h_en_weekday,
}

_DATED = frozenset({"wdnum", "dmy", "iso", "numdate", "en_mdy", "en_dmy"})


def _scan(g: _Grammar, text: str, pos: int = 0, endpos: int | None = None):
    """Non-overlapping matches left to right, like `finditer`, but trying the full pattern
    only where a trigger word or a digit starts (the hot path: most positions are skipped)."""
    end = len(text) if endpos is None else endpos
    match = g.regex.match
    last = pos
    for t in g.trigger.finditer(text, pos, end):
        s = t.start()
        if s < last:
            continue
        m = match(text, s, end)
        if m is not None and m.end() > s:
            last = m.end()
            yield m


def _as_date(published: _dt.date | _dt.datetime | str | None) -> _dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, _dt.datetime):
        return published.date()
    if isinstance(published, _dt.date):
        return published
    try:
        return _dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def extract_times(text: str, published: _dt.date | None, lang: str = "id") -> list[TimeExpr]:
    """Every time expression of `text`, normalised to YYYY-MM-DD / YYYY-MM / YYYY, in text order.

    Relative words (`kemarin`, `tahun lalu`, `Senin`) resolve against `published`, or against
    the speech date when they stand inside a quote; without `published` the article's own
    dateline date (see `infer_published`) stands in, and failing that they are left out.
    """
    g = _grammar(_pack(lang))
    pub = _as_date(published)
    if pub is None:
        guess = infer_published(text, lang)
        pub = _dt.date.fromisoformat(guess.value) if guess and len(guess.value) == 10 else None
    ctx = _Ctx(text, g, pub)
    out: list[TimeExpr] = []
    for m in _scan(g, text):
        kind = m.lastgroup
        res = _HANDLERS[kind](m, ctx)
        if res is None:
            continue
        value, note = res
        s, e = m.span()
        while e > s and text[e - 1] in " \t\n.,":  # the optional dot after an abbreviation
            e -= 1
        out.append(TimeExpr(text[s:e], s, e, value, note))
    return _echoes_take_the_date(text, out)


_ECHO_GAP = re.compile(r"[\s,)]*(?:[a-z]+(?:\s+hari)?\s+)?$")  # `Minggu (13/10/2025) malam kemarin`


@lru_cache(maxsize=None)
def _echo_words() -> frozenset[str]:
    """Relative words that, right after a full date, repeat it (`kind` echo in time_words.tsv)."""
    return frozenset(r["word"].lower() for lang in ("id", "en") for r in load_table(lang, "time_words")
                     if r.get("kind") == "echo")


def _echoes_take_the_date(text: str, times: list[TimeExpr]) -> list[TimeExpr]:
    """`Sabtu (18/10/2025) kemarin`: a relative day right after a full date repeats that date
    rather than counting from the publication day."""
    for prev, cur in zip(times, times[1:]):
        if len(prev.value) == 10 and len(cur.value) == 10 and cur.start - prev.end <= 20 \
                and cur.text.lower() in _echo_words() and _ECHO_GAP.match(text[prev.end:cur.start]):
            cur.value = prev.value
            cur.note = "repeats the date just before it"
    return times


def _lead(text: str, paragraphs: int = 3, limit: int = 1500) -> str:
    """The opening paragraphs, where a dateline puts the article's own date."""
    n, pos = 0, 0
    while n < paragraphs and pos < len(text):
        nl = text.find("\n", pos)
        if nl < 0:
            return text[:limit]
        if text[pos:nl].strip():
            n += 1
        pos = nl + 1
    return text[:min(pos, limit)]


def infer_published(text: str, lang: str = "id") -> TimeExpr | None:
    """The article's own date when metadata lacks it: the first full date of the opening
    paragraphs (a dateline such as `Rabu (12/4/2024)`), weekday-checked."""
    g = _grammar(_pack(lang))
    head = _lead(text)
    ctx = _Ctx(head, g, None)
    for m in _scan(g, head):
        kind = m.lastgroup
        if kind not in _DATED:
            continue
        if kind == "wdnum" and not (m.group("a_y") or m.group("a2_y")):
            continue
        if kind == "dmy" and not m.group("b_y") or kind == "en_mdy" and not m.group("ea_y") \
                or kind == "en_dmy" and not m.group("eb_y"):
            continue
        res = _HANDLERS[kind](m, ctx)
        if res is None or len(res[0]) != 10:
            continue
        return TimeExpr(m.group(0), m.start(), m.end(), res[0], res[1])
    return None
