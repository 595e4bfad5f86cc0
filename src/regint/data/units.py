"""One unit per indicator: convert observations to the catalog's unit, currency and price basis at import.

The indicator catalog fixes, for every code, a canonical ``unit`` (``mln national currency``, ``persons``,
``% of previous year``), a ``currency`` (``national`` — the country's own: RUB, BYN, or ``LCU`` for the world
series —, or a fixed one such as ``USD``) and a ``price_basis``. :func:`conform_units` brings each row to it:

* a scale word is converted (``thous.`` 10³, ``mln`` 10⁶, ``bln``/``bn`` 10⁹): 12.5 thous. persons → 12,500
  persons, 1,234 bln RUB → 1,234,000 mln RUB;
* old Belarusian roubles become new ones: 10,000 BYR = 1 BYN (redenomination of 1 July 2016);
* labels that mean the same unit are mapped through ``catalogs/unit_synonyms.csv`` (data, not code);
* the original value, unit and factor go into ``derived_from``; the status stays (a change of unit is exact).

A unit that cannot be converted (a different measure, or a currency that needs an exchange rate) is refused
with a :class:`~regint.errors.LoaderError` naming the file, the row or cell, the column and the fix: nothing of
the file is loaded. Codes that are not in the catalog (``press_*`` context figures) keep their unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from regint._paths import package_data
from regint.data.catalogs import indicator_info
from regint.data.schema import make_observations
from regint.errors import CatalogError, LoaderError

#: 10,000 old Belarusian roubles (BYR) = 1 new rouble (BYN) from 1 July 2016.
BYR_PER_BYN = 10_000.0
#: Scale words at the start of a unit and their factors.
SCALES: dict[str, float] = {"thous.": 1e3, "thousand": 1e3, "mln": 1e6, "million": 1e6, "bln": 1e9, "bn": 1e9,
                            "billion": 1e9, "тыс.": 1e3, "млн": 1e6, "млрд": 1e9}
#: Currency of a country's national series (``LCU`` for every other country of the world series).
NATIONAL_CURRENCY: dict[str, str] = {"RU": "RUB", "BY": "BYN"}
_NATIONAL = "national currency"
_CURRENCY_TOKEN = re.compile(r"\b(RUB|BYN|BYR|LCU)\b")


@dataclass(frozen=True)
class Canonical:
    """The catalog's unit of an indicator: ``unit`` with ``national currency`` where the country's goes."""

    indicator: str
    unit: str
    currency: str  # "national", a currency code, or "" (not monetary)
    price_basis: str

    def concrete(self, region: str) -> tuple[str, str]:
        """The unit and currency of this indicator for ``region`` (a region code, or a national currency code):
        ``("mln RUB", "RUB")`` for RU-SMO."""
        if self.currency == "national":
            code = region if region in ("RUB", "BYN", "LCU") else national_currency(region)
            return self.unit.replace(_NATIONAL, code), code
        return self.unit, self.currency


def national_currency(region: str) -> str:
    """``RUB`` for Russia and its regions, ``BYN`` for Belarus and its regions, ``LCU`` for other countries."""
    country = {"RUS": "RU", "BLR": "BY"}.get(region, region.split("-")[0])
    return NATIONAL_CURRENCY.get(country, "LCU")


@lru_cache(maxsize=1)
def unit_synonyms() -> pd.DataFrame:
    """Labels that mean a catalog unit (``catalogs/unit_synonyms.csv``): indicator (or ``*``), printed,
    canonical, note."""
    return pd.read_csv(package_data("data", "catalogs", "unit_synonyms.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=512)
def canonical(indicator: str) -> Canonical | None:
    """The canonical unit of an indicator, or ``None`` for a code the catalog does not hold."""
    try:
        info = indicator_info(indicator)
    except CatalogError:
        return None
    return Canonical(indicator, str(info["unit"]), str(info.get("currency", "") or ""),
                     str(info.get("price_basis", "") or ""))


def _synonym(indicator: str, unit: str) -> str:
    syn = unit_synonyms()
    base = str(indicator_info(indicator)["code"])
    hit = syn[(syn["printed"] == unit) & syn["indicator"].isin(["*", base, indicator])]
    hit = hit.assign(_own=hit["indicator"] == "*").sort_values("_own", kind="stable")  # own rows before "*"
    return str(hit["canonical"].iloc[0]) if len(hit) else unit


def _split_scale(unit: str) -> tuple[float, str]:
    head, _, rest = unit.partition(" ")
    if head in SCALES and rest:
        return SCALES[head], rest
    return 1.0, unit


def unit_factor(unit: str, currency: str, target: Canonical, region: str) -> tuple[float, str] | None:
    """The factor that turns a value in ``unit`` (``currency``) into the catalog unit for ``region``.

    Returns ``(factor, concrete target unit)``, or ``None`` when no exact conversion exists (another measure,
    or another currency).

    .. math:: v_{canonical} = f \\cdot v, \\qquad f = \\frac{s_{unit}}{s_{canonical}} \\cdot
              \\begin{cases} 10^{-4} & \\text{BYR} \\to \\text{BYN} \\\\ 1 & \\text{otherwise} \\end{cases}

    where :math:`s` is the scale word (thous. 10³, mln 10⁶, bln 10⁹).
    """
    want_unit, want_cur = target.concrete(region)
    text = _synonym(target.indicator, unit.strip())
    if "LCU" in text.split() and currency in ("RUB", "BYN", "BYR"):
        text = re.sub(r"\bLCU\b", currency, text)
    if _NATIONAL in text and currency:
        text = text.replace(_NATIONAL, currency)
    if _NATIONAL in text and want_cur in ("RUB", "BYN", "LCU") and target.currency == "national":
        text = text.replace(_NATIONAL, want_cur)
    factor = 1.0
    if re.search(r"\bBYR\b", text) and "BYN" in (want_cur, *want_unit.split()):
        text = re.sub(r"\bBYR\b", "BYN", text, count=1)
        factor /= BYR_PER_BYN
    s_have, rest_have = _split_scale(text)
    s_want, rest_want = _split_scale(want_unit)
    if rest_have != rest_want:
        return None
    return factor * s_have / s_want, want_unit


def conform_units(obs: pd.DataFrame, *, path: str | Path | None = None) -> pd.DataFrame:
    """Convert every catalogued row of ``obs`` to its indicator's canonical unit, currency and price basis.

    Raises
    ------
    LoaderError
        For the first row whose unit cannot be converted, naming the file, row (as the loader located it),
        column and fix; nothing is converted then.
    """
    out = make_observations(obs)
    if out.empty:
        return out
    home = out["region"].map(national_currency)
    early = out["period"].str.slice(0, 4).astype(int) < 2016
    keys = pd.DataFrame({"indicator": out["indicator"], "unit": out["unit"], "currency": out["currency"],
                         "home": home, "early": early & home.eq("BYN"), "basis": out["price_basis"]})
    combos = keys.drop_duplicates()
    plan: dict[tuple, tuple[float, str, str, str]] = {}
    for i, combo in zip(combos.index, combos.itertuples(index=False, name=None), strict=True):
        plan[combo] = _plan(combo, path, int(i), str(out.at[i, "location"]), f"{out.at[i, 'region']} "
                            f"{out.at[i, 'period']}")
    planned = [plan[k] for k in keys.itertuples(index=False, name=None)]
    factor = np.array([p[0] for p in planned])
    values = out["value"].to_numpy(dtype=float)
    scaled = (factor != 1.0) & ~np.isnan(values)
    derived = out["derived_from"].to_numpy(dtype=object).copy()
    for i in np.flatnonzero(scaled):
        note = (f"{values[i]:.10g} {out.at[i, 'unit']} × {factor[i]:.10g} = {values[i] * factor[i]:.10g} "
                f"{planned[i][1]}")
        if planned[i][3] == "BYR":
            note += " (10,000 BYR = 1 BYN, redenomination of 1 July 2016)"
        derived[i] = f"{note}; {derived[i]}" if derived[i] else note
    return out.assign(value=np.where(scaled, values * factor, values), unit=[p[1] for p in planned],
                      currency=[p[2] for p in planned], price_basis=[
                          p[4] if len(p) > 4 else b for p, b in zip(planned, out["price_basis"], strict=True)],
                      derived_from=derived)


def _plan(combo: tuple, path: str | Path | None, i: int, location: str,
          where: str) -> tuple:
    """(factor, unit, currency, original currency, price basis) for one (indicator, unit, currency, home
    currency, early, basis) combination; raises the refusal."""
    indicator, unit, currency, home, early, basis = combo
    target = canonical(indicator)
    if target is None:  # a context code outside the catalog: only its own synonyms apply
        syn = unit_synonyms()
        hit = syn.loc[(syn["indicator"] == indicator) & (syn["printed"] == unit), "canonical"]
        return 1.0, (str(hit.iloc[0]) if len(hit) else unit), currency, currency, basis
    label = f"{indicator} {where}"
    cur = ""
    if target.currency:
        cur = currency or (m.group(1) if (m := _CURRENCY_TOKEN.search(unit)) else ("" if early else home))
        if not cur:
            raise _refusal(path, i, location, "currency", f"{label}: the value's currency is not stated and "
                           "before 2016 a Belarusian figure may be in old roubles.",
                           "state the currency (BYR for old roubles, BYN for new ones) in the currency column.")
    region_cur = ("BYN" if cur == "BYR" else cur) if target.currency == "national" and cur in (
        "RUB", "BYN", "BYR", "LCU") else home
    found = unit_factor(unit, cur, target, region_cur)
    want_unit, want_cur = target.concrete(region_cur)
    if found is None:
        shown = f" ({cur})" if cur and cur not in unit else ""
        raise _refusal(path, i, location, "unit", f"{label}: the unit {unit!r}{shown} cannot be converted to "
                       f"the catalog unit {want_unit!r}.",
                       f"give the value in {want_unit!r} or a multiple of it (thous., mln, bln); a value in "
                       "another currency needs an exchange rate (convert it in an analysis, not at import); "
                       "or use another indicator code (`regint data list`).")
    if target.price_basis and basis and basis != target.price_basis:
        raise _refusal(path, i, location, "price_basis", f"{label}: price basis {basis!r} where the catalog "
                       f"holds {target.price_basis!r}.",
                       f"give the value at {target.price_basis} prices, or use another indicator code.")
    return found[0], found[1], want_cur if target.currency else "", cur, target.price_basis or basis


def _refusal(path: str | Path | None, i: int, location: str, column: str, problem: str, fix: str) -> LoaderError:
    m = re.search(r"\brow (\d+)", location or "")
    row = int(m.group(1)) if m else None
    where = f" (at {location})" if location and not m else ""
    if row is None and not location:
        row = i + 1
        where = " (observation row)"
    return LoaderError(f"{problem[:-1]}{where}. Nothing of the file was loaded.", path=path, row=row,
                       column=column, fix=fix)


def unit_table(obs: pd.DataFrame) -> pd.DataFrame:
    """Units and currencies of each indicator in ``obs`` with their row counts (to check one unit per code)."""
    return (obs.groupby(["indicator", "unit", "currency"], dropna=False).size().rename("n").reset_index()
            .sort_values(["indicator", "unit", "currency"]).reset_index(drop=True))
