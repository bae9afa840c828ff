"""Feeds, sitemaps and URL lists into article URLs, with hostile XML refused (no network)."""

from __future__ import annotations

import gzip

import pytest

from jejak.ingest.feeds import (
    FeedError,
    FeedItem,
    parse_sitemap,
    parse_url_list,
    sniff_kind,
    urls_from_feed,
    urls_from_list,
    urls_from_sitemap,
)

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita</title><link>https://news.example/</link>
<item><title> Gencatan senjata </title><link>https://news.example/a/1</link>
  <pubDate>Wed, 04 Dec 2024 10:00:00 +0700</pubDate></item>
<item><title>Relatif</title><link>/a/2</link></item>
<item><title>Ganda</title><link>https://news.example/a/1</link></item>
<item><title>Bukan web</title><link>mailto:redaksi@news.example</link></item>
<item><title>Tanpa tautan</title><description>x</description></item>
<item><guid isPermaLink="true">https://news.example/a/3</guid><title>Guid</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://outlet.example/news/">
<title>Outlet</title><id>urn:x</id><updated>2024-12-04T03:00:00Z</updated>
<entry><title>Satu</title><id>urn:1</id><link rel="alternate" href="satu.html"/>
  <updated>2024-12-04T03:00:00Z</updated></entry>
<entry><title>Dua</title><id>urn:2</id><link rel="enclosure" href="https://cdn.example/x.mp3"/>
  <link rel="alternate" href="https://outlet.example/news/dua.html"/><published>2024-12-05T08:30:00+07:00</published></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/1"><title>One</title><link>https://old.example/1</link></item>
</rdf:RDF>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc> https://news.example/a/1 </loc><lastmod>2024-12-04</lastmod></url>
<url><loc>https://news.example/a/2</loc>
  <news:news><news:publication><news:name>N</news:name><news:language>id</news:language></news:publication>
  <news:publication_date>2024-12-04T10:00:00+07:00</news:publication_date><news:title>Dua</news:title></news:news>
</url>
<url><loc>https://news.example/a/1</loc></url>
<url><loc>javascript:alert(1)</loc></url>
<url><lastmod>2024-12-01</lastmod></url>
<url><loc>https://news.example/a/3</loc><lastmod>not a date</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-1.xml</loc><lastmod>2024-12-04T00:00:00Z</lastmod></sitemap>
<sitemap><loc>https://news.example/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_rss_items() -> None:
    items = urls_from_feed(RSS, "https://news.example/rss")
    assert [i.url for i in items] == ["https://news.example/a/1", "https://news.example/a/2", "https://news.example/a/3"]
    assert items[0] == FeedItem("https://news.example/a/1", "Gencatan senjata", "2024-12-04T03:00:00+00:00")
    assert items[1].published is None


def test_atom_items_resolve_against_xml_base() -> None:
    items = urls_from_feed(ATOM, "https://outlet.example/feed.atom")
    assert [i.url for i in items] == ["https://outlet.example/news/satu.html", "https://outlet.example/news/dua.html"]
    assert items[0].published == "2024-12-04T03:00:00+00:00"
    assert items[1].published == "2024-12-05T01:30:00+00:00"


def test_rdf_and_str_input() -> None:
    assert [i.url for i in urls_from_feed(RDF.decode())] == ["https://old.example/1"]


def test_a_url_string_is_never_fetched() -> None:
    # feedparser fetches a str that looks like a URL; ours turns it into bytes that are no feed
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        urls_from_feed("http://127.0.0.1:9/feed")


@pytest.mark.parametrize("junk", [b"", b"<html><body>hello</body></html>", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_not_a_feed(junk: bytes) -> None:
    with pytest.raises(FeedError):
        urls_from_feed(junk)


def test_feed_with_entities_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<rss version=\"2.0\"><channel><item><title>&b;</title><link>https://x.example/1</link></item>"
            b"</channel></rss>")
    with pytest.raises(FeedError, match="entities"):
        urls_from_feed(bomb)


def test_sitemap_urlset() -> None:
    kind, items = parse_sitemap(URLSET)
    assert kind == "urlset"
    assert [i.url for i in items] == ["https://news.example/a/1", "https://news.example/a/2", "https://news.example/a/3"]
    assert items[0].published == "2024-12-04"
    assert items[1] == FeedItem("https://news.example/a/2", "Dua", "2024-12-04T10:00:00+07:00")
    assert items[2].published is None
    assert urls_from_sitemap(URLSET) == [i.url for i in items]


def test_sitemap_index_and_gzip() -> None:
    kind, items = parse_sitemap(gzip.compress(INDEX))
    assert kind == "sitemapindex"
    assert urls_from_sitemap(INDEX) == ["https://news.example/sitemap-1.xml", "https://news.example/sitemap-2.xml.gz"]
    assert items[0].published == "2024-12-04T00:00:00+00:00"


@pytest.mark.parametrize(
    "doc",
    [
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "x">]><urlset><url><loc>&a;</loc></url></urlset>',
        b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://evil.example/x.dtd"><urlset/>',
        b'<urlset><!ENTITY x SYSTEM "file:///etc/passwd"></urlset>',
    ],
)
def test_sitemap_with_dtd_refused(doc: bytes) -> None:
    with pytest.raises(FeedError, match="DTD"):
        parse_sitemap(doc)


def test_sitemap_errors() -> None:
    with pytest.raises(FeedError, match="well-formed"):
        parse_sitemap(URLSET[:300])
    with pytest.raises(FeedError, match="not a sitemap"):
        parse_sitemap(b"<rss><channel/></rss>")
    with pytest.raises(FeedError, match="corrupt"):
        parse_sitemap(gzip.compress(URLSET)[:40])
    with pytest.raises(FeedError, match="over"):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * 60_000_000 + b"</urlset>"))


def test_url_list() -> None:
    text = ("\ufeff# outlets to watch\n"
            "https://news.example/a/1\n"
            "\n"
            "   https://news.example/a/2   # the follow-up\n"
            "https://news.example/a/1\n"
            "news.example/no-scheme\n"
            "ftp://news.example/file\n"
            "http://exa mple.com/x\n")
    urls, problems = parse_url_list(text)
    assert urls == ["https://news.example/a/1", "https://news.example/a/2"]
    assert [n for n, _ in problems] == [6, 7, 8]
    assert "not an http(s) URL" in problems[0][1]
    assert urls_from_list(text) == urls
    assert urls_from_list("") == []


@pytest.mark.parametrize(
    ("data", "ctype", "kind"),
    [
        (RSS, "text/xml", "feed"),
        (ATOM, None, "feed"),
        (RDF, "application/xml", "feed"),
        (URLSET, "text/html", "sitemap"),
        (gzip.compress(INDEX), "application/x-gzip", "sitemap"),
        (b"\xef\xbb\xbf<!-- hi --><!DOCTYPE html><html><body><p>x</p></body></html>", None, "html"),
        (b"<div><p>a</p></div>", "text/html; charset=utf-8", "html"),
        (b"plain words", "text/plain", "text"),
        (b"{}", "application/json", "unknown"),
        (b"<rss", "application/rss+xml", "feed"),
    ],
)
def test_sniff_kind(data: bytes, ctype: str | None, kind: str) -> None:
    assert sniff_kind(data, ctype) == kind
