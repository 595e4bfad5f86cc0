"""Belstat's open-data portal JSON (format ``belstat_portal``): the ``tableRows`` export of an indicator.

The portal (``dataportal.belstat.gov.by``, ``indicatorValuesSearch``) exports one indicator as::

    {"tableName": "<name> по территории Республики Беларусь",
     "tableHeader": [["2020", "2021", ...]],
     "tableHeaderDimColumns": ["Территория Республики Беларусь", <other dimensions> ...],
     "tableRows": [[{"value": "Витебская область", "level": 1}, ..., {"value": "10 389,7", "level": 0}, ...]]}

* **Indicator.** Belstat's code (11 digits) is taken from the ``code`` option or the file name
  (``wage_10218000003_2020-2026.json``), else the table name is matched against ``catalogs/belstat_portal.csv``,
  which maps each code to a regint indicator and gives the unit of the portal's default export (the JSON does
  not state it). A code whose unit regint has not checked needs ``unit=`` as the portal page shows it.
* **Territory.** Level 0 is the country (``BY``), level 1 the oblasts and Minsk city; level 2 are raions and
  cities of oblast subordination (``catalogs/belarus_territories.csv``, from Belstat's own hierarchy). Raion
  rows are not loaded where the file has the oblast's own row; for an additive indicator (persons) whose file
  has raion rows only, the oblast value is their sum (status ``derived``, the number of rows summed in
  ``derived_from``), as Belstat's oblast totals are the sums of their raions and cities.
* **Other dimensions** (age, sex, type of locality, activity): the total member is kept (``Оба пола``,
  ``Всего по типам местности``, ``Все категории ...``); a dimension with one member keeps it; an additive
  indicator without a total member is summed over the members (``derived``); otherwise pass
  ``select={dimension: member}``.
* **Numbers** as printed: non-breaking-space thousands separators and decimal commas; ``null`` is a gap
  (no row). Monetary values before 2016 are in old roubles (BYR) and are converted at import (10,000 BYR =
  1 BYN) by :func:`regint.data.units.conform_units`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from regint._paths import package_data
from regint.data.catalogs import resolve_region
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, head_bytes, parse_number, read_text
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "belstat_portal"
SOURCE = "belstat_dataportal"
_TOTAL = re.compile(r"^(все|всего|оба пола|по всем|итого)", re.I)
_CODE = re.compile(r"(?<!\d)(1\d{10})(?!\d)")


@lru_cache(maxsize=1)
def portal_codes() -> pd.DataFrame:
    """Belstat portal codes regint maps (``catalogs/belstat_portal.csv``): code, indicator, unit, additive,
    unit_checked, name_ru."""
    frame = pd.read_csv(package_data("data", "catalogs", "belstat_portal.csv"), dtype=str, keep_default_na=False)
    return frame.set_index("code", drop=False)


@lru_cache(maxsize=1)
def territories() -> dict[str, str]:
    """Raions and cities of oblast subordination (names as Belstat prints them) → oblast code."""
    frame = pd.read_csv(package_data("data", "catalogs", "belarus_territories.csv"), dtype=str,
                        keep_default_na=False)
    return dict(zip(frame["name_ru"], frame["oblast"], strict=True))


@lru_cache(maxsize=1)
def oblast_members() -> dict[str, frozenset[str]]:
    """Oblast code → the raions and cities of oblast subordination that make it up (not the "unallocated"
    rows Belstat adds in some years)."""
    frame = pd.read_csv(package_data("data", "catalogs", "belarus_territories.csv"), dtype=str,
                        keep_default_na=False)
    frame = frame[frame["kind"].isin(["raion", "city"])]
    return {o: frozenset(g["name_ru"]) for o, g in frame.groupby("oblast")}


def sniff(path: Path) -> bool:
    """True for a JSON file with the portal's ``tableRows`` and ``tableHeader``."""
    if path.suffix.lower() != ".json":
        return False
    head = head_bytes(path, 4000).decode("utf-8", errors="replace")
    return '"tableRows"' in head or ('"tableHeader"' in head and '"tableName"' in head)


@dataclass(frozen=True)
class _Spec:
    code: str
    indicator: str
    unit: str
    additive: bool


def _spec(path: Path, table_name: str, code: str | None, unit: str | None) -> _Spec:
    codes = portal_codes()
    found = code or (m.group(1) if (m := _CODE.search(path.name)) else None)
    if found is None:
        named = [c for c, n in zip(codes["code"], codes["name_ru"], strict=True)
                 if table_name.lower().startswith(n.lower())]
        found = max(named, key=lambda c: len(codes.at[c, "name_ru"])) if named else None
    if found is None or found not in codes.index:
        raise LoaderError(
            f"the Belstat indicator {found or table_name!r} is not one regint maps.", path=path,
            fix=f"pass code= with one of {sorted(codes['code'])}, or add the code to catalogs/belstat_portal.csv "
            "with its regint indicator and unit.")
    row = codes.loc[found]
    chosen = unit if unit is not None else str(row["unit"])
    if not chosen:
        raise LoaderError(
            f"the portal's JSON does not state the unit of indicator {found} ({row['name_ru']}), and regint "
            "has not checked the default one.", path=path,
            fix="pass unit= as the portal page shows it, e.g. unit='mln {cur}' for millions of roubles "
            "(regint writes BYR before 2016 and BYN from 2016 for {cur}) or unit='mln USD'.")
    return _Spec(found, str(row["indicator"]), chosen, str(row["additive"]).lower() == "true")


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise LoaderError(f"not valid JSON ({exc.msg}).", path=path, row=exc.lineno,
                          fix="download the indicator again from dataportal.belstat.gov.by.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("tableRows"), list):
        raise LoaderError("no 'tableRows' list: not a Belstat portal export.", path=path,
                          fix="give the JSON of indicatorValuesSearch as downloaded.")
    header = data.get("tableHeader")
    if not (isinstance(header, list) and header and isinstance(header[-1], list)):
        raise LoaderError("no 'tableHeader' with the period columns.", path=path,
                          fix="give the JSON of indicatorValuesSearch as downloaded.")
    return data


def _years(path: Path, header: list[Any]) -> list[str]:
    out = []
    for j, cell in enumerate(header):
        text = str(cell).strip()
        if not re.fullmatch(r"(19|20)\d{2}", text):
            raise LoaderError(f"period column {j + 1} is {text!r}, not a year.", path=path,
                              column=f"tableHeader[{j}]",
                              fix="export the annual series (periodicity 'годовая').")
        out.append(text)
    return out


def _selectors(path: Path, rows: list[list[dict]], dims: list[str], spec: _Spec,
               select: dict[str, str]) -> list[str | None]:
    """For each non-territory dimension, the member kept (``None``: sum the members)."""
    chosen: list[str | None] = []
    for k, dim in enumerate(dims[1:], start=1):
        members = list(dict.fromkeys(str(r[k]["value"]) for r in rows))
        if dim in select:
            if select[dim] not in members:
                raise LoaderError(f"dimension {dim!r} has no member {select[dim]!r}.", path=path,
                                  fix=f"choose one of {members}.")
            chosen.append(select[dim])
            continue
        totals = [m for m in members if _TOTAL.match(m)]
        if len(members) == 1:
            chosen.append(members[0])
        elif totals:
            chosen.append(totals[0])
        elif spec.additive:
            chosen.append(None)
        else:
            raise LoaderError(f"dimension {dim!r} has several members and no total ({members[:6]}...).",
                              path=path, fix=f"pass select={{{dim!r}: <member>}}.")
    return chosen


def load(path: str | Path, *, code: str | None = None, unit: str | None = None,
         select: dict[str, str] | None = None, vintage: str = "") -> LoadResult:
    """Read a Belstat portal export into observations (see the module docstring).

    Parameters
    ----------
    code : Belstat indicator code, when neither the file name nor the table name gives it
    unit : the unit of the export (``{cur}`` for the rouble of the year: BYR before 2016, BYN from 2016), when
        regint has not checked the default one for the code
    select : member to keep per non-territory dimension
    vintage : publication or download date (ISO), if known
    """
    p = Path(path)
    data = _json(p)
    dims = [str(d) for d in data.get("tableHeaderDimColumns") or ["Территория"]]
    spec = _spec(p, str(data.get("tableName") or ""), code, unit)
    years = _years(p, data["tableHeader"][-1])
    rows = data["tableRows"]
    for i, r in enumerate(rows):
        if not isinstance(r, list) or len(r) != len(dims) + len(years):
            raise LoaderError(f"tableRows[{i}] has {len(r) if isinstance(r, list) else 'no'} cells; "
                              f"{len(dims)} dimensions and {len(years)} periods expected.", path=p,
                              row=i + 1, fix="give the JSON as downloaded (not edited).")
    chosen = _selectors(p, rows, dims, spec, select or {})
    warnings: list[LoadWarning] = []
    records, parts = _records(p, rows, dims, years, spec, chosen, warnings)
    records += _sums(p, parts, spec, records, warnings)
    obs = make_observations(records)
    if obs.empty:
        raise LoaderError("no figure was found (every cell empty, or only territories regint does not know).",
                          path=p, fix="check the download; see the warnings.")
    obs = obs.groupby(["region", "indicator", "period"], as_index=False, sort=True).agg(_aggregate)
    obs = make_observations(obs.assign(vintage=vintage))
    return LoadResult(obs, FORMAT, p, tuple(warnings))


def _aggregate(s: pd.Series) -> object:
    if s.name == "value":
        return s.sum(min_count=1)
    if s.name == "location":
        return s.iloc[0] if len(s) == 1 else f"{s.iloc[0]} ... {s.iloc[-1]} ({len(s)} rows)"
    if s.name == "derived_from":
        return s.iloc[0] if len(s) == 1 else f"{s.iloc[0]}: {len(s)} rows"
    if s.name == "status":
        return "official" if len(s) == 1 and s.iloc[0] == "official" else "derived"
    return s.iloc[0]


def _unit(spec: _Spec, year: str) -> tuple[str, str]:
    if "{cur}" not in spec.unit:
        return spec.unit, ("USD" if "USD" in spec.unit.split() else "")
    cur = "BYR" if int(year) < 2016 else "BYN"
    return spec.unit.replace("{cur}", cur), cur


def _records(p: Path, rows: list[list[dict]], dims: list[str], years: list[str], spec: _Spec,
             chosen: list[str | None], warnings: list[LoadWarning]) -> tuple[list[dict], dict]:
    records: list[dict] = []
    parts: dict[tuple[str, str], list[tuple[float, str, str]]] = defaultdict(list)
    unknown: list[str] = []
    terr = territories()
    for i, r in enumerate(rows):
        if any(c is not None and str(r[k + 1]["value"]) != c for k, c in enumerate(chosen)):
            continue
        name, level = str(r[0]["value"]), int(r[0].get("level") or 0)
        summed = any(c is None for c in chosen)
        region = "BY" if level == 0 and name.startswith("Республика") else resolve_region(name)
        oblast = terr.get(name) if level >= 2 or region is None else None
        for j, year in enumerate(years):
            value, note = parse_number(r[len(dims) + j]["value"], path=p, row=i + 1,
                                       column=f"{year} (tableRows[{i}])")
            if value is None:
                continue
            where = f"tableRows[{i}] col {year}"
            if oblast is not None:
                parts[(oblast, year)].append((value, where, name))
                continue
            if region is None:
                unknown.append(name)
                continue
            unit, cur = _unit(spec, year)
            records.append({
                "region": region, "indicator": spec.indicator, "period": year, "value": value, "unit": unit,
                "currency": cur, "source": SOURCE, "status": "derived" if summed else "official",
                "note": note, "file": p.name, "location": where,
                "derived_from": "sum over " + ", ".join(d for d, c in zip(dims[1:], chosen, strict=True)
                                                        if c is None) if summed else "",
            })
    for name in sorted(set(unknown)):
        warnings.append(LoadWarning(f"territory {name!r} is not in the region or raion catalog; skipped.",
                                    path=str(p)))
    return records, parts


def _sums(p: Path, parts: dict[tuple[str, str], list[tuple[float, str, str]]], spec: _Spec, records: list[dict],
          warnings: list[LoadWarning]) -> list[dict]:
    """Oblast values as sums of their raion rows, where the file has no row of the oblast itself and every
    raion and city of the oblast has a value (else the oblast stays a gap, with a warning)."""
    have = {(r["region"], r["period"]) for r in records}
    members = oblast_members()
    out, skipped = [], 0
    for (oblast, year), vals in sorted(parts.items()):
        if (oblast, year) in have or not spec.additive:
            skipped += len(vals)
            continue
        lacking = sorted(members.get(oblast, frozenset()) - {n for _, _, n in vals})
        if lacking:
            skipped += len(vals)
            warnings.append(LoadWarning(
                f"{oblast} {year}: not summed from its raions: {len(lacking)} of {len(members.get(oblast, ()))} "
                f"raions and cities have no value ({', '.join(lacking[:4])}{' ...' if len(lacking) > 4 else ''}); "
                "the oblast stays a gap.", path=str(p)))
            continue
        unit, cur = _unit(spec, year)
        total = sum(v for v, _, _ in vals)
        out.append({
            "region": oblast, "indicator": spec.indicator, "period": year, "value": total, "unit": unit,
            "currency": cur, "source": SOURCE, "status": "derived", "file": p.name,
            "location": f"{len(vals)} raion and city rows, col {year}",
            "derived_from": f"sum of {len(vals)} raion and city rows of Belstat {spec.code} "
                            f"({vals[0][1]} ... {vals[-1][1]})",
            "note": "oblast total as the sum of its raions and cities of oblast subordination",
        })
    if skipped:
        warnings.append(LoadWarning(f"{skipped} raion and city values not loaded (the file has the oblast's own "
                                    "row, or the indicator does not add up over territories).", path=str(p)))
    return out


register(FORMAT, "Belstat open-data portal JSON (tableRows export of one indicator)", sniff, load)
