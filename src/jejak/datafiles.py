"""The files jejak ships under `jejak/data` (learned weights, calibrations, word tables), read as
text from the installed package: the one place that knows where they live, so that an install
from a wheel or a zip reads them the same way as a checkout."""

from __future__ import annotations

from importlib import resources


def read_data(name: str, missing_ok: bool = False) -> str | None:
    """The text of `jejak/data/NAME`; None when `missing_ok` and it is not installed."""
    try:
        return resources.files("jejak").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        if missing_ok:
            return None
        raise
