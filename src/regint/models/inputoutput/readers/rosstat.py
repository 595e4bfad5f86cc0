"""Reader of the Rosstat basic input-output tables: the symmetric sheets «Симм ТЗВ» and «Симм отеч».

Layout (checked on the 2011, 2016 and 2021 workbooks, ``baz2011.xlsx``, ``baz2016.xlsx``,
``baz_tzv-2021.xlsx``):

- row 1: title, e.g. ``СИММЕТРИЧНАЯ ТАБЛИЦА "ЗАТРАТЫ-ВЫПУСК" за 2016 год (млн. руб.)``;
- row 2: column names; row 3: column codes (ОКПД/ОКПД 2 strings such as ``01.1 + 01.2``, some stored as
  numbers, e.g. ``10``), then ``TOTAL``, final-demand codes ``P3_S14 … P6``, ``TFU``, ``TU``;
  row 4: column numbers ``001 …``;
- from row 5: one row per product (column A number, B code, C name, D… values), then the rows
  ``P33``/``P7``, ``P34``, ``P6a``, ``D21-D31``, ``TOTAL``, ``D1``, ``D11``, ``D29-D39``, ``Р51с``,
  ``B2n+B3n``, ``B1g``, ``P1`` and, in the total table only, ``P7`` (imports cif) and ``(P1+P7)BP``.

The 2011 and 2016 tables use the ОКПД (2007) product codes, the 2021 table ОКПД 2. All figures mln RUB.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from regint.errors import LoaderError
from regint.models.inputoutput.national import FINAL_DEMAND_CODES, NationalIOData
from regint.models.inputoutput.notes import Note

__all__ = ["normalise_code", "read_rosstat_symmetric", "rosstat_note"]

SHEET_TOTAL = "Симм ТЗВ"
SHEET_DOMESTIC = "Симм отеч"
_FIRST_DATA_ROW = 5  # 1-based, as the spreadsheet shows it
_FIRST_VALUE_COL = 4  # column D
_TITLE_YEAR = re.compile(r"за\s+(\d{4})\s+год")
# Cyrillic letters that look like Latin ones in the codes (e.g. "Р51с" for P51c).
_LOOKALIKE = str.maketrans({"Р": "P", "р": "p", "с": "c", "С": "C", "В": "B", "Д": "D", "е": "e", "а": "a", "о": "o"})
_TOLERANCE = 50.0  # mln RUB: the published integers round; identities hold to ~15 mln RUB


def normalise_code(value: object) -> str:
    """A code as text without spaces and with Latin letters (``'D21 - D31'`` → ``'D21-D31'``, ``10`` → ``'10'``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", str(value)).translate(_LOOKALIKE)


def _display_code(value: object) -> str:
    """The code as printed, spaces normalised (``'01.1 + 01.2'``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _col_letter(j: int) -> str:
    """Spreadsheet column letter of a 0-based index."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _read_sheet(path: Path, sheet: str) -> list[tuple[object, ...]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as err:
        raise LoaderError("file not found", path=path, fix="pass the path of a Rosstat basic IO workbook") from err
    except Exception as err:  # openpyxl raises several unrelated types for a damaged file
        raise LoaderError(f"cannot open as an xlsx workbook ({type(err).__name__}: {err})", path=path) from err
    try:
        if sheet not in wb.sheetnames:
            raise LoaderError(
                f"no sheet {sheet!r} (sheets: {wb.sheetnames})", path=path,
                fix="use a Rosstat basic IO workbook («Базовые таблицы затраты-выпуск») with the symmetric sheets",
            )
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


def _number(value: object, *, path: Path, sheet: str, row: int, col: int) -> float:
    if value is None or (isinstance(value, str) and value.strip() in ("", "-", "–")):
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(" ", "").replace(",", "."))
    except ValueError as err:
        raise LoaderError(f"expected a number, found {value!r}", path=path, sheet=sheet, row=row,
                          column=_col_letter(col)) from err



def rosstat_note(year: int | None, domestic: bool, n: int, file: str) -> Note:
    """The note that names a Rosstat symmetric table (English, with its Russian form)."""
    classification = "ОКПД 2" if (year or 0) >= 2017 else "ОКПД 2007"
    kind = "domestic products, «Симм отеч»" if domestic else "domestic and imported products, «Симм ТЗВ»"
    kind_ru = "отечественная продукция, «Симм отеч»" if domestic else "отечественная и импортная продукция, «Симм ТЗВ»"
    return Note(
        f"Rosstat symmetric input-output table {year} ({kind}), {n} products ({classification}), mln RUB; file {file}.",
        f"Росстат, симметричная таблица «затраты – выпуск» {year} г. ({kind_ru}), {n} продуктов ({classification}), "
        f"млн руб.; файл {file}.",
    )

def read_rosstat_symmetric(path: str | Path, year: int | None = None, domestic: bool = False) -> NationalIOData:
    """Read a Rosstat symmetric input-output table (product × product, mln RUB).

    Parameters
    ----------
    path : path-like
        A Rosstat basic-tables workbook (``baz2016.xlsx``, ``baz_tzv-2021.xlsx``, ...).
    year : int, optional
        Expected year; checked against the title in row 1 (read from it when omitted).
    domestic : bool
        ``False`` reads «Симм ТЗВ» (flows of domestic and imported products together, technology
        coefficients); ``True`` reads «Симм отеч» (domestic products only; imported inputs in the row P7),
        which gives domestic multipliers.

    Returns
    -------
    NationalIOData
        ``Z`` (products × products), ``x`` (row P1), ``value_added`` (B1g), ``compensation`` (D1),
        ``imports`` (row P7), ``final_demand`` (P3_S14 … P6 with canonical names), ``primary_inputs`` (every
        row below the products), ``labels`` (code as printed, name_ru).

    Raises
    ------
    LoaderError
        Naming the file, sheet, row and column where the layout differs from the one described in the
        module docstring, or where the table's accounting identities fail.
    """
    path = Path(path)
    sheet = SHEET_DOMESTIC if domestic else SHEET_TOTAL
    rows = _read_sheet(path, sheet)
    if len(rows) < _FIRST_DATA_ROW:
        raise LoaderError("the sheet has fewer rows than the 4 header rows", path=path, sheet=sheet)
    width = max(len(r) for r in rows)
    rows = [tuple(r) + (None,) * (width - len(r)) for r in rows]

    title = str(rows[0][0] or "")
    m = _TITLE_YEAR.search(title)
    title_year = int(m.group(1)) if m else None
    if year is not None and title_year is not None and year != title_year:
        raise LoaderError(f"the title says {title_year}, not {year}: {title!r}", path=path, sheet=sheet, row=1,
                          column="A", fix=f"pass year={title_year} or the workbook of {year}")
    year = year if year is not None else title_year

    header = [normalise_code(c) for c in rows[2]]
    if "TOTAL" not in header:
        raise LoaderError("no column coded TOTAL in the code row", path=path, sheet=sheet, row=3,
                          fix="the header must have codes in row 3 as in the Rosstat layout")
    total_col = header.index("TOTAL")
    first = _FIRST_VALUE_COL - 1
    n = total_col - first
    if n < 1:
        raise LoaderError("no product columns before TOTAL", path=path, sheet=sheet, row=3)

    codes_display: list[str] = []
    names: list[str] = []
    r0 = _FIRST_DATA_ROW - 1
    for k in range(n):
        row = rows[r0 + k]
        code = normalise_code(row[1])
        if not code or not code[0].isdigit():
            raise LoaderError(
                f"expected product row {k + 1} of {n} (as many as product columns), found code {row[1]!r}",
                path=path, sheet=sheet, row=r0 + k + 1, column="B",
            )
        if code != header[first + k]:
            raise LoaderError(
                f"row code {row[1]!r} differs from column code {rows[2][first + k]!r}: the table is not square",
                path=path, sheet=sheet, row=r0 + k + 1, column="B",
            )
        codes_display.append(_display_code(row[1]))
        names.append(re.sub(r"\s+", " ", str(row[2] or "")).strip())

    def values(i: int, cols: range | list[int]) -> np.ndarray:
        return np.array([_number(rows[i][j], path=path, sheet=sheet, row=i + 1, col=j) for j in cols])

    product_cols = range(first, total_col)
    Z = np.vstack([values(r0 + k, product_cols) for k in range(n)])

    fd_cols: dict[str, int] = {}
    for code, name in FINAL_DEMAND_CODES.items():
        if code not in header:
            raise LoaderError(f"no final-demand column {code}", path=path, sheet=sheet, row=3)
        fd_cols[name] = header.index(code)
    F = np.column_stack([values(r0 + k, list(fd_cols.values())) for k in range(n)]).T

    below: dict[str, tuple[int, np.ndarray]] = {}
    for i in range(r0 + n, len(rows)):
        code = normalise_code(rows[i][1])
        if not code:
            continue
        key = code if code not in below else f"{code}#2"  # the total table has P7 once; guard anyway
        below[key] = (i, values(i, product_cols))
    for need in ("TOTAL", "B1g", "P1", "D1"):
        if need not in below:
            raise LoaderError(f"no row coded {need} below the products", path=path, sheet=sheet,
                              fix="the sheet must follow the Rosstat symmetric-table layout")

    _check_identities(Z, below, codes_display, path=path, sheet=sheet)

    labels = pd.DataFrame({"code": codes_display, "name_ru": names})
    idx = pd.Index(codes_display, name="code")
    primary = pd.DataFrame({k: v for k, (_, v) in below.items()}, index=idx).T
    primary.index.name = "row"
    imports = below.get("P7")
    meaning = (
        "row P7 «Использование импортных продуктов»: imported products used as inputs by each column"
        if domestic else "row P7 «Импорт (сиф)»: imports (cif) of each product"
    )
    note = rosstat_note(year, domestic, n, path.name)
    return NationalIOData(
        Z=pd.DataFrame(Z, index=idx, columns=idx),
        x=pd.Series(below["P1"][1], index=idx, name="output"),
        value_added=pd.Series(below["B1g"][1], index=idx, name="gva"),
        final_demand=pd.DataFrame(F, index=idx, columns=list(fd_cols)),
        primary_inputs=primary,
        labels=labels,
        compensation=pd.Series(below["D1"][1], index=idx, name="compensation"),
        imports=None if imports is None else pd.Series(imports[1], index=idx, name="imports"),
        imports_meaning=meaning,
        year=year,
        unit="mln RUB",
        source=f"{path.name}, sheet {sheet}",
        domestic=domestic,
        notes=(note,),
    )


def _check_identities(Z: np.ndarray, below: dict[str, tuple[int, np.ndarray]], codes: list[str], *,
                      path: Path, sheet: str) -> None:
    """Column identities: Z + rows above TOTAL = TOTAL, and TOTAL + B1g = P1 (within rounding)."""
    total_row, total = below["TOTAL"]
    above = [v for code, (i, v) in below.items() if i < total_row]
    gap = Z.sum(axis=0) + (np.sum(above, axis=0) if above else 0.0) - total
    j = int(np.argmax(np.abs(gap)))
    if abs(gap[j]) > _TOLERANCE:
        raise LoaderError(
            f"intermediate inputs of {codes[j]!r} do not add up to the TOTAL row (difference {gap[j]:,.0f} mln RUB)",
            path=path, sheet=sheet, row=total_row + 1, column=_col_letter(_FIRST_VALUE_COL - 1 + j),
            fix="check that no product row or column was inserted or removed",
        )
    p1_row, p1 = below["P1"]
    gap = total + below["B1g"][1] - p1
    j = int(np.argmax(np.abs(gap)))
    if abs(gap[j]) > _TOLERANCE:
        raise LoaderError(
            f"TOTAL + B1g differs from P1 for {codes[j]!r} by {gap[j]:,.0f} mln RUB",
            path=path, sheet=sheet, row=p1_row + 1, column=_col_letter(_FIRST_VALUE_COL - 1 + j),
        )
