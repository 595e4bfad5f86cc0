"""The default regint index for cross-border pairs of regions (Union State border pairs).

``pair_indicators`` turns the long observation frame into pair × year × indicator values with their coverage;
``build_pair_index`` runs the index pipeline and the Monte Carlo on them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint._paths import package_data
from regint.errors import DataError
from regint.index.framework import Framework, FrameworkError
from regint.index.pair_measures import MEASURES
from regint.index.pipeline import IndexResult, IndexSpec, build_index
from regint.index.uncertainty import UncertaintyResult, UncertaintySpec, uncertainty_analysis

BORDER_PAIRS: tuple[str, ...] = ("RU-SMO:BY-VI", "RU-SMO:BY-MA", "RU-PSK:BY-VI", "RU-BRY:BY-HO", "RU-BRY:BY-MA")
"""The Union State border pairs (Russian region : Belarusian region)."""

PANEL_COLUMNS: tuple[str, ...] = ("region", "indicator", "period", "value", "unit")
_STATUS_ORDER = {"official": 0, "secondary": 1, "derived": 2, "estimate": 3}
_SCALE = [(re.compile(r"^\s*(thous|тыс)", re.I), 1e3), (re.compile(r"^\s*(mln|млн)", re.I), 1e6),
          (re.compile(r"^\s*(bln|млрд)", re.I), 1e9)]
BYR_PER_BYN = 10_000.0
"""Belarusian redenomination of 1 July 2016: 10,000 BYR = 1 BYN."""

PAIR_DEFAULT_SPEC = IndexSpec(impute=("interpolate", "locf"), treat=True, normalise="minmax",
                              panel_bounds="pooled", aggregate="arithmetic", weights="nominal")


def default_framework() -> Framework:
    """The shipped framework ``regint/index/frameworks/border_pairs.csv``."""
    return Framework.read_csv(package_data("index", "frameworks", "border_pairs.csv"))


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
    """Haversine distance on a sphere of radius 6,371 km.

    .. math:: d = 2R \\arcsin\\sqrt{\\sin^2\\tfrac{\\Delta\\varphi}{2} +
              \\cos\\varphi_1\\cos\\varphi_2\\sin^2\\tfrac{\\Delta\\lambda}{2}}
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def catalog_distances(regions: pd.DataFrame, pairs: Sequence[str] = BORDER_PAIRS) -> pd.DataFrame:
    """Distance table from a region catalog with ``code``, ``lat``, ``lon`` (NaN where a point is missing)."""
    r = regions.set_index("code") if "code" in regions.columns else regions
    rows = []
    for pair in pairs:
        a, b = split_pair(pair)
        try:
            d = great_circle_km(float(r.at[a, "lat"]), float(r.at[a, "lon"]), float(r.at[b, "lat"]),
                                float(r.at[b, "lon"]))
        except (KeyError, ValueError, TypeError):
            d = float("nan")
        rows.append({"region_a": a, "region_b": b, "distance_km": d})
    return pd.DataFrame(rows)


def _distance(distances: pd.DataFrame | None, a: str, b: str) -> float:
    if distances is None or len(distances) == 0:
        return float("nan")
    m = ((distances["region_a"] == a) & (distances["region_b"] == b)) | (
        (distances["region_a"] == b) & (distances["region_b"] == a))
    vals = distances.loc[m, "distance_km"].astype(float)
    return float(vals.iloc[0]) if len(vals) else float("nan")


def annual_wide(panel: pd.DataFrame) -> pd.DataFrame:
    """Annual observations as (region, year) × indicator in absolute units and BYN instead of BYR.

    Where several sources give a figure, the one with the best status (official first) is kept. Values in
    BYR are divided by :data:`BYR_PER_BYN`. National series (``fx_usd``) given for the country code
    (``RU``, ``BY``) serve every region of that country that has none of its own.
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
    rank = p["status"].map(_STATUS_ORDER).fillna(9) if "status" in p.columns else pd.Series(0, index=p.index)
    p = p.assign(_rank=rank).sort_values(["region", "indicator", "year", "_rank"], kind="stable")
    p = p.drop_duplicates(["region", "indicator", "year"], keep="first")
    return p.pivot(index=["region", "year"], columns="indicator", values="value")


def _region_frame(wide: pd.DataFrame, region: str, years: list[int]) -> pd.DataFrame:
    regions = wide.index.get_level_values(0)
    f = wide.xs(region, level=0) if region in regions else pd.DataFrame(index=pd.Index([], dtype=int))
    f = f.reindex(years)
    country = region.split("-")[0]
    if country in regions and country != region:
        nat = wide.xs(country, level=0).reindex(years)
        if "fx_usd" in nat.columns:
            own = f["fx_usd"] if "fx_usd" in f.columns else pd.Series(np.nan, index=f.index)
            f["fx_usd"] = own.where(own.notna(), nat["fx_usd"])
    return f


def pair_indicators(panel: pd.DataFrame, pairs: Sequence[str] = BORDER_PAIRS,
                    distances: pd.DataFrame | None = None, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Indicators of each pair of regions and year, with coverage; NaN where an input is missing.

    Parameters
    ----------
    panel : pandas.DataFrame
        Long observations with columns ``region, indicator, period, value, unit`` (and ``currency``,
        ``source``, ``status``); annual periods (``YYYY``) are used.
    pairs : sequence of ``"A:B"`` codes
    distances : pandas.DataFrame, optional
        Static table ``region_a, region_b, distance_km`` (e.g. from :func:`catalog_distances`).
    years : optional, the years to report (default: every year in the panel)

    Returns
    -------
    pandas.DataFrame
        Columns ``pair, year, indicator, value, coverage, missing``: ``coverage`` is the share of the inputs
        observed (1 = complete), ``missing`` names the absent inputs. ``value`` is NaN unless coverage is 1.
    """
    wide = annual_wide(panel)
    all_years = sorted(set(wide.index.get_level_values(1))) if years is None else sorted(years)
    rows = []
    for pair in pairs:
        ra, rb = split_pair(pair)
        a, b = _region_frame(wide, ra, all_years), _region_frame(wide, rb, all_years)
        dist = _distance(distances, ra, rb)
        for code, measure in MEASURES.items():
            value, inputs = measure(a, b, dist, ra, rb)
            present = np.column_stack([s.reindex(all_years).notna().to_numpy() for _, s in inputs])
            cover = present.mean(axis=1)
            for j, year in enumerate(all_years):
                miss = [name for (name, _), ok in zip(inputs, present[j], strict=True) if not ok]
                v = float(value.reindex(all_years).iloc[j])
                v = v if (cover[j] == 1.0 and np.isfinite(v)) else np.nan
                rows.append({"pair": pair, "year": int(year), "indicator": code, "value": v,
                             "coverage": float(cover[j]), "missing": "; ".join(miss)})
    return pd.DataFrame(rows, columns=["pair", "year", "indicator", "value", "coverage", "missing"])


def prune_framework(framework: Framework, keep: Sequence[str]) -> tuple[Framework, list[str]]:
    """Drop indicators not in ``keep`` and aggregates left without children; returns the dropped codes."""
    t = framework.to_frame()
    dropped = [c for c in framework.indicators if c not in set(keep)]
    t = t[~t["code"].isin(dropped)]
    while True:
        parents = set(t["parent"])
        empty = [c for c in t["code"] if c not in parents and c not in framework.indicators]
        if not empty:
            break
        dropped += empty
        t = t[~t["code"].isin(empty)]
    if framework.root in dropped:
        raise DataError("build_pair_index: no indicator of the framework has any data; nothing to build.")
    return Framework.from_frame(t, origin=framework.origin), dropped


@dataclass(frozen=True)
class PairIndexResult:
    """The pair index: indicators with coverage, the nominal build and the uncertainty analysis.

    Attributes
    ----------
    indicators : long frame from :func:`pair_indicators`
    index : IndexResult on the (pair, year) panel
    uncertainty : UncertaintyResult or None when ``uncertainty=0``
    dropped : codes left out for lack of any data
    """

    indicators: pd.DataFrame
    index: IndexResult
    uncertainty: UncertaintyResult | None
    dropped: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> pd.Series:
        return self.index.scores

    @property
    def ranks(self) -> pd.Series:
        return self.index.ranks

    @property
    def dimension_scores(self) -> pd.DataFrame:
        return self.index.dimension_scores

    def to_frame(self) -> pd.DataFrame:
        """(pair, year) with score, rank, dimension scores and, when run, the rank and score intervals."""
        out = self.index.to_frame()
        if self.uncertainty is not None:
            iv = self.uncertainty.intervals.drop(columns=["nominal_score", "nominal_rank"])
            out = out.join(iv)
        return out

    def summary(self) -> str:
        parts = [self.index.summary()]
        if self.dropped:
            parts.append(f"left out for lack of data: {', '.join(self.dropped)}")
        if self.uncertainty is not None:
            parts.append(self.uncertainty.summary())
        return "\n".join(parts)


def build_pair_index(panel: pd.DataFrame, pairs: Sequence[str] = BORDER_PAIRS,
                     framework: Framework | None = None, uncertainty: int = 1000, *,
                     distances: pd.DataFrame | None = None, spec: IndexSpec | None = None,
                     uspec: UncertaintySpec | None = None, progress=None) -> PairIndexResult:
    """Build the cross-border integration index of every pair and year, with a Monte Carlo of N runs.

    Indicators of the framework without any value are dropped (and named); remaining gaps are filled only by
    the explicit imputation of ``spec`` (default: linear interpolation over time, then last observation
    carried forward) and otherwise left to the aggregation, which rescales the weights of observed children.

    Parameters
    ----------
    panel : long observation frame (see :func:`pair_indicators`)
    pairs : pair codes, default :data:`BORDER_PAIRS`
    framework : Framework, default :func:`default_framework`
    uncertainty : int
        Base sample size *N* of the Monte Carlo (0 to skip; at least 1,000 recommended).
    distances : static distance table
    spec, uspec : IndexSpec and UncertaintySpec (``uspec.n`` is replaced by ``uncertainty``)
    progress : callable(done, total), optional
    """
    framework = framework or default_framework()
    unknown = [c for c in framework.indicators if c not in MEASURES]
    if unknown:
        raise FrameworkError(f"framework {framework.origin}: indicators {unknown} are not pair measures; "
                             f"known: {sorted(MEASURES)}.")
    spec = spec or PAIR_DEFAULT_SPEC
    if len(panel) == 0:
        raise DataError("build_pair_index: the observation panel is empty; import or build the data first "
                        "(the store holds no observations).")
    long = pair_indicators(panel, pairs, distances)
    wide = long.pivot(index=["pair", "year"], columns="indicator", values="value")
    wide = wide.reindex(columns=framework.indicators)
    wide = wide[wide.notna().any(axis=1)]
    with_data = [c for c in framework.indicators if wide[c].notna().any()]
    fw, dropped = prune_framework(framework, with_data)
    data = wide[fw.indicators]
    if data.empty:
        raise DataError("build_pair_index: no pair-year has any indicator value; check the panel's regions.")
    nominal = build_index(data, fw, spec)
    unc = None
    if uncertainty > 0:
        base = uspec or UncertaintySpec()
        unc = uncertainty_analysis(data, fw, spec, UncertaintySpec(
            n=uncertainty, imputations=base.imputations, normalisations=base.normalisations,
            aggregations=base.aggregations, weight_noise=base.weight_noise, seed=base.seed),
            nominal=nominal, progress=progress)
    return PairIndexResult(long, nominal, unc, tuple(dropped))
