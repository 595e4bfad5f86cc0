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
from regint.scenarios.multipliers import MULTIPLIER_KEYS, Side, fallback_multipliers, side_parameters

if TYPE_CHECKING:
    from regint.models.inputoutput.pipeline import IOAnalysis
    from regint.scenarios import ScenarioSpec

__all__ = ["INDICATORS", "PARTNER_SHARE_INDICATOR", "ScenarioInputs", "baseline_from_panel", "growth_trend",
           "io_multipliers", "partner_share", "scenario_inputs"]

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
            msgs.append(f"Trade of {ru} with all of the partner country stands in for the pair's trade.")
            break
    r = _annual(panel, "fx_usd", "RU", year, window=0)
    if r is not None:
        found["fx_rub_usd"] = _stored(r, r["value"], "RUB per USD")
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


def scenario_inputs(spec: ScenarioSpec, panel: pd.DataFrame | None, regions: tuple[str, str],
                    multipliers: tuple[dict[str, Parameter], list[str]]) -> ScenarioInputs:
    """The baseline of ``spec`` from ``panel`` (``None``: the labelled fallbacks only) and the parameters.

    The multipliers are the study's (:func:`io_multipliers`), computed once for all scenarios.
    """
    fallback = default_baseline()
    year = spec.baseline_year or fallback.year
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
    base = spec.apply_baseline(Baseline(year, values, regions, tuple(notes)))
    return ScenarioInputs(base, trends, tuple(notes))
