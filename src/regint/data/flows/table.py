"""A flow table on disk and the trade indicators computed over it by DuckDB (default) or Spark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from regint._options import check_option
from regint.data.flows import expressions as ex
from regint.data.flows.backends import ENGINES, Engine, EngineConfig, connect, read_table
from regint.data.flows.cache import CacheInfo, ResultCache, cache_key
from regint.data.flows.storage import FingerprintKind, TableVersion, check_files, table_version
from regint.errors import DataError

GLLevel = Literal["pair", "product"]
GLAdjustment = Literal["none", "aquino"]
ConcentrationOver = Literal["product", "partner"]
HHIKind = Literal["hhi", "normalised", "unctad"]


@dataclass
class _Loaded:
    """The Ibis objects of one table version: the cleaned flows and the intermediates computed so far."""

    version: TableVersion
    flows: Any
    unique_keys: bool
    layout: dict[str, int] | None
    intermediates: dict[str, Any]


class FlowTable:
    """Product-level bilateral flows kept as Parquet, with trade indicators computed where the data are.

    Every indicator method returns a long DataFrame (one row per period and unit) and is computed once per
    table version and set of parameters: later calls return the cached frame (see :mod:`.cache`). Shared
    intermediates (exports by product; per-pair totals) are computed once and kept in the engine.

    Parameters
    ----------
    root : path
        Directory written by :func:`regint.data.flows.write_flows` (``period=<p>/*.parquet``).
    engine : {"duckdb", "spark"}
        DuckDB in-process (default), or Spark in local mode (extra ``regint[spark]``: pyspark 4.0 and Java).
    config : EngineConfig, optional
        Threads and memory of the engine.
    fingerprint : {"stat", "checksum"}
        How a table version is recognised: file sizes and modification times (free), or file contents.
    cache_dir : path, optional
        Keep results on disk too, so that another session reuses them.
    con : Ibis backend, optional
        An existing connection of the given engine (e.g. a shared Spark session).
    unique_keys : bool, optional
        Whether no (reporter, partner, product, period) key occurs twice. ``None`` (default) reads it from
        the files (true for periods written by one :func:`~regint.data.flows.write_flows` call). With unique
        keys Grubel-Lloyd matches the two directions by a join; otherwise by an aggregation that sums repeats.
    pack_keys : bool
        With integer codes (reporter, partner, product, period) whose ranges, read from the Parquet
        statistics, fit in 62 bits, join on one packed BIGINT key (about twice as fast as four columns).

    Examples
    --------
    >>> table = FlowTable("flows/")                           # doctest: +SKIP
    >>> rca = table.rca()                                     # period, reporter, product, rca
    >>> gl = table.grubel_lloyd(level="pair")                 # period, reporter, partner, aggregate, ...
    """

    def __init__(self, root: str | Path, *, engine: Engine = "duckdb", config: EngineConfig | None = None,
                 fingerprint: FingerprintKind = "stat", cache_dir: str | Path | None = None,
                 con: Any = None, unique_keys: bool | None = None, pack_keys: bool = True) -> None:
        self.engine: Engine = check_option("engine", engine, ENGINES)
        self.fingerprint_kind: FingerprintKind = check_option("fingerprint", fingerprint, ("stat", "checksum"))
        self.root = Path(root)
        self.config = config or EngineConfig()
        self.con = con if con is not None else connect(engine, self.config)
        self.cache = ResultCache(directory=cache_dir)
        self.unique_keys = unique_keys
        self.pack_keys = pack_keys
        self._loaded: _Loaded | None = None

    # -- versions and intermediates --------------------------------------------------------------------------

    @property
    def version(self) -> TableVersion:
        """The current version of the files (recomputed on every call: cheap with ``fingerprint="stat"``)."""
        return table_version(self.root, kind=self.fingerprint_kind)

    def _load(self) -> _Loaded:
        version = self.version
        if self._loaded is not None and self._loaded.version.fingerprint == version.fingerprint:
            return self._loaded
        if self._loaded is not None:
            self._release()
        checked = check_files(version)
        flows = ex.clean(read_table(self.con, self.engine, version.root, version.files))
        if checked.unchecked:
            low = self.con.execute(flows.value.min())
            if low is not None and float(low) < 0:
                raise DataError(f"flow table {self.root}: negative value {low!r}. Fix: exports must be "
                                "non-negative.")
        unique = checked.unique_keys if self.unique_keys is None else self.unique_keys
        layout = ex.key_layout(checked.int_ranges) if self.pack_keys else None
        self._loaded = _Loaded(version=version, flows=flows, unique_keys=unique, layout=layout,
                               intermediates={})
        return self._loaded

    def _release(self) -> None:
        if self._loaded is None:
            return
        for table in self._loaded.intermediates.values():
            try:
                table.release()
            except Exception:  # noqa: BLE001 - a dropped temp table is not worth failing a computation
                pass
        self._loaded = None

    def _intermediate(self, name: str, build: Callable[[_Loaded], Any]) -> Any:
        loaded = self._load()
        if name not in loaded.intermediates:
            loaded.intermediates[name] = build(loaded).cache()
        return loaded.intermediates[name]

    def _xp(self) -> Any:
        return self._intermediate("exports_by_product", lambda s: ex.exports_by_product(s.flows))

    def _directed(self) -> Any:
        return self._intermediate("directed_totals", lambda s: ex.directed_totals(s.flows))

    def _totals(self) -> Any:
        return self._intermediate("pair_totals", lambda s: ex.pair_totals(self._directed()))

    def _overlap(self, adjusted: bool) -> Any:
        def build(s: _Loaded) -> Any:
            return ex.overlap(s.flows, unique_keys=s.unique_keys, totals=self._totals() if adjusted else None,
                              layout=s.layout)

        return self._intermediate(f"overlap_{'aquino' if adjusted else 'raw'}", build)

    def _figure(self, indicator: str, params: dict[str, Any], build: Callable[[], Any]) -> pd.DataFrame:
        loaded = self._load()
        key = cache_key(loaded.version.fingerprint, indicator, {"engine": self.engine, **params})

        def compute() -> pd.DataFrame:
            frame = self.con.execute(build())
            order = [c for c in ("period", "reporter", "partner", "product") if c in frame.columns]
            return frame.sort_values(order, kind="stable").reset_index(drop=True)

        return self.cache.get_or_compute(key, compute)

    # -- indicators ------------------------------------------------------------------------------------------

    def rca(self, *, binary: bool = False, cutoff: float = 1.0) -> pd.DataFrame:
        """Balassa RCA per period, reporter and product (see :func:`regint.indicators.trade.balassa_rca`).

        Returns
        -------
        DataFrame
            Columns period, reporter, product, rca (float; 0/1 integers when ``binary``). Products a reporter
            does not export are absent (their RCA is 0).
        """
        return self._figure("rca", {"binary": bool(binary), "cutoff": float(cutoff)},
                            lambda: ex.rca(self._xp(), binary=binary, cutoff=cutoff))

    def grubel_lloyd(self, *, level: GLLevel = "pair", adjustment: GLAdjustment = "none") -> pd.DataFrame:
        """Grubel-Lloyd intra-industry trade of every unordered pair (see
        :func:`regint.indicators.trade.grubel_lloyd`, with exports = reporter to partner and imports = partner to
        reporter; reporter is the lesser code of the pair).

        Parameters
        ----------
        level : {"pair", "product"}
            ``"pair"``: columns aggregate, corrected, imbalance, exports, imports per pair (the fields of
            ``GrubelLloydResult``); ``"product"``: gl per pair and product (as ``per_product``). The product
            level has about as many rows as the flows: prefer the pair level on large tables.
        adjustment : {"none", "aquino"}
            Aquino's rescaling to balanced totals; missing (NaN) for a pair whose trade runs one way only, where
            the in-memory function raises.
        """
        check_option("level", level, ("pair", "product"))
        check_option("adjustment", adjustment, ("none", "aquino"))

        aquino = adjustment == "aquino"

        def build() -> Any:
            loaded = self._load()
            if level == "pair":
                adjusted = self._overlap(adjusted=True) if aquino else None
                return ex.grubel_lloyd_pairs(self._totals(), self._overlap(adjusted=False), adjusted)
            pairs = ex.pair_products_joined if loaded.unique_keys else ex.pair_products
            return ex.grubel_lloyd_products(pairs(loaded.flows), self._totals() if aquino else None)

        return self._figure("grubel_lloyd", {"level": level, "adjustment": adjustment}, build)

    def trade_intensity(self) -> pd.DataFrame:
        """Trade intensity of every reporter towards every partner it exports to (columns ..., tii).

        See :func:`regint.indicators.trade.trade_intensity`; world exports to *j* are the sum over the
        reporters in the table.
        """
        return self._figure("trade_intensity", {}, lambda: ex.trade_intensity(self._directed()))

    def complementarity(self) -> pd.DataFrame:
        """Michaely's complementarity of every reporter's exports with every partner's imports (0-100).

        See :func:`regint.indicators.trade.complementarity`. Imports of *j* are the flows to *j* from the
        reporters in the table. The join is over products traded on both sides: reporters × partners ×
        common products rows, so restrict large tables first.
        """
        def build() -> Any:
            return ex.complementarity(self._xp(), ex.imports_by_product(self._load().flows))

        return self._figure("complementarity", {}, build)

    def export_similarity(self, *, market: str | int | None = None) -> pd.DataFrame:
        """Finger-Kreinin export similarity of every unordered pair of reporters (0-100).

        Parameters
        ----------
        market : code or None
            Compare exports to this partner only; ``None``: exports to all partners.
        """
        def build() -> Any:
            if market is None:
                return ex.export_similarity(self._xp())
            flows = self._load().flows
            return ex.export_similarity(ex.exports_by_product(flows.filter(flows.partner == market)))

        return self._figure("export_similarity", {"market": market}, build)

    def concentration(self, *, over: ConcentrationOver = "product", kind: HHIKind = "hhi") -> pd.DataFrame:
        """Herfindahl-Hirschman concentration of each reporter's exports over products or partners.

        See :func:`regint.indicators.trade.herfindahl`; *n* is the number of products (partners) present in
        the table in the period (column n).
        """
        check_option("over", over, ("product", "partner"))
        check_option("kind", kind, ("hhi", "normalised", "unctad"))

        def build() -> Any:
            if over == "product":
                return ex.concentration(self._xp(), "product", kind)
            return ex.concentration(self._directed(), "partner", kind)

        return self._figure("concentration", {"over": over, "kind": kind}, build)

    # -- housekeeping ----------------------------------------------------------------------------------------

    def cache_info(self) -> CacheInfo:
        """Hits and misses of the result cache (a miss is one computation)."""
        return self.cache.info

    def close(self) -> None:
        """Drop the intermediates and disconnect (a Spark session passed in as ``con`` is left running)."""
        self._release()
        if self.engine == "duckdb":
            self.con.disconnect()

    def __enter__(self) -> FlowTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
