"""Flow indicators at scale: regint's engine against hand-written DuckDB SQL and plain pandas.

SYNTHETIC DATA, for speed only: a deterministic random table (``--seed``) of bilateral product flows among
200 reporters and 200 partners with up to 5,000 products (about ``--rows`` rows; 100 million at full size),
written once as Parquet under ``--workdir``. It describes no real economy.

The workload is the issue's: Balassa RCA (reporter × product), Grubel-Lloyd (per unordered pair: aggregate,
imbalance-corrected, imbalance) and trade intensity (reporter × partner), each fetched into pandas.

Variants (one per process, so that peak memory is measured per variant by ``benchmarks/run.py``):

``engine``      regint.data.flows.FlowTable on DuckDB (Ibis expressions; RCA from one grouped pass, GL by
                unordered-pair key without a self-join, trade intensity from the GL pair totals)
``engine-anykeys``  the same, told that flow keys may repeat (GL by unordered-pair aggregation instead of a
                join of the two-way products)
``sql-naive``   hand-written DuckDB SQL as one would first write it: separate aggregates joined back for RCA
                and trade intensity, Grubel-Lloyd by a full outer self-join of the flows
``sql-tuned``   hand-written DuckDB SQL with the engine's formulations (the engine's own limit), the packed
                join key written for this table's integer codes
``pandas``      plain pandas: read the Parquet, groupby / transform, GL by an outer merge (needs ~18 GB at
                100 M rows)

Usage::

    python benchmarks/bench_flows.py generate --workdir /tmp/regint-bench --rows 100000000
    python benchmarks/bench_flows.py engine --workdir /tmp/regint-bench --rows 100000000

Each variant prints one JSON line: ``{"variant": ..., "seconds": {...}, "rows_out": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

N_REPORTERS = 200
N_PRODUCTS_FULL = 5_000
FULL_ROWS = 100_000_000
THREADS = 2
MEMORY_LIMIT = "4GB"
LABEL = "SYNTHETIC (deterministic random flows for speed only; not data about any economy)"


def dataset_dir(workdir: Path, rows: int, seed: int) -> Path:
    return workdir / f"flows-synthetic-{rows}-seed{seed}"


def _dimensions(rows: int) -> tuple[int, float]:
    """Products and cell density: 5,000 products at 100 M rows, fewer (same density) below."""
    products = max(10, min(N_PRODUCTS_FULL, round(N_PRODUCTS_FULL * rows / FULL_ROWS)))
    cells = N_REPORTERS * (N_REPORTERS - 1) * products
    return products, min(1.0, rows / cells)


def generate(workdir: Path, rows: int, seed: int, period: int = 2023) -> dict[str, Any]:
    """Write the synthetic table (skipped when already written with the same size and seed)."""
    root = dataset_dir(workdir, rows, seed)
    manifest = root.parent / f"{root.name}.json"
    if manifest.exists():
        return json.loads(manifest.read_text())
    products, density = _dimensions(rows)
    folder = root / f"period={period}"
    folder.mkdir(parents=True, exist_ok=True)
    from regint.data.flows.storage import WRITE_TAG

    schema = pa.schema([("reporter", pa.int16()), ("partner", pa.int16()), ("product", pa.int32()),
                        ("value", pa.float64()), ("quantity", pa.float64())],
                       metadata={WRITE_TAG: f"synthetic-seed{seed}".encode()})  # one write: unique keys
    t0 = time.perf_counter()
    total = 0
    per_file = 10
    for first in range(0, N_REPORTERS, per_file):
        with pq.ParquetWriter(folder / f"part-{first // per_file:03d}.parquet", schema) as writer:
            for r in range(first, min(first + per_file, N_REPORTERS)):
                rng = np.random.default_rng([seed, period, r])
                partners = np.delete(np.arange(N_REPORTERS, dtype=np.int16), r)
                keep = rng.random(len(partners) * products) < density
                cell = np.flatnonzero(keep)
                value = rng.lognormal(10.0, 2.0, len(cell)).round(2)
                quantity = (value / rng.lognormal(3.0, 1.0, len(cell))).round(3)
                table = pa.table({
                    "reporter": np.full(len(cell), r, dtype=np.int16),
                    "partner": partners[cell // products],
                    "product": (cell % products).astype(np.int32),
                    "value": value, "quantity": quantity,
                }, schema=schema)
                writer.write_table(table, row_group_size=1_000_000)
                total += len(cell)
    info = {"label": LABEL, "rows": total, "rows_requested": rows, "seed": seed, "reporters": N_REPORTERS,
            "partners": N_REPORTERS, "products": products, "density": density, "period": period,
            "bytes": sum(p.stat().st_size for p in root.rglob("*.parquet")),
            "generate_seconds": time.perf_counter() - t0}
    manifest.write_text(json.dumps(info, indent=2))
    return info


def _timed(steps: dict[str, Callable[[], Any]]) -> tuple[dict[str, float], dict[str, int]]:
    seconds: dict[str, float] = {}
    rows: dict[str, int] = {}
    t_all = time.perf_counter()
    for name, step in steps.items():
        t0 = time.perf_counter()
        out = step()
        seconds[name] = time.perf_counter() - t0
        rows[name] = len(out)
    seconds["total"] = time.perf_counter() - t_all
    return seconds, rows


def run_engine(root: Path, tmp: Path, unique_keys: bool | None = None) -> dict[str, Any]:
    from regint.data.flows import EngineConfig, FlowTable

    config = EngineConfig(threads=THREADS, memory_limit=MEMORY_LIMIT, temp_directory=str(tmp))
    with FlowTable(root, config=config, unique_keys=unique_keys) as table:
        seconds, rows = _timed({
            "rca": table.rca,
            "grubel_lloyd": table.grubel_lloyd,
            "trade_intensity": table.trade_intensity,
        })
        t0 = time.perf_counter()
        table.rca(), table.grubel_lloyd(), table.trade_intensity()
        seconds["cached_repeat"] = time.perf_counter() - t0
    return {"seconds": seconds, "rows_out": rows}


SQL_NAIVE = {
    "rca": """
        WITH cp AS (SELECT period, reporter, product, sum(value) AS x FROM t GROUP BY ALL),
             c AS (SELECT period, reporter, sum(value) AS xc FROM t GROUP BY ALL),
             p AS (SELECT period, product, sum(value) AS xp FROM t GROUP BY ALL),
             w AS (SELECT period, sum(value) AS xw FROM t GROUP BY ALL)
        SELECT period, reporter, product, (x / xc) / (xp / xw) AS rca
        FROM cp JOIN c USING (period, reporter) JOIN p USING (period, product) JOIN w USING (period)""",
    "grubel_lloyd": """
        WITH a AS (SELECT period, reporter, partner, product, value FROM t WHERE reporter < partner),
             b AS (SELECT period, partner AS reporter, reporter AS partner, product, value FROM t
                   WHERE reporter > partner),
             j AS (SELECT coalesce(a.period, b.period) AS period, coalesce(a.reporter, b.reporter) AS reporter,
                          coalesce(a.partner, b.partner) AS partner, coalesce(a.value, 0) AS x,
                          coalesce(b.value, 0) AS m
                   FROM a FULL OUTER JOIN b ON a.period = b.period AND a.reporter = b.reporter
                        AND a.partner = b.partner AND a.product = b.product)
        SELECT period, reporter, partner,
               1 - sum(abs(x - m)) / sum(x + m) AS aggregate,
               sum(x + m - abs(x - m)) / (sum(x) + sum(m) - abs(sum(x) - sum(m))) AS corrected,
               (sum(x) - sum(m)) / (sum(x) + sum(m)) AS imbalance, sum(x) AS exports, sum(m) AS imports
        FROM j GROUP BY ALL""",
    "trade_intensity": """
        WITH ij AS (SELECT period, reporter, partner, sum(value) AS x FROM t GROUP BY ALL),
             i AS (SELECT period, reporter, sum(value) AS xi FROM t GROUP BY ALL),
             j AS (SELECT period, partner, sum(value) AS xwj FROM t GROUP BY ALL),
             w AS (SELECT period, sum(value) AS xw FROM t GROUP BY ALL)
        SELECT period, reporter, partner, (x / xi) / (xwj / xw) AS tii
        FROM ij JOIN i USING (period, reporter) JOIN j USING (period, partner) JOIN w USING (period)""",
}

SQL_TUNED = {
    "rca": """
        WITH cp AS (SELECT period, reporter, product, sum(value) AS x FROM t GROUP BY ALL)
        SELECT period, reporter, product,
               (x / sum(x) OVER (PARTITION BY period, reporter))
               / (sum(x) OVER (PARTITION BY period, product) / sum(x) OVER (PARTITION BY period)) AS rca
        FROM cp""",
    "grubel_lloyd": """
        CREATE TEMP TABLE d AS SELECT period, reporter, partner, sum(value) AS x FROM t GROUP BY ALL;
        CREATE TEMP TABLE o AS
        SELECT a.k >> 16 AS pk, sum(least(a.value, b.value)) AS smin
        FROM (SELECT (period::BIGINT << 48) | (reporter::BIGINT << 32) | (partner::BIGINT << 16) | product AS k,
                     value FROM t WHERE reporter < partner) a
        JOIN (SELECT (period::BIGINT << 48) | (partner::BIGINT << 32) | (reporter::BIGINT << 16) | product AS k,
                     value FROM t WHERE reporter > partner) b USING (k)
        GROUP BY ALL;
        CREATE TEMP TABLE o2 AS SELECT pk >> 32 AS period, (pk >> 16) & 65535 AS reporter, pk & 65535 AS partner,
                                       smin FROM o;
        WITH p AS (SELECT period, least(reporter, partner) AS reporter, greatest(reporter, partner) AS partner,
                          sum(CASE WHEN reporter < partner THEN x ELSE 0 END) AS tx,
                          sum(CASE WHEN reporter < partner THEN 0 ELSE x END) AS tm
                   FROM d GROUP BY ALL)
        SELECT period, reporter, partner, 2 * coalesce(smin, 0) / (tx + tm) AS aggregate,
               2 * coalesce(smin, 0) / (tx + tm - abs(tx - tm)) AS corrected, (tx - tm) / (tx + tm) AS imbalance,
               tx AS exports, tm AS imports
        FROM p LEFT JOIN o2 USING (period, reporter, partner)""",
    "trade_intensity": """
        SELECT period, reporter, partner,
               (x / sum(x) OVER (PARTITION BY period, reporter))
               / (sum(x) OVER (PARTITION BY period, partner) / sum(x) OVER (PARTITION BY period)) AS tii
        FROM d""",
}


def run_sql(root: Path, tmp: Path, queries: dict[str, str]) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY_LIMIT, "temp_directory": str(tmp),
                                 "preserve_insertion_order": False})
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{root}/**/*.parquet', hive_partitioning = true)")

    def step(sql: str) -> Callable[[], pd.DataFrame]:
        *setup, final = [s for s in sql.split(";") if s.strip()]
        def run() -> pd.DataFrame:
            for s in setup:
                con.execute(s)
            return con.execute(final).df()
        return run

    seconds, rows = _timed({name: step(sql) for name, sql in queries.items()})
    con.close()
    return {"seconds": seconds, "rows_out": rows}


def run_pandas(root: Path) -> dict[str, Any]:
    state: dict[str, pd.DataFrame] = {}

    def load() -> pd.DataFrame:
        df = pd.read_parquet(root, columns=["reporter", "partner", "product", "value", "period"])
        df["period"] = df["period"].astype("int64")
        state["df"] = df
        return df

    def rca() -> pd.DataFrame:
        df = state["df"]
        xp = df.groupby(["period", "reporter", "product"])["value"].sum().rename("x").reset_index()
        ct = xp.groupby(["period", "reporter"])["x"].transform("sum")
        pt = xp.groupby(["period", "product"])["x"].transform("sum")
        wt = xp.groupby("period")["x"].transform("sum")
        return xp.assign(rca=(xp["x"] / ct) / (pt / wt))

    def grubel_lloyd() -> pd.DataFrame:
        df = state["df"]
        keys = ["period", "reporter", "partner", "product"]
        a = df.loc[df["reporter"] < df["partner"], keys + ["value"]].rename(columns={"value": "x"})
        b = df.loc[df["reporter"] > df["partner"], keys + ["value"]].rename(
            columns={"value": "m", "reporter": "partner", "partner": "reporter"})
        j = a.merge(b, on=keys, how="outer")
        del a, b
        j[["x", "m"]] = j[["x", "m"]].fillna(0.0)
        j["abs"] = (j["x"] - j["m"]).abs()
        j["min"] = np.minimum(j["x"], j["m"])
        g = j.groupby(["period", "reporter", "partner"])[["x", "m", "abs", "min"]].sum()
        turnover = g["x"] + g["m"]
        return pd.DataFrame({"aggregate": 1 - g["abs"] / turnover,
                             "corrected": 2 * g["min"] / (turnover - (g["x"] - g["m"]).abs()),
                             "imbalance": (g["x"] - g["m"]) / turnover}).reset_index()

    def trade_intensity() -> pd.DataFrame:
        df = state["df"]
        d = df.groupby(["period", "reporter", "partner"])["value"].sum().rename("x").reset_index()
        xi = d.groupby(["period", "reporter"])["x"].transform("sum")
        xwj = d.groupby(["period", "partner"])["x"].transform("sum")
        xw = d.groupby("period")["x"].transform("sum")
        return d.assign(tii=(d["x"] / xi) / (xwj / xw))

    seconds, rows = _timed({"read": load, "rca": rca, "grubel_lloyd": grubel_lloyd,
                            "trade_intensity": trade_intensity})
    return {"seconds": seconds, "rows_out": rows}


def check_agreement(root: Path, tmp: Path) -> dict[str, float]:
    """Largest relative difference between the engine and the naive SQL (a correctness guard, small runs)."""
    import duckdb

    from regint.data.flows import EngineConfig, FlowTable

    config = EngineConfig(threads=THREADS, memory_limit=MEMORY_LIMIT, temp_directory=str(tmp))
    con = duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY_LIMIT})
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{root}/**/*.parquet', hive_partitioning = true)")
    out = {}
    with FlowTable(root, config=config) as table:
        for name, col, keys in [("rca", "rca", ["period", "reporter", "product"]),
                                ("grubel_lloyd", "aggregate", ["period", "reporter", "partner"]),
                                ("trade_intensity", "tii", ["period", "reporter", "partner"])]:
            mine = getattr(table, name)().set_index(keys)[col]
            ref = con.execute(SQL_NAIVE[name]).df().set_index(keys)[col].reindex(mine.index)
            out[name] = float(np.nanmax(np.abs(mine.to_numpy() / ref.to_numpy() - 1)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variant", choices=["generate", "engine", "engine-anykeys", "sql-naive", "sql-tuned", "pandas", "check"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/regint-bench"))
    parser.add_argument("--rows", type=int, default=FULL_ROWS)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    root = dataset_dir(args.workdir, args.rows, args.seed)
    tmp = args.workdir / "spill"
    tmp.mkdir(parents=True, exist_ok=True)
    if args.variant == "generate":
        result: dict[str, Any] = generate(args.workdir, args.rows, args.seed)
    elif args.variant == "engine":
        result = run_engine(root, tmp)
    elif args.variant == "engine-anykeys":
        result = run_engine(root, tmp, unique_keys=False)
    elif args.variant == "sql-naive":
        result = run_sql(root, tmp, SQL_NAIVE)
    elif args.variant == "sql-tuned":
        result = run_sql(root, tmp, SQL_TUNED)
    elif args.variant == "pandas":
        result = run_pandas(root)
    else:
        result = {"max_relative_difference": check_agreement(root, tmp)}
    print(json.dumps({"variant": args.variant, **result}))


if __name__ == "__main__":
    main()
