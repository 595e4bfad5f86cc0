"""Shapes of the data the index stages take: units × indicators, or (unit, year) × indicators for panels."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from regint.errors import DataError


def is_panel(data: pd.DataFrame) -> bool:
    """True for a panel: a two-level row index (unit, year)."""
    return isinstance(data.index, pd.MultiIndex) and data.index.nlevels == 2


def check_numeric(data: pd.DataFrame, stage: str) -> pd.DataFrame:
    """Return ``data`` as float64, naming the first non-numeric column when there is one."""
    if not isinstance(data, pd.DataFrame):
        raise DataError(f"{stage}: data must be a pandas DataFrame (units × indicators); got {type(data).__name__}.")
    for col in data.columns:
        if not pd.api.types.is_numeric_dtype(data[col]):
            raise DataError(
                f"{stage}: column {col!r} is not numeric (dtype {data[col].dtype}). Fix: keep only indicator "
                "columns in the frame and move unit names and groups to the index or a separate Series."
            )
    return data.astype("float64")


def cross_sections(data: pd.DataFrame) -> Iterator[tuple[object, pd.DataFrame]]:
    """Yield ``(year, frame)`` for each year of a panel, or ``(None, data)`` for a cross-section."""
    if is_panel(data):
        yield from data.groupby(level=1, sort=True)
    else:
        yield None, data


def unit_level(data: pd.DataFrame) -> pd.Index:
    """The unit of each row (first index level for a panel)."""
    return data.index.get_level_values(0) if is_panel(data) else data.index


def require_panel(data: pd.DataFrame, stage: str) -> None:
    """Raise :class:`DataError` unless ``data`` is a (unit, year) panel."""
    if not is_panel(data):
        raise DataError(
            f"{stage} works over time and needs a panel: a DataFrame indexed by (unit, year). "
            "Fix: use data.set_index(['unit', 'year']) or choose a cross-sectional method."
        )
