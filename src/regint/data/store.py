"""The observation store: an embedded DuckDB file, append-only, one transaction per import.

* Every import adds rows under a new ``import_id``; nothing is updated or deleted, so a re-import of changed
  figures adds a vintage and the older one stays queryable with ``as_of``.
* The import log keeps the file name, its SHA-256, the format, the time and the row count; importing a file
  whose checksum is already in the log changes nothing.
* An import is all of a file or none of it: validation happens before the transaction opens, and the rows and
  the log entry are written inside one DuckDB transaction. A process killed in the middle leaves the store as
  it was (DuckDB's write-ahead log replays only committed transactions).

The store lives in the user's data directory (``platformdirs``) unless ``REGINT_STORE`` or an explicit path
says otherwise. On first use it is filled from the dataset shipped with the package.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import platformdirs

from regint._paths import package_data
from regint.data.loaders.base import LoadResult, file_checksum
from regint.data.schema import OBS_COLUMNS, STATUSES, validate_observations
from regint.errors import StoreError

_DDL = [
    """CREATE TABLE IF NOT EXISTS imports (
        import_id INTEGER PRIMARY KEY, file_name VARCHAR, checksum VARCHAR, format VARCHAR,
        imported_at TIMESTAMP, n_rows INTEGER, n_warnings INTEGER, vintage VARCHAR, note VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS observations (import_id INTEGER, "
    + ", ".join(f"{c} {'DOUBLE' if c == 'value' else 'VARCHAR'}" for c in OBS_COLUMNS)
    + ")",
]
#: Preference when several sources give the same region, indicator and period.
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}


def default_store_path() -> Path:
    """``$REGINT_STORE`` if set, else ``<user data dir>/regint/store.duckdb``."""
    env = os.environ.get("REGINT_STORE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("regint", appauthor=False)) / "store.duckdb"


def shipped_dataset_path() -> Path:
    """The Parquet file of the dataset that ships with the package."""
    return package_data("data", "shipped", "observations.parquet")


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    file_name: str
    checksum: str
    format: str
    rows: int
    status: str  # "imported" | "unchanged"
    import_id: int | None
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.status == "unchanged":
            return f"{self.file_name}: already imported (same checksum); nothing changed"
        return f"{self.file_name}: imported {self.rows} observations as import #{self.import_id} ({self.format})"


class Store:
    """An observation store in a DuckDB file (or ``":memory:"``).

    Parameters
    ----------
    path : path-like, optional
        The DuckDB file; ``None`` for :func:`default_store_path`.
    fill_default : bool
        Import the shipped dataset on opening when its checksum is not in the import log yet (the default):
        a new store is filled, and a store made by an older regint gets the rebuilt dataset as a new vintage.
    read_only : bool
        Open without write access (several readers may share a file).
    """

    def __init__(self, path: str | Path | None = None, *, fill_default: bool = True, read_only: bool = False):
        self.path = default_store_path() if path is None else Path(path) if str(path) != ":memory:" else None
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            target = ":memory:" if self.path is None else str(self.path)
            self.con = duckdb.connect(target, read_only=read_only and self.path is not None and self.path.exists())
        except (duckdb.Error, OSError) as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc}. Fix: close other programs using it, or choose "
                "another file with --store or REGINT_STORE."
            ) from exc
        if not read_only:
            for stmt in _DDL:
                self.con.execute(stmt)
            if fill_default and shipped_dataset_path().exists() and not self.has_checksum(
                    file_checksum(shipped_dataset_path())):
                # first use, or a newer regint ships a rebuilt dataset: it comes in as a new vintage
                self.import_frame(
                    pd.read_parquet(shipped_dataset_path()),
                    file_name="regint default dataset",
                    checksum=file_checksum(shipped_dataset_path()),
                    format="shipped",
                )

    # -- context management -------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------------------
    def _scalar(self, sql: str, params: list[object] | None = None) -> object:
        row = self.con.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

    def n_imports(self) -> int:
        return int(self._scalar("SELECT count(*) FROM imports"))  # type: ignore[call-overload]

    def has_checksum(self, checksum: str) -> bool:
        row = self.con.execute("SELECT 1 FROM imports WHERE checksum = ? LIMIT 1", [checksum]).fetchone()
        return row is not None

    def import_result(self, result: LoadResult) -> ImportReport:
        """Store the observations of a loader result (one transaction)."""
        return self.import_frame(
            result.observations,
            file_name=result.path.name,
            checksum=result.checksum,
            format=result.format,
            warnings=[str(w) for w in result.warnings],
        )

    def import_file(self, path: str | Path, format: str | None = None, **options: object) -> ImportReport:
        """Load a file with its loader and store it; a file already imported (same SHA-256) changes nothing."""
        from regint.data.loaders import load_file

        p = Path(path)
        checksum = file_checksum(p) if p.exists() and p.stat().st_size else ""
        if checksum and self.has_checksum(checksum):
            return ImportReport(p.name, checksum, format or "", 0, "unchanged", None)
        return self.import_result(load_file(p, format=format, **options))

    def import_frame(
        self,
        frame: pd.DataFrame,
        *,
        file_name: str,
        checksum: str,
        format: str,
        warnings: Sequence[str] = (),
        note: str = "",
    ) -> ImportReport:
        """Validate ``frame`` against the schema and append it as one new import, atomically."""
        if self.has_checksum(checksum):
            return ImportReport(file_name, checksum, format, 0, "unchanged", None, tuple(warnings))
        obs = validate_observations(frame, what=file_name)
        now = datetime.now(UTC).replace(tzinfo=None)
        obs.loc[obs["vintage"] == "", "vintage"] = now.date().isoformat()
        self.con.execute("BEGIN TRANSACTION")
        try:
            import_id = int(self._scalar("SELECT coalesce(max(import_id), 0) + 1 FROM imports"))  # type: ignore[call-overload]
            self.con.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, file_name, checksum, format, now, len(obs), len(warnings), now.date().isoformat(), note],
            )
            self.con.register("_incoming", obs)
            cols = ", ".join(OBS_COLUMNS)
            self.con.execute(f"INSERT INTO observations SELECT {import_id}, {cols} FROM _incoming")
            self.con.unregister("_incoming")
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"import of {file_name} failed and was rolled back; the store is unchanged: {exc}") from exc
        return ImportReport(file_name, checksum, format, len(obs), "imported", import_id, tuple(warnings))

    # -- reading ------------------------------------------------------------------------------------------
    def imports(self) -> pd.DataFrame:
        """The import log."""
        return self.con.execute("SELECT * FROM imports ORDER BY import_id").df()

    def query(
        self,
        indicators: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
        years: tuple[int, int] | None = None,
        *,
        as_of: datetime | str | None = None,
        sources: Sequence[str] | None = None,
        all_vintages: bool = False,
    ) -> pd.DataFrame:
        """Observations, the latest vintage of each (region, indicator, period, source) unless ``all_vintages``.

        ``as_of`` restricts to imports made at or before that time (ISO string or datetime).
        """
        where: list[str] = ["TRUE"]
        params: list[object] = []
        if indicators:
            where.append(f"o.indicator IN ({', '.join('?' * len(indicators))})")
            params += list(indicators)
        if regions:
            where.append(f"o.region IN ({', '.join('?' * len(regions))})")
            params += list(regions)
        if sources:
            where.append(f"o.source IN ({', '.join('?' * len(sources))})")
            params += list(sources)
        if years:
            where.append("CAST(substr(o.period, 1, 4) AS INTEGER) BETWEEN ? AND ?")
            params += [int(years[0]), int(years[1])]
        if as_of is not None:
            where.append("i.imported_at <= CAST(? AS TIMESTAMP)")
            params.append(str(as_of))
        latest = (
            "" if all_vintages
            else "QUALIFY row_number() OVER (PARTITION BY o.region, o.indicator, o.period, o.source "
            "ORDER BY o.import_id DESC) = 1"
        )
        sql = (
            f"SELECT o.*, i.imported_at FROM observations o JOIN imports i USING (import_id) "
            f"WHERE {' AND '.join(where)} {latest} ORDER BY o.indicator, o.region, o.period, o.source, o.import_id"
        )
        return self.con.execute(sql, params).df()

    def panel(
        self,
        indicators: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
        years: tuple[int, int] | None = None,
        *,
        as_of: datetime | str | None = None,
        source_priority: Sequence[str] | None = None,
        include_flagged: bool = False,
    ) -> pd.DataFrame:
        """One value per (region, indicator, period): the latest vintage of the first source in the indicator's
        catalog order (:func:`regint.data.precedence.choose`; column ``precedence`` says which).

        ``source_priority`` replaces the catalog's lists by one order. Rejected values are never chosen;
        values whose note starts with ``FLAGGED`` (doubtful figures kept with their reason) are left out
        unless ``include_flagged``.
        """
        from regint.data.precedence import choose

        obs = self.query(indicators, regions, years, as_of=as_of)
        return choose(obs, source_priority=source_priority, include_flagged=include_flagged)
