"""The office store: the same tables, invariants and interface on a PostgreSQL server.

Chosen by ``REGINT_STORE=postgresql://user:password@host:port/database`` or ``--store postgresql://…``. Several
analysts import and the dashboard reads at the same time: reads run in their own short transactions and see
only committed imports (PostgreSQL's MVCC); imports are one transaction each and are serialised by a
transaction-level advisory lock, inside which the checksum is checked again (the same file imported twice at
once lands once) and the next import id is taken. An import that finds the lock taken waits with backoff,
like the DuckDB store. A connection is opened per operation and closed after it.

Needs the ``psycopg`` package (``pip install 'regint[postgresql]'``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

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

#: Key of the advisory lock that serialises regint's writers on one database (``'regi'`` as an integer).
LOCK_KEY = 0x72656769
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


def redact(url: str) -> str:
    """The address without its password (for messages and logs)."""
    return _PASSWORD.sub(r"\1***@", url)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - the extra is part of the test environment
        raise StoreError("a PostgreSQL store needs the psycopg package. Fix: pip install 'regint[postgresql]' "
                         "(or pip install 'psycopg[binary]').") from exc
    return psycopg


class PostgresStore(Store):
    """A store in a PostgreSQL database; see :class:`regint.data.store.Store` for the parameters."""

    backend = "postgresql"

    def __init__(self, target: str | Path | None = None, *, fill_default: bool = True, read_only: bool = False,
                 wait: float | None = None,
                 on_wait: Callable[[str, float], None] | None = announce_wait) -> None:
        self.url = str(default_store_target() if target is None else target)
        self.location = redact(self.url)
        self.read_only = read_only
        self.wait = store_wait(wait)
        self.on_wait = on_wait
        self._pg = _psycopg()
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(newer_schema_message(self.location, version))
        if read_only:
            return
        if version < SCHEMA_VERSION:
            self._setup()
        if fill_default:
            self._fill_default()

    # -- connections ------------------------------------------------------------------------------------------
    @contextmanager
    def connection(self, write: bool = False) -> Iterator[Any]:
        """A connection for one operation; its transaction commits when the block ends without an error."""
        if write and self.read_only:
            raise StoreError(f"the store {self.location} was opened read-only; nothing was changed.")
        try:
            con = self._pg.connect(self.url, connect_timeout=10)
        except self._pg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store {self.location}: {str(exc).strip()}. Fix: "
                             "check that the server runs and that the address, user and password are right "
                             "(REGINT_STORE or --store).") from exc
        try:
            if not write:
                con.read_only = True
            with con.transaction():
                yield con
        except self._pg.errors.DiskFull as exc:
            raise StoreError(f"the disk of the PostgreSQL server of {self.location} is full ({exc}). The "
                             "transaction was rolled back; the store is unchanged. Fix: free space on the "
                             "server.") from exc
        except self._pg.errors.ReadOnlySqlTransaction as exc:
            raise StoreError(f"the PostgreSQL store {self.location} is read-only for this user or server "
                             f"({exc}). Nothing was changed. Fix: connect as a user allowed to write.") from exc
        except self._pg.Error as exc:
            raise StoreError(f"the PostgreSQL store {self.location} failed: {str(exc).strip()}. The transaction "
                             "was rolled back; the store is unchanged.") from exc
        finally:
            con.close()

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def read_frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self.connection() as con, con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            names = [d.name for d in cur.description]
            frame = pd.DataFrame(cur.fetchall(), columns=names)
        for col in frame.columns:
            if col == "value":
                frame[col] = pd.to_numeric(frame[col]).astype("float64")
            elif col in ("imported_at",):
                frame[col] = pd.to_datetime(frame[col])
        return frame

    # -- schema -----------------------------------------------------------------------------------------------
    @staticmethod
    def _version_of(cur: Any) -> int:
        cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        tables = {r[0] for r in cur.fetchall()}
        if "regint_meta" in tables:
            cur.execute("SELECT value FROM regint_meta WHERE key = 'schema_version'")
            row = cur.fetchone()
            if row is not None:
                return int(row[0])
        return 1 if "imports" in tables else 0

    def schema_version(self) -> int:
        with self.connection() as con, con.cursor() as cur:
            return self._version_of(cur)

    def _setup(self) -> None:
        with self.connection(write=True) as con, con.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])  # one set-up at a time
            version = self._version_of(cur)
            if version > SCHEMA_VERSION:
                raise StoreError(newer_schema_message(self.location, version))
            if version == SCHEMA_VERSION:
                return
            if version == 0:
                for stmt in create_statements("TEXT", "DOUBLE PRECISION"):
                    cur.execute(stmt)
                cur.execute("CREATE INDEX IF NOT EXISTS observations_key ON observations "
                            "(indicator, region, period, source, import_id)")
            else:
                for step in range(version, SCHEMA_VERSION):
                    for stmt in MIGRATIONS[step]:
                        cur.execute(stmt.replace("VARCHAR", "TEXT"))
            cur.execute("INSERT INTO regint_meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE "
                        "SET value = EXCLUDED.value", [str(SCHEMA_VERSION)])

    # -- writing ----------------------------------------------------------------------------------------------
    @contextmanager
    def _write_session(self, entry: dict[str, object]) -> Iterator[_PostgresSession | None]:
        with self.connection(write=True) as con, con.cursor() as cur:
            def lock() -> None:
                cur.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
                got = cur.fetchone()
                if not (got and got[0]):
                    raise StoreBusy(f"another import into {self.location} is in progress")

            retry_busy(lock, what=self.location, wait=self.wait, on_wait=self.on_wait,
                       busy_message=lambda exc: f"cannot import into {self.location}: {exc}. Fix: wait longer "
                       "(--wait or REGINT_STORE_WAIT) and try again.")
            version = self._version_of(cur)
            if version > SCHEMA_VERSION:
                raise StoreError(newer_schema_message(self.location, version))
            cur.execute("SELECT 1 FROM imports WHERE checksum = %s LIMIT 1", [entry["checksum"]])
            if cur.fetchone():
                yield None
                return
            cur.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports")
            got = cur.fetchone()
            yield _PostgresSession(cur, int(got[0]) if got else 1)


class _PostgresSession:
    """An import written block by block inside one PostgreSQL transaction (see ``Store._write_session``)."""

    def __init__(self, cur: Any, import_id: int) -> None:
        self.cur, self.import_id = cur, import_id
        self._keys_table = False

    def old_values(self, obs: pd.DataFrame) -> pd.DataFrame:
        if not self._keys_table:
            self.cur.execute("CREATE TEMP TABLE regint_incoming_keys (pos BIGINT, region TEXT, indicator TEXT, "
                             "period TEXT, source TEXT) ON COMMIT DROP")
            self._keys_table = True
        else:
            self.cur.execute("TRUNCATE regint_incoming_keys")
        with self.cur.copy("COPY regint_incoming_keys (pos, region, indicator, period, source) FROM STDIN") as copy:
            for pos, values in enumerate(obs[list(KEY)].itertuples(index=False, name=None)):
                copy.write_row((pos, *values))
        on = " AND ".join(f"o.{c} = k.{c}" for c in KEY)
        self.cur.execute(
            f"SELECT DISTINCT ON (k.pos) k.pos, o.value, o.import_id FROM regint_incoming_keys k JOIN observations o "
            f"ON {on} JOIN imports i ON i.import_id = o.import_id WHERE o.import_id <> %s "
            "ORDER BY k.pos, o.import_id DESC", [self.import_id])
        frame = pd.DataFrame(self.cur.fetchall(), columns=["_pos", "value_old", "import_id"])
        return frame.astype({"_pos": "int64", "value_old": "float64", "import_id": "int64"})

    def insert(self, blocks: Iterable[pd.DataFrame]) -> None:
        cols = ", ".join(OBS_COLUMNS)
        for obs in blocks:  # PostgreSQL keeps an open transaction's rows on disk: a COPY per block
            with self.cur.copy(f"COPY observations (import_id, {cols}) FROM STDIN") as copy:
                for values in obs[list(OBS_COLUMNS)].itertuples(index=False, name=None):
                    copy.write_row((self.import_id, *values))

    def duplicate_keys(self, limit: int) -> list[tuple[str, ...]]:
        cols = ", ".join(KEY)
        self.cur.execute(f"SELECT {cols} FROM observations WHERE import_id = %s GROUP BY {cols} "
                         f"HAVING count(*) > 1 LIMIT {int(limit)}", [self.import_id])
        return [tuple(str(v) for v in r) for r in self.cur.fetchall()]

    def log(self, entry: dict[str, object]) -> None:
        self.cur.execute(f"INSERT INTO imports ({', '.join(IMPORT_COLUMNS)}) VALUES "
                         f"({', '.join(['%s'] * len(IMPORT_COLUMNS))})",
                         [self.import_id, *(entry[c] for c in IMPORT_COLUMNS[1:])])
