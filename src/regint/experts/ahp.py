r"""Analytic hierarchy process: priorities of one pairwise comparison matrix and their consistency.

A pairwise comparison matrix :math:`A = (a_{ij})` on Saaty's 1–9 scale says how many times element *i* is more
important (likely, preferred) than element *j*; it is positive and reciprocal, :math:`a_{ji} = 1/a_{ij}`.
Missing judgements are ``NaN``. The eigenvector method completes them by Harker's (1987) method or, as an
option, by the completion that minimises :math:`\lambda_{\max}` (Bozóki, Fülöp and Rónyai 2010,
:mod:`regint.experts.completion`); the geometric method by logarithmic least squares on the judgements given.
A completed entry outside Saaty's scale 1/9 … 9 is warned about (:class:`regint.errors.ScaleWarning`): the
judgements given imply a ratio no expert could have entered, and should be looked at.

Hierarchies (goal → criteria → sub-criteria → alternatives) are in :mod:`regint.experts.hierarchy`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ScaleWarning
from regint.experts.completion import lambda_max_completion, perron

Method = Literal["eigenvector", "geometric"]
RandomIndex = Literal["saaty1980", "saaty2005"]
Completion = Literal["harker", "lambda_max"]

METHODS: tuple[str, ...] = ("eigenvector", "geometric")
COMPLETIONS: tuple[str, ...] = ("harker", "lambda_max")
RI_TABLES: tuple[str, ...] = ("saaty1980", "saaty2005")

#: Saaty (1980) random consistency index, n = 1..15 (n = 11..15 as coded in CRAN AHPWR ``R/CR.R``).
RI_SAATY_1980: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
    11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}
#: Saaty (2005), *Theory and Applications of the Analytic Network Process*, p. 31.
RI_SAATY_2005: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49,
    11: 1.52, 12: 1.54, 13: 1.56, 14: 1.58, 15: 1.59,
}
#: Values of Saaty's fundamental scale and their reciprocals, ascending.
SAATY_SCALE: tuple[float, ...] = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
#: The conventional threshold of an acceptable consistency ratio (Saaty 1980).
CR_THRESHOLD = 0.10

MatrixLike: TypeAlias = np.ndarray | pd.DataFrame | Sequence[Sequence[float]]
Judgements: TypeAlias = Mapping[tuple[str, str], float]


def random_index(n: int, table: RandomIndex = "saaty1980") -> float:
    """Saaty's random consistency index RI(n); ``NaN`` beyond the table (n > 15).

    References
    ----------
    Saaty, T.L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, p. 21.
    Saaty, T.L. (2005). *Theory and Applications of the Analytic Network Process*. RWS Publications, p. 31.
    """
    check_option("ri", table, RI_TABLES)
    values = RI_SAATY_1980 if table == "saaty1980" else RI_SAATY_2005
    return values.get(int(n), float("nan"))


def nearest_scale_value(x: float) -> float:
    """The value of Saaty's scale (1/9 … 9) nearest to ``x`` on a logarithmic axis."""
    logs = np.log(np.asarray(SAATY_SCALE))
    return SAATY_SCALE[int(np.argmin(np.abs(logs - np.log(x))))]


def scale_label(x: float) -> str:
    """``3`` → ``"3"``, ``1/3`` → ``"1/3"`` for a value of Saaty's scale (others with 3 decimals)."""
    for k in range(1, 10):
        if np.isclose(x, k):
            return str(k)
        if np.isclose(x, 1.0 / k):
            return f"1/{k}"
    return f"{x:.3f}"


# ---------------------------------------------------------------------------------------------------------------
# Building and checking a pairwise matrix
# ---------------------------------------------------------------------------------------------------------------

def from_judgements(judgements: Judgements, items: Sequence[str] | None = None) -> pd.DataFrame:
    """A reciprocal pairwise matrix from judgements ``{(i, j): a_ij}``; pairs not given are ``NaN``.

    ``items`` fixes the order of rows and columns (default: order of first appearance).
    """
    labels = list(items) if items is not None else []
    for i, j in judgements:
        for x in (i, j):
            if x not in labels:
                if items is not None:
                    raise DataError(
                        f"judgement ({i!r}, {j!r}) names {x!r}, which is not among the items {list(items)}. "
                        "Fix: spell the item as in the list or add it to the items."
                    )
                labels.append(x)
    n = len(labels)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    pos = {x: k for k, x in enumerate(labels)}
    for (i, j), value in judgements.items():
        if i == j:
            raise DataError(f"judgement ({i!r}, {j!r}) compares an item with itself. Fix: remove it.")
        v = float(value)
        r, c = pos[i], pos[j]
        if not np.isnan(a[r, c]) and not np.isclose(a[r, c], v, rtol=0.02):
            raise DataError(
                f"judgements ({i!r}, {j!r}) = {v:g} and ({j!r}, {i!r}) = {1 / a[r, c]:g} contradict each other. "
                "Fix: give each pair once."
            )
        a[r, c] = v
        a[c, r] = 1.0 / v
    return pd.DataFrame(a, index=labels, columns=labels)


def as_matrix(matrix: MatrixLike | Judgements, labels: Sequence[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """The matrix as a float array and its labels (from a DataFrame's index, ``labels`` or ``x1..xn``)."""
    if isinstance(matrix, Mapping):
        frame = from_judgements(matrix, labels)
        return frame.to_numpy(dtype=float).copy(), [str(x) for x in frame.index]
    if isinstance(matrix, pd.DataFrame):
        names = [str(x) for x in matrix.index]
        if labels is None and [str(c) for c in matrix.columns] != names:
            raise DataError(
                "the rows and columns of the pairwise matrix are not the same items in the same order "
                f"(rows {names}, columns {[str(c) for c in matrix.columns]}). Fix: reorder the columns."
            )
        arr = matrix.to_numpy(dtype=float)
        names = list(labels) if labels is not None else names
    else:
        arr = np.asarray(matrix, dtype=float)
        names = list(labels) if labels is not None else [f"x{k + 1}" for k in range(arr.shape[0] if arr.ndim else 0)]
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise DataError(f"a pairwise comparison matrix must be square; got shape {arr.shape}.")
    if len(names) != arr.shape[0]:
        raise DataError(f"{len(names)} labels for a {arr.shape[0]}×{arr.shape[0]} matrix. Fix: give one label per row.")
    return arr.copy(), [str(x) for x in names]


def check_pairwise(
    matrix: MatrixLike | Judgements,
    labels: Sequence[str] | None = None,
    *,
    allow_missing: bool = True,
    rtol: float = 0.02,
) -> pd.DataFrame:
    """Validate a pairwise comparison matrix and return it complete where one triangle was given.

    Checks, in order: square; diagonal 1 (or empty); every value positive and within Saaty's range
    [1/9, 9]; reciprocity :math:`a_{ij} a_{ji} = 1` within ``rtol``. Where only one of :math:`a_{ij}, a_{ji}`
    is given, the other is filled with its reciprocal, so an upper triangle suffices. Pairs given in neither
    triangle stay ``NaN`` (an incomplete matrix) unless ``allow_missing`` is false.

    Raises
    ------
    DataError
        Naming the cell (row and column labels) and how to fix it.
    """
    a, names = as_matrix(matrix, labels)
    n = a.shape[0]
    for i in range(n):
        if not np.isnan(a[i, i]) and not np.isclose(a[i, i], 1.0):
            raise DataError(
                f"pairwise matrix cell ({names[i]}, {names[i]}) = {a[i, i]:g}: the diagonal must be 1. "
                "Fix: put 1 on the diagonal (an item is as important as itself)."
            )
        a[i, i] = 1.0
    lo, hi = 1.0 / 9.0 * (1 - 1e-6), 9.0 * (1 + 1e-6)
    for i in range(n):
        for j in range(n):
            v = a[i, j]
            if np.isnan(v):
                continue
            if v <= 0 or v < lo or v > hi:
                raise DataError(
                    f"pairwise matrix cell ({names[i]}, {names[j]}) = {v:g} is outside Saaty's scale 1/9 … 9. "
                    "Fix: use 1–9 where the row item dominates and 1/2–1/9 where the column item does."
                )
    for i in range(n):
        for j in range(i + 1, n):
            u, low = a[i, j], a[j, i]
            if np.isnan(u) and np.isnan(low):
                continue
            if np.isnan(low):
                a[j, i] = 1.0 / u
            elif np.isnan(u):
                a[i, j] = 1.0 / low
            elif abs(u * low - 1.0) > rtol:
                raise DataError(
                    f"pairwise matrix is not reciprocal at cell ({names[j]}, {names[i]}): it is {low:g} but "
                    f"1/({names[i]}, {names[j]}) = 1/{u:g} = {1 / u:.4g}. Fix: make a[j, i] = 1/a[i, j], or fill "
                    "only the upper triangle and leave the lower one empty."
                )
    missing = int(np.isnan(a).sum() // 2)
    if missing and not allow_missing:
        raise DataError(
            f"{missing} pairwise judgement(s) are missing, e.g. {_first_missing(a, names)}. "
            "Fix: give every pair, or pass allow_missing=True to estimate them (Harker 1987)."
        )
    if missing:
        _check_connected(a, names)
    return pd.DataFrame(a, index=names, columns=names)


def _first_missing(a: np.ndarray, names: list[str]) -> str:
    i, j = np.argwhere(np.isnan(a))[0]
    return f"({names[i]}, {names[j]})"


def _check_connected(a: np.ndarray, names: list[str]) -> None:
    """Priorities exist only when the graph of the given judgements links every item to every other."""
    known = ~np.isnan(a)
    seen, stack = {0}, [0]
    while stack:
        i = stack.pop()
        for j in np.flatnonzero(known[i]):
            if int(j) not in seen:
                seen.add(int(j))
                stack.append(int(j))
    if len(seen) < len(names):
        cut = [names[k] for k in range(len(names)) if k not in seen]
        raise DataError(
            f"the judgements given do not link {cut} with the other items, so their relative weights are "
            "undetermined. Fix: compare at least one of them with an item of the other group."
        )


# ---------------------------------------------------------------------------------------------------------------
# Prioritisation
# ---------------------------------------------------------------------------------------------------------------

def eigenvector_weights(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    r"""Principal right eigenvector of a complete positive reciprocal matrix, normalised to sum 1.

    .. math::

        A w = \lambda_{\max} w, \qquad \sum_i w_i = 1

    Parameters
    ----------
    matrix : ndarray, shape (n, n)

    Returns
    -------
    weights : ndarray, shape (n,)
    lambda_max : float

    References
    ----------
    Saaty, T.L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, ch. 1–2.
    """
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def harker_matrix(matrix: np.ndarray) -> np.ndarray:
    r"""Harker's auxiliary matrix of an incomplete pairwise matrix (missing entries ``NaN``).

    .. math::

        b_{ij} = \begin{cases} 0 & a_{ij} \text{ missing} \\ a_{ij} & \text{otherwise} \end{cases},
        \qquad b_{ii} = 1 + m_i

    where :math:`m_i` is the number of missing judgements in row *i*. Its principal eigenvector is the
    priority vector of the incomplete matrix.

    References
    ----------
    Harker, P.T. (1987). Incomplete pairwise comparisons in the analytic hierarchy process.
    *Mathematical Modelling* 9(11): 837–848.
    """
    b = np.where(np.isnan(matrix), 0.0, matrix)
    missing = np.isnan(matrix).sum(axis=1)
    b[np.diag_indices_from(b)] = 1.0 + missing
    return b


def geometric_weights(matrix: np.ndarray) -> np.ndarray:
    r"""Row geometric means normalised to sum 1 (logarithmic least squares).

    .. math::

        w_i \propto \Bigl(\prod_{j=1}^{n} a_{ij}\Bigr)^{1/n}

    With missing judgements (``NaN``) the logarithmic least-squares problem
    :math:`\min \sum_{(i,j)\,\text{given}} (\ln a_{ij} - \ln w_i + \ln w_j)^2` is solved through the Laplacian
    of the graph of given judgements, :math:`L \ln w = r`, :math:`r_i = \sum_{j\,\text{given}} \ln a_{ij}`
    (Bozóki, Fülöp & Rónyai 2010), which reduces to the row geometric mean when the matrix is complete.

    References
    ----------
    Crawford, G. & Williams, C. (1985). A note on the analysis of subjective judgement matrices.
    *Journal of Mathematical Psychology* 29: 387–405.
    Bozóki, S., Fülöp, J. & Rónyai, L. (2010). On optimal completion of incomplete pairwise comparison
    matrices. *Mathematical and Computer Modelling* 52: 318–333.
    """
    known = ~np.isnan(matrix)
    np.fill_diagonal(known, False)
    logs = np.where(known, np.log(np.where(known, matrix, 1.0)), 0.0)
    n = matrix.shape[0]
    lap = -known.astype(float)
    lap[np.diag_indices(n)] = known.sum(axis=1)
    r = logs.sum(axis=1)
    # fix the scale: add the constraint sum(ln w) = 0 through a rank-one term (L + 11'/n is non-singular).
    y = np.linalg.solve(lap + np.ones((n, n)) / n, r)
    w = np.exp(y - y.max())
    return w / w.sum()


def complete_matrix(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Fill the missing entries of a pairwise matrix with the ratios :math:`w_i / w_j` of its priorities."""
    ratio = np.outer(weights, 1.0 / weights)
    return np.where(np.isnan(matrix), ratio, matrix)


# ---------------------------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AHPResult:
    """Priorities of one pairwise comparison matrix and their consistency.

    Attributes
    ----------
    labels : tuple of str
    weights : ndarray, shape (n,), summing to 1
    lambda_max : float
        Principal eigenvalue (eigenvector method; of Harker's matrix, or of the optimal completion, when
        incomplete) or its estimate :math:`\\bar{(Aw)_i / w_i}` (geometric method).
    ci, cr, ri : float
        Consistency index, ratio and the random index used; ``cr`` is ``NaN`` with ``cr_note`` when RI is
        unknown (n > 15).
    matrix : ndarray
        The matrix as judged; ``NaN`` where a judgement is missing.
    completed : ndarray
        The matrix with missing judgements filled: by :math:`w_i/w_j` (Harker, geometric) or by the
        :math:`\\lambda_{\\max}`-minimising values (``completion="lambda_max"``).
    completion : str
        How missing judgements were completed: ``"harker"``, ``"lambda_max"`` or ``"llsm"`` (geometric).
    out_of_scale : tuple of (str, str, float)
        Completed entries (row, column, value > 1) outside Saaty's scale 1/9 … 9.
    """

    labels: tuple[str, ...]
    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    method: str
    ri_table: str
    matrix: np.ndarray
    completed: np.ndarray
    n_missing: int = 0
    cr_note: str = ""
    name: str = ""
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    completion: str = "harker"
    out_of_scale: tuple[tuple[str, str, float], ...] = ()

    @property
    def n(self) -> int:
        return len(self.labels)

    @property
    def acceptable(self) -> bool:
        """``True`` when CR < 0.10 (Saaty's threshold); n ≤ 2 is always consistent."""
        return bool(not np.isnan(self.cr) and self.cr < CR_THRESHOLD)

    def weight(self, label: str) -> float:
        return float(self.weights[self.labels.index(label)])

    def to_series(self) -> pd.Series:
        return pd.Series(self.weights, index=list(self.labels), name="weight")

    def to_frame(self) -> pd.DataFrame:
        """One row per element: weight and rank (1 = highest)."""
        s = self.to_series()
        return pd.DataFrame({"weight": s, "rank": s.rank(ascending=False, method="min").astype(int)})

    def summary(self) -> str:
        head = f"AHP priorities{f' — {self.name}' if self.name else ''} ({self.method}, RI {self.ri_table})"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious example judgements, not a survey of real experts.")
        width = max(len(x) for x in self.labels)
        for label, w in sorted(zip(self.labels, self.weights, strict=True), key=lambda t: -t[1]):
            lines.append(f"  {label:<{width}}  {w:.4f}")
        cr = "n/a" if np.isnan(self.cr) else f"{self.cr:.4f}"
        lines.append(f"n = {self.n}, λmax = {self.lambda_max:.4f}, CI = {self.ci:.4f}, RI = {self.ri:.2f}, CR = {cr}"
                     f" ({'acceptable' if self.acceptable else 'NOT acceptable: revise judgements'}; threshold 0.10)")
        if self.n_missing:
            how = {"harker": "Harker 1987", "lambda_max": "lambda-max completion, Bozóki et al. 2010",
                   "llsm": "LLSM"}[self.completion]
            lines.append(f"{self.n_missing} missing judgement(s) estimated ({how}).")
        for row, col, value in self.out_of_scale:
            lines.append(f"completed ({row}, {col}) = {value:.3g} is outside Saaty's scale 1/9 … 9")
        if self.cr_note:
            lines.append(self.cr_note)
        lines.extend(self.notes)
        return "\n".join(lines)


def priorities(
    matrix: MatrixLike | Judgements,
    labels: Sequence[str] | None = None,
    *,
    method: Method = "eigenvector",
    ri: RandomIndex = "saaty1980",
    name: str = "",
    allow_missing: bool = True,
    completion: Completion = "harker",
) -> AHPResult:
    r"""Priorities of a pairwise comparison matrix and its consistency ratio.

    .. math::

        CI = \frac{\lambda_{\max} - n}{n - 1}, \qquad CR = \frac{CI}{RI(n)}

    CR is 0 for n ≤ 2. With missing judgements the eigenvector method uses Harker's matrix (its λmax in CI)
    or, with ``completion="lambda_max"``, the completion that minimises :math:`\lambda_{\max}` (its
    eigenvector and :math:`\lambda_{\max}`: the inconsistency of the incomplete matrix as Bozóki, Fülöp and
    Rónyai 2010 define it). The two differ in general, already for n = 4 (the λmax-optimal completion does not
    have Harker's eigenvector). The geometric method uses logarithmic least squares over the judgements given
    and estimates :math:`\lambda_{\max}` on the completed matrix. A completed entry outside 1/9 … 9 raises a
    :class:`~regint.errors.ScaleWarning` and is listed in ``out_of_scale``.

    Parameters
    ----------
    matrix : array (n, n), DataFrame, or mapping ``{(i, j): a_ij}``
        Saaty's 1–9 scale, reciprocal; ``NaN`` (or absent pairs) for missing judgements; the upper triangle
        alone suffices.
    labels : sequence of str, optional
    method : {'eigenvector', 'geometric'}
    ri : {'saaty1980', 'saaty2005'}
        Random-index table (Saaty 1980 or Saaty 2005, p. 31).
    completion : {'harker', 'lambda_max'}
        Completion of missing judgements for the eigenvector method (the geometric method always uses LLSM).

    References
    ----------
    Saaty, T.L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    Harker, P.T. (1987). Incomplete pairwise comparisons in the analytic hierarchy process.
    *Mathematical Modelling* 9(11): 837–848.
    Saaty, T.L. (2008). Decision making with the analytic hierarchy process. *Int. J. Services Sciences*
    1(1): 83–98.
    Bozóki, S., Fülöp, J. & Rónyai, L. (2010). On optimal completion of incomplete pairwise comparison
    matrices. *Mathematical and Computer Modelling* 52: 318–333.
    """
    check_option("method", method, METHODS)
    check_option("ri", ri, RI_TABLES)
    check_option("completion", completion, COMPLETIONS)
    frame = check_pairwise(matrix, labels, allow_missing=allow_missing)
    a = frame.to_numpy(dtype=float)
    names = tuple(str(x) for x in frame.index)
    n = a.shape[0]
    n_missing = int(np.isnan(a).sum() // 2)
    how = "llsm" if method == "geometric" else completion
    if method == "eigenvector":
        w, lam = eigenvector_weights(harker_matrix(a) if n_missing else a)
        full = complete_matrix(a, w)
        if n_missing and completion == "lambda_max":
            full = lambda_max_completion(a, start=full)
            lam, w, _ = perron(full)
    else:
        w = geometric_weights(a)
        full = complete_matrix(a, w)
        lam = float(np.mean(full @ w / w))
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0) if abs(ci) < 1e-12 else ci
    r = random_index(n, ri)
    note = ""
    if n <= 2:
        cr = 0.0
    elif np.isnan(r):
        cr = float("nan")
        note = f"CR not computed: no random index for n = {n} in table {ri} (n ≤ 15)."
    else:
        cr = ci / r
    outside = _out_of_scale(a, full, names)
    if outside:
        shown = ", ".join(f"({i}, {j}) = {v:.3g}" for i, j, v in outside)
        warnings.warn(
            f"AHP{f' {name}' if name else ''}: the {how} completion puts {shown} outside Saaty's scale 1/9 … 9: the "
            "judgements given imply a ratio no respondent could have entered. Check the judgements around these "
            "pairs, or ask for the missing ones.", ScaleWarning, stacklevel=2)
    return AHPResult(
        labels=names, weights=w, lambda_max=float(lam), ci=float(ci), cr=float(cr), ri=float(r if n > 2 else 0.0),
        method=method, ri_table=ri, matrix=a, completed=full, n_missing=n_missing, cr_note=note, name=name,
        completion=how, out_of_scale=outside,
    )


def _out_of_scale(a: np.ndarray, full: np.ndarray, names: Sequence[str]) -> tuple[tuple[str, str, float], ...]:
    """Completed (originally missing) entries beyond 1/9 … 9, each pair once, with its value above 1."""
    out = []
    for i, j in zip(*np.nonzero(np.isnan(a)), strict=True):
        if full[i, j] > 9.0 * (1 + 1e-9):
            out.append((str(names[i]), str(names[j]), float(full[i, j])))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------------
# Which judgement to revise
# ---------------------------------------------------------------------------------------------------------------

def revision_candidates(result: AHPResult, top: int | None = None) -> pd.DataFrame:
    r"""Judgements ranked by how much revising them would improve consistency.

    For every judgement given (:math:`i < j`) the error :math:`\varepsilon_{ij} = a_{ij} w_j / w_i` is shown
    (1 for a perfectly consistent judgement; Saaty 2003), the value of Saaty's scale nearest to the implied
    ratio :math:`w_i / w_j` is suggested, and the CR the matrix would have with that one value replaced is
    computed by *trying* it. Rows are sorted by that CR (best improvement first), ties broken by the larger
    :math:`|\ln \varepsilon_{ij}|`. Judgements whose suggestion equals the current value are left out.

    Returns
    -------
    DataFrame
        Columns ``row``, ``column``, ``judgement``, ``implied`` (:math:`w_i/w_j`), ``error``
        (:math:`\varepsilon_{ij}`), ``suggested``, ``cr_after``.

    References
    ----------
    Saaty, T.L. (2003). Decision-making with the AHP: Why is the principal eigenvector necessary.
    *European Journal of Operational Research* 145: 85–91.
    Harker, P.T. (1987). Derivatives of the Perron root of a positive reciprocal matrix: with application to
    the analytic hierarchy process. *Applied Mathematics and Computation* 22: 217–232.
    """
    a, w, names = result.matrix, result.weights, result.labels
    rows = []
    for i in range(result.n):
        for j in range(i + 1, result.n):
            if np.isnan(a[i, j]):
                continue
            implied = w[i] / w[j]
            suggested = nearest_scale_value(implied)
            if np.isclose(suggested, a[i, j], rtol=1e-3):
                continue
            trial = a.copy()
            trial[i, j], trial[j, i] = suggested, 1.0 / suggested
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ScaleWarning)
                after = priorities(trial, names, method=result.method, ri=result.ri_table,  # type: ignore[arg-type]
                                   completion="lambda_max" if result.completion == "lambda_max" else "harker")
            err = a[i, j] * w[j] / w[i]
            rows.append({"row": names[i], "column": names[j], "judgement": a[i, j], "implied": implied,
                         "error": err, "suggested": suggested, "cr_after": after.cr, "_dev": abs(np.log(err))})
    cols = ["row", "column", "judgement", "implied", "error", "suggested", "cr_after"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["cr_after", "_dev"], ascending=[True, False])[cols]
    out = out.reset_index(drop=True)
    return out if top is None else out.head(top)


def most_inconsistent(result: AHPResult) -> dict[str, object] | None:
    """The single judgement whose revision improves CR most (first row of :func:`revision_candidates`)."""
    table = revision_candidates(result, top=1)
    return None if table.empty else table.iloc[0].to_dict()
