"""MICMAC structural analysis: direct and indirect influence and dependence of factors, their classes and map.

The direct influence matrix :math:`M` holds, in row *i* and column *j*, how strongly factor *i* influences
factor *j* (Godet's scale 0 none, 1 weak, 2 moderate, 3 strong; potential influences may be scored as well).
Indirect influences through chains of length *k* are in :math:`M^k`; the powers are raised until the ranking of
the factors by influence and by dependence stops changing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from regint.errors import DataError

CLASSES = ("driver", "relay", "dependent", "autonomous")
CLASS_NAMES_RU = {"driver": "движущие (влияющие)", "relay": "связующие (реле)", "dependent": "зависимые (результат)",
                  "autonomous": "автономные"}


def influence_dependence(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Influence (row sums) and dependence (column sums), diagonal excluded.

    .. math::

        I_i = \sum_{j \ne i} m_{ij}, \qquad D_j = \sum_{i \ne j} m_{ij}
    """
    m = np.array(matrix, dtype=float)
    np.fill_diagonal(m, 0.0)
    return m.sum(axis=1), m.sum(axis=0)


def classify(influence: np.ndarray, dependence: np.ndarray) -> list[str]:
    r"""Godet's four classes by the means of influence and dependence.

    ``driver`` (high influence, low dependence), ``relay`` (both high: linkage, unstable), ``dependent``
    (low influence, high dependence: outcomes), ``autonomous`` (both low). "High" means strictly above the mean;
    a factor exactly at the mean counts as low.
    """
    i_hi = influence > influence.mean() + 1e-12
    d_hi = dependence > dependence.mean() + 1e-12
    out = []
    for a, b in zip(i_hi, d_hi, strict=True):
        out.append("relay" if a and b else "driver" if a else "dependent" if b else "autonomous")
    return out


def _order(x: np.ndarray) -> tuple[int, ...]:
    return tuple(np.lexsort((np.arange(x.size), -np.round(x / x.max() if x.max() > 0 else x, 12))))


@dataclass(frozen=True)
class MicmacResult:
    """Direct and indirect influence and dependence of each factor, with classes and the power reached.

    Attributes
    ----------
    table : DataFrame
        Per factor: influence and dependence (direct; indirect as shares of the total, in per mille as in
        Godet's software), their ranks, and the class by direct and by indirect values.
    power : int
        The power :math:`k` of :math:`M^k` at which the rankings became stable.
    converged : bool
        ``False`` when ``max_power`` was reached first.
    """

    labels: tuple[str, ...]
    direct: np.ndarray
    table: pd.DataFrame
    power: int
    converged: bool
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def summary(self) -> str:
        head = f"MICMAC structural analysis: {len(self.labels)} factors, stable at power {self.power}"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious example judgements.")
        if not self.converged:
            lines.append("Rankings did not stabilise within max_power; read the indirect classes with care.")
        for cls in CLASSES:
            members = self.table.index[self.table["class_indirect"] == cls].tolist()
            lines.append(f"  {cls} ({CLASS_NAMES_RU[cls]}): {', '.join(members) if members else '—'}")
        moved = self.table[self.table["class_direct"] != self.table["class_indirect"]]
        if not moved.empty:
            lines.append("Changed class from direct to indirect: " + ", ".join(
                f"{k} ({r.class_direct} → {r.class_indirect})" for k, r in moved.iterrows()))
        lines.extend(self.notes)
        return "\n".join(lines)

    def plot(self, ax: Any = None, which: str = "indirect", lang: str = "en") -> Any:
        """Influence–dependence map (dependence on x, influence on y, lines at the means); returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 6))
        x = self.table[f"dependence_{which}"].to_numpy()
        y = self.table[f"influence_{which}"].to_numpy()
        ax.scatter(x, y, color="tab:blue")
        for label, xi, yi in zip(self.labels, x, y, strict=True):
            ax.annotate(label, (xi, yi), textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.axvline(x.mean(), color="grey", lw=0.8, ls="--")
        ax.axhline(y.mean(), color="grey", lw=0.8, ls="--")
        ru = lang == "ru"
        ax.set_xlabel("Зависимость" if ru else "Dependence")
        ax.set_ylabel("Влияние" if ru else "Influence")
        kind = ("косвенные" if which == "indirect" else "прямые") if ru else which
        ax.set_title(f"MICMAC ({kind})")
        corners = {"driver": (0.02, 0.97, "left", "top"), "relay": (0.98, 0.97, "right", "top"),
                   "autonomous": (0.02, 0.02, "left", "bottom"), "dependent": (0.98, 0.02, "right", "bottom")}
        for cls, (cx, cy, ha, va) in corners.items():
            ax.text(cx, cy, CLASS_NAMES_RU[cls] if ru else cls, transform=ax.transAxes, ha=ha, va=va,
                    fontsize=9, color="dimgrey")
        return ax


def micmac(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]], labels: Sequence[str] | None = None,
           *, max_power: int = 30) -> MicmacResult:
    r"""MICMAC: direct and indirect influence and dependence, iterated until the rankings are stable.

    .. math::

        I^{(k)}_i = \sum_j (M^k)_{ij}, \qquad D^{(k)}_j = \sum_i (M^k)_{ij}

    The power *k* is raised from 2 until the orderings of the factors by :math:`I^{(k)}` and by
    :math:`D^{(k)}` equal those at :math:`k-1` (Godet: usually after 5–7 multiplications). Each power is
    rescaled by its largest entry, which changes no ranking and avoids overflow. Indirect values are reported
    as per-mille shares of their total, so direct and indirect maps are comparable.

    Parameters
    ----------
    matrix : array (n, n)
        Direct influences, non-negative, zero diagonal.
    labels : sequence of str, optional

    Raises
    ------
    DataError
        Non-square, negative, non-finite or non-zero diagonal, naming the cell.

    References
    ----------
    Godet, M. (1994). *From Anticipation to Action: A Handbook of Strategic Prospective*. UNESCO, ch. 4
    (structural analysis, the MICMAC method).
    Arcade, J., Godet, M., Meunier, F. & Roubelat, F. (2009). Structural analysis with the MICMAC method &
    actors' strategy with MACTOR method. In J.C. Glenn & T.J. Gordon (eds), *Futures Research Methodology 3.0*.
    """
    if isinstance(matrix, pd.DataFrame):
        labels = labels or [str(x) for x in matrix.index]
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] < 2:
        raise DataError(f"a MICMAC matrix must be square with at least 2 factors; got shape {m.shape}.")
    n = m.shape[0]
    names = tuple(str(x) for x in (labels or [f"F{k + 1}" for k in range(n)]))
    if len(names) != n:
        raise DataError(f"{len(names)} labels for {n} factors.")
    for (i, j), v in np.ndenumerate(m):
        if not np.isfinite(v) or v < 0:
            raise DataError(f"MICMAC cell ({names[i]} → {names[j]}) = {v}: influences must be non-negative numbers "
                            "(0 none, 1 weak, 2 moderate, 3 strong). Fix: correct the cell.")
        if i == j and v != 0:
            raise DataError(f"MICMAC cell ({names[i]} → {names[i]}) = {v:g}: a factor does not influence itself. "
                            "Fix: put 0 on the diagonal.")
    inf_d, dep_d = influence_dependence(m)
    power, prev = 1, m.copy()
    prev_order = (_order(prev.sum(axis=1)), _order(prev.sum(axis=0)))
    converged, vanished = False, False
    while power < max_power:
        nxt = prev @ m
        top = nxt.max()
        if top == 0:  # no chains of this length (acyclic graph): indirect influence vanishes
            converged = vanished = True
            break
        nxt = nxt / top
        power += 1
        order = (_order(nxt.sum(axis=1)), _order(nxt.sum(axis=0)))
        prev = nxt
        if order == prev_order:
            converged = True
            break
        prev_order = order
    inf_i, dep_i = prev.sum(axis=1), prev.sum(axis=0)
    total = inf_i.sum()
    inf_i = inf_i / total * 1000 if total > 0 else inf_i
    dep_i = dep_i / total * 1000 if total > 0 else dep_i
    table = pd.DataFrame({
        "influence_direct": inf_d, "dependence_direct": dep_d,
        "influence_indirect": inf_i, "dependence_indirect": dep_i,
    }, index=list(names))
    for col in list(table.columns):
        table[f"rank_{col}"] = table[col].rank(ascending=False, method="min").astype(int)
    table["class_direct"] = classify(inf_d, dep_d)
    table["class_indirect"] = classify(inf_i, dep_i)
    notes: tuple[str, ...] = ()
    if vanished:
        notes = (f"The influence graph has no chains longer than {power}: indirect values are those of M^{power}.",)
    return MicmacResult(names, m, table, power, converged, notes=notes)
