"""The scenario chain as small pure functions, vectorised over draws.

Shapes: ``n`` draws, ``K`` levers, ``Y`` years. Functions broadcast, so a parameter may be a scalar, an array
of shape ``(n, 1)`` (one value per draw) or ``(n, Y)``.
"""

from __future__ import annotations

import numpy as np

from regint.indicators.gaps import relative_gap

__all__ = ["aggregate_multiplier", "cost_profile", "growth_path", "integration_score", "log_trade_cost_factor", "multiplier_impact",
           "phase_in", "price_gap", "relative_gap", "trade_response", "wage_response"]


def phase_in(start: np.ndarray, lag: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Share of full effect reached by each lever in each year (linear phase-in).

    .. math:: r_k(t) = \\min\\Big(1, \\max\\Big(0, \\frac{t - s_k + 1}{L_k}\\Big)\\Big)

    A lever started in year :math:`s_k` with lag :math:`L_k` has :math:`1/L_k` of its effect in its first
    year and all of it from year :math:`s_k + L_k - 1` (its completion year).

    Parameters
    ----------
    start : array (..., K)
        Start years; a year after the horizon means "not started".
    lag : array (K,)
        Years to full effect (>= 1).
    years : array (Y,)

    Returns
    -------
    array (..., K, Y)
    """
    s = np.asarray(start, dtype=float)[..., None]
    return np.clip((years - s + 1.0) / np.asarray(lag, dtype=float)[:, None], 0.0, 1.0)


def cost_profile(start: np.ndarray, lag: np.ndarray, per_year: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Share of a lever's cost parameter spent in each year.

    ``total`` costs (``per_year`` False) are spread evenly over the implementation years
    :math:`s_k, \\dots, s_k + L_k - 1`; ``per_year`` costs are paid every year from :math:`s_k`.

    Returns
    -------
    array (..., K, Y)
    """
    s = np.asarray(start, dtype=float)[..., None]
    lag_ = np.asarray(lag, dtype=float)[:, None]
    active = years >= s
    setup = active & (years <= s + lag_ - 1)
    return np.where(np.asarray(per_year, dtype=bool)[:, None], active * 1.0, setup / lag_)


def log_trade_cost_factor(cuts: np.ndarray) -> np.ndarray:
    """Log change of the bilateral trade-cost factor from several ad-valorem cuts.

    .. math:: \\ln(1 + \\tau') = \\sum_k \\ln(1 - c_k)

    where :math:`c_k` is the cut of lever :math:`k` as a fraction of the value of trade (cuts compound).

    Parameters
    ----------
    cuts : array (..., K, Y)

    Returns
    -------
    array (..., Y)
    """
    return np.log1p(-np.clip(cuts, 0.0, 0.99)).sum(axis=-2)


def trade_response(log_cost: np.ndarray, theta: np.ndarray | float) -> np.ndarray:
    """Relative change of bilateral trade for a change of trade costs (structural gravity, partial equilibrium).

    .. math:: \\frac{\\Delta X}{X} = (1 + \\tau')^{-\\theta} - 1 = \\exp(-\\theta \\ln(1 + \\tau')) - 1,
              \\quad \\theta = \\sigma - 1

    Multilateral resistance terms are held fixed (a small pair inside large economies).

    References
    ----------
    Head, K. and Mayer, T. (2014). Gravity equations: workhorse, toolkit, and cookbook. In G. Gopinath,
    E. Helpman and K. Rogoff (eds.), *Handbook of International Economics*, vol. 4, pp. 131–195. Elsevier.
    Yotov, Y. V., Piermartini, R., Monteiro, J.-A. and Larch, M. (2016). *An Advanced Guide to Trade Policy
    Analysis: The Structural Gravity Model*. WTO/UNCTAD, Geneva, ch. 1.
    """
    return np.expm1(-np.asarray(theta) * log_cost)


def multiplier_impact(demand: np.ndarray, multiplier: np.ndarray | float) -> np.ndarray:
    """Output (or GVA) impact of a final-demand change through a type-I multiplier.

    .. math:: \\Delta x = m \\, \\Delta f, \\qquad m = \\mathbf{1}'(I - A^r)^{-1} e_j \\text{ (aggregate)}

    References
    ----------
    Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed.
    Cambridge University Press, ch. 6 (multipliers).
    """
    return np.asarray(multiplier) * demand


def aggregate_multiplier(multipliers: np.ndarray, shares: np.ndarray) -> float:
    """Aggregate multiplier of a demand change spread over sectors by ``shares``.

    .. math:: \\bar m = \\sum_j s_j m_j, \\qquad \\sum_j s_j = 1

    Use it to turn the sector multipliers of the regional model (``RegionalModel.multipliers().frame``) and
    the sector shares of the pair's trade into the aggregate ``mult_*`` parameters of the chain.

    Parameters
    ----------
    multipliers, shares : array (J,)
        Shares are normalised to sum to one; negative shares are an error.
    """
    m, s = np.asarray(multipliers, dtype=float), np.asarray(shares, dtype=float)
    if m.shape != s.shape or (s < 0).any() or s.sum() <= 0:
        from regint.scenarios._errors import ScenarioError
        raise ScenarioError(f"multipliers {m.shape} and shares {s.shape} must have one non-negative share per "
                            "sector with a positive sum")
    return float(m @ (s / s.sum()))


def growth_path(level0: np.ndarray | float, growth: np.ndarray | float, years: np.ndarray, base_year: int
                ) -> np.ndarray:
    """Inertial path :math:`y_t = y_0 (1 + g)^{t - t_0}`; shape of ``growth`` broadcast against ``years``."""
    return np.asarray(level0) * np.power(1.0 + np.asarray(growth), years - base_year)


def wage_response(wage_base: np.ndarray, grp_ratio: np.ndarray, passthrough: np.ndarray | float) -> np.ndarray:
    """Wage path when GRP moves away from its inertial path.

    .. math:: w_t = \\bar w_t \\,\\big(1 + \\varepsilon\\,(Y_t / \\bar Y_t - 1)\\big)

    with :math:`\\varepsilon` the pass-through of output (productivity) to pay.

    References
    ----------
    Stansbury, A. and Summers, L. H. (2017). Productivity and pay: is the link broken? NBER Working Paper
    24165 (pass-through of labour productivity to compensation between about 0.7 and 1 in the US).
    """
    return wage_base * (1.0 + np.asarray(passthrough) * (grp_ratio - 1.0))


def price_gap(gap0: np.ndarray | float, log_cost: np.ndarray, passthrough: np.ndarray | float) -> np.ndarray:
    """Price-level gap when trade costs fall: the band of the law of one price narrows.

    .. math:: G^p_t = \\max\\big(0,\\; G^p_0 + \\varphi \\ln(1 + \\tau'_t)\\big)

    :math:`\\varphi \\in [0, 1]`: 1 means the gap falls one for one with the trade cost (the no-arbitrage
    band set by trade costs).

    References
    ----------
    Engel, C. and Rogers, J. H. (1996). How wide is the border? *American Economic Review* 86(5): 1112–1125.
    """
    return np.maximum(0.0, np.asarray(gap0) + np.asarray(passthrough) * log_cost)


def integration_score(grp_gap: np.ndarray, wage_gap: np.ndarray, p_gap: np.ndarray, trade_norm: np.ndarray,
                      weights: tuple[float, float, float, float]) -> np.ndarray:
    """Simple projected integration score, 0–100: weighted normalised convergence and trade indicators.

    .. math:: S = 100 \\big(w_1 (1 - G^y) + w_2 (1 - G^w) + w_3 (1 - \\min(G^p, 1)) + w_4 T\\big),
              \\quad \\sum w = 1

    with :math:`T = \\min(1, I_t / I^*)` the trade intensity (trade / combined GRP) over its goalpost.
    A placeholder for the composite index (regint.index), which may replace it.

    References
    ----------
    OECD and JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User Guide*. OECD
    Publishing, Paris (min–max normalisation with goalposts; linear aggregation).
    """
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    return 100.0 * (w[0] * (1 - grp_gap) + w[1] * (1 - wage_gap) + w[2] * (1 - np.minimum(p_gap, 1.0))
                    + w[3] * trade_norm)
