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


def _future(obs: pd.DataFrame, year: int) -> tuple[list[str], int]:
    first = pd.to_numeric(obs["period"].astype(str).str.slice(0, 4), errors="coerce")
    bad = obs.index[first > year]
    lines = [f"{_where(obs.loc[i], i + 1)}: {obs.at[i, 'region']} {obs.at[i, 'indicator']} period "
             f"{obs.at[i, 'period']} is after the current year {year} (a forecast, or a typing error?)"
             for i in bad[:MAX_LISTED]]
    return lines, len(bad)


def future_periods(obs: pd.DataFrame, *, today: date | None = None) -> list[str]:
    """A warning per observation whose period begins after the current year."""
    lines, total = _future(obs, (today or date.today()).year)
    return _listed("periods after the current year", lines, total)


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


def _unit_counts(obs: pd.DataFrame) -> dict[tuple[str, str, str], int]:
    pairs = obs.groupby(["indicator", "unit", "currency"], sort=True).size()
    return {(str(i), str(u), str(c)): int(n) for (i, u, c), n in pairs.items()}


def _unit_lines(counts: dict[tuple[str, str, str], int]) -> list[str]:
    units = _catalog_units()
    lines: list[str] = []
    for (indicator, unit, currency), n in sorted(counts.items()):
        want = units.get(indicator)
        if want is None or unit_matches(unit, currency, want):
            continue
        lines.append(f"{indicator}: unit {unit!r} in {n} row(s) is not the catalog's {want!r} "
                     "(convert it, or check that the column holds this indicator)")
    return lines


def unit_mismatches(obs: pd.DataFrame) -> list[str]:
    """A warning per (indicator, unit) whose unit is not the one the indicator catalog fixes."""
    return _unit_lines(_unit_counts(obs))


def _out_of_range(obs: pd.DataFrame) -> tuple[list[str], int]:
    ranges = plausible_ranges()
    merged = obs.reset_index().merge(ranges, on=["indicator", "unit"], how="inner", suffixes=("", "_range"))
    merged = merged[(merged["currency_range"] == "") | (merged["currency_range"] == merged["currency"])]
    low, high = merged["low"], merged["high"]  # a relative hair of slack: sums of rounded shares exceed 100
    bad = merged[(merged["value"] < low - 1e-6 * low.abs()) | (merged["value"] > high + 1e-6 * high.abs())]
    lines = [f"{_where(r, int(r['index']) + 1)}: {r['region']} {r['indicator']} {r['period']} = "
             f"{r['value']:g} {r['unit']} is outside the plausible range {r['low']:g}–{r['high']:g} "
             f"({r['basis']}); check the unit and the scale"
             for _, r in bad.head(MAX_LISTED).iterrows()]
    return lines, len(bad)


def out_of_range(obs: pd.DataFrame) -> list[str]:
    """A warning per value outside the plausible range of its indicator, unit and currency."""
    lines, total = _out_of_range(obs)
    return _listed("values outside their plausible range", lines, total)


def implausible(obs: pd.DataFrame, *, today: date | None = None) -> list[str]:
    """Every plausibility warning for a validated observation frame (see the module notes)."""
    if obs.empty:
        return []
    return [*future_periods(obs, today=today), *unit_mismatches(obs), *out_of_range(obs)]


class PlausibilityTally:
    """The warnings of :func:`implausible` for a file checked block by block: :meth:`add` each block (its index
    numbering the observations of the whole file), then :meth:`lines` gives what :func:`implausible` gives for
    the whole file."""

    def __init__(self, *, today: date | None = None) -> None:
        self.year = (today or date.today()).year
        self.future: list[str] = []
        self.n_future = 0
        self.outside: list[str] = []
        self.n_outside = 0
        self.units: dict[tuple[str, str, str], int] = {}

    def add(self, obs: pd.DataFrame) -> None:
        if obs.empty:
            return
        lines, total = _future(obs, self.year)
        self.future += lines[: MAX_LISTED - len(self.future)]
        self.n_future += total
        lines, total = _out_of_range(obs)
        self.outside += lines[: MAX_LISTED - len(self.outside)]
        self.n_outside += total
        for key, n in _unit_counts(obs).items():
            self.units[key] = self.units.get(key, 0) + n

    def lines(self) -> list[str]:
        return [*_listed("periods after the current year", self.future, self.n_future),
                *_unit_lines(self.units),
                *_listed("values outside their plausible range", self.outside, self.n_outside)]
