r"""Summary measures of a discrete Markov chain: classes, ergodic distributions, sojourn and passage times.

Pure functions of a transition matrix :math:`P` (shape (k, k), rows summing to one). A row of zeros (a class
never left from in the data) is read as an absorbing state, :math:`p_{ii} = 1`, as giddy's
``fill_empty_classes`` does.

References
----------
Kemeny, J. G. and Snell, J. L. (1976). *Finite Markov Chains*. Springer, ch. 3 (absorbing chains: mean time to
absorption :math:`N\mathbf 1`), ch. 4-5 (ergodic chains: fundamental matrix, mean first passage times,
p. 218 of the 1960/1967 edition for the Land of Oz example).
Ibe, O. C. (2009). *Markov Processes for Stochastic Modeling*. Elsevier, sect. 3.6 (sojourn times).
Rey, S. J., Kang, W. and Wolf, L. (2016). The properties of tests for spatial effects in discrete Markov
chain models of regional income distribution dynamics. *Journal of Geographical Systems* 18(4), 377-398
(giddy's ``sojourn_time``, ``fmpt``, ``steady_state`` for reducible chains).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse.csgraph import connected_components

from regint.errors import DataError

__all__ = ["communication_classes", "ergodic_distributions", "first_passage_times", "sojourn_times",
           "stochastic"]

_TOL = 1e-9


def stochastic(p: np.ndarray) -> np.ndarray:
    """The transition matrix with every all-zero row replaced by an absorbing row (:math:`p_{ii} = 1`).

    Raises
    ------
    DataError
        If ``p`` is not square, has a negative entry or a row that sums neither to 1 nor to 0.
    """
    p = np.asarray(p, dtype=float)
    if p.ndim != 2 or p.shape[0] != p.shape[1]:
        raise DataError(f"a transition matrix must be square; got shape {p.shape}.")
    if (p < -_TOL).any():
        i, j = np.argwhere(p < -_TOL)[0]
        raise DataError(f"transition matrix cell ({i}, {j}) = {p[i, j]:g} is negative.")
    rows = p.sum(axis=1)
    bad = np.flatnonzero((np.abs(rows - 1) > 1e-6) & (rows > _TOL))
    if bad.size:
        raise DataError(f"row {int(bad[0])} of the transition matrix sums to {rows[bad[0]]:.6g}, not 1. "
                        "Fix: divide each row by its sum.")
    out = p.copy()
    empty = np.flatnonzero(rows <= _TOL)
    out[empty, empty] = 1.0
    return out


def communication_classes(p: np.ndarray) -> list[tuple[np.ndarray, bool]]:
    """Communicating classes of the chain, each with whether it is closed (recurrent).

    Returns
    -------
    list of (ndarray of state indices, bool)
        In order of their smallest state; ``True`` for a closed class (no transition leaves it).
    """
    q = stochastic(p)
    _, labels = connected_components(q > _TOL, directed=True, connection="strong")
    out = []
    for lab in sorted(set(labels.tolist()), key=lambda c: int(np.flatnonzero(labels == c)[0])):
        members = np.flatnonzero(labels == lab)
        outside = np.setdiff1d(np.arange(q.shape[0]), members)
        closed = not (q[np.ix_(members, outside)] > _TOL).any()
        out.append((members, bool(closed)))
    return out


def ergodic_distributions(p: np.ndarray) -> np.ndarray:
    r"""Every stationary distribution that the chain can settle in: one per closed (recurrent) class.

    .. math::

        \pi^{(c)} = \pi^{(c)} P, \quad \pi^{(c)}_i = 0 \ (i \notin C_c), \quad \sum_i \pi^{(c)}_i = 1

    An irreducible (or unichain) chain has one row, its steady state; a reducible chain with :math:`r` closed
    classes has :math:`r` rows, and every stationary distribution is a mixture of them. Transient states have
    zero probability in all.

    Parameters
    ----------
    p : ndarray, shape (k, k)

    Returns
    -------
    ndarray, shape (r, k)

    References
    ----------
    Kemeny and Snell (1976), Theorem 4.1.6 and ch. 2.4 (canonical form); giddy ``steady_state_general``.
    """
    q = stochastic(p)
    rows = []
    for members, closed in communication_classes(q):
        if not closed:
            continue
        sub = q[np.ix_(members, members)]
        m = len(members)
        # pi (I - P_C) = 0 with sum(pi) = 1: least squares on the stacked system (exact, rank m).
        a = np.vstack([(np.eye(m) - sub).T, np.ones((1, m))])
        b = np.append(np.zeros(m), 1.0)
        pi, *_ = np.linalg.lstsq(a, b, rcond=None)
        full = np.zeros(q.shape[0])
        full[members] = np.clip(pi, 0.0, None) / np.clip(pi, 0.0, None).sum()
        rows.append(full)
    return np.vstack(rows)


def sojourn_times(p: np.ndarray) -> np.ndarray:
    r"""Expected number of consecutive periods spent in each state once entered (``inf`` if absorbing).

    .. math::

        s_i = \frac{1}{1 - p_{ii}}

    the mean of the geometric distribution of the length of a stay.

    Parameters
    ----------
    p : ndarray, shape (k, k)

    Returns
    -------
    ndarray, shape (k,)

    References
    ----------
    Ibe (2009), sect. 3.6; giddy ``sojourn_time``.
    """
    d = np.diag(stochastic(p))
    out = np.full(d.shape, np.inf)
    moving = d < 1 - _TOL
    out[moving] = 1.0 / (1.0 - d[moving])
    return out


def first_passage_times(p: np.ndarray) -> np.ndarray:
    r"""Mean first passage times :math:`m_{ij}` (periods to first reach ``j`` from ``i``) and recurrence times.

    For a target :math:`j`, the states :math:`A_j` from which :math:`j` is reached with probability one solve

    .. math::

        m_{ij} = 1 + \sum_{k \ne j} p_{ik} m_{kj}, \quad i \in A_j, \qquad
        m_{jj} = 1 + \sum_{k \ne j} p_{jk} m_{kj}

    and :math:`m_{ij} = \infty` where :math:`j` may never be reached. For an ergodic chain this is Kemeny and
    Snell's :math:`M = (I - Z + E Z_{dg}) D`, with :math:`m_{jj} = 1/\pi_j`; for a transient start and an
    absorbing target it is the mean time to absorption, :math:`N \mathbf 1`. Unlike giddy's ``fmpt_general``,
    which sets every passage between different communicating classes to ``inf``, a passage from a transient
    state into a closed class that it enters for sure is finite here.

    Parameters
    ----------
    p : ndarray, shape (k, k)

    Returns
    -------
    ndarray, shape (k, k)
        Row = start, column = target; diagonal = mean recurrence times.

    References
    ----------
    Kemeny and Snell (1976), Theorems 3.3.5 and 4.4.7; giddy ``fmpt`` (Land of Oz, p. 218).
    """
    q = stochastic(p)
    k = q.shape[0]
    reach = _reachability(q)
    out = np.full((k, k), np.inf)
    for j in range(k):
        others = np.array([i for i in range(k) if i != j])
        can = others[reach[others, j]]
        hit = np.zeros(k)
        hit[j] = 1.0
        if can.size:
            sub = q[np.ix_(can, can)]
            hit[can] = np.linalg.solve(np.eye(can.size) - sub, q[can, j])
        sure = others[np.abs(hit[others] - 1.0) < 1e-9]
        if sure.size:
            out[sure, j] = np.linalg.solve(np.eye(sure.size) - q[np.ix_(sure, sure)], np.ones(sure.size))
        leave = np.flatnonzero(q[j] > _TOL)
        if all(s == j or s in set(sure.tolist()) for s in leave):
            out[j, j] = 1.0 + float(sum(q[j, s] * out[s, j] for s in leave if s != j))
    return out


def _reachability(q: np.ndarray) -> np.ndarray:
    """reach[i, j]: ``j`` can be reached from ``i`` in one or more steps (transitive closure)."""
    reach = q > _TOL
    for m in range(q.shape[0]):
        reach = reach | (reach[:, [m]] & reach[[m], :])
    return reach
