"""The indicator framework: a tree indicators → dimensions → ... → index, kept as an editable data file.

A framework file is a CSV table with one row per node:

``code``
    unique identifier (an indicator code of the data, or the code of an aggregate);
``name``
    label shown in tables and charts;
``parent``
    code of the node it is aggregated into; empty for the single root (the index);
``direction``
    ``1`` when more is better, ``-1`` when less is better (indicators only; aggregates are ``1``);
``weight``
    positive nominal weight, relative to its siblings (rescaled to sum to one within each parent);
``denominator``
    optional code of a variable that the indicator is divided by (COINr "denominate");
``source``, ``description``
    optional free text: where the indicator comes from and how it is computed.

Leaves are indicators, the other nodes aggregates. Any number of levels is allowed.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators: Methodology and User Guide*, OECD, Paris,
step 1 "Theoretical framework", pp. 22–23.
Becker, W., Benavente, D., Dominguez Torreiro, M., Moura, C. T., Neves, A. R., Saisana, M. & Vertesy, D. (2022),
"COINr: an R package for developing composite indicators", *Journal of Open Source Software* 7(78), 4567.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from regint.errors import DataError

FRAMEWORK_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "parent",
    "direction",
    "weight",
    "denominator",
    "source",
    "description",
)
_REQUIRED = ("code", "parent", "weight")


class FrameworkError(DataError):
    """An indicator framework is inconsistent (unknown parent, non-positive weight, cycle, ...)."""


def _where(origin: str, row: int | None, code: str | None) -> str:
    parts = [f"framework {origin}"]
    if row is not None:
        parts.append(f"row {row}")
    if code is not None:
        parts.append(f"code {code!r}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Framework:
    """A validated indicator tree.

    Build it with :meth:`from_frame`, :meth:`read_csv` or :meth:`from_coinr`; the constructor expects an
    already validated table.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per node, indexed by ``code``, columns :data:`FRAMEWORK_COLUMNS` without ``code``.
    origin : str
        Where the table came from (file name), used in error messages.
    """

    table: pd.DataFrame
    origin: str = "<frame>"
    _children: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_frame(cls, frame: pd.DataFrame, origin: str = "<frame>") -> Framework:
        """Validate a framework table and build the tree.

        Raises
        ------
        FrameworkError
            When a required column is absent, a code is empty or repeated, a parent is unknown, a weight is not
            a positive number, a direction is not ±1, there is not exactly one root, or the parents form a cycle.
        """
        missing = [c for c in _REQUIRED if c not in frame.columns]
        if missing:
            raise FrameworkError(
                f"framework {origin}: missing column(s) {missing}; a framework needs columns "
                f"{list(FRAMEWORK_COLUMNS)} (code, parent and weight are required)."
            )
        t = frame.copy().reset_index(drop=True)
        for col in FRAMEWORK_COLUMNS:
            if col not in t.columns:
                t[col] = np.nan if col in ("direction", "weight") else ""
        t = t[list(FRAMEWORK_COLUMNS)]
        for col in ("code", "name", "parent", "denominator", "source", "description"):
            t[col] = t[col].astype(object).where(t[col].notna(), "").astype(str).str.strip()
        t.loc[t["name"] == "", "name"] = t.loc[t["name"] == "", "code"]
        rows = {i: i + 2 for i in range(len(t))}  # 1-based, after the header line
        for i, code in t["code"].items():
            if code == "":
                raise FrameworkError(f"{_where(origin, rows[i], None)}: empty code. Fix: give every node a code.")
        dup = t["code"][t["code"].duplicated()]
        if len(dup):
            i = int(dup.index[0])
            raise FrameworkError(
                f"{_where(origin, rows[i], dup.iloc[0])}: code appears more than once. Fix: codes must be unique."
            )
        codes = set(t["code"])
        for i, r in t.iterrows():
            if r["parent"] and r["parent"] not in codes:
                raise FrameworkError(
                    f"{_where(origin, rows[i], r['code'])}: unknown parent {r['parent']!r}. "
                    "Fix: add a row for that aggregate or correct the parent code."
                )
            if r["parent"] == r["code"]:
                raise FrameworkError(f"{_where(origin, rows[i], r['code'])}: a node cannot be its own parent (cycle).")
        weights = pd.to_numeric(t["weight"], errors="coerce")
        roots = t.index[t["parent"] == ""]
        for i in t.index:
            if i in roots and pd.isna(weights[i]):
                weights[i] = 1.0
            w = weights[i]
            if not (np.isfinite(w) and w > 0):
                raise FrameworkError(
                    f"{_where(origin, rows[i], t.at[i, 'code'])}: weight must be a positive number; "
                    f"got {t.at[i, 'weight']!r}. Fix: use a weight > 0 (drop the row to exclude a node)."
                )
        t["weight"] = weights.astype(float)
        direction = pd.to_numeric(t["direction"], errors="coerce").fillna(1.0)
        bad = ~direction.isin([1.0, -1.0])
        if bad.any():
            i = int(direction.index[bad][0])
            raise FrameworkError(
                f"{_where(origin, rows[i], t.at[i, 'code'])}: direction must be 1 or -1; got "
                f"{t.at[i, 'direction']!r}."
            )
        t["direction"] = direction.astype(int)
        if len(roots) != 1:
            found = list(t.loc[roots, "code"])
            raise FrameworkError(
                f"framework {origin}: needs exactly one root (a row with an empty parent); found {found}. "
                "Fix: give every node but the index a parent."
            )
        parent = dict(zip(t["code"], t["parent"], strict=True))
        for start in t["code"]:
            seen = [start]
            node = parent[start]
            while node:
                if node in seen:
                    cycle = " -> ".join([*seen[seen.index(node):], node])
                    raise FrameworkError(
                        f"framework {origin}: the parents form a cycle ({cycle}). Fix: every chain of parents "
                        "must end at the root."
                    )
                seen.append(node)
                node = parent[node]
        t = t.set_index("code")
        children: dict[str, list[str]] = {c: [] for c in t.index}
        for c, p in t["parent"].items():
            if p:
                children[p].append(str(c))
        return cls(t, origin, {k: tuple(v) for k, v in children.items()})

    @classmethod
    def read_csv(cls, path: str | Path) -> Framework:
        """Read and validate a framework CSV file (see the module docstring for its columns)."""
        path = Path(path)
        if not path.is_file():
            raise FrameworkError(f"framework file {path} does not exist.")
        frame = pd.read_csv(path, dtype={"code": str, "parent": str}, keep_default_na=False,
                            na_values={"weight": [""], "direction": [""]})
        return cls.from_frame(frame, origin=path.name)

    @classmethod
    def from_coinr(cls, ind_meta: pd.DataFrame, agg_meta: pd.DataFrame) -> Framework:
        """Build a framework from COINr's ``IndMeta``/``AggMeta`` tables (COINr v0.x layout).

        ``IndMeta`` holds ``IndCode``, ``IndName``, ``Direction``, ``IndWeight``, ``Denominator`` and
        ``Agg1``…``AggK`` (the parent at each level); ``AggMeta`` holds ``AgLevel``, ``Code``, ``Name``,
        ``Weight``.
        """
        agg_cols = sorted((c for c in ind_meta.columns if c.startswith("Agg")), key=lambda c: int(c[3:]))
        rows: list[dict[str, object]] = []
        for _, r in ind_meta.iterrows():
            rows.append({"code": r["IndCode"], "name": r.get("IndName", r["IndCode"]),
                         "parent": r[agg_cols[0]], "direction": r["Direction"], "weight": r["IndWeight"],
                         "denominator": r.get("Denominator", "")})
        parents: dict[str, str] = {}
        for lo, hi in zip(agg_cols[:-1], agg_cols[1:], strict=True):
            for a, b in zip(ind_meta[lo], ind_meta[hi], strict=True):
                parents[str(a)] = str(b)
        for _, r in agg_meta.iterrows():
            rows.append({"code": r["Code"], "name": r["Name"], "parent": parents.get(str(r["Code"]), ""),
                         "direction": 1, "weight": r["Weight"], "denominator": ""})
        return cls.from_frame(pd.DataFrame(rows), origin="COINr IndMeta/AggMeta")

    # ------------------------------------------------------------------ queries
    @property
    def root(self) -> str:
        """Code of the index (the node without a parent)."""
        return str(self.table.index[self.table["parent"] == ""][0])

    def children(self, code: str) -> tuple[str, ...]:
        """Codes of the nodes aggregated into ``code`` (empty for an indicator)."""
        return self._children[code]

    @property
    def indicators(self) -> list[str]:
        """Leaf codes in file order."""
        return [str(c) for c in self.table.index if not self._children[c]]

    @property
    def aggregates(self) -> list[str]:
        """Aggregate codes, ordered bottom-up (every node after all of its children)."""
        out: list[str] = []

        def visit(node: str) -> None:
            for c in self._children[node]:
                visit(c)
            if self._children[node]:
                out.append(node)

        visit(self.root)
        return out

    def depth(self, code: str) -> int:
        """Number of edges from ``code`` up to the root."""
        d, node = 0, self.table.at[code, "parent"]
        while node:
            d, node = d + 1, self.table.at[node, "parent"]
        return d

    def level_of(self, code: str) -> int:
        """COINr-style level: 1 for indicators, 1 + the largest child level for aggregates."""
        kids = self._children[code]
        return 1 if not kids else 1 + max(self.level_of(k) for k in kids)

    @property
    def dimensions(self) -> list[str]:
        """The aggregates just below the root (the top-level dimensions / sub-indices)."""
        return list(self._children[self.root])

    @property
    def direction(self) -> pd.Series:
        """Direction (±1) of each indicator."""
        return self.table.loc[self.indicators, "direction"].astype(int)

    @property
    def weights(self) -> pd.Series:
        """Nominal weights of all non-root nodes, rescaled to sum to one within each parent."""
        return rescale_weights(self.table["weight"].drop(self.root), self)

    @property
    def denominators(self) -> pd.Series:
        """Denominator code of each indicator that has one."""
        d = self.table.loc[self.indicators, "denominator"]
        return d[d != ""]

    def leaves_under(self, code: str) -> list[str]:
        """All indicators below ``code`` (``code`` itself when it is an indicator)."""
        kids = self._children[code]
        if not kids:
            return [code]
        return [leaf for k in kids for leaf in self.leaves_under(k)]

    def with_weights(self, weights: Mapping[str, float] | pd.Series) -> Framework:
        """A copy with some nominal weights replaced (validated as in :meth:`from_frame`)."""
        t = self.table.reset_index()
        w = pd.Series(weights, dtype=float)
        unknown = sorted(set(w.index) - set(t["code"]))
        if unknown:
            raise FrameworkError(f"framework {self.origin}: weights given for unknown codes {unknown}.")
        t["weight"] = t["code"].map(w).fillna(t["weight"])
        return Framework.from_frame(t, origin=self.origin)

    def to_frame(self) -> pd.DataFrame:
        """The table with ``code`` as a column, ready for :meth:`pandas.DataFrame.to_csv`."""
        return self.table.reset_index()


def rescale_weights(weights: pd.Series, framework: Framework) -> pd.Series:
    """Rescale weights to sum to one among the children of each aggregate.

    .. math:: \\tilde w_i = w_i \\Big/ \\sum_{j \\in \\mathrm{sib}(i)} w_j

    Parameters
    ----------
    weights : pandas.Series
        Positive weights indexed by node code (every non-root node).
    framework : Framework

    Returns
    -------
    pandas.Series
        Weights that sum to one within each parent.
    """
    w = weights.astype(float).copy()
    if (w <= 0).any() or not np.isfinite(w).all():
        bad = list(w.index[(w <= 0) | ~np.isfinite(w)])
        raise FrameworkError(f"weights must be positive and finite; not so for {bad}.")
    parents = framework.table.loc[w.index, "parent"]
    return w / w.groupby(parents).transform("sum")
