"""Rosstat's table of average monthly nominal accrued wages by subject (format ``rosstat_wages_xlsx``).

``tab4-zpl_<year>.xlsx`` (rosstat.gov.ru/storage/mediabank), sheet «с 2018»: «Среднемесячная номинальная
начисленная заработная плата работников по полному кругу организаций по субъектам Российской Федерации»,
roubles per month. Row 1 holds ``Регион`` and the years as printed (``2018 год``, ``2023 год 2)``); one row per
subject, federal district and the Russian Federation. Names resolve through the region catalog (trailing spaces
and footnote marks dropped); federal districts and names the catalog does not know are skipped with one warning;
footnotes below the table end it. → ``wage_nominal``, ``RUB per month``, status ``official``, source
``rosstat_wages_2023`` (override with ``source=``).
"""

from __future__ import annotations

from pathlib import Path

from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, parse_number, parse_year
from regint.data.schema import make_observations, validate_observations
from regint.errors import DataError, LoaderError

FORMAT = "rosstat_wages_xlsx"
SOURCE = "rosstat_wages_2023"
SHEET = "с 2018"


def sniff(path: Path) -> bool:
    """True for an xlsx with a sheet «с 2018» whose first cell is «Регион» and whose header holds years."""
    if path.suffix.lower() != ".xlsx":
        return False
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        if SHEET not in wb.sheetnames:
            return False
        head = next(wb[SHEET].iter_rows(min_row=1, max_row=1, values_only=True))
        return str(head[0]).strip() == "Регион" and any(parse_year(c)[0] for c in head[1:])
    finally:
        wb.close()


def load(path: str | Path, *, source: str = SOURCE, vintage: str = "") -> LoadResult:
    """Read sheet «с 2018» into ``wage_nominal`` per Russian subject and the Russian Federation."""
    import openpyxl

    p = Path(path)
    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    try:
        if SHEET not in wb.sheetnames:
            raise LoaderError(f"no sheet {SHEET!r} (sheets: {wb.sheetnames}).", path=p,
                              fix="give Rosstat's tab4-zpl workbook with the sheet «с 2018».")
        rows = list(wb[SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    years = [(j, *parse_year(c)) for j, c in enumerate(rows[0]) if j and parse_year(c)[0]]
    if not years:
        raise LoaderError("no year in the header row.", path=p, sheet=SHEET, row=1,
                          fix="give the sheet as Rosstat publishes it (Регион, 2018 год, ...).")
    records, skipped = [], []
    for i, row in enumerate(rows[1:], start=2):
        name = str(row[0] or "").strip()
        if not name:
            break  # the footnotes follow an empty row
        code = catalogs.resolve_region(name)
        if code is None:
            skipped.append(name)
            continue
        for j, year, mark in years:
            value, note = parse_number(row[j], path=p, sheet=SHEET, row=i, column=j + 1)
            if value is None:
                continue
            notes = "; ".join(filter(None, [note, mark and f"year {mark}: see the footnotes of the sheet"]))
            records.append({"region": code, "indicator": "wage_nominal", "period": str(year), "value": value,
                            "unit": "RUB per month", "currency": "RUB", "price_basis": "current",
                            "source": source, "status": "official", "vintage": vintage, "note": notes,
                            "file": p.name, "location": f"sheet {SHEET} row {i}, column {j + 1}"})
    warnings = [LoadWarning(f"{len(skipped)} rows not in the region catalog (federal districts and others), "
                            f"skipped: {', '.join(skipped[:12])}{' ...' if len(skipped) > 12 else ''}.",
                            path=str(p), sheet=SHEET)] if skipped else []
    if not records:
        raise LoaderError("no subject of the region catalog was found.", path=p, sheet=SHEET,
                          fix="give the sheet as Rosstat publishes it.")
    try:
        obs = validate_observations(make_observations(records), what=p.name)
    except DataError as exc:
        raise LoaderError(str(exc), path=p, sheet=SHEET, fix="remove the duplicated subject rows.") from exc
    return LoadResult(obs, FORMAT, p, tuple(warnings))


register(FORMAT, "Rosstat average monthly wage by subject, tab4-zpl xlsx (sheet «с 2018»)", sniff, load)
