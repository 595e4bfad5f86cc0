"""`IOTable`: a labelled symmetric input-output table with cached inverses, multipliers and impacts."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ModelError
from regint.models.inputoutput import closure as _closure
from regint.models.inputoutput import leontief as _lt
from regint.models.inputoutput.results import ImpactResult, MultiplierResult

__all__ = ["IOTable"]

ForwardBasis = Literal["ghosh", "leontief"]
Closure = Literal["open", "households"]
_MULTIPLIER_COLUMNS = (
    "output", "output_type_ii", "gva", "gva_type_i", "gva_type_ii", "income_type_i", "income_type_ii",
    "employment", "employment_type_i", "employment_type_ii", "backward", "forward", "key_sector",
)


def _as_vector(name: str, v: object, labels: list[str]) -> np.ndarray | None:
    if v is None:
        return None
    if isinstance(v, pd.Series):
        missing = [lab for lab in labels if lab not in v.index.astype(str)]
        if missing:
            raise DataError(f"{name} lacks sector(s) {missing[:10]}. Fix: give a value for every sector.")
        return v.set_axis(v.index.astype(str)).reindex(labels).to_numpy(dtype=float)
    arr = np.asarray(v, dtype=float).reshape(-1)
    if arr.shape != (len(labels),):
        raise DataError(f"{name} must have one value per sector ({len(labels)}); got shape {arr.shape}.")
    return arr


class IOTable:
    """A symmetric (product-by-product or industry-by-industry) input-output table.

    Parameters
    ----------
    Z : array-like or DataFrame, shape (n, n)
        Intermediate flows (domestic flows for domestic multipliers).
    x : array-like or Series, shape (n,)
        Output by sector.
    value_added : array-like or Series, shape (n,), optional
        Gross value added by sector (for GVA multipliers, GVA impacts and the Ghosh model).
    employment : array-like or Series, shape (n,), optional
        Jobs by sector (persons or thousand persons) for employment multipliers and jobs impacts.
    labels : sequence of str, optional
        Sector labels; taken from ``Z`` when it is a DataFrame.
    final_demand : DataFrame, shape (n, k), optional
        Final-demand columns (kept for reference and closures).
    household : array-like or Series, shape (n,), optional
        Household consumption column for the type II closure; defaults to ``final_demand['household']``.
    compensation : array-like or Series, shape (n,), optional
        Compensation of employees (the household row of the closure).
    household_income : float, optional
        Household income that finances ``household``; default the total of ``compensation``.
    assumptions : sequence of str
        Assumptions behind the table (e.g. a regionalisation); printed by every result.
    unit : str
        Money unit of the flows, e.g. ``"mln RUB"``.

    Notes
    -----
    :meth:`from_coefficients` builds a table from technical coefficients alone (regional tables).
    """

    def __init__(
        self,
        Z: np.ndarray | pd.DataFrame,
        x: np.ndarray | pd.Series,
        value_added: np.ndarray | pd.Series | None = None,
        employment: np.ndarray | pd.Series | None = None,
        labels: Sequence[str] | None = None,
        final_demand: pd.DataFrame | None = None,
        household: np.ndarray | pd.Series | None = None,
        compensation: np.ndarray | pd.Series | None = None,
        household_income: float | None = None,
        assumptions: Sequence[str] = (),
        unit: str = "",
    ) -> None:
        if isinstance(Z, pd.DataFrame):
            if labels is None:
                labels = [str(c) for c in Z.columns]
            if [str(i) for i in Z.index] != [str(c) for c in Z.columns]:
                raise DataError("Z must have the same sector labels, in the same order, on rows and columns.")
        Zarr = np.asarray(Z, dtype=float)
        if Zarr.ndim != 2 or Zarr.shape[0] != Zarr.shape[1]:
            raise ModelError(f"Z must be square (n, n); got shape {Zarr.shape}.")
        n = Zarr.shape[0]
        self.labels: list[str] = [str(s) for s in labels] if labels is not None else [f"s{i + 1}" for i in range(n)]
        if len(self.labels) != n or len(set(self.labels)) != n:
            raise DataError(f"labels must be {n} distinct names; got {len(self.labels)} ({len(set(self.labels))} distinct).")
        xarr = _as_vector("x", x, self.labels)
        if xarr is None:
            raise DataError("x (output by sector) is required.")
        self._Z: np.ndarray | None = Zarr
        self._x: np.ndarray | None = xarr
        self._A = _lt.technical_coefficients(Zarr, xarr, self.labels)
        self._va = _as_vector("value_added", value_added, self.labels)
        self._emp = _as_vector("employment", employment, self.labels)
        self._comp = _as_vector("compensation", compensation, self.labels)
        if household is None and final_demand is not None and "household" in final_demand.columns:
            household = final_demand["household"]
        self._hh = _as_vector("household", household, self.labels)
        self.final_demand = final_demand
        self._hh_income = household_income
        self._v = None if self._va is None else _coef(self._va, xarr)
        self._e = None if self._emp is None else _coef(self._emp, xarr)
        self._h = None if self._comp is None else _coef(self._comp, xarr)
        self._hc: np.ndarray | None = None
        self.assumptions: tuple[str, ...] = tuple(assumptions)
        self.unit = unit

    @classmethod
    def from_coefficients(
        cls,
        A: pd.DataFrame,
        *,
        gva_coefficients: pd.Series | np.ndarray | None = None,
        employment_coefficients: pd.Series | np.ndarray | None = None,
        labour_coefficients: pd.Series | np.ndarray | None = None,
        consumption_coefficients: pd.Series | np.ndarray | None = None,
        assumptions: Sequence[str] = (),
        unit: str = "",
    ) -> IOTable:
        """A table known only by its coefficients (no flows): multipliers and impacts, no Ghosh model.

        Parameters
        ----------
        A : DataFrame, shape (n, n)
            Technical coefficients with labels.
        gva_coefficients, employment_coefficients, labour_coefficients : shape (n,), optional
            GVA, jobs and compensation per unit of output.
        consumption_coefficients : shape (n,), optional
            Household consumption per unit of household income (the closure column).
        assumptions : sequence of str
            Printed by every result.
        unit : str
            Money unit.
        """
        self = cls.__new__(cls)
        self.labels = [str(c) for c in A.columns]
        self._Z = None
        self._x = None
        self._A = np.asarray(A, dtype=float)
        self._va = self._emp = self._comp = self._hh = None
        self.final_demand = None
        self._hh_income = None
        self._v = _as_vector("gva_coefficients", gva_coefficients, self.labels)
        self._e = _as_vector("employment_coefficients", employment_coefficients, self.labels)
        self._h = _as_vector("labour_coefficients", labour_coefficients, self.labels)
        self._hc = _as_vector("consumption_coefficients", consumption_coefficients, self.labels)
        self.assumptions = tuple(assumptions)
        self.unit = unit
        return self

    # --- basic matrices -------------------------------------------------------------------------------
    def _frame(self, m: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(m, index=self.labels, columns=self.labels)

    def _series(self, v: np.ndarray, name: str) -> pd.Series:
        return pd.Series(v, index=self.labels, name=name)

    @property
    def n(self) -> int:
        return len(self.labels)

    @property
    def Z(self) -> pd.DataFrame:
        if self._Z is None:
            raise ModelError("This table was built from coefficients and has no flows Z.")
        return self._frame(self._Z)

    @property
    def x(self) -> pd.Series:
        if self._x is None:
            raise ModelError("This table was built from coefficients and has no output vector x.")
        return self._series(self._x, "output")

    @property
    def A(self) -> pd.DataFrame:
        """Technical coefficients :math:`A = Z\\hat{x}^{-1}`, (n, n)."""
        return self._frame(self._A)

    @cached_property
    def _L(self) -> np.ndarray:
        return _lt.leontief_inverse(self._A, self.labels)

    @cached_property
    def _lu(self) -> tuple[np.ndarray, np.ndarray]:
        _lt.check_productive(self._A, self.labels)
        return _lt._lu(self._A)

    @property
    def L(self) -> pd.DataFrame:
        """Leontief inverse :math:`(I - A)^{-1}`, (n, n), computed once."""
        return self._frame(self._L)

    @cached_property
    def _G(self) -> np.ndarray:
        if self._Z is None or self._x is None:
            raise ModelError("The Ghosh inverse needs the flows Z and output x; this table has coefficients only.")
        B = _lt.allocation_coefficients(self._Z, self._x, self.labels)
        return _lt.ghosh_inverse(B, self.labels)

    @property
    def B(self) -> pd.DataFrame:
        """Allocation coefficients :math:`\\hat{x}^{-1}Z`, (n, n)."""
        if self._Z is None or self._x is None:
            raise ModelError("Allocation coefficients need the flows Z and output x.")
        return self._frame(_lt.allocation_coefficients(self._Z, self._x, self.labels))

    @property
    def G(self) -> pd.DataFrame:
        """Ghosh inverse :math:`(I - B)^{-1}`, (n, n)."""
        return self._frame(self._G)

    # --- multipliers ----------------------------------------------------------------------------------
    @property
    def output_multipliers(self) -> pd.Series:
        """Simple (type I) output multipliers: column sums of ``L``."""
        return self._series(_lt.multipliers(self._L), "output")

    @property
    def gva_multipliers(self) -> pd.Series:
        """GVA generated in the economy per unit of final demand for each sector."""
        if self._v is None:
            raise ModelError("GVA multipliers need value added by sector (value_added=).")
        return self._series(_lt.multipliers(self._L, self._v), "gva")

    @property
    def employment_multipliers(self) -> pd.Series:
        """Jobs per unit of final demand (employment unit per money unit of the table)."""
        if self._e is None:
            raise ModelError("Employment multipliers need employment by sector (employment=).")
        return self._series(_lt.multipliers(self._L, self._e), "employment")

    @property
    def backward_linkages(self) -> pd.Series:
        """Normalised Rasmussen backward linkages (column sums of ``L`` over their mean)."""
        return self._series(_lt.rasmussen_linkages(self._L, axis=0), "backward")

    def forward_linkages_from(self, basis: ForwardBasis = "ghosh") -> pd.Series:
        """Normalised forward linkages: row sums of the Ghosh (default) or Leontief inverse over their mean."""
        basis = check_option("basis", basis, ("ghosh", "leontief"))
        M = self._G if basis == "ghosh" else self._L
        return self._series(_lt.rasmussen_linkages(M, axis=1), "forward")

    @property
    def forward_linkages(self) -> pd.Series:
        """Normalised forward linkages from the Ghosh inverse (Leontief inverse for coefficient-only tables)."""
        return self.forward_linkages_from("ghosh" if self._Z is not None else "leontief")

    @property
    def key_sectors(self) -> list[str]:
        """Sectors whose backward and forward linkages both exceed 1."""
        key = (self.backward_linkages > 1) & (self.forward_linkages > 1)
        return [s for s, k in key.items() if k]

    # --- closure --------------------------------------------------------------------------------------
    def _consumption_coefficients(self) -> np.ndarray:
        if self._hc is not None:
            return self._hc
        if self._hh is None or self._comp is None:
            raise ModelError(
                "Type II multipliers need a household consumption column (household= or "
                "final_demand['household']) and compensation of employees (compensation=)."
            )
        income = self._hh_income if self._hh_income is not None else float(self._comp.sum())
        if income <= 0:
            raise ModelError("Household income must be positive for the type II closure.")
        return self._hh / income

    @cached_property
    def _L_closed(self) -> np.ndarray:
        if self._h is None:
            raise ModelError("Type II multipliers need compensation of employees by sector (compensation=).")
        return _closure.closed_inverse(self._A, self._h, self._consumption_coefficients(), self.labels)

    @property
    def type_i_multipliers(self) -> pd.DataFrame:
        """Type I multipliers: output (simple), and income, GVA, jobs per unit of their direct effect."""
        cols = {"output": _lt.multipliers(self._L)}
        for name, c in (("income", self._h), ("gva", self._v), ("employment", self._e)):
            if c is not None:
                cols[name] = _closure.type_i_multipliers(self._L, c)
        return pd.DataFrame(cols, index=self.labels)

    @property
    def type_ii_multipliers(self) -> pd.DataFrame:
        """Type II multipliers (households closed): output, income, GVA, jobs."""
        Lc = self._L_closed
        n = self.n
        cols = {"output": Lc[:n, :n].sum(axis=0)}
        for name, c in (("income", self._h), ("gva", self._v), ("employment", self._e)):
            if c is not None:
                cols[name] = _closure.type_ii_multipliers(Lc, c)
        return pd.DataFrame(cols, index=self.labels)

    def multipliers(self, forward: ForwardBasis | None = None) -> MultiplierResult:
        """All multipliers, linkages and key sectors in one frozen result; what the data lack is NaN with a reason."""
        basis: str = forward or ("ghosh" if self._Z is not None else "leontief")
        if basis == "ghosh" and self._Z is None:
            raise ModelError("Ghosh forward linkages need flows; use forward='leontief' for a coefficient table.")
        unavailable: list[str] = []
        nan = pd.Series(np.nan, index=self.labels)
        frame = pd.DataFrame(index=self.labels)
        frame["output"] = self.output_multipliers
        t1 = self.type_i_multipliers
        try:
            t2 = self.type_ii_multipliers
        except ModelError as err:
            t2 = None
            unavailable.append(f"type II multipliers ({err})")
        frame["output_type_ii"] = t2["output"] if t2 is not None else nan
        frame["gva"] = self.gva_multipliers if self._v is not None else nan
        if self._v is None:
            unavailable.append("GVA multipliers (no value added by sector)")
        for name in ("gva", "income", "employment"):
            frame[f"{name}_type_i"] = t1[name] if name in t1 else nan
            frame[f"{name}_type_ii"] = t2[name] if t2 is not None and name in t2 else nan
        frame["employment"] = self.employment_multipliers if self._e is not None else nan
        if self._e is None:
            unavailable.append("employment multipliers and jobs (no employment by sector)")
        frame["backward"] = self.backward_linkages
        frame["forward"] = self.forward_linkages_from(check_option("forward", basis, ("ghosh", "leontief")))  # type: ignore[arg-type]
        frame["key_sector"] = (frame["backward"] > 1) & (frame["forward"] > 1)
        frame = frame[list(_MULTIPLIER_COLUMNS)]
        return MultiplierResult(frame=frame, forward_basis=basis, assumptions=self.assumptions,
                                unavailable=tuple(unavailable))

    # --- impact ---------------------------------------------------------------------------------------
    def impact(self, delta_final_demand: pd.Series | np.ndarray | dict[str, float],
               closure: Closure = "open") -> ImpactResult:
        r"""Output, GVA and jobs by sector caused by a change in final demand.

        Solves :math:`(I - A)\,\Delta x = \Delta f` by LU factorisation (cached), not by inversion;
        with ``closure='households'`` the model closed with respect to households is solved instead
        (induced effects included).

        Parameters
        ----------
        delta_final_demand : Series, dict or array, shape (n,)
            Change in final demand by sector; a Series or dict may name only the shocked sectors.
        closure : {'open', 'households'}

        Returns
        -------
        ImpactResult

        References
        ----------
        Miller & Blair (2009), sect. 2.3–2.5, pp. 21–41; Eurostat (2008), ch. 15.5.
        """
        closure = check_option("closure", closure, ("open", "households"))
        df = self._shock_vector(delta_final_demand)
        unavailable: list[str] = []
        if closure == "open":
            dx = _lt.solve_leontief(self._A, df, self._lu)
        else:
            Lc = self._L_closed
            dx = Lc[: self.n, : self.n] @ df
        gva = None if self._v is None else self._series(self._v * dx, "gva")
        if self._v is None:
            unavailable.append("GVA (no value added by sector)")
        jobs = None if self._e is None else self._series(self._e * dx, "jobs")
        if self._e is None:
            unavailable.append("jobs (no employment by sector in the table)")
        return ImpactResult(
            delta_final_demand=self._series(df, "delta_final_demand"),
            output=self._series(dx, "output"),
            gva=gva,
            jobs=jobs,
            closure=closure,
            unit=self.unit,
            assumptions=self.assumptions,
            unavailable=tuple(unavailable),
        )

    def _shock_vector(self, shock: pd.Series | np.ndarray | dict[str, float]) -> np.ndarray:
        if isinstance(shock, dict):
            shock = pd.Series(shock, dtype=float)
        if isinstance(shock, pd.Series):
            unknown = [str(k) for k in shock.index if str(k) not in self.labels]
            if unknown:
                raise DataError(f"The shock names sector(s) {unknown} that are not in the table; sectors: {self.labels[:20]}")
            return shock.set_axis(shock.index.astype(str)).reindex(self.labels).fillna(0.0).to_numpy(dtype=float)
        arr = np.asarray(shock, dtype=float).reshape(-1)
        if arr.shape != (self.n,):
            raise DataError(f"The shock must have one value per sector ({self.n}); got shape {arr.shape}.")
        return arr

    # --- coefficient vectors (for regionalisation) -----------------------------------------------------
    @property
    def gva_coefficients(self) -> pd.Series | None:
        return None if self._v is None else self._series(self._v, "gva_per_output")

    @property
    def employment_coefficients(self) -> pd.Series | None:
        return None if self._e is None else self._series(self._e, "jobs_per_output")

    @property
    def labour_coefficients(self) -> pd.Series | None:
        return None if self._h is None else self._series(self._h, "compensation_per_output")

    @property
    def consumption_coefficients(self) -> pd.Series | None:
        try:
            return self._series(self._consumption_coefficients(), "consumption_per_income")
        except ModelError:
            return None

    def __repr__(self) -> str:
        return f"IOTable(n={self.n}, unit={self.unit!r}, flows={'yes' if self._Z is not None else 'no'})"


def _coef(values: np.ndarray, x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, values / np.where(x > 0, x, 1.0), 0.0)
