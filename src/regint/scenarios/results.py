"""The result of a scenario run: outcome draws, central path, quantiles, target probabilities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint.scenarios.baseline import Baseline
from regint.scenarios.parameters import Parameter
from regint.scenarios.targets import DEFAULT_HOLD, Target, first_year, parse_target

__all__ = ["QUANTILES", "ScenarioResult"]

QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class ScenarioResult:
    """Monte Carlo projection of one scenario.

    Attributes
    ----------
    outcomes : mapping name → array (n, Y)
        Every draw of every outcome.
    central : mapping name → array (Y,)
        The deterministic run at central parameter values.
    draws : mapping name → array (n,)
        The parameter draws (for attribution and reproducibility).
    """

    name: str
    title: str
    years: np.ndarray
    outcomes: Mapping[str, np.ndarray] = field(repr=False)
    central: Mapping[str, np.ndarray] = field(repr=False)
    draws: Mapping[str, np.ndarray] = field(repr=False)
    parameters: Mapping[str, Parameter] = field(repr=False)
    targets: tuple[str, ...] = ()
    baseline: Baseline | None = field(default=None, repr=False)
    seed: int = 0
    warnings: tuple[str, ...] = ()
    #: The same draws without any measure (the inertial path of each draw) and its central run.
    inertial: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)
    inertial_central: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)
    cost_share_ru: float | None = None
    hold: int = DEFAULT_HOLD

    @property
    def n_draws(self) -> int:
        return len(next(iter(self.outcomes.values())))

    def quantiles(self, outcome: str, q: tuple[float, ...] = QUANTILES) -> pd.DataFrame:
        """Year × quantile table of one outcome (plus the mean and the central run)."""
        arr = self.outcomes[outcome]
        qs = np.quantile(arr, q, axis=0)
        frame = pd.DataFrame(qs.T, index=pd.Index(self.years, name="year"), columns=[f"p{int(x * 100)}" for x in q])
        frame["mean"] = arr.mean(axis=0)
        frame["central"] = self.central[outcome]
        return frame

    def target(self, target: str | Target) -> Target:
        """A target of this result (text parsed with the result's number of years to hold)."""
        return parse_target(target, hold=self.hold) if isinstance(target, str) else target

    def _inertial(self, t: Target, central: bool = False) -> np.ndarray | None:
        if not t.relative:
            return None
        source = self.inertial_central if central else self.inertial
        if t.outcome not in source:
            raise KeyError(f"the inertial path of {t.outcome!r} is not kept; relative targets need one of "
                           f"{sorted(source)}")
        return source[t.outcome]

    def probability(self, target: str | Target) -> pd.Series:
        """Share of draws meeting the condition in each year (one year; not yet sustained)."""
        t = self.target(target)
        return pd.Series(t.met(self.outcomes[t.outcome], self._inertial(t)).mean(axis=0),
                         index=pd.Index(self.years, name="year"), name=str(t))

    def probability_by(self, target: str | Target) -> pd.Series:
        """Share of draws that have reached the target (held ``hold`` consecutive years from a year ≤ t)."""
        t = self.target(target)
        yrs = self.reach_years(t)
        by = (yrs[:, None] <= self.years[None, :]) & ~np.isnan(yrs)[:, None]
        return pd.Series(by.mean(axis=0), index=pd.Index(self.years, name="year"), name=str(t))

    def reach_years(self, target: str | Target) -> np.ndarray:
        """Year each draw reaches the target — the first year of its first run of ``hold`` consecutive years
        meeting it, wholly within the horizon (NaN if none) — shape (n,)."""
        t = self.target(target)
        return first_year(t.reached(self.outcomes[t.outcome], self._inertial(t)), self.years)

    def central_reach_year(self, target: str | Target) -> float:
        t = self.target(target)
        return float(first_year(t.reached(self.central[t.outcome], self._inertial(t, True))[None, :],
                                self.years)[0])

    def inertial_reach_year(self, target: str | Target) -> float:
        """Year the inertial central run (no measure) reaches the target; NaN if it does not (a relative target
        never is)."""
        t = self.target(target)
        if t.relative or t.outcome not in self.inertial_central:
            return float("nan")
        return float(first_year(t.reached(self.inertial_central[t.outcome])[None, :], self.years)[0])

    def target_table(self, targets: tuple[str, ...] | None = None) -> pd.DataFrame:
        """For each target: the year the central run reaches it, the median year over draws (when at least half
        reach it), P(reached by the horizon), and ``without_measures``: the year the inertial central run reaches
        it — such a target is met without any measure and is not a result of the scenario (``result`` False)."""
        rows = []
        for text in targets or self.targets:
            t = self.target(text)
            yrs = self.reach_years(t)
            hit = ~np.isnan(yrs)
            inert = self.inertial_reach_year(t)
            path0 = self._inertial(t)
            rows.append({"target": str(t), "hold": t.hold, "central_year": self.central_reach_year(t),
                         "median_year": float(np.nanmedian(yrs)) if hit.mean() >= 0.5 else np.nan,
                         "mean_year_if_reached": float(np.nanmean(yrs)) if hit.any() else np.nan,
                         "p_by_horizon": float(hit.mean()),
                         "p_already_at_start": float(t.met(self.outcomes[t.outcome][:, 0],
                                                           None if path0 is None else path0[:, 0]).mean()),
                         "without_measures": inert, "result": bool(np.isnan(inert))})
        return pd.DataFrame(rows)

    def gap_findings(self, outcomes: tuple[str, ...] = ("grp_gap", "wage_gap", "price_gap"),
                     tolerance: float = 0.005) -> pd.DataFrame:
        """Where a gap of the central run narrows and then widens again before the horizon.

        For each gap: its smallest value and year, the value at the horizon, and ``widens_again`` when the
        horizon value exceeds the minimum by more than ``tolerance`` (the minimum lying before the horizon).
        """
        rows = []
        for o in outcomes:
            if o not in self.central:
                continue
            path = np.asarray(self.central[o], dtype=float)
            k = int(np.argmin(path))
            rows.append({"outcome": o, "start_year": int(self.years[0]), "start": float(path[0]),
                         "min_year": int(self.years[k]), "min": float(path[k]), "end_year": int(self.years[-1]),
                         "end": float(path[-1]),
                         "widens_again": bool(k < len(path) - 1 and path[-1] - path[k] > tolerance)})
        return pd.DataFrame(rows, columns=["outcome", "start_year", "start", "min_year", "min", "end_year", "end",
                                           "widens_again"])

    def to_frame(self) -> pd.DataFrame:
        """Long frame: scenario, outcome, year, p5, p25, p50, p75, p95, mean, central."""
        frames = []
        for name in self.outcomes:
            f = self.quantiles(name).reset_index()
            f.insert(0, "outcome", name)
            frames.append(f)
        out = pd.concat(frames, ignore_index=True)
        out.insert(0, "scenario", self.name)
        return out

    def summary(self, outcomes: tuple[str, ...] = ("trade", "grp_gap", "wage_gap", "price_gap", "score")) -> str:
        h = int(self.years[-1])
        lines = [f"Scenario {self.name} ({self.title}): {self.n_draws:,} draws, seed {self.seed}, "
                 f"{int(self.years[0])}–{h}"]
        for o in outcomes:
            q = self.quantiles(o).loc[h]
            lines.append(f"  {o:<12} {h}: median {q['p50']:,.4g} (90% interval {q['p5']:,.4g} – {q['p95']:,.4g}); "
                         f"central {q['central']:,.4g}")
        if self.targets:
            lines.append(self.target_table().to_string(index=False))
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)
