"""Key figures of the report, taken from the results: the only numbers the narrative and the proposals cite.

:func:`extract_facts` returns a flat mapping ``name → value`` (numbers, years, short texts). A figure that an
analysis could not produce is simply absent, so a sentence or a rule that needs it is left out (or marked
"not evaluable"), never filled with a canned number.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from regint.report.collect import Results

Facts = dict[str, Any]


def _row(table: pd.DataFrame, indicator: str, regions_prefix: str | None = None) -> pd.Series | None:
    sub = table[table["indicator"] == indicator]
    if regions_prefix is not None:
        sub = sub[sub["regions"].astype(str).str.startswith(regions_prefix)]
    return None if sub.empty else sub.iloc[0]


def _last_year(years: str) -> int | None:
    try:
        return int(str(years).split("-")[-1])
    except ValueError:
        return None


def _preconditions(res: Results, f: Facts) -> None:
    pre = res.preconditions.value
    if pre is None:
        return
    t = pre.table
    a, b = res.pair
    rows = {
        # the pair's rows come first; the real exchange rate is the countries' when annual-average CPIs are used
        "rer": _row(t, "real_exchange_rate"), "rer_half_life": _row(t, "rer_half_life"),
        "rer_adf_p": _row(t, "rer_adf_pvalue"), "price_level_gap": _row(t, "price_level_gap"),
        "exports_cis_share": _row(t, "exports_cis_share", a), "openness": _row(t, "openness", a),
        "wage_sigma": _row(t, "wage_sigma_sd_log"),
    }
    for key, r in rows.items():
        if r is not None and pd.notna(r["value"]):
            f[key] = float(r["value"])
            f[f"{key}_years"] = str(r["years"])
            f[f"{key}_year"] = _last_year(r["years"])
    if "rer_years" in f:
        f["rer_first_year"] = int(str(f["rer_years"]).split("-")[0])
    if "rer_half_life_years" in f:
        y0, _, y1 = str(f["rer_half_life_years"]).partition("-")
        f["rer_run"] = int(y1 or y0) - int(y0) + 1
    if "exports_cis_share_years" in f:
        from regint.indicators.preconditions import comparable_from

        start = comparable_from("exports_cis_usd", a)
        if start and int(str(f["exports_cis_share_years"]).split("-")[0]) >= start:
            f["exports_cis_share_break"] = start
    f["n_preconditions"] = len(t)
    f["n_not_computed"] = len(pre.not_computed)


def _wages(res: Results, f: Facts) -> None:
    w = res.wages_usd.value
    if w is None or w.empty:
        return
    a, b = res.pair
    if a not in w.index or b not in w.index:
        return
    both = w.loc[[a, b]].T.dropna()
    if both.empty:
        return
    ratio = both[a] / both[b]
    f.update(wage_ratio=float(ratio.iloc[-1]), wage_ratio_year=int(ratio.index[-1]),
             wage_ratio_first=float(ratio.iloc[0]), wage_ratio_first_year=int(ratio.index[0]),
             wage_usd_ru=float(both[a].iloc[-1]), wage_usd_by=float(both[b].iloc[-1]), wage_ratio_n=len(ratio))


def _annual_values(panel: pd.DataFrame, indicator: str, region: str) -> pd.Series:
    """Year → value of an annual indicator of ``region`` (the latest vintage of each year)."""
    sub = panel[(panel["indicator"] == indicator) & (panel["region"] == region) & panel["value"].notna()
                & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    sub = sub.assign(year=sub["period"].astype(int), _v=sub["vintage"].astype(str)).sort_values(["year", "_v"])
    sub = sub.drop_duplicates("year", keep="last").set_index("year")["value"]
    return sub.astype(float).sort_index()


def _wages_ppp(res: Results, f: Facts) -> None:
    """Wages of both sides in the latest year both have, in national currency and at purchasing power parity
    (World Bank PPP conversion factors, GDP), and the latest one-sided values."""
    a, b = res.pair
    w_a, w_b = _annual_values(res.panel, "wage_nominal", a), _annual_values(res.panel, "wage_nominal", b)
    for side, w in (("ru", w_a), ("by", w_b)):
        if len(w):
            f[f"wage_nat_{side}"] = float(w.iloc[-1])
            f[f"wage_nat_{side}_year"] = int(w.index[-1])
    ppp_a = _annual_values(res.panel, "ppp", a.split("-")[0])
    ppp_b = _annual_values(res.panel, "ppp", b.split("-")[0])
    both = pd.concat({"wa": w_a, "wb": w_b, "pa": ppp_a, "pb": ppp_b}, axis=1).dropna()
    both = both[(both["pa"] > 0) & (both["pb"] > 0)]
    if both.empty:
        return
    y = int(both.index[-1])
    r = both.loc[y]
    f.update(wage_ppp_year=y, wage_ppp_nat_ru=float(r["wa"]), wage_ppp_nat_by=float(r["wb"]),
             wage_ppp_ru=float(r["wa"] / r["pa"]), wage_ppp_by=float(r["wb"] / r["pb"]),
             wage_ppp_ratio=float((r["wa"] / r["pa"]) / (r["wb"] / r["pb"])))


def _trade(res: Results, f: Facts) -> None:
    t = res.trade_usd.value
    if t is None:
        return
    a, b = res.pair
    for ind in ("exports_usd", "imports_usd"):
        tab = t.get(ind)
        for side, reg in (("ru", a), ("by", b)):
            if tab is not None and reg in tab.index and tab.loc[reg].notna().any():
                s = tab.loc[reg].dropna()
                f[f"{ind}_{side}"] = float(s.iloc[-1])
                f[f"{ind}_{side}_year"] = int(s.index[-1])


def _coverage(res: Results, f: Facts) -> None:
    cov = res.coverage.value
    if cov is None:
        return
    a, b = res.pair
    f["missing_share_ru"] = cov.missing_share(a)
    f["missing_share_by"] = cov.missing_share(b)
    f["coverage_years"] = f"{cov.years[0]}–{cov.years[1]}"


def _index(res: Results, f: Facts) -> None:
    idx = res.index.value
    if idx is None:
        return
    last = observed_index_year(idx)
    scores = idx.scores.unstack("pair")
    scores = scores.loc[scores.index <= last]
    pair = f"{res.pair[0]}:{res.pair[1]}"
    if pair not in scores.columns:
        return
    row = scores.loc[last]
    f.update(index_year=int(last), index_score=float(row[pair]), index_rank=int(row.rank(ascending=False)[pair]),
             index_n_pairs=int(row.notna().sum()), index_best_pair=str(row.idxmax()), index_best_score=float(row.max()))
    first = scores[pair].dropna()
    first = first[first.index >= 2000]
    if len(first):
        f.update(index_first_year=int(first.index[0]), index_first_score=float(first.iloc[0]))
    if idx.uncertainty is not None:
        iv = idx.uncertainty.intervals
        if (pair, last) in iv.index:
            f.update(index_p05=float(iv.loc[(pair, last), "p05_score"]), index_p95=float(iv.loc[(pair, last), "p95_score"]),
                     index_rank_p05=float(iv.loc[(pair, last), "p05_rank"]),
                     index_rank_p95=float(iv.loc[(pair, last), "p95_rank"]))


def observed_years(idx: Any) -> tuple[int, int]:
    """First and last year in which the index has more than its static indicators (distance) observed.

    Years outside are the imputation's carry-forward or back; the report shows only the observed span.
    """
    ind = idx.indicators
    counts = ind[ind["value"].notna()].groupby("year").size()
    years = idx.scores.index.get_level_values("year")
    if counts.empty:
        return int(years.min()), int(years.max())
    real = counts[counts > counts.min()]
    if real.empty:
        real = counts
    return int(real.index.min()), int(real.index.max())


def observed_index_year(idx: Any) -> int:
    """The last year in which the index has more than its static indicators observed."""
    return observed_years(idx)[1]


def _io(res: Results, f: Facts) -> None:
    io = res.io.value
    if io is None:
        return
    a = res.pair[0]
    frame = io.multipliers[a]
    f["io_key_sectors"] = list(io.key_sectors.get(a, []))
    f["io_year"] = io.year
    f["io_structure_source"] = io.structure_source
    top = frame["output"].idxmax()
    f.update(io_top_sector=str(top), io_top_sector_name=io.names.get(str(top), str(top)),
             io_top_multiplier=float(frame.loc[top, "output"]))
    for side, reg in (("ru", res.pair[0]), ("by", res.pair[1])):
        tot = io.impacts[reg].sum()
        f[f"io_impact_output_{side}"] = float(tot["output"])
        if "gva" in tot:
            f[f"io_impact_gva_{side}"] = float(tot["gva"])
    f.update(io_shock=io.shock, io_shock_sector=io.shock_sector,
             io_shock_multiplier=float(frame.loc[io.shock_sector, "output"]))


def _gravity(res: Results, f: Facts) -> None:
    g = res.gravity.value
    if g is None:
        return
    pot = g.potential.set_index(["exporter", "importer"])
    for (e, _i), r in pot.iterrows():
        key = "ru_by" if e == g.origin else "by_ru"
        f[f"gravity_ratio_{key}"] = float(r["ratio"])
        f[f"gravity_ratio_{key}_lower"] = float(r["ratio_lower"])
        f[f"gravity_ratio_{key}_upper"] = float(r["ratio_upper"])
    eff = g.effect.iloc[0]
    f.update(gravity_pair_effect=float(eff["effect"]), gravity_pair_effect_lower=float(eff["lower"]),
             gravity_pair_effect_upper=float(eff["upper"]), gravity_tau=float(g.ave.iloc[0]["tau"]),
             gravity_sigma=g.sigma, gravity_year=2009, gravity_nobs=g.nobs)


def _evaluation(res: Results, f: Facts) -> None:
    ev = res.evaluation.value
    if ev is None:
        return
    if getattr(ev, "withdrawn", ""):
        f.update(sc_year=ev.treatment_year, sc_withdrawn=ev.withdrawn)
        return
    sc = ev.sc
    f.update(sc_effect=float(sc.average_effect), sc_rmspe_pre=float(sc.rmspe_pre), sc_year=ev.treatment_year,
             sc_last_year=ev.last_year, sc_donors=ev.n_donors)
    if sc.p_value is not None and not np.isnan(sc.p_value):
        f["sc_p"] = float(sc.p_value)
    d = ev.did.to_frame().iloc[0]
    f.update(did_coef=float(d["coef"]), did_p=float(d["pvalue"]))


def _convergence(res: Results, f: Facts) -> None:
    c = res.convergence.value
    if c is None:
        return
    beta = c.beta
    f.update(beta=float(beta.beta), beta_p=float(beta.pvalue), beta_n=c.n_regions, beta_first=c.first_year,
             beta_last=c.last_year)
    sig = c.sigma
    if getattr(sig, "slope", None) is not None:
        f["sigma_slope"] = float(sig.slope)


def _directions(res: Results, f: Facts, lang: str) -> None:
    out = res.directions_in(lang)
    d = out.value if out is not None else None
    if d is None:
        return
    r = d.ranking.sort_values("rank_topsis")
    f.update(dir_top=str(r.iloc[0]["name"]), dir_top_code=str(r.index[0]), dir_second=str(r.iloc[1]["name"]),
             dir_top_c=float(r.iloc[0]["topsis"]), dir_illustrative=bool(d.illustrative), dir_n_experts=len(d.experts))
    if d.sensitivity is not None:
        f["dir_top_share"] = float(d.sensitivity.first_share.get(r.index[0], np.nan))
    f["dir_agree"] = bool(r.iloc[0]["rank_vikor"] == 1 and r.iloc[0]["rank_wsm"] == 1)


def _scenarios(res: Results, f: Facts, lang: str = "en") -> None:
    sb = res.scenarios.value
    if sb is None:
        return
    best = None
    for run in sb.runs:
        tt = run.targets
        for _, r in tt.iterrows():
            if str(r["target"]).startswith("score") and pd.notna(r.get("median_year")):
                if best is None or r["median_year"] < best[1]:
                    best = (run.spec.title(lang), float(r["median_year"]), run.spec.name)
    if best is not None:
        f.update(sc_fastest_scenario=best[0], sc_fastest_year=int(best[1]))
    plans = [fp.plan for fp in sb.fastest if fp.plan.reach_year is not None]
    if plans:
        p = min(plans, key=lambda p: p.reach_year)
        from regint.report.labels import target_text

        names = dict(zip(sb.levers["id"], sb.levers[f"name_{'ru' if lang == 'ru' else 'en'}"], strict=True))
        hold = (f", не менее {p.hold} лет подряд" if lang == "ru" else f", held {p.hold} years running")
        f.update(fastest_target=target_text(p.target, lang) + hold, fastest_year=int(p.reach_year),
                 fastest_levers=[names.get(k, k) for k in p.starts], fastest_cost=float(p.total_cost))
    last = sb.runs[-1]
    cum = last.cumulative.set_index(["side", "item"])
    for side in ("ru", "by"):
        for item in ("gva", "jobs", "budget_cost"):
            if (side, item) in cum.index:
                f[f"sc_{item}_{side}"] = float(cum.loc[(side, item), "value"])
    f["sc_last_name"] = last.spec.title(lang)
    f["sc_fallbacks"] = len(sb.fallbacks)
    acc = getattr(last, "accounts", None)
    if acc is not None and not acc.empty:  # NPV of each side in its own currency, with the 90 % band
        for side, cur in (("ru", "RUB"), ("by", "BYN")):
            npv = acc[(acc["side"] == side) & (acc["item"] == "npv") & (acc["currency"] == cur)].iloc[0]
            bcr = acc[(acc["side"] == side) & (acc["item"] == "bcr")].iloc[0]
            f.update({f"sc_npv_{side}": float(npv["value"]), f"sc_npv_{side}_p5": float(npv["p5"]),
                      f"sc_npv_{side}_p95": float(npv["p95"]), f"sc_bcr_{side}": float(bcr["value"]),
                      f"sc_bcr_{side}_p5": float(bcr["p5"]), f"sc_bcr_{side}_p95": float(bcr["p95"])})
        f["sc_discount"] = float(sb.discount_rate) * 100.0
        f["sc_npv_base"] = int(sb.first_measure_year) - 1


def _factors(res: Results, f: Facts) -> None:
    fb = res.factors.value
    if fb is None:
        return
    tab = fb.fit.to_frame()
    pcol = "boot_pvalue" if "boot_pvalue" in tab.columns else "pvalue"
    sig = tab[tab[pcol] < 0.1]
    f.update(factors_n=int(len(tab)), factors_significant=list(sig.index.astype(str)), factors_nobs=int(fb.fit.nobs),
             factors_outcome=fb.outcome)


def extract_facts(res: Results, lang: str = "en") -> Facts:
    """Every key figure the results allow (``lang`` picks the language of the names of directions)."""
    f: Facts = {"pair_ru": res.pair[0], "pair_by": res.pair[1]}
    for step in (_preconditions, _wages, _wages_ppp, _trade, _coverage, _index, _io, _gravity, _evaluation, _convergence,
                 lambda r, x: _scenarios(r, x, lang), _factors, lambda r, x: _directions(r, x, lang)):
        try:
            step(res, f)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            continue  # an analysis that did not run (None) or a figure its result lacks is simply absent
    return f
