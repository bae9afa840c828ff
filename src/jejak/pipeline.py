"""One article in, one analysis record out: clean → segment → entities → times & amounts → quotes.

The pass is pure and deterministic, so it runs the same in a test, a laptop batch or a worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from jejak.clean import clean
from jejak.dates import parse_day, publication_moment
from jejak.ingest.readers import InputRecord, looks_like_html
from jejak.ingest.records import clean_field
from jejak.clean.mojibake import repair_mojibake
from jejak.extract.amounts import extract_amounts
from jejak.extract.events import extract_events
from jejak.extract.quotes import extract_quotes
from jejak.extract.times import MISMATCH_NOTE, SWAPPED_NOTE, extract_times, infer_published
from jejak.indicators import article_indicators
from jejak.kb import KnowledgeBase, default_kb
from jejak.kb.publishers import host_of, publisher
from jejak.model import Article
from jejak.nlp.entities import language_pack, recognise
from jejak.nlp.langid import identify
from jejak.nlp.segment import sentences

_SURROGATE = re.compile("[\ud800-\udfff]")
LANGS = ("id", "en")


class NotAnalysable(ValueError):
    """The input cannot be analysed (empty, or a language jejak does not read); says why."""


def _inside_a_name(item, table) -> bool:
    """A date inside an organisation's or a place's name (`Universitas 17 Agustus 1945`) is no time."""
    for m in table.mentions_between(max(0, item.start - 80), item.end + 80):
        if m.start <= item.start and item.end <= m.end and table.entities[m.entity].type in ("ORG", "LOC"):
            return True
    return False


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
    id, title, url = clean_field(id), clean_field(title), clean_field(url)  # callers of the API hand anything
    if published is not None and not isinstance(published, (dt.date, dt.datetime)):
        published = clean_field(published)
    page = None
    if looks_like_html(source):
        from jejak.ingest.html import extract_html

        page = extract_html(source, url)
        if not (page.text or "").strip():
            raise NotAnalysable(page.reason or "the HTML page has no main text that could be extracted")
        source = page.text or ""
        title = title or page.title
        published = published or page.published
        url = url or page.url
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
                      indicators=list(cleaned.indicators), author_codes=cleaned.author_codes,
                      outlet=publisher(url, kb))
    if page is not None:
        article.author, article.site_name = page.author, page.sitename
        if page.url and page.url != url:
            article.canonical_url = page.url
    if article.id is None:
        article.id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    day = parse_day(published)  # a moment with a zone counts on its day in WIB
    if day is not None:
        article.published, article.published_from = day.isoformat(), "metadata"
        article.published_at = publication_moment(published)
    else:
        own = infer_published(text, lang=lang)
        if own is not None and len(own.value) == 10:
            day = parse_day(own.value)
            article.published = own.value
            article.published_from = "dateline" if own.start < 200 else "first-date"

    article.sentences = sentences(text, lang)
    with language_pack(lang):  # the name helpers the quote and event layers share read this language's lists
        table = recognise(text, kb=kb, published=day, lang=lang)
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
_WARM_PAGE = ("<html><head><title>Uji</title></head><body><nav><a href='/'>Beranda</a></nav><article>"
              + "".join(f"<p>{_WARM_TEXT} Paragraf {i} menjelaskan bantuan bagi warga yang terdampak.</p>"
                        for i in range(6))
              + "</article></body></html>")  # long enough that trafilatura needs no fallback
_warmed: set[tuple[int, bool]] = set()


def warm_up(kb: KnowledgeBase | None = None, html: bool = False) -> None:
    """Load every lexicon, pattern and the knowledge base's matcher once per process (with
    `html`, also the HTML extractors' stop lists), before any article is timed: a worker's cold
    start (a second or two) is not its first article's fault."""
    kb = kb or default_kb()
    if (id(kb), html) in _warmed:
        return
    _warmed.add((id(kb), html))
    for lang in LANGS:
        try:
            analyze(_WARM_PAGE if html else _WARM_TEXT, lang=lang, published="2025-10-13", kb=kb)
        except NotAnalysable:
            pass
    # (trafilatura's jusText fallback loads every stop list, a few seconds, on the first odd page
    # only; warming it would cost every `jejak analyze page.html` that time, so it is left cold)
