"""Signs that an article is a copy or machine-spun, found once the article is analysed.

Cleaning already reports what it sees in the raw text (a translated author code, another
outlet's furniture, a garbled attribution). Here come the signs that need the analysis: a
weekday that only fits the date read month-first, and a dateline brand that is not the site
the article was published on.
"""

from __future__ import annotations

from jejak.kb import KnowledgeBase
from jejak.model import Article, Indicator


def _brand_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def article_indicators(article: Article, kb: KnowledgeBase, *, swapped_note: str,
                       host: str | None) -> list[Indicator]:
    out: list[Indicator] = []
    for t in article.times:
        if t.note and t.note.startswith(swapped_note):
            out.append(Indicator("date-format-mismatch", t.text, t.start, t.end,
                                 "the weekday fits only the month-first reading of the date: " + t.note))
    brand = article.dateline.outlet if article.dateline else None
    if brand and host:
        site = kb.outlet_for_host(host)
        named = kb.outlet_for_name(brand)
        host_key = _brand_key(host)
        if named is not None and site is not None and named.group != site.group:
            out.append(Indicator("dateline-mismatch", article.dateline.text or brand, None, None,
                                 f"the dateline names {named.name} but the page is on {host} ({site.name})"))
        elif named is None and _brand_key(brand) not in host_key and (site is None or _brand_key(site.name) != _brand_key(brand)):
            out.append(Indicator("dateline-mismatch", article.dateline.text or brand, None, None,
                                 f"the dateline names {brand!r}, which is not the site the page is on ({host})"))
    return out
