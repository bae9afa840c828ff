"""The analyst's dashboard: server-rendered pages over the same store as the API.

Pages are Jinja2 templates with autoescaping on: every value from the store or the user is
escaped, article text included (it is hostile input). The assets (`static/`) ship with the
package, nothing comes from a CDN, and no page has an inline script, so the app's
`Content-Security-Policy: script-src 'self'` holds.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def mount_dashboard(app: FastAPI) -> None:
    """Add the dashboard's pages and static files to the app."""
    from .monitor_pages import router as monitor_router
    from .pages import router

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(router)
    app.include_router(monitor_router)
