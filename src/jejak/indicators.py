"""Signs that an article is a copy or machine-spun, found once the article is analysed.

Cleaning already reports what it sees in the raw text (a translated author code, another
outlet's furniture, a garbled attribution). Here come the signs that need the analysis: a
weekday that only fits the date read month-first, and a dateline brand that is not the site
the article was published on.
"""

from __future__ import annotations

from jejak.kb import KBEntity, KnowledgeBase
from jejak.kb.loader import norm_brand as _brand_key
from jejak.model import Article, Indicator


def article_indicators(article: Article, kb: KnowledgeBase, *, swapped_note: str, mismatch_note: str,
                       host: str | None, site: KBEntity | None) -> list[Indicator]:
    """`site` is the outlet the page's host belongs to (None when unknown)."""
    out: list[Indicator] = []
    for t in article.times:
        if t.note and t.note.startswith(swapped_note):
            out.append(Indicator("date-format-mismatch", t.text, t.start, t.end,
                                 "the weekday fits only the month-first reading of the date: " + t.note))
        elif t.note and t.note.startswith(mismatch_note):
            out.append(Indicator("weekday-mismatch", t.text, t.start, t.end,
                                 "the weekday does not fit the date as written: " + t.note))
    brand = article.dateline.outlet if article.dateline else None
    if brand and host:
        named = kb.outlet_for_name(brand)
        evidence = article.dateline.text or brand
        if named is not None:
            if site is None or named.group != site.group:
                where = f"{host} ({site.name})" if site else host
                out.append(Indicator("dateline-mismatch", evidence, None, None,
                                     f"the dateline names {named.name} but the page is on {where}"))
        elif _brand_key(brand) not in _brand_key(host) and (site is None or _brand_key(site.name) != _brand_key(brand)):
            out.append(Indicator("dateline-mismatch", evidence, None, None,
                                 f"the dateline names {brand!r}, which is not the site the page is on ({host})"))
    return out
