"""The gap between the two sides of a pair: one definition, used by the index, the scenarios and the report.

.. math:: G(a, b) = \\frac{|a - b|}{\\max(a, b)} \\in [0, 1)

A gap of 0.10 means the poorer side is 10 % below the richer side; 0 means equal levels. The measure is
symmetric, bounded, and reads as a share, which is what a reader of a concept paper quotes ("Vitebsk wages are 23 %
below Smolensk's"). It is a monotone transform of the absolute log ratio, :math:`G = 1 - e^{-|\\ln(a/b)|}`, so
rankings by either agree.

References
----------
OECD/JRC (2008). *Handbook on Constructing Composite Indicators*, sect. 1.5 (distance to a reference as a
normalised indicator, bounded in [0, 1]).
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pandas as pd

__all__ = ["relative_gap"]

A = TypeVar("A", np.ndarray, pd.Series, float)


def relative_gap(a: A, b: A) -> A:
    """Gap between two positive levels as a share of the higher one, :math:`|a - b| / \\max(a, b)`.

    Parameters
    ----------
    a, b : float, ndarray or Series (broadcastable; Series align on their index)
        Levels of the two sides (same unit and year). Non-positive or missing levels give ``NaN``.

    Returns
    -------
    Same type as the inputs: the gap in ``[0, 1)``.
    """
    if isinstance(a, pd.Series) or isinstance(b, pd.Series):
        x, y = pd.Series(a), pd.Series(b)
        out = (x - y).abs() / np.maximum(x, y)
        return out.where((x > 0) & (y > 0))  # type: ignore[return-value]
    x_arr, y_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out_arr = np.abs(x_arr - y_arr) / np.maximum(x_arr, y_arr)
    out_arr = np.where((x_arr > 0) & (y_arr > 0), out_arr, np.nan)
    return out_arr if out_arr.ndim else float(out_arr)  # type: ignore[return-value]
