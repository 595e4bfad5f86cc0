"""Product-level bilateral trade flows at scale: Parquet on disk, indicators as Ibis expressions.

A flow is the value (and quantity) of exports of ``reporter`` to ``partner`` of ``product`` in ``period``.
:func:`write_flows` stores flows as Parquet partitioned by period; :class:`FlowTable` computes the trade
indicators of :mod:`regint.indicators.trade` (RCA, Grubel-Lloyd, trade intensity, complementarity, export
similarity, concentration) over every reporter, partner and period at once, on DuckDB (default) or Spark
(``engine="spark"``, extra ``regint[spark]``), with the same results as the in-memory functions. Each figure is
computed once per table version and parameter set (:mod:`regint.data.flows.cache`).
"""

from regint.data.flows._schema import COLUMNS, check_frame
from regint.data.flows.backends import EngineConfig, EngineUnavailableError, spark_available
from regint.data.flows.cache import CacheInfo, ResultCache, cache_key
from regint.data.flows.storage import TableVersion, flow_files, read_flows, table_version, write_flows
from regint.data.flows.table import FlowTable

__all__ = [
    "COLUMNS",
    "CacheInfo",
    "EngineConfig",
    "EngineUnavailableError",
    "FlowTable",
    "ResultCache",
    "TableVersion",
    "cache_key",
    "check_frame",
    "flow_files",
    "read_flows",
    "spark_available",
    "table_version",
    "write_flows",
]
