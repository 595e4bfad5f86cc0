"""Rosstat monitoring of the regions under order 806-r (format ``rosstat806``): the .xls/.xlsx tables and csv extracts.

Spreadsheet layout (``../shared/data/sources/rosstat806/xls``, January-2016 issue): the title in A1 with a
footnote digit ("Экспорт 1"; later sheets of a workbook say "продолжение"), the unit line(s) below it
("Всего; млн.долларов США"), a row of years every 4 (or 12) columns ("2009 год", "2012 год 2"), a row of
sub-periods ("I квартал", "I полугодие", "январь-сентябрь", "январь-декабрь" — or months), data from the
next row, "..." / "…" for figures not available, region names with footnote digits ("Российская
Федерация 3"), footnotes under the table ("1 По данным ФТС ..."). The labour-force table has component
headers above the year row instead of sub-periods.

Periods: a cumulative span becomes ``YYYY-01/YYYY-MM`` ("I квартал" → ``YYYY-01/YYYY-03``), January to
December becomes ``YYYY``, a month ``YYYY-MM``, a quarter of a quarterly table ``YYYY-Qn``.

The csv extracts (``csv/*.csv``; github.com/epogrebnyak/data-rosstat-806-regional) are wide monthly tables
``<date>,varname,<one column per region>``; see :data:`CSV_SERIES` for the series read. The Russian
Federation column of ``TRADE_R_VAL_MLN_RUB`` is in bln RUB (the regions in mln RUB), as in the spreadsheets.

Regional trade (exports, imports) excludes trade with Belarus in 2009–2011 (and with Kazakhstan from July
2010) and includes it from 2012: every trade value carries that break in ``note``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from regint._options import check_option
from regint.data.loaders import register
from regint.data.loaders._periods import cumulative_span, month_number
from regint.data.loaders._rosstat_common import (
    UNKNOWN_REGIONS,
    Collector,
    Sheet,
    UnknownRegions,
    cell_notes,
    check_tables,
    column_letter,
    footnote_notes,
    join_notes,
    location,
    parse_footnotes,
    read_workbook,
    select_sheets,
    split_marks,
    squash,
    title_marks,
    trade_break_note,
    year_mark,
)
from regint.data.loaders.base import LoadResult, ensure_nonempty, parse_year, read_text
from regint.errors import LoaderError

FORMAT = "rosstat806"
SOURCE = "rosstat806"
STATUS = "official"
_HEADER_SCAN = 12
_YEAR_WORD = re.compile(r"^\s*(19|20)\d{2}\s*год")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"^(iv|i{1,3})\s*квартал")
_HALF = re.compile(r"^(i{1,2})\s*полугодие")
_ANNUAL = ("год", "за год")
_SAME_PERIOD = "% of the same period of previous year"
_LFS = "labour force survey, ages 15–72"


@dataclass(frozen=True)
class Table806:
    """A known table of the 806-r monitoring.

    Parameters
    ----------
    key : str
        Identifier, usable in the ``tables`` option (``"806:exports_usd"``).
    title : str
        Regular expression searched in the workbook title (lower case, footnote digits removed).
    unit_line : str
        Regular expression searched in the sheet's unit lines (lower case); tells the sheets apart.
    indicator, unit : str
        What every value is; ``""`` for component tables.
    months_from_january : bool
        Single months mean "January to that month" (CPI to December of the previous year).
    components : tuple of (regex, indicator, unit)
        For tables whose header rows above the years name the component of each column.
    title_footnotes : bool
        Whether the title's footnotes apply to every value (not for trade, whose title footnote describes
        only 2009–2011 and is replaced by the explicit series-break note).
    """

    key: str
    title: str
    unit_line: str
    indicator: str
    unit: str
    currency: str = ""
    price_basis: str = ""
    note: str = ""
    months_from_january: bool = False
    components: tuple[tuple[str, str, str], ...] = ()
    title_footnotes: bool = True


def _trade(flow: str, stem: str) -> tuple[Table806, ...]:
    parts = (("всего", "usd"), ("дальнего", "far_usd"), ("снг", "cis_usd"))
    return tuple(
        Table806(f"806:{flow}_{suffix}", rf"^{stem}", rf"{part}.*долл", f"{flow}_{suffix}", "mln USD",
                 currency="USD", price_basis="current", title_footnotes=False,
                 note="FCS customs statistics by the region of the trader")
        for part, suffix in parts
    )


TABLES_806: tuple[Table806, ...] = (
    *_trade("exports", "экспорт"),
    *_trade("imports", "импорт"),
    Table806("806:investment_fixed", r"объем инвестиций в основной капитал", r"млн", "investment_fixed",
             "mln RUB", currency="RUB", price_basis="current", note="all sources of finance"),
    Table806("806:investment_volume_index", r"объем инвестиций в основной капитал",
             r"сопоставимых ценах.*соответствующему периоду", "investment_volume_index", _SAME_PERIOD,
             price_basis="constant"),
    Table806("806:wage_nominal",
             r"^среднемесячная номинальная начисленная заработная плата работников организаций$", r"^рубл",
             "wage_nominal", "RUB per month", currency="RUB", price_basis="current"),
    Table806("806:cpi", r"^индексы потребительских цен на товары и услуги", r"к декабрю предыдущего года",
             "cpi", "% (to December of previous year)", months_from_january=True),
    Table806("806:retail_turnover", r"^оборот розничной торговли$", r"млн", "retail_turnover", "mln RUB",
             currency="RUB", price_basis="current"),
    Table806("806:industrial_production_index", r"^индекс промышленного производства",
             r"к соответствующему периоду предыдущего года", "industrial_production_index", _SAME_PERIOD),
    Table806("806:labour_force", r"численность и состав рабочей силы", r"", "", "", note=_LFS, components=(
        (r"уровень участия", "", ""),
        (r"уровень занятости", "employment_rate", "%"),
        (r"уровень безработицы", "unemployment_rate", "%"),
        (r"^занятые", "employment", "thous. persons"),
        (r"^безработные", "unemployed", "thous. persons"),
        (r"численность рабочей силы", "labour_force", "thous. persons"),
    )),
)
TABLES: Mapping[str, Table806] = {t.key: t for t in TABLES_806}


@dataclass(frozen=True)
class CsvSeries:
    """A series of the csv extracts: indicator, unit, how a month is a period, the unit of the RF column."""

    indicator: str
    unit: str
    mode: str  # "month" | "cumulative"
    currency: str = ""
    price_basis: str = ""
    total_unit: str = ""
    note: str = ""


CSV_SERIES: Mapping[str, CsvSeries] = {
    "CPI_IND_YTD": CsvSeries("cpi", "% (to December of previous year)", "cumulative"),
    "WAGE_VAL_RUB": CsvSeries("wage_nominal", "RUB per month", "month", "RUB", "current"),
    "TRADE_R_VAL_MLN_RUB": CsvSeries("retail_turnover", "mln RUB", "cumulative", "RUB", "current",
                                     total_unit="bln RUB"),
    "PROD_IND_YTD": CsvSeries("industrial_production_index", _SAME_PERIOD, "cumulative"),
}
CSV_NOTE = "806-r monitoring re-exported as csv by github.com/epogrebnyak/data-rosstat-806-regional"


# ------------------------------------------------------------------------------------------------ periods


def month_span(year: int, first: int, last: int) -> str:
    """``YYYY`` for January–December, ``YYYY-MM`` for one month, else ``YYYY-MM/YYYY-MM``."""
    if first == 1 and last == 12:
        return f"{year}"
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def subperiod(year: int, label: str, *, quarterly: bool = False, from_january: bool = False) -> str | None:
    """The period of a sub-period header of ``year``, or ``None`` when the text is not understood.

    Parameters
    ----------
    year : int
        The year of the column group.
    label : str
        "I квартал", "I полугодие", "январь-сентябрь", "январь-декабрь", "год", "март", ...
    quarterly : bool
        The table has quarters side by side (II, III, IV квартал): "I квартал" is ``YYYY-Q1``, not the
        cumulative ``YYYY-01/YYYY-03``.
    from_january : bool
        A single month means January to that month (indices to December of the previous year).
    """
    text = squash(label).lower()
    if text in _ANNUAL:
        return f"{year}"
    q = _QUARTER.match(text)
    if q:
        n = _ROMAN[q.group(1)]
        return f"{year}-Q{n}" if quarterly else month_span(year, 1, 3 * n)
    h = _HALF.match(text)
    if h:
        return month_span(year, 1, 6 * _ROMAN[h.group(1)])
    span = cumulative_span(text)
    if span:
        return month_span(year, *span)
    month = month_number(text)
    if month:
        return month_span(year, 1 if from_january else month, month)
    return None


# ------------------------------------------------------------------------------------------------- header


@dataclass(frozen=True)
class Layout:
    """Where the data of a sheet are: the year row, the sub-period row (or ``None``), the unit lines."""

    year_row: int
    sub_row: int | None
    unit_lines: str
    years: Mapping[int, tuple[int, tuple[str, ...]]]


def find_layout(sheet: Sheet) -> Layout | None:
    """The year row (cells like "2009 год"), the sub-period row below it if any, and the unit lines above."""
    for r in range(min(_HEADER_SCAN, sheet.nrows)):
        cells = {c: sheet.cell(r, c) for c in range(1, sheet.width(r)) if sheet.cell(r, c) is not None}
        if len(cells) < 1 or not all(isinstance(v, str) and _YEAR_WORD.match(v) for v in cells.values()):
            continue
        years = {c: _year(v) for c, v in cells.items()}
        nxt = [sheet.cell(r + 1, c) for c in range(1, sheet.width(r + 1))]
        has_sub = not sheet.text(r + 1, 0) and any(isinstance(v, str) for v in nxt)
        units = " ".join(squash(sheet.text(i, 0)).lower() for i in range(1, r) if sheet.text(i, 0))
        return Layout(r, r + 1 if has_sub else None, units, years)
    return None


def _year(value: object) -> tuple[int, tuple[str, ...]]:
    year, note = parse_year(re.sub(r"\s*год", "", str(value), count=1))
    return int(year or 0), year_mark(note)


def _components(sheet: Sheet, layout: Layout, table: Table806) -> dict[int, tuple[str, str]]:
    """Column → (indicator, unit) from the header rows above the year row.

    Each header row's labels are carried to the right until the next label, and a group started in a row
    above ends the carry of the rows below ("в том числе" → "занятые", "безработные").
    """
    width = max(sheet.width(r) for r in range(layout.year_row + 1))
    labels = [""] * width
    starts_above: set[int] = set()
    for r in range(1, layout.year_row):
        carry, starts = "", set()
        for c in range(1, width):
            if c in starts_above:
                carry = ""
            text = squash(sheet.text(r, c)).lower()
            if text:
                carry = text
                starts.add(c)
            if carry:
                labels[c] = carry
        starts_above |= starts
    out: dict[int, tuple[str, str]] = {}
    for c in layout.years:
        for pattern, indicator, unit in table.components:
            if re.search(pattern, labels[c]):
                if indicator:
                    out[c] = (indicator, unit)
                break
    return out


# ------------------------------------------------------------------------------------------ identification


def _title(sheet: Sheet, book_title: str) -> str:
    own = squash(sheet.text(0, 0))
    return book_title if not own or own.lower().startswith("продолжение") else own


def identify(title: str, layout: Layout, forced: str | None) -> Table806 | str:
    """The table of a sheet, or the reason it is not one this loader knows."""
    if forced is not None:
        return TABLES[forced]
    base = re.sub(r"[\s\d,]+$", "", squash(title)).lower()
    for table in TABLES_806:
        if re.search(table.title, base) and re.search(table.unit_line, layout.unit_lines):
            return table
    return f"the table {title[:70]!r} ({layout.unit_lines[:50]!r}) is not one this loader knows"


# ------------------------------------------------------------------------------------------------ parsing


@dataclass(frozen=True)
class _Column:
    col: int
    year: int
    period: str
    marks: tuple[str, ...]
    indicator: str
    unit: str


def _columns(sheet: Sheet, layout: Layout, table: Table806, path: Path) -> list[_Column]:
    starts = sorted(layout.years)
    if layout.sub_row is None:
        comps = _components(sheet, layout, table) if table.components else {}
        return [_Column(c, y, str(y), m, *comps.get(c, (table.indicator, table.unit)))
                for c, (y, m) in sorted(layout.years.items()) if not table.components or c in comps]
    width = sheet.width(layout.sub_row)
    labels = {c: sheet.text(layout.sub_row, c) for c in range(starts[0], width) if sheet.text(layout.sub_row, c)}
    quarterly = any(re.match(r"^(ii|iii|iv)\s*квартал", squash(t).lower()) for t in labels.values())
    cols = []
    for c, raw in labels.items():
        year, marks = layout.years[max(s for s in starts if s <= c)]
        text, sub_marks = split_marks(squash(raw))
        period = subperiod(year, text, quarterly=quarterly, from_january=table.months_from_january)
        if period is None:
            raise LoaderError(
                f"the sub-period {squash(text)!r} is not understood.", path=path, sheet=sheet.name,
                row=layout.sub_row + 1, column=column_letter(c),
                fix="use I квартал / I полугодие / январь-сентябрь / январь-декабрь or a month name.",
            )
        cols.append(_Column(c, year, period, marks + sub_marks, table.indicator, table.unit))
    return cols


def parse_sheet(sheet: Sheet, layout: Layout, table: Table806, title: str, out: Collector) -> None:
    """Read the values of one identified sheet into ``out``."""
    cols = _columns(sheet, layout, table, out.path)
    first = (layout.sub_row if layout.sub_row is not None else layout.year_row) + 1
    rows = [r for r in range(first, sheet.nrows)
            if sheet.text(r, 0) and any(sheet.cell(r, col.col) is not None for col in cols)]
    if not rows:
        out.warn(f"table {table.key}: no data rows found.", sheet=sheet.name)
        return
    footnotes = parse_footnotes(sheet, rows[-1] + 1)
    own_title = squash(sheet.text(0, 0)) == title  # a "продолжение" sheet: the title's notes are elsewhere
    title_notes = footnote_notes(title_marks(title), footnotes) if table.title_footnotes and own_title else []
    for r in rows:
        label = out.region(sheet.cell(r, 0), sheet.name, r)
        if label is None:
            continue
        for col in cols:
            unit = label.unit or col.unit
            value, cell_note = out.number(sheet.cell(r, col.col), sheet.name, r, col.col,
                                          percent=unit.startswith("%"))
            if value is None:
                continue
            note = join_notes([
                table.note, *title_notes, *footnote_notes(col.marks, footnotes),
                *footnote_notes(label.marks, footnotes), *cell_notes(cell_note, footnotes),
                trade_break_note(col.indicator, col.year),
                f"unit of this row as printed: {unit}" if label.unit else "",
            ])
            out.add(region=label.code, indicator=col.indicator, period=col.period, value=value, unit=unit,
                    currency=table.currency, price_basis=table.price_basis, note=note,
                    location=location(sheet.name, r, col.col))


def load(
    path: str | Path,
    *,
    sheets: Iterable[object] | None = None,
    tables: Mapping[str, str] | None = None,
    source: str | None = None,
    unknown_regions: UnknownRegions = "raise",
) -> LoadResult:
    """Read an 806-r monitoring workbook (.xls/.xlsx) or csv extract into observations.

    Parameters
    ----------
    path : str or Path
        A workbook of ``xls/info_stat_MM_YYYY/**`` or a csv of ``csv/``.
    sheets : list of str, optional
        Read only these sheets.
    tables : dict, optional
        ``{sheet name: table key}`` for a sheet whose title or unit line is not recognised; keys as in
        :data:`TABLES` (``"806:exports_usd"``, ...).
    source : str, optional
        Source id (default ``rosstat806``).
    unknown_regions : {"raise", "skip"}
        An unknown region name is an error (default) or a skipped row reported in the warnings.

    Returns
    -------
    LoadResult
        Observations with status ``official``; warnings for skipped sheets, sub-rows and gaps.

    Raises
    ------
    LoaderError
        Unreadable or truncated file, absent sheet, unknown region, a text where a number must be, a
        sub-period that is not understood, or no known table in the file.
    """
    p = Path(path)
    check_option("unknown_regions", unknown_regions, UNKNOWN_REGIONS)
    if p.suffix.lower() == ".csv":
        return load_csv(p, source=source, unknown_regions=unknown_regions)
    forced = check_tables(tables, TABLES)
    out = Collector(p, FORMAT, unknown_regions)
    everything = read_workbook(p, None)
    chosen = select_sheets(p, [s.name for s in everything], sheets)
    book_title = squash(everything[0].text(0, 0))
    for sheet in (s for s in everything if s.name in chosen):
        layout = find_layout(sheet)
        if layout is None:
            out.warn("no row of years ('2009 год', ...) in the header; skipped.", sheet=sheet.name)
            continue
        title = _title(sheet, book_title)
        table = identify(title, layout, forced.get(sheet.name))
        if isinstance(table, str):
            out.warn(f"{table}; skipped.", sheet=sheet.name)
            continue
        parse_sheet(sheet, layout, table, title, out)
    return out.result({"source": source or SOURCE, "status": STATUS, "file": p.name, "vintage": ""})


# ---------------------------------------------------------------------------------------------------- csv


def load_csv(
    path: str | Path, *, source: str | None = None, unknown_regions: UnknownRegions = "raise"
) -> LoadResult:
    """Read a wide monthly csv extract (``<date>,varname,<regions>``) of a series in :data:`CSV_SERIES`."""
    p = Path(path)
    out = Collector(p, FORMAT, unknown_regions)
    rows = list(csv.reader(io.StringIO(read_text(p, out.warnings))))
    if len(rows) < 2 or len(rows[0]) < 3 or rows[0][1].strip().lower() != "varname":
        raise LoaderError("not an 806-r csv extract: the header must be '<date>,varname,<region>,...'.",
                          path=p, row=1, fix="load the original spreadsheet, or use the tidy template.")
    regions = {c: out.region(name, None, 0, column=column_letter(c)) for c, name in enumerate(rows[0]) if c >= 2}
    unknown: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        series = CSV_SERIES.get(row[1].strip()) if len(row) > 1 else None
        if series is None:
            unknown.add(row[1].strip() if len(row) > 1 else "")
            continue
        period = _csv_period(row[0], series, p, line)
        for c, label in regions.items():
            if label is None:
                continue
            cell = row[c].strip() if c < len(row) else ""
            value, cell_note = out.number(cell or None, None, line - 1, c)
            if value is None:
                continue
            unit = series.total_unit if label.code == "RU" and series.total_unit else series.unit
            out.add(region=label.code, indicator=series.indicator, period=period, value=value, unit=unit,
                    currency=series.currency, price_basis=series.price_basis,
                    note=join_notes([CSV_NOTE, series.note, cell_note]),
                    location=f"{column_letter(c)}{line}")
    if unknown:
        out.warn(f"series not known to this loader, not loaded: {sorted(unknown)}; known: {sorted(CSV_SERIES)}.")
    return out.result({"source": source or SOURCE, "status": STATUS, "file": p.name, "vintage": ""})


def _csv_period(text: str, series: CsvSeries, path: Path, line: int) -> str:
    m = re.match(r"^\s*(\d{4})-(\d{2})(-\d{2})?\s*$", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise LoaderError(f"{text!r} is not a date (YYYY-MM-DD).", path=path, row=line, column="A",
                          fix="write the month as YYYY-MM-01.")
    year, month = int(m.group(1)), int(m.group(2))
    return month_span(year, 1 if series.mode == "cumulative" else month, month)


# ---------------------------------------------------------------------------------------------------- sniff


def sniff(path: Path) -> bool:
    """Whether ``path`` looks like an 806-r workbook (years written "2009 год") or csv extract."""
    suffix = path.suffix.lower()
    ensure_nonempty(path)
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return re.match(r"^[^,]*,varname,", fh.readline()) is not None
    if suffix not in (".xls", ".xlsx", ".xlsm"):
        return False
    first = read_workbook(path, None)[0] if suffix == ".xls" else _first_rows(path)
    return find_layout(first) is not None


def _first_rows(path: Path) -> Sheet:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book.worksheets[0]
        return Sheet(ws.title, tuple(tuple(ws.iter_rows(max_row=_HEADER_SCAN, values_only=True))))
    finally:
        book.close()


register(FORMAT, "Rosstat 806-r regional monitoring (.xls/.xlsx tables, csv extracts)", sniff, load)

__all__ = ["CSV_SERIES", "FORMAT", "TABLES", "find_layout", "load", "load_csv", "month_span", "sniff", "subperiod"]
