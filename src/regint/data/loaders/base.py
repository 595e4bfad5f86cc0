"""What every loader shares: the result type, warnings, and the parsing of numbers, years and text.

A loader is one module per source format exposing ``sniff(path) -> bool`` and
``load(path, **options) -> LoadResult``; it registers itself in :mod:`regint.data.loaders`.
Loaders never touch the store: :meth:`regint.data.store.Store.import_file` does that, in one transaction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from regint.errors import LoaderError

#: Cells that mean "no figure": Rosstat "...", "…", "-", "–", "x"/"х" (confidential), empty.
PLACEHOLDERS = frozenset({"", "...", "…", "-", "–", "—", "x", "х", "X", "Х", "nan", "NaN", "..", "н/д"})
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_FOOTNOTE_TAIL = re.compile(r"^(?P<num>[+-]?[\d\s\u00a0\u202f]*[.,]?\d+)\s*(?P<mark>\d\)|\*+|\)\d|\s+\d{1,2}\))$")
_YEAR = re.compile(r"^\s*(?P<year>(19|20)\d{2})\s*(г\.?|год)?\s*(?P<mark>\d{1,2}\)?|\*+)?\s*$")


@dataclass(frozen=True)
class LoadWarning:
    """Something a person should look at; the value was still loaded (or deliberately skipped)."""

    message: str
    path: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | int | None = None

    def __str__(self) -> str:
        where = [Path(self.path).name] if self.path else []
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class LoadResult:
    """Observations read from one file, with what a person should check."""

    observations: pd.DataFrame
    format: str
    path: Path
    warnings: tuple[LoadWarning, ...] = field(default_factory=tuple)

    @property
    def checksum(self) -> str:
        return file_checksum(self.path)

    def __len__(self) -> int:
        return len(self.observations)


def file_checksum(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_nonempty(path: Path) -> None:
    """Raise a :class:`LoaderError` for a missing or empty file."""
    if not path.exists():
        raise LoaderError("the file does not exist.", path=path, fix="check the path.")
    if path.stat().st_size == 0:
        raise LoaderError("the file is empty (0 bytes).", path=path,
                          fix="export the table again; the download or copy was probably interrupted.")


def _decode(raw: bytes, path: Path, warnings: list[LoadWarning] | None) -> str:
    """UTF-8 (with or without BOM), else cp1251 with a warning (see :func:`read_text`)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError as exc:  # pragma: no cover - cp1251 decodes almost every byte
        raise LoaderError("the file is neither UTF-8 nor cp1251 text.", path=path,
                          fix="save it as UTF-8 CSV.") from exc
    if warnings is not None:
        warnings.append(LoadWarning("decoded as cp1251 (Windows Cyrillic), not UTF-8; check the names.",
                                    path=str(path)))
    return text


def read_text(path: Path, warnings: list[LoadWarning] | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else cp1251 with a warning.

    Russian and Belarusian exports are often cp1251 without a declaration; the fallback is reported so a
    person can check the names.
    """
    ensure_nonempty(path)
    return _decode(path.read_bytes(), path, warnings)


def head_bytes(path: Path, n: int) -> bytes:
    """The first ``n`` bytes of a file, without reading the rest (a sniffer never reads a large file whole)."""
    with open(path, "rb") as fh:
        return fh.read(n)


def first_line(path: Path, limit: int = 1 << 16) -> str:
    """The first line of a text file, decoded as :func:`read_text` decodes it, from at most ``limit`` bytes."""
    ensure_nonempty(path)
    return _decode(head_bytes(path, limit).split(b"\n", 1)[0].rstrip(b"\r"), path, None)


def parse_number(
    cell: object,
    *,
    path: Path | str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    column: str | int | None = None,
) -> tuple[float | None, str]:
    """Parse one cell into ``(value, note)``; placeholders give ``(None, note)``.

    Accepts decimal commas, spaces and non-breaking spaces as thousands separators, and a footnote mark
    glued after the number (``"114,2 1)"``, ``"56.3*"``), returned in ``note``. Anything else raises
    :class:`LoaderError` naming the cell.
    """
    if cell is None:
        return None, ""
    if isinstance(cell, bool):
        raise LoaderError(f"a logical value {cell!r} where a number was expected.", path=path, sheet=sheet,
                          row=row, column=column, fix="enter a number or leave the cell empty.")
    if isinstance(cell, int | float):
        if pd.isna(cell):
            return None, ""
        return float(cell), ""
    text = str(cell).strip()
    if text in PLACEHOLDERS:
        return None, ("not available" if text else "")
    note = ""
    m = _FOOTNOTE_TAIL.match(text)
    if m:
        text, note = m.group("num"), f"footnote {m.group('mark').strip()}"
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if compact.count(",") == 1 and "." not in compact:
        compact = compact.replace(",", ".")
    if _NUMBER.match(compact):
        return float(compact), note
    raise LoaderError(
        f"{str(cell)!r} is not a number.", path=path, sheet=sheet, row=row, column=column,
        fix="write a number (decimal comma or point), or '...'/'-' for a missing value.",
    )


def parse_year(cell: object) -> tuple[int | None, str]:
    """A year header cell as printed (``2011``, ``"20111)"``, ``"2015 г."``) → ``(2011, "footnote 1)")``."""
    if isinstance(cell, int | float) and not pd.isna(cell):
        if float(cell).is_integer() and 1900 <= int(cell) <= 2100:
            return int(cell), ""
        text = str(int(cell)) if float(cell).is_integer() else str(cell)
    else:
        text = str(cell).strip() if cell is not None else ""
    m = _YEAR.match(text)
    if m:
        mark = m.group("mark") or ""
        return int(m.group("year")), (f"footnote {mark}" if mark else "")
    m = re.match(r"^\s*((19|20)\d{2})(\d{1,2})\)?\s*$", text)
    if m:
        return int(m.group(1)), f"footnote {m.group(3)})"
    return None, ""
