"""The columns of a product-level bilateral flow table and their checks.

A row is the value (and, where known, the quantity) of the exports of ``reporter`` to ``partner`` of
``product`` in ``period``. Imports of a region are read as the mirror flows (exports of the others to it), so
one table serves every indicator; a (reporter, partner, product, period) key may repeat (the values are then
summed, as the in-memory indicators sum duplicates).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from regint.errors import DataError

KEYS: Final = ("reporter", "partner", "product", "period")
"""Identify a flow: exporter, importer, product code, period (an integer year or YYYYMM / YYYYQ code)."""

MEASURES: Final = ("value", "quantity")
"""Value (one currency for the whole table) and quantity (optional: may be all missing)."""

COLUMNS: Final = KEYS + MEASURES


def check_frame(frame: pd.DataFrame, *, where: str = "flows") -> pd.DataFrame:
    """Return ``frame`` restricted to :data:`COLUMNS` in that order, or raise :class:`DataError`.

    ``quantity`` is added as missing when absent. Checks: the key and value columns are present, ``period`` is
    integer, ``value`` is numeric, finite and non-negative, and no row is a flow of a region with itself.
    """
    missing = [c for c in KEYS + ("value",) if c not in frame.columns]
    if missing:
        raise DataError(f"{where}: missing column(s) {missing}. Fix: pass columns {list(COLUMNS)} "
                        "(quantity may be left out).")
    out = frame.loc[:, [c for c in COLUMNS if c in frame.columns]].copy()
    if "quantity" not in out.columns:
        out["quantity"] = np.nan
    if not pd.api.types.is_integer_dtype(out["period"]):
        raise DataError(f"{where}: column 'period' has dtype {out['period'].dtype}; it must be integer (a year, "
                        "or a YYYYMM / YYYYQ code). Fix: convert it with .astype('int64').")
    for col in MEASURES:
        if not pd.api.types.is_numeric_dtype(out[col]):
            raise DataError(f"{where}: column {col!r} is not numeric (dtype {out[col].dtype}). Fix: convert it "
                            "with pd.to_numeric.")
        out[col] = out[col].astype("float64")
    value = out["value"].to_numpy()
    bad = ~np.isfinite(value) | (value < 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise DataError(f"{where}: row {row} has value {value[row]!r}; values must be finite and non-negative. "
                        "Fix: drop missing flows (a gap is not a zero) and net-out re-exports elsewhere.")
    self_flows = (out["reporter"] == out["partner"]).to_numpy()
    if self_flows.any():
        row = int(np.flatnonzero(self_flows)[0])
        raise DataError(f"{where}: row {row} is a flow of {out['reporter'].iloc[row]!r} with itself. Fix: keep "
                        "intranational trade out of the bilateral flow table.")
    return out.reset_index(drop=True)
