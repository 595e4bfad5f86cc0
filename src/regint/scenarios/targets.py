"""Targets such as ``"wage_gap<=0.10"`` or ``"score>=75"``: parsing and the year each draw reaches them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from regint.scenarios._errors import ScenarioError

__all__ = ["Target", "first_year", "parse_target"]

_PATTERN = re.compile(r"^\s*([a-z_]+)\s*(<=|>=|<|>)\s*([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)\s*(%?)\s*$")


@dataclass(frozen=True)
class Target:
    """A condition on one outcome: ``outcome op value``."""

    outcome: str
    op: str
    value: float

    def __str__(self) -> str:
        return f"{self.outcome}{self.op}{self.value:g}"

    def met(self, values: np.ndarray) -> np.ndarray:
        """Boolean array: where the condition holds."""
        if self.op == "<=":
            return values <= self.value
        if self.op == ">=":
            return values >= self.value
        if self.op == "<":
            return values < self.value
        return values > self.value

    def margin(self, values: np.ndarray) -> np.ndarray:
        """Signed distance to the target, positive when met (for ranking plans)."""
        return self.value - values if self.op in ("<=", "<") else values - self.value


def parse_target(text: str, outcomes: tuple[str, ...] | None = None) -> Target:
    """Parse ``"wage_gap<=0.10"``, ``"wage_gap <= 10%"`` or ``"score>=75"``."""
    m = _PATTERN.match(text)
    if not m:
        raise ScenarioError(f"cannot read the target {text!r}",
                            fix="write outcome, comparison and number, e.g. 'wage_gap<=0.10' or 'score>=75'")
    name, op, num, pct = m.groups()
    if outcomes is not None and name not in outcomes:
        raise ScenarioError(f"unknown outcome {name!r} in target {text!r}", fix=f"use one of {list(outcomes)}")
    value = float(num) / 100.0 if pct else float(num)
    return Target(name, op, value)


def first_year(met: np.ndarray, years: np.ndarray) -> np.ndarray:
    """First year in which the target is met, per draw; NaN where never met.

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
