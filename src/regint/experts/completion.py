r"""Completion of an incomplete pairwise comparison matrix by minimising its Perron eigenvalue.

The missing judgements :math:`x = (x_{ij})_{(i,j) \in M}` of an incomplete matrix :math:`A(x)` are chosen to make
the completed matrix as consistent as possible in Saaty's sense:

.. math::

    \min_{x > 0} \lambda_{\max}\bigl(A(x)\bigr)

With :math:`x_{ij} = e^{t_{ij}}` the objective is a convex function of :math:`t` (Kingman's theorem on log-convex
Perron roots), strictly convex, with a unique minimum, when the graph of the given judgements is connected
(Bozóki, Fülöp and Rónyai 2010, Theorems 2-3). Its gradient follows from the left and right Perron vectors
:math:`v, w`:

.. math::

    \frac{\partial \lambda_{\max}}{\partial t_{ij}} = \frac{v_i w_j x_{ij} - v_j w_i / x_{ij}}{v^\top w}

so at the optimum :math:`x_{ij}^2 = (v_j w_i)/(v_i w_j)`. Harker's (1987) completion instead sets
:math:`x_{ij} = w_i / w_j`, which agrees only when :math:`v \propto 1/w` (always for :math:`n \le 3`, not in
general): the two completions and their priority vectors differ, slightly for small matrices and visibly for
larger ones with many gaps.

References
----------
Bozóki, S., Fülöp, J. and Rónyai, L. (2010). On optimal completion of incomplete pairwise comparison matrices.
*Mathematical and Computer Modelling* 52(1-2): 318-333, Sections 3-5.
Harker, P.T. (1987). Derivatives of the Perron root of a positive reciprocal matrix: with application to the
analytic hierarchy process. *Applied Mathematics and Computation* 22: 217-232 (the derivative above).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize, root

from regint.errors import ModelError

__all__ = ["lambda_max_completion", "perron"]


def perron(matrix: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Perron root and the right and left Perron vectors (each summing to 1) of a positive matrix.

    Parameters
    ----------
    matrix : ndarray, shape (n, n), positive

    Returns
    -------
    lambda_max : float
    w, v : ndarray, shape (n,)
        Right (:math:`Aw = \\lambda w`) and left (:math:`v^\\top A = \\lambda v^\\top`) vectors.
    """
    vals, vecs = np.linalg.eig(matrix)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    lvals, lvecs = np.linalg.eig(matrix.T)
    v = np.abs(lvecs[:, int(np.argmax(lvals.real))].real)
    return float(vals[k].real), w / w.sum(), v / v.sum()


def lambda_max_completion(matrix: np.ndarray, start: np.ndarray | None = None, *, tol: float = 1e-12) -> np.ndarray:
    r"""The completion of an incomplete pairwise matrix that minimises :math:`\lambda_{\max}`.

    Parameters
    ----------
    matrix : ndarray, shape (n, n)
        Reciprocal, ``NaN`` where a judgement is missing (both :math:`a_{ij}` and :math:`a_{ji}`); the graph of
        the given judgements must be connected (checked by :func:`regint.experts.ahp.check_pairwise`).
    start : ndarray, shape (n, n), optional
        A completed matrix to start from (e.g. Harker's); default: every missing entry 1.
    tol : float
        Gradient tolerance of the quasi-Newton (BFGS) iterations in :math:`t = \ln x`.

    Returns
    -------
    ndarray, shape (n, n)
        The completed, reciprocal matrix.

    Raises
    ------
    ModelError
        If the minimisation does not converge.

    References
    ----------
    Bozóki, Fülöp and Rónyai (2010), problem (8) and Section 5 (the convex reformulation, solved here by
    quasi-Newton steps and a final solve of the stationarity condition instead of their cyclic coordinates).
    """
    a = np.array(matrix, dtype=float)
    rows, cols = np.nonzero(np.triu(np.isnan(a), k=1))
    if len(rows) == 0:
        return a
    t0 = np.zeros(len(rows)) if start is None else np.log(np.asarray(start, dtype=float)[rows, cols])

    def fill(t: np.ndarray) -> np.ndarray:
        b = a.copy()
        b[rows, cols] = np.exp(t)
        b[cols, rows] = np.exp(-t)
        return b

    def objective(t: np.ndarray) -> tuple[float, np.ndarray]:
        b = fill(t)
        lam, w, v = perron(b)
        x = b[rows, cols]
        grad = (v[rows] * w[cols] * x - v[cols] * w[rows] / x) / float(v @ w)
        return lam, grad

    first = minimize(objective, t0, jac=True, method="BFGS", options={"gtol": tol, "maxiter": 2000})
    # BFGS stops on the flat bottom of lambda_max (a loss of precision in the line search); the stationarity
    # condition grad = 0 is then solved directly (Powell's hybrid method), which the convexity makes unique.
    polish = root(lambda t: objective(t)[1], first.x, method="hybr", options={"xtol": 1e-14})
    t_best = polish.x if np.all(np.isfinite(polish.x)) else first.x
    worst = float(np.max(np.abs(objective(t_best)[1])))
    if not np.all(np.isfinite(t_best)) or worst > 1e-9:
        raise ModelError(
            f"the lambda-max completion of the {a.shape[0]}x{a.shape[0]} matrix with {len(rows)} missing "
            f"judgement(s) did not converge (largest gradient {worst:.2g}). Fix: use completion='harker' or give "
            "more judgements."
        )
    return fill(t_best)
