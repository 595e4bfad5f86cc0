r"""The panel of objective factors of integration: outcomes and candidate factors by entity and year.

:func:`build_factor_panel` takes the long observation frame of :mod:`regint.data` (frame in, panel out; it reads
only the package's catalogs and the dated events file ``factors_events.csv``) and returns a
:class:`FactorPanel`: one row per entity and year with the outcome and every candidate factor, a catalogue
saying where each factor comes from and which years it covers, and an :class:`Honesty` record (N, years,
factors dropped and why).

Two scopes:

* ``"regions"`` — every Russian region against Belarus (entity = region, ``RU-SMO``); outcomes of the Russian
  side (CIS share of exports or trade, trade openness, the wage gap to Belarus' average).
* ``"pairs"`` — the five Union-State border pairs (entity = ``"RU-SMO:BY-VI"``); the wage gap is a true pair
  measure, the trade outcomes are the Russian side's (three distinct regions for five pairs).

Factors are of three kinds, which decide how a fixed-effects model can use them (see
:func:`regint.models.factors.fit_factors`): ``varying`` (entity and year), ``common`` (one value per year for all
entities: the real exchange rate, the integration milestones and shocks) and ``static`` (one value per entity:
distance, shared border).

The Rosstat break: regional foreign-trade series exclude trade with Belarus in 2009-2011 (catalog break
``ru_trade_belarus_excluded``). For trade outcomes the panel starts in 2012 (``trade_break="start2012"``,
default) or keeps 2000-2021 with a 2009-2011 dummy (``"dummy"``); either is stated in the honesty record.

References
----------
Wooldridge, J. M. (2010). *Econometric Analysis of Cross Section and Panel Data*, 2nd ed. MIT Press, ch. 10.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint._paths import package_data
from regint.errors import DataError
from regint.indicators.preconditions import prepare_panel
from regint.indicators.prices import cross_rate, price_index

Scope = Literal["regions", "pairs"]
Outcome = Literal["cis_export_share", "cis_trade_share", "trade_openness", "wage_gap", "composite"]
TradeBreak = Literal["start2012", "dummy"]

OUTCOMES: tuple[str, ...] = ("cis_export_share", "cis_trade_share", "trade_openness", "wage_gap", "composite")
TRADE_OUTCOMES = ("cis_export_share", "cis_trade_share", "trade_openness")
BORDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("RU-SMO", "BY-VI"), ("RU-SMO", "BY-MA"), ("RU-PSK", "BY-VI"), ("RU-BRY", "BY-HO"), ("RU-BRY", "BY-MA"),
)
BREAK_YEARS = (2009, 2011)
EARTH_RADIUS_KM = 6371.0088
OUTCOME_UNITS = {
    "cis_export_share": "% of goods exports", "cis_trade_share": "% of goods trade",
    "trade_openness": "% of GRP", "wage_gap": "log points x 100 (PPP)", "composite": "index points",
}
OUTCOME_LABELS = {
    "cis_export_share": "CIS share of exports", "cis_trade_share": "CIS share of foreign trade",
    "trade_openness": "trade openness (exports + imports over GRP)",
    "wage_gap": "wage gap to Belarus at PPP", "composite": "composite integration index",
}


@dataclass(frozen=True)
class Honesty:
    """What an analysis stands on: observations, entities, years, factors used and dropped (with reasons)."""

    n_obs: int
    n_entities: int
    years: tuple[int, ...]
    factors_used: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()

    @property
    def span(self) -> str:
        return "none" if not self.years else f"{min(self.years)}-{max(self.years)} ({len(self.years)} years)"

    def summary(self) -> str:
        lines = [f"N = {self.n_obs} observations, {self.n_entities} entities, years {self.span}",
                 f"factors used: {', '.join(self.factors_used) or 'none'}"]
        lines += [f"dropped {name}: {why}" for name, why in self.dropped]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        rows = [("N (observations)", str(self.n_obs)), ("entities", str(self.n_entities)), ("years", self.span),
                ("factors used", ", ".join(self.factors_used))]
        rows += [(f"dropped: {n}", why) for n, why in self.dropped]
        rows += [("note", n) for n in self.notes]
        return pd.DataFrame(rows, columns=["item", "value"])

    def extend(self, *, dropped: tuple[tuple[str, str], ...] = (), notes: tuple[str, ...] = (),
               n_obs: int | None = None, n_entities: int | None = None, years: tuple[int, ...] | None = None,
               factors_used: tuple[str, ...] | None = None) -> Honesty:
        """A new record with more dropped factors and notes (and, optionally, the sample of a model)."""
        return Honesty(n_obs=self.n_obs if n_obs is None else n_obs,
                       n_entities=self.n_entities if n_entities is None else n_entities,
                       years=self.years if years is None else years,
                       factors_used=self.factors_used if factors_used is None else factors_used,
                       dropped=self.dropped + dropped, notes=self.notes + notes)


@dataclass(frozen=True)
class FactorPanel:
    """Outcome and candidate factors by entity and year (frozen).

    Attributes
    ----------
    data : DataFrame
        Index (entity, year); columns the outcome and the factors kept; complete cases only.
    outcome : str
    factors : tuple of str
        Factors kept, in catalogue order.
    catalogue : DataFrame
        One row per candidate factor (kept or not): factor, kind (varying/common/static), unit, source, years,
        description.
    scope : {"regions", "pairs"}
    focus : str
        The entity whose changes are decomposed by default (Smolensk, or the Smolensk-Vitebsk pair).
    exposure : Series
        Static proximity of each entity to Belarus (``-log`` of km), used to interact common factors.
    honesty : Honesty
    """

    data: pd.DataFrame
    outcome: str
    factors: tuple[str, ...]
    catalogue: pd.DataFrame
    scope: str
    focus: str
    exposure: pd.Series
    border: pd.Series
    honesty: Honesty
    outcome_unit: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def kind(self, factor: str) -> str:
        return str(self.catalogue.set_index("factor").at[factor, "kind"])

    def summary(self) -> str:
        return "\n".join([f"Factor panel ({self.scope}): outcome {self.outcome} [{self.outcome_unit}]",
                          self.honesty.summary()])

    def to_frame(self) -> pd.DataFrame:
        return self.data.copy()


def load_events() -> pd.DataFrame:
    """The dated integration milestones and external shocks shipped with regint (``factors_events.csv``)."""
    return pd.read_csv(package_data("models", "factors_events.csv"), dtype={"start": int})


def event_dummies(events: pd.DataFrame, years: pd.Index) -> pd.DataFrame:
    r"""Year-indexed 0/1 columns of the events.

    .. math::

        \text{step}_t = 1[t \ge t_0], \qquad \text{pulse}_t = 1[t_0 \le t \le t_1]

    Parameters
    ----------
    events : DataFrame
        Columns id, form ("step" or "pulse"), start, end (empty: open).
    years : Index of int, shape (T,)
    """
    out = {}
    for ev in events.itertuples():
        end = int(ev.end) if pd.notna(ev.end) and str(ev.end).strip() != "" else 10_000
        out[str(ev.id)] = pd.Series(((years >= int(ev.start)) & (years <= end)).astype(float), index=years)
    return pd.DataFrame(out, index=years)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r"""Great-circle distance (haversine) in kilometres.

    .. math::

        d = 2R \arcsin\sqrt{\sin^2\tfrac{\Delta\varphi}{2} + \cos\varphi_1\cos\varphi_2\sin^2\tfrac{\Delta\lambda}{2}}

    with :math:`R = 6371.0088` km (the IUGG mean Earth radius).

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope* 68(2), 159.
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h)))


class _Lookup:
    """The (region, indicator) series of a prepared panel, each cut out when first asked for.

    ``groups`` maps every key present to the row positions of its observations; cutting all of them up front
    (one indexed frame per key, ~20,000 keys on the shipped data) cost seconds for the few hundred used.
    """

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df
        self.groups: dict[tuple[str, str], np.ndarray] = df.groupby(["region", "indicator"], sort=False).indices
        self._cut: dict[tuple[str, str], pd.DataFrame] = {}

    def _get(self, key: tuple[str, str]) -> pd.DataFrame | None:
        if key not in self._cut:
            rows = self.groups.get(key)
            if rows is None:
                return None
            self._cut[key] = self._df.iloc[rows].set_index("year")
        return self._cut[key]

    def s(self, region: str, indicator: str) -> pd.Series:
        g = self._get((region, indicator))
        return pd.Series(dtype="float64") if g is None else g["value"].sort_index().astype("float64")

    def sources(self, pairs: list[tuple[str, str]]) -> str:
        found: set[str] = set()
        for key in pairs:
            g = self._get(key)
            if g is not None:
                found.update(g["source"].astype(str))
        return ", ".join(sorted(found)) or "none"


def _span(s: pd.Series) -> str:
    s = s.dropna()
    if s.empty:
        return "none"
    years = sorted(int(y) for y in s.index.get_level_values(-1).unique())
    runs, start, prev = [], years[0], years[0]
    for y in years[1:] + [None]:  # type: ignore[list-item]
        if y is None or y != prev + 1:
            runs.append(f"{start}" if start == prev else f"{start}-{prev}")
            if y is not None:
                start = y
        if y is not None:
            prev = y
    return ", ".join(runs)


def _ru_outcome(lk: _Lookup, region: str, outcome: str) -> pd.Series:
    ex, im = lk.s(region, "exports_usd"), lk.s(region, "imports_usd")
    if outcome == "cis_export_share":
        return 100 * lk.s(region, "exports_cis_usd") / ex
    if outcome == "cis_trade_share":
        return 100 * (lk.s(region, "exports_cis_usd") + lk.s(region, "imports_cis_usd")) / (ex + im)
    if outcome == "trade_openness":
        grp_usd = lk.s(region, "grp") / lk.s("RU", "fx_usd")
        return 100 * (ex + im) / grp_usd
    raise DataError(f"factor panel: outcome {outcome!r} is not a Russian-side outcome")


def _wage_ppp(lk: _Lookup, region: str) -> pd.Series:
    return lk.s(region, "wage_nominal") / lk.s(region.split("-")[0], "ppp")


def _outcome_frame(lk: _Lookup, outcome: str, entities: list[tuple[str, str, str]],
                   composite: pd.DataFrame | None) -> pd.Series:
    parts = {}
    for ent, ru, by in entities:
        if outcome == "wage_gap":
            s = 100 * np.log(_wage_ppp(lk, ru) / _wage_ppp(lk, by))
        elif outcome == "composite":
            if composite is None:
                raise DataError("outcome 'composite' needs the composite index scores. Fix: pass composite= "
                                "(a frame with entity, year, value from regint.index.pairs.build_pair_index).")
            sub = composite[composite["entity"].isin([ent, ru])]
            s = sub.groupby("year")["value"].first().astype("float64")
        else:
            s = _ru_outcome(lk, ru, outcome)
        parts[ent] = s.replace([np.inf, -np.inf], np.nan).dropna()
    out = pd.concat(parts, names=["entity", "year"]) if parts else pd.Series(dtype="float64")
    return out.rename(outcome)


def _common_factors(lk: _Lookup, years: pd.Index, events: pd.DataFrame,
                    trade_break: bool) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    fx_ru, fx_by = lk.s("RU", "fx_usd"), lk.s("BY", "fx_usd")
    nominal = cross_rate(fx_ru, fx_by)
    direct = 100.0 / lk.s("BY", "fx_rub_100")  # RUB per BYN from the NBRB's BYN per 100 RUB
    nominal = nominal.combine_first(direct)
    p_ru = price_index(lk.s("RU", "inflation").dropna(), form="change")
    p_by = price_index(lk.s("BY", "inflation").dropna(), form="change")
    rer = 100 * np.log(nominal * p_by / p_ru)
    full = pd.Index(range(int(years.min()) - 1, int(years.max()) + 1))
    rer = rer.reindex(full)
    vol = rer.diff().abs()
    infl_gap = lk.s("BY", "inflation") - lk.s("RU", "inflation")
    gdp_by = lk.s("BY", "gdp_usd")
    by_growth = 100 * np.log(gdp_by / gdp_by.shift(1)).where(gdp_by.index.to_series().diff() == 1)
    cols = {"rer_log": rer, "rer_volatility": vol, "inflation_gap": infl_gap, "by_gdp_usd_growth": by_growth}
    fx_src = lk.sources([("RU", "fx_usd"), ("BY", "fx_usd"), ("BY", "fx_rub_100"), ("RU", "inflation"),
                         ("BY", "inflation")])
    cat = [
        {"factor": "rer_log", "unit": "100 x log(RUB per BYN x P_BY / P_RU)", "source": fx_src,
         "description": "real exchange rate RUB/BYN (up = real appreciation of the BYN); CPI: WDI annual average"},
        {"factor": "rer_volatility", "unit": "|annual change of rer_log|", "source": fx_src,
         "description": "volatility of the real exchange rate: absolute year-on-year change"},
        {"factor": "inflation_gap", "unit": "percentage points",
         "source": lk.sources([("RU", "inflation"), ("BY", "inflation")]),
         "description": "inflation of Belarus minus inflation of Russia (relative price-level change)"},
        {"factor": "by_gdp_usd_growth", "unit": "100 x dlog GDP in current USD",
         "source": lk.sources([("BY", "gdp_usd")]),
         "description": "growth of Belarus' GDP in current US dollars (partner demand; nominal, no real series)"},
    ]
    frame = pd.DataFrame({k: v.reindex(years) for k, v in cols.items()}, index=years)
    ev = event_dummies(events, years)
    for e in events.itertuples():
        cat.append({"factor": str(e.id), "unit": "0/1 (" + ("from " if e.form == "step" else "in ") +
                    f"{e.start}" + ("" if e.form == "step" else f"-{int(e.end)}") + ")",
                    "source": str(e.source), "description": str(e.name_en)})
    frame = frame.join(ev)
    if trade_break:
        frame["rosstat_belarus_break"] = ((years >= BREAK_YEARS[0]) & (years <= BREAK_YEARS[1])).astype(float)
        cat.append({"factor": "rosstat_belarus_break", "unit": "0/1 (2009-2011)",
                    "source": "regint breaks catalog: ru_trade_belarus_excluded",
                    "description": "Rosstat regional trade excludes trade with Belarus in 2009-2011"})
    for row in cat:
        row["kind"] = "common"
    return frame, cat


def _entities(scope: str, lk: _Lookup, regions: pd.DataFrame) -> list[tuple[str, str, str]]:
    if scope == "pairs":
        return [(f"{ru}:{by}", ru, by) for ru, by in BORDER_PAIRS]
    ru_regions = sorted({r for (r, _i) in lk.groups if r.startswith("RU-") and r in regions.index})
    return [(r, r, "BY") for r in ru_regions]


def _static(entities: list[tuple[str, str, str]], regions: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    dist, border = {}, {}
    minsk = regions.loc["BY-HM"]
    for ent, ru, by in entities:
        a = regions.loc[ru]
        b = minsk if by == "BY" else regions.loc[by]
        if str(a["lat"]).strip() == "" or str(b["lat"]).strip() == "":
            continue
        dist[ent] = great_circle_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
        neigh = str(a["neighbours"]).split(";")
        border[ent] = float(any(n.startswith("BY-") for n in neigh) if by == "BY" else by in neigh)
    return pd.Series(dist, name="distance_km"), pd.Series(border, name="border")


def _coverage_selection(frame: pd.DataFrame, outcome: str, candidates: list[str], min_coverage: float,
                        catalogue: pd.DataFrame) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop factors that are constant or would cut the complete-case sample below ``min_coverage``."""
    kept, dropped = list(candidates), []
    base = frame[outcome].notna()
    n0 = int(base.sum())
    for f in list(kept):
        vals = frame.loc[base, f].dropna()
        if vals.nunique() <= 1:
            kept.remove(f)
            what = ("no data in the outcome's years" if vals.empty else
                    f"one value ({vals.iloc[0]:g}) over its {len(vals)} observation(s) in the outcome's years")
            dropped.append((f, f"{what}: nothing to estimate"))
    while kept:
        cc = base & frame[kept].notna().all(axis=1)
        if cc.sum() >= min_coverage * n0:
            break
        miss = frame.loc[base, kept].isna().sum()
        worst = str(miss.idxmax())
        kept.remove(worst)
        years = catalogue.set_index("factor").at[worst, "years"]
        n_with = int((base & frame[worst].notna()).sum())
        dropped.append((worst, f"available for {n_with} of {n0} outcome observations (years {years}); "
                               f"keeping it would leave fewer than {min_coverage:.0%} of the sample"))
    return kept, dropped


def build_factor_panel(
    panel: pd.DataFrame,
    outcome: Outcome = "cis_export_share",
    *,
    scope: Scope = "regions",
    trade_break: TradeBreak = "start2012",
    composite: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    years: tuple[int, int] = (2000, 2021),
    min_coverage: float = 0.7,
) -> FactorPanel:
    """Build the factor panel of one outcome from the long observation frame.

    Parameters
    ----------
    panel : DataFrame
        Long observations (region, indicator, period, value, unit, currency, source, status). Used:
        exports_usd, imports_usd, exports_cis_usd, imports_cis_usd, grp, grp_volume_index, wage_nominal, ppp,
        fx_usd and inflation of ``RU``/``BY``, fx_rub_100, gdp_usd of ``BY``.
    outcome : {"cis_export_share", "cis_trade_share", "trade_openness", "wage_gap", "composite"}
    scope : {"regions", "pairs"}
    trade_break : {"start2012", "dummy"}
        Handling of the 2009-2011 Rosstat break for trade outcomes.
    composite : DataFrame, optional
        Columns entity (pair "RU-SMO:BY-VI" or region), year, value: the composite index, for
        ``outcome="composite"``.
    events : DataFrame, optional
        Dated events (default: the shipped ``factors_events.csv``).
    years : (int, int)
        First and last year considered.
    min_coverage : float
        A factor is dropped (and said so) when keeping it would leave fewer than this share of the outcome's
        observations as complete cases.

    Returns
    -------
    FactorPanel
    """
    check_option("outcome", outcome, OUTCOMES)
    check_option("scope", scope, ("regions", "pairs"))
    check_option("trade_break", trade_break, ("start2012", "dummy"))
    if outcome == "composite" and composite is None:
        raise DataError("factor panel: outcome 'composite' needs the composite index. Fix: pass composite= a "
                        "frame with columns entity, year, value (e.g. from regint.index).")
    if not 0 < min_coverage <= 1:
        raise DataError(f"factor panel: min_coverage must be in (0, 1]; got {min_coverage}.")
    from regint.data.catalogs import regions as region_catalog

    reg = region_catalog()
    df = prepare_panel(panel)
    lk = _Lookup(df)
    ents = _entities(scope, lk, reg)
    notes: list[str] = []
    first, last = years
    is_trade = outcome in TRADE_OUTCOMES
    if is_trade and trade_break == "start2012":
        first = max(first, 2012)
        notes.append("Rosstat regional trade excludes trade with Belarus in 2009-2011: the panel starts in 2012 "
                     "(trade_break='start2012'); milestones before 2012 cannot be separated from the entity effects")
    elif is_trade:
        notes.append("Rosstat regional trade excludes trade with Belarus in 2009-2011: a 0/1 factor "
                     "rosstat_belarus_break marks those years (trade_break='dummy')")
    y = _outcome_frame(lk, outcome, ents, composite)
    y = y[(y.index.get_level_values("year") >= first) & (y.index.get_level_values("year") <= last)]
    if y.empty:
        raise DataError(f"factor panel: no observation of {outcome} for scope {scope!r} in {first}-{last}. "
                        "Fix: import the series it needs (see `regint data gaps`) or choose another outcome.")
    yrs = pd.Index(sorted(y.index.get_level_values("year").unique()), name="year")
    common, cat_rows = _common_factors(lk, yrs, load_events() if events is None else events,
                                       is_trade and trade_break == "dummy")
    dist, border = _static(ents, reg)
    frame = y.to_frame()
    ent_idx = frame.index.get_level_values("entity")
    yr_idx = frame.index.get_level_values("year")
    ru_of = {e: ru for e, ru, _ in ents}
    by_of = {e: by for e, _, by in ents}
    varying = {
        "grp_growth": pd.Series([lk.s(ru_of[e], "grp_volume_index").get(t, np.nan) - 100
                                 for e, t in zip(ent_idx, yr_idx, strict=True)], index=frame.index),
    }
    cat_rows.append({"factor": "grp_growth", "kind": "varying", "unit": "% per year (volume)",
                     "source": lk.sources([(ru, "grp_volume_index") for _, ru, _ in ents]),
                     "description": "real GRP growth of the Russian region"})
    if scope == "pairs":
        varying["by_grp_growth"] = pd.Series([lk.s(by_of[e], "grp_volume_index").get(t, np.nan) - 100
                                              for e, t in zip(ent_idx, yr_idx, strict=True)], index=frame.index)
        cat_rows.append({"factor": "by_grp_growth", "kind": "varying", "unit": "% per year (volume)",
                         "source": lk.sources([(by, "grp_volume_index") for _, _, by in ents]),
                         "description": "real GRP growth of the Belarusian oblast"})
    for k, v in varying.items():
        frame[k] = v
    for c in common.columns:
        frame[c] = common[c].reindex(yr_idx).to_numpy()
    frame["log_distance"] = np.log(dist.reindex(ent_idx).to_numpy())
    frame["border"] = border.reindex(ent_idx).to_numpy()
    partner = "the Belarusian oblast's centroid" if scope == "pairs" else "Minsk (BY-HM)"
    cat_rows += [
        {"factor": "log_distance", "kind": "static", "unit": "log km", "source": "regint region catalog (lat/lon)",
         "description": f"great-circle distance from the Russian region's centroid to {partner}"},
        {"factor": "border", "kind": "static", "unit": "0/1", "source": "regint region catalog (neighbours)",
         "description": "the Russian region shares a border with Belarus (the oblast, for pairs)"},
    ]
    catalogue = pd.DataFrame(cat_rows)[["factor", "kind", "unit", "source", "description"]]
    catalogue["years"] = [_span(frame[f]) if f in frame else "none" for f in catalogue["factor"]]
    candidates = [f for f in catalogue["factor"] if f in frame.columns]
    kept, dropped = _coverage_selection(frame, outcome, candidates, min_coverage, catalogue)
    data = frame[[outcome, *kept]].dropna()
    if scope == "pairs" and is_trade:
        notes.append("pairs scope with a Russian-side trade outcome: five pairs but only three distinct Russian "
                     "regions (Smolensk and Bryansk appear twice); the effective number of clusters is three")
    honesty = Honesty(n_obs=len(data), n_entities=data.index.get_level_values("entity").nunique(),
                      years=tuple(sorted(int(t) for t in data.index.get_level_values("year").unique())),
                      factors_used=tuple(kept), dropped=tuple(dropped), notes=tuple(notes))
    focus = "RU-SMO:BY-VI" if scope == "pairs" else "RU-SMO"
    exposure = -np.log(dist / 1000.0)
    return FactorPanel(data=data, outcome=outcome, factors=tuple(kept), catalogue=catalogue, scope=scope,
                       focus=focus, exposure=exposure.rename("proximity"), border=border, honesty=honesty,
                       outcome_unit=OUTCOME_UNITS[outcome], notes=tuple(notes))
