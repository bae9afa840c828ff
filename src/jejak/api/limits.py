"""Limits on one request, shared by the JSON API and the dashboard pages.

Kept apart from the app so that the dashboard can read them without importing the app, which
itself mounts the dashboard.
"""

from __future__ import annotations

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_TEXT = 2_000_000  # characters of one pasted article
MAX_BODY = 4 * MAX_TEXT + 65_536  # bytes of one request: a pasted article in UTF-8 and its form fields
