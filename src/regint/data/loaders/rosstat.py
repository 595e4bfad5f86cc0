"""Rosstat publication spreadsheets (format ``rosstat``): "Регионы России" tables and the GRP, CPI and population files.

Layouts read (see ``../shared/data/sources/format_notes/FORMATS.md``):

* the GRP workbook ``VRP_s_1998.xlsx`` — sheets 3–14 keep the Rosstat layout: "К содержанию" in A1, the
  title in A2 (or A4) with the unit in parentheses, years in the next header row with footnote marks glued on
  (``"20111)"``), data from the row below, federal districts interleaved with the regions, footnotes under
  the table; sheets 13/14 have two header rows (year, then the income component); sheets 1–2 lost their
  title in the copy at hand (header ``region``) and are known by their place in the workbook;
* the regional CPI ``ipc_s_1992-2024.xlsx`` (no title: years in row 1, regions in column A);
* ``sp_1.1.xlsx`` population on 1 January (the Russian total by rows; the regions with three columns a year);
* the section workbooks of «Регионы России. Социально-экономические показатели 2022»: banner in A2,
  section heading, the table number and title ("2.10.1. Уровень безработицы1)"), the unit line
  "(в процентах)", years, data.

A sheet is identified from its title (and the table number in "Регионы России"); a sheet the loader does
not know is skipped with a :class:`~regint.data.loaders.base.LoadWarning`. Every value keeps its place
(``location`` = ``"<sheet>!<cell>"``), the footnotes that apply to it (in ``note``) and the file name.

>>> from regint.data.loaders import load_file
>>> res = load_file("VRP_s_1998.xlsx", format="rosstat", sheets=["2"])   # doctest: +SKIP
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regint._options import check_option
from regint.data.loaders import register
from regint.data.loaders._rosstat_common import (
    UNKNOWN_REGIONS,
    Collector,
    Sheet,
    UnknownRegions,
    cell_notes,
    check_tables,
    footnote_notes,
    join_notes,
    location,
    parse_footnotes,
    read_workbook,
    squash,
    title_marks,
    trade_break_note,
    year_mark,
)
from regint.data.loaders.base import LoadResult, ensure_nonempty, parse_year, read_text
from regint.errors import LoaderError

FORMAT = "rosstat"
STATUS = "official"
REGIONS_OF_RUSSIA_SOURCE = "rosstat_regions_2022"
_BANNER = "социально-экономические показатели по субъектам"
_HEADER_SCAN = 15
#: Roubles, not thousands or millions of roubles, in a unit line.
_RUB = r"(?<!тысяч )(?<!миллионов )(?<!млн )(?<!тыс\. )рубл"
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s|$)")


@dataclass(frozen=True)
class Table:
    """A known Rosstat table: how to recognise it and what its cells are.

    Parameters
    ----------
    key : str
        Identifier (``"rr:2.10.1"``, ``"vrp:grp"``); usable in the ``tables`` option.
    indicator, unit : str
        Indicator code and unit (English, as in the schema) of every value; ``""`` for component tables.
    title : str
        Regular expression searched in the lower-cased title text of the sheet.
    number : str
        The table number printed in «Регионы России» (``"2.10.1"``); ``""`` for other publications.
    unit_check : str
        Regular expression the printed unit line must match (lower case); ``""`` when none is printed.
    components : tuple of (regex, indicator, unit)
        For sheets with a second header row naming components: which component is which indicator
        (``""`` = not loaded).
    rows : tuple of (regex, indicator)
        For one-region sheets (``region`` set): which row is which indicator; other rows are not loaded.
    priority : int
        Which of two tables wins where they overlap (OKVED2 over OKVED in 2015–2016).
    """

    key: str
    indicator: str
    unit: str
    title: str = ""
    number: str = ""
    unit_check: str = ""
    currency: str = ""
    price_basis: str = ""
    note: str = ""
    priority: int = 0
    components: tuple[tuple[str, str, str], ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    region: str = ""


def _rr(number: str, title: str, unit_check: str, indicator: str, unit: str, **kw: object) -> Table:
    return Table(f"rr:{number}", indicator, unit, title=title, number=number, unit_check=unit_check, **kw)  # type: ignore[arg-type]


_OKVED = ("OKVED (OK 029-2007) basis, 2000–2016; Rosstat moved to OKVED2 in 2017 — the series is not "
          "comparable across the change (see table 12.3.2)")
_OKVED2 = "OKVED2 (OK 029-2014) basis, 2015 on; not comparable with the OKVED series of table 12.3.1"
_SHIPMENTS = ("shipped goods of own production, works and services done by own means; full range of "
              "organisations by actual activity, OKVED2 (OK 029-2014, NACE Rev. 2) section {section}, 2017 on")
_SHIPMENTS_OKVED = ("not loaded: OKVED (OK 029-2007, NACE Rev. 1.1) basis, 2005–2016 — the section is defined "
                    "differently from OKVED2 {okved2} (table {table}){detail}, so it is not the same series")
#: Tables of «Регионы России» that the loader knows and deliberately leaves out, with the reason.
NOT_LOADED: Mapping[str, str] = {
    "12.2.1": _SHIPMENTS_OKVED.format(okved2="section B", table="12.2.2",
                                      detail="; no overlapping year to compare"),
    "12.2.3": _SHIPMENTS_OKVED.format(okved2="section C", table="12.2.4",
                                      detail=" (publishing was in OKVED section D, waste recycling moved to E)"),
    "12.2.5": _SHIPMENTS_OKVED.format(okved2="sections D and E", table="12.2.6/12.2.7",
                                      detail=" (OKVED section E joined electricity, gas and water; OKVED2 splits "
                                      "them into D and E and adds waste)"),
}
_INCOME_COMPONENTS = (
    (r"^валовой региональный продукт", "", ""),
    (r"оплата труда наемных работников", "grp_income_compensation", "{unit}"),
    (r"другие чистые налоги на производство", "grp_income_net_taxes", "{unit}"),
    (r"валовая прибыль экономики", "grp_income_gross_profit", "{unit}"),
)


def _income(unit: str, suffix: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((p, f"{ind}{suffix}" if ind else "", u.format(unit=unit)) for p, ind, u in _INCOME_COMPONENTS)


#: Tables of «Регионы России. Социально-экономические показатели» (2022 edition numbering).
REGIONS_OF_RUSSIA: tuple[Table, ...] = (
    _rr("1.1", r"численность населения", r"тысяч человек", "population", "thous. persons",
        note="estimate at the end of the year (= 1 January of the next year)"),
    _rr("1.2", r"среднегодовая численность населения", r"тысяч человек", "population_avg", "thous. persons"),
    _rr("2.3", r"численность занятых", r"тысяч человек", "employment", "thous. persons"),
    _rr("2.7", r"численность безработных", r"тысяч человек", "unemployed", "thous. persons",
        note="labour force survey"),
    _rr("2.10.1", r"уровень безработицы", r"процент", "unemployment_rate", "%", note="labour force survey"),
    _rr("2.10.3", r"зарегистрированной\s+безработицы", r"процент", "unemployment_registered", "%",
        note="end of year"),
    _rr("3.1.1", r"реальные\s+(денежные\s+)?доходы", r"процент", "income_real_index", "% of previous year"),
    _rr("3.1.2", r"реальная\s+начисленная\s+заработная\s+плата", r"процент", "wage_real_index",
        "% of previous year"),
    _rr("3.2", r"среднедушевые\s+денежные\s+доходы", _RUB, "income_per_capita", "RUB per month",
        currency="RUB", price_basis="current"),
    _rr("3.4", r"номинальная\s+начисленная\s+заработная\s+плата", _RUB, "wage_nominal", "RUB per month",
        currency="RUB", price_basis="current"),
    _rr("8.1", r"валовой\s+региональный\s+продукт", r"миллионов\s+рублей", "grp", "mln RUB", currency="RUB",
        price_basis="current", note="gross value added at basic prices"),
    _rr("8.2", r"валовой\s+региональный\s+продукт\s+на\s+душу", _RUB, "grp_per_capita", "RUB",
        currency="RUB", price_basis="current"),
    _rr("8.3", r"индекс\s+физического\s+объема\s+валового\s+регионального", r"процент", "grp_volume_index",
        "% of previous year", price_basis="constant"),
    _rr("8.4.1", r"фактическое\s+конечное\s+потребление", r"миллионов\s+рублей", "household_consumption",
        "mln RUB", currency="RUB", price_basis="current"),
    _rr("10.1", r"инвестиции\s+в\s+основной\s+капитал", r"миллионов\s+рублей", "investment_fixed", "mln RUB",
        currency="RUB", price_basis="current"),
    _rr("10.3", r"индекс\s+физического\s+объема\s+инвестиций", r"процент", "investment_volume_index",
        "% of previous year", price_basis="constant"),
    _rr("12.3.1", r"индексы\s+промышленного\s+производства.*оквэд(?!\s*2)", r"процент",
        "industrial_production_index", "% of previous year", note=_OKVED, priority=0),
    _rr("12.3.2", r"индексы\s+промышленного\s+производства.*оквэд\s*2", r"процент",
        "industrial_production_index", "% of previous year", note=_OKVED2, priority=1),
    _rr("12.2.2", r"добыча\s+полезных\s+ископаемых.*оквэд\s*2", r"миллионов\s+рублей", "shipments_B",
        "mln RUB", currency="RUB", price_basis="current", note=_SHIPMENTS.format(section="B (mining and quarrying)")),
    _rr("12.2.4", r"обрабатывающие\s+производства.*оквэд\s*2", r"миллионов\s+рублей", "shipments_C",
        "mln RUB", currency="RUB", price_basis="current", note=_SHIPMENTS.format(section="C (manufacturing)")),
    _rr("12.2.6", r"обеспечение\s+электрической\s+энергией.*оквэд\s*2", r"миллионов\s+рублей", "shipments_D",
        "mln RUB", currency="RUB", price_basis="current",
        note=_SHIPMENTS.format(section="D (electricity, gas, steam and air conditioning supply)")),
    _rr("12.2.7", r"водоснабжение.*оквэд\s*2", r"миллионов\s+рублей", "shipments_E", "mln RUB", currency="RUB",
        price_basis="current",
        note=_SHIPMENTS.format(section="E (water supply; sewerage, waste management and remediation)")),
    _rr("13.1", r"продукция\s+сельского\s+хозяйства", r"миллионов\s+рублей", "agri_output", "mln RUB",
        currency="RUB", price_basis="current",
        note="agricultural output, farms of all categories (incl. households); forestry and fishing not included"),
    _rr("14.1", r"объем\s+работ.*строительство", r"миллионов\s+рублей", "construction_works", "mln RUB",
        currency="RUB", price_basis="current", note="works done by the activity «Construction» (OKVED2 section F)"),
    _rr("15.1", r"оборот\s+розничной\s+торговли", r"миллионов\s+рублей", "retail_turnover", "mln RUB",
        currency="RUB", price_basis="current"),
    _rr("15.9.1", r"оборот\s+оптовой\s+торговли", r"миллионов\s+рублей", "wholesale_turnover", "mln RUB",
        currency="RUB", price_basis="current", note="wholesale trade turnover of all organisations"),
    _rr("20.1", r"индексы\s+потребительских\s+цен", r"декабр", "cpi",
        "% (December on December of previous year)"),
    _rr("21.1.1", r"дальнего\s+зарубежья.*экспорт", r"миллионов\s+долларов", "exports_far_usd", "mln USD",
        currency="USD", price_basis="current"),
    _rr("21.1.2", r"дальнего\s+зарубежья.*импорт", r"миллионов\s+долларов", "imports_far_usd", "mln USD",
        currency="USD", price_basis="current"),
    _rr("21.2.1", r"снг.*экспорт", r"миллионов\s+долларов", "exports_cis_usd", "mln USD", currency="USD",
        price_basis="current"),
    _rr("21.2.2", r"снг.*импорт", r"миллионов\s+долларов", "imports_cis_usd", "mln USD", currency="USD",
        price_basis="current"),
)

#: Tables of the GRP workbook VRP_s_1998.xlsx and of the population file, known by their titles
#: (first match wins, so the more specific come first).
TITLED: tuple[Table, ...] = (
    Table("vrp:grp_per_capita_volume_index", "grp_per_capita_volume_index", "% of previous year",
          title=r"индексы\s+физического\s+объема\s+валового\s+регионального\s+продукта\s+на\s+душу",
          unit_check=r"процент", price_basis="constant"),
    Table("vrp:grp_volume_index", "grp_volume_index", "% of previous year",
          title=r"индексы\s+физического\s+объема\s+валового\s+регионального\s+продукта",
          unit_check=r"процент", price_basis="constant"),
    Table("vrp:grp_per_capita", "grp_per_capita", "RUB",
          title=r"валовой\s+региональный\s+продукт\s+на\s+душу\s+населения", unit_check=_RUB,
          currency="RUB", price_basis="current"),
    Table("vrp:grp_regional_share", "grp_regional_share", "% of the sum of regions",
          title=r"региональная\s+структура\s+валового\s+регионального\s+продукта", unit_check=r"процент",
          note="share of the region in the Russian GRP (sum of regions)"),
    Table("vrp:grp_income_share", "", "", title=r"структура\s+валового\s+регионального\s+продукта\s+по\s+видам"
          r"\s+первичных\s+доходов", unit_check=r"процент", components=_income("% of GRP", "_share")),
    Table("vrp:household_consumption_per_capita", "household_consumption_per_capita", "RUB",
          title=r"фактическое\s+конечное\s+потребление\s+домашних\s+хозяйств\s+на\s+душу", unit_check=_RUB,
          currency="RUB", price_basis="current", note="current market prices"),
    Table("vrp:household_consumption", "household_consumption", "mln RUB",
          title=r"фактическое\s+конечное\s+потребление\s+домашних\s+хозяйств\s+по\s+субъектам",
          unit_check=r"миллионов\s+рублей", currency="RUB", price_basis="current", note="current market prices"),
    Table("vrp:grp_titled", "grp", "mln RUB", title=r"^валовой\s+региональный\s+продукт\s+по\s+субъектам",
          unit_check=r"миллионов\s+рублей", currency="RUB", price_basis="current",
          note="gross value added at basic prices"),
    Table("pop:population_jan1_rf", "", "thous. persons",
          title=r"численность\s+населения\s+российской\s+федерации", region="RU",
          rows=((r"^вс[её]\s+население", "population_jan1"),)),
)

#: Tables without a title in the copies at hand, named by the workbook profile (or the ``tables`` option).
UNTITLED: tuple[Table, ...] = (
    Table("vrp:grp", "grp", "mln RUB", currency="RUB", price_basis="current",
          note="gross value added at basic prices; unit as in the Rosstat original (title rows removed in this "
          "copy)"),
    Table("vrp:grp_income", "", "", components=_income("mln RUB", ""), currency="RUB", price_basis="current",
          note="generation of income account; unit mln RUB as in the Rosstat original (title not printed)"),
    Table("cpi:cpi", "cpi", "% (December on December of previous year)",
          note="regional CPI, December on December of the previous year"),
    Table("pop:population_jan1", "", "", components=(
        (r"^вс[её]\s+население", "population_jan1", "thous. persons"), (r".", "", ""),
    ), note="resident population on 1 January"),
)

TABLES: Mapping[str, Table] = {t.key: t for t in (*REGIONS_OF_RUSSIA, *TITLED, *UNTITLED)}


@dataclass(frozen=True)
class Profile:
    """A known workbook: its file name, source id, and the tables of its untitled sheets (``"*"`` = any)."""

    name: str
    source: str
    untitled: Mapping[str, str]


PROFILES: tuple[Profile, ...] = (
    Profile(r"^vrp", "rosstat_vrp", {"1": "vrp:grp", "2": "vrp:grp", "13": "vrp:grp_income"}),
    Profile(r"^ipc", "rosstat_cpi", {"*": "cpi:cpi"}),
    Profile(r"^sp_1\.1", "rosstat_population", {"*": "pop:population_jan1"}),
)


# ------------------------------------------------------------------------------------------------ header


@dataclass(frozen=True)
class Header:
    """Where a sheet's table is: the year row, the year of each data column, the title and unit text."""

    row: int
    years: Mapping[int, tuple[int, tuple[str, ...]]]
    title: str
    title_lines: tuple[str, ...]
    unit: str
    number: str

    @property
    def untitled(self) -> bool:
        return not self.title


def find_header(sheet: Sheet) -> Header | None:
    """The header of a year-by-column table (years in one row, at least two), or ``None``."""
    for r in range(min(_HEADER_SCAN, sheet.nrows)):
        years: dict[int, tuple[int, tuple[str, ...]]] = {}
        for c in range(1, sheet.width(r)):
            value = sheet.cell(r, c)
            if value is None:
                continue
            year, note = parse_year(value)
            if year is None:
                years = {}
                break
            years[c] = (year, year_mark(note))
        label = sheet.text(r, 0).lower()
        if len(years) >= 2 and label in ("", "region", "регион", "субъект"):
            lines = _title_lines(sheet, r)
            return Header(r, years, " ".join(lines).lower(), lines, _unit_line(lines), _table_number(lines))
    return None


def _title_lines(sheet: Sheet, header_row: int) -> tuple[str, ...]:
    lines: list[str] = []
    for r in range(header_row):
        for c in range(min(sheet.width(r), 3)):
            text = sheet.text(r, c)
            if not text or text.lower() == "к содержанию" or re.fullmatch(r"[\d.]+", text):
                continue
            lines.extend(part.strip() for part in text.split("\n") if part.strip())
    return tuple(squash(line) for line in lines)


def _unit_line(lines: Iterable[str]) -> str:
    unit = ""
    for line in lines:
        m = re.search(r"\(([^()]*)\)\s*$", line)
        if m and (line.startswith("(") or "гг" not in m.group(1)):
            unit = m.group(1).strip().lower()
    return unit


def _table_number(lines: Iterable[str]) -> str:
    number = ""
    for line in lines:
        m = _NUMBER.match(line)
        if m:
            number = m.group(1)
    return number


# ---------------------------------------------------------------------------------------- identification


def identify(sheet: Sheet, header: Header, profile: Profile | None, forced: str | None) -> Table | str:
    """The :class:`Table` of a sheet, or the reason (a string) why it is not a known table."""
    if forced is not None:
        return TABLES[forced]
    if header.number:
        table = TABLES.get(f"rr:{header.number}")
        if header.number in NOT_LOADED:
            return f"table {header.number}: {NOT_LOADED[header.number]}"
        if table is None:
            return f"table {header.number} of «Регионы России» is not one this loader knows"
        if not re.search(table.title, header.title):
            return (f"table {header.number} has the title {header.title_lines[-2:]!r}, not what table "
                    f"{header.number} of the 2022 edition is; the numbering may have changed")
        return table
    if header.untitled:
        if profile is not None:
            key = profile.untitled.get(sheet.name) or profile.untitled.get("*")
            if key:
                return TABLES[key]
        return "the sheet has no title, so what it holds is unknown (name it with tables={sheet: key})"
    for table in TITLED:
        if re.search(table.title, header.title):
            return table
    return f"the title {header.title[:90]!r} is not a table this loader knows"


def _check_unit(table: Table, header: Header, path: Path, sheet: Sheet) -> None:
    if not table.unit_check:
        return
    if not re.search(table.unit_check, header.unit):
        raise LoaderError(
            f"table {table.key} should be in {table.unit}, but its unit line reads {header.unit!r}.",
            path=path, sheet=sheet.name, row=header.row,
            fix="check the table: if Rosstat changed the unit, load it through the tidy template with the "
            "unit stated.",
        )


# ------------------------------------------------------------------------------------------------ parsing


@dataclass(frozen=True)
class _Column:
    col: int
    year: int
    marks: tuple[str, ...]
    indicator: str
    unit: str


def _columns(sheet: Sheet, header: Header, table: Table) -> tuple[list[_Column], int]:
    """The data columns and the first data row."""
    if not table.components:
        plain = [_Column(c, y, m, table.indicator, table.unit) for c, (y, m) in sorted(header.years.items())]
        return plain, header.row + 1
    label_row = header.row + 1
    starts = sorted(header.years)
    stride = min(b - a for a, b in zip(starts, starts[1:], strict=False))
    cols: list[_Column] = []
    year: tuple[int, tuple[str, ...]] | None = None
    label = ""
    for c in range(starts[0], starts[-1] + stride):
        if c in header.years:
            year, label = header.years[c], ""
        label = squash(sheet.text(label_row, c)).lower() or label
        if year is None or not label:
            continue
        for pattern, indicator, unit in table.components:
            if re.search(pattern, label):
                if indicator:
                    cols.append(_Column(c, year[0], year[1], indicator, unit))
                break
    return cols, label_row + 1


def _row_indicator(table: Table, label: str) -> str:
    text = squash(label).lower()
    return next((ind for pattern, ind in table.rows if re.search(pattern, text)), "")


def parse_sheet(sheet: Sheet, header: Header, table: Table, out: Collector) -> None:
    """Read the values of one identified sheet into ``out``."""
    cols, first = _columns(sheet, header, table)
    data_rows = [r for r in range(first, sheet.nrows)
                 if sheet.text(r, 0) and any(sheet.cell(r, col.col) is not None for col in cols)]
    if not data_rows:
        out.warn(f"table {table.key}: no data rows found.", sheet=sheet.name)
        return
    footnotes = parse_footnotes(sheet, data_rows[-1] + 1)
    title_notes = footnote_notes((m for line in header.title_lines for m in title_marks(line)), footnotes)
    skipped_rows: list[str] = []
    row_marks: tuple[str, ...]
    for r in data_rows:
        if table.region:
            indicator = _row_indicator(table, sheet.text(r, 0))
            if not indicator:
                skipped_rows.append(squash(sheet.text(r, 0))[:40])
                continue
            region, row_marks, row_unit = table.region, (), None
        else:
            label = out.region(sheet.cell(r, 0), sheet.name, r)
            if label is None:
                continue
            indicator, region, row_marks, row_unit = "", str(label.code), label.marks, label.unit
        for col in cols:
            unit = row_unit or col.unit or table.unit
            value, cell_note = out.number(sheet.cell(r, col.col), sheet.name, r, col.col,
                                          percent=unit.startswith("%"))
            if value is None:
                continue
            ind = indicator or col.indicator
            note = join_notes([
                table.note, *title_notes, *footnote_notes(col.marks, footnotes),
                *footnote_notes(row_marks, footnotes), *cell_notes(cell_note, footnotes),
                trade_break_note(ind, col.year),
                f"unit of this row as printed: {unit}" if row_unit else "",
            ])
            out.add(
                priority=table.priority, region=region, indicator=ind, period=str(col.year), value=value,
                unit=unit, currency=table.currency, price_basis=table.price_basis, note=note,
                location=location(sheet.name, r, col.col),
            )
    if skipped_rows:
        out.warn(f"table {table.key}: rows not loaded (not a known indicator): {'; '.join(skipped_rows)}.",
                 sheet=sheet.name)


# ---------------------------------------------------------------------------------------------- the loader


def _profile(path: Path) -> Profile | None:
    return next((p for p in PROFILES if re.search(p.name, path.name, re.I)), None)


def _source(path: Path, sheets: list[Sheet], profile: Profile | None) -> str:
    if profile is not None:
        return profile.source
    for sheet in sheets:
        if any(_BANNER in sheet.text(r, 0).lower() for r in range(min(4, sheet.nrows))):
            return REGIONS_OF_RUSSIA_SOURCE
    return "rosstat"


def load(
    path: str | Path,
    *,
    sheets: Iterable[object] | None = None,
    tables: Mapping[str, str] | None = None,
    source: str | None = None,
    unknown_regions: UnknownRegions = "raise",
) -> LoadResult:
    """Read a Rosstat publication workbook (or the derived long CSV) into observations.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx`` workbook (``VRP_s_1998.xlsx``, ``ipc_s_1992-2024.xlsx``, ``sp_1.1.xlsx``, a section of
        «Регионы России»), or ``regions_russia_2022_selected_long.csv`` (see :func:`load_regions_long_csv`).
    sheets : list of str, optional
        Read only these sheets (a trailing dot of a table number may be left out: ``"2.10.1"``).
    tables : dict, optional
        ``{sheet name: table key}`` for sheets whose title is missing or not recognised; keys are those of
        :data:`TABLES` (``"vrp:grp"``, ``"cpi:cpi"``, ``"rr:3.4"``, ...).
    source : str, optional
        Source id for every value; by default from the file (``rosstat_vrp``, ``rosstat_cpi``,
        ``rosstat_population``, ``rosstat_regions_2022``, else ``rosstat``).
    unknown_regions : {"raise", "skip"}
        An unknown region name is an error (default) or a skipped row reported in the warnings.

    Returns
    -------
    LoadResult
        Observations with status ``official``; warnings for skipped sheets, sub-rows and gaps.

    Raises
    ------
    LoaderError
        Unreadable file, absent sheet, unknown region, a text where a number must be, an unexpected unit, or
        no known table in the file; the message names the file, sheet, row and column and the fix.
    """
    p = Path(path)
    check_option("unknown_regions", unknown_regions, UNKNOWN_REGIONS)
    if p.suffix.lower() == ".csv":
        return load_regions_long_csv(p, source=source, unknown_regions=unknown_regions)
    forced = check_tables(tables, TABLES)
    book = read_workbook(p, sheets)
    profile = _profile(p)
    out = Collector(p, FORMAT, unknown_regions)
    for sheet in book:
        header = find_header(sheet)
        if header is None:
            out.warn("not a table with years in a header row; skipped.", sheet=sheet.name)
            continue
        table = identify(sheet, header, profile, forced.get(sheet.name))
        if isinstance(table, str):
            out.warn(f"{table}; skipped.", sheet=sheet.name)
            continue
        _check_unit(table, header, p, sheet)
        parse_sheet(sheet, header, table, out)
    src = source or _source(p, book, profile)
    return out.result({"source": src, "status": STATUS, "file": p.name, "vintage": ""})


# ---------------------------------------------------------------------------------------------- long CSV

LONG_CSV_COLUMNS = ("source_file", "sheet", "table_title", "unit_line", "region", "year", "value_raw", "value")


def load_regions_long_csv(
    path: str | Path, *, source: str | None = None, unknown_regions: UnknownRegions = "raise"
) -> LoadResult:
    """Read ``regions_russia_2022_selected_long.csv``, a flat re-export of «Регионы России 2022» tables.

    The values are taken from ``value_raw`` (the cell as printed) with the same table identification, region
    names and notes as the workbooks; ``location`` is ``"<source_file> <sheet> (csv row N)"`` because the
    re-export does not keep cell addresses.
    """
    p = Path(path)
    check_option("unknown_regions", unknown_regions, UNKNOWN_REGIONS)
    out = Collector(p, FORMAT, unknown_regions)
    text = read_text(p, out.warnings)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [c for c in LONG_CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise LoaderError(f"missing column(s) {missing}.", path=p, fix=f"the header must be {list(LONG_CSV_COLUMNS)}.")
    skipped: set[str] = set()
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        number = _table_number([str(row.sheet)])
        table = TABLES.get(f"rr:{number}")
        # the re-export keeps only the last title line ("21.1.1. Экспорт"): check the last part of the pattern
        if table is None or not re.search(table.title.split(".*")[-1], str(row.table_title).lower()):
            skipped.add(str(row.sheet))
            continue
        label = out.region(row.region, str(row.sheet), i - 1, column="region")
        year, _ = parse_year(row.year)
        if label is None or year is None:
            continue
        value, cell_note = out.number(row.value_raw or None, str(row.sheet), i - 1, 6,
                                      percent=table.unit.startswith("%"), column="value_raw")
        if value is None:
            continue
        unit = label.unit or table.unit
        out.add(priority=table.priority, region=label.code, indicator=table.indicator, period=str(year),
                value=value, unit=unit, currency=table.currency, price_basis=table.price_basis,
                note=join_notes([table.note, cell_note, trade_break_note(table.indicator, year)]),
                location=f"{row.source_file} {row.sheet} (csv row {i})")
    if skipped:
        out.warn(f"tables not known to this loader, not loaded: {sorted(skipped)}.")
    return out.result({"source": source or REGIONS_OF_RUSSIA_SOURCE, "status": STATUS, "file": p.name})


# ------------------------------------------------------------------------------------------------- sniff


def sniff(path: Path) -> bool:
    """Whether ``path`` looks like a Rosstat publication workbook (or the derived long CSV)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        ensure_nonempty(path)
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return fh.readline().strip().startswith(",".join(LONG_CSV_COLUMNS[:4]))
    if suffix not in (".xlsx", ".xlsm"):
        return False
    if _profile(path) is not None:
        return True
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in book.worksheets[:3]:
            head = " ".join(str(v) for row in ws.iter_rows(max_row=8, max_col=2, values_only=True)
                            for v in row if v is not None).lower()
            if _BANNER in head:
                return True
            if "к содержанию" in head and any(re.search(t.title, squash(head)) for t in TITLED):
                return True
        return False
    finally:
        book.close()


register(FORMAT, "Rosstat publication workbooks: «Регионы России», GRP (VRP_s_1998), regional CPI, population",
         sniff, load)

__all__ = ["FORMAT", "NOT_LOADED", "PROFILES", "TABLES", "Table", "find_header", "load", "load_regions_long_csv", "sniff"]
