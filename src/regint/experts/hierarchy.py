"""AHP hierarchies: goal → criteria → sub-criteria → alternatives, with local and global weights.

Each node of the hierarchy is compared (a pairwise matrix over its children) or given priorities directly
(measured values normalised to sum 1, e.g. a criterion computed from data). The global weight of an element is
the product of the local weights on its path from the goal; elements that are compared under several parents
(alternatives under every terminal criterion) add up over their paths — Saaty's distributive synthesis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.experts.ahp import (
    METHODS,
    RI_TABLES,
    AHPResult,
    Judgements,
    MatrixLike,
    Method,
    RandomIndex,
    priorities,
)


@dataclass
class _Node:
    labels: list[str]
    matrix: MatrixLike | Judgements | None = None
    weights: np.ndarray | None = None


class Hierarchy:
    """A decision hierarchy built node by node, then solved.

    Examples
    --------
    >>> h = Hierarchy("Goal")
    >>> h = h.compare("Goal", {("Cost", "Quality"): 3}).compare("Cost", {("A", "B"): 2})
    >>> h = h.compare("Quality", {("A", "B"): 1 / 4})
    >>> round(float(h.solve().leaves["A"]), 4)
    0.55

    References
    ----------
    Saaty, T.L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, ch. 2 (hierarchic composition).
    """

    def __init__(self, goal: str = "Goal") -> None:
        self.goal = goal
        self._nodes: dict[str, _Node] = {}

    def compare(self, node: str, matrix: MatrixLike | Judgements, labels: Sequence[str] | None = None) -> Hierarchy:
        """Add the pairwise comparison of ``node``'s children (matrix with labels, DataFrame or judgements)."""
        if isinstance(matrix, pd.DataFrame) and labels is None:
            names = [str(x) for x in matrix.index]
        elif isinstance(matrix, Mapping):
            names = list(labels) if labels is not None else list(dict.fromkeys(x for pair in matrix for x in pair))
        else:
            if labels is None:
                raise DataError(f"node {node!r}: give the labels of the compared elements. Fix: labels=[...].")
            names = list(labels)
        self._nodes[node] = _Node(labels=[str(x) for x in names], matrix=matrix)
        return self

    def set_priorities(self, node: str, weights: Mapping[str, float]) -> Hierarchy:
        """Give ``node``'s children their local weights directly (normalised to sum 1), e.g. measured data."""
        values = np.asarray(list(weights.values()), dtype=float)
        if values.size == 0 or np.any(~np.isfinite(values)) or np.any(values < 0) or values.sum() <= 0:
            raise DataError(f"node {node!r}: priorities must be finite, non-negative and not all zero; got {values}.")
        self._nodes[node] = _Node(labels=[str(k) for k in weights], weights=values / values.sum())
        return self

    @property
    def nodes(self) -> list[str]:
        return list(self._nodes)

    def solve(self, *, method: Method = "eigenvector", ri: RandomIndex = "saaty1980") -> HierarchyResult:
        """Local priorities of every node and the global weights of every element."""
        check_option("method", method, METHODS)
        check_option("ri", ri, RI_TABLES)
        if self.goal not in self._nodes:
            raise DataError(f"the goal {self.goal!r} has no comparison. Fix: call compare({self.goal!r}, ...) first.")
        results: dict[str, AHPResult | None] = {}
        local: dict[str, np.ndarray] = {}
        for name, node in self._nodes.items():
            if node.weights is not None:
                results[name], local[name] = None, node.weights
            else:
                res = priorities(node.matrix, node.labels if not isinstance(node.matrix, pd.DataFrame) else None,  # type: ignore[arg-type]
                                 method=method, ri=ri, name=name)
                results[name], local[name] = res, res.weights
                node.labels = list(res.labels)
        rows: list[dict[str, object]] = []
        leaves: dict[str, float] = {}
        self._walk(self.goal, 1.0, 1, (self.goal,), local, rows, leaves)
        unreachable = [n for n in self._nodes if n != self.goal and not any(r["element"] == n for r in rows)]
        if unreachable:
            raise DataError(
                f"node(s) {unreachable} are not reachable from the goal {self.goal!r}. "
                "Fix: list each of them among the compared elements of its parent."
            )
        return HierarchyResult(
            goal=self.goal, nodes=results, elements=pd.DataFrame(rows),
            leaves=pd.Series(leaves, name="global_weight", dtype=float), method=method, ri_table=ri,
        )

    def _walk(self, name: str, weight: float, level: int, path: tuple[str, ...], local: dict[str, np.ndarray],
              rows: list[dict[str, object]], leaves: dict[str, float]) -> None:
        node = self._nodes[name]
        for label, w in zip(node.labels, local[name], strict=True):
            if label in path:
                raise DataError(f"the hierarchy has a cycle: {' → '.join(path + (label,))}. Fix: remove it.")
            g = weight * float(w)
            is_leaf = label not in self._nodes
            rows.append({"parent": name, "element": label, "level": level, "local_weight": float(w),
                         "global_weight": g, "leaf": is_leaf})
            if is_leaf:
                leaves[label] = leaves.get(label, 0.0) + g
            else:
                self._walk(label, g, level + 1, path + (label,), local, rows, leaves)


@dataclass(frozen=True)
class HierarchyResult:
    """Solved hierarchy.

    Attributes
    ----------
    nodes : dict
        ``AHPResult`` per compared node (``None`` where priorities were given directly).
    elements : DataFrame
        One row per (parent, element): level, local and global weight, whether it is a leaf.
    leaves : Series
        Global weights of the leaves (alternatives; or the lowest criteria when no alternatives are compared),
        summed over all their paths; they sum to 1.
    """

    goal: str
    nodes: dict[str, AHPResult | None]
    elements: pd.DataFrame
    leaves: pd.Series
    method: str
    ri_table: str
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def global_weight(self, element: str) -> float:
        """Global weight of an element (a node or a leaf), summed over its paths."""
        return float(self.elements.loc[self.elements["element"] == element, "global_weight"].sum())

    def local_weights(self, node: str) -> pd.Series:
        sub = self.elements[self.elements["parent"] == node]
        return pd.Series(sub["local_weight"].to_numpy(), index=sub["element"].to_list(), name=node)

    def consistency(self) -> pd.DataFrame:
        """CR of every compared node."""
        rows = [{"node": k, "n": r.n, "lambda_max": r.lambda_max, "cr": r.cr, "acceptable": r.acceptable}
                for k, r in self.nodes.items() if r is not None]
        return pd.DataFrame(rows).set_index("node")

    def to_frame(self) -> pd.DataFrame:
        return self.elements.copy()

    def summary(self) -> str:
        head = f"AHP hierarchy '{self.goal}' ({self.method}, RI {self.ri_table})"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious example judgements, not a survey of real experts.")
        for row in self.elements.itertuples():
            indent = "  " * int(row.level)
            lines.append(f"{indent}{row.element}: local {row.local_weight:.4f}, global {row.global_weight:.4f}")
        lines.append("Leaves (global weights):")
        for k, v in self.leaves.sort_values(ascending=False).items():
            lines.append(f"  {k}: {v:.4f}")
        bad = [k for k, r in self.nodes.items() if r is not None and not r.acceptable]
        lines.append("Consistency: all nodes CR < 0.10" if not bad else f"Consistency: CR ≥ 0.10 at {bad}")
        lines.extend(self.notes)
        return "\n".join(lines)
