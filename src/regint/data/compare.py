"""Comparisons of the two sides that do not wait for market exchange rates.

Where the National Bank of Belarus' annual rates are missing (2013–2018, 2021–2025 in the shipped data), a
money value of Smolensk and one of Vitebsk are still comparable

* **at purchasing-power parity**: each divided by its country's World Bank PPP conversion factor
  (PA.NUS.PPP, national currency per international dollar; to 2024), :func:`at_ppp`;
* **relative to each country's average**: Smolensk against Russia, Vitebsk against Belarus, then the two
  relatives against each other, :func:`relative_to_national`.

:func:`compare_pair` returns a :class:`PairComparison` that states the basis it used in every row and in its
summary. The functions are pure: they take observation frames (as :meth:`Store.panel` gives) and read nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.data.harmonise import country_of
from regint.data.schema import make_observations, period_year
from regint.errors import DataError

Basis = Literal["ppp", "national_average"]
BASES: tuple[str, ...] = ("ppp", "national_average")
#: What each basis means, as the comparison states it.
BASIS_TEXT: dict[str, dict[str, str]] = {
    "ppp": {"en": "at purchasing-power parity (World Bank PA.NUS.PPP, GDP; international dollars)",
            "ru": "по паритету покупательной способности (Всемирный банк, PA.NUS.PPP, ВВП; международные доллары)"},
    "national_average": {"en": "relative to each country's average (region / country, same year)",
                         "ru": "относительно среднего по своей стране (регион / страна, тот же год)"},
}


def ppp_convert(value: np.ndarray, ppp: np.ndarray) -> np.ndarray:
    """National-currency values in international dollars.

    .. math:: v^{I\\$}_{t} = \\frac{v^{LCU}_{t}}{PPP_{t}}

    Parameters
    ----------
    value : array (n,), national currency
    ppp : array (n,), national currency per international dollar of the same country and year

    References
    ----------
    World Bank, World Development Indicators, PA.NUS.PPP: "Purchasing power parity conversion factor is the
    number of units of a country's currency required to buy the same amounts of goods and services in the
    domestic market as U.S. dollar would buy in the United States."
    """
    value, ppp = np.asarray(value, dtype=float), np.asarray(ppp, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ppp > 0, value / ppp, np.nan)


def national_relative(value: np.ndarray, national: np.ndarray) -> np.ndarray:
    """A region's value relative to its country's in the same year (1 = the national average).

    .. math:: r_{i,t} = \\frac{v_{i,t}}{v_{c(i),t}}

    Parameters
    ----------
    value, national : arrays (n,) in the same unit and currency
    """
    value, national = np.asarray(value, dtype=float), np.asarray(national, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(national != 0, value / national, np.nan)


@dataclass(frozen=True)
class PairComparison:
    """Values of two regions on one comparable basis, year by year.

    ``table`` has one row per year with ``value_a``, ``value_b`` (on the basis), the inputs
    (``raw_a``, ``raw_b`` and ``factor_a``, ``factor_b``: the PPP factors or the national values),
    ``ratio`` = b / a and ``basis``. Years where either side lacks a value or a factor are left out and listed
    in ``missing``.
    """

    indicator: str
    region_a: str
    region_b: str
    basis: str
    unit: str
    table: pd.DataFrame
    sources: tuple[str, ...]
    missing: tuple[int, ...] = field(default_factory=tuple)

    @property
    def latest_year(self) -> int | None:
        """The latest year both sides have, or ``None``."""
        return int(self.table["year"].max()) if len(self.table) else None

    def basis_text(self, lang: str = "en") -> str:
        """What the basis is, in ``lang``."""
        return BASIS_TEXT[self.basis][lang]

    def to_frame(self) -> pd.DataFrame:
        """The year table (a copy)."""
        return self.table.copy()

    def summary(self, lang: str = "en") -> str:
        """One paragraph: basis, latest common year, both values and the ratio."""
        if not len(self.table):
            return (f"{self.indicator}: {self.region_a} and {self.region_b} have no common year "
                    f"{self.basis_text(lang)}.")
        last = self.table.iloc[-1]
        return (f"{self.indicator}, {self.basis_text(lang)}: {int(last['year'])} {self.region_a} "
                f"{last['value_a']:.4g}, {self.region_b} {last['value_b']:.4g} {self.unit}; "
                f"{self.region_b}/{self.region_a} = {last['ratio']:.3f} "
                f"(years {int(self.table['year'].min())}–{int(last['year'])}; sources {', '.join(self.sources)}).")


def _annual(obs: pd.DataFrame, indicator: str, region: str) -> pd.DataFrame:
    sub = obs[(obs["indicator"] == indicator) & (obs["region"] == region) & obs["period"].str.fullmatch(r"\d{4}")
              & obs["value"].notna()]
    if sub.duplicated("period").any():
        raise DataError(f"{indicator} {region}: several values for one year. Fix: pass one value per key "
                        "(Store.panel chooses by source precedence).")
    return pd.DataFrame({"year": period_year(sub["period"]), "value": sub["value"].to_numpy(),
                         "currency": sub["currency"].to_numpy(), "source": sub["source"].to_numpy(),
                         "unit": sub["unit"].to_numpy()})


def compare_pair(obs: pd.DataFrame, indicator: str, region_a: str, region_b: str, *, basis: Basis = "ppp",
                 ppp: pd.DataFrame | None = None) -> PairComparison:
    """Compare ``indicator`` of two regions of different countries on a basis that needs no market rate.

    Parameters
    ----------
    obs : observations with the indicator for both regions (and, for ``national_average``, for both
        countries: ``RU``, ``BY``), one value per key
    basis : ``"ppp"`` (divide by the country's ``ppp`` factor) or ``"national_average"`` (divide by the
        country's value of the same indicator and year)
    ppp : ``ppp`` observations of the two countries (needed for ``basis="ppp"``)
    """
    check_option("basis", basis, BASES)
    func: Callable[[np.ndarray, np.ndarray], np.ndarray]
    obs = make_observations(obs)
    a, b = _annual(obs, indicator, region_a), _annual(obs, indicator, region_b)
    if basis == "ppp":
        if ppp is None:
            raise DataError("basis 'ppp' needs the ppp observations. Fix: pass ppp=store.panel(['ppp'], ['RU', 'BY']).")
        fa = _annual(make_observations(ppp), "ppp", country_of(region_a))
        fb = _annual(make_observations(ppp), "ppp", country_of(region_b))
        func, unit = ppp_convert, "international $" + (" per month" if any("per month" in u for u in a["unit"]) else "")
    else:
        fa = _annual(obs, indicator, country_of(region_a))
        fb = _annual(obs, indicator, country_of(region_b))
        func, unit = national_relative, "ratio to the national average"
    _check_currency(a, fa, region_a, basis)
    _check_currency(b, fb, region_b, basis)
    merged = (a.merge(fa, on="year", suffixes=("_a", "_fa")).merge(b, on="year")
              .merge(fb, on="year", suffixes=("_b", "_fb")))
    merged = merged.sort_values("year").reset_index(drop=True)
    table = pd.DataFrame({
        "year": merged["year"], "raw_a": merged["value_a"], "factor_a": merged["value_fa"],
        "raw_b": merged["value_b"], "factor_b": merged["value_fb"],
    })
    table["value_a"] = func(table["raw_a"].to_numpy(), table["factor_a"].to_numpy())
    table["value_b"] = func(table["raw_b"].to_numpy(), table["factor_b"].to_numpy())
    table["ratio"] = table["value_b"] / table["value_a"]
    table["basis"] = basis
    years = set(a["year"]) | set(b["year"])
    missing = tuple(sorted(years - set(table["year"])))
    srcs = tuple(sorted(set(merged["source_a"]) | set(merged["source_b"]) | set(merged["source_fa"])
                        | set(merged["source_fb"])))
    return PairComparison(indicator, region_a, region_b, basis, unit, table, srcs, missing)


def _check_currency(values: pd.DataFrame, factors: pd.DataFrame, region: str, basis: str) -> None:
    """The value and its factor must be in the same currency (a BYR value against a BYN factor is refused)."""
    if values.empty or factors.empty:
        return
    have = set(values["currency"]) - {""}
    want = set(factors["currency"]) - {""}
    if have and want and have != want:
        raise DataError(f"{region}: values in {sorted(have)} but the {basis} factors in {sorted(want)}. Fix: "
                        "import through regint's loaders (they convert to the catalog's currency).")
