"""Uncertain parameters with their sources, and seeded vectorised draws.

Every number of the scenario chain is a :class:`Parameter`: a range (low, central, high), a distribution over
it, where the figure comes from and whether it is cited, derived from cited figures, taken from data, or an
assumption. Draws are made with one ``numpy.random.Generator`` in a fixed order, so the same seed gives the
same draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from regint._options import check_option
from regint.scenarios._errors import ScenarioError

__all__ = ["DISTRIBUTIONS", "STATUSES", "Distribution", "Parameter", "Status", "pert_shape", "sample_parameters"]

Distribution = Literal["pert", "triangular", "fixed"]
Status = Literal["cited", "derived", "data", "estimate", "assumption"]
DISTRIBUTIONS: tuple[str, ...] = ("pert", "triangular", "fixed")
#: cited: the figure is in the source; derived: computed from cited figures and a stated assumption;
#: data: from the observation store; estimate: computed by regint from data; assumption: a judgement.
STATUSES: tuple[str, ...] = ("cited", "derived", "data", "estimate", "assumption")


@dataclass(frozen=True)
class Parameter:
    """An uncertain number with its range, distribution and source.

    Attributes
    ----------
    name : str
        Identifier (``theta``, ``border_m1.effect``).
    low, central, high : float
        The range; ``low <= central <= high``. ``central`` is the mode of the distribution.
    distribution : {'pert', 'triangular', 'fixed'}
        ``fixed`` always draws ``central``.
    source : str
        Full citation or the data it was computed from.
    status : {'cited', 'derived', 'data', 'estimate', 'assumption'}
    unit : str
    """

    name: str
    low: float
    central: float
    high: float
    distribution: Distribution = "pert"
    source: str = ""
    status: Status = "assumption"
    unit: str = ""

    def __post_init__(self) -> None:
        check_option(f"{self.name}: distribution", self.distribution, DISTRIBUTIONS)
        check_option(f"{self.name}: status", self.status, STATUSES)
        vals = (self.low, self.central, self.high)
        if not all(np.isfinite(v) for v in vals):
            raise ScenarioError(f"parameter {self.name}: low, central and high must be finite numbers; got {vals}")
        if not self.low <= self.central <= self.high:
            raise ScenarioError(f"parameter {self.name}: needs low <= central <= high; got {vals}",
                                fix="order the three values or widen the range")

    @property
    def uncertain(self) -> bool:
        """Whether draws vary (a range of positive width and a random distribution)."""
        return self.distribution != "fixed" and self.high > self.low

    def at(self, value: float) -> Parameter:
        """The same parameter fixed at ``value`` (one-at-a-time sensitivity, zero-variance checks)."""
        return replace(self, low=value, central=value, high=value, distribution="fixed")

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` draws, shape ``(n,)``.

        The PERT distribution is a scaled Beta with the mode at ``central``:

        .. math::
            X = a + (b - a)\\,B, \\quad B \\sim \\mathrm{Beta}\\Big(1 + \\lambda\\frac{m - a}{b - a},\\;
            1 + \\lambda\\frac{b - m}{b - a}\\Big), \\quad \\lambda = 4,

        with mean :math:`(a + \\lambda m + b)/(\\lambda + 2)`.

        References
        ----------
        Vose, D. (2008). *Risk Analysis: A Quantitative Guide*, 3rd ed. Wiley, ch. 10 (PERT and triangular
        distributions).
        """
        if not self.uncertain:
            return np.full(n, float(self.central))
        if self.distribution == "triangular":
            return rng.triangular(self.low, self.central, self.high, size=n)
        alpha, beta = pert_shape(self.low, self.central, self.high)
        return self.low + (self.high - self.low) * rng.beta(alpha, beta, size=n)

    def describe(self) -> str:
        """One line: name, range, unit, status and source."""
        rng = f"{self.central:g}" if self.low == self.high else f"{self.low:g} / {self.central:g} / {self.high:g}"
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.name} = {rng}{unit} [{self.status}; {self.distribution}] — {self.source}"


def pert_shape(low: float, mode: float, high: float, lam: float = 4.0) -> tuple[float, float]:
    """Beta shape parameters of the PERT distribution on ``[low, high]`` with mode ``mode``."""
    width = high - low
    return 1.0 + lam * (mode - low) / width, 1.0 + lam * (high - mode) / width


def sample_parameters(params: Mapping[str, Parameter], n: int, seed: int | np.random.Generator = 0
                      ) -> dict[str, np.ndarray]:
    """Draw every parameter ``n`` times, in the order of ``params``; arrays of shape ``(n,)``.

    One generator ``np.random.default_rng(seed)`` serves all parameters in turn, so the same seed and the
    same parameter order give identical draws. Fixed parameters consume no random numbers.
    """
    if n < 1:
        raise ScenarioError(f"the number of draws must be at least 1; got {n}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    return {name: p.sample(n, rng) for name, p in params.items()}
