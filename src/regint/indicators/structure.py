"""Economic structure of regions: specialisation, similarity, location quotients and shift-share.

Inputs are vectors by industry (employment, gross value added, output): a Series indexed by industry code or an
array of shape (K,). Series align by industry; an industry absent on one side counts as zero.
The anchor is the R package REAT (Wieland, T., *Regional Economic Analysis Toolbox*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.indicators._base import Vector, align, as_series, fmt, shares

SimilarityMethod = Literal["cosine", "correlation"]


def krugman_specialisation(a: Vector, b: Vector) -> float:
    """Krugman's index of (dis)similarity of two industrial structures.

    .. math::

        K_{ab} = \\sum_{k} \\left| s_{ak} - s_{bk} \\right| \\in [0, 2]

    with :math:`s_{ak}` the share of industry *k* in region *a*. 0: identical structures; 2: no industry in
    common.

    Parameters
    ----------
    a, b : Series indexed by industry, or arrays of shape (K,)
        Employment or value added by industry.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. Cambridge, MA: MIT Press (the index of regional divergence,
    ch. 2 "Localization"). Farhauer, O. & Kroell, A. (2013). *Standorttheorien*. Wiesbaden: Springer
    (formula as implemented in REAT ``krugman.spec``).
    """
    sa, sb = align(a, b, names=("a", "b"))
    return float((shares(sa, name="a") - shares(sb, name="b")).abs().sum())


def structural_similarity(a: Vector, b: Vector, *, method: SimilarityMethod = "cosine") -> float:
    """Similarity of two structures: cosine of the share vectors or their correlation.

    .. math::

        \\cos(a, b) = \\frac{\\sum_k s_{ak} s_{bk}}{\\sqrt{\\sum_k s_{ak}^2 \\sum_k s_{bk}^2}}, \\qquad
        r(a, b) = \\frac{\\sum_k (s_{ak} - \\bar s_a)(s_{bk} - \\bar s_b)}
                       {\\sqrt{\\sum_k (s_{ak} - \\bar s_a)^2 \\sum_k (s_{bk} - \\bar s_b)^2}}

    Cosine is in [0, 1] for non-negative structures (1: proportional); correlation in [-1, 1]. Both equal 1
    for a structure compared with itself.

    Parameters
    ----------
    a, b : Series indexed by industry, or arrays of shape (K,)
    method : {"cosine", "correlation"}

    References
    ----------
    Jaffe, A. B. (1986). Technological opportunity and spillovers of R&D: evidence from firms' patents,
    profits, and market value. *American Economic Review* 76(5), 984-1001 (the uncentred correlation, i.e.
    cosine, of two structure vectors as a proximity measure; the centred variant is Pearson's correlation).
    """
    check_option("method", method, ("cosine", "correlation"))
    sa, sb = align(a, b, names=("a", "b"))
    x, y = shares(sa, name="a").to_numpy(), shares(sb, name="b").to_numpy()
    if method == "correlation":
        x, y = x - x.mean(), y - y.mean()
    den = float(np.sqrt((x**2).sum() * (y**2).sum()))
    if den == 0:
        return float("nan")
    return float(np.clip((x * y).sum() / den, -1.0, 1.0))


def location_quotient(regional: Vector | pd.DataFrame, national: Vector) -> pd.Series | pd.DataFrame:
    """Location quotients of industries in a region (or several regions) against the nation.

    .. math::

        LQ_{rk} = \\frac{e_{rk} / e_{r}}{e_{nk} / e_{n}}

    Parameters
    ----------
    regional : Series indexed by industry (shape (K,)) or DataFrame region × industry (shape (R, K))
    national : Series indexed by industry (shape (K,))
        The reference economy (the nation, or the union of the regions).

    Returns
    -------
    Series (K,) or DataFrame (R, K)
        LQ > 1: the industry is over-represented in the region.

    References
    ----------
    Isard, W. (1960). *Methods of Regional Analysis*. Cambridge, MA: MIT Press, ch. 7; REAT ``locq``.
    """
    nat = shares(as_series(national, name="national"), name="national")
    if isinstance(regional, pd.DataFrame):
        reg = regional.astype("float64").fillna(0.0)
        reg_shares = reg.div(reg.sum(axis=1), axis=0)
        return reg_shares.div(nat.reindex(reg.columns), axis=1)
    r, n = align(regional, nat, names=("regional", "national"))
    with np.errstate(divide="ignore", invalid="ignore"):
        return (shares(r, name="regional") / n).replace([np.inf, -np.inf], np.nan).rename("lq")


@dataclass(frozen=True)
class ShiftShareResult:
    """Classic shift-share decomposition of a region's change by industry.

    Attributes
    ----------
    table : DataFrame (K, 7)
        Per industry: ``base``, ``end``, ``change``, ``national_growth``, ``industry_mix``, ``competitive``,
        and ``check`` (change minus the three effects, ~0).
    national_rate : float
        Growth rate of the national total between the two periods.
    """

    table: pd.DataFrame
    national_rate: float

    @property
    def totals(self) -> pd.Series:
        """Sums over industries of every column."""
        return self.table.sum()

    def summary(self) -> str:
        t = self.totals
        return "\n".join([
            f"Shift-share decomposition over {len(self.table)} industries "
            f"(national growth {100 * self.national_rate:.2f} %)",
            f"  total change        {fmt(t['change'])}",
            f"  national growth     {fmt(t['national_growth'])}",
            f"  industry mix        {fmt(t['industry_mix'])}",
            f"  regional competitive {fmt(t['competitive'])}",
        ])

    def to_frame(self) -> pd.DataFrame:
        out = self.table.copy()
        out.loc["total"] = self.totals
        return out


def shift_share(
    regional_base: Vector,
    regional_end: Vector,
    national_base: Vector,
    national_end: Vector,
) -> ShiftShareResult:
    """Shift-share decomposition (Dunn 1960) of a region's change into three effects.

    .. math::

        \\Delta e_{rk} = \\underbrace{e_{rk}^{0} G}_{\\text{national growth}}
        + \\underbrace{e_{rk}^{0} (g_k - G)}_{\\text{industry mix}}
        + \\underbrace{e_{rk}^{0} (g_{rk} - g_k)}_{\\text{regional competitive}}

    with :math:`G` the national total growth rate, :math:`g_k` the national growth of industry *k* and
    :math:`g_{rk}` its regional growth. The three effects sum to the change exactly.

    Parameters
    ----------
    regional_base, regional_end : Series indexed by industry, or arrays of shape (K,)
        The region's employment (or value added) in the base and end periods.
    national_base, national_end : Series indexed by industry, or arrays of shape (K,)
        The nation's, same industries and unit.

    References
    ----------
    Dunn, E. S. (1960). A statistical and analytical technique for regional analysis. *Papers in Regional
    Science* 6(1), 97-112. Stevens, B. H. & Moore, C. L. (1980). A critical review of the literature on shift-
    share as a forecasting technique. *Journal of Regional Science* 20(4), 419-437. REAT ``shift``.
    """
    rb, re_ = align(regional_base, regional_end, names=("regional_base", "regional_end"))
    nb, ne = align(national_base, national_end, names=("national_base", "national_end"))
    rb, nb = rb.align(nb, join="outer", fill_value=0.0)
    re_, ne = re_.reindex(rb.index, fill_value=0.0), ne.reindex(rb.index, fill_value=0.0)
    if float(nb.sum()) <= 0:
        raise DataError("shift_share: the national base total is zero. Fix: pass national base values.")
    if (nb[rb > 0] <= 0).any():
        bad = nb[(rb > 0) & (nb <= 0)].index[0]
        raise DataError(f"shift_share: industry {bad!r} has regional but no national base value. Fix: the "
                        "nation must contain the region's industries.")
    big_g = float(ne.sum() / nb.sum() - 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g_k = (ne / nb - 1.0).where(nb > 0, 0.0)
    change = re_ - rb
    national_growth = rb * big_g
    industry_mix = rb * (g_k - big_g)
    competitive = change - rb * g_k
    table = pd.DataFrame({
        "base": rb, "end": re_, "change": change, "national_growth": national_growth,
        "industry_mix": industry_mix, "competitive": competitive,
    })
    table["check"] = table["change"] - table[["national_growth", "industry_mix", "competitive"]].sum(axis=1)
    return ShiftShareResult(table=table, national_rate=big_g)
