"""Targets such as ``"wage_gap<=0.10"``, ``"score>=inertial+3"`` or ``"price_gap<=0.15 for 5y"``.

A target is a condition on one outcome that must **hold for a number of consecutive years** (default
:data:`DEFAULT_HOLD` = 3) to count as reached; the year it is reached is the first year of the first such run
that lies wholly within the horizon. The threshold is either a level (``wage_gap<=0.10``) or relative to the
inertial path of the same draw (``wage_gap<=inertial-0.02``: two points below the path without new measures;
``trade>=inertial*1.1``: ten per cent above it). A relative target cannot be met without measures; a level target
that the inertial central run reaches is flagged by :meth:`regint.scenarios.ScenarioResult.target_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from regint.scenarios._errors import ScenarioError

__all__ = ["DEFAULT_HOLD", "Target", "first_year", "parse_target", "sustained"]

#: Consecutive years a target must hold to count as reached.
DEFAULT_HOLD = 3
_NUM = r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?"
_PATTERN = re.compile(rf"^\s*([a-z_]+)\s*(<=|>=|<|>)\s*(?:(inertial)\s*([-+*])\s*)?({_NUM})\s*(%?)"
                      r"(?:\s+for\s+(\d+)\s*y(?:ears?)?)?\s*$")


@dataclass(frozen=True)
class Target:
    """A condition ``outcome op threshold`` that must hold ``hold`` consecutive years.

    ``reference`` is ``'level'`` (threshold = ``value``) or ``'inertial'``: threshold = inertial path
    ``+ value`` (``relation`` ``'+'``) or ``× value`` (``relation`` ``'*'``).
    """

    outcome: str
    op: str
    value: float
    hold: int = DEFAULT_HOLD
    reference: str = "level"
    relation: str = "+"

    def __post_init__(self) -> None:
        if self.hold < 1:
            raise ScenarioError(f"target {self.outcome}: it must hold at least one year; got {self.hold}")

    @property
    def relative(self) -> bool:
        return self.reference == "inertial"

    def __str__(self) -> str:
        if self.relative:
            v = f"*{self.value:g}" if self.relation == "*" else f"{self.value:+g}"
            text = f"{self.outcome}{self.op}inertial{v}"
        else:
            text = f"{self.outcome}{self.op}{self.value:g}"
        return text if self.hold == DEFAULT_HOLD else f"{text} for {self.hold}y"

    def threshold(self, inertial: np.ndarray | None = None) -> np.ndarray | float:
        """The threshold in each year: the level, or the inertial path shifted (or scaled)."""
        if not self.relative:
            return self.value
        if inertial is None:
            raise ScenarioError(f"target {self}: relative to the inertial path, which was not given",
                                fix="evaluate it on a ScenarioResult (which carries the inertial path)")
        base = np.asarray(inertial, dtype=float)
        return base * self.value if self.relation == "*" else base + self.value

    def met(self, values: np.ndarray, inertial: np.ndarray | None = None) -> np.ndarray:
        """Boolean array: where the condition holds in a year (not yet sustained)."""
        thr = self.threshold(inertial)
        if self.op == "<=":
            return values <= thr
        if self.op == ">=":
            return values >= thr
        if self.op == "<":
            return values < thr
        return values > thr

    def reached(self, values: np.ndarray, inertial: np.ndarray | None = None) -> np.ndarray:
        """Boolean array (..., Y): the target is reached in year t (it holds from t for ``hold`` years)."""
        return sustained(self.met(values, inertial), self.hold)

    def margin(self, values: np.ndarray, inertial: np.ndarray | None = None) -> np.ndarray:
        """Signed distance to the threshold, positive when met (for ranking plans)."""
        thr = self.threshold(inertial)
        return thr - values if self.op in ("<=", "<") else values - thr

    def text(self, lang: str = "en") -> str:
        """The target in words (the outcome's code stays; a front end names it)."""
        sym = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}[self.op]
        if self.relative:
            if self.relation == "*":
                rel = f"{self.value:g} × inertial" if lang == "en" else f"{self.value:g} × инерционный путь"
            else:
                rel = (f"inertial {self.value:+g}" if lang == "en" else f"инерционный путь {self.value:+g}")
            core = f"{self.outcome} {sym} {rel}"
        else:
            core = f"{self.outcome} {sym} {self.value:g}"
        hold = (f", held {self.hold} years running" if lang == "en"
                else f", не менее {self.hold} лет подряд")
        return core + hold


def parse_target(text: str, outcomes: tuple[str, ...] | None = None, hold: int = DEFAULT_HOLD) -> Target:
    """Parse ``"wage_gap<=0.10"``, ``"wage_gap <= 10%"``, ``"score>=inertial+3"``, ``"price_gap<=0.15 for 5y"``.

    ``hold`` is the number of consecutive years unless the text says ``for N y``.
    """
    m = _PATTERN.match(str(text))
    if not m:
        raise ScenarioError(f"cannot read the target {text!r}",
                            fix="write outcome, comparison and number, e.g. 'wage_gap<=0.10', "
                                "'wage_gap<=inertial-0.02' or 'score>=75 for 3y'")
    name, op, ref, rel, num, pct, years = m.groups()
    if outcomes is not None and name not in outcomes:
        raise ScenarioError(f"unknown outcome {name!r} in target {text!r}", fix=f"use one of {list(outcomes)}")
    value = float(num) / 100.0 if pct else float(num)
    if ref and rel == "-":
        value = -value
    return Target(name, op, value, int(years) if years else hold, "inertial" if ref else "level",
                  "*" if rel == "*" else "+")


def sustained(met: np.ndarray, hold: int) -> np.ndarray:
    """Where a condition starts a run of at least ``hold`` consecutive years within the horizon.

    .. math:: R_t = \\prod_{u=t}^{t+h-1} M_u, \\qquad R_t = 0 \\text{ for } t > Y - h

    Parameters
    ----------
    met : bool array (..., Y)
    hold : int (>= 1)

    Returns
    -------
    bool array (..., Y)
    """
    met = np.asarray(met, dtype=bool)
    n_years = met.shape[-1]
    out = np.zeros_like(met)
    if hold > n_years:
        return out
    run = np.ones(met[..., : n_years - hold + 1].shape, dtype=bool)
    for lag in range(hold):
        run &= met[..., lag: n_years - hold + 1 + lag]
    out[..., : n_years - hold + 1] = run
    return out


def first_year(met: np.ndarray, years: np.ndarray) -> np.ndarray:
    """First year in which ``met`` is true, per draw; NaN where never.

    Parameters
    ----------
    met : bool array (n, Y)
    years : array (Y,)

    Returns
    -------
    float array (n,)
    """
    met = np.asarray(met, dtype=bool)
    any_ = met.any(axis=-1)
    idx = met.argmax(axis=-1)
    return np.where(any_, np.asarray(years, dtype=float)[idx], np.nan)
