"""From the long observation frame to the yearly frames of the two regions of a pair, with the source of
every value: units to absolute figures, BYR to BYN, one source per series, national series for the regions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint._paths import package_data
from regint.errors import DataError
from regint.index.pair_measures import Static

PANEL_COLUMNS: tuple[str, ...] = ("region", "indicator", "period", "value", "unit")
_STATUS_ORDER = {"official": 0, "secondary": 1, "derived": 2, "estimate": 3}
_SCALE = [(re.compile(r"^\s*(thous|тыс)", re.I), 1e3), (re.compile(r"^\s*(mln|млн)", re.I), 1e6),
          (re.compile(r"^\s*(bln|млрд)", re.I), 1e9)]
BYR_PER_BYN = 10_000.0
"""Belarusian redenomination of 1 July 2016: 10,000 BYR = 1 BYN."""
NATIONAL_FILL: tuple[str, ...] = ("fx_usd", "ppp")
"""National series that serve every region of the country that has none of its own (labelled in the sources)."""


def unit_multiplier(unit: str) -> float:
    """Factor to absolute units from a unit label ("mln USD" → 1e6, "thous. persons" → 1e3, "%" → 1)."""
    for pattern, factor in _SCALE:
        if pattern.search(str(unit)):
            return factor
    return 1.0


def split_pair(pair: str) -> tuple[str, str]:
    """``"RU-SMO:BY-VI"`` → ``("RU-SMO", "BY-VI")``."""
    parts = str(pair).split(":")
    if len(parts) != 2 or not all(parts):
        raise DataError(f"pair {pair!r} must be written as 'REGION_A:REGION_B', e.g. 'RU-SMO:BY-VI'.")
    return parts[0], parts[1]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km on a sphere of radius 6,371 km.

    .. math:: d = 2R \\arcsin\\sqrt{\\sin^2\\tfrac{\\Delta\\varphi}{2} +
              \\cos\\varphi_1\\cos\\varphi_2\\sin^2\\tfrac{\\Delta\\lambda}{2}}
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def _neighbours(r: pd.DataFrame, a: str, b: str) -> float:
    if "neighbours" not in r.columns or a not in r.index:
        return float("nan")
    listed = {x.strip() for x in str(r.at[a, "neighbours"] or "").split(";") if x.strip()}
    return 1.0 if b in listed else 0.0


def administrative_centres() -> pd.DataFrame:
    """Coordinates of the administrative centres of the border regions (``frameworks/centres.csv``, GeoNames)."""
    return pd.read_csv(package_data("index", "frameworks", "centres.csv"))


def catalog_distances(regions: pd.DataFrame, pairs: Sequence[str],
                      points: Literal["centres", "catalog"] = "centres") -> pd.DataFrame:
    """Static table from a region catalog with ``code``, ``lat``, ``lon`` (and ``neighbours``).

    Parameters
    ----------
    regions : the region catalog
    pairs : pair codes
    points : ``"centres"`` (default) measures between the administrative centres where
        :func:`administrative_centres` lists them (the catalog point otherwise); ``"catalog"`` between the
        catalog points (area centroids, which put e.g. Vitebsk oblast's point far west of Vitebsk).

    Returns
    -------
    pandas.DataFrame
        ``region_a, region_b, distance_km, shared_border, points``: NaN where a point (or the neighbours
        list) is missing; ``shared_border`` is 1 when the catalog lists ``region_b`` among the neighbours of
        ``region_a``; ``points`` says which points were used.
    """
    check_option("points", points, ("centres", "catalog"))
    r = regions.set_index("code") if "code" in regions.columns else regions
    if {"lat", "lon"} <= set(r.columns):
        where = r[["lat", "lon"]].apply(pd.to_numeric, errors="coerce").astype(float)
    else:
        where = pd.DataFrame(columns=["lat", "lon"], dtype=float)
    used = {c: "catalog point" for c in where.index}
    if points == "centres":
        centres = administrative_centres().set_index("code")
        for code, row in centres.iterrows():
            where.loc[code, ["lat", "lon"]] = [float(row["lat"]), float(row["lon"])]
            used[code] = f"centre {row['city']}"
    rows = []
    for pair in pairs:
        a, b = split_pair(pair)
        try:
            d = great_circle_km(float(where.at[a, "lat"]), float(where.at[a, "lon"]), float(where.at[b, "lat"]),
                                float(where.at[b, "lon"]))
        except (KeyError, ValueError, TypeError):
            d = float("nan")
        rows.append({"region_a": a, "region_b": b, "distance_km": d, "shared_border": _neighbours(r, a, b),
                     "points": f"{used.get(a, '?')} – {used.get(b, '?')}"})
    return pd.DataFrame(rows)


def pair_static(distances: pd.DataFrame | None, a: str, b: str) -> Static:
    """The static facts of a pair from a table of :func:`catalog_distances` (NaN where absent)."""
    if distances is None or len(distances) == 0:
        return Static()
    m = ((distances["region_a"] == a) & (distances["region_b"] == b)) | (
        (distances["region_a"] == b) & (distances["region_b"] == a))
    rows = distances.loc[m]
    if not len(rows):
        return Static()

    def first(column: str) -> float:
        return float(rows[column].astype(float).iloc[0]) if column in rows.columns else float("nan")

    return Static(first("distance_km"), first("shared_border"))


def annual_long(panel: pd.DataFrame) -> pd.DataFrame:
    """Annual observations, one per (region, indicator, year), in absolute units and BYN instead of BYR.

    Where several sources give a series, one is kept per year: the best status (official first), then the source
    covering most years of that region and indicator (so that a series does not jump between vintages or
    definitions), then the latest vintage. Values in BYR are divided by :data:`BYR_PER_BYN`.

    Returns
    -------
    pandas.DataFrame with columns ``region, indicator, year, value, source``
    """
    missing = [c for c in PANEL_COLUMNS if c not in panel.columns]
    if missing:
        raise DataError(f"pair_indicators: the panel lacks columns {missing}; it needs the observation "
                        f"columns {list(PANEL_COLUMNS)} (plus currency, source, status).")
    p = panel[panel["period"].astype(str).str.fullmatch(r"\d{4}")].copy()
    p["year"] = p["period"].astype(str).astype(int)
    p["value"] = pd.to_numeric(p["value"], errors="coerce") * p["unit"].map(unit_multiplier).astype(float)
    if "currency" in p.columns:
        byr = p["currency"].astype(str).str.upper() == "BYR"
        p.loc[byr, "value"] = p.loc[byr, "value"] / BYR_PER_BYN
    p["source"] = p["source"].astype(str) if "source" in p.columns else "panel"
    p["_rank"] = p["status"].map(_STATUS_ORDER).fillna(9) if "status" in p.columns else 0
    p["_span"] = -p.groupby(["region", "indicator", "source"])["year"].transform("nunique")
    p["_vintage"] = p["vintage"].astype(str) if "vintage" in p.columns else ""
    p = p.sort_values(["region", "indicator", "year", "_rank", "_span", "_vintage"],
                      ascending=[True, True, True, True, True, False], kind="stable")
    p = p.drop_duplicates(["region", "indicator", "year"], keep="first")
    return p[["region", "indicator", "year", "value", "source"]].reset_index(drop=True)


def annual_wide(panel: pd.DataFrame) -> pd.DataFrame:
    """Annual observations as (region, year) × indicator (see :func:`annual_long` for the choice of source)."""
    return annual_long(panel).pivot(index=["region", "year"], columns="indicator", values="value")


def _xs(wide: pd.DataFrame, region: str, years: list[int]) -> pd.DataFrame:
    if region in wide.index.get_level_values(0):
        return wide.xs(region, level=0).reindex(years)
    return pd.DataFrame(index=pd.Index(years, dtype=int), columns=wide.columns)


def region_frames(values: pd.DataFrame, sources: pd.DataFrame, region: str,
                  years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A region's years × indicators with its sources; national series added.

    The series of :data:`NATIONAL_FILL` of the region's country fill the region's gaps (source marked
    ``"<country> national: <source>"``), and every national series is added as ``national_<code>``.
    """
    f = _xs(values, region, years).astype(float)
    s = _xs(sources, region, years).astype(object)
    country = region.split("-")[0]
    if country != region and country in values.index.get_level_values(0):
        nat, nat_src = _xs(values, country, years).astype(float), _xs(sources, country, years).astype(object)
        label = nat_src.where(nat_src.isna(), f"{country} national: " + nat_src.astype(str))
        for code in NATIONAL_FILL:
            if code in nat.columns:
                own = f[code] if code in f.columns else pd.Series(np.nan, index=f.index)
                own_src = s[code] if code in s.columns else pd.Series(None, index=f.index, dtype=object)
                f[code] = own.where(own.notna(), nat[code])
                s[code] = own_src.where(own.notna(), label[code])
        f = pd.concat([f, nat.add_prefix("national_")], axis=1)
        s = pd.concat([s, label.add_prefix("national_")], axis=1)
    return f, s
