"""How `jejak serve` runs uvicorn: connections that sit idle or never finish a request are closed.

uvicorn's h11 protocol arms its keep-alive timer only after a response and cancels it on any
byte received, so a client that opens a connection and sends half a request line (or a byte now
and then) held it for ever, and enough of them held every connection the server would take. Here
a request's line and headers must arrive whole within IDLE_SECONDS of the connection opening or
of the previous answer, headers are capped in size, and connections are capped in number.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Seconds a connection may wait for, or take to send, the head of its next request.
IDLE_SECONDS = 5
#: Connections (and requests in progress) at once; past it uvicorn answers 503.
MAX_CONNECTIONS = 128
#: Bytes of a request line and headers; past it the request is refused with 400.
MAX_HEAD_BYTES = 16_384


class HeadDeadlineH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's head (its line and headers)."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm_head_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def _arm_head_deadline(self) -> None:
        self._cancel_head_deadline()
        self._head_timer = self.loop.call_later(self.timeout_keep_alive, self._head_overdue)

    def _cancel_head_deadline(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        """Close the connection unless a request is being served: no head has come whole (the
        client is idle, or dripping bytes), or it was answered and the client is still sending
        a body nobody reads."""
        self._head_timer = None
        waiting = self.conn.their_state is h11.IDLE or self.conn.our_state in (h11.DONE, h11.MUST_CLOSE)
        if waiting and not self.transport.is_closing():
            self.transport.close()


def uvicorn_config(app: Any, host: str, port: int, **options: Any) -> uvicorn.Config:
    """The uvicorn configuration of `jejak serve`; `options` override it (tests)."""
    settings: dict[str, Any] = {
        "host": host, "port": port, "log_level": "warning", "http": HeadDeadlineH11,
        "timeout_keep_alive": IDLE_SECONDS, "limit_concurrency": MAX_CONNECTIONS,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
    return uvicorn.Config(app, **(settings | options))
