"""Benefits and costs for each side separately: who gains what, when — for a negotiating position."""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.scenarios.results import ScenarioResult

__all__ = ["ITEMS", "benefit_cost_table", "cumulative_table"]

#: item → (outcome stem, unit); ``_ru`` / ``_by`` appended per side.
ITEMS: dict[str, tuple[str, str]] = {
    "exports": ("exports_gain", "mln USD"),
    "output": ("output", "mln USD"),
    "gva": ("gva", "mln USD"),
    "jobs": ("jobs", "jobs"),
    "budget_cost": ("cost", "mln RUB"),
}


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
