"""`NationalIOData`: a labelled national symmetric table as read from a file, and its aggregation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, LoaderError, ModelError
from regint.models.inputoutput.notes import Note, num
from regint.models.inputoutput.table import IOTable

__all__ = ["NationalIOData", "aggregate", "read_concordance", "shipped_concordance"]

#: Canonical names of the final-demand columns (Rosstat code → name).
FINAL_DEMAND_CODES: dict[str, str] = {
    "P3_S14": "household",
    "P31_S13": "government_individual",
    "P32_S13": "government_collective",
    "P3_S15": "npish",
    "P51": "gfcf",
    "P52": "inventories",
    "P53": "valuables",
    "P6": "exports",
}


@dataclass(frozen=True)
class NationalIOData:
    """A symmetric input-output table with labels, as read from a source file.

    Attributes
    ----------
    Z : DataFrame, shape (n, n)
        Intermediate flows, products (or industries) on both axes, labelled by code.
    x : Series, shape (n,)
        Output at basic prices.
    value_added : Series, shape (n,)
        Gross value added at basic prices.
    final_demand : DataFrame, shape (n, k)
        Final-demand columns with canonical names (``household``, ``government_individual``,
        ``government_collective``, ``npish``, ``gfcf``, ``inventories``, ``valuables``, ``exports``).
    primary_inputs : DataFrame, shape (m, n)
        Every row below the intermediate block (imports, taxes, compensation, value added, output) by code.
    labels : DataFrame
        ``code`` and ``name_ru`` of each sector, in table order.
    compensation, employment, imports : Series, optional
        Compensation of employees (D1), jobs, and imports (see ``imports_meaning``).
    imports_meaning : str
        What the imports row is: imported inputs used by each column (domestic table) or imports of each
        product (total table).
    year, unit, source, domestic : metadata.
    notes : tuple of str
        Facts about the table that every output should carry (classification, caveats).
    """

    Z: pd.DataFrame
    x: pd.Series
    value_added: pd.Series
    final_demand: pd.DataFrame
    primary_inputs: pd.DataFrame
    labels: pd.DataFrame
    compensation: pd.Series | None = None
    employment: pd.Series | None = None
    imports: pd.Series | None = None
    imports_meaning: str = ""
    year: int | None = None
    unit: str = "mln RUB"
    source: str = ""
    domestic: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def codes(self) -> list[str]:
        return [str(c) for c in self.Z.columns]

    def names(self) -> pd.Series:
        """Sector names (``name_ru``) indexed by code."""
        return self.labels.set_index("code")["name_ru"]

    def to_iotable(
        self,
        assumptions: Sequence[str] = (),
        household_income: float | None = None,
        negative: Literal["raise", "zero"] = "raise",
    ) -> IOTable:
        """The :class:`IOTable` of this table (flows, output, GVA, employment, household closure).

        Parameters
        ----------
        assumptions : sequence of str
            Added to the table's notes; every result prints them.
        household_income : float, optional
            Income financing the household column of the type II closure (default: total compensation).
        negative : {'raise', 'zero'}
            What to do with negative intermediate flows (they occur in symmetric tables built under the
            product-technology assumption, e.g. Rosstat 2011 «Симм отеч»): raise, or set them to zero and
            say so in the assumptions.
        """
        negative = check_option("negative", negative, ("raise", "zero"))
        Z = self.Z
        notes = tuple(self.notes)
        neg = Z.to_numpy() < 0
        if neg.any():
            i, j = np.argwhere(neg)[0]
            where = f"{Z.index[i]} → {Z.columns[j]} ({Z.iat[i, j]:,.0f} {self.unit})"
            if negative == "raise":
                raise ModelError(
                    f"The table has {int(neg.sum())} negative intermediate flow(s), the first {where}; "
                    "the Leontief model needs non-negative flows. Fix: to_iotable(negative='zero') sets them to "
                    "zero and records it in the assumptions."
                )
            Z = Z.clip(lower=0.0)
            where_ru = f"{Z.index[i]} → {Z.columns[j]} ({num(Z.iat[i, j])} {self.unit})"
            notes += (Note(f"{int(neg.sum())} negative intermediate flow(s) set to zero (largest at {where}).",
                           f"Отрицательные промежуточные потоки ({int(neg.sum())}) заменены нулём (наибольший — "
                           f"{where_ru})."),)
        hh = self.final_demand["household"] if "household" in self.final_demand.columns else None
        return IOTable(
            Z,
            self.x,
            value_added=self.value_added,
            employment=self.employment,
            final_demand=self.final_demand,
            household=hh,
            compensation=self.compensation,
            household_income=household_income,
            assumptions=notes + tuple(assumptions),
            unit=self.unit,
        )

    def with_employment(self, employment: pd.Series, note: str | None = None) -> NationalIOData:
        """A copy with employment by sector (indexed by the table's codes)."""
        missing = [c for c in self.codes if c not in employment.index]
        if missing:
            raise DataError(f"employment lacks sector(s) {missing[:10]}; give a value for every sector.")
        notes = self.notes + ((note,) if note else ())
        return replace(self, employment=employment.reindex(self.codes).astype(float), notes=notes)


def read_concordance(path: str | Path) -> pd.DataFrame:
    """Read a concordance CSV with columns ``code`` and ``group`` (optional ``group_name``, ``name``).

    Codes are read as text, so ``01.1 + 01.2`` and ``10`` keep their spelling. Every row of the table
    must appear once; several codes may share a group.

    Raises
    ------
    LoaderError
        If the file lacks the columns or repeats a code.
    """
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as err:
        raise LoaderError(f"cannot read the concordance ({err})", path=path) from err
    for col in ("code", "group"):
        if col not in df.columns:
            raise LoaderError(f"the concordance has no column {col!r} (columns: {list(df.columns)})", path=path,
                              row=1, fix="the header must name the columns code,group")
    df["code"] = df["code"].str.strip()
    df["group"] = df["group"].str.strip()
    dup = df["code"][df["code"].duplicated()]
    if len(dup):
        row = int(dup.index[0]) + 2
        raise LoaderError(f"code {dup.iloc[0]!r} appears more than once", path=path, row=row, column="code",
                          fix="map every code to exactly one group")
    empty = df.index[df["group"] == ""]
    if len(empty):
        raise LoaderError("a code has no group", path=path, row=int(empty[0]) + 2, column="group")
    return df


def shipped_concordance(name: str = "rosstat2021_okpd2_to_okved2_sections") -> pd.DataFrame:
    """A concordance shipped in ``regint/models/inputoutput/concordances/<name>.csv``."""
    from regint._paths import package_data

    path = package_data("models", "inputoutput", "concordances", f"{name}.csv")
    if not path.is_file():
        raise DataError(f"No shipped concordance {name!r}; see regint/models/inputoutput/concordances/.")
    return read_concordance(path)


def _membership(codes: list[str], concordance: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    mapping = dict(zip(concordance["code"], concordance["group"], strict=True))
    missing = [c for c in codes if c not in mapping]
    if missing:
        raise DataError(
            f"The concordance does not map code(s) {missing[:10]} of the table. "
            "Fix: add a row code,group for each of them."
        )
    groups = list(dict.fromkeys(mapping[c] for c in codes))
    C = np.zeros((len(codes), len(groups)))
    for i, c in enumerate(codes):
        C[i, groups.index(mapping[c])] = 1.0
    return C, groups


def aggregate(data: NationalIOData, concordance: pd.DataFrame) -> NationalIOData:
    r"""Aggregate sectors with a concordance (code → group), summing flows.

    .. math::

        Z^{g} = C^\top Z C, \qquad x^{g} = C^\top x, \qquad F^{g} = C^\top F, \qquad V^{g} = V C

    with :math:`C` (n, g) the 0/1 membership matrix.

    Parameters
    ----------
    data : NationalIOData
    concordance : DataFrame
        Columns ``code``, ``group`` and optionally ``group_name`` (:func:`read_concordance`).

    Returns
    -------
    NationalIOData
        Groups in order of first appearance; ``labels.name_ru`` from ``group_name`` where given.

    References
    ----------
    Miller & Blair (2009), sect. 4.3 (aggregation), pp. 160–168.
    """
    codes = data.codes
    C, groups = _membership(codes, concordance)
    Zg = C.T @ data.Z.to_numpy(dtype=float) @ C

    def vec(s: pd.Series) -> pd.Series:
        return pd.Series(C.T @ s.reindex(codes).to_numpy(dtype=float), index=groups, name=s.name)

    def optional(s: pd.Series | None) -> pd.Series | None:
        return None if s is None else vec(s)

    names = {g: g for g in groups}
    if "group_name" in concordance.columns:
        names.update(dict(zip(concordance["group"], concordance["group_name"], strict=True)))
    labels = pd.DataFrame({"code": groups, "name_ru": [names[g] for g in groups]})
    x = vec(data.x)
    va = vec(data.value_added)
    return replace(
        data,
        Z=pd.DataFrame(Zg, index=groups, columns=groups),
        x=x,
        value_added=va,
        final_demand=pd.DataFrame(C.T @ data.final_demand.reindex(codes).to_numpy(dtype=float),
                                  index=groups, columns=data.final_demand.columns),
        primary_inputs=pd.DataFrame(data.primary_inputs.reindex(columns=codes).to_numpy(dtype=float) @ C,
                                    index=data.primary_inputs.index, columns=groups),
        labels=labels,
        compensation=optional(data.compensation),
        employment=optional(data.employment),
        imports=optional(data.imports),
        notes=data.notes + (Note(f"Aggregated from {len(codes)} to {len(groups)} sectors with a concordance.",
                                 f"Агрегировано из {len(codes)} в {len(groups)} отраслей по таблице соответствия."),),
    )
