"""The validation annex: each method run on its published reference case, published against computed.

Cases are read from ``../shared/reference`` (see its README); a case whose folder is absent is listed as skipped
with the reason. Published values and tolerances are those of each case's ``EXPECTED.md``; the full reference
tests live in ``tests/`` beside each method.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from regint._paths import shared_dir

COLUMNS = ("method", "case", "quantity", "published", "computed", "abs_diff", "tolerance", "passed", "source",
           "seconds", "status")
Row = dict[str, object]


def _row(method: str, case: str, quantity: str, published: float, computed: float, tol: float,
         source: str) -> Row:
    diff = abs(float(computed) - float(published))
    return {"method": method, "case": case, "quantity": quantity, "published": float(published),
            "computed": float(computed), "abs_diff": diff, "tolerance": tol, "passed": bool(diff <= tol),
            "source": source, "status": "run"}


def _ahp(ref: Path) -> list[Row]:
    from regint.experts.ahp import priorities

    names = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
    m = pd.read_csv(ref / "ahp_saaty_drinks" / "drinks_matrix.csv").to_numpy(dtype=float)
    r = priorities(m, names, method="eigenvector", ri="saaty1980")
    src = "Saaty (2008), Int. J. Services Sciences 1(1): 83–98, drinks"
    published = dict(zip(names, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], strict=True))
    rows = [_row("AHP (eigenvector)", "drinks", f"priority {k}", v, float(r.weights[i]), 5e-4, src)
            for i, (k, v) in enumerate(published.items()) if k in ("coffee", "water", "wine")]
    rows.append(_row("AHP (eigenvector)", "drinks", "CR (RI Saaty 1980)", 0.022, r.cr, 5e-4, src))
    return rows


def _topsis(ref: Path) -> list[Row]:
    from regint.experts.mcda import topsis

    x = pd.read_csv(ref / "mcda_topsis" / "tzeng_huang_2011_topsis.csv")
    r = topsis(x.to_numpy(), [0.3, 0.4, 0.3], [True] * 3, normalization="vector")
    src = "Tzeng & Huang (2011), Multiple Attribute Decision Making, CRC Press"
    return [_row("TOPSIS (vector)", "Tzeng–Huang", f"closeness A{i}", p, float(c), 1e-4, src)
            for i, (p, c) in enumerate(zip([0.5037, 0.6581, 0.7482, 0.3340], r.closeness, strict=True))]


def _markov(ref: Path) -> list[Row]:
    from regint.indicators import convergence

    data = pd.read_csv(ref / "markov_usjoin" / "usjoin.csv").set_index("Name").drop(columns="STATE_FIPS")
    res = convergence.markov(data, k=5, pooled=False)
    steady = [0.20774716, 0.18725774, 0.20740537, 0.18821787, 0.20937187]
    src = "Rey (2001); PySAL giddy Markov docstring, US incomes 1929–2009"
    rows = [_row("Markov chain", "usjoin", f"steady state {i + 1}", p, float(c), 1e-8, src)
            for i, (p, c) in enumerate(zip(steady, res.steady_state.to_numpy(), strict=True)) if i in (0, 4)]
    rows.append(_row("Markov chain", "usjoin", "P(1→1)", 0.91011236, float(res.p.to_numpy()[0, 0]), 1e-8, src))
    return rows


def _hp(ref: Path) -> list[Row]:
    from regint.indicators import cycles

    data = pd.read_csv(ref / "filters_macrodata" / "macrodata.csv")
    exp = pd.read_csv(ref / "filters_macrodata" / "expected_hp1600_realgdp_stata.csv")
    s = pd.Series(data["realgdp"].to_numpy(), index=pd.period_range("1959Q1", periods=len(data), freq="Q"))
    res = cycles.hp_filter(s)
    src = "Stata hprescott, λ = 1600, US real GDP (statsmodels test data)"
    return [_row("HP filter", "US real GDP", "cycle 1959Q1", float(exp["cycle_stata"].iloc[0]),
                 float(res.cycle.iloc[0]), 1e-6, src),
            _row("HP filter", "US real GDP", "cycle 2009Q3", float(exp["cycle_stata"].iloc[-1]),
                 float(res.cycle.iloc[-1]), 1e-6, src),
            _row("HP filter", "US real GDP", "max |Δ cycle| (203 quarters)", 0.0,
                 float(np.max(np.abs(res.cycle.to_numpy() - exp["cycle_stata"].to_numpy()))), 1e-6, src)]


def _io(ref: Path) -> list[Row]:
    from regint.models.inputoutput import IOTable

    d = pd.read_csv(ref / "io_miller_blair" / "miller_blair_2sector.csv", index_col=0)
    t = IOTable(d[["sector1", "sector2"]], d["total_output"])
    src = "Miller & Blair, Input-Output Analysis, ch. 2"
    L = t.L.to_numpy()
    rows = [_row("Leontief inverse", "Miller–Blair 2×2", "L11", 1.2541254, L[0, 0], 1e-6, src),
            _row("Leontief inverse", "Miller–Blair 2×2", "L12", 0.330033, L[0, 1], 1e-6, src),
            _row("Leontief inverse", "Miller–Blair 2×2", "output multiplier 1", 1.518152,
                 float(t.output_multipliers.iloc[0]), 1e-6, src)]
    ger = ref / "io_eurostat_germany1995" / "germany_1995_beutel_table15_4.csv"
    if ger.exists():
        sectors = ["agriculture_group", "manufacturing_group", "construction_group", "trade_group",
                   "business_services_group", "other_services_group"]
        rws = ["cpa_a", "cpa_c", "cpa_f", "cpa_g_i", "cpa_business", "cpa_other"]
        g = pd.read_csv(ger).set_index("t_rows2")
        z = pd.DataFrame(g.loc[rws, sectors].to_numpy(float), index=sectors, columns=sectors)
        tg = IOTable(z, g.loc["P1", sectors])
        diag = np.diag(tg.L.to_numpy())
        src2 = "Eurostat Manual of Supply, Use and IO Tables (2008), Table 15.10"
        rows += [_row("Leontief inverse", "Eurostat Germany 1995", f"L diagonal {k + 1}", p, float(diag[k]), 5e-5, src2)
                 for k, p in enumerate([1.0339, 1.4292, 1.0289, 1.1784, 1.4126, 1.0515]) if k in (0, 1, 4)]
    return rows


def _asem(ref: Path) -> list[Row]:
    from regint.index import Framework, IndexSpec, build_index

    folder = ref / "composite_coinr_asem"
    fw = Framework.from_coinr(pd.read_csv(folder / "input_IndMeta.csv"), pd.read_csv(folder / "input_AggMeta.csv"))
    raw = pd.read_csv(folder / "input_IndData.csv").set_index("UnitCode")
    den = pd.read_csv(folder / "input_Denominators.csv").set_index("UnitCode")
    res = build_index(raw[fw.indicators], fw, IndexSpec(impute="group_mean", treat=True, normalise="minmax",
                                                        aggregate="arithmetic"),
                      denominators=den, groups=raw["Group_EurAsia"])
    src = "EC JRC COINr, ASEM Sustainable Connectivity index (results_AggregatesScore)"
    published = {"CHE": 68.38, "NLD": 64.82, "DEU": 60.75, "RUS": 35.66}
    agg = res.stages["Aggregated"]
    return [_row("Composite index (COIN)", "ASEM", f"Index {k}", v, float(agg.loc[k, "Index"]), 0.005, src)
            for k, v in published.items()]


def _gravity(ref: Path) -> list[Row]:
    from regint.models.gravity import ppml

    path = ref / "gravity_yotov2016" / "agtpa_applications.csv.gz"
    d = pd.read_csv(path)
    d = d[d["year"] == 2006].reset_index(drop=True)
    d = d.assign(log_dist=np.log(d["dist"]), intl=(d["exporter"] != d["importer"]).astype(float))
    res = ppml(d, "trade ~ log_dist + cntg + intl | exporter + importer")
    src = "Yotov et al. (2016), Advanced Guide to Trade Policy Analysis, ch. 2 (authors' Stata log)"
    return [_row("PPML gravity", "Yotov 2006 border", k, v, float(res.coef[k]), 1e-3, src)
            for k, v in {"log_dist": -0.7912879, "cntg": 0.6736456, "intl": -2.47445}.items()]


def _rca(ref: Path) -> list[Row]:
    import gzip

    from regint.indicators.trade import balassa_rca

    data = pd.read_csv(ref / "trade_rca" / "world_trade_avg_1998_to_2000.csv.gz", dtype={"product": str})
    rca = balassa_rca(data, layout="long", country="country", product="product", value="value")
    src = "R package economiccomplexity, world trade 1998–2000 (SITC rev. 2)"
    with gzip.open(ref / "trade_rca" / "reference_balassa_binary_ones_economiccomplexity.csv.gz") as fh:
        ones = pd.read_csv(fh)
    return [_row("Balassa RCA", "world 1998–2000", "RCA chl/6821 (copper)", 39.400009,
                 float(rca.loc["chl", "6821"]), 1e-6, src),
            _row("Balassa RCA", "world 1998–2000", "number of RCA ≥ 1 cells", float(len(ones)),
                 float((rca >= 1).to_numpy().sum()), 0.0, src)]


CASES: dict[str, tuple[str, Callable[[Path], list[Row]]]] = {
    "ahp_saaty_drinks": ("AHP (eigenvector)", _ahp),
    "mcda_topsis": ("TOPSIS (vector)", _topsis),
    "markov_usjoin": ("Markov chain", _markov),
    "filters_macrodata": ("HP filter", _hp),
    "io_miller_blair": ("Leontief inverse", _io),
    "composite_coinr_asem": ("Composite index (COIN)", _asem),
    "gravity_yotov2016": ("PPML gravity", _gravity),
    "trade_rca": ("Balassa RCA", _rca),
}


def run_validation(reference: Path | None = None) -> pd.DataFrame:
    """Run every reference case; a case whose folder is absent (or fails) is a row with the stated reason."""
    if reference is None:
        root = shared_dir()
        reference = root / "reference" if root is not None else None
    rows: list[Row] = []
    for folder, (method, fn) in CASES.items():
        empty: Row = dict.fromkeys(COLUMNS, np.nan) | {"method": method, "case": folder, "quantity": "",
                                                       "source": "", "passed": np.nan}
        if reference is None or not (reference / folder).is_dir():
            rows.append(empty | {"status": f"skipped: ../shared/reference/{folder} is absent"})
            continue
        start = time.perf_counter()
        try:
            got = fn(reference)
        except Exception as exc:  # noqa: BLE001 — one failed case must not hide the others
            rows.append(empty | {"status": f"failed: {type(exc).__name__}: {exc}"})
            continue
        secs = time.perf_counter() - start
        rows += [r | {"seconds": secs} for r in got]
    return pd.DataFrame(rows, columns=list(COLUMNS))
