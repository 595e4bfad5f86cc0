"""Excel output that opens cleanly in Excel: one sheet per table, a sources sheet, formula injection neutralised."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that Excel would read as a formula (``=``, ``+``, ``-``, ``@``) with an apostrophe.

    Numbers are left alone; only text that starts with a formula character and is not itself a number is changed.
    """
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        try:
            float(value.replace(",", "."))
            return value
        except ValueError:
            return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as formulas."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def write_xlsx(tables: Mapping[str, pd.DataFrame], path: str | Path, *, notes: Mapping[str, str] | None = None) -> Path:
    """Write tables to one workbook, sheet names cut to Excel's 31 characters, header bold, columns sized.

    ``notes`` maps a sheet name to a line written under the table (source and years).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with pd.ExcelWriter(tmp, engine="xlsxwriter") as writer:
        bold = writer.book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        used: set[str] = set()
        for name, frame in tables.items():
            sheet = _sheet_name(name, used)
            safe = safe_frame(frame)
            safe.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            for j, col in enumerate(safe.columns):
                ws.write(0, j, str(col), bold)
                width = min(60, max(8, len(str(col)), *(len(str(v)) for v in safe[col].head(200))))
                ws.set_column(j, j, width + 1)
            ws.freeze_panes(1, 0)
            if notes and name in notes:
                ws.write(len(safe) + 2, 0, notes[name])
    tmp.replace(path)
    return path


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"
    candidate, i = base, 1
    while candidate in used:
        suffix = f"_{i}"
        candidate = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(candidate)
    return candidate
