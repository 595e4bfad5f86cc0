"""Bank of Russia official USD/RUB rates (daily) → annual and monthly averages (format ``cbr_fx``).

Accepted files
--------------
- ``date,rate`` CSV: ISO dates (``2021-01-01``), US dates (``01/31/2021``, the appraisers' file) or Russian
  dates (``31.01.2021``); rate in roubles per US dollar, decimal point or comma; any row order.
- The CBR "dynamics" Excel export (https://cbr.ru/currency_base/dynamics/): sheet ``RC`` with the header
  ``nominal, data, curs, cdx``; the rate per dollar is ``curs / nominal``; ``cdx`` must name the US dollar.

Averages
--------
The official rate set on a date holds until the next rate is set (weekends, holidays). The average over a
period is the calendar-day mean: every calendar day carries the last rate set on or before it,

.. math:: \\bar e_P = \\frac{1}{|P|} \\sum_{d \\in P} e_{\\tau(d)}, \\qquad \\tau(d) = \\max\\{t \\le d\\},

where :math:`t` runs over the rate dates. The days covered by a file run from its first rate date to its last;
a last rate set on or after 28 December is taken to hold to 31 December (the Bank sets no rate over the New Year
holidays). A year is annual (``YYYY``) only when all its days are covered; an incomplete first or last year
becomes a cumulative period ``YYYY-MM/YYYY-MM`` of its covered months with a note saying where the data stop.
Months (``YYYY-MM``) are given only when complete; an incomplete month is reported as a warning.

This is the method of ``cbr_usd_rub_annual_avg_derived.csv`` (column ``mean_calendar_days``) and of the ruxpert.ru
table of annual averages. The World Bank's PA.NUS.FCRF averages monthly averages and differs by up to about 1 %.

References
----------
Bank of Russia, "Official exchange rates on selected dates / dynamics", currency R01235 (US dollar).
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from regint.data.loaders import register
from regint.data.loaders.base import (
    LoadResult,
    LoadWarning,
    ensure_nonempty,
    head_bytes,
    parse_number,
    read_text,
)
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "cbr_fx"
SOURCE = "cbr_fx"
SHEET = "RC"
XLSX_HEADER = ("nominal", "data", "curs", "cdx")
USD_NAMES = frozenset({"доллар сша", "usd", "us dollar", "r01235"})
#: A last rate set on or after this day of December holds to the end of the year.
YEAR_END_GRACE_DAY = 28
METHOD = ("calendar-day mean of Bank of Russia official USD/RUB rates (R01235): each calendar day carries "
          "the last rate set on or before it")
_DATE_FORMATS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"), "%m/%d/%Y"),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), "%d.%m.%Y"),
)


# --------------------------------------------------------------------------------------------- reading


def sniff(path: Path) -> bool:
    """True for a ``date,rate`` CSV or a CBR dynamics workbook (sheet ``RC``: nominal, data, curs, cdx)."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt"}:
        first = head_bytes(path, 200).decode("utf-8-sig", errors="replace").splitlines()
        return bool(first) and first[0].strip().lower().replace(";", ",") == "date,rate"
    if suffix == ".xlsx":
        return _xlsx_header(path) == XLSX_HEADER
    return False


def _open_workbook(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Workbook contains no default style")
        return openpyxl.load_workbook(path, read_only=True, data_only=True)


def _xlsx_header(path: Path) -> tuple[str, ...] | None:
    wb = _open_workbook(path)
    try:
        if SHEET not in wb.sheetnames:
            return None
        row = next(wb[SHEET].iter_rows(max_row=1, values_only=True), ())
        return tuple(str(c).strip().lower() for c in row[:4] if c is not None)
    finally:
        wb.close()


def daily_rates(path: str | Path) -> pd.Series:
    """The official rates in a file: roubles per US dollar indexed by the date the rate applies to.

    Parameters
    ----------
    path : path-like
        A ``date,rate`` CSV or a CBR dynamics ``.xlsx`` export.

    Returns
    -------
    pandas.Series
        Float rates, ascending unique :class:`~pandas.DatetimeIndex` named ``date``; series name ``rate``.

    Raises
    ------
    LoaderError
        For an unreadable file, a date that is not a date, a rate that is not a positive number, or one date with
        two different rates; the message names the row.
    """
    p = Path(path)
    ensure_nonempty(p)
    if p.suffix.lower() in {".xlsx", ".xlsm"}:
        dates, rates, rows = _read_xlsx(p)
    else:
        dates, rates, rows = _read_csv(p)
    return _series(p, dates, rates, rows)


def _read_csv(path: Path) -> tuple[list[pd.Timestamp], list[float], list[int]]:
    lines = read_text(path).splitlines()
    header = lines[0].strip().lower().replace(";", ",") if lines else ""
    if header != "date,rate":
        raise LoaderError(f"the header is {lines[0]!r}, not 'date,rate'.", path=path, row=1,
                          fix="give a CSV with the two columns date,rate (one official rate per date).")
    sep = ";" if ";" in lines[0] else ","
    cells = [(n, line.split(sep)) for n, line in enumerate(lines[1:], start=2) if line.strip()]
    for n, parts in cells:
        if len(parts) != 2:
            raise LoaderError(f"expected 2 fields (date, rate), found {len(parts)}.", path=path, row=n,
                              fix="one date and one rate per line; write the decimal with a point if ',' separates.")
    rows = [n for n, _ in cells]
    date_text = pd.Series([c[0].strip() for _, c in cells], dtype=str)
    rate_text = pd.Series([c[1].strip() for _, c in cells], dtype=str)
    fmt = _date_format(list(date_text), path)
    dates = pd.to_datetime(date_text, format=fmt, errors="coerce")
    for i in np.flatnonzero(dates.isna().to_numpy())[:1]:
        _parse_date(date_text.iloc[i], fmt, path, rows[i])
    rates = pd.to_numeric(rate_text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(dtype=float, copy=True)
    for i in np.flatnonzero(~(np.isfinite(rates) & (rates > 0))):
        rates[i] = _parse_rate(rate_text.iloc[i], path, rows[i], "rate")  # raises, or reads "1 061,5"
    return list(dates), [float(r) for r in rates], rows


def _date_format(texts: list[str], path: Path) -> str:
    """The one date format of a file's date column (US ``m/d/Y`` unless a day above 12 shows ``d/m/Y``)."""
    sample = next((t for t in texts if t), "")
    for pattern, fmt in _DATE_FORMATS:
        if pattern.match(sample):
            if fmt == "%m/%d/%Y" and any(int(t.split("/")[0]) > 12 for t in texts if pattern.match(t)):
                return "%d/%m/%Y"
            return fmt
    raise LoaderError(f"{sample!r} is not a date in a known format.", path=path, row=2, column="date",
                      fix="write dates as YYYY-MM-DD (or MM/DD/YYYY, DD.MM.YYYY).")


def _parse_date(text: str, fmt: str, path: Path, row: int) -> pd.Timestamp:
    try:
        return pd.Timestamp(pd.to_datetime(text, format=fmt))
    except (ValueError, TypeError) as exc:
        raise LoaderError(f"{text!r} is not a date in the file's format {fmt!r}.", path=path, row=row,
                          column="date", fix="use one date format for the whole column.") from exc


def _parse_rate(cell: object, path: Path, row: int, column: str, *, sheet: str | None = None) -> float:
    value, _ = parse_number(cell, path=path, sheet=sheet, row=row, column=column)
    if value is None or not np.isfinite(value) or value <= 0:
        raise LoaderError(f"the rate {cell!r} is not a positive number.", path=path, sheet=sheet, row=row,
                          column=column, fix="an official rate is a positive number of roubles per dollar; "
                          "delete the row or correct the figure.")
    return value


def _read_xlsx(path: Path) -> tuple[list[pd.Timestamp], list[float], list[int]]:
    try:
        wb = _open_workbook(path)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise LoaderError(f"the workbook cannot be opened ({type(exc).__name__}: {exc}).", path=path,
                          fix="download the export again from cbr.ru; the file is truncated or not .xlsx.") from exc
    try:
        if SHEET not in wb.sheetnames:
            raise LoaderError(f"no sheet {SHEET!r} (sheets: {wb.sheetnames}).", path=path,
                              fix="give the unchanged CBR 'dynamics' export (sheet RC).")
        rows = list(wb[SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    header = tuple(str(c).strip().lower() for c in rows[0][:4] if c is not None) if rows else ()
    if header != XLSX_HEADER:
        raise LoaderError(f"the header is {header}, not {XLSX_HEADER}.", path=path, sheet=SHEET, row=1,
                          fix="give the unchanged CBR 'dynamics' export.")
    dates, rates, numbers = [], [], []
    for n, cells in enumerate(rows[1:], start=2):
        if all(c is None for c in cells[:4]):
            continue
        nominal, day, curs, cdx = (list(cells[:4]) + [None] * 4)[:4]
        if str(cdx).strip().lower() not in USD_NAMES:
            raise LoaderError(f"currency {cdx!r} is not the US dollar.", path=path, sheet=SHEET, row=n,
                              column="cdx", fix="export the dynamics of the US dollar (R01235) only.")
        if not isinstance(day, pd.Timestamp | np.datetime64) and not hasattr(day, "year"):
            raise LoaderError(f"{day!r} is not a date.", path=path, sheet=SHEET, row=n, column="data",
                              fix="give the unchanged CBR export (dates as Excel dates).")
        per = _parse_rate(nominal, path, n, "nominal", sheet=SHEET)
        dates.append(pd.Timestamp(day).normalize())
        rates.append(_parse_rate(curs, path, n, "curs", sheet=SHEET) / per)
        numbers.append(n)
    return dates, rates, numbers


def _series(path: Path, dates: list[pd.Timestamp], rates: list[float], rows: list[int]) -> pd.Series:
    if not dates:
        raise LoaderError("the file holds no rates.", path=path, fix="export at least one date with its rate.")
    frame = pd.DataFrame({"date": dates, "rate": rates, "row": rows}).sort_values(["date", "row"])
    dup = frame[frame.duplicated("date", keep=False)]
    clash = dup.groupby("date")["rate"].nunique()
    if (clash > 1).any():
        day = clash[clash > 1].index[0]
        where = dup[dup["date"] == day]
        raise LoaderError(f"{day.date()} has two different rates {list(where['rate'])} (rows "
                          f"{', '.join(map(str, where['row']))}).", path=path, row=int(where["row"].iloc[1]),
                          fix="keep one official rate per date.")
    frame = frame.drop_duplicates("date")
    out = pd.Series(frame["rate"].to_numpy(dtype=float), index=pd.DatetimeIndex(frame["date"], name="date"),
                    name="rate")
    return out


# --------------------------------------------------------------------------------------------- averaging


def calendar_day_rates(rates: pd.Series) -> pd.Series:
    """Every calendar day from the first rate date to the end of coverage, carrying the last rate set.

    Coverage ends at the last rate date, or on 31 December when that date is on or after 28 December.
    """
    last = rates.index.max()
    end = pd.Timestamp(last.year, 12, 31) if (last.month == 12 and last.day >= YEAR_END_GRACE_DAY) else last
    days = pd.date_range(rates.index.min(), end, freq="D", name="date")
    return rates.reindex(days, method="ffill")


def _coverage_note(days: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> str:
    parts = []
    if days.index.min() > start:
        parts.append(f"data from {days.index.min().date()}")
    if days.index.max() < end:
        parts.append(f"data to {days.index.max().date()}")
    return "; ".join(parts)


def period_averages(rates: pd.Series) -> tuple[list[dict], list[str]]:
    """Annual (or cumulative, for incomplete years) and complete monthly calendar-day means.

    Returns
    -------
    rows : list of dict
        ``period, value, n_days, n_dates, first, last, note`` per period.
    skipped : list of str
        Incomplete months that were not averaged, as text for warnings.
    """
    days = calendar_day_rates(rates)
    rows: list[dict] = []
    skipped: list[str] = []
    for year, chunk in days.groupby(days.index.year):
        start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        note = _coverage_note(chunk, start, end)
        months = sorted(set(chunk.index.month))
        if not note:
            rows.append(_row(str(year), chunk, rates, ""))
        elif len(months) > 1:
            period = f"{year}-{months[0]:02d}/{year}-{months[-1]:02d}"
            rows.append(_row(period, chunk, rates, f"incomplete year: {note}; cumulative average, not annual"))
        for month, part in chunk.groupby(chunk.index.month):
            first = pd.Timestamp(year, month, 1)
            mnote = _coverage_note(part, first, first + pd.offsets.MonthEnd(0))
            if mnote:
                skipped.append(f"{year}-{month:02d} ({mnote})")
            else:
                rows.append(_row(f"{year}-{month:02d}", part, rates, ""))
    return rows, skipped


def _row(period: str, chunk: pd.Series, rates: pd.Series, note: str) -> dict:
    lo, hi = chunk.index.min(), chunk.index.max()
    inside = rates[(rates.index >= lo) & (rates.index <= hi)]
    return {"period": period, "value": round(float(chunk.mean()), 6), "n_days": len(chunk),
            "n_dates": len(inside), "first": lo.date().isoformat(), "last": hi.date().isoformat(), "note": note}


# --------------------------------------------------------------------------------------------- loader


def load(path: str | Path, **options: object) -> LoadResult:
    """Read official daily USD/RUB rates into ``fx_usd`` averages for ``RU`` (status ``derived``).

    Parameters
    ----------
    path : path-like
        A ``date,rate`` CSV or a CBR dynamics ``.xlsx`` export.
    **options
        None are accepted; passing any raises :class:`LoaderError`.
    """
    p = Path(path)
    if options:
        raise LoaderError(f"unknown option(s) {sorted(options)} for format {FORMAT!r}.", path=p,
                          fix="call without options.")
    rates = daily_rates(p)
    averages, skipped = period_averages(rates)
    records = [_observation(a, p) for a in averages]
    found: list[LoadWarning] = []
    if skipped:
        found.append(LoadWarning(f"incomplete month(s) not averaged: {', '.join(skipped)}.", path=str(p)))
    obs = make_observations(records)
    return LoadResult(obs, FORMAT, p, tuple(found))


def _observation(avg: dict, path: Path) -> dict:
    derived = (f"{METHOD}; {avg['n_days']} calendar days {avg['first']}..{avg['last']}, "
               f"{avg['n_dates']} rate dates in the period; {path.name}")
    return {
        "region": "RU", "indicator": "fx_usd", "period": avg["period"], "value": avg["value"],
        "unit": "RUB per USD", "currency": "RUB", "price_basis": "", "source": SOURCE, "status": "derived",
        "note": avg["note"], "file": path.name, "location": f"dates {avg['first']}..{avg['last']}",
        "derived_from": derived,
    }


register(FORMAT, "Bank of Russia official USD/RUB daily rates (date,rate CSV or CBR dynamics xlsx) → averages",
         sniff, load)
