"""Small shared helpers of the indicator modules: input coercion and text formatting of results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

from regint.errors import DataError

Vector: TypeAlias = pd.Series | np.ndarray | Sequence[float]
"""A one-dimensional set of values (per product, per industry); a Series aligns by its index."""

Scalar: TypeAlias = float | int | np.floating


def as_series(values: Vector, *, name: str) -> pd.Series:
    """Return ``values`` as a float Series (a Series keeps its index; arrays get 0..n-1)."""
    if isinstance(values, pd.Series):
        out = values.astype("float64")
    else:
        arr = np.asarray(values, dtype="float64")
        if arr.ndim != 1:
            raise DataError(f"{name}: expected a one-dimensional vector; got shape {arr.shape}. Fix: pass a "
                            "Series or a 1-D array.")
        out = pd.Series(arr)
    return out.rename(name)


def align(a: Vector, b: Vector, *, names: tuple[str, str] = ("a", "b"), fill: float = 0.0) -> tuple[
        pd.Series, pd.Series]:
    """Align two vectors on the union of their indices; a product absent from one side counts as ``fill``.

    Two plain arrays must have the same length.
    """
    sa, sb = as_series(a, name=names[0]), as_series(b, name=names[1])
    if not isinstance(a, pd.Series) and not isinstance(b, pd.Series) and len(sa) != len(sb):
        raise DataError(f"{names[0]} and {names[1]} have different lengths ({len(sa)} and {len(sb)}). "
                        "Fix: pass Series indexed by product, or arrays of the same length.")
    sa, sb = sa.align(sb, join="outer")
    return sa.fillna(fill), sb.fillna(fill)


def shares(values: pd.Series, *, name: str = "values") -> pd.Series:
    """Each value over the total; raises when the total is not positive."""
    total = float(values.sum())
    if not np.isfinite(total) or total <= 0:
        raise DataError(f"{name}: the total is {total}; shares need a positive total. Fix: check the units and "
                        "that the vector is not empty.")
    if (values < 0).any():
        raise DataError(f"{name}: negative values ({values[values < 0].index[0]!r} first). Fix: flows and "
                        "employment must be non-negative.")
    return values / total


def fmt(value: float | None, digits: int = 4) -> str:
    """A number for a summary line; NaN and None as 'n/a'."""
    if value is None or not np.isfinite(value):
        return "n/a"
    return f"{value:.{digits}g}" if abs(value) < 1e5 else f"{value:,.0f}"


def validity(valid: bool, reason: str) -> str:
    """The line a summary prints for an estimate that may not apply."""
    return "valid" if valid else f"INVALID: {reason}"
