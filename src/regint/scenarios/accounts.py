"""Benefits and costs for each side separately, in its own currency: who gains what, when — for a negotiating position.

The benefit of a side is the additional value added (GRP) of its region against the inertial path of the same
draw — not exports or gross output, which count intermediate inputs and diverted sales. The cost of a side is its
budget outlay: its own measures plus its share of the shared measures (the split, ``cost_share_ru``, is a
negotiable parameter, see :func:`npv_by_split`). The Russian side is counted in RUB, the Belarusian in BYN, both
also in USD for comparison, at the base-year rates of the baseline (``fx_rub_usd``, ``fx_byn_usd``; the latter an
estimate where the data lack the NBRB rate). Costs beyond the budget that the chain does not model are listed in
:data:`NOT_MODELLED` and stay out of the figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.scenarios._errors import ScenarioError
from regint.scenarios.baseline import Baseline
from regint.scenarios.results import ScenarioResult

__all__ = ["DISCOUNT_SOURCE", "ITEMS", "NOT_MODELLED", "benefit_cost_table", "cost_in_own_currency",
           "cumulative_table", "discount_factors", "npv_by_split", "side_accounts", "side_flows", "side_yearly"]

#: item → (outcome stem, unit); ``_ru`` / ``_by`` appended per side.
ITEMS: dict[str, tuple[str, str]] = {
    "exports": ("exports_gain", "mln USD"),
    "output": ("output", "mln USD"),
    "gva": ("gva", "mln USD"),
    "jobs": ("jobs", "jobs"),
    "budget_cost": ("cost", "mln RUB"),
}
#: The source of the default discount rate (``Settings.discount_rate`` = 0.05).
DISCOUNT_SOURCE = ("European Commission (2014). Guide to Cost-Benefit Analysis of Investment Projects: Economic "
                   "appraisal tool for Cohesion Policy 2014–2020, section 2.9.4: a social discount rate of 5 % in "
                   "real terms for the Cohesion countries and 3 % for the others")
#: The same in Russian (the report quotes it in the Russian text; the title of the guide stays a citation).
DISCOUNT_SOURCE_RU = ("Европейская комиссия (2014), руководство по анализу затрат и выгод инвестиционных проектов "
                      "политики сплочения на 2014–2020 гг., разд. 2.9.4: социальная ставка дисконтирования 5 % в "
                      "реальном выражении для стран — получателей Фонда сплочения и 3 % для остальных")
#: Costs beyond the budget and why they are not in the figures.
NOT_MODELLED: tuple[tuple[str, str], ...] = (
    ("tariff revenue forgone", "none: Russia and Belarus levy no customs duties on each other's goods (EAEU customs "
                               "union); the measures cut non-tariff costs only"),
    ("adjustment of regulated prices", "not modelled: the chain has no regulated-price block"),
    ("workers leaving", "not modelled: the labour lever narrows the wage gap; migration flows are not projected"),
)
CURRENCY = {"ru": "RUB", "by": "BYN"}


def discount_factors(years: np.ndarray, rate: float, base: int) -> np.ndarray:
    """Discount factors to the year ``base``.

    .. math:: \\delta_t = (1 + r)^{-(t - t_b)}

    References
    ----------
    European Commission (2014), op. cit., section 2.9.4.
    """
    if not 0.0 <= rate < 1.0:
        raise ScenarioError(f"the discount rate must be a fraction in [0, 1); got {rate!r}")
    return np.power(1.0 + rate, -(np.asarray(years, dtype=float) - base))


def _rates(result: ScenarioResult) -> dict[str, float]:
    b = result.baseline
    if b is None:
        raise ScenarioError("the result has no baseline, hence no exchange rates for the accounts by side")
    fx_by = b.get("fx_byn_usd")
    if fx_by is None:
        raise ScenarioError("the baseline lacks fx_byn_usd (BYN per USD): the Belarusian side cannot be counted in BYN",
                            fix="give [baseline.values.fx_byn_usd] with value, source and status")
    return {"RUB": b["fx_rub_usd"], "BYN": float(fx_by), "USD": 1.0}


def cost_in_own_currency(cost_mln_rub: np.ndarray | float, side: str, baseline: Baseline
                         ) -> tuple[np.ndarray, str]:
    """A side's budget cost (the chain counts both in mln RUB) in its own currency: mln RUB for the Russian side,
    mln BYN for the Belarusian at the base-year cross rate ``fx_byn_usd / fx_rub_usd`` of ``baseline`` (the rates
    :func:`side_accounts` uses). Returns the values and the currency."""
    cost = np.asarray(cost_mln_rub, dtype=float)
    if side == "ru":
        return cost, "RUB"
    if side != "by":
        raise ScenarioError(f"side must be 'ru' or 'by'; got {side!r}")
    fx_by = baseline.get("fx_byn_usd")
    if fx_by is None:
        raise ScenarioError("the baseline lacks fx_byn_usd (BYN per USD): the Belarusian side cannot be counted in BYN",
                            fix="give [baseline.values.fx_byn_usd] with value, source and status")
    return cost * float(fx_by) / baseline["fx_rub_usd"], "BYN"


def side_flows(result: ScenarioResult, side: str, cost_share_ru: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Benefit (additional GVA) and budget cost of one side per draw and year, both in mln USD, shape (n, Y).

    ``cost_share_ru`` re-splits the shared measures' cost (``None``: the split the run used).
    """
    o = result.outcomes
    fx = _rates(result)["RUB"]
    if cost_share_ru is None:
        cost = o[f"cost_{side}"]
    else:
        if not 0.0 <= cost_share_ru <= 1.0:
            raise ScenarioError(f"the cost share must be in [0, 1]; got {cost_share_ru!r}")
        share = cost_share_ru if side == "ru" else 1.0 - cost_share_ru
        cost = o[f"cost_own_{side}"] + share * o["cost_shared"]
    return np.asarray(o[f"gva_{side}"], float), np.asarray(cost, float) / fx


def side_accounts(result: ScenarioResult, rate: float, base: int | None = None,
                  cost_share_ru: float | None = None) -> pd.DataFrame:
    """Present values, NPV and benefit–cost ratio of each side in its own currency and in USD, with bands.

    .. math::
        PV^s_B = \\sum_t \\delta_t \\, \\Delta v^s_t, \\quad PV^s_C = \\sum_t \\delta_t \\, c^s_t, \\quad
        NPV^s = PV^s_B - PV^s_C, \\quad BCR^s = PV^s_B / PV^s_C

    per draw; the table gives the median and the 5th and 95th percentiles over draws and the central run's value.

    Parameters
    ----------
    rate : float
        Real discount rate (``Settings.discount_rate``; default 5 %, :data:`DISCOUNT_SOURCE`).
    base : int, optional
        Year discounted to (default: the first year of the projection).
    cost_share_ru : float, optional
        The Russian side's share of the shared measures' cost (default: the run's).

    Returns
    -------
    DataFrame: side, region, currency, item (benefit_pv, cost_pv, npv, bcr, benefit_sum, cost_sum), value (median),
    p5, p95, central. ``bcr`` is NaN where a side bears no cost.
    """
    years = np.asarray(result.years)
    base = int(years[0]) if base is None else int(base)
    d = discount_factors(years, rate, base)
    rates = _rates(result)
    regions = result.baseline.regions if result.baseline is not None else ("RU", "BY")
    rows = []
    for side, region in zip(("ru", "by"), regions, strict=True):
        ben, cost = side_flows(result, side, cost_share_ru)
        cb, cc = _central_flows(result, side, cost_share_ru)
        items = {"benefit_pv": (ben @ d, cb @ d), "cost_pv": (cost @ d, cc @ d),
                 "benefit_sum": (ben.sum(axis=1), cb.sum()), "cost_sum": (cost.sum(axis=1), cc.sum())}
        items["npv"] = (items["benefit_pv"][0] - items["cost_pv"][0], items["benefit_pv"][1] - items["cost_pv"][1])
        with np.errstate(divide="ignore", invalid="ignore"):
            bcr = np.where(items["cost_pv"][0] > 0, items["benefit_pv"][0] / items["cost_pv"][0], np.nan)
            bcr_c = items["benefit_pv"][1] / items["cost_pv"][1] if items["cost_pv"][1] > 0 else np.nan
        for cur in (CURRENCY[side], "USD"):
            k = rates[cur]
            for item, (arr, c) in items.items():
                rows.append(_row(side, region, cur, item, np.asarray(arr) * k, float(c) * k))
        rows.append(_row(side, region, "", "bcr", bcr, float(bcr_c)))
    out = pd.DataFrame(rows)
    out.attrs.update(rate=rate, base=base, rates=rates)
    return out


def _central_flows(result: ScenarioResult, side: str, cost_share_ru: float | None) -> tuple[np.ndarray, np.ndarray]:
    c = result.central
    fx = _rates(result)["RUB"]
    if cost_share_ru is None:
        cost = c[f"cost_{side}"]
    else:
        share = cost_share_ru if side == "ru" else 1.0 - cost_share_ru
        cost = c[f"cost_own_{side}"] + share * c["cost_shared"]
    return np.asarray(c[f"gva_{side}"], float), np.asarray(cost, float) / fx


def _row(side: str, region: str, cur: str, item: str, arr: np.ndarray, central: float) -> dict[str, object]:
    arr = np.asarray(arr, dtype=float)
    ok = arr[np.isfinite(arr)]
    q = np.quantile(ok, (0.05, 0.5, 0.95)) if ok.size else (np.nan, np.nan, np.nan)
    return {"side": side, "region": region, "currency": cur, "item": item, "value": float(q[1]), "p5": float(q[0]),
            "p95": float(q[2]), "central": central}


def npv_by_split(result: ScenarioResult, rate: float, splits: np.ndarray | None = None,
                 base: int | None = None) -> pd.DataFrame:
    """Each side's NPV (mln USD, median and 90 % band over draws) as the Russian share of shared costs runs 0..1.

    NPV is linear in the split: raising the Russian share by :math:`\\Delta` lowers the Russian NPV by
    :math:`\\Delta \\cdot PV_{shared}` and raises the Belarusian NPV by the same amount (in a common currency).
    """
    s = np.linspace(0.0, 1.0, 11) if splits is None else np.asarray(splits, dtype=float)
    rows = []
    for share in s:
        acc = side_accounts(result, rate, base, float(share))
        for side in ("ru", "by"):
            r = acc[(acc["side"] == side) & (acc["item"] == "npv") & (acc["currency"] == "USD")].iloc[0]
            rows.append({"share_ru": float(share), "side": side, "npv_usd": r["value"], "p5": r["p5"], "p95": r["p95"],
                         "central": r["central"]})
    return pd.DataFrame(rows)


def benefit_cost_table(result: ScenarioResult, sides: tuple[str, str] | None = None) -> pd.DataFrame:
    """Side × item × year × value with the 90 % interval (and the 50 % one).

    Gains are differences from the inertial path (no levers) of the same draw; costs are budget outlays of
    the side in the year. ``value`` is the median over draws; ``central`` the central-parameter run.

    Returns
    -------
    DataFrame with columns side, region, item, unit, year, value, p5, p25, p75, p95, central.
    """
    regions = sides or (result.baseline.regions if result.baseline else ("RU", "BY"))
    frames = []
    for side, region in zip(("ru", "by"), regions, strict=True):
        for item, (stem, unit) in ITEMS.items():
            key = f"{stem}_{side}"
            if key not in result.outcomes:
                continue
            arr = result.outcomes[key]
            q = np.quantile(arr, (0.05, 0.25, 0.5, 0.75, 0.95), axis=0)
            frames.append(pd.DataFrame({
                "side": side, "region": region, "item": item, "unit": unit, "year": result.years,
                "value": q[2], "p5": q[0], "p25": q[1], "p75": q[3], "p95": q[4],
                "central": result.central[key]}))
    return pd.concat(frames, ignore_index=True)


def cumulative_table(result: ScenarioResult, sides: tuple[str, str] | None = None) -> pd.DataFrame:
    """Sums over the whole horizon per side and item (median and 90 % interval of the per-draw sums).

    Jobs are not summed (a job in two years is one job): the value is the level in the last year.
    """
    regions = sides or (result.baseline.regions if result.baseline else ("RU", "BY"))
    rows = []
    for side, region in zip(("ru", "by"), regions, strict=True):
        for item, (stem, unit) in ITEMS.items():
            key = f"{stem}_{side}"
            if key not in result.outcomes:
                continue
            arr = result.outcomes[key]
            tot = arr[:, -1] if item == "jobs" else arr.sum(axis=1)
            label = f"{unit} in {int(result.years[-1])}" if item == "jobs" else f"{unit}, sum {int(result.years[0])}–{int(result.years[-1])}"
            p5, p50, p95 = np.quantile(tot, (0.05, 0.5, 0.95))
            rows.append({"side": side, "region": region, "item": item, "unit": label, "value": p50, "p5": p5,
                         "p95": p95})
    return pd.DataFrame(rows)


def side_yearly(result: ScenarioResult, rate: float, base: int | None = None,
                cost_share_ru: float | None = None) -> pd.DataFrame:
    """Per side and year in the side's own currency: benefit, cost, net, cumulative net and discounted cumulative net
    (median and 90 % band over draws of each quantity).

    Returns
    -------
    DataFrame: side, region, currency, year, item (benefit, cost, net, cumulative, discounted_cumulative), value, p5,
    p95.
    """
    years = np.asarray(result.years)
    base = int(years[0]) if base is None else int(base)
    d = discount_factors(years, rate, base)
    rates = _rates(result)
    regions = result.baseline.regions if result.baseline is not None else ("RU", "BY")
    frames = []
    for side, region in zip(("ru", "by"), regions, strict=True):
        ben, cost = side_flows(result, side, cost_share_ru)
        k = rates[CURRENCY[side]]
        net = ben - cost
        series = {"benefit": ben, "cost": cost, "net": net, "cumulative": np.cumsum(net, axis=1),
                  "discounted_cumulative": np.cumsum(net * d, axis=1)}
        for item, arr in series.items():
            q = np.quantile(arr * k, (0.05, 0.5, 0.95), axis=0)
            frames.append(pd.DataFrame({"side": side, "region": region, "currency": CURRENCY[side], "year": years,
                                        "item": item, "value": q[1], "p5": q[0], "p95": q[2]}))
    return pd.concat(frames, ignore_index=True)
