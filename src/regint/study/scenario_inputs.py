"""What the scenario engine needs from the data: the baseline, the growth trends and the chain's multipliers.

The baseline (GRP per capita, wages, population, trade of the pair, price levels) is read from the study's
panel, with monetary values converted to USD by :func:`regint.data.harmonise.to_usd`; every figure the panel
lacks falls back to a labelled value of the scenario file or of the shipped ``baseline.toml``, and the notes say
which. The input-output multipliers of the chain come from the study's one input-output analysis of the pair
(:func:`io_multipliers`), falling back to ``parameters.toml`` with the reason. The CLI, the report and the
dashboard all take their scenario inputs from :class:`regint.study.Study`, which calls these functions once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from regint.errors import RegintError
from regint.scenarios import Baseline, BaselineValue, Parameter, default_baseline, default_parameters
from regint.scenarios.baseline import carry_forward
from regint.scenarios.multipliers import MULTIPLIER_KEYS, Side, fallback_multipliers, side_parameters
from regint.scenarios.pairtrade import (
    HEAD_MAYER_DISTANCE,
    HEAD_MAYER_SOURCE,
    PairTradeEstimate,
    pair_trade_share,
)

if TYPE_CHECKING:
    from regint.models.inputoutput.pipeline import IOAnalysis
    from regint.scenarios import ScenarioSpec

__all__ = ["INDICATORS", "PARTNER_SHARE_INDICATOR", "ScenarioInputs", "baseline_from_panel", "common_base_year",
           "distance_elasticity", "growth_trend", "io_multipliers", "pair_trade_estimate", "partner_share",
           "scenario_inputs", "study_pair_trade"]

#: The indicators the baseline reads.
INDICATORS: tuple[str, ...] = ("grp_per_capita", "grp", "wage_nominal", "population_jan1", "trade_partner_usd",
                               "trade_partner_rub", "ppp", "employment", "grp_per_capita_volume_index", "fx_usd")
#: The partner region's share of its country's GDP (the FLQ size term TRE/TNE of the partner's model).
PARTNER_SHARE_INDICATOR = "press_grp_share_of_gdp"
_SCALE = {"mln": 1.0, "bln": 1e3, "bn": 1e3, "thous.": 1e-3}
_ANNUAL = r"\d{4}"


def _scale(unit: object) -> float:
    return next((v for k, v in _SCALE.items() if str(unit).startswith(k)), 1.0)


def _annual(panel: pd.DataFrame, indicator: str, region: str, year: int, window: int = 2) -> pd.Series | None:
    """The latest annual row of ``indicator`` for ``region`` in ``[year - window, year]``."""
    sub = panel[(panel["indicator"] == indicator) & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(_ANNUAL) & panel["value"].notna()]
    sub = sub.assign(_y=sub["period"].astype(int))
    sub = sub[(sub["_y"] <= year) & (sub["_y"] >= year - window)]
    return None if sub.empty else sub.sort_values("_y").iloc[-1]


def _stored(row: pd.Series, value: float, what: str) -> BaselineValue:
    src = f"{row['source']}: {what} {row['period']}"
    if isinstance(row.get("derived_from"), str) and row.get("derived_from"):
        src += f" ({row['derived_from']})"
    return BaselineValue(float(value), src, "data" if row.get("status") == "official" else str(row.get("status")),
                         int(row["period"]), "store")


def usd_rows(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel's annual monetary rows converted to USD at the annual rates it holds (rows without a rate are
    dropped by :func:`regint.data.harmonise.to_usd`)."""
    from regint.data.harmonise import to_usd

    fx = panel[(panel["indicator"] == "fx_usd") & panel["region"].isin(["RU", "BY"])]
    money = panel[panel["currency"].isin(["RUB", "BYN", "BYR", "USD"])
                  & panel["period"].astype(str).str.fullmatch(_ANNUAL)]
    return to_usd(money, fx) if len(money) else money


def baseline_from_panel(panel: pd.DataFrame, usd: pd.DataFrame, year: int, regions: tuple[str, str]
                        ) -> tuple[dict[str, BaselineValue], list[str]]:
    """Baseline values found in a long panel (``usd``: its monetary rows in USD) for ``year``; with messages.

    Each value is the latest one in a short window up to ``year`` (two years; five for the jobs ratio) and
    carries its own year, so the baseline table shows how old each value is.
    """
    ru, by = regions
    found: dict[str, BaselineValue] = {}
    msgs: list[str] = []
    for side, reg in (("ru", ru), ("by", by)):
        r = _annual(usd, "grp_per_capita", reg, year)
        if r is not None:
            found[f"grp_pc_usd_{side}"] = _stored(r, r["value"], f"GRP per capita of {reg}, USD,")
        r = _annual(usd, "wage_nominal", reg, year)
        if r is not None:
            found[f"wage_usd_{side}"] = _stored(r, r["value"], f"average wage of {reg}, USD,")
        r = _annual(panel, "population_jan1", reg, year)
        if r is not None:
            found[f"population_{side}"] = _stored(r, r["value"] * 1e3, f"population of {reg} on 1 January")
        country = reg.split("-")[0]
        ppp = _annual(panel, "ppp", country, year)
        fx = _annual(panel, "fx_usd", country, year, window=0) if ppp is not None else None
        if ppp is not None and fx is not None and int(fx["period"]) == int(ppp["period"]):
            found[f"price_level_{side}"] = BaselineValue(
                float(ppp["value"] / fx["value"]), f"{ppp['source']} PPP / {fx['source']} fx_usd, {ppp['period']}",
                "derived", int(ppp["period"]), "store")
        emp, grp = _annual(panel, "employment", reg, year, 5), _annual(usd, "grp", reg, year, 5)
        if emp is not None and grp is not None and emp["period"] == grp["period"] and grp["value"] > 0:
            found[f"jobs_per_musd_{side}"] = BaselineValue(
                float(emp["value"] * 1e3 / (grp["value"] * _scale(grp["unit"]))),
                f"{emp['source']} employment / {grp['source']} GRP in USD, {emp['period']}", "derived",
                int(emp["period"]), "store")
    for ind in ("trade_partner_usd", "trade_partner_rub"):
        r = _annual(usd, ind, ru, year)
        if r is not None and pd.notna(r["value"]):
            found["trade_usd"] = _stored(r, r["value"] * _scale(r["unit"]),
                                         f"trade of {ru} with the partner country, USD,")
            break
    r = _annual(panel, "fx_usd", "RU", year, window=0)
    if r is not None:
        found["fx_rub_usd"] = _stored(r, r["value"], "RUB per USD")
    r = _annual(panel, "fx_usd", "BY", year, window=0)
    if r is not None:
        found["fx_byn_usd"] = _stored(r, r["value"], "BYN per USD")
    return found, msgs


def growth_trend(panel: pd.DataFrame, region: str, side: Side, year: int, span: int = 9) -> Parameter | None:
    """Real growth of GRP per capita per year: geometric mean of the volume indices of the last ``span`` + 1
    years up to ``year``, range ± 2 standard errors; ``None`` with fewer than five indices.

    .. math::
        \\bar g = \\Bigl(\\prod_{t} I_t / 100\\Bigr)^{1/T} - 1, \\qquad
        \\operatorname{se} = s(I_t/100 - 1)/\\sqrt{T}
    """
    sub = panel[(panel["indicator"] == "grp_per_capita_volume_index") & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(_ANNUAL)]
    sub = sub[sub["period"].astype(int).between(year - span - 1, year)].sort_values("period")
    if len(sub) < 5:
        return None
    g = sub["value"].to_numpy(float) / 100.0
    mean = float(np.exp(np.log(g).mean()) - 1)
    se = float(np.std(g - 1, ddof=1) / math.sqrt(len(g)))
    return Parameter(f"grp_growth_{side}", mean - 2 * se, mean, mean + 2 * se,
                     "pert", f"store: geometric mean of {region}'s GRP per capita volume indices "
                     f"{sub['period'].iloc[0]}–{sub['period'].iloc[-1]} ({sub['source'].iloc[-1]}); ± 2 s.e.",
                     "estimate", "real growth of GRP per capita per year")


def partner_share(panel: pd.DataFrame, region: str, year: int) -> tuple[float, str] | None:
    """The region's share of its country's GDP (fraction) from ``panel`` (latest year up to ``year``, else the
    earliest after it), with its provenance; ``None`` when the panel lacks it."""
    sub = panel[(panel["indicator"] == PARTNER_SHARE_INDICATOR) & (panel["region"] == region)
                & panel["period"].astype(str).str.fullmatch(_ANNUAL) & panel["value"].notna()]
    if sub.empty:
        return None
    sub = sub.assign(_y=sub["period"].astype(int)).sort_values("_y")
    before = sub[sub["_y"] <= year]
    row = before.iloc[-1] if len(before) else sub.iloc[0]
    value = float(row["value"]) / (100.0 if str(row["unit"]).startswith("%") else 1.0)
    note = f" ({row['note']})" if isinstance(row.get("note"), str) and row.get("note") else ""
    return value, (f"size = {region}'s share of national GDP in {row['period']}, {value:.1%} "
                   f"({row['source']}: {PARTNER_SHARE_INDICATOR}{note})")


def _side_fallback(defaults: Mapping[str, Parameter], side: Side, reason: str) -> tuple[dict[str, Parameter], str]:
    names = ", ".join(n for (s, _), n in MULTIPLIER_KEYS.items() if s == side)
    return (fallback_multipliers(defaults, reason, (side,)),
            f"{names}: labelled fallbacks of parameters.toml — {reason}")


def io_multipliers(ia: IOAnalysis | None, regions: tuple[str, str], *, deltas: tuple[float, float, float],
                   share_note: str = "", reason: str = "", partner_reason: str = "",
                   sector_shares: pd.Series | None = None) -> tuple[dict[str, Parameter], list[str]]:
    """The multipliers of the chain from the study's input-output analysis ``ia``, with messages saying where
    they come from; a side that cannot be computed keeps the values of ``parameters.toml`` and says why.

    ``ia`` is ``None`` when the analysis failed (``reason`` says why); ``deltas`` are Flegg's δ of the low,
    central and high multiplier; ``share_note`` names where the partner's size came from; ``partner_reason``,
    when given, is why the partner's side cannot be computed (its size is unknown) and it falls back.
    """
    defaults = default_parameters()
    sides: tuple[Side, Side] = ("ru", "by")
    out: dict[str, Parameter] = {}
    msgs: list[str] = []
    if ia is None:
        for side in sides:
            p, m = _side_fallback(defaults, side, reason or "the input-output analysis was not run")
            out.update(p)
            msgs.append(m)
        return out, msgs
    notes = {"ru": "", "by": share_note}
    for side, region in zip(sides, regions, strict=True):
        if side == "by" and partner_reason:
            p, m = _side_fallback(defaults, side, partner_reason)
            out.update(p)
            msgs.append(m)
            continue
        try:
            p = side_parameters(ia, side, sector_shares, notes[side], deltas=deltas)
            m = (f"{region}: input-output multipliers computed at run time (Rosstat {ia.year} table, FLQ δ = "
                 f"{deltas[1]:g}, range δ = {deltas[0]:g}–{deltas[2]:g}): " + "; ".join(
                     f"{k} = {v.low:.3f} / {v.central:.3f} / {v.high:.3f}" for k, v in p.items()))
        except RegintError as err:
            extra = " ".join(w for w in ia.warnings if region in w)
            p, m = _side_fallback(defaults, side, f"{err}{' ' + extra if extra else ''}")
        out.update(p)
        msgs.append(m)
    return out, msgs


@dataclass(frozen=True)
class ScenarioInputs:
    """The baseline and the computed parameters (trends, multipliers) of one scenario file, with notes."""

    baseline: Baseline
    computed: dict[str, Parameter]
    notes: tuple[str, ...]

    def parameters(self, spec: ScenarioSpec) -> dict[str, Parameter]:
        """The shipped parameters, replaced by the computed ones unless the scenario file overrides them."""
        base = {**default_parameters(),
                **{k: v for k, v in self.computed.items() if k not in spec.parameter_overrides}}
        return spec.parameters(base)


def common_base_year(panel: pd.DataFrame | None, regions: tuple[str, str], latest: int) -> int | None:
    """The base year: the latest year up to ``latest`` in which both regions have their average wage (the one
    indicator both statistical offices publish every year for every region); ``None`` without one."""
    if panel is None or panel.empty:
        return None
    sub = panel[(panel["indicator"] == "wage_nominal") & panel["region"].isin(regions)
                & panel["period"].astype(str).str.fullmatch(_ANNUAL) & panel["value"].notna()]
    years = [set(sub.loc[sub["region"] == r, "period"].astype(int)) for r in regions]
    common = [y for y in years[0] & years[1] if y <= latest]
    return max(common) if common else None


def distance_elasticity(gravity: object | None) -> tuple[tuple[float, float, float], str, float]:
    """The distance elasticity (low, central, high; magnitudes) from the study's PPML gravity fit (``log_dist``,
    ± 2 standard errors), else Head and Mayer's (2014) structural mean with ± 1 s.d.; with its source and the fit's
    contiguity coefficient (0 without the fit)."""
    base = getattr(gravity, "base", None)
    try:
        coef, se = float(base.coef["log_dist"]), float(base.se["log_dist"])  # type: ignore[union-attr]
        contig = float(base.coef.get("contig", 0.0))  # type: ignore[union-attr]
    except (AttributeError, KeyError, TypeError, ValueError):
        return HEAD_MAYER_DISTANCE, HEAD_MAYER_SOURCE + " (the project's gravity estimate was not available)", 0.0
    mid = -coef
    if not (np.isfinite(mid) and mid > 0 and np.isfinite(se)):
        return HEAD_MAYER_DISTANCE, HEAD_MAYER_SOURCE + f" (the project's estimate {coef:.3f} is unusable)", 0.0
    lo, hi = max(0.1, mid - 2 * se), mid + 2 * se
    text = (f"the project's PPML gravity estimate (regint.models.gravity; CEPII GeoDist and WITS 2009, exporter and "
            f"importer effects): log-distance coefficient {coef:.3f}, s.e. {se:.3f}; range ± 2 s.e.")
    return (lo, mid, hi), text, (contig if np.isfinite(contig) and contig > 0 else 0.0)


def _latest_by_region(panel: pd.DataFrame, indicator: str, codes: list[str], year: int) -> pd.Series:
    sub = panel[(panel["indicator"] == indicator) & panel["region"].isin(codes)
                & panel["period"].astype(str).str.fullmatch(_ANNUAL) & panel["value"].notna()]
    sub = sub.assign(_y=sub["period"].astype(int))
    sub = sub[sub["_y"] <= year].sort_values("_y")
    return sub.groupby("region").tail(1).set_index("region")[["value", "_y"]]  # type: ignore[return-value]


def pair_trade_estimate(panel: pd.DataFrame | None, regions: tuple[str, str], year: int, trade_ru_usd: float | None,
                        elasticity: tuple[tuple[float, float, float], str, float]
                        ) -> tuple[PairTradeEstimate | None, str]:
    """Gravity allocation of the pair's trade (:func:`regint.scenarios.pairtrade.pair_trade_share`) from the panel.

    Sizes of the Belarusian regions: population × average wage (the wage bill, a labelled proxy of GRP: no GRP of
    the Belarusian regions in the data); of the Russian regions: GRP. Distances between the regions' centroids of
    the regions catalogue. Estimate B (the partner region's trade with Russia) is added where the panel has it.
    Returns the estimate (``None`` when it cannot be made) and a message.
    """
    from regint.data.catalogs import regions as catalogue
    from regint.data.world import great_circle_km

    if panel is None or panel.empty or not trade_ru_usd:
        return None, "pair trade: no panel or no trade of the Russian region with the partner country"
    ru, by = regions
    cat = catalogue().drop_duplicates("code").set_index("code")
    sub = cat[~cat["level"].isin(["country", "federal_district"]) & cat["lat"].notna()]

    def adjacent(origin: str, codes: list[str]) -> pd.Series:
        near = set(str(cat.loc[origin, "neighbours"]).split(";"))
        return pd.Series({c: c in near for c in codes})

    def dist(origin: str, codes: list[str]) -> pd.Series:
        o = cat.loc[origin]
        return pd.Series({c: great_circle_km(float(o["lat"]), float(o["lon"]), float(cat.loc[c, "lat"]),
                                             float(cat.loc[c, "lon"])) for c in codes})

    by_codes = [c for c in sub.index if str(c).startswith(by.split("-")[0] + "-")]
    pop = _latest_by_region(panel, "population_jan1", by_codes, year)
    wage = _latest_by_region(panel, "wage_nominal", by_codes, year)
    missing = sorted(set(by_codes) - (set(pop.index) & set(wage.index)))
    if missing or by not in by_codes:
        return None, f"pair trade: no population or wage of {missing or [by]} up to {year}; the pair's trade not estimated"
    mass = pop["value"] * wage["value"]
    size_note = ("Belarusian regions: population on 1 January × average monthly wage (wage bill; no Belarusian GRP by "
                 f"region in the data), years {int(min(pop['_y'].min(), wage['_y'].min()))}–"
                 f"{int(max(pop['_y'].max(), wage['_y'].max()))}; distances between region centroids")
    kwargs: dict[str, object] = {}
    trade_by = _annual(panel, "trade_partner_usd", by, year, window=2)
    ru_codes = [c for c in sub.index if str(c).startswith(ru.split("-")[0] + "-")]
    grp = _latest_by_region(panel, "grp", ru_codes, year)
    if trade_by is not None and ru in grp.index and len(grp) >= 50:
        kwargs = {"origin": ru, "trade_by_country": float(trade_by["value"]) * _scale(trade_by["unit"]),
                  "origin_mass": grp["value"], "origin_distance": dist(by, list(grp.index)),
                  "origin_adjacent": adjacent(by, list(grp.index))}
        size_note += (f"; Russian regions: GRP {int(grp['_y'].max())} ({len(grp)} regions); the partner region's trade "
                      f"with Russia {trade_by['period']} from {trade_by['source']}")
    est = pair_trade_share(trade_ru_usd, elasticity[0], partner=by, partner_mass=mass,
                           partner_distance=dist(ru, list(mass.index)), size_note=size_note,
                           elasticity_source=elasticity[1], partner_adjacent=adjacent(ru, list(mass.index)),
                           adjacency=elasticity[2], **kwargs)  # type: ignore[arg-type]
    p = est.parameter
    return est, (f"The pair's trade is estimated by a gravity allocation (not the Russian region's trade with all of "
                 f"the partner country): {p.central:.1%} of it (range {p.low:.1%}–{p.high:.1%}), "
                 f"≈ {est.pair_trade_usd:,.0f} mln USD in the base year [estimate].")


def study_pair_trade(panel: pd.DataFrame | None, regions: tuple[str, str], year: int, gravity: object | None
                     ) -> tuple[PairTradeEstimate | None, str]:
    """:func:`pair_trade_estimate` for a study: the Russian region's trade with the partner country from the panel
    (else the labelled fallback) and the distance elasticity of the study's gravity fit (``gravity``)."""
    trade: BaselineValue | None = None
    if panel is not None and len(panel):
        found, _ = baseline_from_panel(panel, usd_rows(panel), year, regions)
        trade = found.get("trade_usd")
    if trade is None:
        trade = default_baseline().values["trade_usd"]
    return pair_trade_estimate(panel, regions, year, trade.value, distance_elasticity(gravity))


def scenario_inputs(spec: ScenarioSpec, panel: pd.DataFrame | None, regions: tuple[str, str],
                    multipliers: tuple[dict[str, Parameter], list[str]], *, base_year: int | None = None,
                    pair_trade: tuple[PairTradeEstimate | None, str] | None = None) -> ScenarioInputs:
    """The baseline of ``spec`` from ``panel`` (``None``: the labelled fallbacks only) and the parameters.

    The multipliers are the study's (:func:`io_multipliers`), computed once for all scenarios; ``base_year``
    the study's (:func:`common_base_year`; default: the scenario file's or the fallback's year); ``pair_trade``
    the study's gravity allocation of the pair's trade (:func:`pair_trade_estimate`). Values older than the base
    year are carried to it by :func:`regint.scenarios.baseline.carry_forward`.
    """
    fallback = default_baseline()
    year = base_year or spec.baseline_year or fallback.year
    values: dict[str, BaselineValue] = dict(fallback.values)
    values.update(spec.baseline_values)
    notes: list[str] = []
    trends: dict[str, Parameter] = {}
    if panel is not None and len(panel):
        found, msgs = baseline_from_panel(panel, usd_rows(panel), year, regions)
        values.update(found)
        notes += msgs
        for side, reg in zip(("ru", "by"), regions, strict=True):
            p = growth_trend(panel, reg, side, year)  # type: ignore[arg-type]
            if p is not None:
                trends[p.name] = p
    else:
        notes.append("The store was not consulted: every baseline value is a labelled fallback.")
    mults, io_msgs = multipliers
    trends.update(mults)
    notes += io_msgs
    if pair_trade is not None:
        est, msg = pair_trade
        notes.append(msg)
        if est is not None:
            trends["pair_trade_share"] = est.parameter
    if "pair_trade_usd" in values:
        notes.append("The user's own figure of the pair's trade replaces the gravity allocation.")
    growth = {k: p.central for k, p in {**default_parameters(), **trends}.items()}
    values, carried = carry_forward(values, year, growth)
    notes += carried
    base = Baseline(year, values, regions, tuple(notes))
    return ScenarioInputs(base, trends, tuple(notes))
