"""Trade integration indicators: openness, shares, intensity, RCA, intra-industry trade, similarity, costs.

All functions are pure: they take numbers, vectors (a Series indexed by product, or an array) or frames and
return numbers, Series, frames or frozen results. Flows must be in one currency and unit within a call; every
index here is invariant to the currency unit except :func:`trade_balance` (which is in the input's units).

The anchor is the World Bank WITS set of trade indicators ("Online Trade Outcomes Indicators: User's
Manual", World Bank 2013; WITS "Trade indicators" help pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, OptionError
from regint.indicators._base import Vector, align, fmt, shares

N = TypeVar("N", float, np.ndarray, pd.Series)

Layout = Literal["wide", "long"]
GLAdjustment = Literal["none", "aquino"]
HHIKind = Literal["hhi", "normalised", "unctad"]


def _div(num: Any, den: Any) -> Any:
    """Element-wise ratio with 0 in the denominator giving NaN (not inf); keeps Series/array/float."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(num, den)
    if isinstance(out, pd.Series):
        return out.replace([np.inf, -np.inf], np.nan)
    if isinstance(out, np.ndarray) and out.ndim > 0:
        return np.where(np.isfinite(out), out, np.nan)
    return float(out) if np.isfinite(out) else float("nan")


def openness(exports: N, imports: N, grp: N) -> N:
    """Trade openness: exports plus imports over gross (regional) product.

    .. math::

        O_{t} = \\frac{X_{t} + M_{t}}{Y_{t}}

    Parameters
    ----------
    exports, imports, grp : float, array of shape (T,) or Series indexed by period
        In the same currency and unit (convert GRP at the same exchange rate as trade).

    Returns
    -------
    float, array or Series
        The ratio (multiply by 100 for percent); NaN where GRP is zero or missing.

    References
    ----------
    World Bank (2010). *Trade Indicators*, WITS help: "Trade to GDP ratio / openness". Also Squalli, J. &
    Wilson, K. (2011). A new measure of trade openness. *The World Economy* 34(10), 1745-1770.
    """
    return _div(exports + imports, grp)


def partner_share(trade_with_partner: N, trade_total: N) -> N:
    """Share of one partner in a region's total trade (or exports, or imports).

    .. math::

        s_{ij} = \\frac{T_{ij}}{T_{i}}

    Parameters
    ----------
    trade_with_partner, trade_total : float, array of shape (T,) or Series
        Same flow (exports, imports or turnover) and unit.

    References
    ----------
    World Bank, WITS "Trade indicators": "Export share / Import share" of a partner.
    """
    return _div(trade_with_partner, trade_total)


def trade_balance(exports: N, imports: N, *, normalised: bool = False) -> N:
    """Trade balance, absolute or normalised by turnover.

    .. math::

        B = X - M, \\qquad B^{n} = \\frac{X - M}{X + M} \\in [-1, 1]

    Parameters
    ----------
    exports, imports : float, array of shape (T,) or Series
    normalised : bool
        Return :math:`B^n` (unit-free) instead of :math:`B` (in the input's units).

    References
    ----------
    Lafay, G. (1992). The measurement of revealed comparative advantages. In Dagenais, M. & Muet, P.-A. (eds),
    *International Trade Modelling*, London: Chapman & Hall, 209-234.
    """
    if normalised:
        return _div(exports - imports, exports + imports)
    return exports - imports


def trade_intensity(exports_ij: N, exports_i: N, world_exports_j: N, world_exports: N) -> N:
    """Trade intensity index (TII) of exporter *i* towards partner *j*.

    .. math::

        TII_{ij} = \\frac{x_{ij} / X_{i}}{x_{wj} / X_{w}}

    where :math:`x_{ij}` are exports of *i* to *j*, :math:`X_i` total exports of *i*, :math:`x_{wj}` world
    exports to *j* (world imports of *j*) and :math:`X_w` total world exports. Above 1: *i* exports more to *j*
    than the world does on average.

    Parameters
    ----------
    exports_ij, exports_i, world_exports_j, world_exports : float, array of shape (T,) or Series
        In one currency; shapes broadcast.

    References
    ----------
    Brown, A. J. (1949). *Applied Economics: Aspects of the World Economy in War and Peace*. London: Allen &
    Unwin; Kojima, K. (1964). The pattern of international trade among advanced countries. *Hitotsubashi
    Journal of Economics* 5(1), 16-36. WITS "Trade indicators": Trade Intensity Index.
    """
    return _div(_div(exports_ij, exports_i), _div(world_exports_j, world_exports))


def _rca_matrix(data: pd.DataFrame, layout: Layout, country: str, product: str, value: str) -> pd.DataFrame:
    if layout == "long":
        missing = [c for c in (country, product, value) if c not in data.columns]
        if missing:
            raise DataError(f"balassa_rca: long data lacks column(s) {missing}. Fix: name the columns with "
                            "country=, product=, value=.")
        return data.pivot_table(index=country, columns=product, values=value, aggfunc="sum",
                                fill_value=0.0).astype("float64")
    return data.astype("float64").fillna(0.0)


def balassa_rca(
    data: pd.DataFrame,
    *,
    binary: bool = False,
    cutoff: float = 1.0,
    layout: Layout = "wide",
    country: str = "country",
    product: str = "product",
    value: str = "value",
) -> pd.DataFrame:
    """Balassa's revealed comparative advantage, continuous or binary.

    .. math::

        RCA_{cp} = \\frac{X_{cp} / \\sum_{p} X_{cp}}{\\sum_{c} X_{cp} / \\sum_{c}\\sum_{p} X_{cp}},
        \\qquad M_{cp} = \\mathbb{1}[RCA_{cp} \\ge \\text{cutoff}]

    Parameters
    ----------
    data : DataFrame
        ``layout="wide"``: a country × product matrix of exports (shape (C, P); missing = 0).
        ``layout="long"``: rows (country, product, value); duplicates are summed, absent pairs are 0.
    binary : bool
        Return the 0/1 matrix :math:`M_{cp}` instead of the index.
    cutoff : float
        Threshold of the binary matrix (1 = "revealed advantage").
    layout : {"wide", "long"}
        How ``data`` is laid out. The result is always the country × product matrix; ``.stack()`` makes it long.
    country, product, value : str
        Column names of long data.

    Returns
    -------
    DataFrame of shape (C, P)
        RCA (float; NaN for a country or product with no exports at all), or 0/1 integers when ``binary``.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. *The Manchester School*
    33(2), 99-123. Reference software: R package economiccomplexity (Vargas, M., ``balassa_index``).
    """
    check_option("layout", layout, ("wide", "long"))
    x = _rca_matrix(data, layout, country, product, value)
    if (x.to_numpy() < 0).any():
        raise DataError("balassa_rca: negative export values. Fix: exports must be non-negative.")
    country_total = x.sum(axis=1)
    product_total = x.sum(axis=0)
    world = float(product_total.sum())
    if world <= 0:
        raise DataError("balassa_rca: total exports are zero. Fix: pass a non-empty export matrix.")
    with np.errstate(divide="ignore", invalid="ignore"):
        share_in_country = x.div(country_total, axis=0)
        rca = share_in_country.div(product_total / world, axis=1)
    rca = rca.replace([np.inf, -np.inf], np.nan)
    if binary:
        return (rca >= cutoff).astype("int64")
    return rca


@dataclass(frozen=True)
class GrubelLloydResult:
    """Grubel-Lloyd intra-industry trade: per product and aggregate.

    Attributes
    ----------
    per_product : Series
        :math:`GL_k` in [0, 1] (NaN where a product has no trade).
    aggregate : float
        Trade-weighted mean of :math:`GL_k`.
    corrected : float
        Grubel-Lloyd's aggregate corrected for the overall imbalance (can reach 1 even when trade is unbalanced).
    adjustment : str
        ``"none"`` or ``"aquino"`` (flows rescaled to a balanced total before the indices).
    imbalance : float
        :math:`(\\sum X - \\sum M) / (\\sum X + \\sum M)` of the raw flows.
    """

    per_product: pd.Series
    aggregate: float
    corrected: float
    adjustment: str
    imbalance: float

    def summary(self) -> str:
        lines = [
            f"Grubel-Lloyd intra-industry trade ({len(self.per_product)} products, adjustment: {self.adjustment})",
            f"  aggregate GL           {fmt(self.aggregate)}",
            f"  imbalance-corrected GL {fmt(self.corrected)}",
            f"  overall imbalance      {fmt(self.imbalance)}",
        ]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        return self.per_product.rename("gl").to_frame()


def grubel_lloyd(exports: Vector, imports: Vector, *, adjustment: GLAdjustment = "none") -> GrubelLloydResult:
    """Grubel-Lloyd index of intra-industry trade, per product and aggregate.

    .. math::

        GL_k = 1 - \\frac{|X_k - M_k|}{X_k + M_k}, \\qquad
        GL = 1 - \\frac{\\sum_k |X_k - M_k|}{\\sum_k (X_k + M_k)}, \\qquad
        GL^{c} = \\frac{\\sum_k (X_k + M_k) - \\sum_k |X_k - M_k|}{\\sum_k (X_k + M_k) - |\\sum_k X_k - \\sum_k M_k|}

    With Aquino's adjustment each flow is first rescaled to what it would be if total trade were balanced,

    .. math::

        X^{e}_k = X_k \\frac{\\tfrac12 (\\sum X + \\sum M)}{\\sum X}, \\qquad
        M^{e}_k = M_k \\frac{\\tfrac12 (\\sum X + \\sum M)}{\\sum M},

    and :math:`GL_k`, :math:`GL` are computed on :math:`X^e, M^e`.

    Parameters
    ----------
    exports, imports : Series indexed by product, or arrays of shape (K,)
        Bilateral (or total) exports and imports of one region by product, same currency.
    adjustment : {"none", "aquino"}

    References
    ----------
    Grubel, H. G. & Lloyd, P. J. (1975). *Intra-Industry Trade: The Theory and Measurement of International
    Trade in Differentiated Products*. London: Macmillan, ch. 2.
    Aquino, A. (1978). Intra-industry trade and inter-industry specialization as concurrent sources of
    international trade in manufactures. *Weltwirtschaftliches Archiv* 114(2), 275-296.
    """
    check_option("adjustment", adjustment, ("none", "aquino"))
    x, m = align(exports, imports, names=("exports", "imports"))
    if (x < 0).any() or (m < 0).any():
        raise DataError("grubel_lloyd: negative flows. Fix: exports and imports must be non-negative.")
    total_x, total_m = float(x.sum()), float(m.sum())
    if total_x + total_m <= 0:
        raise DataError("grubel_lloyd: no trade at all. Fix: pass non-zero exports or imports.")
    imbalance = (total_x - total_m) / (total_x + total_m)
    corrected_den = (total_x + total_m) - abs(total_x - total_m)
    corrected = (float((x + m - (x - m).abs()).sum()) / corrected_den) if corrected_den > 0 else float("nan")
    if adjustment == "aquino":
        if total_x <= 0 or total_m <= 0:
            raise DataError("grubel_lloyd: Aquino's adjustment needs both exports and imports. Fix: use "
                            "adjustment='none' for one-way trade.")
        half = 0.5 * (total_x + total_m)
        x, m = x * half / total_x, m * half / total_m
    turnover = x + m
    per_product = _div(1.0 - (x - m).abs() / turnover.where(turnover > 0), 1.0).rename("gl")
    aggregate = 1.0 - _div(float((x - m).abs().sum()), float(turnover.sum()))
    return GrubelLloydResult(per_product=per_product, aggregate=aggregate, corrected=corrected,
                             adjustment=adjustment, imbalance=imbalance)


def complementarity(exports_i: Vector, imports_j: Vector) -> float:
    """Michaely's trade complementarity index of *i*'s exports with *j*'s imports (0-100).

    .. math::

        TC_{ij} = 100 \\left(1 - \\tfrac12 \\sum_k |m_{jk} - x_{ik}|\\right)

    with :math:`x_{ik}` the share of product *k* in *i*'s total exports and :math:`m_{jk}` its share in *j*'s
    total imports. 100: *i* exports exactly what *j* imports, in the same proportions; 0: nothing in common.

    Parameters
    ----------
    exports_i, imports_j : Series indexed by product, or arrays of shape (K,)
        Values in any (common or different) currency: only shares enter.

    References
    ----------
    Michaely, M. (1996). Trade preferential agreements in Latin America: an ex-ante assessment. World Bank
    Policy Research Working Paper 1583. WITS "Trade indicators": Trade Complementarity Index.
    """
    x, m = align(exports_i, imports_j, names=("exports_i", "imports_j"))
    return 100.0 * (1.0 - 0.5 * float((shares(m, name="imports_j") - shares(x, name="exports_i")).abs().sum()))


def export_similarity(exports_a: Vector, exports_b: Vector) -> float:
    """Finger-Kreinin export similarity index of two exporters (0-100).

    .. math::

        S(a, b) = 100 \\sum_k \\min(s_{ak}, s_{bk})

    with :math:`s_{ak}` the share of product *k* in *a*'s exports (to the world or to one market).

    Parameters
    ----------
    exports_a, exports_b : Series indexed by product, or arrays of shape (K,)

    References
    ----------
    Finger, J. M. & Kreinin, M. E. (1979). A measure of "export similarity" and its possible uses. *The
    Economic Journal* 89(356), 905-912.
    """
    a, b = align(exports_a, exports_b, names=("exports_a", "exports_b"))
    sa, sb = shares(a, name="exports_a"), shares(b, name="exports_b")
    return 100.0 * float(np.minimum(sa, sb).sum())


def herfindahl(values: Vector, *, kind: HHIKind = "hhi") -> float:
    """Herfindahl-Hirschman concentration of exports over products (or partners).

    .. math::

        H = \\sum_{k=1}^{n} s_k^2, \\qquad
        H^{*} = \\frac{H - 1/n}{1 - 1/n}, \\qquad
        H^{U} = \\frac{\\sqrt{H} - \\sqrt{1/n}}{1 - \\sqrt{1/n}}

    Parameters
    ----------
    values : Series or array of shape (n,)
        Non-negative flows; zeros count as products with no trade (they enter *n*).
    kind : {"hhi", "normalised", "unctad"}
        :math:`H` in [1/n, 1]; normalised :math:`H^*` in [0, 1]; UNCTAD's concentration index :math:`H^U`
        in [0, 1] (the square-root form used by UNCTADstat and WITS).

    References
    ----------
    Hirschman, A. O. (1964). The paternity of an index. *American Economic Review* 54(5), 761.
    UNCTAD (2023). *UNCTAD Handbook of Statistics*, Technical notes: "Concentration index".
    """
    check_option("kind", kind, ("hhi", "normalised", "unctad"))
    s = shares(pd.Series(np.asarray(values, dtype="float64")), name="values")
    n = len(s)
    h = float((s**2).sum())
    if kind == "hhi":
        return h
    if n < 2:
        return float("nan")
    if kind == "normalised":
        return (h - 1.0 / n) / (1.0 - 1.0 / n)
    return (np.sqrt(h) - np.sqrt(1.0 / n)) / (1.0 - np.sqrt(1.0 / n))


def intranational_trade(output: N, exports: N) -> N:
    """Trade of a region with itself, proxied by output minus total exports (as in Novy 2013).

    .. math::

        x_{ii} = Y_i - X_i

    Parameters
    ----------
    output, exports : float, array or Series
        Gross output (or GDP/GRP as the usual proxy) and total exports, same currency.

    References
    ----------
    Novy, D. (2013). Gravity redux: measuring international trade costs with panel data. *Economic Inquiry*
    51(1), 101-121 (data section: intranational trade as GDP minus exports).
    """
    return output - exports


def novy_trade_costs(x_ij: N, x_ji: N, x_ii: N, x_jj: N, *, sigma: float = 8.0) -> N:
    """Novy's bilateral trade costs (tariff equivalent) from bilateral and domestic trade.

    .. math::

        \\tau_{ij} = \\left(\\frac{x_{ii}\\, x_{jj}}{x_{ij}\\, x_{ji}}\\right)^{\\frac{1}{2(\\sigma - 1)}} - 1

    Parameters
    ----------
    x_ij, x_ji : float, array of shape (T,) or Series
        Exports of *i* to *j* and of *j* to *i*, same currency.
    x_ii, x_jj : float, array or Series
        Domestic (intranational) trade of *i* and *j*, see :func:`intranational_trade`.
    sigma : float
        Elasticity of substitution, > 1 (Novy's benchmark 8).

    Returns
    -------
    float, array or Series
        :math:`\\tau_{ij}` (0.8 = costs equivalent to an 80 % tariff); NaN where a flow is zero or missing.

    References
    ----------
    Novy, D. (2013). Gravity redux: measuring international trade costs with panel data. *Economic Inquiry*
    51(1), 101-121 (the micro-founded trade-cost measure and the benchmark sigma = 8).
    """
    if not sigma > 1:
        raise OptionError(f"sigma must be greater than 1; got {sigma!r}")
    ratio = _div(x_ii * x_jj, x_ij * x_ji)
    with np.errstate(invalid="ignore", divide="ignore"):
        return ratio ** (1.0 / (2.0 * (sigma - 1.0))) - 1.0
