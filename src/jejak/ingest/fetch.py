"""Fetch articles, feeds and sitemaps over HTTP, politely and safely, recording every outcome.

A monitor that reads hundreds of outlets a day is a crawler, and must behave like a good one:

* **robots.txt is obeyed**, read once per site and matched the way RFC 9309 says (the most
  specific rule wins, `*` and `$` patterns work; the standard library's parser does neither).
  A robots.txt that answers 401/403 forbids the site; one that is missing (404) allows it;
  one that cannot be read (5xx, timeout, refused) forbids the site for this run, and says so.
  Patterns are matched in one pass without backtracking, and a robots.txt is capped (500 KB,
  5,000 rules of 2,000 characters at most), so one written to freeze crawlers cannot.
* **One request at a time per host**, at least `min_interval` seconds apart, longer when the
  site's `Crawl-delay` asks for it; the spacing holds across calls and covers retries.
* **Retries with exponential backoff and jitter** on 429, 502, 503, 504 and failed connections,
  waiting as long as `Retry-After` asks (up to a cap; a server that wants longer is left alone).
* **Deadlines, a size cap and a clear User-Agent**: each request must have its headers within
  `timeout` of connecting and its last byte within `total_timeout`, however slowly the server
  drips them (every socket operation, the TLS handshake included, gets only the time left), and
  a server that slow is not asked again. The body is streamed, gzip or deflate undone a chunk at a time, and cut at
  `max_bytes` (the outcome says `truncated` and keeps what came), so a gzip bomb stays small.
* **Only http and https**, for the URL given and every redirect hop: a redirect to `mailto:`,
  `javascript:`, `data:` or `about:` ends that fetch with the reason, never the run.
* **No requests to private networks** unless `allow_private`: before every request, and every
  redirect hop (followed by hand, five at most), the host is resolved and refused when any of
  its addresses is loopback, private, link-local, multicast, reserved, unspecified or otherwise
  not publicly routable. The connection then goes to the very address that was checked (the
  `Host` header and TLS name stay the site's), so a DNS answer cannot change in between.

Every URL yields one `FetchOutcome`, success or not, so a run can always be audited.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import random
import re
import socket
import ssl
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Self
from urllib.parse import quote, unquote, urljoin, urlsplit

import httpcore
import httpx

from jejak import __version__
from jejak.ingest.feeds import (
    FeedError,
    FeedItem,
    parse_sitemap,
    sniff_kind,
    urls_from_feed,
)
from jejak.ingest.decode import text_codec
from jejak.ingest.readers import InputError, InputRecord, looks_like_html

__all__ = [
    "DEFAULT_USER_AGENT",
    "OUTCOMES",
    "Expansion",
    "FetchOutcome",
    "FetchPolicy",
    "Fetcher",
    "Robots",
    "address_problem",
    "to_input_record",
]

DEFAULT_USER_AGENT = f"jejak/{__version__} (+https://github.com/jejak; news analysis)"
OUTCOMES = ("ok", "truncated", "robots-disallowed", "private-address", "http-error", "timeout", "not-html", "error",
            "already-stored")
RETRY_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
_ENCODINGS = ("gzip", "deflate")  # content codings asked for; each is undone within the size cap
_PRIVATE_HINT = "pass allow_private (--allow-private) to fetch from private networks"


@dataclass(slots=True)
class FetchPolicy:
    """How the fetcher behaves; the defaults are polite for public news sites."""

    user_agent: str = DEFAULT_USER_AGENT
    min_interval: float = 1.0  # seconds between two requests to one host (robots Crawl-delay may raise it)
    timeout: float = 10.0  # seconds for each read, and for connecting and receiving all the headers
    total_timeout: float = 60.0  # seconds for one request from connecting to its last byte (stops slow drips)
    max_bytes: int = 10_000_000  # body cap; a longer body is cut and the outcome says `truncated`
    retries: int = 3  # extra attempts on 429/502/503/504 and failed connections
    backoff: float = 0.5  # first backoff in seconds, doubled each retry, with jitter
    max_retry_after: float = 60.0  # longest wait honoured; a server asking for more is not retried
    max_redirects: int = 5
    max_crawl_delay: float = 60.0  # a robots Crawl-delay above this is capped
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()  # e.g. ("10.1.2.0/24",): allowed even when allow_private is off


@dataclass(slots=True)
class FetchOutcome:
    """What happened to one URL. `body` is set for `ok` and `truncated` only."""

    url: str
    final_url: str
    status: int | None  # HTTP status of the last response, None when no response came
    outcome: str  # one of OUTCOMES
    reason: str | None  # why, in words, for anything but a plain `ok`
    attempts: int  # requests sent for this URL: retries and redirect hops included, robots.txt not
    bytes: int  # body bytes kept
    content_type: str | None
    elapsed_ms: int
    body: bytes | None
    fetched_at: str  # ISO 8601, UTC
    redirects: list[str] = field(default_factory=list)  # each hop's target, in order
    kind: str | None = None  # for a body: "html", "feed", "sitemap", "text" or "unknown"
    via: str | None = None  # the feed or sitemap that listed this URL
    title: str | None = None  # from that feed
    published: str | None = None  # from that feed

    @property
    def ok(self) -> bool:
        """True when there is a body to use (`ok`, or `truncated` with the first max_bytes)."""
        return self.outcome in ("ok", "truncated") and self.body is not None

    def as_record(self) -> dict[str, Any]:
        """The outcome as a JSON-ready dict for a fetch log, without the body."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "body"}


class _Refused(Exception):
    """A URL that must not be requested: (outcome, reason)."""

    def __init__(self, outcome: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason
        self.status = status


# --- addresses -------------------------------------------------------------------------------

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_v4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64), which route there."""
    found = [a for a in (addr.ipv4_mapped, addr.sixtofour) if a is not None]
    if addr.teredo:
        found.extend(addr.teredo)
    if addr in _NAT64:
        found.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return found


def _category(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if addr.is_unspecified:
        return "unspecified"
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link-local"
    if addr.is_multicast:
        return "multicast"
    if addr.is_private:
        return "private"
    if addr.is_reserved:
        return "reserved"
    if not addr.is_global:
        return "not publicly routable"
    return None


def address_problem(ip: str, allow_networks: Sequence[str] = ()) -> str | None:
    """Why `ip` must not be fetched from (e.g. "loopback"), or None for a public address.

    IPv6 addresses that embed an IPv4 one (`::ffff:127.0.0.1`, 6to4, NAT64) are judged by it too.
    Addresses inside `allow_networks` are always allowed.
    """
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    for net in allow_networks:
        try:
            if addr in ipaddress.ip_network(net, strict=False):
                return None
        except ValueError:
            continue
    if isinstance(addr, ipaddress.IPv6Address):
        for inner in _embedded_v4(addr):
            problem = _category(inner)
            if problem:
                return f"{problem} (via {inner})"
    return _category(addr)


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


# --- robots.txt (RFC 9309) ------------------------------------------------------------------

_PATH_SAFE = "/?=&;:@!$'()*+,~-._"
ROBOTS_MAX_RULES = 5_000  # rules kept per robots.txt; a real one has tens, rarely a few hundred
ROBOTS_MAX_RULE_CHARS = 2_000  # a longer Allow/Disallow value is ignored (no real path is that long)


def _norm_path(s: str) -> str:
    """Percent-encoding made canonical, so `/a%7Eb` and `/a~b` compare equal."""
    return quote(unquote(s), safe=_PATH_SAFE)


@dataclass(slots=True)
class _Rule:
    allow: bool
    pieces: tuple[str, ...]  # the pattern split at its `*` wildcards, each piece normalised
    anchored: bool  # the pattern ended in `$`: it must match the whole path, not just a prefix
    length: int

    def matches(self, path: str) -> bool:
        return _wildcard_match(self.pieces, self.anchored, path)


@dataclass(slots=True)
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    delay: float | None = None


def _rule(allow: bool, value: str) -> _Rule:
    anchored = value.endswith("$")
    pattern = value[:-1] if anchored else value
    return _Rule(allow, tuple(_norm_path(piece) for piece in pattern.split("*")), anchored, len(value))


def _wildcard_match(pieces: Sequence[str], anchored: bool, path: str) -> bool:
    """Does the pattern `*`.join(pieces) match a prefix of `path` (all of it when `anchored`)?

    With `*` the only wildcard, taking each piece at its leftmost place after the previous one
    is never worse than any other choice, so one left-to-right pass of `str.find` decides: time
    linear in the path for each piece, no backtracking (a regex of nested `.*` backtracks
    exponentially: `/*a*a*a*a*b` against 400 `a`s took a minute).
    """
    first, *rest = pieces
    if not path.startswith(first):
        return False
    pos = len(first)
    if not rest:
        return not anchored or pos == len(path)
    *middle, last = rest
    for piece in middle:
        found = path.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    if anchored:
        return len(path) - len(last) >= pos and path.endswith(last)
    return path.find(last, pos) >= 0


def _robots_line(line: str) -> tuple[str, str] | None:
    """(key, value) of a robots.txt line, comment removed; None for a line without a key.

    Split by hand: a regex with a lazy value and trailing `\\s*` is quadratic on a long run of
    spaces inside a value (40,000 spaces took 8 s)."""
    key, colon, value = line.split("#", 1)[0].partition(":")
    key = key.strip()
    if not colon or not key or not all(c.isalpha() or c == "-" for c in key) or not key.isascii():
        return None
    return key.lower(), value.strip()


class Robots:
    """A parsed robots.txt: which paths our agent may fetch, its crawl delay and its sitemaps.

    `Robots.allow_all()` and `Robots.deny_all(reason)` stand for a missing and a forbidding
    (or unreadable) robots.txt.
    """

    def __init__(self, text: str = "", *, agent: str = "jejak") -> None:
        self.agent = agent.split("/", 1)[0].strip().lower()
        self.deny_reason: str | None = None
        self.sitemaps: list[str] = []
        groups: list[_Group] = []
        current: _Group | None = None
        in_agents = False
        kept = 0
        self.ignored = 0  # rules left out: over ROBOTS_MAX_RULES, or longer than ROBOTS_MAX_RULE_CHARS
        for raw in text.splitlines():
            parsed = _robots_line(raw)
            if parsed is None:
                continue
            key, value = parsed
            if key in ("user-agent", "useragent"):
                if current is None or not in_agents:
                    current = _Group()
                    groups.append(current)
                current.agents.append(value.split("/", 1)[0].strip().lower())
                in_agents = True
            elif key in ("allow", "disallow"):
                in_agents = False
                if current is not None and value:
                    if kept >= ROBOTS_MAX_RULES or len(value) > ROBOTS_MAX_RULE_CHARS:
                        self.ignored += 1
                        continue
                    current.rules.append(_rule(key == "allow", value))
                    kept += 1
            elif key == "crawl-delay":
                in_agents = False
                if current is not None:
                    try:
                        current.delay = max(0.0, float(value))
                    except ValueError:
                        pass
            elif key == "sitemap" and value:
                self.sitemaps.append(value)
        mine = [g for g in groups if self.agent in g.agents]
        if not mine:
            mine = [g for g in groups if "*" in g.agents]
        self._rules = [r for g in mine for r in g.rules]
        delays = [g.delay for g in mine if g.delay is not None]
        self.crawl_delay: float | None = max(delays) if delays else None

    @classmethod
    def allow_all(cls) -> Robots:
        return cls("")

    @classmethod
    def deny_all(cls, reason: str) -> Robots:
        robots = cls("")
        robots.deny_reason = reason
        return robots

    def allowed(self, url: str) -> bool:
        """True when the agent may fetch `url`: the longest matching rule decides, Allow wins a tie."""
        parts = urlsplit(url)
        path = parts.path or "/"
        if path == "/robots.txt":
            return True
        if self.deny_reason is not None:
            return False
        target = _norm_path(path + ("?" + parts.query if parts.query else ""))
        best: _Rule | None = None
        for rule in self._rules:
            if rule.matches(target) and (
                best is None or rule.length > best.length or (rule.length == best.length and rule.allow)
            ):
                best = rule
        return best is None or best.allow


# --- one deadline per request ------------------------------------------------------------------


class _Deadline:
    """When the request in flight must be over, in real time (it bounds real sockets).

    httpx's timeouts bound each socket operation; a server that sends one header line (or one
    body byte) every few seconds never trips them. So every connect, read and write is given at
    most the time left before this deadline, and fails once it has passed. The fetcher sets it
    per request: `timeout` for the connection and the headers, then `total_timeout` (from the
    same start) for the body.
    """

    def __init__(self) -> None:
        self.started = 0.0
        self.at: float | None = None

    def start(self, seconds: float) -> None:
        self.started = time.monotonic()
        self.at = self.started + seconds

    def extend(self, seconds: float) -> None:
        """Move the deadline to `seconds` after the start (for the body, once the headers are in)."""
        if self.at is not None:
            self.at = self.started + seconds

    def clear(self) -> None:
        self.at = None

    def over(self) -> bool:
        """Has the deadline passed? (What to blame when a request failed.)"""
        return self.at is not None and time.monotonic() >= self.at

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The socket timeout to use: `timeout`, or less when the deadline is nearer; raises
        `error` once it has passed."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the request ran past its deadline")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # Python's TLS handshake treats the socket timeout as a deadline for the whole handshake
        limit = self._deadline.left(timeout, httpcore.ConnectTimeout)
        inner = self._inner.start_tls(ssl_context, server_hostname, limit)
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with every stream bound to the deadline."""

    def __init__(self, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        limit = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, limit, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _transport(deadline: _Deadline) -> httpx.HTTPTransport:
    """httpx's transport over the deadline backend. httpx takes no network backend, so its
    connection pool is replaced by an equal one that uses ours (checked by the slow-header tests)."""
    transport = httpx.HTTPTransport(trust_env=False)
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):  # pragma: no cover
        raise RuntimeError("this httpx version keeps no connection pool where the fetcher expects it")
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                              network_backend=_DeadlineBackend(deadline))
    return transport


# --- the fetcher ------------------------------------------------------------------------------


@dataclass(slots=True)
class Expansion:
    """What a feed or sitemap URL led to.

    `kind` is "feed", "sitemap", "page" (the URL was an article: its outcome is `outcomes[0]`)
    or "failed". `items` are the articles listed; `outcomes` every fetch made to find them
    (the feed, or a sitemap index and its sitemaps).
    """

    url: str
    kind: str
    items: list[FeedItem]
    outcomes: list[FetchOutcome]

    @property
    def urls(self) -> list[str]:
        return [item.url for item in self.items]


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # `²` is a digit to str.isdigit, not to float()
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _is_page_type(content_type: str | None, url: str) -> bool:
    """Could this response be an article, a feed or a sitemap? (A missing type might be.)"""
    media = _media_type(content_type)
    if not media:
        return True
    if media.startswith("text/") or any(k in media for k in ("html", "xml", "rss", "atom", "json")):
        return True
    return media in ("application/gzip", "application/x-gzip") and urlsplit(url).path.lower().endswith(".gz")


def _http_url(url: str, *, redirected: bool) -> httpx.URL:
    """`url` parsed, when it is an http(s) URL with a host; anything else is refused, saying what
    it was (a redirect to `mailto:` or `javascript:` must end the fetch, not the run)."""
    what = "redirect to" if redirected else "fetching"
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise _Refused("error", f"{what} an invalid URL refused ({exc}): {url[:200]}") from None
    if scheme not in ("http", "https"):
        article = "an" if scheme[:1] in tuple("aeiou") else "a"
        kind = f"{article} {scheme[:20]}: URL" if scheme else "a URL with no scheme"
        raise _Refused("error", f"{what} {kind} refused (only http and https are fetched): {url[:200]}")
    try:
        parsed = httpx.URL(url.split("#", 1)[0])
    except (httpx.InvalidURL, ValueError) as exc:
        raise _Refused("error", f"{what} an invalid URL refused ({exc}): {url[:200]}") from None
    if not parsed.raw_host:
        raise _Refused("error", f"{what} a URL without a host refused: {url[:200]}")
    return parsed


def _content_coding(resp: httpx.Response) -> str | None:
    """The one content coding to undo (None for none). Only what the request asked for is taken:
    a stack of codings, or brotli sent unasked, could not be undone within the size cap."""
    codings = [c.strip().lower() for c in resp.headers.get("content-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return "gzip" if codings[0] == "x-gzip" else codings[0]
    raise _Refused("error", f"content encoding {', '.join(codings)[:100]} refused (the fetcher asks for "
                            f"{' or '.join(_ENCODINGS)}, one layer)", resp.status_code)


def _longer(resp: httpx.Response, coding: str | None) -> str:
    """How we know the body went on past the cap, for the `truncated` reason."""
    if coding:
        return f"the body was longer once decompressed ({coding})"
    announced = resp.headers.get("content-length", "")
    return f"the server announced {int(announced):,} bytes" if announced.isdigit() else "the body was longer"


class _Unpacker:
    """Undoes a gzip or deflate content coding a chunk at a time, never making more than the room
    left under max_bytes (plus one byte, which says "cut"). httpx inflates each network chunk
    whole, so a few hundred bytes of doubly gzipped zeros became 300 MB in memory."""

    def __init__(self, coding: str | None) -> None:
        self.coding = coding
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS if coding == "gzip" else zlib.MAX_WBITS) if coding else None
        self._first = True

    def feed(self, data: bytes, room: int) -> bytes:
        if self._z is None:
            return data
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error:
            if not (self.coding == "deflate" and self._first):
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, without the zlib header
            out = self._z.decompress(data, room + 1)
        self._first = False
        return out


def _status_text(resp: httpx.Response) -> str:
    phrase = resp.reason_phrase or ""
    return f"HTTP {resp.status_code}" + (f" {phrase}" if phrase else "")


class Fetcher:
    """A polite, SSRF-safe HTTP client for articles, feeds and sitemaps (synchronous; one
    thread per Fetcher: the deadline of the request in flight is shared by its connections).

    Use as a context manager, or call `close()`. `resolve`, `sleep`, `clock` and `rng` may be
    replaced (tests use a fake resolver to check the address rules without any network).
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        resolve: Callable[[str, int], list[str]] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._resolve = resolve or _system_resolve
        self._sleep = sleep
        self._clock = clock
        self._rng = rng
        self._clients: OrderedDict[str, tuple[httpx.Client, httpx.HTTPTransport]] = OrderedDict()
        self._deadline = _Deadline()  # of the request in flight; shared by every host's transport
        self._last: dict[str, float] = {}  # host -> clock() when the last exchange with it ended
        self._robots: dict[str, Robots] = {}  # "scheme://host:port" -> rules
        self.robots_outcomes: dict[str, FetchOutcome] = {}  # the robots.txt fetches, for the record

    # -- lifecycle

    def close(self) -> None:
        for client, _transport in self._clients.values():
            client.close()
        self._clients.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _client(self, host: str) -> tuple[httpx.Client, httpx.HTTPTransport]:
        """The client (headers, cookies) and transport for `host`.

        One per host name: connections go to checked IP addresses, and a pooled connection (TLS
        name included) must never be reused for another site on that address. Requests go to the
        transport itself: the client would parse every redirect's Location on its own (and raise
        on `mailto:`); the fetcher follows redirects by hand anyway."""
        pair = self._clients.get(host)
        if pair is None:
            transport = _transport(self._deadline)
            client = httpx.Client(
                headers={"User-Agent": self.policy.user_agent, "Accept": "text/html,application/xhtml+xml,"
                         "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5",
                         "Accept-Encoding": ", ".join(_ENCODINGS)},
                timeout=httpx.Timeout(self.policy.timeout),
                follow_redirects=False,
                trust_env=False,
                transport=transport,
            )
            pair = self._clients[host] = (client, transport)
            while len(self._clients) > 32:
                self._clients.popitem(last=False)[1][0].close()
        else:
            self._clients.move_to_end(host)
        return pair

    # -- politeness

    def _interval(self, host: str, origin: str | None = None) -> float:
        interval = self.policy.min_interval
        robots = self._robots.get(origin) if origin else None
        if robots is not None and robots.crawl_delay:
            interval = max(interval, min(robots.crawl_delay, self.policy.max_crawl_delay))
        return interval

    def _wait_turn(self, host: str, origin: str) -> None:
        """Wait until `host` may be asked again: `interval` after the last exchange with it ended."""
        last = self._last.get(host)
        if last is not None:
            wait = last + self._interval(host, origin) - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _done(self, host: str) -> None:
        # counted from the end of an exchange, so a slow response does not shorten the next gap
        self._last[host] = self._clock()

    def _backoff(self, attempt: int) -> float:
        base = self.policy.backoff * (2 ** attempt)
        return min(base * (0.5 + self._rng()), self.policy.max_retry_after)

    # -- checks

    def _addresses(self, host: str, port: int) -> list[str]:
        policy = self.policy
        try:
            ipaddress.ip_address(host)
            found = [host]
        except ValueError:
            try:
                found = self._resolve(host, port)
            except (OSError, UnicodeError) as exc:
                raise _Refused("error", f"cannot resolve host {host} ({exc})") from None
        addresses = list(dict.fromkeys(a.split("%", 1)[0] for a in found))
        if not addresses:
            raise _Refused("error", f"host {host} has no address")
        if not policy.allow_private:
            for ip in addresses:
                problem = address_problem(ip, policy.allow_networks)
                if problem:
                    where = host if host == ip else f"{host} ({ip})"
                    what = problem if problem.startswith("not ") else (
                        f"{'an' if problem[0] in 'aeiou' else 'a'} {problem} address")
                    raise _Refused("private-address", f"{where} is {what}; refused ({_PRIVATE_HINT})")
        return addresses

    def robots_for(self, url: str) -> Robots:
        """The robots.txt rules for the site of `url`, fetched once per scheme, host and port."""
        u = httpx.URL(url)
        origin = f"{u.scheme}://{u.netloc.decode('ascii')}"
        robots = self._robots.get(origin)
        if robots is not None:
            return robots
        robots_url = origin + "/robots.txt"
        out = self._get(robots_url, max_bytes=ROBOTS_MAX_BYTES, robots=False, any_type=True)
        out.kind = "robots"
        self.robots_outcomes[origin] = out
        if out.ok:
            robots = Robots(out.body.decode("utf-8", "replace") if out.body else "", agent=self.policy.user_agent)
            if robots.ignored:
                ignored = (f"{robots.ignored:,} rule(s) ignored (past the first {ROBOTS_MAX_RULES:,}, "
                           f"or over {ROBOTS_MAX_RULE_CHARS:,} characters)")
                out.reason = "; ".join(filter(None, (out.reason, ignored)))
        elif out.outcome == "http-error" and out.status in (401, 403):
            robots = Robots.deny_all(f"{robots_url} answered HTTP {out.status}: the site forbids crawling")
        elif out.outcome == "http-error" and out.status is not None and 400 <= out.status < 500:
            robots = Robots.allow_all()
        else:
            robots = Robots.deny_all(
                f"{robots_url} could not be read ({out.outcome}: {out.reason}); treated as disallowing "
                "the whole site for this run"
            )
        self._robots[origin] = robots
        return robots

    # -- requests

    def _send(self, url: httpx.URL, host: str, addresses: list[str]) -> httpx.Response:
        """Send one GET to the checked addresses in turn (next one on a failed connect); each
        try must have its headers in within `timeout` (the deadline), however slowly they come."""
        client, transport = self._client(host)
        headers = {"Host": url.netloc.decode("ascii")}
        last_exc: Exception | None = None
        for ip in addresses:
            target = url if ip == host else url.copy_with(host=ip)
            extensions = {"sni_hostname": host} if url.scheme == "https" and ip != host else {}
            request = client.build_request("GET", target, headers=headers, extensions=extensions)
            self._deadline.start(min(self.policy.timeout, self.policy.total_timeout))
            try:
                resp = transport.handle_request(request)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if self._deadline.over():
                    raise
                last_exc = exc
                continue
            resp.request = request
            client.cookies.extract_cookies(resp)
            self._deadline.extend(self.policy.total_timeout)
            return resp
        assert last_exc is not None
        raise last_exc

    def _request(self, url: httpx.URL, host: str, origin: str, addresses: list[str], out: FetchOutcome) -> httpx.Response:
        """One hop, retried with backoff; returns an open streaming response or raises _Refused."""
        policy = self.policy
        for attempt in range(policy.retries + 1):
            self._wait_turn(host, origin)
            out.attempts += 1
            try:
                resp = self._send(url, host, addresses)
            except httpx.HTTPError as exc:
                self._done(host)
                refusal = self._failure(exc, out, may_retry=attempt < policy.retries)
                if refusal is not None:
                    raise refusal from None
                self._sleep(self._backoff(attempt))
                continue
            if resp.status_code not in RETRY_STATUSES or attempt >= policy.retries:
                return resp
            asked = _retry_after(resp.headers.get("retry-after"))
            if asked is not None and asked > policy.max_retry_after:
                resp.close()
                self._done(host)
                raise _Refused("http-error", f"{_status_text(resp)}; the server asked to retry after {asked:.0f} s, "
                                             f"over the {policy.max_retry_after:g} s cap, so not retried",
                               resp.status_code)
            resp.close()
            self._done(host)
            self._sleep(asked if asked is not None else self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _failure(self, exc: httpx.HTTPError, out: FetchOutcome, *, may_retry: bool) -> _Refused | None:
        """Why a request that got no response failed, or None when another try may help."""
        name = type(exc).__name__
        if self._deadline.over():  # slow on purpose (a header line now and then) or not: not asked again
            connecting = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
            what = "connection (TLS included) not set up" if connecting else "response headers not complete"
            return _Refused("timeout", f"{what} within {self.policy.timeout:g} s ({name})")
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError)):
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # not transient: retrying cannot help
                return _Refused("error", f"TLS certificate rejected ({exc})")
            if may_retry:
                return None
            kind = "timeout" if isinstance(exc, httpx.ConnectTimeout) else "error"
            return _Refused(kind, f"connection failed ({name}: {exc or 'no detail'}) after {out.attempts} attempts")
        if isinstance(exc, httpx.TimeoutException):
            return _Refused("timeout", f"no response within {self.policy.timeout:g} s ({name})")
        return _Refused("error", f"request failed ({name}: {exc})")

    def _read(self, resp: httpx.Response, max_bytes: int) -> tuple[bytes, str | None]:
        """The body, decompressed and cut at max_bytes; the second value says why it was cut (or None)."""
        buf = bytearray()
        unpack = _Unpacker(_content_coding(resp))
        try:
            for raw in resp.iter_raw():
                room = max_bytes - len(buf)
                chunk = unpack.feed(raw, room)
                if len(chunk) > room:
                    buf += chunk[:room]
                    return bytes(buf), f"body cut at {max_bytes:,} bytes (max_bytes); {_longer(resp, unpack.coding)}"
                buf += chunk
                if self._deadline.over():
                    raise _Refused("timeout", f"body not complete within {self.policy.total_timeout:g} s "
                                              f"({len(buf):,} bytes read)", resp.status_code)
        except zlib.error as exc:
            raise _Refused("error", f"the {unpack.coding} body is corrupt after {len(buf):,} bytes ({exc})",
                           resp.status_code) from None
        except httpx.TimeoutException:
            why = (f"body not complete within {self.policy.total_timeout:g} s" if self._deadline.over()
                   else f"body stalled for over {self.policy.timeout:g} s")
            raise _Refused("timeout", f"{why} ({len(buf):,} bytes read)", resp.status_code) from None
        except httpx.HTTPError as exc:
            raise _Refused("error", f"body broken off after {len(buf):,} bytes ({type(exc).__name__}: {exc})",
                           resp.status_code) from None
        return bytes(buf), None

    def _get(self, url: str, *, max_bytes: int, robots: bool, any_type: bool) -> FetchOutcome:
        started = self._clock()
        out = FetchOutcome(url, url, None, "error", None, 0, 0, None, 0, None, _now_iso())
        try:
            self._follow(out, max_bytes=max_bytes, robots=robots, any_type=any_type)
        except _Refused as refusal:
            out.outcome, out.reason = refusal.outcome, refusal.reason
            if refusal.status is not None:
                out.status = refusal.status
            out.body = None
        out.elapsed_ms = round((self._clock() - started) * 1000)
        return out

    def _follow(self, out: FetchOutcome, *, max_bytes: int, robots: bool, any_type: bool) -> None:
        current = out.url
        for _hop in range(self.policy.max_redirects + 1):
            out.final_url = current
            url = _http_url(current, redirected=bool(out.redirects))
            host = url.raw_host.decode("ascii").lower()
            port = url.port or (443 if url.scheme == "https" else 80)
            origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
            addresses = self._addresses(host, port)
            if robots:
                rules = self.robots_for(current)
                if not rules.allowed(current):
                    raise _Refused("robots-disallowed", rules.deny_reason or f"{origin}/robots.txt disallows this path")
            resp = self._request(url, host, origin, addresses, out)
            try:
                out.status = resp.status_code
                out.content_type = resp.headers.get("content-type")
                if resp.status_code in REDIRECT_STATUSES:
                    location = resp.headers.get("location")
                    if not location:
                        raise _Refused("http-error", f"{_status_text(resp)} without a Location header", resp.status_code)
                    try:
                        current = urljoin(current, location.strip())
                    except ValueError as exc:
                        raise _Refused("error", f"redirect to an invalid URL refused ({exc}): {location[:200]!r}",
                                       resp.status_code) from None
                    out.redirects.append(current)
                    out.status = None
                    out.content_type = None
                    continue
                if not 200 <= resp.status_code < 300:
                    tries = f" after {out.attempts} attempts" if resp.status_code in RETRY_STATUSES else ""
                    raise _Refused("http-error", _status_text(resp) + tries, resp.status_code)
                if not any_type and not _is_page_type(out.content_type, current):
                    raise _Refused("not-html", f"content type {_media_type(out.content_type)} is not a web page, "
                                               "feed or sitemap", resp.status_code)
                body, cut = self._read(resp, max_bytes)
            finally:
                resp.close()
                self._deadline.clear()
                self._done(host)
            out.body = body
            out.bytes = len(body)
            out.outcome = "truncated" if cut else "ok"
            out.reason = cut
            return
        raise _Refused("error", f"more than {self.policy.max_redirects} redirects; last to {current[:200]}")

    # -- public API

    def fetch(self, url: str) -> FetchOutcome:
        """Fetch one URL (robots.txt, address rules, rate limit, retries, redirects, size cap);
        never raises for anything the network or the server does."""
        out = self._get(url, max_bytes=self.policy.max_bytes, robots=True, any_type=False)
        if out.ok and out.body is not None:
            out.kind = sniff_kind(out.body, out.content_type)
        return out

    def fetch_many(self, urls: Iterable[str]) -> Iterator[FetchOutcome]:
        """One outcome per URL, in order (the per-host spacing holds throughout)."""
        for url in urls:
            yield self.fetch(url)

    def expand(self, url: str, *, max_sitemaps: int = 50) -> Expansion:
        """Fetch `url`; for a feed or sitemap, list the articles it points to.

        A sitemap index is followed to its sitemaps (up to `max_sitemaps`, three levels deep).
        An outcome whose body turns out unreadable as a feed or sitemap is marked `error`.
        """
        first = self.fetch(url)
        outcomes = [first]
        if not first.ok or first.body is None:
            return Expansion(url, "failed", [], outcomes)
        if first.kind == "feed":
            try:
                items = urls_from_feed(first.body, first.final_url)
            except FeedError as exc:
                _spoil(first, f"fetched, but the feed could not be read: {exc}")
                return Expansion(url, "failed", [], outcomes)
            return Expansion(url, "feed", items, outcomes)
        if first.kind != "sitemap":
            return Expansion(url, "page", [], outcomes)
        items: list[FeedItem] = []
        seen_items: set[str] = set()
        queue: list[tuple[FetchOutcome, int]] = [(first, 0)]
        seen_maps = {first.final_url}
        while queue:
            out, depth = queue.pop(0)
            try:
                kind, entries = parse_sitemap(out.body or b"")
            except FeedError as exc:
                _spoil(out, f"fetched, but the sitemap could not be read: {exc}")
                continue
            if kind == "urlset":
                for item in entries:
                    if item.url not in seen_items:
                        seen_items.add(item.url)
                        items.append(item)
                continue
            for entry in entries:
                if entry.url in seen_maps or depth >= 2 or len(seen_maps) > max_sitemaps:
                    continue
                seen_maps.add(entry.url)
                child = self.fetch(entry.url)
                child.via = out.final_url
                outcomes.append(child)
                if child.ok:
                    queue.append((child, depth + 1))
        return Expansion(url, "sitemap", items, outcomes)

    def crawl(self, targets: Iterable[str], *, max_articles: int | None = None,
              known: Callable[[str], bool] | None = None) -> Iterator[FetchOutcome]:
        """Every outcome for fetching `targets` and, for each feed or sitemap among them, the
        articles it lists (each article once; `via`, `title`, `published` say where it was listed).

        A URL for which `known` is true (an article already stored) is not requested: a monitor
        that reads the same feeds every hour fetches only what is new. It still gets an outcome,
        `already-stored`, so the log accounts for every URL listed."""
        seen: set[str] = set()
        count = 0
        for target in targets:
            if target in seen:
                continue
            if known is not None and known(target):
                seen.add(target)
                yield _unrequested(target, "already-stored", "an article from this URL is already stored")
                continue
            try:
                expansion = self.expand(target)
            except Exception as e:  # noqa: BLE001 - one URL's surprise must not end the run
                seen.add(target)
                yield _unexpected(target, e)
                continue
            for out in expansion.outcomes:
                if expansion.kind == "page":
                    seen.update((out.url, out.final_url))
                    count += 1
                yield out
            for item in expansion.items:
                if max_articles is not None and count >= max_articles:
                    return
                if item.url in seen:
                    continue
                seen.add(item.url)
                if known is not None and known(item.url):
                    out = _unrequested(item.url, "already-stored", "an article from this URL is already stored")
                    out.via, out.title, out.published = expansion.url, item.title, item.published
                    yield out
                    continue
                try:
                    out = self.fetch(item.url)
                except Exception as e:  # noqa: BLE001 - logged as this URL's outcome; the run goes on
                    out = _unexpected(item.url, e)
                seen.add(out.final_url)
                out.via, out.title, out.published = expansion.url, item.title, item.published
                count += 1
                yield out


def _unrequested(url: str, outcome: str, reason: str) -> FetchOutcome:
    """The outcome of a URL that was deliberately not requested."""
    return FetchOutcome(url, url, None, outcome, reason, 0, 0, None, 0, None, _now_iso())


def _unexpected(url: str, error: Exception) -> FetchOutcome:
    """The outcome of a URL whose fetch raised what no rule foresaw: logged, and the run goes on."""
    out = _unrequested(url, "error", f"unexpected error ({type(error).__name__}: {str(error)[:200]}); "
                                     "please report this URL")
    return out


def _spoil(out: FetchOutcome, reason: str) -> None:
    out.outcome, out.reason = "error", reason


# --- into the pipeline -----------------------------------------------------------------------


def _header_charset(content_type: str | None) -> tuple[str | None, str | None]:
    """(codec, note): the HTTP header's charset when it is a text encoding, else None and a
    note saying it was ignored (`charset=base64` names a codec, but not one for text)."""
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.IGNORECASE)
    if not m:
        return None, None
    codec = text_codec(m.group(1))
    if codec is None:
        return None, f"HTTP header charset {m.group(1)[:40]!r} ignored (unknown, or not a text encoding)"
    return codec, None


def _decode(body: bytes, content_type: str | None, truncated: bool) -> tuple[str | None, str | None, str | None]:
    """(text, encoding, note-or-error): BOM, UTF-8, the HTTP charset, the page's own, cp1252."""
    from jejak.ingest.decode import decode_bytes

    if truncated:  # a cut may split the last UTF-8 character; drop its first bytes, not the page
        for k in range(4):
            try:
                (body[:-k] if k else body).decode("utf-8")
            except UnicodeDecodeError:
                continue
            body = body[:-k] if k else body
            break
    dec = decode_bytes(body)
    if dec.text is None:
        return None, None, dec.error or "unreadable body"
    charset, ignored = _header_charset(content_type)
    if dec.how == "fallback" and charset and charset != dec.encoding:
        try:
            return body.decode(charset), charset, "decoded as " + charset + " (HTTP header)"
        except (UnicodeError, LookupError):
            pass
    note = (f"decoded as {dec.encoding} ({dec.how})"
            if ignored or dec.how in ("fallback", "meta", "utf-16-guess") else None)
    return dec.text.lstrip("\ufeff"), dec.encoding, "; ".join(n for n in (ignored, note) if n) or None


def to_input_record(outcome: FetchOutcome) -> InputRecord | InputError:
    """An `ok` (or `truncated`) article outcome as an InputRecord for `prepare`/`analyze`;
    anything else as an InputError that carries the outcome's reason."""
    origin = outcome.url
    if not outcome.ok or outcome.body is None:
        return InputError(origin, f"not fetched ({outcome.outcome}): {outcome.reason or 'no body'}", skip=True)
    if outcome.kind in ("feed", "sitemap"):
        return InputError(origin, f"is a {outcome.kind}, not an article; expand it to fetch the articles it lists",
                          skip=True)
    text, encoding, note = _decode(outcome.body, outcome.content_type, outcome.outcome == "truncated")
    if text is None:
        return InputError(origin, f"fetched, but the body is not text: {note}")
    notes = [n for n in (note, outcome.reason if outcome.outcome == "truncated" else None) if n]
    is_html = outcome.kind == "html" or (outcome.kind != "text" and looks_like_html(text))
    url = outcome.final_url
    return InputRecord(
        id=url,
        text=None if is_html else text,
        html=text if is_html else None,
        url=url,
        title=outcome.title,
        published=outcome.published,
        origin=origin,
        encoding=encoding,
        note="; ".join(notes) or None,
    )
