"""`regint scenario`: run, compare and sequence integration scenarios (the lead registers :data:`app`).

Data access lives here only: the baseline (GRP per capita, wages, population, trade of the pair, price
levels) comes from ``regint.data.api.load_panel`` converted to USD with ``regint.data.harmonise.to_usd``;
every figure the store lacks falls back to a labelled value of the scenario file or of the shipped
``baseline.toml``, and the output says which. The input-output multipliers of the chain are computed here too
(:func:`io_multipliers`: the shipped Rosstat table and the store's regional structure through
``regint.models.inputoutput.pipeline.pair_io_analysis``), falling back to ``parameters.toml`` with the reason. The
report and the dashboard build their baseline and multipliers with these same functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from regint._options import check_option
from regint.errors import RegintError
from regint.exports import write_csv, write_csvs, write_xlsx
from regint.scenarios import (
    OUTCOMES,
    Baseline,
    BaselineValue,
    LeverCatalogue,
    Parameter,
    ScenarioResult,
    ScenarioSpec,
    benefit_cost_table,
    cumulative_table,
    default_baseline,
    default_parameters,
    fastest_path,
    load_levers,
    load_scenario,
    plan_scenario,
    simulate,
    tornado,
)
from regint.scenarios.charts import comparison_chart, fan_chart, tornado_chart
from regint.scenarios.multipliers import MULTIPLIER_KEYS, Side, fallback_multipliers, side_parameters

if TYPE_CHECKING:
    from regint.models.inputoutput.national import NationalIOData

__all__ = ["app", "baseline_from_panel", "build_baseline", "io_multipliers", "partner_share"]

app = typer.Typer(help="Scenarios: levers → trade, output, jobs, gaps; Monte Carlo; fastest path.",
                  no_args_is_help=True)
REGIONS = ("RU-SMO", "BY-VI")
FAN_OUTCOMES = ("wage_gap", "grp_gap", "price_gap", "score", "trade")
INDICATORS = ["grp_per_capita", "grp", "wage_nominal", "population_jan1", "trade_partner_usd", "trade_partner_rub",
              "ppp", "employment", "grp_per_capita_volume_index"]
SCALE = {"mln": 1.0, "bln": 1e3, "bn": 1e3, "thous.": 1e-3}


def _console() -> Console:
    probe = Console()
    return probe if probe.is_terminal else Console(width=160)


# -- baseline from the store -------------------------------------------------------------------------------
def _annual(panel: pd.DataFrame, indicator: str, region: str, year: int, window: int = 2) -> pd.Series | None:
    sub = panel[(panel["indicator"] == indicator) & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(r"\d{4}") & panel["value"].notna()]
    sub = sub.assign(_y=sub["period"].astype(int))
    sub = sub[(sub["_y"] <= year) & (sub["_y"] >= year - window)]
    return None if sub.empty else sub.sort_values("_y").iloc[-1]


def _stored(row: pd.Series, value: float, what: str) -> BaselineValue:
    src = f"{row['source']}: {what} {row['period']}"
    if isinstance(row.get("derived_from"), str) and row.get("derived_from"):
        src += f" ({row['derived_from']})"
    return BaselineValue(float(value), src, "data" if row.get("status") == "official" else str(row.get("status")),
                         int(row["period"]), "store")


def baseline_from_panel(panel: pd.DataFrame, usd: pd.DataFrame, year: int, regions: tuple[str, str] = REGIONS
                        ) -> tuple[dict[str, BaselineValue], list[str]]:
    """Baseline values found in a long panel (``usd``: its monetary rows converted to USD); with messages."""
    ru, by = regions
    found: dict[str, BaselineValue] = {}
    msgs: list[str] = []
    for side, reg in (("ru", ru), ("by", by)):
        r = _annual(usd, "grp_per_capita", reg, year)
        if r is not None:
            found[f"grp_pc_usd_{side}"] = _stored(r, r["value"], f"GRP per capita of {reg}, USD,")
        r = _annual(usd, "wage_nominal", reg, year)
        if r is not None:
            found[f"wage_usd_{side}"] = _stored(r, r["value"], f"average wage of {reg}, USD,")
        r = _annual(panel, "population_jan1", reg, year)
        if r is not None:
            found[f"population_{side}"] = _stored(r, r["value"] * 1e3, f"population of {reg} on 1 January")
        country = reg.split("-")[0]
        ppp = _annual(panel, "ppp", country, year)
        fx = _annual(panel, "fx_usd", country, year, window=0) if ppp is not None else None
        if ppp is not None and fx is not None and int(fx["period"]) == int(ppp["period"]):
            found[f"price_level_{side}"] = BaselineValue(
                float(ppp["value"] / fx["value"]), f"{ppp['source']} PPP / {fx['source']} fx_usd, {ppp['period']}",
                "derived", int(ppp["period"]), "store")
        emp, grp = _annual(panel, "employment", reg, year, 5), _annual(usd, "grp", reg, year, 5)
        if emp is not None and grp is not None and emp["period"] == grp["period"] and grp["value"] > 0:
            scale = next((v for k, v in SCALE.items() if str(grp["unit"]).startswith(k)), 1.0)
            found[f"jobs_per_musd_{side}"] = BaselineValue(
                float(emp["value"] * 1e3 / (grp["value"] * scale)),
                f"{emp['source']} employment / {grp['source']} GRP in USD, {emp['period']}", "derived",
                int(emp["period"]), "store")
    for ind in ("trade_partner_usd", "trade_partner_rub"):
        r = _annual(usd, ind, ru, year)
        if r is not None and pd.notna(r["value"]):
            scale = next((v for k, v in SCALE.items() if str(r["unit"]).startswith(k)), 1.0)
            found["trade_usd"] = _stored(r, r["value"] * scale, f"trade of {ru} with the partner country, USD,")
            msgs.append(f"Trade of {ru} with all of the partner country stands in for the pair's trade.")
            break
    r = _annual(panel, "fx_usd", "RU", year, window=0)
    if r is not None:
        found["fx_rub_usd"] = _stored(r, r["value"], "RUB per USD")
    return found, msgs


def _trend(panel: pd.DataFrame, region: str, year: int, span: int = 9) -> Parameter | None:
    sub = panel[(panel["indicator"] == "grp_per_capita_volume_index") & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    sub = sub[sub["period"].astype(int).between(year - span - 1, year)].sort_values("period")
    if len(sub) < 5:
        return None
    g = sub["value"].to_numpy(float) / 100.0
    mean = float(np.exp(np.log(g).mean()) - 1)
    se = float(np.std(g - 1, ddof=1) / math.sqrt(len(g)))
    return Parameter(f"grp_growth_{'ru' if region.startswith('RU') else 'by'}", mean - 2 * se, mean, mean + 2 * se,
                     "pert", f"store: geometric mean of {region}'s GRP per capita volume indices "
                     f"{sub['period'].iloc[0]}–{sub['period'].iloc[-1]} ({sub['source'].iloc[-1]}); ± 2 s.e.",
                     "estimate", "real growth of GRP per capita per year")


# -- input-output multipliers of the chain -----------------------------------------------------------------
IO_YEAR = 2021
#: The partner region's share of its country's GDP (the FLQ size term TRE/TNE of the partner's model).
PARTNER_SHARE_INDICATOR = "press_grp_share_of_gdp"


@lru_cache(maxsize=2)
def _national_table(year: int) -> NationalIOData:
    """The shipped Rosstat symmetric table of domestic products (read once per process; it never changes)."""
    from regint.data.api import io_table

    return io_table(year, domestic=True)


def partner_share(panel: pd.DataFrame, region: str, year: int = IO_YEAR) -> tuple[float, str] | None:
    """The region's share of its country's GDP (fraction) from ``panel`` (latest year up to ``year``, else the
    earliest after it), with its provenance; ``None`` when the panel lacks it."""
    sub = panel[(panel["indicator"] == PARTNER_SHARE_INDICATOR) & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(r"\d{4}") & panel["value"].notna()]
    if sub.empty:
        return None
    sub = sub.assign(_y=sub["period"].astype(int)).sort_values("_y")
    before = sub[sub["_y"] <= year]
    row = before.iloc[-1] if len(before) else sub.iloc[0]
    value = float(row["value"]) / (100.0 if str(row["unit"]).startswith("%") else 1.0)
    note = f" ({row['note']})" if isinstance(row.get("note"), str) and row.get("note") else ""
    return value, (f"size = {region}'s share of national GDP in {row['period']}, {value:.1%} "
                   f"({row['source']}: {PARTNER_SHARE_INDICATOR}{note})")


def _side_fallback(defaults: Mapping[str, Parameter], side: Side, reason: str) -> tuple[dict[str, Parameter], str]:
    names = ", ".join(n for (s, _), n in MULTIPLIER_KEYS.items() if s == side)
    return (fallback_multipliers(defaults, reason, (side,)),
            f"{names}: labelled fallbacks of parameters.toml — {reason}")


def io_multipliers(panel: pd.DataFrame | None, regions: tuple[str, str] = REGIONS,
                   sector_shares: pd.Series | None = None, *, reason: str | None = None
                   ) -> tuple[dict[str, Parameter], list[str]]:
    """The multipliers of the chain from the input-output pipeline, with messages saying where they come from.

    :func:`regint.models.inputoutput.pipeline.pair_io_analysis` on the shipped Rosstat 2021 table of domestic
    products (20 OKVED2 sections) and ``panel`` (the first region's structure: ``grp_structure_*``, else the
    activity proxies of the region and ``RU``; the partner's size: :data:`PARTNER_SHARE_INDICATOR`), FLQ δ = 0.3;
    then :func:`regint.scenarios.multipliers.side_parameters` for each side. A side that cannot be computed keeps
    the values of ``parameters.toml``, its source and the messages saying why. ``panel=None`` (the store not
    consulted) falls back for both sides with ``reason``.
    """
    from regint.models.inputoutput import shipped_concordance
    from regint.models.inputoutput.pipeline import pair_io_analysis

    defaults = default_parameters()
    sides: tuple[Side, Side] = ("ru", "by")
    if panel is None:
        why = reason or "the store was not consulted"
        out, msgs = {}, []
        for side in sides:
            p, m = _side_fallback(defaults, side, why)
            out.update(p)
            msgs.append(m)
        return out, msgs
    ru, by = regions
    share = partner_share(panel, by)
    try:
        ia = pair_io_analysis(_national_table(IO_YEAR), panel, concordance=shipped_concordance(), region=ru,
                              partner=by, partner_share=share[0] if share else None, method="flq", delta=0.3)
    except (RegintError, OSError, ValueError, KeyError, np.linalg.LinAlgError) as err:
        out, msgs = {}, []
        for side in sides:
            p, m = _side_fallback(defaults, side, f"the input-output analysis failed ({err})")
            out.update(p)
            msgs.append(m)
        return out, msgs
    out, msgs = {}, []
    notes = {"ru": "", "by": share[1] if share else ""}
    for side, region in zip(sides, regions, strict=True):
        if side == "by" and share is None:
            p, m = _side_fallback(defaults, side, f"the store has no {PARTNER_SHARE_INDICATOR} of {by} (its share "
                                                   "of national GDP, the FLQ size term)")
        else:
            try:
                p = side_parameters(ia, side, sector_shares, notes[side])
                m = (f"{region}: input-output multipliers computed at run time (Rosstat {ia.year} table, FLQ δ = 0.3, "
                     f"range δ = 0.4–0.1): " + "; ".join(
                         f"{k} = {v.low:.3f} / {v.central:.3f} / {v.high:.3f}" for k, v in p.items()))
            except RegintError as err:
                extra = " ".join(w for w in ia.warnings if region in w)
                p, m = _side_fallback(defaults, side, f"{err}{' ' + extra if extra else ''}")
        out.update(p)
        msgs.append(m)
    return out, msgs


def build_baseline(spec: ScenarioSpec, console: Console, use_store: bool = True
                   ) -> tuple[Baseline, dict[str, Parameter]]:
    """Baseline from the store where it has the figures, labelled fallbacks elsewhere; computed parameters too.

    The parameters returned replace the shipped ones unless the scenario file overrides them: the growth trends
    of the store and the input-output multipliers (:func:`io_multipliers`; the values of ``parameters.toml``
    with the reason in their source when the computation fails).
    """
    fallback = default_baseline()
    year = spec.baseline_year or fallback.year
    values: dict[str, BaselineValue] = dict(fallback.values)
    values.update(spec.baseline_values)
    notes, trends = [], {}
    io_panel: pd.DataFrame | None = None
    io_reason = "the store was not consulted (--no-store)"
    if use_store:
        try:
            from regint.data.api import load_panel
            from regint.data.harmonise import to_usd
            panel = load_panel(indicators=INDICATORS + ["fx_usd"], regions=[*REGIONS, "RU", "BY"])
            fx = load_panel(["fx_usd"], ["RU", "BY"])
            money = panel[panel["currency"].isin(["RUB", "BYN", "BYR", "USD"])
                          & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
            usd = to_usd(money, fx) if len(money) else money
            found, msgs = baseline_from_panel(panel, usd, year)
            values.update(found)
            notes += msgs
            for reg in REGIONS:
                p = _trend(panel, reg, year)
                if p is not None:
                    trends[p.name] = p
            io_panel = load_panel(regions=[*REGIONS, "RU"])
        except (RegintError, OSError, ValueError, KeyError) as err:
            io_reason = f"the store could not be read ({err})"
            console.print(f"[yellow]The store could not be read ({err}); every baseline value is a labelled "
                          "fallback.[/yellow]")
    else:
        notes.append("The store was not consulted (--no-store).")
    mults, io_msgs = io_multipliers(io_panel, REGIONS, reason=io_reason)
    trends.update(mults)
    notes += io_msgs
    base = Baseline(year, values, REGIONS, tuple(notes))
    fb = [k for k in base.fallbacks]
    if fb:
        console.print(Panel("\n".join(f"• {k} = {values[k].value:,.4g} ({values[k].year}) [{values[k].status}] "
                                      f"from {values[k].origin}: {values[k].source}" for k in fb),
                            title="Not in the store — labelled fallbacks used", border_style="yellow"))
    fallen = any(p.source.startswith("FALLBACK") for p in mults.values())
    console.print(Panel("\n".join([f"• {m}" for m in io_msgs] + [
        f"• source of {k} (of the GVA multiplier likewise): {v.source}" for k, v in mults.items()
        if k.startswith("mult_output") and not v.source.startswith("FALLBACK")]),
        title="Input-output multipliers of the chain" + (" — labelled fallbacks used" if fallen else ""),
        border_style="yellow" if fallen else "blue"))
    return base, trends


# -- running ------------------------------------------------------------------------------------------------
def _params(spec: ScenarioSpec, trends: Mapping[str, Parameter]) -> dict[str, Parameter]:
    base = {**default_parameters(), **{k: v for k, v in trends.items() if k not in spec.parameter_overrides}}
    return spec.parameters(base)


def _simulate(spec: ScenarioSpec, cat: LeverCatalogue, base: Baseline, params: dict[str, Parameter], draws: int,
              seed: int, console: Console) -> ScenarioResult:
    chunk = max(1000, draws // 20)
    with Progress(TextColumn(f"Monte Carlo {spec.name}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeElapsedColumn(), console=console, transient=False) as prog:
        task = prog.add_task("mc", total=draws)
        res = simulate(spec, cat, base, params, n_draws=draws, seed=seed, chunk=chunk,
                       progress=lambda done: prog.update(task, completed=done))
    return res


def _target_table(res: ScenarioResult, title: str) -> Table:
    t = Table(title=title)
    for c in ("target", "central run", "median year", "P(by horizon)", "P(in the first year)"):
        t.add_column(c, justify="right")
    for _, r in res.target_table().iterrows():
        fmt = lambda v: "—" if pd.isna(v) else f"{int(v)}"  # noqa: E731
        t.add_row(r["target"], fmt(r["central_year"]), fmt(r["median_year"]), f"{r['p_by_horizon']:.0%}",
                  f"{r['p_already_at_start']:.0%}")
    return t


def _outcome_table(res: ScenarioResult, years: list[int]) -> Table:
    t = Table(title=f"{res.title}: median [5–95 %]")
    t.add_column("outcome")
    for y in years:
        t.add_column(str(y), justify="right")
    for o in ("trade", "gva_ru", "gva_by", "grp_pc_ru", "grp_pc_by", "grp_gap", "wage_gap", "price_gap", "score"):
        q = res.quantiles(o)
        t.add_row(f"{o} ({OUTCOMES[o][1]})", *[f"{q.loc[y, 'p50']:,.3g} [{q.loc[y, 'p5']:,.3g}–{q.loc[y, 'p95']:,.3g}]"
                                              for y in years])
    return t


def _benefit_table(res: ScenarioResult) -> Table:
    cum = cumulative_table(res)
    t = Table(title=f"{res.title}: who gains what (median [90 % interval])")
    for c in ("side", "item", "unit", "value"):
        t.add_column(c, justify="right" if c == "value" else "left")
    for _, r in cum.iterrows():
        t.add_row(r["region"], r["item"], r["unit"], f"{r['value']:,.0f} [{r['p5']:,.0f}–{r['p95']:,.0f}]")
    return t


def _show_years(res: ScenarioResult) -> list[int]:
    ys = [int(y) for y in res.years]
    picks = sorted({ys[0], ys[0] + 5, ys[0] + 10, ys[-1]} & set(ys))
    return picks


def _write_run(res: ScenarioResult, out: Path, tornado_outcome: str, spec: ScenarioSpec, cat: LeverCatalogue,
               base: Baseline, params: dict[str, Parameter]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    n = res.name
    tor = tornado(spec, cat, base, params, outcome=tornado_outcome)
    prob = pd.concat([res.probability_by(t) for t in res.targets], axis=1) if res.targets else pd.DataFrame()
    tables = {
        "quantiles": res.to_frame(), "targets": res.target_table(), "probability_by_year": prob.reset_index(),
        "benefits": benefit_cost_table(res), "benefits_total": cumulative_table(res), "tornado": tor.to_frame(),
        "baseline": base.to_frame(), "parameters": pd.DataFrame([{**p.__dict__} for p in params.values()]),
        "levers": cat.to_frame(),
    }
    written = write_csvs(tables, out, prefix=f"{n}_")
    written.append(write_xlsx(tables, out / f"{n}.xlsx"))
    target_for = {t.split("<")[0].split(">")[0]: t for t in res.targets}
    for o in FAN_OUTCOMES:
        written.append(fan_chart(res, o, out / f"fan_{n}_{o}.png", target_for.get(o)))
    written.append(tornado_chart(tor, out / f"tornado_{n}_{tornado_outcome}.png"))
    return written


def _prepare(file: str, catalogue: Path | None, no_store: bool, console: Console
             ) -> tuple[ScenarioSpec, LeverCatalogue, Baseline, dict[str, Parameter]]:
    spec = load_scenario(file)
    cat = load_levers(catalogue)
    spec.schedule(cat)  # unknown levers fail here, naming file and key
    base, trends = build_baseline(spec, console, use_store=not no_store)
    base = spec.apply_baseline(base)
    return spec, cat, base, _params(spec, trends)


def _fail(err: RegintError) -> None:
    Console(stderr=True).print(f"[bold red]Error:[/] {err}")
    raise typer.Exit(code=2)


Draws = Annotated[int, typer.Option(help="Monte Carlo draws (≥ 1; 10,000 recommended).")]
Seed = Annotated[int, typer.Option(help="Seed of numpy's default_rng (same seed, same draws).")]
Out = Annotated[Path, typer.Option(help="Folder for CSV/XLSX/PNG.")]
Catalogue = Annotated[Path | None, typer.Option(help="Lever catalogue CSV (default: the shipped levers.csv).")]
NoStore = Annotated[bool, typer.Option("--no-store", help="Do not read the store; use the labelled fallbacks.")]


@app.command("run")
def run_command(
    file: Annotated[str, typer.Argument(help="Scenario TOML, or inertial / moderate / accelerated.")],
    draws: Draws = 10_000, seed: Seed = 20250101, out: Out = Path("out/scenarios"), catalogue: Catalogue = None,
    tornado_outcome: Annotated[str, typer.Option(help="Outcome of the tornado chart.")] = "wage_gap",
    no_store: NoStore = False,
) -> None:
    """Run one scenario: fan charts, target probabilities, benefits and costs by side, tornado."""
    console = _console()
    try:
        check_option("tornado outcome", tornado_outcome, tuple(OUTCOMES))
        spec, cat, base, params = _prepare(file, catalogue, no_store, console)
        res = _simulate(spec, cat, base, params, draws, seed, console)
        console.print(_outcome_table(res, _show_years(res)))
        if res.targets:
            console.print(_target_table(res, f"{res.title}: targets"))
        console.print(_benefit_table(res))
        for w in res.warnings:
            console.print(f"[yellow]warning: {w}[/yellow]")
        written = _write_run(res, out, tornado_outcome, spec, cat, base, params)
    except RegintError as err:
        _fail(err)
        return
    console.print("Written: " + ", ".join(str(p) for p in written))


@app.command("compare")
def compare_command(
    files: Annotated[list[str], typer.Argument(help="Two or more scenario files or shipped names.")],
    draws: Draws = 10_000, seed: Seed = 20250101, out: Out = Path("out/scenarios"), catalogue: Catalogue = None,
    no_store: NoStore = False,
) -> None:
    """Compare scenarios: target probabilities and years, outcomes at the horizon, comparison charts."""
    console = _console()
    try:
        results = []
        for f in files:
            spec, cat, base, params = _prepare(f, catalogue, no_store, console)
            results.append(_simulate(spec, cat, base, params, draws, seed, console))
    except RegintError as err:
        _fail(err)
        return
    h = int(results[0].years[-1])
    t = Table(title=f"Scenarios compared in {h}: median [5–95 %]")
    t.add_column("outcome")
    for r in results:
        t.add_column(r.name, justify="right")
    for o in ("trade", "gva_ru", "gva_by", "grp_gap", "wage_gap", "price_gap", "score"):
        t.add_row(o, *[f"{r.quantiles(o).loc[h, 'p50']:,.3g} [{r.quantiles(o).loc[h, 'p5']:,.3g}–"
                       f"{r.quantiles(o).loc[h, 'p95']:,.3g}]" for r in results])
    console.print(t)
    rows = []
    for r in results:
        tt = r.target_table()
        tt.insert(0, "scenario", r.name)
        rows.append(tt)
        console.print(_target_table(r, f"{r.name}: targets"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    comp = pd.concat([r.to_frame() for r in results], ignore_index=True)
    targets = pd.concat(rows, ignore_index=True)
    written += write_csvs({"comparison_quantiles": comp, "comparison_targets": targets}, out)
    benefits = pd.concat([benefit_cost_table(r).assign(scenario=r.name) for r in results])
    written.append(write_xlsx({"targets": targets, "quantiles": comp, "benefits": benefits},
                              out / "comparison.xlsx"))
    first_t = {tg.split("<")[0].split(">")[0]: tg for tg in results[0].targets}
    for o in FAN_OUTCOMES:
        written.append(comparison_chart(results, o, out / f"compare_{o}.png", first_t.get(o)))
    console.print("Written: " + ", ".join(str(p) for p in written))


@app.command("fastest")
def fastest_command(
    target: Annotated[list[str], typer.Option(help="Target, e.g. 'wage_gap<=0.10' or 'score>=75' (repeatable).")],
    budget: Annotated[float | None, typer.Option(help="Annual budget cap, mln RUB (both sides).")] = None,
    budget_total: Annotated[float | None, typer.Option(help="Total budget over the horizon, mln RUB.")] = None,
    scenario: Annotated[str, typer.Option(help="Scenario giving years, baseline and parameters.")] = "inertial",
    method: Annotated[str, typer.Option(help="auto, exact (MILP) or heuristic.")] = "auto",
    prerequisites: Annotated[str, typer.Option(help="'complete' or 'started' before a dependant starts.")] = "complete",
    intensity: Annotated[float, typer.Option(help="Intensity of each lever introduced (0..1].")] = 1.0,
    draws: Draws = 10_000, seed: Seed = 20250101, out: Out = Path("out/scenarios"), catalogue: Catalogue = None,
    no_store: NoStore = False,
) -> None:
    """Order and timing of levers that reach each target soonest under the budget and prerequisites."""
    console = _console()
    try:
        check_option("method", method, ("auto", "exact", "heuristic"))
        check_option("prerequisites", prerequisites, ("complete", "started"))
        if not 0 < intensity <= 1:
            raise typer.BadParameter(f"--intensity must be in (0, 1]; got {intensity}")
        spec, cat, base, params = _prepare(scenario, catalogue, no_store, console)
        annual = budget if budget is not None else spec.budget_annual
        total = budget_total if budget_total is not None else spec.budget_total
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        plans = []
        for tg in target:
            res = fastest_path(cat, base, params, tg, spec.years, budget_annual=annual, budget_total=total,
                               prerequisite_mode=prerequisites, method=method, intensity=intensity,  # type: ignore[arg-type]
                               weights=spec.score_weights)
            plan = res.plan
            t = Table(title=f"Fastest path to {tg}: "
                            f"{plan.reach_year or 'not reached'} ({res.problem_size}; budget {annual} a year, "
                            f"{total} in total, mln RUB)")
            for c in ("lever", "start", "complete", "lag"):
                t.add_column(c)
            for _, r in plan.to_frame().iterrows():
                t.add_row(str(r["lever"]), str(r["start"]), str(r["complete"]), str(r["lag"]))
            console.print(t)
            console.print(Panel("\n".join(plan.explanation + (res.convention,)), title="Critical path"))
            safe = "".join(ch if ch.isalnum() else "_" for ch in tg)
            write_csv(plan.to_frame(), out / f"fastest_{safe}.csv")
            write_csv(plan.spend.to_frame(), out / f"fastest_{safe}_spend.csv", index=True)
            written += [out / f"fastest_{safe}.csv", out / f"fastest_{safe}_spend.csv"]
            if plan.starts:
                pspec = plan_scenario(plan, spec, intensity=intensity, name=f"fastest_{safe}")
                mc = _simulate(pspec, cat, base, params, draws, seed, console)
                console.print(_target_table(mc, f"Plan for {tg} under uncertainty"))
                written.append(fan_chart(mc, plan.target.split("<")[0].split(">")[0],
                                         out / f"fan_fastest_{safe}.png", plan.target))
                write_csv(mc.target_table(), out / f"fastest_{safe}_mc.csv")
                written.append(out / f"fastest_{safe}_mc.csv")
            plans.append(plan.to_frame().assign(target=tg, reach_year=plan.reach_year))
        written.append(write_xlsx({"plans": pd.concat(plans, ignore_index=True)}, out / "fastest.xlsx"))
    except RegintError as err:
        _fail(err)
        return
    console.print("Written: " + ", ".join(str(p) for p in written))
