"""Territorial impact in the manner of ESPON TIA: experts' exposure × each side's sensitivity = impact per side.

Experts score how strongly each measure (a lever of integration) touches each field (trade, labour market,
transport, ...) — the *exposure*, signed, on a −3..+3 scale; data give each region's *sensitivity* to each field
in [0, 1]; the impact of a measure on a field in a region is their product, and a measure's total impact in a
region is the weighted sum over the fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.errors import DataError

EXPOSURE_RANGE = (-3.0, 3.0)


@dataclass(frozen=True)
class TIAResult:
    """An impact table.

    Attributes
    ----------
    impact : DataFrame
        Long: ``measure, field, region, exposure, sensitivity, weight, impact``.
    total : DataFrame
        Measures × regions: :math:`\\sum_f w_f E_{mf} S_{fr}`.
    illustrative : bool
        True when the exposure scores are not real expert judgements (then no finding rests on it).
    """

    impact: pd.DataFrame
    total: pd.DataFrame
    illustrative: bool = False

    def to_frame(self) -> pd.DataFrame:
        return self.impact.copy()

    def summary(self) -> str:
        head = "ILLUSTRATIVE exposure scores. " if self.illustrative else ""
        lines = [head + f"Territorial impact (exposure × sensitivity), {self.total.shape[0]} measures × "
                 f"{self.total.shape[1]} regions:"]
        for m, row in self.total.iterrows():
            lines.append(f"  {m}: " + ", ".join(f"{r} {v:+.2f}" for r, v in row.items()))
        return "\n".join(lines)


def tia_impact(exposure: pd.DataFrame, sensitivity: pd.DataFrame, weights: Mapping[str, float] | None = None,
               *, illustrative: bool = False) -> TIAResult:
    r"""Impact of measures on regions as exposure times sensitivity (ESPON TIA).

    .. math::

        I_{m f r} = E_{m f}\, S_{f r}, \qquad I_{m r} = \sum_f w_f\, E_{m f}\, S_{f r}, \qquad \sum_f w_f = 1

    Parameters
    ----------
    exposure : DataFrame, shape (measures, fields)
        Experts' exposure scores in [−3, 3] (sign = direction of the effect; ``NaN`` = not judged, counted 0).
    sensitivity : DataFrame, shape (fields, regions)
        Each region's sensitivity to each field in [0, 1] (e.g. the field's share in the economy relative to
        the most exposed region).
    weights : mapping field → weight, optional
        Importance of the fields (normalised to sum 1); equal by default.

    Raises
    ------
    DataError
        Fields that do not match, scores outside their range, or negative weights.

    References
    ----------
    ESPON (2013). *ESPON TIA Quick Check: approach and manual*. Luxembourg: ESPON (exposure × territorial
    sensitivity = territorial impact).
    Camagni, R. (2006). Territorial impact assessment — TIA: a methodological proposal. *Scienze Regionali*
    5(2): 135–146 (the TEQUILA model: :math:`TI = \sum_f w_f\, PI_f\, S_{fr}`).
    """
    e, s = exposure.astype(float), sensitivity.astype(float)
    missing = [f for f in e.columns if f not in s.index]
    extra = [f for f in s.index if f not in e.columns]
    if missing or extra:
        raise DataError(f"the fields of the exposure and sensitivity tables differ: exposure only {missing}, "
                        f"sensitivity only {extra}. Fix: use the same field codes in both.")
    lo, hi = EXPOSURE_RANGE
    bad = e.stack()[(e.stack() < lo) | (e.stack() > hi)]
    if len(bad):
        (m, f), v = next(iter(bad.items()))
        raise DataError(f"exposure of measure {m!r} on field {f!r} is {v:g}, outside [{lo:g}, {hi:g}]. "
                        "Fix: score exposure from -3 (strongly negative) to +3 (strongly positive).")
    sv = s.stack()
    if ((sv < 0) | (sv > 1)).any():
        (f, r), v = next(iter(sv[(sv < 0) | (sv > 1)].items()))
        raise DataError(f"sensitivity of region {r!r} to field {f!r} is {v:g}, outside [0, 1]. "
                        "Fix: rescale sensitivities to [0, 1].")
    w = pd.Series(1.0, index=e.columns) if weights is None else pd.Series(weights, dtype=float).reindex(e.columns)
    if w.isna().any() or (w < 0).any() or w.sum() <= 0:
        raise DataError(f"field weights must be given for every field {list(e.columns)} and be non-negative. "
                        "Fix: give one non-negative weight per field.")
    w = w / w.sum()
    s = s.loc[list(e.columns)]
    rows = []
    for m in e.index:
        for f in e.columns:
            for r in s.columns:
                ex = 0.0 if np.isnan(e.at[m, f]) else float(e.at[m, f])
                rows.append({"measure": m, "field": f, "region": r, "exposure": ex, "sensitivity": float(s.at[f, r]),
                             "weight": float(w[f]), "impact": ex * float(s.at[f, r])})
    impact = pd.DataFrame(rows)
    total = (impact.assign(w_impact=impact["impact"] * impact["weight"])
             .pivot_table(index="measure", columns="region", values="w_impact", aggfunc="sum")
             .reindex(index=list(e.index), columns=list(s.columns)))
    return TIAResult(impact, total, illustrative)


def relative_sensitivity(values: pd.DataFrame) -> pd.DataFrame:
    r"""Sensitivity from data: each field's value in a region relative to the largest among the regions.

    .. math:: S_{fr} = x_{fr} / \max_{r'} x_{fr'} \quad (x \ge 0)

    ``values`` is fields × regions (e.g. the field's share in employment or GVA); gaps stay ``NaN``.
    """
    v = values.astype(float)
    if (v < 0).any().any():
        raise DataError("sensitivity values must be non-negative (shares, intensities). Fix: use levels or shares.")
    return v.div(v.max(axis=1).replace(0, np.nan), axis=0)


__all__ = ["TIAResult", "relative_sensitivity", "tia_impact"]
