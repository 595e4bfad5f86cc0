"""Where flow expressions run: DuckDB (default, in-process) or Spark (optional extra ``regint[spark]``).

Both are reached through Ibis, so the indicator expressions in :mod:`regint.data.flows.expressions` are the same
for both; only the connection and the reading of the Parquet files differ here.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from regint._options import check_option
from regint.errors import RegintError

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[str, ...] = ("duckdb", "spark")


class EngineUnavailableError(RegintError):
    """The requested engine (Spark) cannot start here: a package or Java is missing."""


@dataclass(frozen=True)
class EngineConfig:
    """Resources of an engine.

    Attributes
    ----------
    threads : int or None
        Worker threads (DuckDB) or local cores (Spark); ``None``: all cores of the machine.
    memory_limit : str
        DuckDB's memory limit (it spills sorts, joins and aggregates to ``temp_directory`` beyond it) or the
        Spark driver's memory. The default 4 GB keeps a 100-million-row table within 6 GB of peak RSS.
    temp_directory : str or None
        Where DuckDB spills; ``None``: a ``regint-duckdb`` folder in the system temporary directory.
    shuffle_partitions : int
        Spark's ``spark.sql.shuffle.partitions`` (small for local mode; raise it on a cluster).
    """

    threads: int | None = None
    memory_limit: str = "4GB"
    temp_directory: str | None = None
    shuffle_partitions: int = 8

    @property
    def n_threads(self) -> int:
        return self.threads or os.cpu_count() or 1


def connect(engine: Engine, config: EngineConfig) -> Any:
    """An Ibis backend for ``engine`` configured by ``config``."""
    check_option("engine", engine, ENGINES)
    if engine == "duckdb":
        return _connect_duckdb(config)
    return _connect_spark(config)


def _connect_duckdb(config: EngineConfig) -> Any:
    import ibis

    temp = config.temp_directory or str(Path(tempfile.gettempdir()) / "regint-duckdb")
    con = ibis.duckdb.connect(threads=config.n_threads, memory_limit=config.memory_limit,
                              temp_directory=temp, preserve_insertion_order=False)
    return con


def spark_available() -> tuple[bool, str]:
    """Whether the Spark engine can start here, and if not, why (for messages and test skips)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False, "pyspark is not installed (pip install 'regint[spark]')"
    import shutil

    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and shutil.which("java") is None:
        return False, "Java is not available (pyspark needs a JDK 17 or 21 on PATH or in JAVA_HOME)"
    return True, ""


def _connect_spark(config: EngineConfig) -> Any:
    ok, why = spark_available()
    if not ok:
        raise EngineUnavailableError(f"engine='spark': {why}. Fix: install it, or use engine='duckdb'.")
    import ibis
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(f"local[{config.n_threads}]")
        .appName("regint-flows")
        .config("spark.driver.memory", config.memory_limit.replace("GB", "g").replace("MB", "m"))
        .config("spark.sql.shuffle.partitions", str(config.shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    return ibis.pyspark.connect(session)


def read_table(con: Any, engine: Engine, root: Path, files: tuple[Path, ...]) -> Any:
    """The flow table of ``files`` (with ``period`` from the folder names) as an Ibis table."""
    if engine == "duckdb":
        return con.read_parquet([str(f) for f in files], hive_partitioning=True, union_by_name=True)
    return con.read_parquet(str(root))
