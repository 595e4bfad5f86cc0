r"""General-equilibrium counterfactuals of structural gravity (conditional and full endowment).

The model (Anderson and van Wincoop 2003; Yotov et al. 2016, Ch. 2, Sect. A) for :math:`N` countries with
bilateral flows :math:`X_{ij}` (origin :math:`i`, destination :math:`j`, domestic flows on the diagonal):

.. math::

    X_{ij} = \frac{Y_i E_j}{Y}\left(\frac{t_{ij}}{\Pi_i P_j}\right)^{1-\sigma},\quad
    \Pi_i^{1-\sigma} = \sum_j \left(\frac{t_{ij}}{P_j}\right)^{1-\sigma}\frac{E_j}{Y},\quad
    P_j^{1-\sigma} = \sum_i \left(\frac{t_{ij}}{\Pi_i}\right)^{1-\sigma}\frac{Y_i}{Y},

with factory-gate prices :math:`p_i` in :math:`Y_i = p_i Q_i` (endowments :math:`Q_i` fixed) and expenditure
:math:`E_j = \phi_j Y_j` (:math:`\phi_j` fixed, so trade imbalances are kept as shares). A counterfactual changes
the trade-cost terms by :math:`\hat T_{ij} = (t'_{ij}/t_{ij})^{1-\sigma}`; hats denote ratios new/baseline.

Here the system is solved in changes ("exact hat algebra", Dekle, Eaton and Kortum 2007), starting from the
baseline flows, with a fixed-point iteration instead of the iterated PPML regressions of the book's do-files
(same equilibrium; Yotov et al. 2016, Ch. 2, Box 2). Unchanged costs give back the baseline exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ModelError

Kind = Literal["conditional", "full"]
_KINDS = ("conditional", "full")

__all__ = [
    "GEResults",
    "ge_counterfactual",
    "conditional_ge",
    "full_endowment_ge",
    "cost_change_from_coefficient",
    "cost_change_from_tariff",
    "trade_matrix",
]


@dataclass(frozen=True)
class GEResults:
    """Outcome of a general-equilibrium counterfactual (frozen).

    Attributes
    ----------
    kind : {'conditional', 'full'}
    sigma : float
    countries : tuple of str
    baseline, counterfactual : ndarray, shape (n, n)
        Bilateral flows (origin rows, destination columns).
    price_change : ndarray, shape (n,)
        :math:`\\hat p_i` (ones in conditional GE).
    omr_change, imr_change : ndarray, shape (n,)
        :math:`\\hat\\Pi_i` and :math:`\\hat P_j` (normalised so that the reference country's :math:`\\hat P = 1`).
    iterations : int
    converged : bool
    reference : str
    notes : tuple of str
    """

    kind: str
    sigma: float
    countries: tuple[str, ...]
    baseline: np.ndarray = field(repr=False)
    counterfactual: np.ndarray = field(repr=False)
    price_change: np.ndarray
    omr_change: np.ndarray
    imr_change: np.ndarray
    iterations: int
    converged: bool
    reference: str
    notes: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        r"""Per-country changes in per cent.

        Columns: ``exports`` and ``imports`` (international flows), ``domestic`` (:math:`X_{ii}`), ``output``
        (nominal :math:`Y_i`), ``real_output`` (:math:`\hat p_i/\hat P_i`, the book's welfare measure, equal to
        :math:`\hat\lambda_{ii}^{1/(1-\sigma)}` of Arkolakis, Costinot and Rodríguez-Clare 2012 when domestic
        costs are unchanged), ``welfare`` (real expenditure :math:`\hat E_j/\hat P_j`; equals real output under
        balanced trade), ``price`` (factory-gate), ``omr``, ``imr`` (multilateral resistances). Real output and
        welfare are not defined in conditional GE (NaN). Nominal changes are relative to the numeraire
        (the reference country's :math:`P`).
        """
        x0, x1 = self.baseline, self.counterfactual
        off = ~np.eye(len(x0), dtype=bool)
        exp0, exp1 = (x0 * off).sum(1), (x1 * off).sum(1)
        imp0, imp1 = (x0 * off).sum(0), (x1 * off).sum(0)
        y0, y1 = x0.sum(1), x1.sum(1)
        dom0, dom1 = np.diag(x0), np.diag(x1)
        if self.kind == "full":
            real = self.price_change / self.imr_change
            welfare = (x1.sum(0) / x0.sum(0)) / self.imr_change
        else:
            real = welfare = np.full(len(x0), np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            frame = pd.DataFrame(
                {
                    "exports": _pct(exp1 / exp0),
                    "imports": _pct(imp1 / imp0),
                    "domestic": _pct(dom1 / dom0),
                    "output": _pct(y1 / y0),
                    "real_output": _pct(real),
                    "welfare": _pct(welfare),
                    "price": _pct(self.price_change),
                    "omr": _pct(self.omr_change),
                    "imr": _pct(self.imr_change),
                },
                index=pd.Index(self.countries, name="country"),
            )
        return frame

    def pair_change(self, origin: str, destination: str) -> float:
        """Per-cent change of one bilateral flow."""
        i, j = self.countries.index(origin), self.countries.index(destination)
        return float(_pct(self.counterfactual[i, j] / self.baseline[i, j]))

    def summary(self) -> str:
        head = (f"{'Full endowment' if self.kind == 'full' else 'Conditional'} GE counterfactual, sigma = "
                f"{self.sigma:g}, {len(self.countries)} countries, reference {self.reference}; "
                f"{'converged' if self.converged else 'NOT converged'} after {self.iterations} iterations")
        table = self.to_frame().to_string(float_format=lambda v: f"{v:.3f}")
        return "\n".join([head, "(changes in per cent)", "", table, *("note: " + n for n in self.notes)])

    def __str__(self) -> str:
        return self.summary()


def _pct(ratio: np.ndarray | float) -> np.ndarray | float:
    return (np.asarray(ratio, dtype=float) - 1.0) * 100.0


# ----------------------------------------------------------------------------------------------------------
# cost changes


def cost_change_from_coefficient(
    beta: float, indicator: np.ndarray, new_beta: float = 0.0
) -> np.ndarray:
    r"""Change of the trade-cost term when a dummy's coefficient moves from ``beta`` to ``new_beta``.

    .. math:: \hat T_{ij} = \exp\big((\beta' - \beta)\, D_{ij}\big)

    ``new_beta = 0`` removes the border / friction measured by :math:`D` ("trade without borders", Yotov et al.
    2016, Ch. 2, Application 1); ``new_beta = (1 - x)\beta`` lowers it by the share ``x``.

    Parameters
    ----------
    indicator : ndarray, shape (n, n)
        :math:`D_{ij}` (0/1 or any intensity).
    """
    return np.exp((new_beta - beta) * np.asarray(indicator, dtype=float))


def cost_change_from_tariff(change: np.ndarray | float, mask: np.ndarray, sigma: float) -> np.ndarray:
    r"""Change of the trade-cost term for a proportional change of ad-valorem trade costs on ``mask`` pairs.

    .. math:: \hat T_{ij} = (1 + c_{ij})^{1-\sigma} \text{ where } D_{ij} = 1, \quad 1 \text{ elsewhere}

    ``change = -0.1`` lowers the trade cost factor :math:`t_{ij}` of the masked pairs by 10 %.
    """
    if sigma <= 1:
        raise ModelError(f"sigma must exceed 1; got {sigma}")
    m = np.asarray(mask, dtype=bool)
    c = np.broadcast_to(np.asarray(change, dtype=float), m.shape)
    if np.any(c[m] <= -1):
        raise ModelError("a trade-cost change must stay above -100 %")
    return np.where(m, (1.0 + c) ** (1.0 - sigma), 1.0)


def trade_matrix(
    frame: pd.DataFrame, exporter: str = "exporter", importer: str = "importer", value: str = "trade"
) -> tuple[tuple[str, ...], np.ndarray]:
    """Square origin × destination matrix from a long frame (countries sorted; missing flows are an error)."""
    countries = tuple(sorted(set(frame[exporter]) | set(frame[importer])))
    wide = frame.pivot_table(index=exporter, columns=importer, values=value, aggfunc="sum")
    wide = wide.reindex(index=list(countries), columns=list(countries))
    if wide.isna().to_numpy().any():
        n = int(wide.isna().to_numpy().sum())
        raise DataError(f"{n} origin-destination flows (incl. domestic) are missing; the GE system needs a "
                        "complete square matrix. Fix: use fitted PPML flows or fill the gaps explicitly.")
    return countries, wide.to_numpy(dtype=float)


# ----------------------------------------------------------------------------------------------------------
# solvers


def conditional_ge(
    trade: np.ndarray, cost_change: np.ndarray, *, tol: float = 1e-12, maxiter: int = 10_000
) -> tuple[np.ndarray, np.ndarray, int, bool]:
    r"""Multilateral resistances after a cost change with output and expenditure held fixed.

    Finds :math:`a_i = \hat\Pi_i^{1-\sigma}` and :math:`b_j = \hat P_j^{1-\sigma}` such that
    :math:`X'_{ij} = X_{ij}\hat T_{ij}/(a_i b_j)` has the baseline row sums :math:`Y_i` and column sums
    :math:`E_j` (iterative proportional fitting; unique up to :math:`a c, b/c`):

    .. math:: b_j = \frac{\sum_i X_{ij}\hat T_{ij}/a_i}{E_j}, \qquad a_i = \frac{\sum_j X_{ij}\hat T_{ij}/b_j}{Y_i}

    Parameters
    ----------
    trade, cost_change : ndarray, shape (n, n)

    Returns
    -------
    a, b : ndarray, shape (n,)
    iterations : int
    converged : bool
    """
    A = trade * cost_change
    Y, E = trade.sum(axis=1), trade.sum(axis=0)
    a = np.ones(len(Y))
    b = np.ones(len(E))
    for it in range(1, maxiter + 1):
        b_new = (A / a[:, None]).sum(axis=0) / E
        a_new = (A / b_new[None, :]).sum(axis=1) / Y
        step = max(np.max(np.abs(a_new / a - 1.0)), np.max(np.abs(b_new / b - 1.0)))
        a, b = a_new, b_new
        if step < tol:
            return a, b, it, True
    return a, b, maxiter, False


def full_endowment_ge(
    trade: np.ndarray,
    cost_change: np.ndarray,
    sigma: float,
    *,
    tol: float = 1e-12,
    maxiter: int = 10_000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, bool]:
    r"""Factory-gate prices and inward resistances after a cost change, output and expenditure endogenous.

    Output changes with the factory-gate price, :math:`Y'_i = \hat p_i Y_i`; expenditure is output plus the
    baseline trade deficit :math:`D_j = E_j - Y_j`, held fixed in units of world output (the numeraire),
    :math:`E'_j = \hat p_j Y_j + D_j`. Market clearing :math:`Y_i' = \sum_j X'_{ij}` and the CES price index give
    the fixed point

    .. math::

        \hat P_j^{1-\sigma} = \sum_i \frac{X_{ij}}{E_j}\,\hat T_{ij}\,\hat p_i^{1-\sigma}, \qquad
        \hat p_i = \left(\frac{1}{Y_i}\sum_j X_{ij}\,\hat T_{ij}\,
                   \frac{\hat E_j}{\hat P_j^{1-\sigma}}\right)^{1/\sigma},

    iterated from :math:`\hat p = 1` and rescaled each step so that world output :math:`\sum_i \hat p_i Y_i` is
    unchanged (Walras' law makes one equation redundant; real changes do not depend on the numeraire). With
    balanced trade this is the book's system with :math:`E_j = \phi_j Y_j`; with imbalances, keeping
    :math:`\phi_j` fixed (as the do-files do) would violate world adding-up, so deficits are kept fixed as in
    Dekle, Eaton and Kortum (2007).

    Returns
    -------
    p_hat : ndarray, shape (n,)
        :math:`\hat p_i` (world output numeraire).
    pj : ndarray, shape (n,)
        :math:`\hat P_j^{1-\sigma}`.
    e_hat : ndarray, shape (n,)
        :math:`\hat E_j`.
    iterations : int
    converged : bool

    References
    ----------
    Anderson and van Wincoop (2003); Yotov et al. (2016), Ch. 2, Sect. A and Box 2; Dekle, Eaton and Kortum
    (2007), *AER P&P* 97(2), 351–355.
    """
    Y, E = trade.sum(axis=1), trade.sum(axis=0)
    A = trade * cost_change
    p = np.ones(len(Y))
    world = Y.sum()
    y_over_e = Y / E
    converged, it = False, maxiter
    for k in range(1, maxiter + 1):
        pj = (A * (p ** (1.0 - sigma))[:, None]).sum(axis=0) / E
        e_hat = 1.0 + (p - 1.0) * y_over_e
        p_new = ((A * (e_hat / pj)[None, :]).sum(axis=1) / Y) ** (1.0 / sigma)
        p_new *= world / (p_new * Y).sum()
        step = float(np.max(np.abs(p_new / p - 1.0)))
        p = p_new
        if step < tol:
            converged, it = True, k
            break
    pj = (A * (p ** (1.0 - sigma))[:, None]).sum(axis=0) / E
    e_hat = 1.0 + (p - 1.0) * y_over_e
    return p, pj, e_hat, it, converged


def ge_counterfactual(
    trade: np.ndarray | pd.DataFrame,
    cost_change: np.ndarray,
    *,
    sigma: float = 7.0,
    kind: Kind = "full",
    countries: Sequence[str] | None = None,
    reference: str | None = None,
    tol: float = 1e-12,
    maxiter: int = 10_000,
) -> GEResults:
    r"""General-equilibrium effects of a change in trade costs in structural gravity.

    ``kind='conditional'`` keeps output and expenditure fixed and lets the multilateral resistances adjust
    (:func:`conditional_ge`); ``kind='full'`` also lets factory-gate prices, hence output and expenditure, adjust
    (:func:`full_endowment_ge`, "full endowment GE" in Yotov et al. 2016, Ch. 2). The counterfactual flows are

    .. math::

        X'_{ij} = X_{ij}\,\hat T_{ij}\,\frac{\hat Y_i\,\hat E_j}{\hat\Pi_i^{1-\sigma}\hat P_j^{1-\sigma}}
        \quad(\text{world output fixed}),

    and :math:`\hat P` is normalised so that the reference country's inward resistance is unchanged
    (Yotov et al. 2016 use Germany as reference). With ``cost_change`` all ones the baseline is returned exactly.

    Parameters
    ----------
    trade : ndarray or DataFrame, shape (n, n)
        Baseline flows including domestic trade on the diagonal, all strictly positive on the diagonal. Usually
        the PPML fitted flows (which satisfy the gravity system exactly) or the observed flows.
    cost_change : ndarray, shape (n, n)
        :math:`\hat T_{ij} = (t'_{ij}/t_{ij})^{1-\sigma}`, e.g. from :func:`cost_change_from_coefficient`.
    sigma : float
        Elasticity of substitution (> 1); 7 as in Yotov et al. (2016), Ch. 2.
    kind : {'conditional', 'full'}
    countries : sequence of str, optional
        Labels (taken from a DataFrame's index when ``trade`` is one).
    reference : str, optional
        Numeraire country (:math:`\hat P_R = 1`); default the first country.
    tol, maxiter : float, int
        Convergence tolerance on the largest relative change and iteration limit.

    Returns
    -------
    GEResults

    References
    ----------
    Anderson, J. E. and van Wincoop, E. (2003). Gravity with gravitas. *AER* 93(1), 170–192.
    Yotov et al. (2016), Ch. 2 (Sect. A; Application 1 "Trade without borders").
    Arkolakis, Costinot and Rodríguez-Clare (2012). New trade models, same old gains? *AER* 102(1), 94–130.
    """
    check_option("kind", kind, _KINDS)
    if isinstance(trade, pd.DataFrame):
        countries = tuple(str(c) for c in trade.index) if countries is None else tuple(countries)
        trade = trade.to_numpy(dtype=float)
    X = np.asarray(trade, dtype=float)
    T = np.asarray(cost_change, dtype=float)
    n = X.shape[0]
    if X.ndim != 2 or X.shape != (n, n):
        raise DataError(f"trade must be a square origin x destination matrix; got shape {X.shape}")
    if T.shape != X.shape:
        raise DataError(f"cost_change has shape {T.shape}; it must match trade {X.shape}")
    if not np.all(np.isfinite(X)) or np.any(X < 0) or np.any(np.diag(X) <= 0):
        raise DataError("trade must be finite, non-negative, with positive domestic flows on the diagonal")
    if not np.all(np.isfinite(T)) or np.any(T <= 0):
        raise DataError("cost_change must be finite and strictly positive")
    if sigma <= 1:
        raise ModelError(f"sigma must exceed 1; got {sigma}")
    names = tuple(countries) if countries is not None else tuple(str(i) for i in range(n))
    if len(names) != n:
        raise DataError(f"{len(names)} country labels for a {n} x {n} matrix")
    ref = names[0] if reference is None else reference
    if ref not in names:
        raise DataError(f"reference {ref!r} is not among the countries")
    r = names.index(ref)
    notes: list[str] = []
    if kind == "conditional":
        a, b, it, ok = conditional_ge(X, T, tol=tol, maxiter=maxiter)
        c = b[r]
        a, b = a * c, b / c  # normalise P_R = 1 (a*b invariant)
        X1 = X * T / (a[:, None] * b[None, :])
        p = np.ones(n)
        notes.append("conditional GE: output and expenditure fixed; real output and welfare not defined")
    else:
        p, pj, e_hat, it, ok = full_endowment_ge(X, T, sigma, tol=tol, maxiter=maxiter)
        X1 = X * T * (p ** (1.0 - sigma))[:, None] * (e_hat / pj)[None, :]
        # express nominal values so that the reference country's inward resistance is unchanged (P_R = 1)
        scale = pj[r] ** (1.0 / (1.0 - sigma))
        p, e_hat, X1 = p / scale, e_hat / scale, X1 / scale
        b = pj / pj[r]  # P_j^{1-sigma}
        # outward resistance from Y_i / Y = (gamma_i p_i Pi_i)^{1-sigma}:  Pi^{1-sigma} = (Y_i_hat / Y_hat) * p^{sigma-1}
        world_hat = (p * X.sum(axis=1)).sum() / X.sum()
        a = (p / world_hat) * p ** (sigma - 1.0)
    if not ok:
        notes.append(f"solver stopped after {maxiter} iterations without reaching tol {tol:g}")
    omr = a ** (1.0 / (1.0 - sigma))
    imr = b ** (1.0 / (1.0 - sigma))
    return GEResults(
        kind=kind, sigma=float(sigma), countries=names, baseline=X, counterfactual=X1,
        price_change=p, omr_change=omr, imr_change=imr, iterations=it, converged=ok, reference=ref,
        notes=tuple(notes),
    )
