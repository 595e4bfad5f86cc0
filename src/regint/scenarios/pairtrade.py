"""The pair's own trade, estimated: a region's trade with the partner country allocated across the partner's regions.

Regional statistics give Smolensk's trade with all of Belarus (and, in the press, Vitebsk's trade with all of
Russia), not the trade of the pair. :func:`gravity_shares` allocates a region's trade with a country across the
country's regions in proportion to their gravity pull — economic size over distance to the power of the
distance elasticity — and :func:`pair_trade_share` turns the one or two allocations into the
``pair_trade_share`` parameter of the chain (share of the Russian region's trade with the partner country that
is trade with the partner region), with a range from the distance elasticity's interval and the spread of the
two estimates. The result is an **estimate**; a user's own figure of the pair's trade (baseline key
``pair_trade_usd``) replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.scenarios._errors import ScenarioError
from regint.scenarios.parameters import Parameter

__all__ = ["HEAD_MAYER_DISTANCE", "PairTradeEstimate", "gravity_shares", "pair_trade_share"]

#: Distance elasticity (low, central, high; sign dropped) when the project's own estimate is unavailable.
HEAD_MAYER_DISTANCE = (0.7, 1.1, 1.5)
HEAD_MAYER_SOURCE = ("Head, K. and Mayer, T. (2014). Gravity equations: workhorse, toolkit, and cookbook. Handbook of "
                     "International Economics vol. 4, pp. 131–195, Table 4: distance elasticity in structural gravity "
                     "estimates, mean −1.1, s.d. 0.41 (range ± 1 s.d.)")


def gravity_shares(mass: pd.Series, distance_km: pd.Series, distance_elasticity: float,
                   mass_elasticity: float = 1.0, adjacent: pd.Series | None = None,
                   adjacency: float = 0.0) -> pd.Series:
    """Share of a region's trade with a country that goes to each of the country's regions.

    .. math:: s_j = \\frac{M_j^{\\alpha}\\, d_{ij}^{-\\delta} e^{\\beta c_{ij}}}
              {\\sum_k M_k^{\\alpha}\\, d_{ik}^{-\\delta} e^{\\beta c_{ik}}}

    the gravity equation :math:`X_{ij} \\propto M_i^{\\alpha} M_j^{\\alpha} d_{ij}^{-\\delta}` with the origin's
    terms and the country's multilateral resistance common to all its regions, so they cancel in the shares.

    Parameters
    ----------
    mass : Series (J,)
        Economic size of each region of the partner country (GRP, or a labelled proxy), indexed by region code.
    distance_km : Series (J,)
        Distance from the origin region to each of them, km (> 0).
    distance_elasticity : float
        :math:`\\delta > 0` (the magnitude of the distance coefficient).
    mass_elasticity : float
        :math:`\\alpha`; 1 in structural gravity.
    adjacent : Series of bool (J,), optional
        :math:`c_{ij}`: whether region j borders the origin.
    adjacency : float
        :math:`\\beta`, the contiguity coefficient of the gravity equation (0: none).

    Returns
    -------
    Series (J,) of shares summing to one.

    References
    ----------
    Anderson, J. E. and van Wincoop, E. (2003). Gravity with gravitas: a solution to the border puzzle. *American
    Economic Review* 93(1): 170–192. Head, K. and Mayer, T. (2014), op. cit., sections 2–3.
    """
    m = pd.Series(mass, dtype=float)
    d = pd.Series(distance_km, dtype=float).reindex(m.index)
    if m.empty or d.isna().any() or (d <= 0).any() or (m < 0).any() or not m.sum() > 0:
        raise ScenarioError("gravity shares need a positive distance and a non-negative size for every region, "
                            f"with a positive total; got sizes {m.round(1).to_dict()}, distances {d.round(1).to_dict()}")
    if not distance_elasticity > 0:
        raise ScenarioError(f"the distance elasticity must be positive; got {distance_elasticity}")
    pull = m ** mass_elasticity * d ** (-distance_elasticity)
    if adjacent is not None:
        pull = pull * np.exp(adjacency * pd.Series(adjacent, dtype=float).reindex(m.index).fillna(0.0))
    return pull / pull.sum()


@dataclass(frozen=True)
class PairTradeEstimate:
    """The pair's trade as a share of the Russian region's trade with the partner country, with its workings."""

    parameter: Parameter
    pair_trade_usd: float
    workings: pd.DataFrame

    def summary(self) -> str:
        p = self.parameter
        return (f"Pair trade ≈ {self.pair_trade_usd:,.0f} mln USD = {p.central:.1%} (range {p.low:.1%}–{p.high:.1%}) "
                f"of the Russian region's trade with the partner country [{p.status}]\n"
                + self.workings.to_string(index=False))

    def to_frame(self) -> pd.DataFrame:
        return self.workings.copy()


def pair_trade_share(trade_ru_country: float, elasticity: tuple[float, float, float], *,
                     partner: str, partner_mass: pd.Series, partner_distance: pd.Series,
                     origin: str | None = None, trade_by_country: float | None = None,
                     origin_mass: pd.Series | None = None, origin_distance: pd.Series | None = None,
                     size_note: str = "", elasticity_source: str = HEAD_MAYER_SOURCE,
                     partner_adjacent: pd.Series | None = None, origin_adjacent: pd.Series | None = None,
                     adjacency: float = 0.0) -> PairTradeEstimate:
    """The ``pair_trade_share`` parameter: the pair's trade over the Russian region's trade with the partner country.

    Estimate A allocates the Russian region's trade with the partner country (``trade_ru_country``) across the
    partner country's regions (``partner_mass``, ``partner_distance``); estimate B, where the data have it,
    allocates the partner region's trade with Russia (``trade_by_country``) across the Russian regions
    (``origin_mass``, ``origin_distance``; ``origin`` is the Russian region). The central value is the mean of the
    estimates at the central elasticity; low and high are the smallest and largest over the estimates at the ends
    of the elasticity's range. All trade figures in the same unit (mln USD).

    Parameters
    ----------
    elasticity : (low, central, high)
        Magnitude of the distance elasticity.
    """
    if not trade_ru_country > 0:
        raise ScenarioError(f"the Russian region's trade with the partner country must be positive; got {trade_ru_country}")
    lo, mid, hi = elasticity
    rows = []
    for label, e in (("low", lo), ("central", mid), ("high", hi)):
        sa = float(gravity_shares(partner_mass, partner_distance, e, adjacent=partner_adjacent,
                                  adjacency=adjacency)[partner])
        rows.append({"estimate": "A: Russian region's trade with the partner country", "elasticity": label,
                     "distance_elasticity": e, "share": sa, "pair_trade": sa * trade_ru_country})
        if trade_by_country is not None and origin is not None and origin_mass is not None \
                and origin_distance is not None:
            sb = float(gravity_shares(origin_mass, origin_distance, e, adjacent=origin_adjacent,
                                      adjacency=adjacency)[origin])
            rows.append({"estimate": "B: partner region's trade with Russia", "elasticity": label,
                         "distance_elasticity": e, "share": sb, "pair_trade": sb * trade_by_country})
    work = pd.DataFrame(rows)
    work["share_of_ru_trade"] = work["pair_trade"] / trade_ru_country
    central = float(work.loc[work["elasticity"] == "central", "share_of_ru_trade"].mean())
    low, high = float(work["share_of_ru_trade"].min()), float(work["share_of_ru_trade"].max())
    central = min(max(central, low), high)
    both = work["estimate"].nunique() == 2
    source = ("ESTIMATE (gravity allocation): share of the pair in the Russian region's trade with the partner country"
              " — the partner region's gravity pull (size / distance^δ) among the partner country's regions"
              + ("; mean with the Russian region's share of the partner region's trade with Russia" if both else "")
              + f". Distance elasticity δ = {lo:.2f} / {mid:.2f} / {hi:.2f}"
              + (f", contiguity coefficient {adjacency:.3f} for bordering regions" if adjacency else "")
              + f": {elasticity_source}. Size: "
              + (size_note or "as given") + ".")
    param = Parameter("pair_trade_share", low, central, high, "pert", source, "estimate",
                      "share of the Russian region's trade with the partner country")
    return PairTradeEstimate(param, central * trade_ru_country, work)

