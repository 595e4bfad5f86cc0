"""One-at-a-time sensitivity (tornado): swing of an outcome at the horizon when one parameter goes low/high."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.scenarios.baseline import Baseline
from regint.scenarios.engine import LeverArrays, all_parameters, project
from regint.scenarios.levers import LeverCatalogue
from regint.scenarios.parameters import Parameter
from regint.scenarios.spec import ScenarioSpec

__all__ = ["TornadoResult", "tornado"]


@dataclass(frozen=True)
class TornadoResult:
    """Swings of one outcome at one year, sorted from the largest."""

    scenario: str
    outcome: str
    year: int
    central: float
    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def summary(self, top: int = 10) -> str:
        lines = [f"Tornado: {self.outcome} in {self.year}, scenario {self.scenario} (central {self.central:.4g})"]
        for _, r in self.frame.head(top).iterrows():
            lines.append(f"  {r['parameter']:<28} low→{r['outcome_low']:.4g}  high→{r['outcome_high']:.4g}  "
                         f"swing {r['swing']:.4g} [{r['status']}]")
        return "\n".join(lines)


def tornado(spec: ScenarioSpec, catalogue: LeverCatalogue, baseline: Baseline, params: Mapping[str, Parameter],
            outcome: str = "wage_gap", year: int | None = None) -> TornadoResult:
    """Swing of ``outcome`` in ``year`` (default: the horizon) for each uncertain parameter.

    .. math:: \\text{swing}_j = |f(\\theta^c_{-j}, \\theta^{high}_j) - f(\\theta^c_{-j}, \\theta^{low}_j)|

    All parameters except :math:`j` stay at their central values. Levers that the scenario does not use
    have no swing and are left out. All ``2P + 1`` runs are one vectorised projection.

    References
    ----------
    Saltelli, A. et al. (2008). *Global Sensitivity Analysis: The Primer*. Wiley, ch. 1 (one-at-a-time
    designs and their limits: interactions are not captured).
    """
    allp = all_parameters(catalogue, params)
    intensity, start = spec.schedule(catalogue)
    used = {f"{lid}.{kind}" for lid, k in zip(catalogue.ids, intensity, strict=True) if k > 0
            for kind in ("effect", "cost")}
    names = [k for k, p in allp.items() if p.uncertain and ("." not in k or k in used)]
    n = 2 * len(names) + 1
    draws = {k: np.full(n, p.central) for k, p in allp.items()}
    for i, k in enumerate(names):
        draws[k][2 * i] = allp[k].low
        draws[k][2 * i + 1] = allp[k].high
    out = project(baseline, LeverArrays.from_catalogue(catalogue), spec.years, draws, intensity, start,
                  spec.score_weights)[outcome]
    yr = int(spec.end if year is None else year)
    col = int(np.searchsorted(spec.years, yr))
    vals = out[:, col]
    rows = [{"parameter": k, "low": allp[k].low, "high": allp[k].high, "outcome_low": vals[2 * i],
             "outcome_high": vals[2 * i + 1], "swing": abs(vals[2 * i + 1] - vals[2 * i]),
             "status": allp[k].status, "source": allp[k].source} for i, k in enumerate(names)]
    frame = pd.DataFrame(rows, columns=["parameter", "low", "high", "outcome_low", "outcome_high", "swing",
                                        "status", "source"])
    frame = frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    return TornadoResult(spec.name, outcome, yr, float(vals[-1]), frame)
