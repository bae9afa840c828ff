"""`jejak serve`: the REST API (FastAPI) and the analyst's dashboard over one store."""

from .app import create_app

__all__ = ["create_app"]
