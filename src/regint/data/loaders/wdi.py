"""World Bank World Development Indicators → observations (format ``wdi``).

Two layouts:

- the WDI wide CSV (bulk export, "Data" download): ``Country Name,Country Code,Indicator Name,Indicator Code,
  1960,...``; several indicators may share a file;
- the datahub.io "core" long CSVs: ``Country,Country ID,Year,PPP`` (alpha-2 codes), ``Country,Country Code,Year,CPI``,
  ``Country Name,Country Code,Year,Value`` (gdp, population). The indicator of a ``Value`` file comes from the
  option ``indicator=``, the ``datapackage.json`` beside it, or its name (``gdp.csv``, ``population.csv``).

Regions are ISO 3166-1 alpha-3 codes for every country (``RUS``, ``BLR``; World Bank aggregates keep their
codes, ``WLD``, ``EUU``). The pair's national series in the rest of regint use ``RU`` and ``BY``:
:func:`to_national_codes` relabels a frame. Alpha-2 codes of the PPP file map to alpha-3 through
``data/catalogs/countries.csv`` (World Bank names and codes).

Indicators: :data:`WDI_INDICATORS` maps the codes the catalog knows (``PA.NUS.FCRF`` → ``fx_usd``, ...); any other
code ``X.Y.Z`` becomes ``wdi_x_y_z``. The WDI code is always in ``note``.

Currencies: US dollars (``.CD``) → ``USD``; PPP dollars (``.PP.CD``) → ``INTD``; values in local currency units
(``PA.NUS.*``) → the country's currency for Russia (``RUB``) and Belarus, else empty. Belarus needs care: a WDI
file made before the redenomination of 1 July 2016 is in old roubles (``BYR``; the 2013 snapshot: BLR
``PA.NUS.FCRF`` 2012 = 8336.9), a later one restates the whole history in new roubles (``BYN``; datahub PPP
Belarus 2000 = 0.0158). ``blr_currency='auto'`` decides by the file's last year (≤ 2015 → ``BYR``, else
``BYN``); pass ``'BYR'`` or ``'BYN'`` to override.

The datahub "cpi" file holds annual inflation in % (``FP.CPI.TOTL.ZG``), not an index, although its README and
datapackage say "CPI": its ``CPI`` column is loaded as ``inflation`` with that caveat in ``note``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from regint._options import check_option
from regint._paths import package_data
from regint.data.loaders import register
from regint.data.loaders.base import (
    LoadResult,
    LoadWarning,
    ensure_nonempty,
    first_line,
    parse_number,
    read_text,
)
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "wdi"
BlrCurrency = Literal["auto", "BYR", "BYN"]
WIDE_HEADER = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
#: WDI code → catalog indicator.
WDI_INDICATORS: dict[str, str] = {
    "PA.NUS.FCRF": "fx_usd",
    "PA.NUS.PPP": "ppp",
    "NY.GDP.MKTP.CD": "gdp_usd",
    "FP.CPI.TOTL.ZG": "inflation",
    "SP.POP.TOTL": "population",
    "NY.GDP.PCAP.PP.CD": "gdp_per_capita_ppp",
}
#: Units of the codes a datahub long file may hold (the wide file prints its own in "Indicator Name").
DATAHUB_UNITS = {
    "PA.NUS.PPP": "LCU per international $",
    "FP.CPI.TOTL.ZG": "% per year",
    "NY.GDP.MKTP.CD": "current US$",
    "SP.POP.TOTL": "persons",
}
#: datahub value column → WDI code; ``Value`` needs the datapackage or the file name.
DATAHUB_COLUMNS = {"PPP": "PA.NUS.PPP", "CPI": "FP.CPI.TOTL.ZG"}
DATAHUB_STEMS = {"gdp": "NY.GDP.MKTP.CD", "population": "SP.POP.TOTL", "ppp-gdp": "PA.NUS.PPP",
                 "cpi": "FP.CPI.TOTL.ZG"}
CPI_CAVEAT = "datahub 'cpi' column: annual inflation % (FP.CPI.TOTL.ZG), not an index"
NATIONAL_CODES = {"RUS": "RU", "BLR": "BY"}
_LCU_CURRENCY = {"RUS": "RUB"}


# --- detection -----------------------------------------------------------------------------------------


def _header(path: Path) -> list[str]:
    first = first_line(path) if path.stat().st_size else ""
    return next(csv.reader([first])) if first else []


def sniff(path: Path) -> bool:
    """True for a WDI wide CSV or a datahub long CSV."""
    if path.suffix.lower() != ".csv":
        return False
    header = [h.strip() for h in _header(path)]
    if tuple(header[:4]) == WIDE_HEADER:
        return True
    return len(header) == 4 and header[2] == "Year" and header[1] in {"Country Code", "Country ID"}


# --- helpers -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def alpha2_to_alpha3() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3 for the countries in World Bank data (``catalogs/countries.csv``)."""
    frame = pd.read_csv(package_data("data", "catalogs", "countries.csv"), dtype=str, keep_default_na=False)
    return dict(zip(frame["alpha2"], frame["alpha3"], strict=True))


def indicator_code(wdi_code: str) -> str:
    """The regint indicator for a WDI code: the catalog's where mapped, else ``wdi_<code>`` (dots → ``_``)."""
    return WDI_INDICATORS.get(wdi_code, "wdi_" + re.sub(r"[^a-z0-9]+", "_", wdi_code.lower()).strip("_"))


def to_national_codes(frame: pd.DataFrame, mapping: dict[str, str] | None = None) -> pd.DataFrame:
    """Relabel alpha-3 country codes as the pair's national codes (``RUS`` → ``RU``, ``BLR`` → ``BY``).

    Parameters
    ----------
    frame : DataFrame
        Observations.
    mapping : dict, optional
        ``{alpha-3: region}``; default :data:`NATIONAL_CODES`.

    Returns
    -------
    DataFrame
        A copy with the regions relabelled and the original code noted.
    """
    mapping = mapping or NATIONAL_CODES
    out = frame.copy()
    hit = out["region"].isin(list(mapping))
    relabel = "region relabelled from " + out.loc[hit, "region"]
    out.loc[hit, "note"] = [f"{n}; {r}" if n else r for n, r in zip(out.loc[hit, "note"], relabel, strict=True)]
    out.loc[hit, "region"] = out.loc[hit, "region"].map(mapping)
    return out


def _currency(wdi_code: str, country: str, blr: str) -> str:
    if wdi_code.endswith(".PP.CD") or wdi_code.endswith(".PP.KD"):
        return "INTD"
    if wdi_code.endswith(".CD") or ".CD." in wdi_code:
        return "USD"
    if wdi_code.startswith("PA.NUS.") or wdi_code.endswith(".CN"):
        return blr if country == "BLR" else _LCU_CURRENCY.get(country, "")
    return ""


def _blr_currency(option: BlrCurrency, last_year: int) -> str:
    if option != "auto":
        return option
    return "BYR" if last_year <= 2015 else "BYN"


def _unit_from_name(name: str) -> str:
    m = re.search(r"\(([^()]*)\)\s*$", name)
    return m.group(1) if m else ""


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# --- load ----------------------------------------------------------------------------------------------


def load(
    path: str | Path,
    *,
    indicator: str | None = None,
    blr_currency: BlrCurrency = "auto",
    source: str | None = None,
    vintage: str = "",
) -> LoadResult:
    """Read a WDI wide CSV or a datahub long CSV into observations.

    Parameters
    ----------
    path : path-like
        The CSV file.
    indicator : str, optional
        WDI code of a datahub ``Value`` file (``NY.GDP.MKTP.CD``); default from datapackage.json or the file name.
    blr_currency : {'auto', 'BYR', 'BYN'}
        Currency of Belarusian local-currency values (see the module docstring).
    source : str, optional
        Source id; default ``wdi`` (wide) or ``wdi_datahub`` (long).
    vintage : str
        Publication date of the file, when known.

    Returns
    -------
    LoadResult
    """
    p = Path(path)
    ensure_nonempty(p)
    check_option("blr_currency", blr_currency, ("auto", "BYR", "BYN"))
    warnings: list[LoadWarning] = []
    frame = _frame(read_text(p, warnings))
    columns = [c.strip() for c in frame.columns]
    frame.columns = columns
    if tuple(columns[:4]) == WIDE_HEADER:
        rows = _wide_rows(frame, p, blr_currency)
        default_source = "wdi"
    elif len(columns) == 4 and columns[2] == "Year":
        rows = _long_rows(frame, p, indicator, blr_currency, warnings)
        default_source = "wdi_datahub"
    else:
        raise LoaderError(f"the header {columns[:5]} is neither the WDI wide nor a datahub long layout.", path=p,
                          row=1, fix="export from the World Bank DataBank as CSV, or use the tidy template.")
    _check_blr(rows, warnings, p)
    out = make_observations(rows, source=source or default_source, status="official", vintage=vintage,
                            file=p.name)
    return LoadResult(out, FORMAT, p, tuple(warnings))


def _year_columns(columns: list[str]) -> list[str]:
    return [c for c in columns if re.fullmatch(r"(19|20)\d{2}", c)]


def _wide_rows(frame: pd.DataFrame, path: Path, blr_option: BlrCurrency) -> list[dict[str, Any]]:
    years = _year_columns(list(frame.columns))
    if not years:
        raise LoaderError("the wide WDI file has no year columns.", path=path, row=1,
                          fix="export with the years as columns (1960, 1961, ...).")
    blr = _blr_currency(blr_option, int(years[-1]))
    rows = []
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        code, country = rec["Indicator Code"].strip(), rec["Country Code"].strip()
        unit = _unit_from_name(rec["Indicator Name"])
        for year in years:
            value, _ = parse_number(rec[year], path=path, row=i, column=year)
            if value is None:
                continue
            rows.append(_row(country, code, year, value, unit, _currency(code, country, blr), f"row {i}"))
    return rows


def _row(country: str, code: str, year: str, value: float, unit: str, currency: str, location: str,
         note: str = "") -> dict[str, Any]:
    return {"region": country, "indicator": indicator_code(code), "period": year, "value": value, "unit": unit,
            "currency": currency, "note": "; ".join(x for x in (f"WDI {code}", note) if x), "location": location}


def _long_code(columns: list[str], path: Path, indicator: str | None) -> str:
    if indicator:
        return indicator
    if columns[3] in DATAHUB_COLUMNS:
        return DATAHUB_COLUMNS[columns[3]]
    for package in (path.parent / "datapackage.json", path.parent.parent / "datapackage.json"):
        code = _code_from_package(package, path.name)
        if code:
            return code
    stem = path.stem.lower()
    if stem in DATAHUB_STEMS:
        return DATAHUB_STEMS[stem]
    raise LoaderError(f"cannot tell which WDI indicator the column {columns[3]!r} holds.", path=path, row=1,
                      column=columns[3], fix="pass indicator='NY.GDP.MKTP.CD' (the WDI code).")


def _code_from_package(package: Path, filename: str) -> str | None:
    if not package.is_file():
        return None
    try:
        meta = json.loads(package.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = [Path(str(r.get("path", ""))).name for r in meta.get("resources", [])]
    if filename not in names:
        return None
    for src in meta.get("sources", []):
        m = re.search(r"/indicator/([A-Z0-9.]+)", str(src.get("path", "")))
        if m:
            return m.group(1)
    return None


def _long_rows(frame: pd.DataFrame, path: Path, indicator: str | None, blr_option: BlrCurrency,
               warnings: list[LoadWarning]) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    code = _long_code(columns, path, indicator)
    note = CPI_CAVEAT if columns[3] == "CPI" else ""
    years = pd.to_numeric(frame["Year"], errors="coerce")
    blr = _blr_currency(blr_option, int(years.max()) if years.notna().any() else 0)
    alpha3 = alpha2_to_alpha3()
    rows, unknown = [], set()
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        country = rec[columns[1]].strip()
        if columns[1] == "Country ID":
            country = alpha3.get(country, "")
            if not country:
                unknown.add(rec[columns[1]])
                continue
        year = rec["Year"].strip()
        if not re.fullmatch(r"(19|20)\d{2}", year):
            raise LoaderError(f"Year {year!r} is not a year.", path=path, row=i, column="Year",
                              fix="the Year column must hold four-digit years.")
        value, _ = parse_number(rec[columns[3]], path=path, row=i, column=columns[3])
        if value is None:
            continue
        rows.append(_row(country, code, year, value, DATAHUB_UNITS.get(code, ""), _currency(code, country, blr),
                         f"row {i}", note))
    if unknown:
        warnings.append(LoadWarning(f"country codes not in catalogs/countries.csv were skipped: {sorted(unknown)}.",
                                    path=str(path), column=columns[1]))
    return rows


def _check_blr(rows: list[dict[str, Any]], warnings: list[LoadWarning], path: Path) -> None:
    """Warn when Belarusian exchange rates labelled BYN look like old roubles (or the reverse)."""
    odd = [r["period"] for r in rows if r["region"] == "BLR" and r["indicator"] == "fx_usd"
           and 2000 <= int(r["period"]) <= 2015
           and ((r["currency"] == "BYN" and r["value"] > 100) or (r["currency"] == "BYR" and r["value"] < 10))]
    if odd:
        warnings.append(LoadWarning(
            f"Belarus PA.NUS.FCRF in {', '.join(odd[:5])} does not fit the currency assumed for this file; "
            "pass blr_currency='BYR' or 'BYN'.", path=str(path)))


register(FORMAT, "World Bank WDI wide CSV; datahub.io WDI long CSVs", sniff, load)
