"""Frozen results objects of the input-output model: multipliers and impacts."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["ImpactResult", "MultiplierResult", "format_assumptions"]


def format_assumptions(assumptions: tuple[str, ...]) -> str:
    """The assumptions as an indented list ("none" when empty)."""
    if not assumptions:
        return "Assumptions: none beyond the Leontief model (fixed coefficients, no supply constraints)."
    return "Assumptions:\n" + "\n".join(f"  - {a}" for a in assumptions)


@dataclass(frozen=True)
class MultiplierResult:
    """Multipliers, linkages and key sectors of one table, one row per sector.

    Columns of :attr:`frame`: ``output`` (simple output multiplier, type I), ``output_type_ii``,
    ``gva``, ``gva_type_i``, ``gva_type_ii``, ``income_type_i``, ``income_type_ii``, ``employment``,
    ``backward``, ``forward`` (normalised Rasmussen indices) and ``key_sector``. Columns that the data do not
    support are NaN and listed with the reason in :attr:`unavailable`.
    """

    frame: pd.DataFrame
    forward_basis: str
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    unavailable: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        out = self.frame.copy()
        out.attrs["assumptions"] = list(self.assumptions)
        out.attrs["unavailable"] = list(self.unavailable)
        return out

    @property
    def key_sectors(self) -> list[str]:
        return [str(s) for s in self.frame.index[self.frame["key_sector"]]]

    def summary(self, top: int = 10) -> str:
        f = self.frame.sort_values("output", ascending=False).head(top)
        cols = [c for c in ("output", "output_type_ii", "gva", "employment", "backward", "forward") if c in f]
        lines = [
            f"Input-output multipliers ({len(self.frame)} sectors; forward linkages from the {self.forward_basis} inverse)",
            f.loc[:, cols].round(4).to_string(),
            f"Key sectors (backward and forward linkage > 1): {', '.join(self.key_sectors) or 'none'}",
        ]
        if self.unavailable:
            lines.append("Not available: " + "; ".join(self.unavailable))
        lines.append(format_assumptions(self.assumptions))
        return "\n".join(lines)


@dataclass(frozen=True)
class ImpactResult:
    """Effect of a change in final demand on output, GVA and jobs by sector.

    ``jobs`` is ``None`` when the table has no employment by sector (reason in :attr:`unavailable`).
    Units follow the table: output and GVA in the table's money unit, jobs in its employment unit.
    """

    delta_final_demand: pd.Series
    output: pd.Series
    gva: pd.Series | None
    jobs: pd.Series | None
    closure: str
    unit: str = ""
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    unavailable: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        cols: dict[str, pd.Series] = {"delta_final_demand": self.delta_final_demand, "output": self.output}
        if self.gva is not None:
            cols["gva"] = self.gva
        if self.jobs is not None:
            cols["jobs"] = self.jobs
        out = pd.DataFrame(cols)
        out.attrs["assumptions"] = list(self.assumptions)
        out.attrs["closure"] = self.closure
        return out

    @property
    def totals(self) -> pd.Series:
        return self.to_frame().sum()

    def summary(self) -> str:
        t = self.totals
        shock = float(t["delta_final_demand"])
        lines = [
            f"Impact of a final-demand change of {shock:,.1f} {self.unit} ({self.closure} model)".strip(),
            f"  output: {t['output']:,.1f} {self.unit}"
            + (f" (multiplier {t['output'] / shock:.4f})" if shock else ""),
        ]
        if "gva" in t:
            lines.append(f"  GVA:    {t['gva']:,.1f} {self.unit}")
        if "jobs" in t:
            lines.append(f"  jobs:   {t['jobs']:,.1f}")
        if self.unavailable:
            lines.append("Not available: " + "; ".join(self.unavailable))
        lines.append(format_assumptions(self.assumptions))
        return "\n".join(lines)
