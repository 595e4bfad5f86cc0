"""The tidy CSV/XLSX template (format ``tidy``): the route for any figure a user has.

One row per figure; columns (case-insensitive; Russian headers accepted, see :data:`HEADER_ALIASES`):

========== ======== ==================================================================================
column     required meaning
========== ======== ==================================================================================
region     yes      code (``RU-SMO``, ``BY-VI``, ``RU``, ``BY``, alpha-3 ``RUS``) or a name (Russian or English)
indicator  yes      code from the indicator catalog (``exports_usd``, ``wage_nominal``, ...)
period     yes      ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM/YYYY-MM``
value      yes      number; decimal comma or point; ``…``, ``...``, ``-``, ``x`` mean "no figure"
unit       no       as printed (``mln USD``); empty → the catalog unit
currency   no       ``RUB``, ``BYN``, ``BYR`` (old Belarusian roubles), ``USD``, ``EUR``, ``INTD``
source     yes      id of the source (``belstat``, ``rosstat``, ``press``, ...)
status     no       ``official``, ``secondary``, ``derived``, ``estimate``; empty → ``secondary``
note       no       free text: caveats, footnotes
price_basis, vintage, location   optional
========== ======== ==================================================================================

Checks (each failure is a :class:`~regint.errors.LoaderError` naming file, sheet, row and column, with the fix):
unknown region or indicator; a period that is not a period; duplicate (region, indicator, period, source);
a negative value for a trade indicator (``exports_*``, ``imports_*``, ``trade_*``); and the old-rouble rule:

    currency ``BYN``, period starting before ``2016-07`` and value ≥ 10,000 for ``wage_nominal`` or a per-capita
    indicator (code containing ``per_capita``) → "looks like old Belarusian roubles (BYR) labelled BYN".

A Belarusian wage or per-capita income never reached 10,000 new roubles before the redenomination of
1 July 2016 (10,000 BYR = 1 BYN), while in old roubles it was always above that.

CSV: UTF-8 (with or without BOM) or cp1251 (with a warning); ``;``, ``,`` or tab separators; lines starting
with ``#`` before the header are comments. XLSX: the sheet ``data`` (else the first sheet); the header is the
first row (of the first ten) that names ``region`` and ``value``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from regint._options import check_option
from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, ensure_nonempty, parse_number, read_text
from regint.data.schema import PERIOD_RE, STATUSES, make_observations
from regint.errors import CatalogError, LoaderError

FORMAT = "tidy"
COLUMNS = ("region", "indicator", "period", "value", "unit", "currency", "source", "status", "note")
OPTIONAL_COLUMNS = ("price_basis", "vintage", "location")
REQUIRED_COLUMNS = ("region", "indicator", "period", "value", "source")
CURRENCIES = ("RUB", "BYN", "BYR", "USD", "EUR", "INTD")
HEADER_ALIASES = {
    "регион": "region", "территория": "region", "показатель": "indicator", "период": "period",
    "значение": "value", "единица": "unit", "единица измерения": "unit", "валюта": "currency",
    "источник": "source", "статус": "status", "примечание": "note", "базис цен": "price_basis",
    "версия": "vintage", "место": "location",
}
#: The old-rouble rule: BYN values at or above this, before the redenomination, look like BYR.
BYR_THRESHOLD = 10_000.0
REDENOMINATION = "2016-07"
_TRADE = re.compile(r"^(exports|imports|trade)_")
_SEPARATORS = (";", ",", "\t")
_EXAMPLES: tuple[dict[str, str], ...] = (
    {"region": "BY-VI", "indicator": "exports_usd", "period": "2015", "value": "2976.3", "unit": "mln USD",
     "currency": "USD", "source": "belstat_stranoved", "status": "secondary",
     "note": "opendataby stranoved data.json, Vitebsk oblast"},
    {"region": "Витебская область", "indicator": "wage_nominal", "period": "2015", "value": "580.53",
     "unit": "BYN per month", "currency": "BYN", "source": "belstat_stranoved", "status": "secondary",
     "note": "old BYR figure restated in new BYN (÷10,000) by the compiler"},
    {"region": "BY-VI", "indicator": "population", "period": "2016", "value": "1190784", "unit": "persons",
     "currency": "", "source": "belstat_stranoved", "status": "secondary", "note": ""},
)
_DOCS: tuple[tuple[str, str], ...] = (
    ("region", "required: code (RU-SMO, BY-VI, RU, BY; alpha-3 RUS for world data) or a region name"),
    ("indicator", "required: code from the indicator catalog (regint data list)"),
    ("period", "required: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM/YYYY-MM (cumulative, e.g. 2017-01/2017-04)"),
    ("value", "required: number, decimal comma or point; ... or - or x for no figure"),
    ("unit", "optional: unit as printed (mln USD); empty = catalog unit"),
    ("currency", "optional: RUB, BYN, BYR (old Belarusian roubles before 1 July 2016), USD, EUR, INTD"),
    ("source", "required: source id (belstat, rosstat, press, ...)"),
    ("status", "optional: official, secondary, derived or estimate (empty = secondary)"),
    ("note", "optional: caveats and footnotes"),
    ("price_basis", "optional: current, constant 2015, PPP"),
    ("vintage", "optional: publication date YYYY-MM-DD"),
    ("location", "optional: where the figure is in its source (table, page)"),
)


# --- detection -----------------------------------------------------------------------------------------


def _canonical(name: object) -> str:
    text = re.sub(r"\s+", " ", str(name if name is not None else "")).strip().lower().lstrip("\ufeff")
    return HEADER_ALIASES.get(text, text)


def _is_header(cells: list[object]) -> bool:
    """A header row names ``region`` and at least two of ``indicator``, ``period``, ``value``."""
    names = {_canonical(c) for c in cells}
    return "region" in names and len(names & {"indicator", "period", "value"}) >= 2


def sniff(path: Path) -> bool:
    """True for a CSV or XLSX file whose header names the template's columns."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        text = read_text(path)
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        return bool(lines) and _is_header(re.split(r"[;,\t]", lines[0]))
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb["data"] if "data" in wb.sheetnames else wb.worksheets[0]
            return any(_is_header(list(r)) for r in ws.iter_rows(max_row=10, values_only=True))
        finally:
            wb.close()
    return False


# --- reading -------------------------------------------------------------------------------------------


def _read_csv(path: Path, warnings: list[LoadWarning]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = read_text(path, warnings)
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if start is None:
        raise LoaderError("the file has no header row.", path=path,
                          fix="start the file with the header region;indicator;period;value;unit;...;source.")
    header_line = lines[start]
    sep = max(_SEPARATORS, key=header_line.count)
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=sep)
    records = list(reader)
    header = records[0]
    body = [(start + 1 + i + 1, rec) for i, rec in enumerate(records[1:])]
    return header, body


def _open_sheet(path: Path, sheet: str | None) -> Any:
    wb = openpyxl.load_workbook(path, data_only=True)
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise LoaderError(f"the workbook has no sheet {sheet!r}.", path=path, sheet=sheet,
                              fix=f"pass sheet= one of {wb.sheetnames}.")
        return wb[sheet]
    return wb["data"] if "data" in wb.sheetnames else wb.worksheets[0]


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    ws = _open_sheet(path, sheet)
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header_row = next((i for i, r in enumerate(rows[:10]) if _is_header(r)), None)
    if header_row is None:
        raise LoaderError("no header row naming region, indicator, period and value in the first ten rows.",
                          path=path, sheet=ws.title,
                          fix="put one header row with the column names of the template (see docs/template.md).")
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= header_row + 1 <= rng.max_row:
            raise LoaderError(
                f"the header row has merged cells ({rng.coord}).", path=path, sheet=ws.title,
                row=header_row + 1, column=get_column_letter(rng.min_col),
                fix="unmerge them: one header row with one column name per cell.",
            )
    header = ["" if c is None else str(c) for c in rows[header_row]]
    body = [(header_row + 2 + i, [_cell_text(c) for c in r]) for i, r in enumerate(rows[header_row + 1:])]
    return header, body, ws.title


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return repr(cell)
    if hasattr(cell, "year") and hasattr(cell, "month"):
        return f"{cell.year:04d}-{cell.month:02d}"
    return str(cell)


def _column_index(header: list[str], path: Path, sheet: str | None) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _canonical(name)
        if key in COLUMNS + OPTIONAL_COLUMNS and key not in index:
            index[key] = i
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        raise LoaderError(f"missing column(s) {missing}.", path=path, sheet=sheet, row=1,
                          fix=f"the header needs {list(REQUIRED_COLUMNS)}; see docs/template.md.")
    return index


# --- checks of one row ---------------------------------------------------------------------------------


class _Row:
    """One template row with its location, for messages."""

    def __init__(self, cells: list[str], index: dict[str, int], number: int, path: Path, sheet: str | None):
        self.cells, self.index, self.number, self.path, self.sheet = cells, index, number, path, sheet

    def get(self, column: str) -> str:
        i = self.index.get(column)
        if i is None or i >= len(self.cells):
            return ""
        return str(self.cells[i]).strip()

    def error(self, column: str, problem: str, fix: str) -> LoaderError:
        return LoaderError(problem, path=self.path, sheet=self.sheet, row=self.number, column=column, fix=fix)


def _region(row: _Row) -> str:
    text = row.get("region")
    code = catalogs.resolve_region(text) if text else None
    if code is None and re.fullmatch(r"[A-Z]{3}", text):
        return text
    if code is None:
        raise row.error("region", f"unknown region {text!r}.",
                        "write a catalog code such as RU-SMO, BY-VI, RU or BY (list: `regint data regions`), "
                        "or the region's name as in the catalog.")
    return code


def _indicator(row: _Row) -> tuple[str, pd.Series]:
    code = row.get("indicator")
    try:
        return code, catalogs.indicator_info(code)
    except CatalogError:
        raise row.error("indicator", f"unknown indicator {code!r}.",
                        "use a code from the indicator catalog (`regint data list`), e.g. exports_usd.") from None


def _period(row: _Row) -> str:
    text = row.get("period")
    if re.fullmatch(r"\d{4}\.0", text):
        text = text[:4]
    if not PERIOD_RE.match(text):
        raise row.error("period", f"{text!r} is not a period.", "write YYYY, YYYY-Qn, YYYY-MM or YYYY-MM/YYYY-MM.")
    return text


def _currency(row: _Row) -> str:
    text = row.get("currency").upper()
    if text and text not in CURRENCIES:
        raise row.error("currency", f"unknown currency {text!r}.", f"use one of {list(CURRENCIES)} or leave empty.")
    return text


def _status(row: _Row) -> str:
    text = row.get("status").lower() or "secondary"
    if text not in STATUSES:
        raise row.error("status", f"{text!r} is not a status.", f"use one of {list(STATUSES)}.")
    return text


def check_value(row: _Row, indicator: str, period: str, currency: str, value: float) -> None:
    """Raise for a negative trade value and for old roubles labelled BYN (the documented rule)."""
    if value < 0 and _TRADE.match(indicator):
        raise row.error("value", f"negative value {value:g} for the trade indicator {indicator!r}.",
                        "trade flows are non-negative; a balance belongs in its own indicator, or fix the sign.")
    per_capita = indicator.startswith("wage_nominal") or "per_capita" in indicator
    if currency == "BYN" and period[:7] < REDENOMINATION and per_capita and value >= BYR_THRESHOLD:
        raise row.error(
            "value",
            f"{value:g} BYN for {indicator} in {period} looks like old Belarusian roubles (BYR) labelled BYN.",
            "divide by 10,000 or label the currency BYR.",
        )


def _observation(row: _Row, warnings: list[LoadWarning]) -> dict[str, Any] | None:
    region = _region(row)
    indicator, info = _indicator(row)
    period = _period(row)
    value, mark = parse_number(row.get("value"), path=row.path, sheet=row.sheet, row=row.number, column="value")
    if value is None:
        return None
    currency = _currency(row)
    check_value(row, indicator, period, currency, value)
    if mark:
        warnings.append(LoadWarning(f"value {row.get('value')!r} carries a {mark}; check what it says.",
                                    path=str(row.path), sheet=row.sheet, row=row.number, column="value"))
    note = "; ".join(x for x in (row.get("note"), mark) if x)
    return {
        "region": region, "indicator": indicator, "period": period, "value": value,
        "unit": row.get("unit") or str(info["unit"]), "currency": currency, "source": row.get("source"),
        "status": _status(row), "note": note, "price_basis": row.get("price_basis"),
        "vintage": row.get("vintage"), "location": row.get("location") or f"row {row.number}",
        "_row": row.number,
    }


# --- load ----------------------------------------------------------------------------------------------


def load(path: str | Path, *, sheet: str | None = None, source: str | None = None) -> LoadResult:
    """Read a tidy template (CSV or XLSX) into observations.

    Parameters
    ----------
    path : path-like
        ``.csv`` (also ``.txt``/``.tsv``) or ``.xlsx``.
    sheet : str, optional
        XLSX sheet; default ``data`` or the first sheet.
    source : str, optional
        Source id for rows whose ``source`` cell is empty.

    Returns
    -------
    LoadResult
    """
    p = Path(path)
    ensure_nonempty(p)
    warnings: list[LoadWarning] = []
    suffix = p.suffix.lower()
    if suffix not in {".csv", ".txt", ".tsv", ".xlsx"}:
        raise LoaderError(f"the tidy template is read from CSV or XLSX, not {suffix or 'a file without suffix'}.",
                          path=p, fix="save the table as .csv (UTF-8) or .xlsx.")
    if suffix == ".xlsx":
        header, body, sheet_name = _read_xlsx(p, sheet)
    else:
        (header, body), sheet_name = _read_csv(p, warnings), None
    index = _column_index(header, p, sheet_name)
    rows, skipped = [], []
    for number, cells in body:
        if not any(str(c).strip() for c in cells):
            continue
        if source and not _Row(cells, index, number, p, sheet_name).get("source"):
            cells = _with_source(cells, index, source)
        row = _Row(cells, index, number, p, sheet_name)
        if not row.get("source"):
            raise row.error("source", "empty source.", "write the source id in every row, or pass source=...")
        obs = _observation(row, warnings)
        if obs is None:
            skipped.append(number)
        else:
            rows.append(obs)
    _finish_checks(rows, skipped, p, sheet_name, warnings)
    frame = make_observations([{k: v for k, v in r.items() if k != "_row"} for r in rows], file=p.name)
    return LoadResult(frame, FORMAT, p, tuple(warnings))


def _with_source(cells: list[str], index: dict[str, int], source: str) -> list[str]:
    out = list(cells) + [""] * max(0, index["source"] + 1 - len(cells))
    out[index["source"]] = source
    return out


def _finish_checks(rows: list[dict[str, Any]], skipped: list[int], path: Path, sheet: str | None,
                   warnings: list[LoadWarning]) -> None:
    if skipped:
        warnings.append(LoadWarning(
            f"{len(skipped)} row(s) hold no figure ('…', '-', 'x' or empty value) and were skipped: rows "
            f"{', '.join(map(str, skipped[:10]))}.", path=str(path), sheet=sheet,
        ))
    if not rows:
        raise LoaderError("the file has no data rows with a value.", path=path, sheet=sheet,
                          fix="add one row per figure under the header (see docs/template.md).")
    seen: dict[tuple[str, ...], int] = {}
    for r in rows:
        key = (r["region"], r["indicator"], r["period"], r["source"])
        if key in seen:
            raise LoaderError(
                f"duplicate key (region, indicator, period, source) = {key} in rows {seen[key]} and {r['_row']}.",
                path=path, sheet=sheet, row=r["_row"], column="region",
                fix="keep one value per key, or give the rows different sources.",
            )
        seen[key] = r["_row"]
    monetary = [r["_row"] for r in rows if not r["currency"]
                and str(catalogs.indicator_info(r["indicator"])["monetary"]).lower() == "true"]
    if monetary:
        warnings.append(LoadWarning(
            f"{len(monetary)} monetary row(s) have no currency (rows {', '.join(map(str, monetary[:10]))}).",
            path=str(path), sheet=sheet, column="currency",
        ))


# --- writing the template ------------------------------------------------------------------------------


def write_template(path: str | Path) -> Path:
    """Write an example tidy template: ``.csv`` (documentation as ``#`` comments) or ``.xlsx`` (sheets
    ``data`` and ``columns``).

    Parameters
    ----------
    path : path-like
        Target file; its suffix chooses the format.

    Returns
    -------
    Path
        The file written.
    """
    p = Path(path)
    suffix = check_option("template suffix", p.suffix.lower(), (".csv", ".xlsx"))
    columns = list(COLUMNS)
    if suffix == ".csv":
        _write_csv_template(p, columns)
    else:
        _write_xlsx_template(p, columns)
    return p


def _write_csv_template(path: Path, columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# regint tidy template: one row per figure. Lines starting with # are comments.\n")
        for name, doc in _DOCS:
            fh.write(f"# {name}: {doc}\n")
        writer = csv.writer(fh, delimiter=";", lineterminator="\n")
        writer.writerow(columns)
        for ex in _EXAMPLES:
            writer.writerow([ex.get(c, "") for c in columns])


def _write_xlsx_template(path: Path, columns: list[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(columns)
    for ex in _EXAMPLES:
        ws.append([_xlsx_value(c, ex.get(c, "")) for c in columns])
    doc = wb.create_sheet("columns")
    doc.append(["column", "meaning"])
    for name, text in _DOCS:
        doc.append([name, text])
    wb.save(path)


def _xlsx_value(column: str, text: str) -> object:
    return float(text) if column == "value" else text


register(FORMAT, "tidy CSV/XLSX template (region, indicator, period, value, ...)", sniff, load)
