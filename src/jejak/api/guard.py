"""Pure ASGI middleware in front of the app: writes refused before their body is read, HEAD
answered as GET without the body, and the security headers on every answer.

Pure ASGI, not Starlette's BaseHTTPMiddleware: the write guard must answer before any of the
body is received and count the body as it streams, which only a wrapper of `receive` can do.
"""

from __future__ import annotations

import html

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jejak.api.deps import BAD_TOKEN, READ_ONLY, ServeConfig, token_given, token_ok

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


#: Seconds a request body may take to arrive, from the first read: a drip holds no connection.
BODY_SECONDS = 60.0


def too_large(limit: int) -> str:
    """What a client is told of a body past the limit."""
    return f"the request is too large (at most {limit:,} bytes); send a shorter article"


class BodyRefused(HTTPException):
    """A request body cut off as it streamed in; raised by `receive`."""


class BodyTooLarge(BodyRefused):
    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large(limit))


class BodyTooSlow(BodyRefused):
    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body did not arrive within {seconds:g} s; send it again")


class SecurityHeaders:
    """Adds the security headers to every answer that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_secure)


class HeadAsGet:
    """HEAD runs the GET route and sends its status and headers (Content-Length too) without the
    body. FastAPI's routes answer only the methods they declare, so HEAD got 405 everywhere."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)


class WriteGuard:
    """Writes refused before a byte of their body is read, and every body cut off at `max_body`
    bytes or `body_seconds` (BODY_SECONDS).

    A POST to the API needs `--allow-write` and the token in its headers (compared in constant
    time), checked first; a declared Content-Length past the limit is refused next; a body
    without one (chunked) is counted as it streams and fails with 413 as soon as it passes the
    limit, or with 408 when it has not ended in time. The paste box sends its token inside the
    form, so there only the size and time are bounded before the body is read. A refused
    request's connection is closed, so that the server does not go on receiving a body it will
    never read."""

    def __init__(self, app: ASGIApp, config: ServeConfig, max_body: int, body_seconds: float | None = None) -> None:
        self.app, self.config, self.max_body = app, config, max_body
        self.body_seconds = BODY_SECONDS if body_seconds is None else body_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope) if scope["method"] == "POST" else None
        if refusal is not None:
            await refusal(scope, receive, _closing(send))
            return
        body = _CountedBody(receive, send, self.max_body, self.body_seconds)
        try:
            await self.app(scope, body.receive, body.send)
        except BodyRefused as e:  # raised where no handler turned it into an answer
            if body.started:
                raise
            await _answer(_is_api(scope), e.status_code, str(e.detail))(scope, receive, _closing(send))

    def _refusal(self, scope: Scope) -> Response | None:
        """The answer to a write that is refused on its headers alone, or None."""
        api = _is_api(scope)
        if not self.config.allow_write:
            return _answer(api, 403, READ_ONLY)
        headers = Headers(scope=scope)
        if api and not token_ok(self.config, token_given(headers.get("authorization"), headers.get("x-jejak-token"))):
            return _answer(api, 401, BAD_TOKEN)
        size = headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > self.max_body):
            return _answer(api, 413, too_large(self.max_body))
        return None


class _CountedBody:
    """A request's `receive` that raises BodyRefused once the body passes its size or its time,
    and a `send` that closes the connection after the answer when the body was cut off."""

    def __init__(self, receive: Receive, send: Send, limit: int, seconds: float) -> None:
        self._receive, self._send, self.limit, self.seconds = receive, send, limit, seconds
        self.size, self.started, self.ended = 0, False, False
        self.refused: BodyRefused | None = None
        self.deadline: float | None = None

    async def receive(self) -> Message:
        if self.refused is not None:
            raise self.refused
        if self.ended:  # past the body, `receive` only waits for the client to leave
            return await self._receive()
        if self.deadline is None:
            self.deadline = anyio.current_time() + self.seconds
        with anyio.move_on_after(self.deadline - anyio.current_time()):
            return self._count(await self._receive())
        self.refused = BodyTooSlow(self.seconds)
        raise self.refused

    def _count(self, message: Message) -> Message:
        if message["type"] != "http.request":
            return message
        self.size += len(message.get("body", b""))
        if self.size > self.limit:
            self.refused = BodyTooLarge(self.limit)
            raise self.refused
        self.ended = not message.get("more_body", False)
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            if self.refused is not None:
                MutableHeaders(scope=message)["connection"] = "close"
        await self._send(message)


def _closing(send: Send) -> Send:
    """`send` with `Connection: close` on the answer: the rest of the body is never read."""

    async def send_closing(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message)["connection"] = "close"
        await send(message)

    return send_closing


def _is_api(scope: Scope) -> bool:
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path.startswith("/api/")


def _answer(api: bool, status: int, message: str) -> Response:
    """JSON for the API, a line of HTML for the dashboard."""
    if api:
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(html.escape(message), status_code=status)
