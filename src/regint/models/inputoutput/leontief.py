"""Pure functions of the demand-driven (Leontief) and supply-driven (Ghosh) input-output models.

Every function takes and returns plain NumPy arrays; the shapes are stated in each docstring, with
``n`` the number of sectors. Labels, caching and results objects live in :mod:`.table`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import scipy.linalg

from regint.errors import ModelError

__all__ = [
    "allocation_coefficients",
    "check_productive",
    "ghosh_inverse",
    "hawkins_simon_minors",
    "input_coefficients",
    "leontief_inverse",
    "multipliers",
    "rasmussen_linkages",
    "solve_leontief",
    "spectral_radius",
    "technical_coefficients",
]

_TOL = 1e-12


def _square(name: str, m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise ModelError(f"{name} must be a square matrix (n, n); got shape {m.shape}.")
    if not np.all(np.isfinite(m)):
        raise ModelError(f"{name} contains NaN or infinite values; fill or drop those sectors first.")
    return m


def _vector(name: str, v: np.ndarray, n: int) -> np.ndarray:
    v = np.asarray(v, dtype=float).reshape(-1)
    if v.shape != (n,):
        raise ModelError(f"{name} must have one value per sector, shape ({n},); got shape {v.shape}.")
    if not np.all(np.isfinite(v)):
        raise ModelError(f"{name} contains NaN or infinite values.")
    return v


def _divide_columns(num: np.ndarray, den: np.ndarray, what: str, labels: Sequence[str] | None) -> np.ndarray:
    """Divide column ``j`` of ``num`` by ``den[j]``; 0/0 gives 0, a non-zero column over 0 raises."""
    zero = np.abs(den) <= _TOL
    bad = zero & np.any(np.abs(num) > _TOL, axis=0)
    if np.any(bad):
        names = [labels[int(i)] if labels is not None else str(i) for i in np.flatnonzero(bad)]
        raise ModelError(
            f"{what} is zero for sector(s) {names} that nevertheless have non-zero flows; "
            "the table is inconsistent. Fix: correct the output row or drop those sectors."
        )
    return np.where(zero[None, :], 0.0, num / np.where(zero, 1.0, den)[None, :])


def technical_coefficients(Z: np.ndarray, x: np.ndarray, labels: Sequence[str] | None = None) -> np.ndarray:
    r"""Technical (input) coefficients: intermediate inputs per unit of the buying sector's output.

    .. math::

        A = Z \hat{x}^{-1}, \qquad a_{ij} = z_{ij} / x_j

    A sector with zero output and no inputs gets a zero column.

    Parameters
    ----------
    Z : ndarray, shape (n, n)
        Intermediate flows, rows selling sector ``i``, columns buying sector ``j``.
    x : ndarray, shape (n,)
        Total output of each sector.
    labels : sequence of str, optional
        Sector names used in error messages.

    Returns
    -------
    ndarray, shape (n, n)

    Raises
    ------
    ModelError
        If a sector has zero output but non-zero inputs.

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed.,
    Cambridge University Press, sect. 2.2, eq. (2.4)–(2.5), pp. 15–17.
    Eurostat (2008). *Manual of Supply, Use and Input-Output Tables*, ch. 15.2, Table 15.6.
    """
    Z = _square("Z", Z)
    x = _vector("x", x, Z.shape[0])
    return _divide_columns(Z, x, "Output (column total)", labels)


input_coefficients = technical_coefficients


def allocation_coefficients(Z: np.ndarray, x: np.ndarray, labels: Sequence[str] | None = None) -> np.ndarray:
    r"""Allocation (output) coefficients of the Ghosh model: sales per unit of the selling sector's output.

    .. math::

        B = \hat{x}^{-1} Z, \qquad b_{ij} = z_{ij} / x_i

    Parameters
    ----------
    Z : ndarray, shape (n, n)
        Intermediate flows.
    x : ndarray, shape (n,)
        Total output (for a domestic table equal to total use of domestic products).
    labels : sequence of str, optional
        Sector names used in error messages.

    Returns
    -------
    ndarray, shape (n, n)

    References
    ----------
    Miller & Blair (2009), sect. 12.1, eq. (12.1), p. 544.
    Eurostat (2008), ch. 15.4 (output coefficients).
    """
    Z = _square("Z", Z)
    x = _vector("x", x, Z.shape[0])
    return _divide_columns(Z.T, x, "Output (row total)", labels).T


def spectral_radius(A: np.ndarray) -> float:
    r"""Largest absolute eigenvalue :math:`\rho(A)` of a square matrix, shape (n, n) → float.

    A non-negative :math:`A` is productive (the Hawkins–Simon condition holds and :math:`(I-A)^{-1} \ge 0`)
    exactly when :math:`\rho(A) < 1`.

    References
    ----------
    Miller & Blair (2009), appendix 2.1 (Hawkins–Simon conditions), pp. 58–60.
    """
    A = _square("A", A)
    if A.size == 0:
        return 0.0
    return float(np.max(np.abs(np.linalg.eigvals(A))))


def check_productive(
    A: np.ndarray, labels: Sequence[str] | None = None, *, what: str = "A", columns: bool = False
) -> None:
    r"""Raise :class:`ModelError` unless the coefficient matrix is productive.

    A non-negative :math:`A` is productive, :math:`(I - A)^{-1}` exists and is non-negative, exactly when its
    spectral radius is below one, equivalently when every leading principal minor of :math:`I - A` is positive
    (Hawkins and Simon 1949). Column sums below one are *sufficient* for that, not necessary: a sector whose
    inputs sum to more than its output (negative value added, e.g. a subsidised one) can sit in a productive
    table, and its Leontief inverse is computed. Checks, in order: negative coefficients; with
    ``columns=True`` (an explicit extra demand of the caller), columns whose coefficients sum to 1 or more;
    the spectral radius :math:`\rho(A) < 1`, the decisive condition.

    Parameters
    ----------
    A : ndarray, shape (n, n)
        Technical (or allocation, with ``what='B'``) coefficients.
    labels : sequence of str, optional
        Sector names for the message.
    what : str
        Name of the matrix in the message.
    columns : bool
        Also reject column sums ≥ 1 (default: no; they do not make a table unproductive).

    References
    ----------
    Hawkins, D. and Simon, H. A. (1949). Note: some conditions of macroeconomic stability. *Econometrica*
    17(3/4), 245-248. Miller & Blair (2009), sect. 2.3 and appendix 2.1, pp. 31, 58–60 (column sums < 1 as
    a sufficient condition only).
    """
    A = _square(what, A)
    names = list(labels) if labels is not None else [str(i) for i in range(A.shape[0])]
    if np.any(A < -_TOL):
        i, j = np.argwhere(A < -_TOL)[0]
        raise ModelError(
            f"{what} has a negative coefficient ({A[i, j]:.4g}) for flow {names[i]} → {names[j]}; "
            "the Leontief model needs non-negative flows. Fix: net negative flows out or drop the sector."
        )
    colsum = A.sum(axis=0)
    over = np.flatnonzero(colsum >= 1.0)
    shown = ", ".join(f"{names[j]} ({colsum[j]:.4f})" for j in over[:5])
    if columns and over.size:
        raise ModelError(
            f"The input coefficients of {shown} sum to 1 or more, so each unit of output uses at least a "
            "unit of intermediate inputs and leaves no value added. Fix: check the output row x and the "
            "intermediate flows of those sectors."
        )
    rho = spectral_radius(A)
    if rho >= 1.0:
        culprit = f" Columns summing to 1 or more: {shown}." if over.size else ""
        raise ModelError(
            f"The table is not productive: the spectral radius of {what} is {rho:.6f} ≥ 1, so "
            f"(I - A)^-1 does not exist as a non-negative matrix.{culprit} Fix: check units and the output row."
        )


def hawkins_simon_minors(A: np.ndarray) -> np.ndarray:
    r"""Leading principal minors of :math:`I - A`, shape (n,); all positive iff a non-negative ``A`` is productive.

    .. math::

        \det\,(I - A)_{[1..k],[1..k]} > 0, \quad k = 1, \dots, n

    References
    ----------
    Hawkins and Simon (1949); Miller & Blair (2009), appendix 2.1, pp. 58–60.
    """
    M = np.eye(_square("A", A).shape[0]) - A
    return np.array([np.linalg.det(M[:k, :k]) for k in range(1, M.shape[0] + 1)])


def _lu(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = A.shape[0]
    M = np.eye(n) - A
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
        lu, piv = scipy.linalg.lu_factor(M, check_finite=True)
    diag = np.abs(np.diag(lu))
    if n and (np.min(diag) <= _TOL * max(1.0, float(np.max(diag)))):
        raise ModelError(
            "I - A is singular: the Leontief system has no unique solution. "
            "Fix: drop sectors with no output and no inputs, or check for duplicated sectors."
        )
    return lu, piv


def solve_leontief(A: np.ndarray, f: np.ndarray, lu: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    r"""Output required by final demand, solving :math:`(I - A)\,x = f` without forming the inverse.

    Parameters
    ----------
    A : ndarray, shape (n, n)
        Technical coefficients.
    f : ndarray, shape (n,) or (n, k)
        Final demand (one or ``k`` scenarios as columns).
    lu : tuple, optional
        A cached LU factorisation of :math:`I - A` from :func:`scipy.linalg.lu_factor`.

    Returns
    -------
    ndarray, shape like ``f``

    References
    ----------
    Miller & Blair (2009), sect. 2.3, eq. (2.11), p. 21.
    """
    A = _square("A", A)
    factor = lu if lu is not None else _lu(A)
    return scipy.linalg.lu_solve(factor, np.asarray(f, dtype=float))


def leontief_inverse(A: np.ndarray, labels: Sequence[str] | None = None, *, check: bool = True) -> np.ndarray:
    r"""Leontief inverse (total requirements matrix).

    .. math::

        L = (I - A)^{-1} = I + A + A^2 + \dots \quad (\rho(A) < 1)

    Entry :math:`l_{ij}` is the output of sector ``i`` needed, directly and indirectly, per unit of final
    demand for sector ``j``.

    Parameters
    ----------
    A : ndarray, shape (n, n)
        Technical coefficients.
    labels : sequence of str, optional
        Sector names for error messages.
    check : bool
        Check productivity first (:func:`check_productive`: the spectral radius, not the column sums).

    Returns
    -------
    ndarray, shape (n, n)

    Raises
    ------
    ModelError
        If ``A`` is not productive (:math:`\rho(A) \ge 1`) or ``I - A`` is singular.

    References
    ----------
    Miller & Blair (2009), sect. 2.3, eq. (2.10), pp. 21–23.
    Eurostat (2008), ch. 15.3, Table 15.10, p. 488.
    """
    A = _square("A", A)
    if check:
        check_productive(A, labels)
    return scipy.linalg.lu_solve(_lu(A), np.eye(A.shape[0]))


def ghosh_inverse(B: np.ndarray, labels: Sequence[str] | None = None, *, check: bool = True) -> np.ndarray:
    r"""Ghosh inverse of the supply-driven model.

    .. math::

        G = (I - B)^{-1}, \qquad x^\top = v^\top G

    with :math:`B = \hat{x}^{-1} Z` the allocation coefficients. :math:`g_{ij}` is the output of sector
    ``j`` enabled per unit of primary input in sector ``i``; it relates to the Leontief inverse by
    :math:`G = \hat{x}^{-1} L \hat{x}`.

    Parameters
    ----------
    B : ndarray, shape (n, n)
        Allocation coefficients (:func:`allocation_coefficients`).
    labels : sequence of str, optional
        Sector names for error messages.
    check : bool
        Check that ``B`` is productive.

    Returns
    -------
    ndarray, shape (n, n)

    References
    ----------
    Ghosh, A. (1958). Input-output approach in an allocation system. *Economica* 25(97), 58–64.
    Miller & Blair (2009), sect. 12.1, eq. (12.4)–(12.7), pp. 544–546.
    Eurostat (2008), ch. 15.4 (output multipliers of the supply model).
    """
    B = _square("B", B)
    if check:
        check_productive(B.T, labels, what="B")
    return scipy.linalg.lu_solve(_lu(B), np.eye(B.shape[0]))


def multipliers(L: np.ndarray, coefficients: np.ndarray | None = None) -> np.ndarray:
    r"""Simple multipliers: column sums of the Leontief inverse weighted by direct coefficients.

    .. math::

        m_j = \sum_i c_i\, l_{ij}, \qquad m^\top = c^\top L

    With :math:`c = 1` this is the simple output multiplier; with :math:`c_i = v_i/x_i` the value-added
    (GVA) multiplier; with :math:`c_i = e_i/x_i` the employment multiplier.

    Parameters
    ----------
    L : ndarray, shape (n, n)
        Leontief inverse.
    coefficients : ndarray, shape (n,), optional
        Direct coefficients per unit of output; ones when omitted.

    Returns
    -------
    ndarray, shape (n,)

    References
    ----------
    Miller & Blair (2009), sect. 6.2, eq. (6.1)–(6.8), pp. 244–253.
    Eurostat (2008), ch. 15.3, Tables 15.11–15.13.
    """
    L = _square("L", L)
    c = np.ones(L.shape[0]) if coefficients is None else _vector("coefficients", coefficients, L.shape[0])
    return c @ L


def rasmussen_linkages(M: np.ndarray, axis: int) -> np.ndarray:
    r"""Normalised Rasmussen linkage indices from an inverse matrix.

    .. math::

        BL_j = \frac{\sum_i l_{ij}}{\frac{1}{n} \sum_{i,j} l_{ij}}, \qquad
        FL_i = \frac{\sum_j g_{ij}}{\frac{1}{n} \sum_{i,j} g_{ij}}

    Backward linkages use column sums (``axis=0``) of the Leontief inverse; forward linkages use row sums
    (``axis=1``) of the Ghosh inverse (Miller & Blair's recommendation) or, traditionally, of the Leontief
    inverse. An index above 1 means an above-average linkage.

    Parameters
    ----------
    M : ndarray, shape (n, n)
        Leontief or Ghosh inverse.
    axis : {0, 1}
        0 for column sums (backward), 1 for row sums (forward).

    Returns
    -------
    ndarray, shape (n,)

    References
    ----------
    Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
    Miller & Blair (2009), sect. 12.2, eq. (12.18)–(12.21), pp. 555–560.
    Eurostat (2008), ch. 15.3 (backward and forward linkages).
    """
    M = _square("M", M)
    if axis not in (0, 1):
        raise ModelError(f"axis must be 0 (backward) or 1 (forward); got {axis!r}")
    sums = M.sum(axis=axis)
    mean = sums.mean() if sums.size else 1.0
    if mean == 0:
        raise ModelError("The inverse sums to zero; linkages are undefined.")
    return sums / mean
