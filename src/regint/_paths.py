"""Where regint finds things: the shipped package data and the optional ``../shared`` folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def package_data(*parts: str) -> Path:
    """Path of a file shipped inside the package (``regint/<parts>``)."""
    return Path(str(resources.files("regint").joinpath(*parts)))


def shared_dir() -> Path | None:
    """The research data folder ``shared`` beside the checkout, or ``$REGINT_SHARED``; ``None`` when absent.

    When ``REGINT_SHARED`` is set, only that folder counts: a folder that does not exist (or lacks
    ``data/sources``) means "no shared folder", which is how to run as an installed package would.
    Only build scripts and tests use it: the installed package runs on what it ships.
    """
    env = os.environ.get("REGINT_SHARED")
    if env:
        candidates = [Path(env)]
    else:
        here = Path(__file__).resolve()
        candidates = [p / "shared" for p in here.parents] + [Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "data" / "sources").is_dir():
            return c
    return None
