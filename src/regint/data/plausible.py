"""Implausible values: periods after the current year, values outside an indicator's plausible range, units
that are not the catalog's.

None of these stops an import by itself: the figures land and the warnings go into the import log (and onto the
screen), so that a person looks at them; ``strict=True`` (``regint data import --strict``) refuses the file
instead. The ranges are data, ``catalogs/plausible.csv``: per indicator and unit (and currency where
monetary) the lowest and highest value that can be meant, with the reason. They are deliberately wide (about an
order of magnitude beyond the extremes of the shipped official series) so that a warning means a likely error
of unit or scale — a population of 910 persons for an oblast, a monthly wage of 5 roubles — not an unusual
year.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from regint._paths import package_data

#: At most this many rows are named per kind of warning; the rest are counted.
MAX_LISTED = 10


@lru_cache(maxsize=1)
def plausible_ranges() -> pd.DataFrame:
    """The catalog of plausible ranges: indicator, unit, currency, low, high, basis."""
    frame = pd.read_csv(package_data("data", "catalogs", "plausible.csv"), dtype=str, keep_default_na=False)
    return frame.assign(low=pd.to_numeric(frame["low"]), high=pd.to_numeric(frame["high"]))


def _where(row: pd.Series, number: int) -> str:
    loc = str(row.get("location", "") or "")
    return f"row {number}" + (f" ({loc})" if loc else "")


def _listed(kind: str, lines: list[str], total: int) -> list[str]:
    more = total - len(lines)
    return [*lines, *([f"{kind}: … and {more} more"] if more > 0 else [])]


def future_periods(obs: pd.DataFrame, *, today: date | None = None) -> list[str]:
    """A warning per observation whose period begins after the current year."""
    year = (today or date.today()).year
    first = pd.to_numeric(obs["period"].astype(str).str.slice(0, 4), errors="coerce")
    bad = obs.index[first > year]
    lines = [f"{_where(obs.loc[i], i + 1)}: {obs.at[i, 'region']} {obs.at[i, 'indicator']} period "
             f"{obs.at[i, 'period']} is after the current year {year} (a forecast, or a typing error?)"
             for i in bad[:MAX_LISTED]]
    return _listed("periods after the current year", lines, len(bad))


def _catalog_units() -> dict[str, str]:
    from regint.data.catalogs import indicators

    cat = indicators()
    return {str(k): str(v) for k, v in zip(cat["code"], cat["unit"], strict=True) if str(v) and str(v) != "nan"}


def _unit_key(text: str) -> str:
    return " ".join(str(text).lower().split())


def unit_matches(unit: str, currency: str, catalog_unit: str) -> bool:
    """Whether ``unit`` is the catalog's (``national currency`` standing for the row's currency or RUB/BYN/BYR)."""
    got, want = _unit_key(unit), _unit_key(catalog_unit)
    if got == want:
        return True
    if "national currency" in want:
        codes = [currency] if currency else ["RUB", "BYN", "BYR"]
        return any(got == want.replace("national currency", c.lower()) for c in codes)
    return False


def unit_mismatches(obs: pd.DataFrame) -> list[str]:
    """A warning per (indicator, unit) whose unit is not the one the indicator catalog fixes."""
    units = _catalog_units()
    lines: list[str] = []
    pairs = obs.groupby(["indicator", "unit", "currency"], sort=True).size()
    for (indicator, unit, currency), n in pairs.items():
        want = units.get(str(indicator))
        if want is None or unit_matches(str(unit), str(currency), want):
            continue
        lines.append(f"{indicator}: unit {unit!r} in {n} row(s) is not the catalog's {want!r} "
                     "(convert it, or check that the column holds this indicator)")
    return lines


def out_of_range(obs: pd.DataFrame) -> list[str]:
    """A warning per value outside the plausible range of its indicator, unit and currency."""
    ranges = plausible_ranges()
    merged = obs.reset_index().merge(ranges, on=["indicator", "unit"], how="inner", suffixes=("", "_range"))
    merged = merged[(merged["currency_range"] == "") | (merged["currency_range"] == merged["currency"])]
    low, high = merged["low"], merged["high"]  # a relative hair of slack: sums of rounded shares exceed 100
    bad = merged[(merged["value"] < low - 1e-6 * low.abs()) | (merged["value"] > high + 1e-6 * high.abs())]
    lines = [f"{_where(r, int(r['index']) + 1)}: {r['region']} {r['indicator']} {r['period']} = "
             f"{r['value']:g} {r['unit']} is outside the plausible range {r['low']:g}–{r['high']:g} "
             f"({r['basis']}); check the unit and the scale"
             for _, r in bad.head(MAX_LISTED).iterrows()]
    return _listed("values outside their plausible range", lines, len(bad))


def implausible(obs: pd.DataFrame, *, today: date | None = None) -> list[str]:
    """Every plausibility warning for a validated observation frame (see the module notes)."""
    if obs.empty:
        return []
    return [*future_periods(obs, today=today), *unit_mismatches(obs), *out_of_range(obs)]
