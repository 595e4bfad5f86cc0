"""Tidy readers for the datasets that are not regional panels: CEPII distances, WITS bilateral trade, and the
city coordinates, great-circle distances and road/border facts of ``geo_distances``.

Each reader is pure: a path in, a :class:`pandas.DataFrame` (or a dict of them) out; a file that cannot be read
raises :class:`~regint.errors.LoaderError` naming the file, row and column.

References
----------
Mayer, T. and Zignago, S. (2011). Notes on CEPII's distances measures: the GeoDist database. CEPII Working
Paper 2011-25.
World Bank, World Integrated Trade Solution (WITS), UN Comtrade totals.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from regint.data.loaders.base import ensure_nonempty, read_text
from regint.errors import LoaderError

CEPII_COLUMNS = ("iso_o", "iso_d", "contig", "comlang_off", "comlang_ethno", "colony", "comcol", "curcol", "col45",
                 "smctry", "dist", "distcap", "distw", "distwces")
CEPII_DUMMIES = CEPII_COLUMNS[2:10]
CEPII_DISTANCES = CEPII_COLUMNS[10:]
#: Cells that mean "no value": empty, and Stata's missing value.
MISSING = ("", ".")
WITS_COLUMNS = ("ReporterISO3", "PartnerISO3", "Year", "TradeFlowName", "TradeValue in 1000 USD")
WITS_FLOWS = {"export": "export", "import": "import"}
#: Mean Earth radius (IUGG), km — the radius of ``great_circle_km_derived.csv``.
EARTH_RADIUS_KM = 6371.0088
GEO_FILES = {
    "cities": "city_coordinates_geonames.csv",
    "great_circle": "great_circle_km_derived.csv",
    "facts": "road_and_border_facts.csv",
}
GEO_COLUMNS = {
    "cities": ("city", "geonameid", "country", "latitude", "longitude", "population_geonames", "source"),
    "great_circle": ("from", "to", "great_circle_km", "status", "note"),
    "facts": ("id", "topic", "item", "value", "unit", "as_printed", "source_url", "source_kind", "note"),
}


def _read_csv(path: Path, required: tuple[str, ...], dtype: dict[str, type] | None = None) -> pd.DataFrame:
    """A delimited text file (``;`` or ``,``) with the ``required`` columns, as strings unless ``dtype`` says."""
    text = read_text(path)
    first = text.splitlines()[0] if text else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise LoaderError(f"the table cannot be parsed ({exc}).", path=path,
                          fix="give the file unchanged (one header line, one row per line).") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LoaderError(f"missing column(s) {missing}; found {list(frame.columns)}.", path=path, row=1,
                          fix=f"give the columns {list(required)}.")
    return frame


def _numeric(frame: pd.DataFrame, column: str, path: Path, *, integer: bool = False) -> pd.Series:
    """Column as numbers; the first cell that is not a number raises, naming its row (header = row 1).

    Empty cells and Stata's missing value ``.`` (used by CEPII for ``distw``/``distwces``) become NaN.
    """
    text = frame[column].str.strip()
    missing = text.isin(MISSING)
    values = pd.to_numeric(text.where(~missing, np.nan), errors="coerce")
    bad = values.isna() & ~missing
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise LoaderError(f"{text.iloc[i]!r} is not a number.", path=path, row=i + 2, column=column,
                          fix="correct the cell or give the file unchanged.")
    if integer:
        return values.astype("Int64")
    return values.astype(float)


def read_cepii_distances(path: str | Path) -> pd.DataFrame:
    """CEPII GeoDist ``dist_cepii`` (``;`` or ``,`` separated) as a tidy frame.

    Returns
    -------
    pandas.DataFrame
        ``iso_o, iso_d`` (ISO 3166-1 alpha-3), the 0/1 dummies ``contig, comlang_off, comlang_ethno, colony,
        comcol, curcol, col45, smctry`` (int) and the distances ``dist, distcap, distw, distwces`` in km (float;
        NaN where CEPII has Stata's missing ``.``, e.g. the population-weighted distances of small islands).
        One row per ordered pair.
    """
    p = Path(path)
    ensure_nonempty(p)
    frame = _read_csv(p, CEPII_COLUMNS)
    out = pd.DataFrame({"iso_o": frame["iso_o"].str.strip().str.upper(),
                        "iso_d": frame["iso_d"].str.strip().str.upper()})
    for col in ("iso_o", "iso_d"):
        bad = ~out[col].str.fullmatch(r"[A-Z]{3}")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise LoaderError(f"{out[col].iloc[i]!r} is not an ISO alpha-3 code.", path=p, row=i + 2, column=col,
                              fix="CEPII uses three-letter codes (RUS, BLR).")
    for col in CEPII_DUMMIES:
        out[col] = _numeric(frame, col, p, integer=True)
    for col in CEPII_DISTANCES:
        out[col] = _numeric(frame, col, p)
    dup = out.duplicated(["iso_o", "iso_d"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise LoaderError(f"pair {out.at[i, 'iso_o']}-{out.at[i, 'iso_d']} appears twice.", path=p, row=i + 2,
                          fix="keep one row per ordered pair.")
    return out


def read_wits_trade(path: str | Path) -> pd.DataFrame:
    """WITS bilateral total trade (``TradeValue in 1000 USD``) as a tidy frame in US dollars.

    Returns
    -------
    pandas.DataFrame
        ``reporter, partner`` (alpha-3), ``year`` (int), ``flow`` (``'export'`` or ``'import'``, as reported
        by the reporter), ``value_usd`` (thousands × 1000), ``reporter_name, partner_name``.
    """
    p = Path(path)
    ensure_nonempty(p)
    frame = _read_csv(p, WITS_COLUMNS)
    flows = frame["TradeFlowName"].str.strip().str.lower()
    bad = ~flows.isin(list(WITS_FLOWS))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise LoaderError(f"trade flow {frame['TradeFlowName'].iloc[i]!r} is neither Export nor Import.", path=p,
                          row=i + 2, column="TradeFlowName", fix="keep only Export and Import rows.")
    value = _numeric(frame, "TradeValue in 1000 USD", p)
    if (value < 0).any():
        i = int(np.flatnonzero((value < 0).to_numpy())[0])
        raise LoaderError("a negative trade value.", path=p, row=i + 2, column="TradeValue in 1000 USD",
                          fix="trade values are non-negative.")
    return pd.DataFrame({
        "reporter": frame["ReporterISO3"].str.strip(),
        "partner": frame["PartnerISO3"].str.strip(),
        "year": _numeric(frame, "Year", p, integer=True),
        "flow": flows.map(WITS_FLOWS),
        "value_usd": value * 1000.0,
        "reporter_name": frame.get("ReporterName", pd.Series("", index=frame.index)).str.strip(),
        "partner_name": frame.get("PartnerName", pd.Series("", index=frame.index)).str.strip(),
    })


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float, radius: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance by the haversine formula.

    .. math:: d = 2R \\arcsin \\sqrt{\\sin^2\\frac{\\Delta\\varphi}{2}
              + \\cos\\varphi_1 \\cos\\varphi_2 \\sin^2\\frac{\\Delta\\lambda}{2}}

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        Coordinates in decimal degrees.
    radius : float
        Sphere radius in km (mean Earth radius 6371.0088 by default).

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. Sky and Telescope 68(2), 159.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(h))


def read_geo(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The three tables of ``geo_distances``.

    Returns
    -------
    dict
        ``"cities"``: city, geonameid, country, latitude, longitude, population, source;
        ``"great_circle"``: from, to, km, status (``derived``: haversine, not road distance), note;
        ``"facts"``: id, topic, item, value (text as transcribed), value_num (float where the value is a number,
        else NaN), unit, as_printed, source_url, source_kind, note.
    """
    base = Path(folder)
    if not base.is_dir():
        raise LoaderError("the folder does not exist.", path=base, fix="pass the geo_distances folder.")
    tables = {}
    for key, name in GEO_FILES.items():
        path = base / name
        ensure_nonempty(path)
        tables[key] = _read_csv(path, GEO_COLUMNS[key])
    return {"cities": _cities(tables["cities"], base / GEO_FILES["cities"]),
            "great_circle": _great_circle(tables["great_circle"], base / GEO_FILES["great_circle"]),
            "facts": _facts(tables["facts"])}


def _cities(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    out = pd.DataFrame({
        "city": frame["city"].str.strip(),
        "geonameid": _numeric(frame, "geonameid", path, integer=True),
        "country": frame["country"].str.strip(),
        "latitude": _numeric(frame, "latitude", path),
        "longitude": _numeric(frame, "longitude", path),
        "population": _numeric(frame, "population_geonames", path, integer=True),
        "source": frame["source"].str.strip(),
    })
    for col, limit in (("latitude", 90.0), ("longitude", 180.0)):
        bad = out[col].abs() > limit
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise LoaderError(f"{col} {out[col].iloc[i]} is outside ±{limit:g}.", path=path, row=i + 2,
                              column=col, fix="coordinates are decimal degrees.")
    return out


def _great_circle(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    return pd.DataFrame({
        "from": frame["from"].str.strip(), "to": frame["to"].str.strip(),
        "km": _numeric(frame, "great_circle_km", path),
        "status": frame["status"].str.strip(), "note": frame["note"].str.strip(),
    })


def _facts(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[list(GEO_COLUMNS["facts"])].apply(lambda s: s.str.strip())
    out.insert(out.columns.get_loc("value") + 1, "value_num", pd.to_numeric(out["value"], errors="coerce"))
    return out.reset_index(drop=True)
