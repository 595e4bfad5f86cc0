"""Two small Rosstat extractions (formats ``rosstat_wages_json`` and ``rosstat_kep``).

``rosstat_wages_json``
    ``rosstat-wages.json`` (github.com/anyutochka1-sys/paid-benefit): a third party's JSON extraction of Rosstat's
    ``tab4-zpl_2025.xlsx`` (sheet "с 2018"): ``years.<YYYY>.regions`` maps a subject's name as Rosstat prints it
    (``"Еврейская авт.область"``, ``"г.Санкт-Петербург"``) to its average monthly nominal accrued wage in roubles;
    ``years.<YYYY>.preliminary`` marks preliminary years. → ``wage_nominal`` per subject, status ``secondary``
    (third-party extraction), source ``rosstat_wages_2024``; preliminary years carry the note ``preliminary``.
    Names resolve through :func:`regint.data.catalogs.resolve_region`, then :data:`WAGE_NAME_ALIASES`; a name
    that resolves to nothing is skipped with a warning.

``rosstat_kep``
    ``dfa.csv`` of mini-kep (github.com/mini-kep/parser-rosstat-kep): Rosstat "Краткосрочные экономические
    показатели", Russia, annual 1999–2017. Only the annual file is read (``dfq.csv``/``dfm.csv`` are refused).
    Columns mapped (:data:`KEP_COLUMNS`), region ``RU``, status ``official``, source ``rosstat_kep``:

    ======================== ==================== ================================================================
    KEP column               indicator            why
    ======================== ==================== ================================================================
    CPI_rog                  cpi                  December on December of the previous year (KEP annual CPI;
                                                  1999 136.5, 2014 111.4, 2015 112.9 are the Dec/Dec figures)
    GDP_bln_rub              gdp_bln_rub          GDP at current prices, bln RUB
    FXUSD_rub                fx_usd_eop           END-of-year official rate (2014: 56.26 on 31.12.2014), not
                                                  an annual average
    EXPORT_GOODS_bln_usd     exports_usd          bln USD × 1000 → mln USD
    IMPORT_GOODS_bln_usd     imports_usd          bln USD × 1000 → mln USD
    WAGE_NOMINAL_rub         wage_nominal         average monthly nominal accrued wage, RUB
    ======================== ==================== ================================================================

    ``UNEMPL_mln`` is the number of unemployed in millions (9.4 in 1999, 4.0 in 2017), not a rate: it is **not**
    mapped to ``unemployment_rate``. It and the other columns (volume indices, CPI components, ...) have no
    catalog indicator of the same meaning and are listed in one warning.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, head_bytes, parse_number, read_text
from regint.data.schema import make_observations, validate_observations
from regint.errors import DataError, LoaderError

FORMAT_WAGES = "rosstat_wages_json"
FORMAT_KEP = "rosstat_kep"
SOURCE_WAGES = "rosstat_wages_2024"
SOURCE_KEP = "rosstat_kep"
#: Rosstat short names that the region catalog does not know (none in the 2025 file; kept for other vintages).
WAGE_NAME_ALIASES: dict[str, str] = {
    "Еврейская авт.область": "RU-YEV",
    "г.Санкт-Петербург": "RU-SPE",
    "г.Москва": "RU-MOW",
    "г.Севастополь": "UA-40",
}


# --------------------------------------------------------------------------------------------- wages JSON


def sniff_wages(path: Path) -> bool:
    """True for a JSON file with ``years.<YYYY>.regions`` (the rosstat-wages extraction)."""
    if path.suffix.lower() != ".json":
        return False
    head = head_bytes(path, 2000).decode("utf-8", errors="replace")
    return '"years"' in head and '"regions"' in head


def _wage_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise LoaderError(f"not valid JSON ({exc.msg} at line {exc.lineno}).", path=path, row=exc.lineno,
                          fix="give the unchanged rosstat-wages.json.") from exc
    years = data.get("years") if isinstance(data, dict) else None
    if not isinstance(years, dict) or not years:
        raise LoaderError("no 'years' object.", path=path, fix="give the unchanged rosstat-wages.json.")
    return years


def _wage_code(name: str) -> str | None:
    return catalogs.resolve_region(name) or WAGE_NAME_ALIASES.get(name.strip())


def load_wages(path: str | Path, **options: object) -> LoadResult:
    """Read ``rosstat-wages.json`` into ``wage_nominal`` (RUB per month) per Russian subject.

    Parameters
    ----------
    path : path-like
        The JSON extraction.
    **options
        None are accepted.
    """
    p = Path(path)
    _no_options(options, p, FORMAT_WAGES)
    found: list[LoadWarning] = []
    records: list[dict] = []
    unknown: list[str] = []
    for year, block in sorted(_wage_json(p).items()):
        if not (isinstance(block, dict) and isinstance(block.get("regions"), dict) and str(year).isdigit()):
            raise LoaderError(f"years.{year} has no 'regions' object.", path=p, column=f"years.{year}",
                              fix="give the unchanged rosstat-wages.json.")
        records += _wage_records(p, str(year), block, unknown)
    if unknown:
        found.append(LoadWarning(f"{len(unknown)} name(s) not in the region catalog, skipped: "
                                 f"{', '.join(sorted(set(unknown)))}.", path=str(p)))
    return LoadResult(_validated(records, p), FORMAT_WAGES, p, tuple(found))


def _wage_records(path: Path, year: str, block: dict[str, Any], unknown: list[str]) -> list[dict]:
    preliminary = bool(block.get("preliminary"))
    origin = block.get("source", "")
    out = []
    for name, cell in block["regions"].items():
        code = _wage_code(name)
        if code is None:
            unknown.append(f"{name!r} ({year})")
            continue
        value, _ = parse_number(cell, path=path, column=f"years.{year}.regions.{name}")
        if value is None:
            continue
        note = "; ".join(filter(None, ["preliminary" if preliminary else "",
                                        "third-party JSON extraction of the Rosstat table", origin]))
        out.append({"region": code, "indicator": "wage_nominal", "period": year, "value": value,
                    "unit": "RUB per month", "currency": "RUB", "source": SOURCE_WAGES, "status": "secondary",
                    "note": note, "file": path.name, "location": f"years.{year}.regions.{name}"})
    return out


# --------------------------------------------------------------------------------------------- KEP annual


#: KEP column → (indicator, unit, currency, factor).
KEP_COLUMNS: dict[str, tuple[str, str, str, float]] = {
    "CPI_rog": ("cpi", "% (December on December of previous year)", "", 1.0),
    "GDP_bln_rub": ("gdp_bln_rub", "bln RUB", "RUB", 1.0),
    "FXUSD_rub": ("fx_usd_eop", "RUB per USD", "RUB", 1.0),
    "EXPORT_GOODS_bln_usd": ("exports_usd", "mln USD", "USD", 1000.0),
    "IMPORT_GOODS_bln_usd": ("imports_usd", "mln USD", "USD", 1000.0),
    "WAGE_NOMINAL_rub": ("wage_nominal", "RUB per month", "RUB", 1.0),
}
KEP_NOTES = {
    "FXUSD_rub": "end-of-year official rate (not an annual average)",
    "CPI_rog": "December on December of previous year",
}


def _kep_header(path: Path) -> list[str]:
    first = head_bytes(path, 1000).decode("utf-8-sig", errors="replace").splitlines()
    return [c.strip() for c in first[0].split(",")] if first else []


def sniff_kep(path: Path) -> bool:
    """True for mini-kep's annual ``dfa.csv`` (columns start with an empty index and ``year``, no ``qtr``/``month``)."""
    if path.suffix.lower() != ".csv":
        return False
    header = _kep_header(path)
    return header[:2] == ["", "year"] and "qtr" not in header and "month" not in header and any(
        c in header for c in KEP_COLUMNS)


def load_kep(path: str | Path, **options: object) -> LoadResult:
    """Read mini-kep's annual ``dfa.csv`` into national observations for ``RU`` (status ``official``).

    Raises
    ------
    LoaderError
        For the quarterly or monthly file, a missing ``year`` column, or a cell that is not a number.
    """
    p = Path(path)
    _no_options(options, p, FORMAT_KEP)
    found: list[LoadWarning] = []
    reader = csv.DictReader(io.StringIO(read_text(p, found)))
    header = [c.strip() for c in (reader.fieldnames or [])]
    if "qtr" in header or "month" in header:
        raise LoaderError("this is a quarterly or monthly KEP file; only the annual dfa.csv is read.", path=p,
                          row=1, fix="load dfa.csv.")
    if "year" not in header:
        raise LoaderError("no 'year' column.", path=p, row=1, fix="give mini-kep's dfa.csv unchanged.")
    records = []
    for n, row in enumerate(reader, start=2):
        records += _kep_records(p, n, row)
    other = [c for c in header if c and c not in KEP_COLUMNS and c != "year"]
    if other:
        found.append(LoadWarning(
            f"column(s) not loaded, no catalog indicator of the same meaning: {', '.join(other)} "
            "(UNEMPL_mln is the number of unemployed in millions, not a rate).", path=str(p)))
    return LoadResult(_validated(records, p), FORMAT_KEP, p, tuple(found))


def _kep_records(path: Path, n: int, row: dict[str, str]) -> list[dict]:
    year, _ = parse_number(row.get("year"), path=path, row=n, column="year")
    if year is None or not float(year).is_integer():
        raise LoaderError(f"year {row.get('year')!r} is not a year.", path=path, row=n, column="year",
                          fix="give mini-kep's dfa.csv unchanged.")
    out = []
    for column, (indicator, unit, currency, factor) in KEP_COLUMNS.items():
        value, _ = parse_number(row.get(column), path=path, row=n, column=column)
        if value is None:
            continue
        derived = f"{value:g} bln USD × 1000 (unit conversion only)" if factor != 1.0 else ""
        out.append({"region": "RU", "indicator": indicator, "period": str(int(year)), "value": value * factor,
                    "unit": unit, "currency": currency, "source": SOURCE_KEP, "status": "official",
                    "note": f"KEP column {column}" + (f"; {KEP_NOTES[column]}" if column in KEP_NOTES else ""),
                    "file": path.name, "location": f"row {n}, column {column}", "derived_from": derived})
    return out


# --------------------------------------------------------------------------------------------- shared


def _no_options(options: dict[str, object], path: Path, fmt: str) -> None:
    if options:
        raise LoaderError(f"unknown option(s) {sorted(options)} for format {fmt!r}.", path=path,
                          fix="call without options.")


def _validated(records: list[dict], path: Path):  # noqa: ANN202 - a DataFrame
    try:
        return validate_observations(make_observations(records), what=path.name)
    except DataError as exc:
        raise LoaderError(str(exc), path=path, fix="keep one value per region, indicator and year.") from exc


register(FORMAT_WAGES, "Rosstat average monthly wage by subject 2024-2025 (rosstat-wages.json extraction)",
         sniff_wages, load_wages)
register(FORMAT_KEP, "Rosstat short-term indicators (KEP), mini-kep annual dfa.csv", sniff_kep, load_kep)
