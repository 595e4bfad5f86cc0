"""The one writer of CSV and XLSX exports: the CLI, the report and the dashboard all write through it.

A spreadsheet opens a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and Excel also treats a
leading tab or carriage return that way; a formula such as ``=HYPERLINK(…)`` or a DDE call in a source note or
a file name would then run on the reader's computer (OWASP, "CSV Injection"). Every text cell, header cells and
index labels included, that begins with one of these characters is prefixed with an apostrophe, so that it
opens as text; a cell that is itself a number (``-5``, ``+3.2``) is left alone. Workbooks are written with
xlsxwriter's conversion of strings to formulas and links switched off as well.

Files are written to ``<name>.part`` and renamed when complete, so a failed export never leaves half a file
under the requested name.

References
----------
OWASP Foundation, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping
from pathlib import Path

import pandas as pd

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def neutralise(value: object) -> object:
    """``value`` with an apostrophe in front when it is text a spreadsheet would run as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-5"), neutralise(-5), neutralise("a=b")
    ('-5', -5, 'a=b')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value.replace(",", ".").strip())
        except ValueError:
            return "'" + value
        if value.startswith(("\t", "\r")):
            return "'" + value
    return value


def _label(label: object) -> str:
    if isinstance(label, tuple):
        return " / ".join(str(x) for x in label if str(x) != "")
    return str(label)


def safe_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` (its index as leading columns when ``index``) whose text cells and header cells
    cannot run as formulas. Header cells become strings; multi-level headers are joined with ``" / "``."""
    out = frame.reset_index() if index else frame.copy()
    if index and frame.index.nlevels == 1 and frame.index.name is None and "index" not in frame.columns:
        out = out.rename(columns={"index": ""})  # as pandas writes an unnamed index: an empty header cell
    out.columns = [str(neutralise(_label(c))) for c in out.columns]
    for j in range(out.shape[1]):
        col = out.iloc[:, j]
        if col.dtype == object or pd.api.types.is_string_dtype(col) or isinstance(col.dtype, pd.CategoricalDtype):
            out.isetitem(j, col.astype(object).map(neutralise))
    return out


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel then reads Cyrillic correctly), formulas neutralised."""
    return safe_frame(frame, index=index).to_csv(index=False).encode("utf-8-sig")


def _replace_atomically(path: str | Path, content: bytes) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        part.write_bytes(content)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return target


def write_csv(frame: pd.DataFrame, path: str | Path, *, index: bool = False) -> Path:
    """Write :func:`csv_bytes` to ``path`` (complete or not at all) and return the path."""
    return _replace_atomically(path, csv_bytes(frame, index=index))


def write_csvs(tables: Mapping[str, pd.DataFrame], folder: str | Path, *, prefix: str = "",
               index: bool | Collection[str] = False) -> list[Path]:
    """Write each table to ``<folder>/<prefix><name>.csv`` with :func:`write_csv`; the paths written."""
    return [write_csv(frame, Path(folder) / f"{prefix}{name}.csv",
                      index=index if isinstance(index, bool) else name in index)
            for name, frame in tables.items()]


def sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name from ``name``: no ``[]:*?/\\``, at most 31 characters, unique within ``used``."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(name))[:31] or "sheet"
    candidate, i = base, 1
    while candidate in used:
        suffix = f"_{i}"
        candidate = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(candidate)
    return candidate


def xlsx_bytes(tables: Mapping[str, pd.DataFrame], *, notes: Mapping[str, str] | None = None,
               index: bool | Collection[str] = False) -> bytes:
    """One workbook, a sheet per table: header bold, columns sized, first row frozen, formulas neutralised.

    ``notes`` maps a table name to a line written under the table (source and years); ``index`` says whether
    the index is written as leading columns, for every table or for the tables named.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        bold = writer.book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        used: set[str] = set()
        for name, frame in tables.items():
            sheet = sheet_name(name, used)
            safe = safe_frame(frame, index=index if isinstance(index, bool) else name in index)
            safe.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            for j, col in enumerate(safe.columns):
                ws.write_string(0, j, str(col), bold)
                width = min(60, max(8, len(str(col)), *(len(str(v)) for v in safe.iloc[:200, j])))
                ws.set_column(j, j, width + 1)
            ws.freeze_panes(1, 0)
            if notes and name in notes:
                ws.write_string(len(safe) + 2, 0, str(neutralise(notes[name])))
    return buffer.getvalue()


def write_xlsx(tables: Mapping[str, pd.DataFrame], path: str | Path, *, notes: Mapping[str, str] | None = None,
               index: bool | Collection[str] = False) -> Path:
    """Write :func:`xlsx_bytes` to ``path`` (complete or not at all) and return the path."""
    return _replace_atomically(path, xlsx_bytes(tables, notes=notes, index=index))
