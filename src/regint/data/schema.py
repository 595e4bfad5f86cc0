"""The observation: one row of the long, SDMX-like table that every part of regint shares.

Columns
-------
region : ISO 3166-2 code from the region catalog (``RU-SMO``, ``BY-VI``, ...) or a country (``RU``, ``BY``),
    or an ISO 3166-1 alpha-3 code for the world datasets (``RUS``, ``BLR``)
indicator : code from the indicator catalog
period : ``YYYY`` (year), ``YYYY-Qn`` (quarter), ``YYYY-MM`` (month) or ``YYYY-MM/YYYY-MM`` (a cumulative
    span such as January–September)
value : float; a gap is a missing row or NaN with a note, never a filled number
unit, currency, price_basis : unit as printed (``mln USD``, ``RUB``, ``%``), currency code where monetary
    (``RUB``, ``BYR``, ``BYN``, ``USD``, ``INTD``), price basis (``current``, ``constant 2015``, ``PPP``)
source : id in the source catalog
status : one of ``official``, ``secondary``, ``derived``, ``estimate``, ``rejected`` (contradicted by an
    official source: kept with the reason in ``note``, never used by an analysis)
vintage : when the figure was published or imported (ISO date)
note : free text: caveats, footnotes, series breaks
file, location : where in the source file the value sits (sheet and cell, or row)
derived_from : for derived values, what they came from (values and rates)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from regint.errors import DataError

Status = Literal["official", "secondary", "derived", "estimate", "rejected"]
STATUSES: tuple[str, ...] = ("official", "secondary", "derived", "estimate", "rejected")
#: Kept in the store with its reason in ``note`` (``REJECTED: ...``) and never used by an analysis: a value
#: contradicted by an official source. Panels leave it out.
REJECTED = "rejected"

OBS_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "period",
    "value",
    "unit",
    "currency",
    "price_basis",
    "source",
    "status",
    "vintage",
    "note",
    "file",
    "location",
    "derived_from",
)
REQUIRED = ("region", "indicator", "period", "value", "unit", "source", "status")
KEY = ("region", "indicator", "period", "source")
TEXT_COLUMNS = tuple(c for c in OBS_COLUMNS if c != "value")

PERIOD_RE = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?(/\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?)?$")


def empty_observations() -> pd.DataFrame:
    """An empty observation frame with the schema's columns and dtypes."""
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in OBS_COLUMNS})
    frame["value"] = frame["value"].astype("float64")
    return frame


def make_observations(rows: Sequence[dict] | pd.DataFrame, **defaults: object) -> pd.DataFrame:
    """Build an observation frame from records, filling absent columns from ``defaults`` (else empty text)."""
    frame = pd.DataFrame(list(rows)) if not isinstance(rows, pd.DataFrame) else rows.copy()
    for col in OBS_COLUMNS:
        if col not in frame.columns:
            frame[col] = defaults.get(col, np.nan if col == "value" else "")
    frame = frame[list(OBS_COLUMNS)]
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype("float64")
    for col in TEXT_COLUMNS:
        frame[col] = frame[col].fillna("").astype(str)
    return frame.reset_index(drop=True)


def period_year(period: pd.Series) -> pd.Series:
    """The (first) calendar year of each period string, as int."""
    return period.astype(str).str.slice(0, 4).astype(int)


def validate_observations(frame: pd.DataFrame, *, what: str = "observations", offset: int = 0,
                          check_keys: bool = True) -> pd.DataFrame:
    """Check a frame against the schema and return it with canonical dtypes.

    Raises :class:`~regint.errors.DataError` naming the first offending row (1-based, as in the frame, plus
    ``offset`` for a block of a larger table) and the column, with the fix. ``check_keys=False`` leaves the
    check of duplicate keys to the caller (a table checked block by block).
    """
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(f"{what}: missing column(s) {missing}. Fix: provide {list(REQUIRED)}.")
    frame = make_observations(frame)
    for col in ("region", "indicator", "period", "source", "status", "unit"):
        bad = frame.index[frame[col].str.strip() == ""]
        if col == "unit":
            continue
        if len(bad):
            raise DataError(f"{what}: row {bad[0] + 1 + offset}, column {col}: empty. Fix: fill in {col} for every row.")
    bad_status = frame.index[~frame["status"].isin(STATUSES)]
    if len(bad_status):
        i = bad_status[0]
        raise DataError(
            f"{what}: row {i + 1 + offset}, column status: {frame.at[i, 'status']!r} is not one of {set(STATUSES)}. "
            "Fix: use official, secondary, derived, estimate or rejected."
        )
    bad_period = frame.index[~frame["period"].str.match(PERIOD_RE)]
    if len(bad_period):
        i = bad_period[0]
        raise DataError(
            f"{what}: row {i + 1 + offset}, column period: {frame.at[i, 'period']!r} is not a period. "
            "Fix: write YYYY, YYYY-Qn, YYYY-MM or YYYY-MM/YYYY-MM."
        )
    dup = frame.duplicated(list(KEY), keep=False) if check_keys else None
    if dup is not None and dup.any():
        first = frame.loc[frame.index[dup][0]]
        same = (frame[list(KEY)] == first[list(KEY)]).all(axis=1)
        rows = frame.index[same][:6]
        raise DataError(
            f"{what}: duplicate key (region, indicator, period, source) = "
            f"({first.region}, {first.indicator}, {first.period}, {first.source}) in rows "
            f"{', '.join(str(r + 1 + offset) for r in rows)}. Fix: keep one value per key, or split the file by source."
        )
    return frame
