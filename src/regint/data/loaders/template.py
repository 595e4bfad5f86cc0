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

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from regint._options import check_option
from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, ensure_nonempty, parse_number, read_text
from regint.data.schema import KEY, PERIOD_RE, STATUSES, make_observations
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
#: A value the row-wise reading would take as it stands (no decimal comma, spaces, marks or placeholders).
_PLAIN_NUMBER = r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?"
_HEAD_BYTES = 1 << 16
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


def _head_text(path: Path) -> str:
    """The beginning of a text file, decoded as :func:`~regint.data.loaders.base.read_text` decodes the whole
    (for recognising a large file without reading it)."""
    ensure_nonempty(path)
    with open(path, "rb") as fh:
        raw = fh.read(_HEAD_BYTES)
    if len(raw) < _HEAD_BYTES:
        return read_text(path)
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3:  # a character cut at the end of the head
            return raw[: exc.start].decode("utf-8", errors="replace")
        return raw.decode("cp1251", errors="replace")


def sniff(path: Path) -> bool:
    """True for a CSV or XLSX file whose header names the template's columns."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        text = _head_text(path)
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
    skipped = _Skipped()
    rows = _block_frame(body, index, p, sheet_name, source, warnings, skipped)
    skipped.warn(p, sheet_name, warnings)
    if rows.empty:
        raise _no_rows(p, sheet_name)
    duplicate = _duplicate_error(rows, p, sheet_name)
    if duplicate is not None:
        raise duplicate
    monetary = _Monetary()
    monetary.add(rows)
    monetary.warn(p, sheet_name, warnings)
    frame = make_observations(rows.drop(columns="_row"), file=p.name)
    return LoadResult(frame, FORMAT, p, tuple(warnings))


def _with_source(cells: list[str], index: dict[str, int], source: str) -> list[str]:
    out = list(cells) + [""] * max(0, index["source"] + 1 - len(cells))
    out[index["source"]] = source
    return out


# --- checks of many rows at once -----------------------------------------------------------------------


def _region_code(text: str) -> str | None:
    code = catalogs.resolve_region(text) if text else None
    if code is None and re.fullmatch(r"[A-Z]{3}", text):
        return text
    return code


def _indicator_unit(code: str) -> str | None:
    try:
        return str(catalogs.indicator_info(code)["unit"])
    except CatalogError:
        return None


def _block_frame(body: Iterable[tuple[int, list[str]]], index: dict[str, int], path: Path, sheet: str | None,
                 source: str | None, warnings: list[LoadWarning], skipped: _Skipped) -> pd.DataFrame:
    """The observations of a block of template rows, with their row numbers in ``_row``, in row order.

    The rows that pass every check of :func:`_observation` with a plain number are read column by column;
    every other row (an error, a placeholder, a footnote mark, a number with a decimal comma) goes through
    :func:`_observation` one by one, in row order, so that the first bad row raises the same error as before.
    Blank rows are left out; rows without a figure are counted in ``skipped``.
    """
    numbers: list[int] = []
    records: list[list[str]] = []
    for number, cells in body:
        if any(str(c).strip() for c in cells):
            numbers.append(number)
            records.append(cells)
    n = len(records)

    def column(name: str) -> pd.Series:
        i = index.get(name)
        if i is None:
            return pd.Series([""] * n, dtype="str")
        return pd.Series([str(r[i]).strip() if i < len(r) else "" for r in records], dtype="str")

    cols = {c: column(c) for c in (*COLUMNS, *OPTIONAL_COLUMNS)}
    src = cols["source"]
    if source:
        src = src.where(src != "", source)
    region = cols["region"].map({t: _region_code(t) for t in cols["region"].unique()})
    indicator = cols["indicator"]
    units = indicator.map({c: _indicator_unit(c) for c in indicator.unique()})
    period = cols["period"]
    period = period.where(~period.str.fullmatch(r"\d{4}\.0"), period.str.slice(0, 4))
    plain = cols["value"].str.fullmatch(_PLAIN_NUMBER)
    value = pd.Series([float(t) if ok else np.nan for t, ok in zip(cols["value"], plain, strict=True)],
                      dtype="float64")
    currency = cols["currency"].str.upper()
    status = cols["status"].str.lower().replace("", "secondary")
    per_capita = indicator.str.startswith("wage_nominal") | indicator.str.contains("per_capita", regex=False)
    bad_value = ((value < 0) & indicator.str.match(_TRADE.pattern)) | (
        (currency == "BYN") & (period.str.slice(0, 7) < REDENOMINATION) & per_capita & (value >= BYR_THRESHOLD))
    fast = ((src != "") & region.notna() & units.notna() & period.str.match(PERIOD_RE.pattern) & plain
            & (currency.isin(CURRENCIES) | (currency == "")) & status.isin(STATUSES) & ~bad_value).to_numpy(bool)
    row_no = pd.Series(numbers, dtype="int64")
    frame = pd.DataFrame({
        "region": region, "indicator": indicator, "period": period, "value": value,
        "unit": cols["unit"].where(cols["unit"] != "", units), "currency": currency, "source": src,
        "status": status, "note": cols["note"], "price_basis": cols["price_basis"], "vintage": cols["vintage"],
        "location": cols["location"].where(cols["location"] != "", "row " + row_no.astype("str")),
        "_row": row_no,
    })[fast]
    slow: list[dict[str, Any]] = []
    for pos in np.flatnonzero(~fast):
        cells, number = records[pos], numbers[pos]
        if source and not _Row(cells, index, number, path, sheet).get("source"):
            cells = _with_source(cells, index, source)
        row = _Row(cells, index, number, path, sheet)
        if not row.get("source"):
            raise row.error("source", "empty source.", "write the source id in every row, or pass source=...")
        obs = _observation(row, warnings)
        if obs is None:
            skipped.add(number)
        else:
            slow.append(obs)
    if slow:
        frame = pd.concat([frame, pd.DataFrame(slow)[list(frame.columns)]], ignore_index=True)
        frame = frame.sort_values("_row", kind="stable")
    return frame.reset_index(drop=True)


class _Skipped:
    """Rows that hold no figure: the first ten named, all counted."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.count = 0

    def add(self, number: int) -> None:
        self.count += 1
        if len(self.first) < 10:
            self.first.append(number)

    def warn(self, path: Path, sheet: str | None, warnings: list[LoadWarning]) -> None:
        if self.count:
            warnings.append(LoadWarning(
                f"{self.count} row(s) hold no figure ('…', '-', 'x' or empty value) and were skipped: rows "
                f"{', '.join(map(str, self.first))}.", path=str(path), sheet=sheet,
            ))


class _Monetary:
    """Monetary rows without a currency: the first ten named, all counted."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.count = 0

    def add(self, rows: pd.DataFrame) -> None:
        indicators = rows["indicator"].unique()
        monetary = {c: str(catalogs.indicator_info(c)["monetary"]).lower() == "true" for c in indicators}
        hit = rows.loc[(rows["currency"] == "") & rows["indicator"].map(monetary).astype(bool), "_row"]
        self.count += len(hit)
        self.first += [int(r) for r in hit.iloc[: max(0, 10 - len(self.first))]]

    def warn(self, path: Path, sheet: str | None, warnings: list[LoadWarning]) -> None:
        if self.count:
            warnings.append(LoadWarning(
                f"{self.count} monetary row(s) have no currency (rows {', '.join(map(str, self.first))}).",
                path=str(path), sheet=sheet, column="currency",
            ))


def _no_rows(path: Path, sheet: str | None) -> LoaderError:
    return LoaderError("the file has no data rows with a value.", path=path, sheet=sheet,
                       fix="add one row per figure under the header (see docs/template.md).")


def _duplicate_message(key: tuple[str, ...], first: int, again: int, path: Path, sheet: str | None) -> LoaderError:
    return LoaderError(
        f"duplicate key (region, indicator, period, source) = {key} in rows {first} and {again}.",
        path=path, sheet=sheet, row=again, column="region",
        fix="keep one value per key, or give the rows different sources.",
    )


def _duplicate_error(rows: pd.DataFrame, path: Path, sheet: str | None) -> LoaderError | None:
    """The error for the first row (in row order) whose key an earlier row has, or ``None``."""
    again = rows.duplicated(list(KEY), keep="first")
    if not again.any():
        return None
    second = rows.loc[again.idxmax()]
    key = tuple(str(second[c]) for c in KEY)
    same = (rows[list(KEY)] == pd.Series(key, index=list(KEY))).all(axis=1)
    return _duplicate_message(key, int(rows.loc[same, "_row"].iloc[0]), int(second["_row"]), path, sheet)


# --- a large CSV, block by block -----------------------------------------------------------------------

#: Rows per block when a large tidy CSV is imported block by block.
DEFAULT_CHUNK_ROWS = 50_000


def _text_encoding(path: Path) -> tuple[str, bool]:
    """The encoding :func:`~regint.data.loaders.base.read_text` would choose, found by streaming the file:
    ``(encoding, whether it fell back to cp1251)``."""
    with open(path, "rb") as fh:
        bom = fh.read(3) == b"\xef\xbb\xbf"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if bom:
                raise LoaderError("the file starts as UTF-8 (with a byte order mark) but is not valid UTF-8.",
                                  path=path, fix="save it again as UTF-8 CSV.") from None
            return "cp1251", True
    return ("utf-8-sig" if bom else "utf-8"), False


class TidyCsvStream:
    """A tidy CSV read block by block (``chunk_rows`` rows at a time), never held whole in memory.

    Each block is checked as :func:`load` checks a whole file (same messages, naming the file, row and column)
    and converted to the catalog's units (:func:`regint.data.units.conform_units`). What needs the whole file
    is done at the end or by the store: the warnings about skipped rows and missing currencies
    (:attr:`warnings`, complete once :meth:`blocks` is exhausted), "no data rows", and duplicate keys
    (the store finds them among the rows it wrote; :meth:`duplicate_error` then names the rows).
    """

    format = FORMAT

    def __init__(self, path: str | Path, *, chunk_rows: int = DEFAULT_CHUNK_ROWS, source: str | None = None,
                 sheet: str | None = None) -> None:
        p = Path(path)
        ensure_nonempty(p)
        if p.suffix.lower() not in {".csv", ".txt", ".tsv"}:
            raise LoaderError(f"a tidy table is read block by block from CSV only, not {p.suffix or 'a file'}.",
                              path=p, fix="save the table as .csv (UTF-8), or import it whole.")
        if int(chunk_rows) < 1:
            raise ValueError(f"chunk_rows must be at least 1, not {chunk_rows}")
        del sheet  # a CSV has no sheets (accepted as load() accepts it)
        self.path, self.chunk_rows, self.source = p, int(chunk_rows), source
        self.encoding, self._cp1251 = _text_encoding(p)
        self.warnings: list[LoadWarning] = []
        self.rows = 0

    def _records(self) -> tuple[Any, list[str], Iterator[tuple[int, list[str]]]]:
        fh = open(self.path, encoding=self.encoding, newline=None)  # noqa: SIM115 - closed by the caller
        start = 0
        for line in fh:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            start += 1
        else:
            fh.close()
            raise LoaderError("the file has no header row.", path=self.path,
                              fix="start the file with the header region;indicator;period;value;unit;...;source.")
        header_line = line.rstrip("\n")
        sep = max(_SEPARATORS, key=header_line.count)
        reader = csv.reader(itertools.chain([header_line], fh), delimiter=sep)
        header = next(reader)
        return fh, header, ((start + 2 + i, rec) for i, rec in enumerate(reader))

    def _raw_blocks(self, warnings: list[LoadWarning], skipped: _Skipped) -> Iterator[pd.DataFrame]:
        fh, header, records = self._records()
        with fh:
            index = _column_index(header, self.path, None)
            while block := list(itertools.islice(records, self.chunk_rows)):
                yield _block_frame(block, index, self.path, None, self.source, warnings, skipped)

    def blocks(self) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
        """Blocks of observations (schema columns, catalog units) with the file row of each observation."""
        from regint.data.units import conform_units

        warnings: list[LoadWarning] = []
        if self._cp1251:
            warnings.append(LoadWarning("decoded as cp1251 (Windows Cyrillic), not UTF-8; check the names.",
                                        path=str(self.path)))
        skipped, monetary = _Skipped(), _Monetary()
        self.rows = 0
        for rows in self._raw_blocks(warnings, skipped):
            if rows.empty:
                continue
            monetary.add(rows)
            obs = conform_units(make_observations(rows.drop(columns="_row"), file=self.path.name), path=self.path)
            self.rows += len(obs)
            yield obs, rows["_row"].to_numpy()
        skipped.warn(self.path, None, warnings)
        if self.rows == 0:
            raise _no_rows(self.path, None)
        monetary.warn(self.path, None, warnings)
        self.warnings = warnings

    def duplicate_error(self, keys: Iterable[tuple[str, ...]]) -> LoaderError:
        """The error :func:`load` gives for a file whose duplicate keys are among ``keys`` (read again)."""
        wanted = {tuple(str(v) for v in k) for k in keys}
        seen: dict[tuple[str, ...], int] = {}
        for rows in self._raw_blocks([], _Skipped()):
            hit = rows[pd.MultiIndex.from_frame(rows[list(KEY)]).isin(list(wanted))]
            for *key_values, number in hit[[*KEY, "_row"]].itertuples(index=False, name=None):
                key = tuple(str(v) for v in key_values)
                if key in seen:
                    return _duplicate_message(key, seen[key], int(number), self.path, None)
                seen[key] = int(number)
        raise AssertionError(f"{self.path}: duplicate keys {sorted(wanted)[:3]} not found again")  # pragma: no cover


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
