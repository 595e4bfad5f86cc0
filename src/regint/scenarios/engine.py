"""The projection engine: levers → trade → output and GVA → GRP per capita → gaps and score, for many draws.

:func:`project` is the vectorised core (arrays in, arrays out); :func:`simulate` draws the parameters and
wraps the result; :func:`deterministic` runs the central values only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from regint.scenarios import chain
from regint.scenarios.baseline import Baseline
from regint.scenarios.levers import LeverCatalogue
from regint.scenarios.parameters import Parameter, sample_parameters
from regint.scenarios.results import ScenarioResult
from regint.scenarios.spec import ScenarioSpec

__all__ = ["INERTIAL_OUTCOMES", "MODEL_PARAMETERS", "OUTCOMES", "pair_trade", "LeverArrays", "all_parameters", "central_draws", "deterministic", "project", "simulate"]

MODEL_PARAMETERS: tuple[str, ...] = (
    "theta", "export_share_ru", "diversion", "mult_output_ru", "mult_output_by", "mult_gva_ru", "mult_gva_by",
    "wage_passthrough", "price_passthrough", "grp_growth_ru", "grp_growth_by", "population_growth_ru",
    "population_growth_by", "trade_growth", "trade_goalpost", "pair_trade_share")

#: Outcome name → (description, unit).
OUTCOMES: dict[str, tuple[str, str]] = {
    "trade": ("bilateral trade of the pair", "mln USD"),
    "trade_change": ("trade above the inertial path", "share"),
    "exports_gain_ru": ("additional exports of the Russian region", "mln USD"),
    "exports_gain_by": ("additional exports of the Belarusian region", "mln USD"),
    "output_ru": ("additional output, Russian region", "mln USD"),
    "output_by": ("additional output, Belarusian region", "mln USD"),
    "gva_ru": ("additional GVA (GRP), Russian region", "mln USD"),
    "gva_by": ("additional GVA (GRP), Belarusian region", "mln USD"),
    "jobs_ru": ("additional jobs, Russian region", "jobs"),
    "jobs_by": ("additional jobs, Belarusian region", "jobs"),
    "cost_ru": ("budget cost, Russian side", "mln RUB"),
    "cost_by": ("budget cost, Belarusian side", "mln RUB"),
    "cost_total": ("budget cost, both sides", "mln RUB"),
    "cost_shared": ("budget cost of the shared measures (before the split)", "mln RUB"),
    "cost_own_ru": ("budget cost of the Russian side's own measures", "mln RUB"),
    "cost_own_by": ("budget cost of the Belarusian side's own measures", "mln RUB"),
    "grp_pc_ru": ("GRP per capita, Russian region", "USD"),
    "grp_pc_by": ("GRP per capita, Belarusian region", "USD"),
    "wage_ru": ("average monthly wage, Russian region", "USD"),
    "wage_by": ("average monthly wage, Belarusian region", "USD"),
    "grp_gap": ("gap in GRP per capita", "share of the higher"),
    "wage_gap": ("wage gap", "share of the higher"),
    "price_gap": ("price-level gap", "share of the higher"),
    "score": ("projected integration score", "0–100"),
}


#: Outcomes kept for the inertial path of every draw (relative targets, findings, fan charts).
INERTIAL_OUTCOMES: tuple[str, ...] = ("trade", "grp_pc_ru", "grp_pc_by", "wage_ru", "wage_by", "grp_gap", "wage_gap",
                                      "price_gap", "score")


@dataclass(frozen=True)
class LeverArrays:
    """The catalogue as arrays of length K (mechanism masks, side weights, lags, cost basis)."""

    ids: tuple[str, ...]
    trade: np.ndarray
    investment: np.ndarray
    productivity: np.ndarray
    labour: np.ndarray
    w_ru: np.ndarray
    w_by: np.ndarray
    ru_share: np.ndarray
    lag: np.ndarray
    per_year: np.ndarray
    shared: np.ndarray | None = None
    own_ru: np.ndarray | None = None

    @classmethod
    def from_catalogue(cls, catalogue: LeverCatalogue) -> LeverArrays:
        mech = np.array([lv.mechanism for lv in catalogue])
        w = np.array([lv.weights for lv in catalogue], dtype=float).reshape(-1, 2)
        return cls(catalogue.ids, mech == "trade_cost", mech == "investment", mech == "productivity",
                   mech == "labour", w[:, 0], w[:, 1], np.array([lv.ru_share for lv in catalogue], dtype=float),
                   np.array([lv.lag for lv in catalogue], dtype=int),
                   np.array([lv.cost_basis == "per_year" for lv in catalogue], dtype=bool),
                   np.array([lv.side == "both" for lv in catalogue], dtype=bool),
                   np.array([lv.side == "ru" for lv in catalogue], dtype=bool))


def _col(draws: Mapping[str, np.ndarray], name: str) -> np.ndarray:
    return np.asarray(draws[name], dtype=float)[:, None]


def project(baseline: Baseline, arrays: LeverArrays, years: np.ndarray, draws: Mapping[str, np.ndarray],
            intensity: np.ndarray, start: np.ndarray,
            weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25),
            cost_share_ru: float | None = None) -> dict[str, np.ndarray]:
    """Project every outcome for every draw and year.

    .. math::
        \\ln(1+\\tau'_t) = \\sum_k \\ln(1 - c_k a_k r_k(t)), \\qquad
        \\Delta X_t = \\bar X_t \\big((1+\\tau'_t)^{-\\theta} - 1\\big)

        \\Delta f^s_t = (1 - d)\\, e^s \\Delta X_t + I^s_t, \\quad
        \\Delta x^s_t = m^s_x \\Delta f^s_t, \\quad \\Delta v^s_t = m^s_v \\Delta f^s_t

        Y^s_t = \\bar Y^s_t (1 + p^s_t) + \\Delta v^s_t, \\qquad y^s_t = Y^s_t / N^s

    with :math:`a_k` the intensity, :math:`r_k` the phase-in, :math:`c_k` the ad-valorem cut, :math:`e^s`
    the side's share of the pair's exports, :math:`d` the diversion share, :math:`I^s` investment (USD),
    :math:`p^s` the productivity effects and :math:`N^s_t` the population on its trend; the inertial GRP
    per capita :math:`\\bar y^s_t` grows at its recent real trend and wages grow with it. Wages, price gap and
    score follow :mod:`regint.scenarios.chain`.

    Parameters
    ----------
    baseline : Baseline
    arrays : LeverArrays
        The catalogue (K levers).
    years : array (Y,)
    draws : mapping name → array (n,)
        Model parameters (:data:`MODEL_PARAMETERS`) and ``<lever>.effect``, ``<lever>.cost`` for each lever.
    intensity, start : array (K,) or (n, K)
        Intensity (0..1) and start year of each lever (a year after the horizon = not started).
    weights : 4 floats
        Score weights of the GRP gap, wage gap, price gap and trade indicators.
    cost_share_ru : float, optional
        The Russian side's share of the cost of every shared measure (a negotiable split, 0..1); ``None``: each
        lever's ``ru_share``. Measures of one side are paid by that side.

    Returns
    -------
    dict name → array (n, Y)
        The outcomes of :data:`OUTCOMES` (jobs only when the baseline has labour intensities).
    """
    years = np.asarray(years)
    t0 = baseline.year
    n = len(next(iter(draws.values())))
    effect = np.stack([np.asarray(draws[f"{i}.effect"], float) for i in arrays.ids], axis=1)  # (n, K)
    cost = np.stack([np.asarray(draws[f"{i}.cost"], float) for i in arrays.ids], axis=1)
    inten = np.broadcast_to(np.asarray(intensity, float), (n, len(arrays.ids)))
    active = inten[:, :, None] * chain.phase_in(start, arrays.lag, years)  # (n, K, Y)
    level = effect[:, :, None] * active

    log_cost = chain.log_trade_cost_factor(level * arrays.trade[None, :, None])
    theta = _col(draws, "theta")
    trade_base = chain.growth_path(pair_trade(baseline, draws), _col(draws, "trade_growth"), years, t0)
    trade_change = chain.trade_response(log_cost, theta)
    d_trade = trade_base * trade_change
    share_ru = _col(draws, "export_share_ru")
    new = 1.0 - _col(draws, "diversion")
    exp_ru, exp_by = share_ru * d_trade, (1.0 - share_ru) * d_trade

    inv = level * arrays.investment[None, :, None] / baseline["fx_rub_usd"]
    inv_ru = (inv * arrays.w_ru[None, :, None]).sum(axis=1)
    inv_by = (inv * arrays.w_by[None, :, None]).sum(axis=1)
    prod_ru = (level * (arrays.productivity * arrays.w_ru)[None, :, None]).sum(axis=1)
    prod_by = (level * (arrays.productivity * arrays.w_by)[None, :, None]).sum(axis=1)
    closed = 1.0 - np.prod(1.0 - level * arrays.labour[None, :, None], axis=1)

    dem_ru, dem_by = new * exp_ru + inv_ru, new * exp_by + inv_by
    out: dict[str, np.ndarray] = {
        "trade": trade_base + d_trade, "trade_change": trade_change,
        "exports_gain_ru": exp_ru, "exports_gain_by": exp_by,
        "output_ru": chain.multiplier_impact(dem_ru, _col(draws, "mult_output_ru")),
        "output_by": chain.multiplier_impact(dem_by, _col(draws, "mult_output_by")),
        "gva_ru": chain.multiplier_impact(dem_ru, _col(draws, "mult_gva_ru")),
        "gva_by": chain.multiplier_impact(dem_by, _col(draws, "mult_gva_by")),
    }
    pop_ru = chain.growth_path(baseline["population_ru"], _col(draws, "population_growth_ru"), years, t0)
    pop_by = chain.growth_path(baseline["population_by"], _col(draws, "population_growth_by"), years, t0)
    pc_ru = chain.growth_path(baseline["grp_pc_usd_ru"], _col(draws, "grp_growth_ru"), years, t0)
    pc_by = chain.growth_path(baseline["grp_pc_usd_by"], _col(draws, "grp_growth_by"), years, t0)
    grp0_ru = baseline["grp_pc_usd_ru"] * baseline["population_ru"] / 1e6
    grp0_by = baseline["grp_pc_usd_by"] * baseline["population_by"] / 1e6
    base_ru, base_by = pc_ru * pop_ru / 1e6, pc_by * pop_by / 1e6
    grp_ru = base_ru * (1.0 + prod_ru) + out["gva_ru"]
    grp_by = base_by * (1.0 + prod_by) + out["gva_by"]
    out["grp_pc_ru"] = grp_ru * 1e6 / pop_ru
    out["grp_pc_by"] = grp_by * 1e6 / pop_by
    wage_ru = chain.wage_response(baseline["wage_usd_ru"] * pc_ru / baseline["grp_pc_usd_ru"], grp_ru / base_ru,
                                  _col(draws, "wage_passthrough"))
    wage_by = chain.wage_response(baseline["wage_usd_by"] * pc_by / baseline["grp_pc_usd_by"], grp_by / base_by,
                                  _col(draws, "wage_passthrough"))
    out["wage_ru"], out["wage_by"] = wage_ru, wage_by
    out["grp_gap"] = chain.relative_gap(out["grp_pc_ru"], out["grp_pc_by"])
    out["wage_gap"] = chain.relative_gap(wage_ru, wage_by) * (1.0 - closed)
    gap_p0 = float(chain.relative_gap(np.array(baseline["price_level_ru"]), np.array(baseline["price_level_by"])))
    out["price_gap"] = chain.price_gap(gap_p0, log_cost, _col(draws, "price_passthrough"))
    intensity0 = pair_trade(baseline, draws) / (grp0_ru + grp0_by)
    trade_norm = np.minimum(1.0, out["trade"] / (grp_ru + grp_by) / (_col(draws, "trade_goalpost") * intensity0))
    out["score"] = chain.integration_score(out["grp_gap"], out["wage_gap"], out["price_gap"], trade_norm, weights)
    if baseline.has_jobs:
        out["jobs_ru"] = out["gva_ru"] * baseline["jobs_per_musd_ru"]
        out["jobs_by"] = out["gva_by"] * baseline["jobs_per_musd_by"]
    spend = cost[:, :, None] * inten[:, :, None] * chain.cost_profile(start, arrays.lag, arrays.per_year, years)
    share = arrays.ru_share if cost_share_ru is None else np.where(
        _shared(arrays), float(cost_share_ru), arrays.ru_share)
    out["cost_ru"] = (spend * share[None, :, None]).sum(axis=1)
    out["cost_by"] = (spend * (1.0 - share)[None, :, None]).sum(axis=1)
    out["cost_total"] = spend.sum(axis=1)
    out["cost_shared"] = (spend * _shared(arrays)[None, :, None]).sum(axis=1)
    own_ru = arrays.own_ru if arrays.own_ru is not None else np.zeros(len(arrays.ids), dtype=bool)
    out["cost_own_ru"] = (spend * own_ru[None, :, None]).sum(axis=1)
    out["cost_own_by"] = (spend * (~_shared(arrays) & ~own_ru)[None, :, None]).sum(axis=1)
    return out


def _shared(arrays: LeverArrays) -> np.ndarray:
    return arrays.shared if arrays.shared is not None else np.ones(len(arrays.ids), dtype=bool)


def pair_trade(baseline: Baseline, draws: Mapping[str, np.ndarray]) -> np.ndarray | float:
    """Base-year trade of the pair, mln USD: the user's own pair figure (``pair_trade_usd``) where given, else
    the Russian region's trade with the partner country times the partner region's share of it
    (``pair_trade_share``, a gravity allocation: :func:`regint.scenarios.pairtrade.gravity_shares`)."""
    own = baseline.get("pair_trade_usd")
    if own is not None:
        return own
    if "pair_trade_share" in draws:
        return baseline["trade_usd"] * _col(draws, "pair_trade_share")
    return baseline["trade_usd"]


def central_draws(params: Mapping[str, Parameter], n: int = 1) -> dict[str, np.ndarray]:
    """Every parameter at its central value, ``n`` copies."""
    return {k: np.full(n, p.central) for k, p in params.items()}


def all_parameters(catalogue: LeverCatalogue, params: Mapping[str, Parameter]) -> dict[str, Parameter]:
    missing = [m for m in MODEL_PARAMETERS if m not in params]
    if missing:
        from regint.scenarios._errors import ScenarioError
        raise ScenarioError(f"model parameters missing: {missing}",
                            fix="start from regint.scenarios.baseline.default_parameters()")
    return {**{m: params[m] for m in MODEL_PARAMETERS}, **catalogue.parameters(),
            **{k: v for k, v in params.items() if k not in MODEL_PARAMETERS}}


def simulate(spec: ScenarioSpec, catalogue: LeverCatalogue, baseline: Baseline, params: Mapping[str, Parameter],
             *, n_draws: int = 10_000, seed: int = 20250101, chunk: int | None = None,
             progress: Callable[[int], None] | None = None) -> ScenarioResult:
    """Monte Carlo over every uncertain parameter (model and levers); seeded, vectorised.

    Parameters
    ----------
    spec, catalogue, baseline : the scenario, the levers and the starting point.
    params : mapping name → Parameter
        Model parameters (e.g. ``spec.parameters(default_parameters())``); lever parameters come from the
        catalogue unless overridden here.
    n_draws : int
        Number of draws (10,000 by default).
    seed : int
        Seed of ``np.random.default_rng``; the same seed gives the same draws.
    chunk : int, optional
        Project in chunks of this many draws (memory), calling ``progress(done)`` after each.
    """
    allp = all_parameters(catalogue, params)
    draws = sample_parameters(allp, n_draws, seed)
    intensity, start = spec.schedule(catalogue)
    arrays = LeverArrays.from_catalogue(catalogue)
    years = spec.years
    weights = spec.score_weights
    size = chunk or n_draws
    parts: list[dict[str, np.ndarray]] = []
    inert: list[dict[str, np.ndarray]] = []
    for lo in range(0, n_draws, size):
        sub = {k: v[lo:lo + size] for k, v in draws.items()}
        parts.append(project(baseline, arrays, years, sub, intensity, start, weights, spec.cost_share_ru))
        inert.append(project(baseline, arrays, years, sub, np.zeros_like(intensity), start, weights))
        if progress is not None:
            progress(min(lo + size, n_draws))
    outcomes = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    inertial = {k: np.concatenate([p[k] for p in inert]) for k in INERTIAL_OUTCOMES}
    cd = central_draws(allp)
    central = project(baseline, arrays, years, cd, intensity, start, weights, spec.cost_share_ru)
    central0 = project(baseline, arrays, years, cd, np.zeros_like(intensity), start, weights)
    return ScenarioResult(name=spec.name, title=spec.title(), years=years, outcomes=outcomes,
                          central={k: v[0] for k, v in central.items()}, draws=draws, parameters=allp,
                          targets=spec.targets, baseline=baseline, seed=seed,
                          warnings=tuple(spec.check_prerequisites(catalogue)), inertial=inertial,
                          inertial_central={k: central0[k][0] for k in INERTIAL_OUTCOMES},
                          cost_share_ru=spec.cost_share_ru, hold=spec.hold)


def deterministic(spec: ScenarioSpec, catalogue: LeverCatalogue, baseline: Baseline,
                  params: Mapping[str, Parameter]) -> dict[str, np.ndarray]:
    """Central-value run: outcome name → array (Y,)."""
    allp = all_parameters(catalogue, params)
    intensity, start = spec.schedule(catalogue)
    out = project(baseline, LeverArrays.from_catalogue(catalogue), spec.years,
                  central_draws(allp), intensity, start, spec.score_weights, spec.cost_share_ru)
    return {k: v[0] for k, v in out.items()}
