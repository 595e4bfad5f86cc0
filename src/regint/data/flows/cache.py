"""Results computed once per table version and indicator parameters, then reused.

The key of a result is ``(fingerprint, indicator, parameters)``: the fingerprint changes whenever a Parquet file
of the table is added, removed or rewritten (see :func:`regint.data.flows.storage.table_version`), so a stale
result is never served. Results live in memory (a hit returns the very same DataFrame object: copy it before
changing it) and, with a ``directory``, also as Parquet files there, so a new session reuses them.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd


def cache_key(fingerprint: str, indicator: str, params: Mapping[str, Any]) -> str:
    """A stable hex key for one figure of one table version."""
    text = json.dumps({"table": fingerprint, "indicator": indicator, "params": dict(params)}, sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass
class CacheInfo:
    """Counters of a :class:`ResultCache`: hits (memory or disk), misses (computed), and the keys held."""

    hits: int = 0
    misses: int = 0
    disk_hits: int = 0
    keys: list[str] = field(default_factory=list)


class ResultCache:
    """A bounded LRU of result frames, optionally backed by a directory of Parquet files.

    Parameters
    ----------
    max_entries : int
        Results kept in memory (least recently used dropped first).
    directory : path or None
        Where results are also written as ``<key>.parquet``; ``None`` keeps them in memory only.
    """

    def __init__(self, max_entries: int = 64, directory: str | Path | None = None) -> None:
        self.max_entries = max_entries
        self.directory = None if directory is None else Path(directory)
        self._memory: OrderedDict[str, pd.DataFrame] = OrderedDict()
        self.info = CacheInfo()

    def get_or_compute(self, key: str, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The cached frame for ``key``; calls ``compute`` only when neither memory nor disk holds it."""
        if key in self._memory:
            self._memory.move_to_end(key)
            self.info.hits += 1
            return self._memory[key]
        path = None if self.directory is None else self.directory / f"{key}.parquet"
        if path is not None and path.exists():
            frame = pd.read_parquet(path)
            self.info.hits += 1
            self.info.disk_hits += 1
        else:
            frame = compute()
            self.info.misses += 1
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                frame.to_parquet(tmp, index=False)
                tmp.replace(path)
        self._memory[key] = frame
        self.info.keys = list(self._memory)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)
        return frame

    def clear(self) -> None:
        """Forget the results held in memory (files on disk stay: they are keyed by table version)."""
        self._memory.clear()
        self.info.keys = []
