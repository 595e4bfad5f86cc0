"""Variance-based sensitivity indices from a Saltelli design (pure functions on arrays)."""

from __future__ import annotations

import warnings

import numpy as np
from scipy.stats import qmc


def saltelli_design(n: int, dims: list[int], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Base matrices A and B of a Saltelli design from a scrambled Sobol' sequence.

    Parameters
    ----------
    n : int
        Base sample size *N*.
    dims : list of int
        Number of uniform inputs in each factor group (a group is swapped as a whole).
    seed : int

    Returns
    -------
    A, B : numpy.ndarray, shape (N, sum(dims))
        Independent quasi-random samples of :math:`U(0, 1)`.

    References
    ----------
    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010), "Variance based
    sensitivity analysis of model output. Design and estimator for the total sensitivity index",
    *Computer Physics Communications* 181(2), 259–270, section 3.
    """
    d = int(sum(dims))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # balance warning when N is not a power of two
        sample = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(n)
    return sample[:, :d], sample[:, d:]


def radial_matrices(a: np.ndarray, b: np.ndarray, dims: list[int]) -> list[np.ndarray]:
    """The matrices :math:`A_B^{(i)}`: A with the columns of group *i* taken from B."""
    out, start = [], 0
    for k in dims:
        ab = a.copy()
        ab[:, start:start + k] = b[:, start:start + k]
        out.append(ab)
        start += k
    return out


def sobol_indices(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) Sobol' indices, vectorised over outputs.

    .. math::
        \\hat V = \\operatorname{Var}\\bigl(f(A) \\cup f(B)\\bigr),\\qquad
        \\hat S_i = \\frac{\\frac1N \\sum_j f(B)_j \\bigl(f(A_B^{(i)})_j - f(A)_j\\bigr)}{\\hat V},\\qquad
        \\hat S_{Ti} = \\frac{\\frac{1}{2N} \\sum_j \\bigl(f(A)_j - f(A_B^{(i)})_j\\bigr)^2}{\\hat V}

    Parameters
    ----------
    f_a, f_b : numpy.ndarray, shape (N, ...)
        Model output on A and B.
    f_ab : numpy.ndarray, shape (k, N, ...)
        Output on :math:`A_B^{(i)}` for each of the *k* factors.

    Returns
    -------
    first, total : numpy.ndarray, shape (k, ...)
        NaN where the output does not vary.

    References
    ----------
    Saltelli et al. (2010), *Comput. Phys. Commun.* 181, 259–270, Table 2, estimators (b) and (f);
    Jansen, M. J. W. (1999), "Analysis of variance designs for model output",
    *Computer Physics Communications* 117, 35–43.
    """
    var = np.var(np.concatenate([f_a, f_b], axis=0), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        inv = np.where(var > 0, 1.0 / np.where(var > 0, var, 1.0), np.nan)
    first = np.mean(f_b[None] * (f_ab - f_a[None]), axis=1) * inv
    total = 0.5 * np.mean((f_a[None] - f_ab) ** 2, axis=1) * inv
    return first, total
