"""The result of a scenario run: outcome draws, central path, quantiles, target probabilities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint.scenarios.baseline import Baseline
from regint.scenarios.parameters import Parameter
from regint.scenarios.targets import Target, first_year, parse_target

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

    def probability(self, target: str | Target) -> pd.Series:
        """Share of draws meeting the target in each year."""
        t = parse_target(target) if isinstance(target, str) else target
        return pd.Series(t.met(self.outcomes[t.outcome]).mean(axis=0), index=pd.Index(self.years, name="year"),
                         name=str(t))

    def probability_by(self, target: str | Target) -> pd.Series:
        """Share of draws that have reached the target at least once by each year."""
        t = parse_target(target) if isinstance(target, str) else target
        reached = np.maximum.accumulate(t.met(self.outcomes[t.outcome]), axis=1)
        return pd.Series(reached.mean(axis=0), index=pd.Index(self.years, name="year"), name=str(t))

    def reach_years(self, target: str | Target) -> np.ndarray:
        """First year each draw meets the target (NaN if never within the horizon), shape (n,)."""
        t = parse_target(target) if isinstance(target, str) else target
        return first_year(t.met(self.outcomes[t.outcome]), self.years)

    def target_table(self, targets: tuple[str, ...] | None = None) -> pd.DataFrame:
        """For each target: central-run year, median and mean year over draws that reach it, P(by horizon)."""
        rows = []
        for text in targets or self.targets:
            t = parse_target(text)
            yrs = self.reach_years(t)
            hit = ~np.isnan(yrs)
            central = first_year(t.met(self.central[t.outcome])[None, :], self.years)[0]
            rows.append({"target": str(t), "central_year": central,
                         "median_year": float(np.nanmedian(yrs)) if hit.mean() >= 0.5 else np.nan,
                         "mean_year_if_reached": float(np.nanmean(yrs)) if hit.any() else np.nan,
                         "p_by_horizon": float(hit.mean()),
                         "p_already_at_start": float(t.met(self.outcomes[t.outcome][:, 0]).mean())})
        return pd.DataFrame(rows)

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
