"""Command-line front ends of the models: ``regint analyse gravity`` and ``regint analyse evaluation``.

They read data (the CEPII/WITS files; the observation store through :func:`regint.data.api.load_panel`), call the
pure estimators in :mod:`regint.models`, print rich tables and write CSV, XLSX and PNG files. The data limits that
bound each analysis are printed and written beside the results (``notes.txt``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
from rich.table import Table

from regint.cli._console import make_console
from regint.study.settings import DEFAULT_PAIR

TRADE_INDICATOR_PREFIXES = ("exports", "imports", "trade")

GRAVITY_LIMITS = (
    "WITS 2009 extract: totals only (no product detail), one year; flows taken from the importer's report where "
    "present, else from the exporter's (mirror); pairs of reporting countries with no record are treated as zero.",
    "Russia reports no flows with Belarus in this extract; both directions come from Belarus' own reports.",
    "No domestic (intra-national) flows: the cross-section identifies bilateral frictions relative to other "
    "international pairs, not a national border effect; a GE counterfactual needs domestic trade and is not run.",
    "CEPII codes Russia-Belarus as colony = 1 (col45 = 1) and contiguous; the pair dummy measures trade beyond that.",
    "The ad-valorem equivalent depends on the assumed elasticity of substitution sigma.",
)

EVALUATION_LIMITS = (
    "Rosstat regional foreign-trade series exclude trade with Belarus for 2009-2011 (and with Kazakhstan from "
    "July 2010) and include it from 2012: a trade outcome cannot be compared across 2012, so the outcome is GRP "
    "per capita or wages.",
    "One treated region: conventional (clustered) standard errors of the DiD are unreliable; the synthetic "
    "control's placebo p-value is the inference to read.",
    "Monetary outcomes are nominal roubles; the log outcome with period effects (DiD) or a synthetic unit of "
    "Russian regions (same inflation) removes the common price level, not regional price differences.",
    "The Single Economic Space (1 January 2012) coincides with other shocks (Russia's WTO accession in August "
    "2012); the estimate is the effect of everything that hit Smolensk and not the donor regions from 2012.",
)


def _table(frame: pd.DataFrame, title: str, digits: int = 4) -> Table:
    table = Table(title=title, show_lines=False)
    table.add_column(str(frame.index.name or ""), style="bold")
    for col in frame.columns:
        table.add_column(str(col), justify="right")
    for idx, row in frame.iterrows():
        cells = []
        for v in row:
            if isinstance(v, float | np.floating):
                x = float(v)
                cells.append(f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.{digits}f}")
            else:
                cells.append(str(v))
        table.add_row(str(idx), *cells)
    return table


def _write(out: Path, sheets: dict[str, pd.DataFrame], notes: tuple[str, ...], name: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    from regint.exports import write_csvs, write_xlsx

    write_csvs(sheets, out, index=True)
    limits = pd.DataFrame({"data limits": list(notes)})
    write_xlsx({**sheets, "notes": limits}, out / f"{name}.xlsx", index=list(sheets))
    (out / "notes.txt").write_text("\n".join(f"- {n}" for n in notes) + "\n", encoding="utf-8")



def gravity_command(
    dist: Annotated[Path | None, typer.Option(help="CEPII dist_cepii.csv (';'-separated).")] = None,
    trade: Annotated[Path | None, typer.Option(help="WITS_trade2009.csv (';'-separated).")] = None,
    origin: Annotated[str, typer.Option(help="ISO3 of the first country of the pair.")] = "RUS",
    partner: Annotated[str, typer.Option(help="ISO3 of the second country of the pair.")] = "BLR",
    sigma: Annotated[float, typer.Option(help="Elasticity of substitution for tariff equivalents (Yotov et al. 2016).")] = 7.0,
    draws: Annotated[int, typer.Option(help="Parametric-bootstrap draws for the trade-potential interval.")] = 200,
    out: Annotated[Path, typer.Option(help="Output folder (CSV, XLSX, PNG).")] = Path("out/gravity"),
) -> None:
    """Cross-section gravity 2009 (PPML, exporter and importer FE): where the pair's trade stands against its
    gravity prediction, and the implied friction as a tariff equivalent."""
    from regint.errors import RegintError
    from regint.study.analyses import run_gravity

    console = make_console()
    if (dist is None) != (trade is None):
        raise typer.BadParameter("pass both --dist and --trade, or neither (the shipped CEPII/WITS 2009 data)")
    try:
        g = run_gravity(origin, partner, sigma=sigma, draws=draws,
                        files=(dist, trade) if dist is not None and trade is not None else None)
    except RegintError as exc:
        raise typer.BadParameter(str(exc)) from exc
    base, ols, potential, effect, ave, data, pair = g.base, g.ols, g.potential, g.effect, g.ave, g.data, g.in_pair
    coefs = pd.concat({"ppml": base.to_frame(), "ols_log": ols.to_frame(),
                       "ppml_with_pair": g.with_pair.to_frame()}, names=["model"])
    console.print(_table(coefs.reset_index(level=0).set_index(coefs.index.map(lambda i: f"{i[0]}:{i[1]}"))
                         .drop(columns="model"), "Gravity 2009 (thousand USD; SE: HC1)"))
    console.print(f"PPML N = {base.nobs:,} (dropped {base.dropped_counts}); OLS N = {ols.nobs:,} "
                  f"(dropped {ols.dropped_counts})")
    console.print(_table(potential.set_index(potential["exporter"] + "->" + potential["importer"])
                         .drop(columns=["exporter", "importer"]), f"{origin}-{partner}: actual vs gravity prediction"))
    console.print(_table(effect, "Pair dummy: exp(b) - 1"))
    console.print(_table(ave.drop(columns="method"), f"Tariff equivalent of the pair dummy (sigma = {sigma:g})"))
    for n in GRAVITY_LIMITS:
        console.print(f"[yellow]data limit:[/yellow] {n}")

    _write(out, {"coefficients": coefs, "pair_potential": potential, "pair_effect": effect,
                 "pair_tariff_equivalent": ave}, GRAVITY_LIMITS, "gravity")
    _plot_potential(base, data, pair, out / "actual_vs_predicted.png", f"{origin}-{partner}")
    console.print(f"written to {out}")


def _plot_potential(res: Any, data: pd.DataFrame, pair: pd.Series, path: Path, label: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    idx = res.fitted.index
    actual = data.loc[idx, "trade"].to_numpy()
    pred = res.fitted.to_numpy()
    keep = actual > 0
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.scatter(np.log(pred[keep]), np.log(actual[keep]), s=2, color="lightgrey")
    hit = pair.loc[idx].to_numpy() & keep
    ax.scatter(np.log(pred[hit]), np.log(actual[hit]), s=30, color="tab:red", label=label)
    lims = [np.log(pred[keep]).min(), np.log(pred[keep]).max()]
    ax.plot(lims, lims, color="black", linewidth=0.7)
    ax.set_xlabel("log predicted trade, thousand USD (PPML, exporter and importer effects)")
    ax.set_ylabel("log actual trade, thousand USD")
    ax.set_title(f"Bilateral trade 2009: actual against gravity prediction ({int(keep.sum()):,} flows)",
                 fontsize=10)
    ax.legend(frameon=False, labels=[f"{label} (both directions)"], handles=ax.collections[1:2])
    fig.text(0.01, -0.02, "Sources: WITS/UN Comtrade total bilateral trade 2009; CEPII GeoDist (Mayer and Zignago "
             "2011). Points above the line: more trade than the model predicts.", fontsize=7, wrap=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)


def evaluation_command(
    outcome: Annotated[str, typer.Option(help="Indicator code of the outcome (not a trade series).")] = "grp_per_capita",
    treated: Annotated[str, typer.Option(help="Treated region (ISO 3166-2).")] = DEFAULT_PAIR[0],
    treatment_year: Annotated[int, typer.Option(help="First year of the intervention (Single Economic Space).")] = 2012,
    start: Annotated[int, typer.Option(help="First year used.")] = 2000,
    end: Annotated[int | None, typer.Option(help="Last year used (default: last available).")] = None,
    log: Annotated[bool, typer.Option(help="Use the log of the outcome.")] = True,
    placebo: Annotated[bool, typer.Option(help="In-space placebo inference (one synthetic control per donor).")] = True,
    out: Annotated[Path, typer.Option(help="Output folder (CSV, XLSX, PNG).")] = Path("out/evaluation"),
) -> None:
    """Effect of the 2012 Single Economic Space on a region against the other Russian regions: synthetic control
    with placebo inference, TWFE difference-in-differences and an event study."""
    from regint.data.api import load_panel
    from regint.models.evaluation import did, event_study, synthetic_control

    console = make_console()
    if outcome.startswith(TRADE_INDICATOR_PREFIXES):
        raise typer.BadParameter(f"{outcome!r} is a foreign-trade series: {EVALUATION_LIMITS[0]}")
    panel = load_panel(indicators=[outcome], regions=None)
    frame = _regional_frame(panel, outcome, start, end, log)
    if treated not in set(frame["region"]):
        raise typer.BadParameter(f"no {outcome!r} data for {treated!r}")
    pre = sorted(y for y in frame["year"].unique() if y < treatment_year)
    if len(pre) < 3:
        raise typer.BadParameter(f"fewer than three pre-treatment years of {outcome!r} before {treatment_year}")
    blocks = [list(b) for b in np.array_split(np.asarray(pre), 3)]
    predictors = [("y", b) for b in blocks] + [("y", [pre[-1]])]
    sc = synthetic_control(frame, unit="region", time="year", outcome="y", treated=treated,
                           treatment_time=treatment_year, predictors=predictors, placebo=placebo)
    dd = did(frame, unit="region", time="year", outcome="y", treated=[treated], treatment_time=treatment_year)
    post = sorted(y for y in frame["year"].unique() if y >= treatment_year)
    es = event_study(frame, unit="region", time="year", outcome="y", treated=[treated],
                     treatment_time=treatment_year, leads=min(5, len(pre)), lags=max(0, min(5, len(post) - 1)))
    label = f"log {outcome}" if log else outcome

    console.print(_table(sc.weights[sc.weights > 1e-3].sort_values(ascending=False).to_frame(),
                         f"Synthetic {treated}: donor weights"))
    console.print(f"{label}: pre-RMSPE {sc.rmspe_pre:.4f}, post-RMSPE {sc.rmspe_post:.4f}, average gap "
                  f"{sc.average_effect:.4f}, placebo p = {sc.p_value:.3f}")
    console.print(_table(dd.to_frame(), "Difference-in-differences (TWFE, CRV1 by region)"))
    console.print(_table(es.to_frame().drop(columns="term"), "Event study"))
    notes = (*EVALUATION_LIMITS, *sc.notes, *dd.notes)
    for n in notes:
        console.print(f"[yellow]data limit:[/yellow] {n}")

    sheets = {"synthetic_path": sc.to_frame(), "donor_weights": sc.weights.to_frame(),
              "predictor_balance": sc.balance, "did": dd.to_frame(), "event_study": es.to_frame()}
    if sc.placebos is not None:
        sheets["placebos"] = sc.placebos
    _write(out, sheets, notes, "evaluation")
    _save(sc.plot(title=f"{treated}: {label}"), out / "synthetic_control.png")
    if sc.placebos is not None:
        _save(sc.plot_placebos(), out / "placebos.png")
    _save(es.plot(title=f"Event study: {treated}, {label}"), out / "event_study.png")
    console.print(f"written to {out}")


def _regional_frame(panel: pd.DataFrame, outcome: str, start: int, end: int | None, log: bool) -> pd.DataFrame:
    """Annual values of one indicator for Russian subjects (not the national total) as region, year, y."""
    sub = panel[(panel["indicator"] == outcome) & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    sub = sub[sub["region"].astype(str).str.match(r"^RU-")]
    frame = pd.DataFrame({"region": sub["region"].astype(str), "year": sub["period"].astype(int),
                          "y": pd.to_numeric(sub["value"], errors="coerce")})
    frame = frame[(frame["year"] >= start) & ((end is None) | (frame["year"] <= (end or 0)))]
    if log:
        frame = frame[frame["y"] > 0].assign(y=lambda f: np.log(f["y"]))
    return frame.dropna().drop_duplicates(["region", "year"]).reset_index(drop=True)


def _save(fig: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)
