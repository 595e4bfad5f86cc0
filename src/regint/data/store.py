"""The observation store: append-only, one transaction per import, on DuckDB (embedded) or PostgreSQL (office).

* Every import adds rows under a new ``import_id``; nothing is updated or deleted, so a re-import of changed
  figures adds a vintage and the older one stays queryable with ``as_of``.
* The import log keeps the file name, its SHA-256, the format, the time, the row count, who imported it and the
  warnings it landed with; importing a file whose checksum is already in the log changes nothing (also when
  two analysts import it at the same moment: the check is repeated inside the import's transaction).
* An import is all of a file or none of it: validation happens before the transaction opens, and the rows and
  the log entry are written inside one transaction. A large tidy CSV is read, validated and written block by
  block inside that one transaction (:meth:`Store.import_blocks`), and any error rolls it back. A process killed
  in the middle, a full disk or a lost connection leave the store as it was.
* No connection is held between operations: every read and every import opens its own and closes it, so the
  dashboard, the report and several command-line sessions share one store. An operation that finds the store
  busy waits with backoff (:mod:`regint.data.store_wait`) up to ``wait`` seconds, saying that it waits.
* The store carries a schema version (:mod:`regint.data.store_schema`); an older store is migrated on the
  first write, a newer one is refused without being touched.

``Store(target)`` opens a :class:`~regint.data.store_duckdb.DuckDBStore` for a file path (or ``":memory:"``)
and a :class:`~regint.data.store_pg.PostgresStore` for a ``postgresql://`` address. The target is
``--store`` or ``$REGINT_STORE``, else ``<user data dir>/regint/store.duckdb``. On first use the store is
filled from the dataset shipped with the package.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import platformdirs

from regint._actor import current_actor
from regint._paths import package_data
from regint.data.loaders.base import LoadResult, file_checksum
from regint.data.schema import KEY, OBS_COLUMNS, STATUSES, validate_observations
from regint.data.store_wait import announce_wait
from regint.errors import DataError

#: Preference when several sources give the same region, indicator and period.
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
_SERVER_SCHEMES = ("postgresql://", "postgres://")
#: Conflicts with earlier imports named per import (the rest are counted).
MAX_CONFLICTS = 10
#: A tidy CSV at least this large is imported block by block (read and checked a block at a time, one transaction).
STREAM_MIN_BYTES = 16 * 1024 * 1024
_CSV_SUFFIXES = (".csv", ".txt", ".tsv")


class WriteSession(Protocol):
    """An open import transaction of a backend (see :meth:`Store._write_session`)."""

    import_id: int

    def old_values(self, obs: pd.DataFrame) -> pd.DataFrame:
        """For each row of ``obs`` that earlier imports hold, the latest stored value: columns ``_pos`` (the
        row's position in ``obs``), ``value_old`` and ``import_id``."""

    def insert(self, blocks: Iterable[pd.DataFrame]) -> None:
        """Write the rows of every frame of ``blocks`` under :attr:`import_id`, consuming the frames one at a
        time (a backend may stream them into one statement; an error raised while a block is produced
        propagates unchanged)."""

    def duplicate_keys(self, limit: int) -> list[tuple[str, ...]]:
        """Up to ``limit`` keys (region, indicator, period, source) written more than once in this import."""

    def log(self, entry: dict[str, object]) -> None:
        """Write the import log entry (under :attr:`import_id`)."""


class BlockSource(Protocol):
    """A file read block by block (:class:`regint.data.loaders.template.TidyCsvStream`)."""

    format: str
    warnings: list[Any]

    def blocks(self) -> Iterator[tuple[pd.DataFrame, Any]]: ...

    def duplicate_error(self, keys: Iterable[tuple[str, ...]]) -> Exception: ...


def is_server_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL server (``postgresql://…`` or ``postgres://…``)."""
    return str(target).startswith(_SERVER_SCHEMES)


def default_store_target() -> str | Path:
    """``$REGINT_STORE`` (a file path or a ``postgresql://`` address), else ``<user data dir>/regint/store.duckdb``."""
    env = os.environ.get("REGINT_STORE")
    if env:
        return env if is_server_url(env) else Path(env).expanduser()
    return Path(platformdirs.user_data_dir("regint", appauthor=False)) / "store.duckdb"


def default_store_path() -> Path:
    """The default store as a file path (for a PostgreSQL store, a path that shows the address)."""
    target = default_store_target()
    return target if isinstance(target, Path) else Path(str(target))


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
    """An observation store (see the module notes); ``Store(target)`` picks the backend.

    Parameters
    ----------
    target : path-like or str, optional
        A DuckDB file, ``":memory:"`` or a ``postgresql://user:password@host:port/database`` address;
        ``None`` for :func:`default_store_target`.
    fill_default : bool
        Import the shipped dataset on opening when its checksum is not in the import log yet (the default):
        a new store is filled, and a store made by an older regint gets the rebuilt dataset as a new vintage.
    read_only : bool
        Never write (no filling, no migration); reads only.
    wait : float, optional
        Seconds to wait for a busy store (default ``$REGINT_STORE_WAIT`` or 30).
    on_wait : callable, optional
        ``on_wait(store, seconds)`` is called once when an operation starts waiting (default: a line on
        standard error); ``None`` waits silently.
    """

    #: ``"duckdb"`` or ``"postgresql"``.
    backend: str = ""
    #: Where the store is, for messages (a PostgreSQL address without its password).
    location: str = ""

    def __new__(cls, target: str | Path | None = None, **kwargs: Any) -> Store:  # noqa: ARG004
        if cls is Store:
            chosen = default_store_target() if target is None else target
            if is_server_url(chosen):
                from regint.data.store_pg import PostgresStore

                return super().__new__(PostgresStore)
            from regint.data.store_duckdb import DuckDBStore

            return super().__new__(DuckDBStore)
        return super().__new__(cls)

    def __init__(self, target: str | Path | None = None, *, fill_default: bool = True, read_only: bool = False,
                 wait: float | None = None,
                 on_wait: Callable[[str, float], None] | None = announce_wait) -> None:
        raise TypeError("Store is opened through a backend; call Store(target)")  # pragma: no cover

    # -- what a backend provides ------------------------------------------------------------------------------
    def close(self) -> None:
        """Release what the store holds (nothing between operations; a ``:memory:`` store is discarded)."""

    def read_frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """The result of one read-only SQL query (``?`` placeholders) on a short-lived connection."""
        raise NotImplementedError

    def schema_version(self) -> int:
        """The schema version of the store (0: empty, 1: before versions were recorded)."""
        raise NotImplementedError

    def _append(self, obs: pd.DataFrame, entry: dict[str, object]) -> int | None:
        """Write ``entry`` to the import log and ``obs`` under a new import id, in one transaction (the backend's
        :meth:`_write_session`); ``None`` (and nothing written) when the checksum is already in the log."""
        with self._write_session(entry) as session:
            if session is None:
                return None
            session.log(entry)
            session.insert([obs])
        return session.import_id

    def _write_session(self, entry: dict[str, object]) -> AbstractContextManager[WriteSession | None]:
        """One import's transaction for writing block by block: ``None`` (nothing written) when the checksum of
        ``entry`` is already in the log; it commits when the block ends without an error and rolls back
        otherwise."""
        raise NotImplementedError

    # -- context management -----------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    # -- small reads ------------------------------------------------------------------------------------------
    def _scalar(self, sql: str, params: Sequence[object] = ()) -> object:
        frame = self.read_frame(sql, params)
        return None if frame.empty else frame.iat[0, 0]

    def n_imports(self) -> int:
        """Entries in the import log."""
        return int(self._scalar("SELECT count(*) FROM imports"))  # type: ignore[call-overload]

    def n_observations(self) -> int:
        """Rows in the observation table, every vintage counted."""
        return int(self._scalar("SELECT count(*) FROM observations"))  # type: ignore[call-overload]

    def has_checksum(self, checksum: str) -> bool:
        """Whether a file with this SHA-256 was imported."""
        return not self.read_frame("SELECT 1 FROM imports WHERE checksum = ? LIMIT 1", [checksum]).empty

    def generation(self) -> tuple[int, int]:
        """``(number of imports, last import id)``: changes exactly when an import lands (cheap to ask)."""
        frame = self.read_frame("SELECT count(*) AS n, coalesce(max(import_id), 0) AS last FROM imports")
        return int(frame.iat[0, 0]), int(frame.iat[0, 1])

    def imports(self) -> pd.DataFrame:
        """The import log."""
        return self.read_frame("SELECT * FROM imports ORDER BY import_id")

    def indicator_summary(self) -> pd.DataFrame:
        """Per indicator: regions, first and last year, sources and rows (every vintage)."""
        return self.read_frame(
            "SELECT indicator, count(DISTINCT region) AS regions, min(substr(period, 1, 4)) AS first, "
            "max(substr(period, 1, 4)) AS last, string_agg(DISTINCT source, ', ') AS sources, count(*) AS n "
            "FROM observations GROUP BY indicator ORDER BY indicator")

    # -- writing ----------------------------------------------------------------------------------------------
    def _fill_default(self) -> None:
        shipped = shipped_dataset_path()
        if shipped.exists():
            checksum = file_checksum(shipped)
            if not self.has_checksum(checksum):
                # first use, or a newer regint ships a rebuilt dataset: it comes in as a new vintage
                self.import_frame(pd.read_parquet(shipped), file_name="regint default dataset",
                                  checksum=checksum, format="shipped")

    def import_result(self, result: LoadResult, *, strict: bool = False) -> ImportReport:
        """Store the observations of a loader result (one transaction)."""
        return self.import_frame(result.observations, file_name=result.path.name, checksum=result.checksum,
                                 format=result.format, warnings=[str(w) for w in result.warnings], strict=strict)

    def import_file(self, path: str | Path, format: str | None = None, *, strict: bool = False,
                    chunk_rows: int | None = None, **options: object) -> ImportReport:
        """Load a file with its loader and store it; a file already imported (same SHA-256) changes nothing.

        A tidy CSV of :data:`STREAM_MIN_BYTES` or more (or any tidy CSV when ``chunk_rows`` is given) is read,
        checked and written block by block of ``chunk_rows`` rows (:meth:`import_blocks`): the file is never held
        whole in memory (benchmarks/RESULTS.md),
        and the result is the same as for the whole file.
        """
        from regint.data.loaders import detect_format, load_file

        p = Path(path)
        checksum = file_checksum(p) if p.exists() and p.stat().st_size else ""
        if checksum and self.has_checksum(checksum):
            return ImportReport(p.name, checksum, format or "", 0, "unchanged", None)
        if checksum and p.suffix.lower() in _CSV_SUFFIXES and (
                chunk_rows is not None or p.stat().st_size >= STREAM_MIN_BYTES) and (
                format == "tidy" or (format is None and detect_format(p) == "tidy")):
            from regint.data.loaders.template import DEFAULT_CHUNK_ROWS, TidyCsvStream

            stream = TidyCsvStream(p, chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS, **options)  # type: ignore[arg-type]
            return self.import_blocks(stream, file_name=p.name, checksum=checksum, strict=strict)
        return self.import_result(load_file(p, format=format, **options), strict=strict)

    def import_blocks(self, source: BlockSource, *, file_name: str, checksum: str, note: str = "",
                      strict: bool = False) -> ImportReport:
        """Store a file read block by block, in one transaction, as :meth:`import_frame` stores a whole frame.

        Every block is validated, checked for plausibility and against earlier imports, and written; duplicate
        keys are looked for among the rows written; the import log entry comes last. Any error (of the file,
        of ``strict``, of the store) rolls the transaction back: the store is as it was.
        """
        from regint.data.plausible import PlausibilityTally

        now = datetime.now(UTC).replace(tzinfo=None)
        entry: dict[str, object] = {"file_name": file_name, "checksum": checksum, "format": source.format,
                                    "imported_at": now, "vintage": now.date().isoformat(), "note": note,
                                    "imported_by": current_actor()}
        check_old = self.n_imports() > 0
        with self._write_session(entry) as session:
            if session is None:
                return ImportReport(file_name, checksum, source.format, 0, "unchanged", None)
            plausible = PlausibilityTally()
            conflicts: list[str] = []
            counts = {"rows": 0, "conflicts": 0}

            def checked() -> Iterator[pd.DataFrame]:
                for block, _rows in source.blocks():
                    written = counts["rows"]
                    obs = validate_observations(block, what=file_name, offset=written, check_keys=False)
                    obs.index = pd.RangeIndex(written, written + len(obs))
                    plausible.add(obs)
                    if check_old:
                        old = session.old_values(obs.reset_index(drop=True))
                        lines, total = _conflict_lines(obs.reset_index(drop=True), old)
                        conflicts.extend(lines[: MAX_CONFLICTS - len(conflicts)])
                        counts["conflicts"] += total
                    obs.loc[obs["vintage"] == "", "vintage"] = now.date().isoformat()
                    counts["rows"] += len(obs)
                    yield obs

            session.insert(checked())
            written, n_conflicts = counts["rows"], counts["conflicts"]
            duplicates = session.duplicate_keys(1000)
            if duplicates:
                raise source.duplicate_error(duplicates)
            if n_conflicts > MAX_CONFLICTS:
                conflicts.append(f"conflicts with earlier imports: … and {n_conflicts - MAX_CONFLICTS} more")
            checks = [*plausible.lines(), *conflicts]
            if strict and checks:
                raise _strict_refusal(file_name, checks)
            all_warnings = (*(str(w) for w in source.warnings), *checks)
            entry.update({"n_rows": written, "n_warnings": len(all_warnings), "warnings": "\n".join(all_warnings)})
            session.log(entry)
        return ImportReport(file_name, checksum, source.format, written, "imported", session.import_id,
                            all_warnings)

    def import_frame(
        self,
        frame: pd.DataFrame,
        *,
        file_name: str,
        checksum: str,
        format: str,
        warnings: Sequence[str] = (),
        note: str = "",
        strict: bool = False,
    ) -> ImportReport:
        """Validate ``frame`` against the schema and append it as one new import, atomically.

        Implausible values (:mod:`regint.data.plausible`) and values that differ from what earlier imports
        gave for the same key are added to the warnings and recorded in the import log; with ``strict`` any
        such warning refuses the import (a :class:`~regint.errors.DataError` listing them; nothing written).
        The shipped dataset (``format="shipped"``) is checked by its build and not again here.
        """
        if self.has_checksum(checksum):
            return ImportReport(file_name, checksum, format, 0, "unchanged", None, tuple(warnings))
        obs = validate_observations(frame, what=file_name)
        checks: list[str] = []
        if format != "shipped":
            from regint.data.plausible import implausible

            checks = [*implausible(obs), *self.conflicts(obs)]
        if strict and checks:
            raise _strict_refusal(file_name, checks)
        all_warnings = (*warnings, *checks)
        now = datetime.now(UTC).replace(tzinfo=None)
        obs.loc[obs["vintage"] == "", "vintage"] = now.date().isoformat()
        entry: dict[str, object] = {
            "file_name": file_name, "checksum": checksum, "format": format, "imported_at": now, "n_rows": len(obs),
            "n_warnings": len(all_warnings), "vintage": now.date().isoformat(), "note": note,
            "imported_by": current_actor(), "warnings": "\n".join(all_warnings)}
        import_id = self._append(obs, entry)
        if import_id is None:  # another session imported the same file meanwhile
            return ImportReport(file_name, checksum, format, 0, "unchanged", None, all_warnings)
        return ImportReport(file_name, checksum, format, len(obs), "imported", import_id, all_warnings)

    def conflicts(self, obs: pd.DataFrame) -> list[str]:
        """Keys of ``obs`` whose value differs from the latest one stored: the new vintage will win, and this
        says so (at most :data:`MAX_CONFLICTS` named, the rest counted)."""
        if obs.empty or self.n_imports() == 0:
            return []
        old = self.query(sorted(set(obs["indicator"])), sorted(set(obs["region"])),
                         sources=sorted(set(obs["source"])))
        if old.empty:
            return []
        lines, total = _conflict_lines(obs.reset_index(drop=True), old[[*KEY, "value", "import_id"]].merge(
            obs.reset_index(drop=True)[list(KEY)].reset_index(names="_pos"), on=list(KEY)).rename(
            columns={"value": "value_old"}))
        if total > MAX_CONFLICTS:
            lines.append(f"conflicts with earlier imports: … and {total - MAX_CONFLICTS} more")
        return lines

    # -- reading ----------------------------------------------------------------------------------------------
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
        where: list[str] = ["1 = 1"]
        params: list[object] = []
        for column, values in (("indicator", indicators), ("region", regions), ("source", sources)):
            if values:
                where.append(f"o.{column} IN ({', '.join('?' * len(values))})")
                params += list(values)
        if years:
            where.append("CAST(substr(o.period, 1, 4) AS INTEGER) BETWEEN ? AND ?")
            params += [int(years[0]), int(years[1])]
        if as_of is not None:
            where.append("i.imported_at <= CAST(? AS TIMESTAMP)")
            params.append(str(as_of))
        cols = ", ".join(f"o.{c}" for c in ("import_id", *OBS_COLUMNS))
        inner = (f"SELECT {cols}, i.imported_at, row_number() OVER (PARTITION BY o.region, o.indicator, "
                 f"o.period, o.source ORDER BY o.import_id DESC) AS vintage_rank FROM observations o "
                 f"JOIN imports i ON i.import_id = o.import_id WHERE {' AND '.join(where)}")
        latest = "" if all_vintages else "WHERE vintage_rank = 1"
        sql = (f"SELECT * FROM ({inner}) q {latest} "
               "ORDER BY indicator, region, period, source, import_id")
        return self.read_frame(sql, params).drop(columns="vintage_rank")

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


def _strict_refusal(file_name: str, checks: Sequence[str]) -> DataError:
    listed = "\n  ".join(checks)
    return DataError(f"{file_name}: refused by --strict, {len(checks)} warning(s):\n  {listed}\n"
                     "Nothing was imported. Fix: correct the file, or import it without --strict to keep "
                     "the values with these warnings in the import log.")


def _conflict_lines(obs: pd.DataFrame, old: pd.DataFrame) -> tuple[list[str], int]:
    """The first :data:`MAX_CONFLICTS` lines (in the order of ``obs``) and the number of rows of ``obs`` whose
    value differs from the stored one; ``old`` has ``_pos`` (position in ``obs``), ``value_old`` and
    ``import_id``."""
    if old.empty:
        return [], 0
    both = obs.reset_index(drop=True).reset_index(names="_pos").merge(
        old[["_pos", "value_old", "import_id"]], on="_pos").sort_values("_pos", kind="stable")
    scale = both[["value", "value_old"]].abs().max(axis=1).clip(lower=1.0)
    differ = both[((both["value"] - both["value_old"]).abs() > 1e-9 * scale)
                  | (both["value"].isna() != both["value_old"].isna())]
    lines = [f"{r.region} {r.indicator} {r.period} ({r.source}): {r.value_old:g} in import #{r.import_id} "
             f"becomes {r.value:g}; the later vintage wins (the earlier stays available with --as-of)"
             for r in differ.head(MAX_CONFLICTS).itertuples()]
    return lines, len(differ)
