"""What the two Rosstat spreadsheet loaders (``rosstat`` and ``rosstat806``) share.

Reading a workbook (``.xlsx`` with openpyxl, ``.xls`` with xlrd) into plain rows; cell addresses; the row
labels of Rosstat tables (region names with footnote marks, federal districts, the Russian Federation total,
sub-rows such as "без автономного округа"); footnotes printed under a table; the known series breaks; and
a :class:`Collector` that turns parsed cells into an observation frame with warnings.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from regint._options import check_option
from regint.data.catalogs import normalise_name, resolve_region
from regint.data.loaders.base import PLACEHOLDERS, LoadResult, LoadWarning, ensure_nonempty, parse_number
from regint.data.schema import make_observations, validate_observations
from regint.errors import LoaderError

UnknownRegions = Literal["raise", "skip"]
UNKNOWN_REGIONS: tuple[str, ...] = ("raise", "skip")

_SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
#: Footnote marks glued to the end of a label: "1)", "1);2)", " 3", "²⁾", "1, 2".
_TRAILING_MARKS = re.compile(r"(?:[\s,;]*(?:\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾?|(?<=\s)\d{1,2}(?=[\s,;]|$)))+[\s,;]*$")
#: A footnote line under a table: "1) text", "3)text", "1 text", "¹⁾ text".
_FOOTNOTE_LINE = re.compile(r"^\s*(?:(\d{1,2})(?:\)|\s)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)⁾?)\s*(\S.*)$", re.S)
_INCLUDING = re.compile(r"^(в\s+том\s+числе|в\s+т\.\s*ч\.?|из\s+них)\s*:?\s*", re.I)
_SUBROW = re.compile(r"(?<![а-яё])(без|кроме|не\s+распределено)(?![а-яё])", re.I)
#: Starts of the Russian Federation total row, as matching keys (see :func:`regint.data.catalogs.normalise_name`).
_TOTAL_KEYS = (
    "российскаяфедерация",
    "валовойрегиональныйпродуктпосубъектам",
    "фактическоеконечноепотреблениедомашниххозяйствнатерриториисубъектов",
)
#: Units printed inside the total row's label ("Российская Федерация, млрд руб.").
_LABEL_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"млрд\.?\s*руб", re.I), "bln RUB"),
    (re.compile(r"млн\.?\s*руб", re.I), "mln RUB"),
    (re.compile(r"тыс\.?\s*руб", re.I), "thous. RUB"),
)
#: Rosstat abbreviations expanded before looking a name up in the catalog.
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![а-яё])АО(?![а-яё])"), "автономный округ"),
    (re.compile(r"авт\.\s*", re.I), "автономный "),
)
#: Misprints seen in Rosstat publications (normalised by the catalog's rules after this replacement).
MISPRINTS: Mapping[str, str] = {
    "Ханты-Мансийский автономный": "RU-KHM",  # Regions of Russia 2022, table 15.1 (line break lost)
    "Ямало-Ненецкий автономный округ – Югра": "RU-YAN",  # same table, the next row ("– Югра" misplaced)
    "Владимировская область": "RU-VLA",
    "Республтка Адыгея": "RU-AD",
    "Еврейская автономная": "RU-YEV",
    "Тамбовская": "RU-TAM",
}
_MISPRINT_KEYS = {re.sub(r"\s+", " ", k).strip().lower(): v for k, v in MISPRINTS.items()}


# --------------------------------------------------------------------------------------------- workbooks


def _is_placeholder(text: str) -> bool:
    """A placeholder, also with a footnote mark glued on (``"…3)"``: not published for confidentiality)."""
    text = text.strip()
    return text in PLACEHOLDERS or (bool(_TRAILING_MARKS.search(text))
                                    and _TRAILING_MARKS.sub("", text).strip() in PLACEHOLDERS - {""})


@dataclass(frozen=True)
class Sheet:
    """One worksheet as plain rows of cell values (``None`` for an empty cell); indices are 0-based."""

    name: str
    rows: tuple[tuple[object, ...], ...]

    @property
    def nrows(self) -> int:
        return len(self.rows)

    def cell(self, row: int, col: int) -> object:
        """The value at 0-based ``(row, col)``, ``None`` outside the used range."""
        if row >= len(self.rows):
            return None
        values = self.rows[row]
        return values[col] if col < len(values) else None

    def text(self, row: int, col: int) -> str:
        """The cell as stripped text (``""`` for empty)."""
        value = self.cell(row, col)
        return "" if value is None else str(value).strip()

    def width(self, row: int) -> int:
        return len(self.rows[row]) if row < len(self.rows) else 0


def column_letter(col: int) -> str:
    """Spreadsheet column letters of a 0-based column index: 0 → ``A``, 27 → ``AB``."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def location(sheet: str, row: int, col: int) -> str:
    """``"<sheet>!<cell>"`` for 0-based ``(row, col)``, e.g. ``"3!D19"``."""
    return f"{sheet}!{column_letter(col)}{row + 1}"


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _match_sheet(wanted: str, available: Sequence[str]) -> str | None:
    if wanted in available:
        return wanted
    key = str(wanted).strip().rstrip(".").strip().lower()
    for name in available:
        if name.strip().rstrip(".").strip().lower() == key:
            return name
    return None


def select_sheets(path: Path, available: Sequence[str], wanted: Iterable[object] | None) -> list[str]:
    """The sheet names to read, in workbook order; a requested sheet that is absent is a :class:`LoaderError`.

    A requested name matches ignoring surrounding spaces, case and a trailing dot (``"2.10.1"`` finds
    ``"2.10.1."``).
    """
    if wanted is None:
        return list(available)
    if isinstance(wanted, str | bytes):
        raise LoaderError(
            f"sheets must be a list of sheet names; got the string {wanted!r}.", path=path,
            fix=f"write sheets=[{wanted!r}].",
        )
    chosen: list[str] = []
    for item in wanted:
        name = _match_sheet(str(item), available)
        if name is None:
            raise LoaderError(
                f"sheet {str(item)!r} not found; the workbook has {list(available)}.", path=path,
                fix="pass sheet names as listed (a trailing dot may be left out).",
            )
        chosen.append(name)
    return [name for name in available if name in chosen]


def read_workbook(path: Path, sheets: Iterable[object] | None = None) -> list[Sheet]:
    """Read the chosen sheets of an ``.xlsx``/``.xlsm`` or ``.xls`` workbook into :class:`Sheet` objects.

    Raises
    ------
    LoaderError
        The file is missing, empty, truncated or not a workbook; or a requested sheet is absent.
    """
    ensure_nonempty(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return _read_xls(path, sheets)
    return _read_xlsx(path, sheets)


def _unreadable(path: Path, kind: str, exc: Exception) -> LoaderError:
    return LoaderError(
        f"the file is not a readable {kind} workbook ({type(exc).__name__}: {exc}); it may be truncated, "
        "still downloading, or another format with a misleading extension.",
        path=path, fix="download or export the file again and check that Excel or LibreOffice opens it.",
    )


def _read_xlsx(path: Path, sheets: Iterable[object] | None) -> list[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise _unreadable(path, ".xlsx", exc) from exc
    try:
        names = select_sheets(path, book.sheetnames, sheets)
        out = []
        for name in names:
            try:
                rows = tuple(tuple(_clean_cell(v) for v in row) for row in book[name].iter_rows(values_only=True))
            except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
                raise _unreadable(path, ".xlsx", exc) from exc
            out.append(Sheet(name, rows))
        return out
    finally:
        book.close()


def _read_xls(path: Path, sheets: Iterable[object] | None) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types (XLRDError, struct.error, AssertionError)
        raise _unreadable(path, ".xls", exc) from exc
    try:
        names = select_sheets(path, book.sheet_names(), sheets)
        out = []
        for name in names:
            sh = book.sheet_by_name(name)
            rows: list[tuple[object, ...]] = []
            for r in range(sh.nrows):
                row: list[object] = []
                for cell in sh.row(r):
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        row.append(None)
                    elif cell.ctype == xlrd.XL_CELL_ERROR:
                        row.append(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
                    else:
                        row.append(_clean_cell(cell.value))
                rows.append(tuple(row))
            out.append(Sheet(name, tuple(rows)))
        return out
    finally:
        book.release_resources()


# ------------------------------------------------------------------------------------------ text and marks


def squash(text: object) -> str:
    """Text with soft hyphens removed and runs of white space (incl. line breaks) collapsed to one space."""
    return re.sub(r"\s+", " ", str(text).replace("\xad", "").replace("\u00a0", " ")).strip()


def split_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """Split footnote marks off the end of a label: ``"Московская область1);2)"`` → ``("Московская область", ("1", "2"))``."""
    m = _TRAILING_MARKS.search(text)
    if not m or m.start() == 0:
        return text.strip(), ()
    marks = tuple(re.findall(r"\d+", m.group().translate(_SUPERSCRIPT_DIGITS)))
    return text[: m.start()].strip(), marks


def parse_footnotes(sheet: Sheet, start: int) -> dict[str, str]:
    """Footnotes printed in column A from 0-based row ``start`` on: ``{"1": "text", ...}``.

    A line that does not start with a mark continues the previous footnote (806 sheets wrap long notes).
    """
    notes: dict[str, str] = {}
    current: str | None = None
    for r in range(start, sheet.nrows):
        text = squash(sheet.text(r, 0))
        if not text or set(text) <= set("_¾-–— "):
            continue
        m = _FOOTNOTE_LINE.match(text)
        if m:
            current = (m.group(1) or m.group(2).translate(_SUPERSCRIPT_DIGITS)).lstrip("0") or "0"
            notes[current] = m.group(3).strip()
        elif current is not None:
            notes[current] = f"{notes[current]} {text}"
    return notes


def footnote_notes(marks: Iterable[str], footnotes: Mapping[str, str]) -> list[str]:
    """Note fragments for footnote marks: ``"footnote 2): <text>"`` (the text when it is printed)."""
    out = []
    for mark in dict.fromkeys(marks):
        text = footnotes.get(mark)
        out.append(f"footnote {mark}): {text}" if text else f"footnote {mark})")
    return out


def cell_notes(note: str, footnotes: Mapping[str, str]) -> list[str]:
    """The note of :func:`~regint.data.loaders.base.parse_number` with a footnote mark resolved to its text."""
    if note.startswith("footnote"):
        return footnote_notes(year_mark(note), footnotes)
    return [note] if note else []


def title_marks(line: str) -> tuple[str, ...]:
    """Footnote marks in a title line: ``"... в 2016-2023 гг.1)2)3)"`` → ``("1", "2", "3")``; ``"Экспорт 1"`` → ``("1",)``.

    Marks in titles are single digits (``"ОКВЭД21)"`` is ОКВЭД2 with mark 1).
    """
    line = squash(line).translate(_SUPERSCRIPT_DIGITS)
    marks = re.findall(r"(\d)\)", line)
    tail = re.search(r"(?<=[^\d\s.])\s+(\d(?:\s*,\s*\d)*)\s*$", line)
    if tail:
        marks += re.findall(r"\d", tail.group(1))
    return tuple(dict.fromkeys(marks))


def year_mark(note: str) -> tuple[str, ...]:
    """The mark digits of :func:`regint.data.loaders.base.parse_year`'s note (``"footnote 1)"`` → ``("1",)``)."""
    return tuple(re.findall(r"\d+", note))


# --------------------------------------------------------------------------------------------- row labels


@dataclass(frozen=True)
class RowLabel:
    """What a row label of a Rosstat table is."""

    kind: Literal["region", "subrow", "heading", "unknown"]
    code: str | None = None
    name: str = ""
    marks: tuple[str, ...] = ()
    unit: str | None = None


def _expand(name: str) -> str:
    for pattern, repl in _ABBREVIATIONS:
        name = pattern.sub(repl, name)
    return squash(name)


def classify_label(raw: object) -> RowLabel:
    """Classify a row label: a region (catalog code), a sub-row (part of a region), a heading, or unknown.

    ``"в т.ч. Ненецкий авт. округ"`` is the Nenets autonomous okrug (a subject in its own right);
    ``"Архангельская область без автономного округа"`` and ``"... (кроме ...)"`` are sub-rows;
    ``"Российская Федерация, млрд руб."`` is ``RU`` with its own unit.
    """
    name, marks = split_marks(squash(raw))
    if not name:
        return RowLabel("heading")
    rest = _INCLUDING.sub("", name)
    if not rest:
        return RowLabel("heading", name=name)
    if _SUBROW.search(rest):
        return RowLabel("subrow", name=name, marks=marks)
    if normalise_name(rest).startswith(_TOTAL_KEYS):
        unit = next((u for pattern, u in _LABEL_UNITS if pattern.search(rest)), None)
        return RowLabel("region", "RU", name, marks, unit)
    code = resolve_region(rest) or resolve_region(_expand(rest)) or _MISPRINT_KEYS.get(rest.lower())
    if code is None:
        return RowLabel("unknown", name=name, marks=marks)
    return RowLabel("region", code, name, marks)


# ------------------------------------------------------------------------------------------------ breaks

#: Indicators of goods trade from Russian customs statistics by region.
TRADE_INDICATORS = frozenset({
    "exports_usd", "imports_usd", "exports_far_usd", "imports_far_usd", "exports_cis_usd", "imports_cis_usd",
})
TRADE_BREAK_BEFORE = (
    "series break: up to 2011 regional customs statistics EXCLUDE trade with Belarus (and with Kazakhstan "
    "from 1 July 2010); from 2012 mutual trade with EAEU members is included"
)
TRADE_BREAK_AFTER = (
    "series break: from 2012 INCLUDES mutual trade with EAEU members (Belarus, Kazakhstan); up to 2011 "
    "that trade was excluded"
)


def trade_break_note(indicator: str, year: int) -> str:
    """The note on the 2011→2012 break of Rosstat regional trade series, or ``""`` for other indicators."""
    if indicator not in TRADE_INDICATORS:
        return ""
    return TRADE_BREAK_BEFORE if year <= 2011 else TRADE_BREAK_AFTER


# --------------------------------------------------------------------------------------------- collector

_TIMES = re.compile(r"^\s*в\s*(\d+(?:[.,]\d+)?)\s*р(аз[а]?)?\.?\s*$", re.I)


@dataclass
class Collector:
    """Accumulates observations and what a person should check while a file is parsed.

    Parameters
    ----------
    path : Path
        The file being read (its name goes into ``file`` and into every message).
    format : str
        The loader's format name.
    unknown_regions : {"raise", "skip"}
        What an unknown region name does: a :class:`LoaderError` (default) or a skipped row with a warning.
    """

    path: Path
    format: str
    unknown_regions: str = "raise"
    records: list[dict[str, object]] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    subrows: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    gaps: Counter[str] = field(default_factory=Counter)
    gap_kinds: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        check_option("unknown_regions", self.unknown_regions, UNKNOWN_REGIONS)

    def warn(self, message: str, sheet: str | None = None, row: int | None = None) -> None:
        self.warnings.append(LoadWarning(message, path=str(self.path), sheet=sheet, row=row))

    def region(self, raw: object, sheet: str | None, row: int, column: str = "A") -> RowLabel | None:
        """The region of a data row (``row`` 0-based), or ``None`` for a row to skip; unknown names raise."""
        label = classify_label(raw)
        if label.kind == "region":
            return label
        if label.kind == "subrow":
            self.subrows.append(label.name)
        elif label.kind == "unknown":
            if self.unknown_regions == "raise":
                raise LoaderError(
                    f"unknown region name {label.name!r}.", path=self.path, sheet=sheet, row=row + 1,
                    column=column,
                    fix="add the name to the aliases_ru column of the region catalog "
                    "(src/regint/data/catalogs/regions.csv), or pass unknown_regions='skip'.",
                )
            self.unknown.append(f"{label.name} ({sheet or ''}!{column}{row + 1})")
        return None

    def number(
        self, cell: object, sheet: str | None, row: int, col: int, *, percent: bool = False,
        column: str | None = None,
    ) -> tuple[float | None, str]:
        """Parse a data cell (0-based ``row``/``col``); a placeholder or empty cell is counted as a gap.

        ``percent`` accepts Rosstat's "в 2,7 р." (2.7 times) as 270 (%); ``column`` names the column in
        messages instead of the letter of ``col``.
        """
        if cell is None or (isinstance(cell, str) and _is_placeholder(cell)):
            self.gaps[sheet or self.path.name] += 1
            self.gap_kinds["empty" if cell is None else str(cell).strip()] += 1
            return None, ""
        if percent and isinstance(cell, str):
            m = _TIMES.match(cell)
            if m:
                times = float(m.group(1).replace(",", "."))
                return times * 100.0, f"printed as {cell.strip()!r} ({m.group(1)} times the base), stored as %"
        return parse_number(cell, path=self.path, sheet=sheet, row=row + 1, column=column or column_letter(col))

    def add(self, priority: int = 0, **fields: object) -> None:
        """Add one observation (schema columns as keywords); ``priority`` settles overlaps between tables."""
        fields["_priority"] = priority
        self.records.append(fields)

    def result(self, defaults: Mapping[str, object]) -> LoadResult:
        """The :class:`LoadResult`: overlaps settled, summary warnings added, the frame validated."""
        if not self.records:
            why = " ".join(w.message for w in self.warnings[:3])
            raise LoaderError(
                f"no table this loader knows was found, so nothing was loaded ({why}).", path=self.path,
                fix="check the warnings for the sheets that were skipped; restrict the load with sheets=[...], "
                "name a table with tables={sheet: key}, or convert the table to the tidy template.",
            )
        frame = pd.DataFrame(self.records)
        frame = self._settle_overlaps(frame)
        self._summarise()
        obs = make_observations(frame.drop(columns="_priority"), **defaults)
        obs = validate_observations(obs, what=self.path.name)
        return LoadResult(observations=obs, format=self.format, path=self.path, warnings=tuple(self.warnings))

    def _settle_overlaps(self, frame: pd.DataFrame) -> pd.DataFrame:
        key = ["region", "indicator", "period"]
        dup = frame.duplicated(key, keep=False)
        if not dup.any():
            return frame
        for _, group in frame[dup].groupby(key, sort=False):
            if group["_priority"].nunique() < len(group):
                first = group.iloc[0]
                raise LoaderError(
                    f"the same (region, indicator, period) = ({first.region}, {first.indicator}, "
                    f"{first.period}) appears twice: {', '.join(map(str, group['location']))}.",
                    path=self.path,
                    fix="delete one of the rows, or load the sheets separately with sheets=[...].",
                )
        kept = frame.sort_values("_priority", ascending=False, kind="stable").drop_duplicates(key).sort_index()
        self.warn(f"{len(frame) - len(kept)} values of an older table overlap a newer table for the same region "
                  "and period; kept the newer table's values (the note column names the basis of each).")
        return kept

    def _summarise(self) -> None:
        if self.subrows:
            shown = "; ".join(dict.fromkeys(self.subrows))
            self.warn(f"skipped {len(self.subrows)} sub-rows (parts of a region such as 'без автономного "
                      f"округа' / 'кроме ...'; their totals are in the region rows): {shown}.")
        if self.unknown:
            self.warn(f"skipped {len(self.unknown)} rows with unknown region names: {'; '.join(self.unknown[:10])}"
                      + (" ..." if len(self.unknown) > 10 else "") + ".")
        if self.gaps:
            kinds = ", ".join(f"{k!r}: {n}" for k, n in self.gap_kinds.most_common())
            per_sheet = ", ".join(f"{s}: {n}" for s, n in self.gaps.items())
            self.warn(f"{sum(self.gaps.values())} cells hold no figure ({kinds}) and were not loaded (gaps stay "
                      f"gaps); per sheet: {per_sheet}.")


def join_notes(parts: Iterable[str]) -> str:
    """Join non-empty note fragments with ``"; "``, without repeats."""
    return "; ".join(dict.fromkeys(p for p in parts if p))


def check_tables(tables: Mapping[str, str] | None, known: Iterable[str]) -> dict[str, str]:
    """The ``tables={sheet: table key}`` option with string sheet names, every key checked against ``known``."""
    forced = {str(k): v for k, v in (tables or {}).items()}
    for key in forced.values():
        check_option("tables value", key, sorted(known))
    return forced
