"""Data: loaders, catalogs, the store, harmonisation. ``regint.data.conflicts`` lists disagreeing sources."""

from __future__ import annotations

from typing import Any

__all__ = ["conflicts"]


def __getattr__(name: str) -> Any:
    if name == "conflicts":  # lazy: importing regint.data must not open DuckDB
        from regint.data.api import conflicts

        return conflicts
    raise AttributeError(f"module 'regint.data' has no attribute {name!r}")
