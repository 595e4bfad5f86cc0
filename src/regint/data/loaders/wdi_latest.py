"""The World Bank's "latest value per economy" CSV of one WDI series (format ``wdi_latest``).

Three columns: ``economy`` (ISO alpha-3), ``<SERIES>`` (the value) and ``<SERIES>:T`` (the year of that value),
e.g. ``BLR,2.439575,2020`` for PA.NUS.FCRF. One observation per economy, in the year given; the series maps to
a regint indicator as in the ``wdi`` loader; Belarus and Russia come under ``BY``/``RU`` with their currency
(BYN for years from 2016, BYR before; RUB). Source ``wdi_fcrf_2020`` unless ``source=`` says otherwise.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, first_line, parse_number, read_text
from regint.data.loaders.wdi import indicator_code
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "wdi_latest"
SOURCE = "wdi_fcrf_2020"
#: WDI series → unit as the World Bank labels it.
UNITS = {"PA.NUS.FCRF": "LCU per US$, period average", "PA.NUS.PPP": "LCU per international $"}


def _header(path: Path) -> list[str]:
    first = first_line(path) if path.stat().st_size else ""
    return [c.strip() for c in first.split(",")]


def sniff(path: Path) -> bool:
    """True for a CSV whose header is ``economy,<SERIES>,<SERIES>:T``."""
    if path.suffix.lower() != ".csv":
        return False
    head = _header(path)
    return len(head) == 3 and head[0] == "economy" and head[2] == f"{head[1]}:T"


def load(path: str | Path, *, source: str = SOURCE, vintage: str = "") -> LoadResult:
    """Read the file (see the module docstring)."""
    p = Path(path)
    head = _header(p)
    if not sniff(p):
        raise LoaderError(f"the header {head} is not economy,<SERIES>,<SERIES>:T.", path=p, row=1,
                          fix="give the World Bank's latest-value CSV unchanged.")
    series = head[1]
    if series not in UNITS:
        raise LoaderError(f"series {series!r} has no unit regint knows.", path=p, row=1, column=series,
                          fix=f"use one of {sorted(UNITS)}, or the wide WDI CSV (format wdi).")
    indicator = indicator_code(series)
    national = {"RUS": "RU", "BLR": "BY"}
    records = []
    for i, row in enumerate(csv.reader(io.StringIO(read_text(p))), start=1):
        if i == 1 or not row:
            continue
        if len(row) != 3:
            raise LoaderError(f"{len(row)} cells, 3 expected.", path=p, row=i, fix="give the CSV unchanged.")
        value, _ = parse_number(row[1], path=p, row=i, column=series)
        year, _ = parse_number(row[2], path=p, row=i, column=f"{series}:T")
        if value is None or year is None:
            continue
        region = national.get(row[0], row[0])
        currency = {"RU": "RUB", "BY": "BYN" if year >= 2016 else "BYR"}.get(region, "")
        records.append({"region": region, "indicator": indicator, "period": str(int(year)), "value": value,
                        "unit": UNITS[series], "currency": currency, "source": source, "status": "official",
                        "vintage": vintage, "file": p.name, "location": f"row {i}",
                        "note": "latest value per economy (one year, not a series)"})
    if not records:
        raise LoaderError("no value in the file.", path=p, fix="give the World Bank's latest-value CSV unchanged.")
    return LoadResult(make_observations(records), FORMAT, p, ())


register(FORMAT, "World Bank WDI latest value per economy (economy,<SERIES>,<SERIES>:T)", sniff, load)
