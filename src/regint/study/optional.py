"""The study's scenarios, objective factors and maps (each imports its analysis module when it runs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from regint.study.study import Study

SHIPPED_SCENARIOS: tuple[str, ...] = ("inertial", "moderate", "accelerated")


@dataclass(frozen=True)
class ScenarioRun:
    """One scenario's Monte Carlo result with its tables (benefits by side, targets, accounts, findings)."""

    spec: Any
    result: Any
    targets: pd.DataFrame
    benefits: pd.DataFrame
    cumulative: pd.DataFrame
    #: PV, NPV and benefit–cost ratio per side in its own currency and USD (regint.scenarios.accounts.side_accounts).
    accounts: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Yearly, cumulative and discounted cumulative net benefit per side in its own currency.
    yearly: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each side's NPV (USD) as the Russian share of shared costs runs from 0 to 1.
    split: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Gaps of the central run that narrow and widen again (ScenarioResult.gap_findings).
    gaps: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class FastestRun:
    """The fastest path to one target, its Monte Carlo (probability of reaching it by each year) and its cost by side."""

    path: Any
    probability_by: pd.Series
    result: Any = None


@dataclass(frozen=True)
class ScenarioBundle:
    """Scenarios compared, the fastest path to each target of the reference scenario, the levers, the baseline."""

    runs: tuple[ScenarioRun, ...]
    fastest: tuple[Any, ...]
    levers: pd.DataFrame
    baseline: pd.DataFrame
    fallbacks: tuple[str, ...]
    draws: int
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: The input-output multipliers of the chain used by the runs (name, low, central, high, status, source).
    multipliers: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The register of measures (status in force / agreed / proposed, act, date, source).
    register: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The fastest paths with their Monte Carlo (same order as ``fastest``).
    fastest_runs: tuple[FastestRun, ...] = ()
    base_year: int = 0
    first_measure_year: int = 0
    discount_rate: float = 0.05
    discount_source: str = ""
    #: Targets of the scenarios that the inertial central run reaches without any measure (not a result).
    met_without_measures: tuple[str, ...] = ()
    #: The gravity allocation of the pair's trade (workings), empty when not made.
    pair_trade: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The chain's mechanism parameters (name, low, central, high, status, source) used by the reference scenario.
    mechanism: pd.DataFrame = field(default_factory=pd.DataFrame)


MECHANISM_PARAMETERS: tuple[str, ...] = ("theta", "diversion", "export_share_ru", "pair_trade_share", "wage_passthrough",
                                         "price_passthrough", "trade_growth")


def run_scenarios(study: Study, files: Sequence[Path] | None, draws: int, seed: int) -> ScenarioBundle:
    """Run the given scenario files (default: the shipped inertial, moderate and accelerated scenarios).

    The baseline and the computed parameters (growth trends, input-output multipliers, the pair's trade) are the
    study's (:meth:`regint.study.Study.scenario_inputs`). Every scenario is projected from the study's base year
    with no measure before ``Settings.first_measure_year`` (:meth:`regint.scenarios.ScenarioSpec.timed`). The fastest
    path is sought for every target of the first scenario with a budget (or the last scenario), among the measures not
    in force, and run through the Monte Carlo for the probability of reaching the target by each year.
    """
    from regint.scenarios import (
        benefit_cost_table,
        cumulative_table,
        fastest_path,
        load_levers,
        load_scenario,
        plan_scenario,
        shipped_scenario,
        simulate,
    )
    from regint.scenarios.accounts import DISCOUNT_SOURCE, npv_by_split, side_accounts, side_yearly
    from regint.scenarios.multipliers import MULTIPLIER_KEYS

    settings = study.settings
    base_year, first = study.scenario_base_year, settings.first_measure_year
    rate = settings.discount_rate
    raw = [load_scenario(p) for p in files] if files else [shipped_scenario(n) for n in SHIPPED_SCENARIOS]
    catalogue = load_levers(None)
    runs = []
    inputs = None
    params_used: dict[str, Any] = {}
    notes: list[str] = []
    specs = []
    for spec0 in raw:
        spec0.schedule(catalogue)
        spec, note = spec0.timed(base_year, first)
        specs.append(spec)
        if note:
            notes.append(note)
    without: list[str] = []
    for spec in specs:
        inputs = study.scenario_inputs(spec)
        params = inputs.parameters(spec)
        params_used[spec.name] = params
        res = simulate(spec, catalogue, inputs.baseline, params, n_draws=draws, seed=seed)
        tt = res.target_table()
        without += [f"{spec.name}: {t}" for t, ok in zip(tt["target"], tt["result"], strict=True) if not ok]
        runs.append(ScenarioRun(spec=spec, result=res, targets=tt, benefits=benefit_cost_table(res),
                                cumulative=cumulative_table(res), accounts=side_accounts(res, rate, first - 1),
                                yearly=side_yearly(res, rate, first - 1), split=npv_by_split(res, rate, base=first - 1),
                                gaps=res.gap_findings()))
    ref = next((r for r in runs if r.spec.budget_annual is not None and r.spec.levers), runs[-1])
    ref_spec = next(r.spec for r in runs if r.spec.budget_annual is not None) if any(
        r.spec.budget_annual is not None for r in runs) else ref.spec
    fastest, fruns = [], []
    for target in ref_spec.targets:
        fp = fastest_path(catalogue, ref.result.baseline, params_used[ref.spec.name], target, ref_spec.years,
                          budget_annual=ref_spec.budget_annual, budget_total=ref_spec.budget_total,
                          weights=ref_spec.score_weights, first_start=first, hold=ref_spec.hold)
        fastest.append(fp)
        prob, mc = pd.Series(dtype=float), None
        if fp.plan.starts:
            pspec = plan_scenario(fp.plan, ref_spec, name=f"fastest_{len(fastest)}")
            mc = simulate(pspec, catalogue, ref.result.baseline, params_used[ref.spec.name], n_draws=draws, seed=seed)
            prob = mc.probability_by(fp.plan.target)
        fruns.append(FastestRun(path=fp, probability_by=prob, result=mc))
    base = inputs.baseline if inputs is not None else None
    used = params_used[ref.spec.name]
    multipliers = pd.DataFrame([{k: getattr(used[n], k) for k in ("name", "low", "central", "high", "status",
                                                                    "source")}
                                for n in MULTIPLIER_KEYS.values() if n in used])
    mechanism = pd.DataFrame([{k: getattr(used[n], k) for k in ("name", "low", "central", "high", "status", "unit",
                                                                  "source")}
                              for n in MECHANISM_PARAMETERS if n in used])
    est = study.pair_trade[0]
    return ScenarioBundle(runs=tuple(runs), fastest=tuple(fastest), levers=catalogue.to_frame(),
                          baseline=base.to_frame() if base is not None else pd.DataFrame(),
                          fallbacks=tuple(base.fallbacks) if base is not None else (), draws=draws,
                          notes=tuple(notes) + tuple(getattr(base, "notes", ())), multipliers=multipliers,
                          register=catalogue.register(), fastest_runs=tuple(fruns), base_year=base_year,
                          first_measure_year=first, discount_rate=rate, discount_source=DISCOUNT_SOURCE,
                          met_without_measures=tuple(without),
                          pair_trade=est.to_frame() if est is not None else pd.DataFrame(), mechanism=mechanism)


@dataclass(frozen=True)
class FactorsBundle:
    """Objective factors: the factor panel and the two-way fixed-effects fit with the wild cluster bootstrap."""

    panel: Any
    fit: Any
    outcome: str


def run_factors(panel: pd.DataFrame, bootstrap: int = 999, outcome: str = "cis_export_share") -> FactorsBundle:
    """:func:`regint.models.factors.fit_factors` on the factor panel of all Russian regions (as its CLI)."""
    from regint.models.factors import fit_factors
    from regint.models.factors_panel import build_factor_panel

    fp = build_factor_panel(panel, outcome, scope="regions")  # type: ignore[arg-type]
    fit = fit_factors(fp, bootstrap=bootstrap)
    return FactorsBundle(panel=fp, fit=fit, outcome=outcome)


@dataclass(frozen=True)
class MapBundle:
    """The locator map (both renderings) and a choropleth of wages, if the maps module draws them."""

    locator: dict[str, Any]
    choropleth: dict[str, Any]
    choropleth_indicator: str = "wage_nominal"
    year: int = 0
    notes: tuple[str, ...] = ()


def _wages_usd(panel: pd.DataFrame, pair: tuple[str, str]) -> tuple[pd.DataFrame, int]:
    """Wages of every region converted to USD, and the latest year both regions of the pair have one."""
    from regint.data.harmonise import to_usd

    ann = panel[panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    wages = ann[(ann["indicator"] == "wage_nominal") & ann["value"].notna()]
    usd = to_usd(wages, ann[ann["indicator"] == "fx_usd"])
    usd = usd[usd["value"].notna()]
    both = [set(usd.loc[usd["region"] == r, "period"].astype(int)) for r in pair]
    common = both[0] & both[1]
    if not common:
        raise ValueError(f"no year with wages in USD for both {pair[0]} and {pair[1]}")
    return usd.assign(unit="USD per month", price_basis=""), max(common)


def run_maps(panel: pd.DataFrame, pair: tuple[str, str]) -> MapBundle:
    """Locator map and a choropleth of wages in USD from :mod:`regint.maps` (matplotlib and plotly, ru and en)."""
    import regint.maps as maps

    locator = {lang: (maps.locator_map(lang=lang), maps.locator_map_plotly(lang=lang)) for lang in ("ru", "en")}
    notes: list[str] = []
    chor: dict[str, Any] = {}
    year = 0
    try:
        usd, year = _wages_usd(panel, pair)
        chor = {lang: (maps.choropleth_map(usd, "wage_nominal", year, lang=lang),  # type: ignore[arg-type]
                       maps.choropleth_map_plotly(usd, "wage_nominal", year, lang=lang))  # type: ignore[arg-type]
                for lang in ("ru", "en")}
    except Exception as exc:  # noqa: BLE001 — the locator map stands alone
        notes.append(f"choropleth not drawn: {type(exc).__name__}: {exc}")
    return MapBundle(locator=locator, choropleth=chor, choropleth_indicator="wage_nominal", year=year,
                     notes=tuple(notes))
