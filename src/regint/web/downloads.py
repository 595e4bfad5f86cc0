"""Downloads made in memory: CSV and XLSX whose cells cannot run as formulas in a spreadsheet.

Nothing is written to disk and no request value reaches a path: the bytes are built by the project's one
export writer, :mod:`regint.exports` (formula injection neutralised in every cell and header, also in CSV,
which spreadsheets open with formulas live), and handed to ``dcc.Download`` by :func:`as_download`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from regint import exports

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")


def safe_filename(stem: str, suffix: str) -> str:
    """A download name from ASCII letters, digits, ``_``, ``.`` and ``-`` only."""
    return (_SAFE_NAME.sub("_", stem).strip("._") or "regint")[:80] + suffix


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel reads Cyrillic correctly), formula injection neutralised."""
    return exports.csv_bytes(frame)


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per table (names cut to 31 characters), formula injection neutralised."""
    return exports.xlsx_bytes(tables)


def as_download(content: bytes, filename: str, mime: str | None = None) -> dict[str, Any]:
    """The dictionary ``dcc.Download`` expects (base64 content, file name, MIME type)."""
    from dash import dcc

    return dcc.send_bytes(content, filename, type=mime)  # type: ignore[no-any-return]
