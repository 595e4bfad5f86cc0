"""National Bank of Belarus average rates transcribed by hand from its releases (format ``nbrb_fx``).

The file ``nbrb_rates_transcribed.csv`` has the columns ``period, measure, byn_per_usd, byn_per_100rub,
byn_per_eur, source_url``: one row per period seen in a release (republished by newskitchen.eu and others).

Mapping
-------
- ``byn_per_usd`` → ``fx_usd`` (BYN per USD), ``byn_per_100rub`` → ``fx_rub_100`` (BYN per 100 RUB), region ``BY``,
  currency ``BYN``, source ``nbrb_fx``, status ``secondary`` (a transcription of republished releases).
  ``byn_per_eur`` has no catalog indicator and is not loaded (one warning).
- Periods: ``2019`` (a full year) stays annual; ``2019-01`` monthly; ``2020-01..05`` becomes the cumulative
  period ``2020-01/2020-05``.
- The measure goes into the note of every value. NBRB publishes two different averages: the *weighted average
  exchange rate on the FX market* (2019) and the *official average rate* (arithmetic or geometric mean of the
  daily official rates). The weighted FX-market average is not the official average that ``fx_usd`` describes;
  it is kept with the measure first in its note so a reader sees which one it is.
- Spot rates (a period that is a date, ``2023-12-21``): **skipped with a warning**. A rate on one day is not an
  average over any period of the schema; stored under its month it would pass for a monthly average.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, head_bytes, parse_number, read_text
from regint.data.schema import make_observations, validate_observations
from regint.errors import DataError, LoaderError

FORMAT = "nbrb_fx"
SOURCE = "nbrb_fx"
HEADER = ("period", "measure", "byn_per_usd", "byn_per_100rub", "byn_per_eur", "source_url")
#: Column → (indicator, unit).
COLUMNS = {"byn_per_usd": ("fx_usd", "BYN per USD"), "byn_per_100rub": ("fx_rub_100", "BYN per 100 RUB")}
NOT_LOADED = {"byn_per_eur": "no catalog indicator for BYN per EUR"}
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SPAN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\.\.(0[1-9]|1[0-2])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sniff(path: Path) -> bool:
    """True for a CSV whose header is the transcription's (period, measure, byn_per_usd, ...)."""
    if path.suffix.lower() != ".csv":
        return False
    first = head_bytes(path, 300).decode("utf-8-sig", errors="replace").splitlines()
    return bool(first) and tuple(c.strip().lower() for c in first[0].split(",")) == HEADER


def parse_period(text: str) -> str | None:
    """``2019`` → ``2019``; ``2019-03`` → ``2019-03``; ``2020-01..05`` → ``2020-01/2020-05``; else ``None``.

    A date (a spot rate) is not a period and gives ``None``.
    """
    t = text.strip()
    if _YEAR.match(t) or _MONTH.match(t):
        return t
    m = _SPAN.match(t)
    if m and m.group(3) > m.group(2):
        return f"{m.group(1)}-{m.group(2)}/{m.group(1)}-{m.group(3)}"
    return None


def load(path: str | Path, **options: object) -> LoadResult:
    """Read the transcribed NBRB rates into ``fx_usd`` and ``fx_rub_100`` observations for ``BY``.

    Parameters
    ----------
    path : path-like
        ``nbrb_rates_transcribed.csv`` or a file of the same layout.
    **options
        None are accepted.

    Raises
    ------
    LoaderError
        Wrong header, a period that is neither a period nor a date, a rate that is not a positive number, or
        two rows for one period (naming both rows).
    """
    p = Path(path)
    if options:
        raise LoaderError(f"unknown option(s) {sorted(options)} for format {FORMAT!r}.", path=p,
                          fix="call without options.")
    found: list[LoadWarning] = []
    rows = _rows(p, found)
    records: list[dict] = []
    spots: list[str] = []
    for n, row in rows:
        period = parse_period(row["period"])
        if period is None:
            if _DATE.match(row["period"].strip()):
                spots.append(f"{row['period'].strip()} (row {n}: USD {row['byn_per_usd'] or '-'}, "
                             f"100 RUB {row['byn_per_100rub'] or '-'})")
                continue
            raise LoaderError(f"{row['period']!r} is not a period.", path=p, row=n, column="period",
                              fix="write YYYY, YYYY-MM or YYYY-MM..MM (cumulative), or a date for a spot rate.")
        records.extend(_records(p, n, row, period))
    if spots:
        found.append(LoadWarning(
            "spot (single-day) rates skipped, they are not averages over a period: " + "; ".join(spots) + ".",
            path=str(p)))
    eur = sum(1 for _, r in rows if r.get("byn_per_eur", "").strip())
    if eur:
        found.append(LoadWarning(f"column byn_per_eur not loaded ({eur} values): {NOT_LOADED['byn_per_eur']}.",
                                 path=str(p)))
    obs = make_observations(records)
    try:
        obs = validate_observations(obs, what=p.name)
    except DataError as exc:
        raise LoaderError(f"{exc}", path=p, fix="keep one row per period and measure.") from exc
    return LoadResult(obs, FORMAT, p, tuple(found))


def _rows(path: Path, found: list[LoadWarning]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(path, found)
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(c.strip().lower() for c in (reader.fieldnames or ()))
    if header != HEADER:
        raise LoaderError(f"the header is {list(header)}, not {list(HEADER)}.", path=path, row=1,
                          fix="keep the transcription's columns in their order.")
    return [(n, {k.strip().lower(): (v or "") for k, v in r.items()}) for n, r in enumerate(reader, start=2)]


def _records(path: Path, n: int, row: dict[str, str], period: str) -> list[dict]:
    measure = row["measure"].strip()
    if "weighted" in measure.lower():
        measure += " - not the official average rate"
    url = row["source_url"].strip()
    out = []
    for column, (indicator, unit) in COLUMNS.items():
        value, _ = parse_number(row[column], path=path, row=n, column=column)
        if value is None:
            continue
        if value <= 0:
            raise LoaderError(f"the rate {row[column]!r} is not positive.", path=path, row=n, column=column,
                              fix="an exchange rate is a positive number.")
        out.append({
            "region": "BY", "indicator": indicator, "period": period, "value": value, "unit": unit,
            "currency": "BYN", "source": SOURCE, "status": "secondary",
            "note": f"measure: {measure}; NBRB release as republished at {url}",
            "file": path.name, "location": f"row {n}, column {column}",
        })
    return out


register(FORMAT, "National Bank of Belarus average rates, hand-transcribed CSV (period, measure, byn_per_usd, ...)",
         sniff, load)
