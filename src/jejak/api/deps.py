"""What every request needs: a store cursor, and for writes the token check.

One DuckDB connection is opened when the app starts (read-only unless writes are allowed) and
each request works on its own cursor of it, which DuckDB allows from many threads at once.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Header, HTTPException, Request

from jejak.store import Store


@dataclass
class ServeConfig:
    """How the app was started."""

    db: str
    allow_write: bool = False
    token: str | None = None


def get_store(request: Request) -> Iterator[Store]:
    """A store on a fresh cursor of the app's connection, closed after the request."""
    base: Store = request.app.state.store
    cursor = base.con.cursor()
    store = Store(cursor, base.path, base.read_only)
    store.deliver = getattr(request.app.state, "deliver", None)  # webhooks on a thread, not in the request
    try:
        yield store
    finally:
        cursor.close()


def token_ok(config: ServeConfig, given: str | None) -> bool:
    """Constant-time comparison of the write token."""
    if not config.allow_write or not config.token or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), config.token.encode("utf-8"))


def token_given(authorization: str | None, x_jejak_token: str | None) -> str | None:
    """The token a request sends: `Authorization: Bearer T`, else `X-Jejak-Token: T`."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return x_jejak_token


READ_ONLY = "this server is read-only; start it with `jejak serve --allow-write --token T`"
BAD_TOKEN = "missing or wrong write token; send `Authorization: Bearer <token>`"


def require_write(request: Request, authorization: str | None = Header(default=None),
                  x_jejak_token: str | None = Header(default=None)) -> None:
    """Writes need `--allow-write` and the token (`Authorization: Bearer T` or `X-Jejak-Token: T`).

    `jejak.api.guard` checks the same before the body is read; this stays for apps without it."""
    config: ServeConfig = request.app.state.config
    if not config.allow_write:
        raise HTTPException(403, READ_ONLY)
    if not token_ok(config, token_given(authorization, x_jejak_token)):
        raise HTTPException(401, BAD_TOKEN)
