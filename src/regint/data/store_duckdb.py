"""The embedded store: a DuckDB file, opened for each operation and closed right after it.

DuckDB lets one process write a file or several processes read it. regint therefore never keeps a connection
open between operations: a read opens the file read-only, an import opens it for writing for the length of its
transaction. Threads of one process take turns on a file (a lock per file), because DuckDB refuses a read-only
and a read-write connection to the same file inside one process. A ``":memory:"`` store keeps one connection
(it exists only as long as it).
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from regint.data.schema import KEY, OBS_COLUMNS
from regint.data.store import Store, default_store_target
from regint.data.store_schema import (
    IMPORT_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    create_statements,
    newer_schema_message,
)
from regint.data.store_wait import StoreBusy, announce_wait, retry_busy, store_wait
from regint.errors import StoreError

#: DuckDB's memory for one import into a store file: beyond it DuckDB writes to its temporary folder, so a large
#: file imports in bounded memory (benchmarks/RESULTS.md, issue 24).
IMPORT_MEMORY_LIMIT = "128MB"

_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path | None) -> threading.RLock:
    key = str(path.resolve()) if path is not None else ":memory:"
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.RLock())


def _is_busy(message: str) -> bool:
    return "Could not set lock" in message or "Conflicting lock" in message


def _no_space(exc: BaseException) -> bool:
    text = str(exc)
    return "No space left" in text or "ENOSPC" in text or getattr(exc, "errno", None) == errno.ENOSPC


class DuckDBStore(Store):
    """A store in a DuckDB file (or ``":memory:"``); see :class:`regint.data.store.Store` for the parameters."""

    backend = "duckdb"

    def __init__(self, target: str | Path | None = None, *, fill_default: bool = True, read_only: bool = False,
                 wait: float | None = None,
                 on_wait: Callable[[str, float], None] | None = announce_wait) -> None:
        chosen = default_store_target() if target is None else target
        self.path: Path | None = None if str(chosen) == ":memory:" else Path(chosen).expanduser()
        self.location = ":memory:" if self.path is None else str(self.path)
        self.read_only = read_only
        self.wait = store_wait(wait)
        self.on_wait = on_wait
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._lock = _file_lock(self.path)
        if self.path is None:
            self._memory = duckdb.connect(":memory:")
        elif not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of the store {self.path}: {exc}. Fix: choose another "
                                 "file with --store or REGINT_STORE.") from exc
        if read_only:
            if self.path is not None and not self.path.exists():
                raise StoreError(f"the store {self.path} does not exist. Fix: run any regint command once "
                                 "without read-only access to create it, or choose another with --store.")
            self._check_version(self.schema_version())
            return
        self._setup()
        if fill_default:
            self._fill_default()

    # -- connections ------------------------------------------------------------------------------------------
    def _open(self, write: bool) -> duckdb.DuckDBPyConnection:
        if self.path is None:  # a memory store keeps one connection and never opens a file
            raise StoreError("an in-memory store has no file to open")
        try:
            con = duckdb.connect(str(self.path), read_only=not write)
        except duckdb.Error as exc:
            message = str(exc)
            if _is_busy(message):
                raise StoreBusy(message) from exc
            raise StoreError(self._open_failure(message, write)) from exc
        con.execute("SET enable_progress_bar = false")  # regint shows its own; DuckDB's would go to stdout
        return con

    def _open_failure(self, message: str, write: bool) -> str:
        if "not a valid DuckDB database" in message or "Could not read enough bytes" in message \
                or "Corrupt" in message or "checksum" in message.lower():
            return (f"the store {self.path} is damaged or not a regint store ({message}). Nothing was changed: "
                    "the file is left as it is. Fix: restore it from a backup, or move it away and let regint "
                    "create a new store (it refills itself from the shipped dataset; re-import your own files).")
        if "newer" in message.lower() and "version" in message.lower():
            return (f"the store {self.path} was written by a newer DuckDB ({message}). Nothing was changed. "
                    "Fix: upgrade regint (pip install -U regint).")
        if write and ("Permission denied" in message or "Read-only file system" in message
                      or "read-only" in message.lower()):
            return (f"the store {self.path} cannot be written: the file or its disk is read-only ({message}). "
                    "Nothing was changed; reading still works. Fix: make the file writable, or import into "
                    "another store with --store or REGINT_STORE.")
        return (f"cannot open the store {self.path}: {message}. Fix: close other programs using it, or choose "
                "another file with --store or REGINT_STORE.")

    def _busy_message(self, exc: StoreBusy) -> str:
        return (f"cannot open the store {self.path}: {exc}. Fix: close other programs using it, wait longer "
                "(--wait or REGINT_STORE_WAIT), or choose another file with --store or REGINT_STORE.")

    @contextmanager
    def connection(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation (read-only unless ``write``), waiting while the store is busy."""
        with self._lock:
            if self._memory is not None:
                yield self._memory
                return
            if write and self.read_only:
                raise StoreError(f"the store {self.path} was opened read-only; nothing was changed. Fix: open "
                                 "it without read_only to import.")
            con = retry_busy(lambda: self._open(write), what=self.location, wait=self.wait,
                             busy_message=self._busy_message, on_wait=self.on_wait)
            try:
                yield con
            finally:
                con.close()

    def close(self) -> None:
        with self._lock:
            if self._memory is not None:
                self._memory.close()
                self._memory = None

    def read_frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self.connection() as con:
            try:
                return con.execute(sql, list(params)).df()
            except duckdb.Error as exc:
                raise StoreError(f"reading the store {self.location} failed: {exc}. Fix: if the file is damaged, "
                                 "restore it from a backup.") from exc

    # -- schema -----------------------------------------------------------------------------------------------
    @staticmethod
    def _version_of(con: duckdb.DuckDBPyConnection) -> int:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "regint_meta" in tables:
            row = con.execute("SELECT value FROM regint_meta WHERE key = 'schema_version'").fetchone()
            if row is not None:
                return int(row[0])
        return 1 if "imports" in tables else 0

    def schema_version(self) -> int:
        if self.path is not None and self._memory is None and not self.path.exists():
            return 0
        with self.connection() as con:
            return self._version_of(con)

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(newer_schema_message(self.location, version))

    def _setup(self) -> None:
        """Create the tables of a new store, or migrate an older one (each in one transaction)."""
        version = self.schema_version()
        self._check_version(version)
        if version == SCHEMA_VERSION:
            return
        with self.connection(write=True) as con:
            version = self._version_of(con)  # again, now that this process holds the file
            self._check_version(version)
            if version == SCHEMA_VERSION:
                return
            con.execute("BEGIN TRANSACTION")
            try:
                if version == 0:
                    for stmt in create_statements():
                        con.execute(stmt)
                else:
                    for step in range(version, SCHEMA_VERSION):
                        for stmt in MIGRATIONS[step]:
                            con.execute(stmt)
                con.execute("INSERT OR REPLACE INTO regint_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(self._write_failure("setting up the store", exc)) from exc

    def _write_failure(self, what: str, exc: BaseException) -> str:
        if _no_space(exc):
            return (f"{what} failed: the disk of {self.location} is full ({exc}). It was rolled back; the store "
                    "is unchanged. Fix: free disk space (or move the store with --store) and try again.")
        return f"{what} failed and was rolled back; the store {self.location} is unchanged: {exc}"

    # -- writing ----------------------------------------------------------------------------------------------
    @contextmanager
    def _write_session(self, entry: dict[str, object]) -> Iterator[_DuckDBSession | None]:
        with self.connection(write=True) as con:
            self._check_version(self._version_of(con))
            if self.path is not None:
                con.execute(f"SET memory_limit = '{IMPORT_MEMORY_LIMIT}'")
            con.execute("BEGIN TRANSACTION")
            try:
                if con.execute("SELECT 1 FROM imports WHERE checksum = ? LIMIT 1", [entry["checksum"]]).fetchall():
                    con.execute("ROLLBACK")
                    yield None
                    return
                rows = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchall()
                session = _DuckDBSession(con, int(rows[0][0]) if rows else 1)
                try:
                    yield session
                finally:
                    session.close()
                con.execute("COMMIT")
            except (duckdb.Error, OSError) as exc:
                _rollback(con)
                raise StoreError(self._write_failure(f"import of {entry['file_name']}", exc)) from exc
            except BaseException:
                _rollback(con)
                raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # the transaction is gone already (a failed commit); nothing was written


def _unregister(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a registered frame; in an aborted transaction that fails too, and the first error is the one to tell."""
    try:
        con.unregister(name)
    except duckdb.Error:
        pass  # cleanup after an error: the error being raised already says what went wrong


class _DuckDBSession:
    """An import written block by block inside one DuckDB transaction (see ``Store._write_session``).

    The blocks go into the table through one ``INSERT … SELECT`` that reads them as an Arrow stream: DuckDB
    keeps the rows of each separate statement of an open transaction in memory until the commit (about
    0.2 KB a row), while one streamed statement writes them to the file as it goes, so the memory of an import
    stays bounded whatever the size of the file. Earlier imports are looked up through a second connection
    (a cursor), since the first is busy with the insert while blocks are produced.
    """

    _SCHEMA = pa.schema([(c, pa.float64() if c == "value" else pa.string()) for c in OBS_COLUMNS])

    def __init__(self, con: duckdb.DuckDBPyConnection, import_id: int) -> None:
        self.con, self.import_id = con, import_id
        self._reader: duckdb.DuckDBPyConnection | None = None

    def old_values(self, obs: pd.DataFrame) -> pd.DataFrame:
        if self._reader is None:
            self._reader = self.con.cursor()  # sees what is committed: the earlier imports, not this one
        keys = obs[list(KEY)].reset_index(drop=True).reset_index(names="_pos")
        self._reader.register("_incoming_keys", keys)
        try:
            on = " AND ".join(f"o.{c} = k.{c}" for c in KEY)
            return self._reader.execute(
                f"SELECT k._pos, o.value AS value_old, o.import_id FROM _incoming_keys k JOIN observations o ON {on} "
                "JOIN imports i ON i.import_id = o.import_id WHERE o.import_id <> ? "
                "QUALIFY row_number() OVER (PARTITION BY k._pos ORDER BY o.import_id DESC) = 1 ORDER BY k._pos",
                [self.import_id]).df()
        finally:
            _unregister(self._reader, "_incoming_keys")

    def insert(self, blocks: Iterable[pd.DataFrame]) -> None:
        failure: list[BaseException] = []

        def batches() -> Iterator[pa.RecordBatch]:
            try:
                for obs in blocks:
                    yield from pa.Table.from_pandas(obs[list(OBS_COLUMNS)], schema=self._SCHEMA,
                                                    preserve_index=False).to_batches()
            except BaseException as exc:  # told by DuckDB as a failed stream; raised below as it was
                failure.append(exc)
                raise

        self.con.register("_incoming", pa.RecordBatchReader.from_batches(self._SCHEMA, batches()))
        try:
            cols = ", ".join(OBS_COLUMNS)
            self.con.execute(f"INSERT INTO observations (import_id, {cols}) SELECT {self.import_id}, {cols} "
                             "FROM _incoming")
        except duckdb.Error:
            if failure:
                raise failure[0] from None
            raise
        finally:
            _unregister(self.con, "_incoming")

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def duplicate_keys(self, limit: int) -> list[tuple[str, ...]]:
        cols = ", ".join(KEY)
        rows = self.con.execute(f"SELECT {cols} FROM observations WHERE import_id = ? GROUP BY {cols} "
                                f"HAVING count(*) > 1 LIMIT {int(limit)}", [self.import_id]).fetchall()
        return [tuple(str(v) for v in r) for r in rows]

    def log(self, entry: dict[str, object]) -> None:
        values = [self.import_id, *(entry[c] for c in IMPORT_COLUMNS[1:])]
        self.con.execute(f"INSERT INTO imports ({', '.join(IMPORT_COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(IMPORT_COLUMNS))})", values)
