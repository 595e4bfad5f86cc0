"""Household closure of the Leontief model: type I and type II multipliers as pure functions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from regint.errors import ModelError
from regint.models.inputoutput.leontief import check_productive, leontief_inverse

__all__ = ["closed_inverse", "household_closure", "type_i_multipliers", "type_ii_multipliers"]


def household_closure(A: np.ndarray, labour_coefficients: np.ndarray, consumption_coefficients: np.ndarray) -> np.ndarray:
    r"""Technical coefficients closed with respect to households (households as an extra sector).

    .. math::

        \bar{A} = \begin{pmatrix} A & h_c \\ h_r^\top & 0 \end{pmatrix}

    with :math:`h_{r,j} = \text{compensation}_j / x_j` the labour-input row and
    :math:`h_{c,i} = \text{household consumption}_i / \text{household income}` the consumption column.

    Parameters
    ----------
    A : ndarray, shape (n, n)
        Technical coefficients.
    labour_coefficients : ndarray, shape (n,)
        Household (compensation) row :math:`h_r`.
    consumption_coefficients : ndarray, shape (n,)
        Household consumption column :math:`h_c`.

    Returns
    -------
    ndarray, shape (n + 1, n + 1)

    References
    ----------
    Miller & Blair (2009), sect. 2.5, eq. (2.26)–(2.28), pp. 34–41; sect. 6.2.2 (type II multipliers).
    """
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    hr = np.asarray(labour_coefficients, dtype=float).reshape(-1)
    hc = np.asarray(consumption_coefficients, dtype=float).reshape(-1)
    if hr.shape != (n,) or hc.shape != (n,):
        raise ModelError(
            f"The household row and column need one value per sector ({n}); got {hr.shape} and {hc.shape}."
        )
    closed = np.zeros((n + 1, n + 1))
    closed[:n, :n] = A
    closed[:n, n] = hc
    closed[n, :n] = hr
    return closed


def _ratio(effect: np.ndarray, direct: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.abs(direct) > 0, effect / np.where(direct == 0, 1.0, direct), np.nan)


def type_i_multipliers(L: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    r"""Type I multipliers: direct plus indirect effect per unit of direct effect.

    .. math::

        \text{type I}_j = \frac{(c^\top L)_j}{c_j}

    Parameters
    ----------
    L : ndarray, shape (n, n)
        Leontief inverse of the open model.
    coefficients : ndarray, shape (n,)
        Direct coefficients (income, GVA or jobs per unit of output). Sectors with ``c_j = 0`` give NaN.

    Returns
    -------
    ndarray, shape (n,)

    References
    ----------
    Miller & Blair (2009), sect. 6.2.2, eq. (6.11)–(6.12), pp. 250–253.
    """
    c = np.asarray(coefficients, dtype=float)
    return _ratio(c @ L, c)


def type_ii_multipliers(L_closed: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    r"""Type II multipliers: direct, indirect and induced (household-spending) effects per direct effect.

    .. math::

        \text{type II}_j = \frac{(c^\top \bar{L}_{11})_j}{c_j},
        \qquad \bar{L} = (I - \bar{A})^{-1},

    where :math:`\bar{L}_{11}` is the upper-left (n, n) block of the closed inverse. Because
    :math:`\bar{L}_{11} \ge L` element-wise, type II ≥ type I for non-negative coefficients.

    Parameters
    ----------
    L_closed : ndarray, shape (n + 1, n + 1)
        Leontief inverse of the model closed with respect to households.
    coefficients : ndarray, shape (n,)
        Direct coefficients.

    Returns
    -------
    ndarray, shape (n,)

    References
    ----------
    Miller & Blair (2009), sect. 6.2.2, eq. (6.13)–(6.16), pp. 251–254.
    """
    c = np.asarray(coefficients, dtype=float)
    n = c.shape[0]
    return _ratio(c @ L_closed[:n, :n], c)


def closed_inverse(
    A: np.ndarray,
    labour_coefficients: np.ndarray,
    consumption_coefficients: np.ndarray,
    labels: Sequence[str] | None = None,
) -> np.ndarray:
    """Leontief inverse of the closed model, shape (n + 1, n + 1); only the spectral radius is checked."""
    closed = household_closure(A, labour_coefficients, consumption_coefficients)
    names = None if labels is None else [*labels, "households"]
    try:
        check_productive(closed, names, columns=False)
        return leontief_inverse(closed, check=False)
    except ModelError as err:
        raise ModelError(
            f"The model closed with respect to households is not productive ({err}) — household "
            "consumption per unit of income times labour income per unit of output is too large. "
            "Fix: pass the household income that finances the consumption column (household_income=)."
        ) from err
