"""Flow tables on disk: Parquet files partitioned by period, their version (fingerprint) and cheap checks.

Layout: ``<root>/period=<p>/<name>.parquet`` (Hive partitioning, which DuckDB and Spark both read), one or more
files per period. A write never replaces a file: ``mode="append"`` adds new files, so a table grows by versions
and its fingerprint changes.

Unique keys: one write sums repeated (reporter, partner, product, period) keys and tags its files with
:data:`WRITE_TAG` in the Parquet metadata. When every file of a period carries the same tag, the keys of that
period are unique, which lets the engine use cheaper joins (:func:`check_files`). An append into a period that
already has files makes it "maybe repeated", and the engine switches to formulations that sum repeats.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from regint._options import check_option
from regint.data.flows._schema import COLUMNS, KEYS, check_frame
from regint.errors import DataError

WriteMode = Literal["error", "append"]
FingerprintKind = Literal["stat", "checksum"]

_CHUNK = 1 << 20

WRITE_TAG = b"regint.flows.write"
"""Parquet key-value metadata: the id of the write whose files hold unique flow keys (see the module text)."""


def flow_files(root: str | Path) -> list[Path]:
    """The Parquet files of a flow table, sorted by their path relative to ``root``."""
    base = Path(root)
    if not base.is_dir():
        raise DataError(f"flow table {base}: no such directory. Fix: write one with write_flows() first.")
    files = sorted(p for p in base.rglob("*.parquet") if p.is_file())
    if not files:
        raise DataError(f"flow table {base}: no Parquet files under it. Fix: write flows with write_flows().")
    return files


def write_flows(frame: pd.DataFrame, root: str | Path, *, mode: WriteMode = "error",
                row_group_size: int = _CHUNK) -> list[Path]:
    """Write flows as Parquet partitioned by period under ``root``; return the files written.

    Parameters
    ----------
    frame : DataFrame
        Columns ``reporter, partner, product, period, value`` and optionally ``quantity`` (checked by
        :func:`regint.data.flows._schema.check_frame`).
    root : path
        Directory of the table. ``mode="error"`` refuses a directory that already holds Parquet files;
        ``mode="append"`` adds files beside them (a new version of the table).
    row_group_size : int
        Rows per Parquet row group (the unit of parallel reading).
    """
    check_option("mode", mode, ("error", "append"))
    data = check_frame(frame, where="write_flows")
    base = Path(root)
    if mode == "error" and base.is_dir() and any(base.rglob("*.parquet")):
        raise DataError(f"write_flows: {base} already holds a flow table. Fix: pass mode='append' to add a "
                        "version, or choose another directory.")
    tag = uuid.uuid4().hex[:12]
    data = data.groupby(list(KEYS), sort=False, dropna=False, as_index=False).agg(
        value=("value", "sum"), quantity=("quantity", lambda q: q.sum(min_count=1)))
    written = []
    for period, part in data.groupby("period", sort=True):
        folder = base / f"period={int(period)}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{tag}.parquet"
        table = pa.Table.from_pandas(part.drop(columns="period"), preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), WRITE_TAG: tag.encode()})
        pq.write_table(table, path, row_group_size=row_group_size)
        written.append(path)
    return written


def read_flows(root: str | Path) -> pd.DataFrame:
    """Read a whole flow table into memory (small tables and tests; the engine never does this)."""
    files = flow_files(root)
    parts = []
    for path in files:
        part = pq.read_table(path).to_pandas()
        if "period" not in part.columns:
            part["period"] = _period_of(path)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.loc[:, list(COLUMNS)].astype({"period": "int64"})


def _period_of(path: Path) -> int:
    for part in reversed(path.parts):
        if part.startswith("period="):
            return int(part.split("=", 1)[1])
    raise DataError(f"flow file {path}: no period column and no 'period=' folder. Fix: write it with "
                    "write_flows().")


@dataclass(frozen=True)
class TableVersion:
    """The identity of a flow table's contents at one moment.

    Attributes
    ----------
    root : Path
    files : tuple of Path
    fingerprint : str
        Hex digest over the files' relative paths and either their size and modification time
        (``kind="stat"``, the default: free) or their contents (``kind="checksum"``: reads every byte once).
    kind : str
    """

    root: Path
    files: tuple[Path, ...]
    fingerprint: str
    kind: str


_CHECKSUMS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _CHECKSUMS:
        h = hashlib.blake2b(digest_size=16)
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                h.update(block)
        _CHECKSUMS[key] = h.hexdigest()
    return _CHECKSUMS[key]


def table_version(root: str | Path, *, kind: FingerprintKind = "stat") -> TableVersion:
    """Fingerprint the files of a flow table (see :class:`TableVersion`).

    A checksum is computed once per (path, size, mtime) and remembered for the process.
    """
    check_option("fingerprint", kind, ("stat", "checksum"))
    base = Path(root).resolve()
    files = tuple(p.resolve() for p in flow_files(base))
    h = hashlib.sha256()
    for path in files:
        st = path.stat()
        h.update(os.fsencode(str(path.relative_to(base))))
        if kind == "stat":
            h.update(f"|{st.st_size}|{st.st_mtime_ns}\n".encode())
        else:
            h.update(f"|{_file_digest(path)}\n".encode())
    return TableVersion(root=base, files=files, fingerprint=h.hexdigest(), kind=kind)


@dataclass(frozen=True)
class FileCheck:
    """What the file footers tell without reading the data.

    Attributes
    ----------
    unchecked : tuple of Path
        Files without min/max statistics of ``value`` (their sign is checked by a query instead).
    unique_keys : bool
        Every period's files come from one write (same :data:`WRITE_TAG`): no flow key repeats.
    """

    unchecked: tuple[Path, ...]
    unique_keys: bool
    int_ranges: dict[str, tuple[int, int]] | None = None
    """(min, max) of reporter, partner, product and period when all are integers with statistics, else None."""


def check_files(version: TableVersion) -> FileCheck:
    """Check the columns of every file and the sign of ``value`` from Parquet statistics; detect unique keys.

    Raises :class:`DataError` naming the file when a column is missing or a minimum value is negative.
    """
    unchecked = []
    tags: dict[Path, set[bytes | None]] = {}
    ranges: dict[str, tuple[int, int]] | None = {}
    for path in version.files:
        meta = pq.ParquetFile(path).metadata
        names = meta.schema.names
        needed = [c for c in KEYS + ("value",) if c != "period"]
        missing = [c for c in needed if c not in names]
        if missing:
            raise DataError(f"flow file {path}: missing column(s) {missing}. Fix: write it with write_flows().")
        tags.setdefault(path.parent, set()).add((meta.metadata or {}).get(WRITE_TAG))
        ranges = _int_ranges(meta, path, ranges)
        col = names.index("value")
        for i in range(meta.num_row_groups):
            stats = meta.row_group(i).column(col).statistics
            if stats is None or not stats.has_min_max:
                unchecked.append(path)
                break
            if stats.min < 0:
                raise DataError(f"flow file {path}, row group {i}: negative value {stats.min!r}. Fix: exports "
                                "must be non-negative.")
    unique = all(len(t) == 1 and None not in t for t in tags.values())
    return FileCheck(unchecked=tuple(unchecked), unique_keys=unique, int_ranges=ranges or None)


def _int_ranges(meta: pq.FileMetaData, path: Path,
                ranges: dict[str, tuple[int, int]] | None) -> dict[str, tuple[int, int]] | None:
    """Fold one file's integer min/max of the key columns into ``ranges`` (None once any is unknown)."""
    if ranges is None:
        return None
    names = meta.schema.names
    found: dict[str, tuple[int, int]] = {}
    for name in ("reporter", "partner", "product", "period"):
        if name == "period" and name not in names:
            p = _period_of(path)
            found[name] = (p, p)
            continue
        col = names.index(name)
        lows, highs = [], []
        for i in range(meta.num_row_groups):
            stats = meta.row_group(i).column(col).statistics
            if stats is None or not stats.has_min_max or not isinstance(stats.min, int) or isinstance(
                    stats.min, bool):
                return None
            lows.append(stats.min)
            highs.append(stats.max)
        if lows:
            found[name] = (min(lows), max(highs))
    for name, (lo, hi) in found.items():
        old = ranges.get(name)
        ranges[name] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
    return ranges
