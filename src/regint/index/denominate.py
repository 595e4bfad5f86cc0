"""Denomination: divide size-dependent indicators by a scaling variable (population, GDP, area)."""

from __future__ import annotations

import pandas as pd

from regint.errors import DataError
from regint.index._frames import check_numeric
from regint.index.framework import Framework


def denominate(data: pd.DataFrame, denominators: pd.DataFrame, framework: Framework | None = None,
               mapping: pd.Series | dict[str, str] | None = None) -> pd.DataFrame:
    """Divide each indicator by its denominator.

    .. math:: x^{\\mathrm{den}}_{ci} = x_{ci} / d_{c,\\,k(i)}

    Parameters
    ----------
    data : pandas.DataFrame
        Units × indicators (or (unit, year) × indicators).
    denominators : pandas.DataFrame
        Same row index as ``data``; one column per denominator variable.
    framework : Framework, optional
        Takes the mapping from its ``denominator`` column when ``mapping`` is not given.
    mapping : mapping indicator → denominator column, optional

    Returns
    -------
    pandas.DataFrame
        Copy of ``data`` with the mapped indicators divided; others unchanged.

    References
    ----------
    OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 1, p. 22 (scaling by size).
    COINr documentation, "Denomination" (Becker et al. 2022).
    """
    x = check_numeric(data, "denominate")
    if mapping is None:
        if framework is None:
            raise DataError("denominate: give a framework or a mapping indicator → denominator.")
        mapping = framework.denominators
    mapping = pd.Series(mapping, dtype=object)
    den = denominators.reindex(x.index)
    for ind, col in mapping.items():
        if ind not in x.columns:
            raise DataError(f"denominate: indicator {ind!r} is not a column of the data.")
        if col not in den.columns:
            raise DataError(
                f"denominate: denominator {col!r} of indicator {ind!r} is not a column of the denominator frame "
                f"(columns: {list(den.columns)})."
            )
        x[ind] = x[ind] / den[col].astype(float)
    return x
