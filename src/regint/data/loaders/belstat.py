"""Belstat figures → observations (format ``belstat``): two layouts.

(a) opendataby "Страновед" ``data.json`` (Belstat regional indicators compiled by opendataby, 2000–2017):
    ``{categories, indicators{i<n>: "name, unit"}, subjects{belstat code: name}, annual_data[{category, subject,
    amount, indicator, period}], current_data[...], info{i<n>: "в январе-апреле 2017"}}``.

    - Indicators map to the catalog through :data:`STRANOVED_INDICATORS`; the others are skipped (or kept as
      ``stranoved_i<n>`` with ``unmapped='keep'``).
    - Subjects map through the region catalog's ``belstat_code`` (375 Belarus, 21 Vitebsk, 170 Minsk city, ...).
    - Partial years: a year that ``info`` describes as a part of a year (``"в январе-апреле 2017"``,
      ``"на 1 мая 2017"``) is not stored as annual. An annual_data value of that year gets the cumulative period
      of its ``current_data`` twin (:data:`STRANOVED_TWINS`) when the twin holds the same figure for the same
      subject (``2017-01/2017-04``); otherwise it is skipped with a warning.
    - Duplicated records (the 2016 wage rows, the i84 balance rows): identical values are kept once (one
      warning counts them); different values for one key are an error, because neither can be chosen silently.
    - Money in roubles: the compiler states values before 2016 in new BYN (old BYR ÷ 10,000; Vitebsk wage 2015
      ``580.53``). Each value gets currency ``BYN`` with a note saying so, and one warning per indicator asks a
      person to check against Belstat. A value that is still in old roubles (a wage ≥ 10,000, or an aggregate
      more than 1,000 × the same series after 2016) gets currency ``BYR`` and a warning.
    - ``current_data`` (2017 snapshots, mostly by district) is not loaded; one warning says so.

(b) Belstat monthly release "Номинальная начисленная и реальная заработная плата ... по видам экономической
    деятельности" (``nach_sr_zarplata-YYMM.xlsx``): title in B1:B3, header rows from row 5 down to the row above
    ``Всего``, labels in column B, values in C.. . Each value column's header gives the measure (nominal wage,
    rubles, or real wage, %) and the period (``декабрь 2024 г.`` → ``2024-12``; ``январь – декабрь`` →
    ``2024-01/2024-12``). Region ``BY``. Indicators: ``wage_nominal`` and ``wage_real_index`` for "Всего";
    ``wage_nominal_<S>``/``wage_real_index_<S>`` for an OKED section, ``<S>`` its letter (``A``, ``F``, ``J``;
    ``BE`` for "Промышленность"). With ``detail='all'`` the sub-activities come too, suffixed with a
    transliterated slug of the label. The label as printed is in ``note``. Currency ``BYN`` (``BYR`` for a
    period before July 2016).
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Literal

import openpyxl
from openpyxl.utils import get_column_letter

from regint._options import check_option
from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders._periods import cumulative_span, months_in, span_period
from regint.data.loaders.base import LoadResult, LoadWarning, ensure_nonempty, head_bytes, parse_number
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "belstat"
Detail = Literal["sections", "all"]
Unmapped = Literal["skip", "keep"]

#: stranoved indicator id → (catalog code, unit, currency kind: "USD", "BYN" (roubles) or "").
STRANOVED_INDICATORS: dict[str, tuple[str, str, str]] = {
    "i8": ("exports_usd", "mln USD", "USD"),
    "i2": ("imports_usd", "mln USD", "USD"),
    "i87": ("exports_services_usd", "mln USD", "USD"),
    "i86": ("imports_services_usd", "mln USD", "USD"),
    "i59": ("population", "persons", ""),
    "i7": ("employment", "thous. persons", ""),
    "i9": ("wage_nominal", "BYN per month", "BYN"),
    "i85": ("wage_real_index", "% of previous year", ""),
    "i27": ("retail_turnover", "mln BYN", "BYN"),
    "i23": ("freight", "mln t", ""),
    "i21": ("freight_turnover", "mln t-km", ""),
    "i20": ("enterprises", "units", ""),
    "i19": ("entrepreneurs", "persons", ""),
}
STRANOVED_NOTES = {
    "population": "stranoved i59; date of the count (1 January or annual average) not stated by the compiler",
    "employment": "stranoved i7; average number of employed (Belstat), not a labour force survey figure",
}
#: annual indicator → (current_data indicator holding the same partial-year figure, factor current/annual).
STRANOVED_TWINS: dict[str, tuple[str, float]] = {
    "i8": ("i31", 1000.0), "i2": ("i24", 1000.0), "i87": ("i32", 1000.0), "i86": ("i25", 1000.0),
    "i27": ("i27", 1.0), "i9": ("i9", 1.0), "i21": ("i33", 1000.0), "i23": ("i34", 1000.0),
}
BYR_PER_BYN = 10_000
#: OKED (NACE rev. 2) sections as Belstat prints them → section letter(s).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("сельское, лесное и рыбное хозяйство", "A"),
    ("горнодобывающая промышленность", "B"),
    ("обрабатывающая промышленность", "C"),
    ("снабжение электроэнергией", "D"),
    ("водоснабжение; сбор", "E"),
    ("промышленность", "BE"),
    ("строительство", "F"),
    ("оптовая и розничная торговля; ремонт автомобилей", "G"),
    ("транспортная деятельность", "H"),
    ("услуги по временному проживанию и питанию", "I"),
    ("информация и связь", "J"),
    ("финансовая и страховая деятельность", "K"),
    ("операции с недвижимым имуществом", "L"),
    ("профессиональная, научная и техническая деятельность", "M"),
    ("деятельность в сфере административных", "N"),
    ("государственное управление", "O"),
    ("образование", "P"),
    ("здравоохранение и социальные услуги", "Q"),
    ("творчество, спорт, развлечения и отдых", "R"),
    ("предоставление прочих видов услуг", "S"),
)
_EXACT_SECTIONS = {"промышленность", "строительство", "образование", "информация и связь"}
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
})


# --- detection -----------------------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """True for a stranoved ``data.json`` or a Belstat wage release ``.xlsx``."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        head = head_bytes(path, 1_000_000)
        return b'"annual_data"' in head or (b'"subjects"' in head and b'"indicators"' in head)
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            title = " ".join(str(r[0] or "") for r in ws.iter_rows(min_col=2, max_col=2, max_row=3, values_only=True))
            return "заработная плата" in title.lower() and "беларусь" in title.lower()
        finally:
            wb.close()
    return False


def load(
    path: str | Path,
    *,
    sheet: str | None = None,
    detail: Detail = "sections",
    unmapped: Unmapped = "skip",
    indicators: list[str] | tuple[str, ...] | None = None,
    source: str | None = None,
    vintage: str = "",
) -> LoadResult:
    """Read a Belstat file: stranoved ``data.json`` or a monthly wage release ``.xlsx``.

    Parameters
    ----------
    path : path-like
        The file.
    sheet : str, optional
        XLSX only: the sheet (default: the first).
    detail : {'sections', 'all'}
        XLSX only: "Всего" and OKED sections, or every activity row.
    unmapped : {'skip', 'keep'}
        JSON only: indicators outside :data:`STRANOVED_INDICATORS` are skipped or kept as ``stranoved_i<n>``.
    indicators : sequence of str, optional
        JSON only: load just these catalog codes (or stranoved ids).
    source : str, optional
        Source id; default ``belstat_stranoved`` (JSON) or ``belstat_wages`` (XLSX).
    vintage : str
        Publication date, when known.

    Returns
    -------
    LoadResult
    """
    p = Path(path)
    ensure_nonempty(p)
    check_option("detail", detail, ("sections", "all"))
    check_option("unmapped", unmapped, ("skip", "keep"))
    if p.suffix.lower() == ".json":
        return _load_stranoved(p, unmapped, indicators, source or "belstat_stranoved", vintage)
    if p.suffix.lower() == ".xlsx":
        return _load_wages(p, sheet, detail, source or "belstat_wages", vintage)
    raise LoaderError(f"a Belstat file is .json (stranoved) or .xlsx (release), not {p.suffix!r}.", path=p,
                      fix="pass the file as downloaded, or use the tidy template.")


# --- (a) stranoved data.json ---------------------------------------------------------------------------


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        raise LoaderError(f"not valid UTF-8 JSON ({exc}).", path=path, row=line, column=col,
                          fix="download data.json again; it is probably truncated.") from exc
    missing = [k for k in ("indicators", "subjects", "annual_data") if not isinstance(data, dict) or k not in data]
    if missing:
        raise LoaderError(f"the JSON lacks {missing}; it is not a stranoved data.json.", path=path,
                          fix="use data/data.json of github.com/opendataby/stranoved.")
    return data


def _subject_regions() -> dict[str, str]:
    regs = catalogs.regions()
    return {str(b): str(code) for code, b in zip(regs["code"], regs["belstat_code"], strict=True) if b}


def _stranoved_map(data: dict[str, Any], unmapped: Unmapped,
                   wanted: list[str] | tuple[str, ...] | None) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for sid, name in data["indicators"].items():
        if sid in STRANOVED_INDICATORS:
            out[sid] = STRANOVED_INDICATORS[sid]
        elif unmapped == "keep":
            unit = name.split(",", 1)[1].strip() if "," in name else ""
            kind = "BYN" if "руб" in unit else ("USD" if "USD" in unit else "")
            out[sid] = (f"stranoved_{sid}", unit, kind)
    if wanted is not None:
        keep = set(wanted)
        out = {k: v for k, v in out.items() if k in keep or v[0] in keep}
    return out


def _partial_spans(info: dict[str, str]) -> tuple[dict[str, tuple[int, str]], set[int]]:
    """``{indicator: (year, period)}`` for cumulative info texts, and the years described as partial."""
    spans: dict[str, tuple[int, str]] = {}
    partial: set[int] = set()
    for sid, text in info.items():
        year_m = re.search(r"(19|20)\d{2}", text)
        if not year_m:
            continue
        year = int(year_m.group(0))
        span = cumulative_span(text)
        if span:
            spans[sid] = (year, span_period(year, *span))
            partial.add(year)
        elif re.search(r"на\s+1\s", text):
            partial.add(year)
    return spans, partial


def _current_values(data: dict[str, Any]) -> dict[tuple[str, int], float]:
    out = {}
    for rec in data.get("current_data", []):
        if isinstance(rec.get("subject"), int) and isinstance(rec.get("amount"), int | float):
            out[(rec["indicator"], rec["subject"])] = float(rec["amount"])
    return out


def _deduplicate(records: list[dict[str, Any]], mapping: dict[str, tuple[str, str, str]],
                 path: Path) -> tuple[list[tuple[int, dict[str, Any]]], Counter[str]]:
    seen: dict[tuple[str, str, int], tuple[int, Any]] = {}
    kept: list[tuple[int, dict[str, Any]]] = []
    merged: Counter[str] = Counter()
    for i, rec in enumerate(records, start=1):
        if rec.get("indicator") not in mapping:
            continue
        key = (rec["indicator"], str(rec.get("subject")), int(rec.get("period", 0)))
        if key in seen:
            first, amount = seen[key]
            if amount != rec.get("amount"):
                raise LoaderError(
                    f"records {first} and {i} give {key[0]} for subject {key[1]}, {key[2]} different values "
                    f"({amount} and {rec.get('amount')}).",
                    path=path, row=i, column="annual_data",
                    fix=f"correct or delete one record in the JSON, or leave the indicator out with "
                    f"indicators=[...] (without {mapping[key[0]][0]!r}).",
                )
            merged[key[0]] += 1
            continue
        seen[key] = (i, rec.get("amount"))
        kept.append((i, rec))
    return kept, merged


def _money(indicator: str, year: int, value: float, reference: float | None) -> tuple[str, str]:
    """Currency and note of a stranoved rouble value (see the module docstring)."""
    if year >= 2016:
        return "BYN", ""
    per_person = indicator.startswith("wage_nominal") or "per_capita" in indicator
    old = value >= BYR_PER_BYN if per_person else (reference is not None and value > 1000 * reference)
    if old:
        return "BYR", "old Belarusian roubles as published (before the 1 July 2016 redenomination)"
    return "BYN", "old BYR figure restated in new BYN (÷10,000) by the compiler"


def _load_stranoved(path: Path, unmapped: Unmapped, wanted: list[str] | tuple[str, ...] | None,
                    source: str, vintage: str) -> LoadResult:
    data = _read_json(path)
    mapping = _stranoved_map(data, unmapped, wanted)
    subjects = _subject_regions()
    spans, partial_years = _partial_spans(data.get("info", {}))
    current = _current_values(data)
    records, merged = _deduplicate(data["annual_data"], mapping, path)
    warnings: list[LoadWarning] = []
    references = _series_references(records, mapping)
    rows: list[dict[str, Any]] = []
    skipped_partial: Counter[str] = Counter()
    unknown_subjects: set[str] = set()
    byr: list[str] = []
    for i, rec in records:
        sid, year = rec["indicator"], int(rec["period"])
        code, unit, kind = mapping[sid]
        region = subjects.get(str(rec["subject"]))
        value, _ = parse_number(rec.get("amount"), path=path, row=i, column="annual_data")
        if region is None:
            unknown_subjects.add(str(rec["subject"]))
            continue
        if value is None:
            continue
        period = _stranoved_period(sid, rec, year, value, partial_years, spans, current)
        if period is None:
            skipped_partial[code] += 1
            continue
        currency, note = (kind, "") if kind != "BYN" else _money(code, year, value, references.get((sid, rec["subject"])))
        if currency == "BYR":
            byr.append(f"{code} {region} {year}")
        rows.append({
            "region": region, "indicator": code, "period": period, "value": value,
            "unit": unit.replace("BYN", "BYR") if currency == "BYR" else unit, "currency": currency,
            "note": "; ".join(x for x in (STRANOVED_NOTES.get(code, ""), note) if x),
            "location": f"annual_data[{i - 1}] ({sid})",
        })
    _stranoved_warnings(path, data, rows, merged, skipped_partial, unknown_subjects, byr, warnings)
    frame = make_observations(rows, source=source, status="secondary", vintage=vintage, file=path.name)
    return LoadResult(frame, FORMAT, path, tuple(warnings))


def _series_references(records: list[tuple[int, dict[str, Any]]],
                       mapping: dict[str, tuple[str, str, str]]) -> dict[tuple[str, Any], float]:
    """Median of each rouble series from 2016 on: the yardstick for spotting a value left in old roubles."""
    after: dict[tuple[str, Any], list[float]] = defaultdict(list)
    for _, rec in records:
        if mapping[rec["indicator"]][2] == "BYN" and int(rec["period"]) >= 2016:
            if isinstance(rec.get("amount"), int | float):
                after[(rec["indicator"], rec["subject"])].append(float(rec["amount"]))
    return {k: statistics.median(v) for k, v in after.items() if v}


def _stranoved_period(sid: str, rec: dict[str, Any], year: int, value: float, partial_years: set[int],
                      spans: dict[str, tuple[int, str]], current: dict[tuple[str, int], float]) -> str | None:
    if year not in partial_years:
        return str(year)
    twin = STRANOVED_TWINS.get(sid)
    if twin is None or twin[0] not in spans or spans[twin[0]][0] != year:
        return None
    twin_value = current.get((twin[0], rec["subject"]))
    if twin_value is None or abs(twin_value - value * twin[1]) > 1e-6 * max(1.0, abs(twin_value)):
        return None
    return spans[twin[0]][1]


def _stranoved_warnings(path: Path, data: dict[str, Any], rows: list[dict[str, Any]], merged: Counter[str],
                        skipped: Counter[str], unknown: set[str], byr: list[str],
                        warnings: list[LoadWarning]) -> None:
    where = str(path)
    if merged:
        warnings.append(LoadWarning(
            f"duplicated records with identical values were kept once: {dict(merged)}.", path=where))
    if skipped:
        warnings.append(LoadWarning(
            "partial-year values whose months could not be established were skipped (not stored as annual): "
            f"{dict(skipped)}.", path=where))
    if unknown:
        warnings.append(LoadWarning(f"subjects not in the region catalog were skipped: {sorted(unknown)}.",
                                    path=where))
    restated = sorted({r["indicator"] for r in rows if "restated in new BYN" in r["note"]})
    if restated:
        warnings.append(LoadWarning(
            f"{', '.join(restated)}: values before 2016 are old-rouble figures restated in new BYN (÷10,000) by "
            "the compiler; check them against Belstat before comparing across the 2016 redenomination.",
            path=where))
    if byr:
        warnings.append(LoadWarning(
            f"values that are still in old roubles were labelled BYR: {', '.join(byr[:10])}.", path=where))
    if data.get("current_data"):
        warnings.append(LoadWarning(
            f"current_data ({len(data['current_data'])} records: 2017 snapshots, mostly by district) was not "
            "loaded; only annual_data is.", path=where))


# --- (b) monthly wage release xlsx ---------------------------------------------------------------------


def _clean(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("\u00a0", " ")).strip()


def _open_sheet(path: Path, sheet: str | None) -> Any:
    wb = openpyxl.load_workbook(path, data_only=True)
    if sheet is None:
        return wb.worksheets[0]
    if sheet not in wb.sheetnames:
        raise LoaderError(f"the workbook has no sheet {sheet!r}.", path=path, sheet=sheet,
                          fix=f"pass sheet= one of {wb.sheetnames}, or leave it out to read the first sheet.")
    return wb[sheet]


def _merged_value(ws: Any, row: int, col: int) -> object:
    value = ws.cell(row=row, column=col).value
    if value is not None:
        return value
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return ws.cell(row=rng.min_row, column=rng.min_col).value
    return None


def _first_data_row(ws: Any, path: Path) -> int:
    for row in range(1, min(ws.max_row, 40) + 1):
        if _clean(ws.cell(row=row, column=2).value).lower() == "всего":
            return row
    raise LoaderError("no row 'Всего' in column B, so the table's data rows cannot be found.", path=path,
                      sheet=ws.title, column="B",
                      fix="use the release as published (labels in column B, the first data row 'Всего').")


def _column_spec(ws: Any, col: int, first: int, path: Path) -> tuple[str, str, str] | None:
    """``(measure, period, header text)`` of a value column, or None for a column that is not a wage column."""
    text = _clean(" ".join(_clean(_merged_value(ws, r, col)) for r in range(4, first)))
    lower = text.lower()
    measure = "wage_nominal" if "номинальн" in lower else ("wage_real_index" if "реальн" in lower else None)
    if measure is None:
        return None
    year = re.search(r"(19|20)\d{2}", text)
    months = months_in(text)
    if year is None or not months:
        raise LoaderError(
            f"the header of column {get_column_letter(col)} ({text!r}) names no month and year.", path=path,
            sheet=ws.title, row=first - 1, column=get_column_letter(col),
            fix="use the release as published; the header must say e.g. 'декабрь' / 'январь – декабрь' and '2024 г.'",
        )
    span = cumulative_span(text)
    period = span_period(int(year.group(0)), *span) if span else f"{year.group(0)}-{months[0]:02d}"
    return measure, period, text


def activity_suffix(label: str, detail: Detail) -> str | None:
    """Indicator suffix of an activity row: ``""`` for "Всего", a section letter, a slug, or None (skip)."""
    text = _clean(label).lower()
    if text == "всего":
        return ""
    for prefix, letter in SECTIONS:
        exact = prefix in _EXACT_SECTIONS
        if (text == prefix) if exact else text.startswith(prefix):
            return letter
    if detail == "sections":
        return None
    words = re.sub(r"[^a-z0-9 ]", " ", text.translate(_TRANSLIT)).split()
    return "".join(w[:4] for w in words[:6])


def _wage_rows(ws: Any, path: Path, detail: Detail, specs: dict[int, tuple[str, str, str]],
               first: int) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for r in range(first, ws.max_row + 1):
        label = _clean(ws.cell(row=r, column=2).value)
        suffix = activity_suffix(label, detail) if label else None
        if suffix is None:
            continue
        for col, (measure, period, _) in specs.items():
            cell = ws.cell(row=r, column=col)
            value, mark = parse_number(cell.value, path=path, sheet=ws.title, row=r, column=cell.column_letter)
            if value is None:
                continue
            code = f"{measure}_{suffix}" if suffix else measure
            if (code, period) in seen:
                raise LoaderError(
                    f"the label {label!r} gives the indicator {code} for {period} a second time.", path=path,
                    sheet=ws.title, row=r, column="B",
                    fix="load with detail='sections', or use the tidy template for this table.",
                )
            seen.add((code, period))
            rows.append(_wage_row(code, measure, period, value, label, mark, f"{ws.title}!{cell.coordinate}"))
    return rows


def _wage_row(code: str, measure: str, period: str, value: float, label: str, mark: str,
              location: str) -> dict[str, Any]:
    if measure == "wage_nominal":
        currency = "BYR" if period[:7] < "2016-07" else "BYN"
        unit = f"{currency} per month"
    else:
        currency, unit = "", "% of the same period of the previous year"
    return {"region": "BY", "indicator": code, "period": period, "value": value, "unit": unit,
            "currency": currency, "price_basis": "current" if currency else "",
            "note": "; ".join(x for x in (label, mark) if x), "location": location}


def _load_wages(path: Path, sheet: str | None, detail: Detail, source: str, vintage: str) -> LoadResult:
    ws = _open_sheet(path, sheet)
    first = _first_data_row(ws, path)
    specs: dict[int, tuple[str, str, str]] = {}
    for col in range(3, ws.max_column + 1):
        spec = _column_spec(ws, col, first, path)
        if spec is not None:
            specs[col] = spec
    if not specs:
        raise LoaderError("no column header names a nominal or real wage.", path=path, sheet=ws.title, row=first - 1,
                          fix="use the Belstat release 'Номинальная начисленная и реальная заработная плата'.")
    rows = _wage_rows(ws, path, detail, specs, first)
    frame = make_observations(rows, source=source, status="official", vintage=vintage, file=path.name)
    return LoadResult(frame, FORMAT, path, ())


register(FORMAT, "Belstat: opendataby stranoved data.json; monthly wage release .xlsx", sniff, load)
