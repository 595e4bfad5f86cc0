"""Downloads made in memory: CSV and XLSX whose text cells cannot run as formulas in a spreadsheet.

Nothing is written to disk and no request value reaches a path: the bytes are built here and handed to
``dcc.Download`` by :func:`as_download`. Text cells beginning with ``=``, ``+``, ``-`` or ``@`` are neutralised
by :func:`regint.report.excel.safe_frame` (also in CSV, which spreadsheets open with formulas live).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from regint.report.excel import neutralise, safe_frame

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")


def safe_filename(stem: str, suffix: str) -> str:
    """A download name from ASCII letters, digits, ``_``, ``.`` and ``-`` only."""
    return (_SAFE_NAME.sub("_", stem).strip("._") or "regint")[:80] + suffix


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = safe_frame(frame)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel reads Cyrillic correctly), formula injection neutralised."""
    return _safe(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per table (names cut to 31 characters), formula injection neutralised."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        bold = writer.book.add_format({"bold": True})
        used: set[str] = set()
        for name, frame in tables.items():
            sheet = _sheet(name, used)
            safe = _safe(frame)
            # strings_to_formulas is on by default in xlsxwriter; the neutralised cells are plain text anyway
            safe.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            for j, col in enumerate(safe.columns):
                ws.write(0, j, str(col), bold)
                width = min(60, max(8, len(str(col)), *(len(str(v)) for v in safe[col].head(200))))
                ws.set_column(j, j, width + 1)
            ws.freeze_panes(1, 0)
    return buffer.getvalue()


def _sheet(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    candidate, i = base, 1
    while candidate in used:
        candidate = f"{base[:28]}_{i}"
        i += 1
    used.add(candidate)
    return candidate


def as_download(content: bytes, filename: str, mime: str | None = None) -> dict[str, Any]:
    """The dictionary ``dcc.Download`` expects (base64 content, file name, MIME type)."""
    from dash import dcc

    return dcc.send_bytes(content, filename, type=mime)  # type: ignore[no-any-return]
