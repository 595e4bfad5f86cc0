"""Location-quotient regionalisation of national technical coefficients (SLQ, CILQ, FLQ, AFLQ).

A regional coefficient is the national one scaled down by a location quotient capped at 1:
:math:`r_{ij} = a_{ij} \\min(LQ_{ij}, 1)`. The pure functions work on arrays; :func:`regionalise` adds
labels, validation and the list of assumptions that every output of a regional model prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ModelError
from regint.models.inputoutput.notes import Note, basis_ru, num, pct

__all__ = [
    "DELTA_GRID",
    "LQMethod",
    "Regionalisation",
    "aflq",
    "cilq",
    "flegg_lambda",
    "flq",
    "regional_coefficients",
    "regionalise",
    "slq",
    "structure_from_proxies",
]

LQMethod = Literal["slq", "cilq", "flq", "aflq"]
LQ_METHODS: tuple[str, ...] = ("slq", "cilq", "flq", "aflq")
#: The grid of the sensitivity run over Flegg's δ (Flegg & Tohmo 2013 find 0.1–0.4 plausible).
DELTA_GRID: tuple[float, ...] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def slq(regional: np.ndarray, national: np.ndarray) -> np.ndarray:
    r"""Simple location quotients.

    .. math::

        SLQ_i = \frac{RE_i / TRE}{NE_i / TNE}

    Parameters
    ----------
    regional, national : ndarray, shape (n,)
        Regional and national activity by sector (GVA or employment, levels or shares).

    Returns
    -------
    ndarray, shape (n,)
        ``0`` where the region has no activity; NaN where the nation has none.

    References
    ----------
    Miller & Blair (2009), sect. 8.3.1, eq. (8.6), pp. 349–350.
    Flegg, A. T. & Webber, C. D. (1997). On the appropriate use of location quotients in generating
    regional input-output tables: reply. *Regional Studies* 31(8), 795–805.
    """
    r = np.asarray(regional, dtype=float)
    n = np.asarray(national, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (r / r.sum()) / np.where(n > 0, n / n.sum(), np.nan)


def cilq(slqs: np.ndarray) -> np.ndarray:
    r"""Cross-industry location quotients, with the SLQ on the principal diagonal.

    .. math::

        CILQ_{ij} = \frac{SLQ_i}{SLQ_j} \quad (i \ne j), \qquad CILQ_{ii} = SLQ_i

    Row ``i`` is the supplying sector, column ``j`` the purchasing one. A purchasing sector absent from the
    region (:math:`SLQ_j = 0`) gets 1 (its column is irrelevant: it produces nothing there).

    Parameters
    ----------
    slqs : ndarray, shape (n,)

    Returns
    -------
    ndarray, shape (n, n)

    References
    ----------
    Miller & Blair (2009), sect. 8.3.2, eq. (8.8)–(8.9), pp. 352–354.
    Smith, P. & Morrison, W. I. (1974). *Simulating the Urban Economy*. London: Pion.
    """
    s = np.asarray(slqs, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = s[:, None] / s[None, :]
    q = np.where(s[None, :] > 0, q, 1.0)
    np.fill_diagonal(q, s)
    return q


def flegg_lambda(size: float, delta: float) -> float:
    r"""Flegg's regional-size scalar.

    .. math::

        \lambda^* = \left[\log_2\left(1 + \frac{TRE}{TNE}\right)\right]^{\delta}, \qquad 0 \le \delta < 1

    Parameters
    ----------
    size : float
        Region's share of the nation, :math:`TRE/TNE` in (0, 1].
    delta : float
        Sensitivity parameter δ; larger δ means more imports from other regions.

    Returns
    -------
    float in (0, 1]

    References
    ----------
    Flegg, A. T., Webber, C. D. & Elliott, M. V. (1995). On the appropriate use of location quotients in
    generating regional input-output tables. *Regional Studies* 29(6), 547–561.
    Flegg, A. T. & Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case study of
    Finland. *Regional Studies* 47(5), 703–721 (δ ≈ 0.3 on average).
    """
    if not 0.0 < size <= 1.0:
        raise ModelError(f"The region's share of the nation must be in (0, 1]; got {size!r}.")
    if not 0.0 <= delta < 1.0:
        raise ModelError(f"delta must be in [0, 1); got {delta!r}. Flegg & Tohmo (2013) suggest 0.1–0.4.")
    return float(np.log2(1.0 + size) ** delta)


def flq(slqs: np.ndarray, size: float, delta: float) -> np.ndarray:
    r"""Flegg location quotients.

    .. math::

        FLQ_{ij} = CILQ_{ij} \cdot \lambda^*  \quad (i \ne j), \qquad FLQ_{ii} = SLQ_i \cdot \lambda^*

    Parameters
    ----------
    slqs : ndarray, shape (n,)
    size : float
        :math:`TRE/TNE`.
    delta : float
        δ of :func:`flegg_lambda`.

    Returns
    -------
    ndarray, shape (n, n)

    References
    ----------
    Flegg & Webber (1997), op. cit., eq. (2)–(3); Flegg, A. T. & Webber, C. D. (2000). Regional size,
    regional specialization and the FLQ formula. *Regional Studies* 34(6), 563–569.
    Miller & Blair (2009), sect. 8.3.3, eq. (8.11)–(8.12), pp. 354–356.
    """
    return cilq(slqs) * flegg_lambda(size, delta)


def aflq(slqs: np.ndarray, size: float, delta: float) -> np.ndarray:
    r"""Augmented Flegg location quotients (specialisation of the purchasing sector).

    .. math::

        AFLQ_{ij} = FLQ_{ij} \cdot \log_2(1 + SLQ_j) \quad \text{if } SLQ_j > 1,
        \qquad AFLQ_{ij} = FLQ_{ij} \text{ otherwise}

    Parameters
    ----------
    slqs : ndarray, shape (n,)
    size : float
    delta : float

    Returns
    -------
    ndarray, shape (n, n)

    References
    ----------
    Flegg & Webber (2000), op. cit., eq. (4), p. 565.
    Flegg & Tohmo (2013), op. cit., sect. 3.
    """
    s = np.asarray(slqs, dtype=float)
    boost = np.where(s > 1.0, np.log2(1.0 + np.where(s > 1.0, s, 1.0)), 1.0)
    return flq(s, size, delta) * boost[None, :]


def regional_coefficients(A: np.ndarray, lq: np.ndarray) -> np.ndarray:
    r"""Regional technical coefficients from national ones and location quotients.

    .. math::

        r_{ij} = a_{ij} \cdot \min(LQ_{ij}, 1)

    Parameters
    ----------
    A : ndarray, shape (n, n)
        National technical coefficients.
    lq : ndarray, shape (n,) or (n, n)
        Location quotients; a vector (SLQ) applies to the selling sector's row.

    Returns
    -------
    ndarray, shape (n, n)
        Never above ``A`` element-wise.

    References
    ----------
    Miller & Blair (2009), sect. 8.3, eq. (8.7), p. 350.
    """
    A = np.asarray(A, dtype=float)
    q = np.asarray(lq, dtype=float)
    if q.ndim == 1:
        q = np.repeat(q[:, None], A.shape[0], axis=1)
    q = np.where(np.isnan(q), 0.0, q)
    return A * np.minimum(q, 1.0)


def structure_from_proxies(
    proxy_regional: pd.Series,
    proxy_national: pd.Series,
    national_output: pd.Series,
    grp_share: float,
) -> pd.DataFrame:
    r"""Regional output by sector from regional activity proxies, the rest at the region's GRP share.

    For a sector :math:`j` with a proxy :math:`P` (shipments, agricultural output, works done, turnover)
    the region's share of national output is taken equal to its share of the national proxy; for a sector
    without a proxy it is the region's share of national GRP, :math:`g`:

    .. math::

        s_j = \begin{cases} P^r_j / P^n_j & j \in M \text{ (measured)} \\ g & j \notin M \end{cases},
        \qquad x^r_j = s_j \, x^n_j, \qquad
        w_j = \frac{x^r_j}{\sum_k x^r_k}, \qquad
        LQ_j = \frac{x^r_j / \sum_k x^r_k}{x^n_j / \sum_k x^n_k}

    so an unmeasured sector has :math:`LQ_j = g / \bar s` with :math:`\bar s = \sum_k x^r_k / \sum_k x^n_k`:
    1 when the measured sectors together match the GRP share. This is the location-quotient logic of the
    non-survey methods with gross output estimated sector by sector (Miller & Blair 2009, sect. 8.3).

    Parameters
    ----------
    proxy_regional, proxy_national : Series, shape (m,)
        The proxy of each measured sector for the region and for the nation, in the same unit, indexed by
        sector label (a subset of ``national_output``'s labels). Regional values must be >= 0, national > 0,
        and regional <= national.
    national_output : Series, shape (n,)
        National gross output by sector (the input-output table's :math:`x`).
    grp_share : float
        The region's share of national GRP, in (0, 1].

    Returns
    -------
    DataFrame, shape (n, 5)
        Indexed by the labels of ``national_output``: ``region_share`` (:math:`s_j`), ``output``
        (:math:`x^r_j`, unit of ``national_output``), ``structure`` (:math:`w_j`, sums to 1), ``lq``
        (:math:`LQ_j`, output-based simple location quotient) and ``measured`` (bool).

    Raises
    ------
    DataError
        A proxy for a sector the table does not have, a missing, negative or non-positive national value, a
        regional value above the national one, ``grp_share`` outside (0, 1], or no regional output at all.

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 8, sect. 8.3, pp. 347–363
    (location quotients and regional output by sector).
    Flegg, A. T. & Webber, C. D. (1997). On the appropriate use of location quotients in generating
    regional input-output tables: reply. *Regional Studies* 31(8), 795–805.
    Flegg, A. T. & Webber, C. D. (2000). Regional size, regional specialization and the FLQ formula.
    *Regional Studies* 34(6), 563–569.
    """
    if not 0.0 < grp_share <= 1.0:
        raise DataError(f"The region's share of national GRP must be in (0, 1]; got {grp_share!r}.")
    labels = [str(c) for c in national_output.index]
    x = pd.to_numeric(national_output, errors="coerce").to_numpy(dtype=float)
    if np.any(np.isnan(x)) or np.any(x < 0) or x.sum() <= 0:
        raise DataError("National output must be non-negative by sector with a positive total.")
    reg = proxy_regional.rename(index=str).astype(float)
    nat = proxy_national.rename(index=str).astype(float)
    unknown = sorted((set(reg.index) | set(nat.index)) - set(labels))
    if unknown:
        raise DataError(f"Proxies for sector(s) {unknown} that the table does not have; sectors: {labels}.")
    if set(reg.index) != set(nat.index):
        raise DataError(f"Regional and national proxies cover different sectors: {sorted(reg.index)} vs "
                        f"{sorted(nat.index)}. Fix: give both for every measured sector.")
    bad = [k for k in reg.index if not (reg[k] >= 0 and nat[k] > 0)]
    if bad:
        raise DataError(f"Proxy values missing, negative, or a national value not positive for {bad}.")
    above = [k for k in reg.index if reg[k] > nat[k]]
    if above:
        raise DataError(f"Regional proxy above the national one for {above}: check that both are in one unit.")
    share = np.full(len(labels), float(grp_share))
    measured = np.array([lab in reg.index for lab in labels])
    for i, lab in enumerate(labels):
        if measured[i]:
            share[i] = reg[lab] / nat[lab]
    out_r = share * x
    total = out_r.sum()
    if total <= 0:
        raise DataError("The region has no output in any sector (every proxy is 0 and no sector is left to the "
                        "GRP share): check the proxies.")
    structure = out_r / total
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = structure / np.where(x > 0, x / x.sum(), np.nan)
    return pd.DataFrame({"region_share": share, "output": out_r, "structure": structure, "lq": lq,
                         "measured": measured}, index=pd.Index(labels, name=national_output.index.name))


@dataclass(frozen=True)
class Regionalisation:
    """Regional technical coefficients with the location quotients and assumptions behind them."""

    A: pd.DataFrame
    lq: pd.DataFrame
    slq: pd.Series
    method: str
    delta: float | None
    size: float
    assumptions: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        lines = [
            f"Regionalisation by {self.method.upper()}"
            + (f", δ = {self.delta:g}" if self.delta is not None else "")
            + f"; region's share of the nation {self.size:.4%}",
            "Assumptions:",
            *[f"  - {a}" for a in self.assumptions],
        ]
        return "\n".join(lines)


def _aligned(name: str, s: pd.Series, labels: Sequence[str]) -> np.ndarray:
    missing = [lab for lab in labels if lab not in s.index]
    if missing:
        raise DataError(
            f"The {name} activity series lacks sector(s) {missing[:10]} of the table. "
            "Fix: give every sector of the table a value (0 where the activity is absent), "
            "or aggregate the table to the sectors of the series with a concordance."
        )
    v = pd.to_numeric(s.reindex(list(labels)), errors="coerce").to_numpy(dtype=float)
    if np.any(np.isnan(v)) or np.any(v < 0):
        bad = [lab for lab, val in zip(labels, v, strict=True) if not (val >= 0)]
        raise DataError(f"The {name} activity series has missing or negative values for {bad[:10]}.")
    return v


def regionalise(
    A: pd.DataFrame,
    regional: pd.Series,
    national: pd.Series,
    *,
    method: LQMethod = "flq",
    delta: float = 0.3,
    size: float | None = None,
    basis: str = "GVA",
    region: str = "the region",
) -> Regionalisation:
    r"""Regional technical coefficients from a national table and regional activity by sector.

    Parameters
    ----------
    A : DataFrame, shape (n, n)
        National technical coefficients with sector labels on both axes (preferably the domestic table).
    regional, national : Series
        Regional and national activity (GVA or employment) indexed by the same sector labels; levels or
        shares (shares need ``size``).
    method : {'slq', 'cilq', 'flq', 'aflq'}
        Location quotient; FLQ (Flegg) by default.
    delta : float
        Flegg's δ for FLQ/AFLQ; 0.3 by default (Flegg & Tohmo 2013).
    size : float, optional
        Region's share of the nation :math:`TRE/TNE`; by default ``regional.sum() / national.sum()``
        (only meaningful when both are levels in the same unit).
    basis : str
        What the activity is (``"GVA"``, ``"employment"``), for the assumptions text.
    region : str
        Region name for the assumptions text.

    Returns
    -------
    Regionalisation
        ``A`` (regional coefficients), ``lq`` (n, n), ``slq`` and the assumptions as text.

    References
    ----------
    Flegg & Webber (1997, 2000); Flegg & Tohmo (2013); Miller & Blair (2009), sect. 8.3, pp. 347–363.
    """
    method = check_option("method", method, LQ_METHODS)
    labels = [str(c) for c in A.columns]
    if list(map(str, A.index)) != labels:
        raise DataError("A must have the same sector labels, in the same order, on rows and columns.")
    r = _aligned("regional", regional.rename(index=str), labels)
    nat = _aligned("national", national.rename(index=str), labels)
    if r.sum() <= 0 or nat.sum() <= 0:
        raise DataError("The regional and national activity series must have a positive total.")
    if size is None:
        size = float(r.sum() / nat.sum())
        size_text = Note(f"{region}'s size TRE/TNE = {size:.4%} from the totals of the two series ({basis}).",
                         f"{region}: размер региона TRE/TNE = {pct(size, 4)} по итогам двух рядов "
                         f"({basis_ru(basis)}).")
    else:
        size_text = Note(f"{region}'s size TRE/TNE = {size:.4%} as given.",
                         f"{region}: размер региона TRE/TNE = {pct(size, 4)} (задан пользователем).")
    s = slq(r, nat)
    uses_delta = method in ("flq", "aflq")
    if method == "slq":
        q = np.repeat(s[:, None], len(labels), axis=1)
    elif method == "cilq":
        q = cilq(s)
    elif method == "flq":
        q = flq(s, size, delta)
    else:
        q = aflq(s, size, delta)
    R = regional_coefficients(A.to_numpy(dtype=float), q)
    assumptions = [
        Note(f"{region}: national technology — regional producers use the national input mix per unit of output.",
             f"{region}: национальная технология — региональные производители расходуют на единицу выпуска тот же "
             "набор затрат, что и в среднем по стране."),
        Note(f"{region}: regional purchases from local suppliers by {method.upper()} location quotients of {basis} "
             "by sector, capped at 1 (no cross-hauling; imports from other regions fill the rest).",
             f"{region}: закупки у местных поставщиков определены коэффициентами локализации {method.upper()} "
             f"по {basis_ru(basis, 'dat')} отраслей, не больше 1 (без встречных перевозок; остальное покрывает "
             "ввоз из других регионов)."),
        size_text,
    ]
    if uses_delta:
        lam = flegg_lambda(size, delta)
        assumptions.append(Note(
            f"Flegg's δ = {delta:g} (Flegg & Tohmo 2013 central value 0.3), λ* = {lam:.4f}.",
            f"Параметр Флегга δ = {num(delta, None)} (центральное значение 0,3 по Flegg & Tohmo 2013), "
            f"λ* = {num(lam, 4)}."))
    absent = [lab for lab, v in zip(labels, r, strict=True) if v == 0]
    if absent:
        assumptions.append(Note(
            f"Sectors with no regional activity buy nothing locally: {', '.join(absent[:10])}.",
            f"Отрасли, которых нет в регионе, не закупают у местных поставщиков: {', '.join(absent[:10])}."))
    return Regionalisation(
        A=pd.DataFrame(R, index=A.index, columns=A.columns),
        lq=pd.DataFrame(q, index=A.index, columns=A.columns),
        slq=pd.Series(s, index=A.index, name="slq"),
        method=method,
        delta=delta if uses_delta else None,
        size=size,
        assumptions=tuple(assumptions),
    )
