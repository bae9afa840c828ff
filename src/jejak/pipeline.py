"""One article in, one analysis record out: clean → segment → entities → times & amounts → quotes.

The pass is pure and deterministic, so it runs the same in a test, a laptop batch or a worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlsplit

from jejak.clean import clean
from jejak.ingest.readers import InputRecord, looks_like_html
from jejak.clean.mojibake import repair_mojibake
from jejak.extract.amounts import extract_amounts
from jejak.extract.events import extract_events
from jejak.extract.quotes import extract_quotes
from jejak.extract.times import MISMATCH_NOTE, SWAPPED_NOTE, extract_times, infer_published
from jejak.indicators import article_indicators
from jejak.kb import KnowledgeBase, default_kb
from jejak.model import Article
from jejak.nlp.entities import recognise
from jejak.nlp.langid import identify
from jejak.nlp.segment import sentences

_SURROGATE = re.compile("[\ud800-\udfff]")
_YEARS = range(1900, 2101)  # dates outside these are feed placeholders (`0001-01-01`), not publication days
LANGS = ("id", "en")


class NotAnalysable(ValueError):
    """The input cannot be analysed (empty, or a language jejak does not read); says why."""


def _parse_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A metadata date in ISO, feed or export form; None when absent or not a plausible day."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = None
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            for lang in LANGS:  # `Senin, 13 Oktober 2025`, `10/13/2025 10:27`, `Oct 13, 2025`
                found = infer_published(str(value), lang=lang)
                if found is not None and len(found.value) == 10:
                    day = dt.date.fromisoformat(found.value)
                    break
    return day if day is not None and day.year in _YEARS else None


_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def local_time(moment: dt.datetime) -> dt.datetime:
    """A publication moment as a naive Western Indonesian Time (WIB) clock reading: times with a
    zone are converted, so `02:00Z` and `09:00+07:00` are the same moment; times without one are
    taken as written, the way Indonesian outlets stamp them."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(WIB).replace(tzinfo=None)
    return moment


def _parse_moment(value: str | dt.date | dt.datetime | None) -> str | None:
    """The publication moment when the metadata gives a clock time (ISO `2019-09-10T13:20`), in
    WIB: it orders copies published on the same day."""
    moment = None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and _CLOCK.match(value.strip()):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment is None:
        return None
    moment = local_time(moment)
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def _inside_a_name(item, table) -> bool:
    """A date inside an organisation's or a place's name (`Universitas 17 Agustus 1945`) is no time."""
    for m in table.mentions_between(max(0, item.start - 80), item.end + 80):
        if m.start <= item.start and item.end <= m.end and table.entities[m.entity].type in ("ORG", "LOC"):
            return True
    return False


def host_of(url: str | None) -> str | None:
    """The host of a URL, or None when there is no URL or it is malformed."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def analyze(text_or_html: str, *, lang: str | None = None, published: str | dt.date | None = None,
            url: str | None = None, title: str | None = None, id: str | None = None,
            kb: KnowledgeBase | None = None) -> Article:
    """Analyse one article given as plain text or HTML.

    `published` (ISO date) anchors relative dates; without it the article's own date is read from
    its dateline or first date. `lang` skips identification when given. Raises `NotAnalysable`
    for empty input and for languages other than Indonesian and English.
    """
    kb = kb or default_kb()
    if lang is not None and lang not in LANGS:
        raise NotAnalysable(f"jejak reads Indonesian (id) and English (en), not {lang!r}")
    source = _SURROGATE.sub("\ufffd", text_or_html or "")
    if looks_like_html(source):
        from jejak.ingest.html import extract_html

        extracted = extract_html(source, url)
        if not (extracted.text or "").strip():
            raise NotAnalysable(extracted.reason or "the HTML page has no main text that could be extracted")
        source = extracted.text or ""
        title = title or extracted.title
        published = published or extracted.published
        url = url or extracted.url
    if not source.strip():
        raise NotAnalysable("empty text")
    source = repair_mojibake(source)[0]
    if lang is None:
        lang, confidence = identify(source)
        if lang not in LANGS:
            raise NotAnalysable(f"language is not Indonesian or English (identified as {lang}, {confidence:.2f})")
    host = host_of(url)
    site = kb.outlet_for_host(host) if host else None
    cleaned = clean(source, lang=lang, outlet=site.name if site else None)
    text = cleaned.text
    article = Article(text=text, id=id, lang=lang, title=title, url=url, source_text=source,
                      dateline=cleaned.dateline, removals=cleaned.removals,
                      indicators=list(cleaned.indicators), author_codes=cleaned.author_codes)
    if article.id is None:
        article.id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    day = _parse_date(published)
    if day is not None:
        moment = _parse_moment(published)
        if moment is not None:  # the day of the moment in WIB, which a zone conversion may move
            day = dt.date.fromisoformat(moment[:10])
        article.published, article.published_from = day.isoformat(), "metadata"
        article.published_at = moment
    else:
        own = infer_published(text, lang=lang)
        if own is not None and len(own.value) == 10:
            day = _parse_date(own.value)
            article.published = own.value
            article.published_from = "dateline" if own.start < 200 else "first-date"

    article.sentences = sentences(text, lang)
    table = recognise(text, kb=kb)
    article.entities = sorted(table.entities.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
    article.times = [t for t in extract_times(text, day, lang=lang) if not _inside_a_name(t, table)]
    article.amounts = extract_amounts(text, lang=lang)
    article.quotes = extract_quotes(text, table, kb, day, article.sentences, lang)
    article.events = extract_events(text, article.sentences, table, article.quotes, article.times, day, lang, kb)
    article.indicators.extend(article_indicators(article, kb, swapped_note=SWAPPED_NOTE, mismatch_note=MISMATCH_NOTE,
                                                 host=host, site=site))
    return article


def analyze_input(item: InputRecord, lang: str | None = None, kb: KnowledgeBase | None = None) -> Article:
    """Analyse one record as the readers deliver it (its text, else its HTML), keeping its metadata."""
    body = item.text if item.text is not None else (item.html or "")
    return analyze(body, lang=lang, published=item.published, url=item.url, title=item.title, id=item.id, kb=kb)


_WARM_TEXT = ('Jakarta - Menteri Keuangan mengatakan pemerintah menyalurkan bantuan Rp 1,5 triliun kepada warga '
              'Kabupaten Bogor pada Senin (13/10/2025). "Kami tidak akan menunda bantuan," katanya.')
_warmed: set[int] = set()


def warm_up(kb: KnowledgeBase | None = None) -> None:
    """Load every lexicon, pattern and the knowledge base's matcher once per process, before any
    article is timed: a worker's cold start (a second or two) is not its first article's fault."""
    kb = kb or default_kb()
    if id(kb) in _warmed:
        return
    _warmed.add(id(kb))
    for lang in LANGS:
        try:
            analyze(_WARM_TEXT, lang=lang, published="2025-10-13", kb=kb)
        except NotAnalysable:
            pass
