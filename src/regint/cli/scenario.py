"""`regint scenario`: run, compare and sequence integration scenarios (the lead registers :data:`app`).

The baseline, the growth trends and the input-output multipliers of the chain are the study's
(:meth:`regint.study.Study.scenario_inputs`): the figures the store has, labelled fallbacks elsewhere, each
printed with its source. This module only asks and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    LeverCatalogue,
    Parameter,
    ScenarioResult,
    ScenarioSpec,
    benefit_cost_table,
    cumulative_table,
    fastest_path,
    load_levers,
    load_scenario,
    plan_scenario,
    simulate,
    tornado,
)
from regint.scenarios.accounts import DISCOUNT_SOURCE, NOT_MODELLED, npv_by_split, side_accounts, side_yearly
from regint.scenarios.charts import comparison_chart, fan_chart, gantt_figure, split_chart, tornado_chart
from regint.study import Settings, Study, parse_pair
from regint.study.settings import DEFAULT_PAIR_LABEL

__all__ = ["app"]

app = typer.Typer(help="Scenarios: levers → trade, output, jobs, gaps; Monte Carlo; fastest path.",
                  no_args_is_help=True)
FAN_OUTCOMES = ("wage_gap", "grp_gap", "price_gap", "score", "trade")


def _console() -> Console:
    probe = Console()
    return probe if probe.is_terminal else Console(width=160)


def _study(pair: str, no_store: bool, console: Console) -> Study:
    """The study of ``pair`` on the store's panel (an empty panel with ``--no-store``: fallbacks only)."""
    settings = Settings(pair=parse_pair(pair))
    if no_store:
        return Study(settings, pd.DataFrame(columns=["region", "indicator", "period", "value"]))
    try:
        return Study.from_store(settings)
    except (RegintError, OSError) as err:
        console.print(f"[yellow]The store could not be read ({err}); every baseline value is a labelled "
                      "fallback.[/yellow]")
        return Study(settings, pd.DataFrame(columns=["region", "indicator", "period", "value"]))


def _show_inputs(base: Baseline, computed: dict[str, Parameter], notes: tuple[str, ...], console: Console) -> None:
    values = base.values
    fb = list(base.fallbacks)
    if fb:
        console.print(Panel("\n".join(f"• {k} = {values[k].value:,.4g} ({values[k].year}) [{values[k].status}] "
                                      f"from {values[k].origin}: {values[k].source}" for k in fb),
                            title="Not in the store — labelled fallbacks used", border_style="yellow"))
    mults = {k: v for k, v in computed.items() if k.startswith("mult_")}
    io_msgs = [n for n in notes if "multipliers" in n or "fallbacks of parameters.toml" in n]
    fallen = any(p.source.startswith("FALLBACK") for p in mults.values())
    console.print(Panel("\n".join([f"• {m}" for m in io_msgs] + [
        f"• source of {k} (of the GVA multiplier likewise): {v.source}" for k, v in mults.items()
        if k.startswith("mult_output") and not v.source.startswith("FALLBACK")]),
        title="Input-output multipliers of the chain" + (" — labelled fallbacks used" if fallen else ""),
        border_style="yellow" if fallen else "blue"))


# -- running ------------------------------------------------------------------------------------------------
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


def _accounts_table(res: ScenarioResult, rate: float, base: int) -> Table:
    acc = side_accounts(res, rate, base)
    t = Table(title=f"{res.title}: each side in its own currency, discounted at {rate:.1%} to {base} "
                    "(median [90 % interval])")
    for c in ("side", "item", "unit", "value"):
        t.add_column(c, justify="right" if c == "value" else "left")
    for _, r in acc[acc["currency"] != "USD"].iterrows():
        unit = f"mln {r['currency']}" if r["currency"] else "ratio"
        t.add_row(str(r["region"]), str(r["item"]), unit, f"{r['value']:,.2f} [{r['p5']:,.2f}–{r['p95']:,.2f}]")
    return t


def _show_years(res: ScenarioResult) -> list[int]:
    ys = [int(y) for y in res.years]
    picks = sorted({ys[0], ys[0] + 5, ys[0] + 10, ys[-1]} & set(ys))
    return picks


def _write_run(res: ScenarioResult, out: Path, tornado_outcome: str, spec: ScenarioSpec, cat: LeverCatalogue,
               base: Baseline, params: dict[str, Parameter], rate: float = 0.05, npv_base: int | None = None
               ) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    n = res.name
    tor = tornado(spec, cat, base, params, outcome=tornado_outcome)
    prob = pd.concat([res.probability_by(t) for t in res.targets], axis=1) if res.targets else pd.DataFrame()
    tables = {
        "quantiles": res.to_frame(), "targets": res.target_table(), "probability_by_year": prob.reset_index(),
        "benefits": benefit_cost_table(res), "benefits_total": cumulative_table(res), "tornado": tor.to_frame(),
        "baseline": base.to_frame(), "parameters": pd.DataFrame([{**p.__dict__} for p in params.values()]),
        "levers": cat.to_frame(), "register": cat.register(), "gaps": res.gap_findings(),
    }
    if spec.levers:
        tables.update({"accounts": side_accounts(res, rate, npv_base), "yearly": side_yearly(res, rate, npv_base),
                       "npv_by_split": npv_by_split(res, rate, base=npv_base)})
    written = write_csvs(tables, out, prefix=f"{n}_")
    written.append(write_xlsx(tables, out / f"{n}.xlsx"))
    target_for = {t.split("<")[0].split(">")[0]: t for t in res.targets}
    for o in FAN_OUTCOMES:
        written.append(fan_chart(res, o, out / f"fan_{n}_{o}.png", target_for.get(o)))
    written.append(tornado_chart(tor, out / f"tornado_{n}_{tornado_outcome}.png"))
    if "npv_by_split" in tables:
        written.append(split_chart(tables["npv_by_split"], out / f"split_{n}.png"))
    return written


def _prepare(file: str, catalogue: Path | None, study: Study, console: Console
             ) -> tuple[ScenarioSpec, LeverCatalogue, Baseline, dict[str, Parameter]]:
    spec = load_scenario(file)
    cat = load_levers(catalogue)
    spec.schedule(cat)  # unknown levers and measures in force fail here, naming file and key
    spec, note = spec.timed(study.scenario_base_year, study.settings.first_measure_year)
    if note:
        console.print(f"[yellow]{note}[/yellow]")
    inputs = study.scenario_inputs(spec)
    _show_inputs(inputs.baseline, inputs.computed, inputs.notes, console)
    return spec, cat, inputs.baseline, inputs.parameters(spec)


def _fail(err: RegintError) -> None:
    Console(stderr=True).print(f"[bold red]Error:[/] {err}")
    raise typer.Exit(code=2)


Draws = Annotated[int, typer.Option(help="Monte Carlo draws (≥ 1; 10,000 recommended).")]
Seed = Annotated[int, typer.Option(help="Seed of numpy's default_rng (same seed, same draws).")]
Out = Annotated[Path, typer.Option(help="Folder for CSV/XLSX/PNG.")]
Catalogue = Annotated[Path | None, typer.Option(help="Lever catalogue CSV (default: the shipped levers.csv).")]
NoStore = Annotated[bool, typer.Option("--no-store", help="Do not read the store; use the labelled fallbacks.")]
PairOpt = Annotated[str, typer.Option("--pair", help="The pair as RUSSIAN:BELARUSIAN region codes.")]


@app.command("run")
def run_command(
    file: Annotated[str, typer.Argument(help="Scenario TOML, or inertial / moderate / accelerated.")],
    draws: Draws = 10_000, seed: Seed = 20250101, out: Out = Path("out/scenarios"), catalogue: Catalogue = None,
    tornado_outcome: Annotated[str, typer.Option(help="Outcome of the tornado chart.")] = "wage_gap",
    no_store: NoStore = False, pair: PairOpt = DEFAULT_PAIR_LABEL,
) -> None:
    """Run one scenario: fan charts, target probabilities, benefits and costs by side, tornado."""
    console = _console()
    try:
        check_option("tornado outcome", tornado_outcome, tuple(OUTCOMES))
        study = _study(pair, no_store, console)
        spec, cat, base, params = _prepare(file, catalogue, study, console)
        res = _simulate(spec, cat, base, params, draws, seed, console)
        console.print(_outcome_table(res, _show_years(res)))
        if res.targets:
            console.print(_target_table(res, f"{res.title}: targets"))
        console.print(_benefit_table(res))
        settings = study.settings
        if spec.levers:
            console.print(_accounts_table(res, settings.discount_rate, settings.first_measure_year - 1))
            console.print(Panel("\n".join([f"Discount rate {settings.discount_rate:.1%}: {DISCOUNT_SOURCE}."]
                                          + [f"{k}: {v}" for k, v in NOT_MODELLED]),
                                title="Discounting and costs beyond the budget"))
        for _, g in res.gap_findings().iterrows():
            if g["widens_again"]:
                console.print(f"[yellow]finding: {g['outcome']} is smallest in {g['min_year']} ({g['min']:.3f}) and "
                              f"widens again to {g['end']:.3f} by {g['end_year']}[/yellow]")
        for _, r in res.target_table().iterrows():
            if not r["result"]:
                console.print(f"[yellow]{r['target']} is met without any new measure (inertial central run, "
                              f"{int(r['without_measures'])}): not a result of the scenario[/yellow]")
        for w in res.warnings:
            console.print(f"[yellow]warning: {w}[/yellow]")
        written = _write_run(res, out, tornado_outcome, spec, cat, base, params, settings.discount_rate,
                             settings.first_measure_year - 1)
    except RegintError as err:
        _fail(err)
        return
    console.print("Written: " + ", ".join(str(p) for p in written))


@app.command("compare")
def compare_command(
    files: Annotated[list[str], typer.Argument(help="Two or more scenario files or shipped names.")],
    draws: Draws = 10_000, seed: Seed = 20250101, out: Out = Path("out/scenarios"), catalogue: Catalogue = None,
    no_store: NoStore = False, pair: PairOpt = DEFAULT_PAIR_LABEL,
) -> None:
    """Compare scenarios: target probabilities and years, outcomes at the horizon, comparison charts."""
    console = _console()
    try:
        results = []
        study = _study(pair, no_store, console)
        for f in files:
            spec, cat, base, params = _prepare(f, catalogue, study, console)
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
    no_store: NoStore = False, pair: PairOpt = DEFAULT_PAIR_LABEL,
) -> None:
    """Order and timing of levers that reach each target soonest under the budget and prerequisites."""
    console = _console()
    try:
        check_option("method", method, ("auto", "exact", "heuristic"))
        check_option("prerequisites", prerequisites, ("complete", "started"))
        if not 0 < intensity <= 1:
            raise typer.BadParameter(f"--intensity must be in (0, 1]; got {intensity}")
        study = _study(pair, no_store, console)
        spec, cat, base, params = _prepare(scenario, catalogue, study, console)
        first = study.settings.first_measure_year
        annual = budget if budget is not None else spec.budget_annual
        total = budget_total if budget_total is not None else spec.budget_total
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        plans = []
        for tg in target:
            res = fastest_path(cat, base, params, tg, spec.years, budget_annual=annual, budget_total=total,
                               prerequisite_mode=prerequisites, method=method, intensity=intensity,  # type: ignore[arg-type]
                               weights=spec.score_weights, first_start=first, hold=spec.hold)
            plan = res.plan
            t = Table(title=f"Fastest path to {tg}: "
                            f"{plan.reach_year or 'not reached'} ({res.problem_size}; budget {annual} a year, "
                            f"{total} in total, mln RUB)")
            for c in ("lever", "start", "complete", "lag"):
                t.add_column(c)
            for _, r in plan.to_frame().iterrows():
                t.add_row(str(r["lever"]), str(r["start"]), str(r["complete"]), str(r["lag"]))
            console.print(t)
            cost_ru = float(plan.spend_ru.sum()) if plan.spend_ru is not None else float("nan")
            cost_by = float(plan.spend_by.sum()) if plan.spend_by is not None else float("nan")
            console.print(Panel("\n".join(plan.explanation + (res.convention,) + (
                f"Cost per side: Russia {cost_ru:,.0f} mln RUB, Belarus {cost_by:,.0f} mln RUB "
                f"(each lever's ru_share); left out as in force: {', '.join(plan.excluded) or 'none'}.",)),
                title="Critical path"))
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
                prob = mc.probability_by(plan.target)
                fig = gantt_figure(plan, {lv.id: lv.name_en for lv in cat}, title=f"Fastest path to {plan.target}",
                                   probability=[(int(y), float(p)) for y, p in prob.items()])
                fig.savefig(out / f"gantt_{safe}.png", dpi=150)
                import matplotlib.pyplot as plt

                plt.close(fig)
                written.append(out / f"gantt_{safe}.png")
                write_csv(prob.to_frame("p_reached_by_year"), out / f"fastest_{safe}_probability.csv", index=True)
                written.append(out / f"fastest_{safe}_probability.csv")
                write_csv(mc.target_table(), out / f"fastest_{safe}_mc.csv")
                written.append(out / f"fastest_{safe}_mc.csv")
            plans.append(plan.to_frame().assign(target=tg, reach_year=plan.reach_year))
        written.append(write_xlsx({"plans": pd.concat(plans, ignore_index=True)}, out / "fastest.xlsx"))
    except RegintError as err:
        _fail(err)
        return
    console.print("Written: " + ", ".join(str(p) for p in written))


@app.command("register")
def register_command(
    catalogue: Catalogue = None,
    out: Annotated[Path | None, typer.Option(help="Write the register to this CSV.")] = None,
) -> None:
    """The register of measures: in force (part of the baseline), agreed, proposed — with act, date and source."""
    try:
        cat = load_levers(catalogue)
    except RegintError as err:
        _fail(err)
        return
    reg = cat.register()
    console = _console()
    t = Table(title="Register of measures")
    for c in ("id", "status", "act", "date", "source of the status"):
        t.add_column(c)
    for _, r in reg.iterrows():
        t.add_row(str(r["id"]), str(r["status"]), str(r["act"]) or "—", str(r["act_date"]) or "—",
                  str(r["status_source"]))
    console.print(t)
    console.print("Measures in force are part of the baseline: no scenario can start them and the fastest path never "
                  "chooses them.")
    if out is not None:
        write_csv(reg, out)
        console.print(f"Written: {out}")
