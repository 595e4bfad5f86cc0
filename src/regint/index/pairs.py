"""The default regint index for cross-border pairs of regions (Union State border pairs).

``pair_indicators`` turns the long observation frame into pair × year × indicator values with their coverage
and sources; ``data_window`` chooses the years where the pair data exist; ``build_pair_index`` runs the index
pipeline and the Monte Carlo on that window.
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
from regint.index.pair_data import (  # noqa: F401  (re-exported: the public helpers of the pair index)
    BYR_PER_BYN,
    PANEL_COLUMNS,
    administrative_centres,
    annual_long,
    annual_wide,
    catalog_distances,
    great_circle_km,
    pair_static,
    region_frames,
    split_pair,
    unit_multiplier,
)
from regint.index.pair_measures import BASIS, MEASURES, STATIC_MEASURES
from regint.index.pipeline import IndexResult, IndexSpec, build_index
from regint.index.uncertainty import UncertaintyResult, UncertaintySpec, uncertainty_analysis

BORDER_PAIRS: tuple[str, ...] = ("RU-SMO:BY-VI", "RU-SMO:BY-MA", "RU-PSK:BY-VI", "RU-BRY:BY-HO", "RU-BRY:BY-MA")
"""The Union State border pairs (Russian region : Belarusian region)."""

PAIR_NAMES: dict[str, str] = {"RU-SMO:BY-VI": "Smolensk – Vitebsk", "RU-SMO:BY-MA": "Smolensk – Mogilev",
                              "RU-PSK:BY-VI": "Pskov – Vitebsk", "RU-BRY:BY-HO": "Bryansk – Gomel",
                              "RU-BRY:BY-MA": "Bryansk – Mogilev"}
"""English labels of the border pairs for tables and charts."""

PAIR_DEFAULT_SPEC = IndexSpec(impute="interpolate", treat=True, normalise="minmax", panel_bounds="pooled",
                              aggregate="arithmetic", weights="nominal")
"""Nominal choices: linear interpolation inside the window only (no carry-forward, no extrapolation)."""

PAIR_DEFAULT_USPEC = UncertaintySpec(imputations=("interpolate", "mean"))
"""Monte Carlo alternatives; neither imputation extrapolates a series beyond its last observation."""

WINDOW_MIN_SHARE = 0.5
"""Default rule of :func:`data_window`: a year counts when at least half of the time-varying indicators have
a value for at least one pair."""


def default_framework() -> Framework:
    """The shipped framework ``regint/index/frameworks/border_pairs.csv`` (computable from the shipped data)."""
    return Framework.read_csv(package_data("index", "frameworks", "border_pairs.csv"))


def full_framework() -> Framework:
    """``border_pairs_full.csv``: the framework for complete data (GRP, CIS and partner trade on both sides)."""
    return Framework.read_csv(package_data("index", "frameworks", "border_pairs_full.csv"))


def _source_text(label: str, year: int, region_sources: dict[str, pd.DataFrame]) -> str:
    region, _, code = label.partition(" ")
    if label == "distance table":
        return "distance table (great circle between administrative centres or catalog points)"
    if label == "neighbours table":
        return "region catalog (neighbours)"
    s = region_sources.get(region)
    src = s.at[year, code] if s is not None and code in s.columns else None
    return f"{label}: {src if isinstance(src, str) else '?'}"


def pair_indicators(panel: pd.DataFrame, pairs: Sequence[str] = BORDER_PAIRS,
                    distances: pd.DataFrame | None = None, years: Sequence[int] | None = None,
                    codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Indicators of each pair of regions and year, with coverage and sources; NaN where an input is missing.

    Parameters
    ----------
    panel : pandas.DataFrame
        Long observations with columns ``region, indicator, period, value, unit`` (and ``currency``,
        ``source``, ``status``); annual periods (``YYYY``) are used.
    pairs : sequence of ``"A:B"`` codes
    distances : pandas.DataFrame, optional
        Static table ``region_a, region_b, distance_km[, shared_border]`` (see :func:`catalog_distances`).
    years : optional, the years to report (default: every year in the panel)
    codes : optional, the measures to compute (default: all of :data:`~regint.index.pair_measures.MEASURES`)

    Returns
    -------
    pandas.DataFrame
        Columns ``pair, year, indicator, basis, value, coverage, missing, sources``: ``basis`` says whether
        the measure is symmetric, one-sided or uses a national proxy; ``coverage`` is the share of the inputs
        observed (1 = complete); ``missing`` names the absent inputs; ``sources`` gives the source of every
        input used. ``value`` is NaN unless coverage is 1.
    """
    longf = annual_long(panel)
    values = longf.pivot(index=["region", "year"], columns="indicator", values="value")
    sources = longf.pivot(index=["region", "year"], columns="indicator", values="source")
    all_years = sorted(set(longf["year"])) if years is None else sorted(int(y) for y in years)
    measures = {c: MEASURES[c] for c in (codes if codes is not None else MEASURES)}
    rows = []
    for pair in pairs:
        ra, rb = split_pair(pair)
        (a, sa), (b, sb) = region_frames(values, sources, ra, all_years), region_frames(values, sources, rb,
                                                                                         all_years)
        src = {ra: sa, rb: sb}
        static = pair_static(distances, ra, rb)
        for code, measure in measures.items():
            value, inputs = measure(a, b, static, ra, rb)
            value = value.reindex(all_years)
            present = np.column_stack([s.reindex(all_years).notna().to_numpy() for _, s in inputs])
            cover = present.mean(axis=1)
            for j, year in enumerate(all_years):
                miss = [name for (name, _), ok in zip(inputs, present[j], strict=True) if not ok]
                used = [_source_text(name, year, src) for (name, _), ok in zip(inputs, present[j], strict=True)
                        if ok]
                v = float(value.iloc[j])
                v = v if (cover[j] == 1.0 and np.isfinite(v)) else np.nan
                rows.append({"pair": pair, "year": int(year), "indicator": code, "basis": BASIS.get(code, ""),
                             "value": v, "coverage": float(cover[j]), "missing": "; ".join(miss),
                             "sources": "; ".join(dict.fromkeys(used))})
    return pd.DataFrame(rows, columns=["pair", "year", "indicator", "basis", "value", "coverage", "missing",
                                       "sources"])


def parse_years(text: str) -> tuple[int, int]:
    """``"2005-2016"`` → ``(2005, 2016)``; ``"2010"`` → ``(2010, 2010)``."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", str(text))
    if not m:
        raise DataError(f"years {text!r} must be written as 'YYYY-YYYY' (e.g. '2005-2016') or 'YYYY'.")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if last < first:
        raise DataError(f"years {text!r}: the last year {last} is before the first {first}.")
    return first, last


def data_window(indicators: pd.DataFrame, codes: Sequence[str] | None = None,
                min_share: float = WINDOW_MIN_SHARE) -> tuple[int, int]:
    """The years over which the pair index is built, chosen from the data.

    A year qualifies when at least ``min_share`` of the time-varying indicators (static ones such as the
    distance do not count) have a value for at least one pair; the window is the longest run of consecutive
    qualifying years (the latest when two runs are equally long).

    Parameters
    ----------
    indicators : long frame from :func:`pair_indicators`
    codes : the indicators that count (default: all in ``indicators``)
    min_share : float in (0, 1]

    Returns
    -------
    (first year, last year)
    """
    if not 0 < min_share <= 1:
        raise DataError(f"data_window: min_share must be in (0, 1]; got {min_share}.")
    t = indicators if codes is None else indicators[indicators["indicator"].isin(list(codes))]
    t = t[~t["indicator"].isin(STATIC_MEASURES)]
    n = t["indicator"].nunique()
    if n == 0:
        raise DataError("data_window: no time-varying indicator; give the years explicitly (--years).")
    have = t[t["value"].notna()].groupby("year")["indicator"].nunique()
    good = sorted(int(y) for y, k in have.items() if k >= min_share * n)
    if not good:
        raise DataError(f"data_window: no year has at least {min_share:.0%} of the {n} indicators for any pair; "
                        "give the years explicitly (--years).")
    runs: list[list[int]] = [[good[0]]]
    for y in good[1:]:
        if y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    best = max(runs, key=lambda r: (len(r), r[-1]))
    return best[0], best[-1]


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
    indicators : long frame from :func:`pair_indicators`, restricted to the window
    index : IndexResult on the (pair, year) panel
    uncertainty : UncertaintyResult or None when ``uncertainty=0``
    dropped : codes left out for lack of any data in the window (with aggregates left empty)
    window : (first, last) year of the build
    window_rule : how the window was chosen
    constant : indicators left out because they are the same for every pair and year of the window
    """

    indicators: pd.DataFrame
    index: IndexResult
    uncertainty: UncertaintyResult | None
    dropped: tuple[str, ...] = field(default=())
    window: tuple[int, int] | None = None
    window_rule: str = ""
    constant: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> pd.Series:
        return self.index.scores

    @property
    def ranks(self) -> pd.Series:
        return self.index.ranks

    @property
    def dimension_scores(self) -> pd.DataFrame:
        return self.index.dimension_scores

    @property
    def coverage(self) -> pd.Series:
        """Share of the framework's indicators with a value (observed or imputed) in each pair-year."""
        imputed = self.index.stages["Imputed"][self.index.framework.indicators]
        return imputed.notna().mean(axis=1).rename("coverage")

    def indicator_coverage(self) -> pd.DataFrame:
        """Per indicator: basis, years with data in the window and the share of pair-years observed."""
        t = self.indicators
        rows = []
        for code, g in t.groupby("indicator", sort=False):
            obs = g[g["value"].notna()]
            years = sorted(obs["year"].unique())
            full = obs.groupby("year")["pair"].nunique()
            rows.append({"indicator": code, "basis": g["basis"].iloc[0],
                         "first_year": years[0] if years else np.nan, "last_year": years[-1] if years else np.nan,
                         "years_all_pairs": int((full == g["pair"].nunique()).sum()),
                         "observed_share": float(g["value"].notna().mean())})
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """(pair, year) with score, rank, dimension scores, coverage and, when run, rank and score intervals."""
        out = self.index.to_frame().join(self.coverage)
        if self.uncertainty is not None:
            iv = self.uncertainty.intervals.drop(columns=["nominal_score", "nominal_rank"])
            out = out.join(iv)
        return out

    def summary(self) -> str:
        parts = []
        if self.window is not None:
            parts.append(f"window {self.window[0]}–{self.window[1]} ({self.window_rule})")
        parts.append(self.index.summary())
        if self.dropped:
            parts.append(f"left out for lack of data in the window: {', '.join(self.dropped)}")
        if self.constant:
            parts.append(f"left out as constant over the pairs and years (no information): "
                         f"{', '.join(self.constant)}")
        if self.uncertainty is not None:
            parts.append(self.uncertainty.summary())
        return "\n".join(parts)


def _window(long: pd.DataFrame, framework: Framework,
            years: tuple[int, int] | Sequence[int] | str | None) -> tuple[tuple[int, int], str]:
    if years is None:
        first, last = data_window(long, framework.indicators)
        return (first, last), (f"chosen from the data: years where at least {WINDOW_MIN_SHARE:.0%} of the "
                               "time-varying indicators have data for at least one pair")
    if isinstance(years, str):
        return parse_years(years), "given by the user"
    ys = [int(y) for y in years]
    if not ys:
        raise DataError("build_pair_index: years is empty; give (first, last), e.g. (2005, 2016).")
    return (min(ys), max(ys)), "given by the user"


def build_pair_index(panel: pd.DataFrame, pairs: Sequence[str] = BORDER_PAIRS,
                     framework: Framework | None = None, uncertainty: int = 1000, *,
                     distances: pd.DataFrame | None = None, spec: IndexSpec | None = None,
                     uspec: UncertaintySpec | None = None, progress=None,
                     years: tuple[int, int] | Sequence[int] | str | None = None) -> PairIndexResult:
    """Build the cross-border integration index of every pair and year of a window, with a Monte Carlo.

    The window is chosen from the data (:func:`data_window`) unless ``years`` gives it; no year outside it
    enters. Indicators without any value in the window are dropped (and named), as are indicators constant over
    all pairs and years; remaining gaps are filled only by the explicit imputation of ``spec`` (default: linear
    interpolation inside the window, no extrapolation) and otherwise left to the aggregation, which rescales
    the weights of the observed children (see :attr:`PairIndexResult.coverage`).

    Parameters
    ----------
    panel : long observation frame (see :func:`pair_indicators`)
    pairs : pair codes, default :data:`BORDER_PAIRS`
    framework : Framework, default :func:`default_framework`
    uncertainty : int
        Base sample size *N* of the Monte Carlo (0 to skip; at least 1,000 recommended).
    distances : static table of :func:`catalog_distances`
    spec, uspec : IndexSpec and UncertaintySpec (``uspec.n`` is replaced by ``uncertainty``); defaults
        :data:`PAIR_DEFAULT_SPEC`, :data:`PAIR_DEFAULT_USPEC`
    progress : callable(done, total), optional
    years : (first, last), a sequence of years (their range is used) or ``"YYYY-YYYY"``; default from the data
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
    long = pair_indicators(panel, pairs, distances, codes=framework.indicators)
    (first, last), rule = _window(long, framework, years)
    long = long[long["year"].between(first, last)].reset_index(drop=True)
    if years is not None:  # an explicit window may reach beyond the panel's years: report them as gaps
        grid = pd.MultiIndex.from_product([list(pairs), range(first, last + 1), framework.indicators],
                                          names=["pair", "year", "indicator"])
        long = long.set_index(["pair", "year", "indicator"]).reindex(grid).reset_index()
        long["basis"] = long["indicator"].map(BASIS)
        long["coverage"] = long["coverage"].fillna(0.0)
        long[["missing", "sources"]] = long[["missing", "sources"]].fillna("")
        long = long[["pair", "year", "indicator", "basis", "value", "coverage", "missing", "sources"]]
    wide = long.pivot(index=["pair", "year"], columns="indicator", values="value")
    wide = wide.reindex(columns=framework.indicators)
    with_data = [c for c in framework.indicators if wide[c].notna().any()]
    constant = [c for c in with_data if wide[c].nunique(dropna=True) == 1]
    keep = [c for c in with_data if c not in constant]
    fw, dropped = prune_framework(framework, keep)
    dropped = [c for c in dropped if c not in constant]
    data = wide[fw.indicators]
    data = data[data.notna().any(axis=1)]
    if data.empty:
        raise DataError(f"build_pair_index: no pair-year of {first}–{last} has any indicator value; check the "
                        "panel's regions and the years.")
    nominal = build_index(data, fw, spec)
    unc = None
    if uncertainty > 0:
        base = uspec or PAIR_DEFAULT_USPEC
        unc = uncertainty_analysis(data, fw, spec, UncertaintySpec(
            n=uncertainty, imputations=base.imputations, normalisations=base.normalisations,
            aggregations=base.aggregations, weight_noise=base.weight_noise, seed=base.seed),
            nominal=nominal, progress=progress)
    return PairIndexResult(long, nominal, unc, tuple(dropped), (first, last), rule, tuple(constant))
