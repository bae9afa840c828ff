"""Who published an article: one meaning of "outlet" for the store, provenance and the dashboard.

The outlet is the publisher of the page, read from where it was published (its URL), never from
what its text says: a copy carries its source's dateline (`Jakarta, CNBC Indonesia -`), and
crediting the copy to that brand would hide exactly what a fact-checker looks for. The dateline
brand is kept as its own field, as a sign of copying.

A host that the knowledge base lists is its outlet group (`news.detik.com` and
`finance.detik.com` are both detikcom); any other host is its registrable domain under the
Public Suffix List (`berita.contoh.co.id` is `contoh.co.id`), so that one publisher's
subdomains count once.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from jejak.kb.loader import KnowledgeBase

__all__ = ["host_of", "publisher", "registrable_domain"]


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL (`www.` dropped), or None when there is none or it is malformed."""
    if not url:
        return None
    text = str(url).strip()
    try:
        host = urlsplit(text if "://" in text else "//" + text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def registrable_domain(host: str) -> str:
    """The part of a host that one registrant owns (`nasional.kompas.com` -> `kompas.com`,
    `berita.contoh.co.id` -> `contoh.co.id`); an address or a name under an unknown suffix is
    taken by its last two labels, or whole."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    from tld import get_fld  # ships the Public Suffix List; nothing is downloaded

    try:
        found = get_fld(host, fix_protocol=True, fail_silently=True)
    except Exception:  # noqa: BLE001 - a host tld cannot parse is taken as written
        found = None
    if found:
        return found
    labels = host.split(".")
    return ".".join(labels[-2:]) if len(labels) > 2 else host


def publisher(url: str | None, kb: KnowledgeBase | None = None) -> str | None:
    """The publisher of the page at `url`: the knowledge base's outlet group for its host, else
    its registrable domain; None without a URL."""
    host = host_of(url)
    if host is None:
        return None
    if kb is not None:
        site = kb.outlet_for_host(host)
        if site is not None:
            group = kb.entities.get(site.group) or site
            return group.name
    return registrable_domain(host)
