"""The dashboard's callbacks as plain functions: values in, figures and components out, no browser needed.

:mod:`regint.web.wiring` registers thin Dash callbacks that only unpack their inputs and call these. Each
function takes the :class:`~regint.web.context.WebContext` where it needs data and the page language; the
numbers come from the analysis modules (indicators, index, experts, scenarios), never from code here. Expected
problems (a :class:`~regint.errors.RegintError`: bad file, missing data) come back as messages on the page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from dash import html

from regint.data.catalogs import unit_text
from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import COMPARATOR_REGIONS, PAIR, WebContext
from regint.web.i18n import check_lang, outcome_label, t

ROUTES: tuple[str, ...] = ("overview", "indicators", "index", "scenarios", "directions", "experts", "data", "report")
PROFILE_INDICATORS: tuple[str, ...] = ("population", "grp_per_capita", "wage_nominal", "unemployment_rate",
                                       "exports_usd", "imports_usd", "investment_fixed")
SUMMARY_OUTCOMES: tuple[str, ...] = ("trade", "grp_gap", "wage_gap", "price_gap", "score", "jobs_ru", "jobs_by",
                                     "cost_ru", "cost_by")
_ANNUAL = r"\d{4}"


# ---------------------------------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------------------------------

def route(pathname: str | None) -> str:
    """The page key of a URL path (``/`` and unknown paths → ``overview`` / ``""``)."""
    key = (pathname or "/").strip("/").split("/")[0]
    if key == "":
        return "overview"
    return key if key in ROUTES else ""


def region_label(code: str, lang: str) -> str:
    from regint.data.catalogs import region_name

    try:
        return region_name(code, check_lang(lang))
    except RegintError:
        return code


def indicator_label(code: str, lang: str) -> str:
    from regint.data.catalogs import indicator_info

    try:
        name = str(indicator_info(code)[f"name_{check_lang(lang)}"])
    except RegintError:
        return code
    return name if code in (name, "") else f"{name} ({code})"


def _annual(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["period"].astype(str).str.fullmatch(_ANNUAL)]


_SCALE_PREFIX = r"^\s*(thous\.?|тыс\.?|mln\.?|млн\.?|bln\.?|млрд\.?)\s*"


def common_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose units differ only by a scale word ("thous. persons", "persons") brought to the base unit.

    The factor is :func:`regint.index.pairs.unit_multiplier`; units that differ otherwise are left alone.
    """
    if frame.empty or frame["unit"].nunique() < 2:
        return frame
    from regint.index.pairs import unit_multiplier

    base = frame["unit"].astype(str).str.replace(_SCALE_PREFIX, "", regex=True).str.strip()
    if base.nunique() != 1:
        return frame
    factor = frame["unit"].astype(str).map(unit_multiplier)
    return frame.assign(value=frame["value"] * factor, unit=base)


def _fit_map(fig: Any, height: int) -> Any:
    """A map of :mod:`regint.maps` resized to its card (the module draws it 900 px wide)."""
    fig.update_layout(width=None, autosize=True, height=height)
    return fig


def _failure(exc: Exception, where: str, lang: str) -> html.Div:
    """An unexpected error of an analysis module, logged with its traceback and shown on the page."""
    import logging

    logging.getLogger("regint.web").exception("%s failed", where)
    return ui.message(f"{t('error', lang)} ({where}): {type(exc).__name__}: {exc}", "error")


def _wide(frame: pd.DataFrame) -> pd.DataFrame:
    table = frame.pivot_table(index="region", columns="period", values="value", aggfunc="first")
    table.columns = [int(c) for c in table.columns]
    return table


# ---------------------------------------------------------------------------------------------------------------
# overview
# ---------------------------------------------------------------------------------------------------------------

def overview_profile(ctx: WebContext, lang: str) -> html.Div:
    """Latest annual value of the profile indicators for both regions of the pair, with year and unit."""
    panel = _annual(ctx.panel())
    sub = panel[panel["region"].isin(PAIR) & panel["indicator"].isin(PROFILE_INDICATORS)]
    rows = []
    for ind in PROFILE_INDICATORS:
        row: dict[str, str] = {t("indicator", lang): indicator_label(ind, lang).split(" (")[0]}
        for region in PAIR:
            s = sub[(sub["indicator"] == ind) & (sub["region"] == region)].sort_values("period")
            if s.empty:
                row[region_label(region, lang)] = "—"
                continue
            last = s.iloc[-1]
            unit = unit_text(last["unit"], lang)
            row[region_label(region, lang)] = f"{ui.fmt_value(last['value'])} {unit} ({last['period']})"
        rows.append(row)
    return ui.table(pd.DataFrame(rows), lang, table_id="profile-table")


def overview_key_indicators(ctx: WebContext, lang: str) -> html.Div:
    """The preconditions of integration that concern the pair, and those not computable."""
    try:
        result = ctx.preconditions(lang)
    except RegintError as exc:
        return ui.message(str(exc), "error")
    except Exception as exc:  # noqa: BLE001 - shown on the page instead of a failed request
        return _failure(exc, "regint.indicators.preconditions", lang)
    tab = result.table
    mine = tab[tab["regions"].str.contains(PAIR[0]) | tab["regions"].str.contains(PAIR[1])]
    shown = mine[["indicator", "regions", "value", "years", "meaning"]]
    names = {"indicator": t("indicator", lang), "regions": t("regions", lang), "value": t("value", lang),
             "years": t("years", lang), "meaning": t("meaning", lang)}
    skipped = result.not_computed_frame()
    skipped = skipped[skipped["indicator"].str.contains(PAIR[0]) | skipped["indicator"].str.contains(PAIR[1])
                      | ~skipped["indicator"].str.contains(r"\[")]
    return html.Div([
        ui.table(shown, lang, columns=names, table_id="key-table"),
        html.Details([html.Summary(f"{t('not_computed', lang)} ({len(skipped)})"),
                      ui.table(skipped, lang, columns={"indicator": t("indicator", lang),
                                                       "reason": t("reason", lang)})]),
    ])


def overview_trends(ctx: WebContext, lang: str) -> Any:
    """Wages in USD (converted by :func:`regint.data.harmonise.to_usd`), exports and population of the pair."""
    from regint.data.harmonise import to_usd

    panel = _annual(ctx.panel())
    pair = panel[panel["region"].isin(PAIR)]
    fx = panel[(panel["indicator"] == "fx_usd") & panel["region"].isin(["RU", "BY"])]
    wages = pair[pair["indicator"] == "wage_nominal"]
    panels = []
    if not wages.empty:
        usd = to_usd(wages, fx).dropna(subset=["value"])
        panels.append((f"{indicator_label('wage_nominal', lang).split(' (')[0]}, {unit_text('USD', lang)}",
                       _wide(usd)))
    for ind in ("exports_usd", "population"):
        sub = common_units(pair[pair["indicator"] == ind])
        if not sub.empty:
            unit = unit_text(sub["unit"].iloc[-1], lang)
            panels.append((f"{indicator_label(ind, lang).split(' (')[0]}, {unit}", _wide(sub)))
    if not panels:
        return figures.empty(t("no_data", lang))
    return figures.small_multiples(panels, {r: region_label(r, lang) for r in PAIR})


def overview_map(lang: str) -> Any:
    """The locator map of the pair (:mod:`regint.maps`), or a note when the maps module is missing."""
    try:
        from regint.maps import locator_map_plotly
    except ImportError:
        return figures.empty(t("not_available", lang))
    fig = locator_map_plotly(check_lang(lang))  # type: ignore[arg-type]
    return _fit_map(fig, 520)


# ---------------------------------------------------------------------------------------------------------------
# indicators
# ---------------------------------------------------------------------------------------------------------------

def indicator_options(ctx: WebContext, lang: str) -> tuple[list[dict[str, str]], list[dict[str, str]], int, int]:
    """Options of the indicator and region pickers (what the store holds) and the range of years."""
    def make() -> tuple[list[str], list[str], int, int]:
        panel = _annual(ctx.panel())
        years = panel["period"].astype(int)
        return sorted(panel["indicator"].unique()), sorted(panel["region"].unique()), int(years.min()), int(years.max())
    inds, regs, lo, hi = ctx.cached("indicator_options", make)
    ind_opts = [{"label": indicator_label(c, lang), "value": c} for c in inds]
    first = [r for r in COMPARATOR_REGIONS if r in regs]
    reg_opts = [{"label": f"{region_label(c, lang)} ({c})", "value": c} for c in first + [r for r in regs
                                                                                          if r not in first]]
    return sorted(ind_opts, key=lambda o: o["label"].lower()), reg_opts, lo, hi


def indicator_frame(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                    years: Sequence[int] | None, usd: bool = False) -> pd.DataFrame:
    """Annual observations of one indicator for the regions and years chosen (in USD on request)."""
    panel = ctx.panel()
    if not indicator or not regions:
        return panel.iloc[0:0]
    sub = _annual(panel[(panel["indicator"] == indicator) & panel["region"].isin(list(regions))])
    if years:
        yr = sub["period"].astype(int)
        sub = sub[(yr >= int(min(years))) & (yr <= int(max(years)))]
    if usd and not sub.empty and sub["currency"].isin(["RUB", "BYN", "BYR"]).any():
        from regint.data.harmonise import country_of, to_usd

        countries = sorted({country_of(r) for r in sub["region"]})
        fx = panel[(panel["indicator"] == "fx_usd") & panel["region"].isin(countries)]
        sub = to_usd(sub, fx).dropna(subset=["value"])
    sub = common_units(sub)
    cols = ["region", "indicator", "period", "value", "unit", "currency", "source", "status", "vintage", "note",
            "derived_from"]
    return sub[[c for c in cols if c in sub.columns]].sort_values(["region", "period"]).reset_index(drop=True)


def indicator_view(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                   years: Sequence[int] | None, usd: bool, lang: str) -> tuple[Any, html.Div]:
    """Chart and table of one indicator × regions × years, with the series breaks that touch them."""
    frame = indicator_frame(ctx, indicator, regions, years, usd)
    if frame.empty:
        return figures.empty(t("no_data", lang)), ui.message(t("no_data", lang), "info")
    frame = frame.assign(unit=frame["unit"].map(lambda u: unit_text(u, lang)))  # units in the page's language
    units = sorted(frame["unit"].astype(str).unique())
    names = {r: region_label(r, lang) for r in frame["region"].unique()}
    if len(units) > 1:  # different units (e.g. RUB and BYN): name them in the legend
        per = frame.groupby("region")["unit"].first()
        names = {r: f"{n} [{per[r]}]" for r, n in names.items()}
    fig = figures.lines(_wide(frame), names, indicator_label(str(indicator), lang), ", ".join(units))
    parts: list[Any] = []
    if len(units) > 1:
        parts.append(ui.message(t("units_differ", lang, units=", ".join(units)), "info"))
    from regint.data.harmonise import series_breaks

    yrs = frame["period"].astype(int)
    brk = series_breaks(str(indicator), sorted(frame["region"].unique()), (int(yrs.min()), int(yrs.max())))
    if not brk.empty:
        col = f"description_{check_lang(lang)}"
        parts.append(ui.error_list(t("breaks", lang), [str(x) for x in brk.get(col, brk.iloc[:, 0])], "warn"))
    show = frame[["region", "period", "value", "unit", "source", "status"]]
    parts.append(ui.table(show, lang, columns={c: t(c, lang) for c in show.columns}, table_id="indicator-table"))
    return fig, html.Div(parts)


def indicator_download(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                       years: Sequence[int] | None, usd: bool, fmt: str) -> dict[str, Any] | None:
    """The selection as CSV or XLSX bytes for ``dcc.Download`` (formula injection neutralised)."""
    from regint.web.downloads import XLSX_MIME, as_download, csv_bytes, safe_filename, xlsx_bytes

    frame = indicator_frame(ctx, indicator, regions, years, usd)
    if frame.empty:
        return None
    stem = f"regint_{indicator}" + ("_usd" if usd else "")
    if fmt == "xlsx":
        return as_download(xlsx_bytes({str(indicator): frame}), safe_filename(stem, ".xlsx"), XLSX_MIME)
    return as_download(csv_bytes(frame), safe_filename(stem, ".csv"), "text/csv")


# ---------------------------------------------------------------------------------------------------------------
# index
# ---------------------------------------------------------------------------------------------------------------

def index_pairs() -> list[str]:
    from regint.index.pairs import BORDER_PAIRS

    return list(BORDER_PAIRS)


def observed_years(indicators: pd.DataFrame) -> tuple[int, int]:
    """First and last year in which at least two time-varying indicators of some pair were observed (not
    imputed): the span the index page shows."""
    obs = indicators.dropna(subset=["value"])
    varying = obs.groupby("indicator")["value"].transform("nunique") > 1
    counts = obs[varying].groupby(["pair", "year"])["indicator"].nunique()
    years = counts[counts >= 2].index.get_level_values("year")
    if len(years) == 0:
        all_years = obs["year"]
        return int(all_years.min()), int(all_years.max())
    return int(years.min()), int(years.max())


def index_view(ctx: WebContext, pairs: Sequence[str] | None, lang: str) -> tuple[Any, Any, html.Div, Any]:
    """Scores with their Monte Carlo band, the dimension breakdown, the rank table and the pairs map."""
    try:
        result = ctx.index_result()
    except Exception as exc:  # noqa: BLE001 - a RegintError (no data) or a fault of the index module
        blank = figures.empty(t("no_data", lang))
        msg = ui.message(str(exc), "error") if isinstance(exc, RegintError) else _failure(exc, "regint.index", lang)
        return blank, blank, msg, blank
    chosen = [p for p in (pairs or []) if p in result.scores.index.get_level_values(0)]
    if not chosen:
        blank = figures.empty(t("no_data", lang))
        return blank, blank, ui.message(t("no_data", lang), "info"), blank
    dims = result.dimension_scores
    first, last_year = observed_years(result.indicators)
    scores = result.scores.unstack("pair")
    scores = scores[(scores.index >= first) & (scores.index <= last_year)]
    unc = result.uncertainty
    fig_scores = figures.index_scores(scores, unc.intervals if unc is not None else None, chosen, lang,
                                      unc.n if unc is not None else 0)
    names = result.index.framework.table["name"]
    dim_cols = [d for d in result.index.framework.dimensions if d in dims.columns]
    years = dims.index.get_level_values("year")
    latest = dims[dim_cols][years <= last_year].groupby(level=0).last().reindex(chosen)
    fig_dims = figures.dimension_bars(latest, {c: str(names.get(c, c)) for c in dim_cols}, lang)
    frame = result.to_frame().reset_index()
    frame = frame[frame["pair"].isin(chosen) & (frame["year"] <= last_year)].dropna(subset=["score"])
    last = frame.sort_values("year").groupby("pair").last()
    rows = pd.DataFrame({
        t("pair", lang): last.index, t("year", lang): last["year"].astype(int).astype(str).to_numpy(),
        t("score", lang): last["score"].round(1).to_numpy(), t("rank", lang): last["rank"].to_numpy(),
    })
    if "p05_rank" in last:
        rows[t("rank_interval", lang)] = [f"{a:.0f}–{b:.0f}" for a, b in zip(last["p05_rank"], last["p95_rank"],
                                                                              strict=True)]
    parts: list[Any] = [ui.table(rows, lang, table_id="index-table")]
    if result.dropped:
        parts.append(ui.message(t("dropped", lang, codes=", ".join(result.dropped)), "info"))
    try:
        from regint.maps import pairs_map_plotly

        values = pd.DataFrame({"pair": last.index, "value": last["score"].to_numpy(),
                               "year": last["year"].astype(int).to_numpy()})
        if "p05_score" in last:
            values["lower"], values["upper"] = last["p05_score"].to_numpy(), last["p95_score"].to_numpy()
        fig_map = _fit_map(pairs_map_plotly(values, lang=check_lang(lang), label=t("score", lang)),  # type: ignore[arg-type]
                           480)
    except ImportError:
        fig_map = figures.empty(t("not_available", lang))
    except RegintError as exc:
        fig_map = figures.empty(str(exc))
    return fig_scores, fig_dims, html.Div(parts), fig_map


# ---------------------------------------------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------------------------------------------

def scenario_controls(base: str | None) -> tuple[list[float], list[int]]:
    """Intensities and start years of every lever as the shipped scenario ``base`` sets them."""
    from regint.web import scenario_adapter as sa

    spec = sa.shipped(base or "moderate")
    return sa.controls_of(spec, sa.inputs().catalogue)


def scenario_run(base: str | None, intensities: Sequence[float | None], starts: Sequence[int | None],
                 outcome: str | None, lang: str) -> tuple[Any, html.Div]:
    """Deterministic run of the scenario set on the page: the chosen outcome against the inertial path,
    values at the horizon, the year each target is first met, prerequisite warnings."""
    from regint.web import scenario_adapter as sa

    started = time.perf_counter()
    try:
        spec = sa.spec_from_controls(base or "moderate", intensities, starts)
        central = sa.run_deterministic(spec)
        inertial = sa.run_deterministic(dataclasses.replace(spec, levers={}))
    except RegintError as exc:
        return figures.empty(t("error", lang)), ui.message(str(exc), "error")
    except Exception as exc:  # noqa: BLE001 - shown on the page instead of a failed request
        return figures.empty(t("error", lang)), _failure(exc, "regint.scenarios", lang)
    out = outcome if outcome in central else "score"
    fig = figures.scenario_paths(spec.years, central[out], inertial.get(out), outcome_label(out, lang), lang,
                                 unit=outcome_unit(out, lang))
    horizon = int(spec.years[-1])
    rows = pd.DataFrame([{t("outcome", lang): outcome_label(k, lang), t("unit", lang): outcome_unit(k, lang),
                          t("scenario_value", lang): float(central[k][-1]),
                          t("inertial_value", lang): float(inertial[k][-1])}
                         for k in SUMMARY_OUTCOMES if k in central])
    targets = pd.DataFrame([{t("target", lang): name, t("first_year", lang): str(int(y)) if y else t("never", lang)}
                            for name, y in sa.targets_met(spec, central)])
    parts: list[Any] = [html.H4(t("at_horizon", lang, year=horizon)), ui.table(rows, lang, table_id="scenario-table")]
    if not targets.empty:
        parts += [html.H4(t("targets", lang)), ui.table(targets, lang)]
    warnings = spec.check_prerequisites(sa.inputs().catalogue)
    if warnings:
        parts.append(ui.error_list(t("warnings", lang), warnings, "warn"))
    baseline = sa.inputs().baseline
    if baseline.fallbacks:
        parts.append(ui.message(t("baseline_note", lang, n=len(baseline.fallbacks), total=len(baseline.values),
                                  keys=", ".join(baseline.fallbacks)), "info"))
    parts += [ui.message(n, "info") for n in baseline.notes]
    parts.append(html.Div(t("timing", lang, ms=(time.perf_counter() - started) * 1000), className="muted",
                          id="scenario-timing"))
    return fig, html.Div(parts)


def outcome_unit(code: str, lang: str) -> str:
    """The unit of a scenario outcome (from the engine's table), in ``lang``."""
    from regint.scenarios.engine import OUTCOMES
    from regint.web.i18n import unit_label

    return unit_label(OUTCOMES.get(code, ("", ""))[1], lang)


def _year_text(year: float | None, lang: str) -> str:
    return t("never", lang) if year is None or pd.isna(year) else str(int(year))


def scenario_mc_start(ctx: WebContext, base: str | None, intensities: Sequence[float | None],
                      starts: Sequence[int | None], n_draws: int | None) -> str:
    """Start the Monte Carlo of the page's scenario in the background; returns the job id to poll."""
    from regint.web import scenario_adapter as sa

    n = int(min(max(int(n_draws or 1000), 100), 50_000))
    spec = sa.spec_from_controls(base or "moderate", intensities, starts)
    return ctx.jobs.start(lambda progress: sa.run_monte_carlo(spec, n, progress), total=n)


def scenario_mc_poll(ctx: WebContext, job_id: str | None, outcome: str | None, lang: str
                     ) -> tuple[int, int, str, Any, Any, bool]:
    """Progress of a Monte Carlo job; when finished its fan chart and target probabilities.

    Returns
    -------
    (done, total, status text, figure or None, table or None, finished)
    """
    job = ctx.jobs.get(job_id)
    if job is None:
        return 0, 1, "", None, None, True
    snap = job.snapshot()
    if snap["state"] == "running":
        return snap["done"], max(snap["total"], 1), t("mc_running", lang, done=snap["done"], total=snap["total"]), \
            None, None, False
    if snap["state"] == "failed":
        return 0, 1, "", None, ui.message(f"{t('error', lang)}: {snap['error']}", "error"), True
    result = job.result
    out: str = outcome if outcome is not None and outcome in result.outcomes else "score"
    fig = figures.fan(result.quantiles(out), outcome_label(out, lang), lang, unit=outcome_unit(out, lang))
    table = result.target_table()
    shown = pd.DataFrame({
        t("target", lang): table["target"],
        t("first_year", lang): [_year_text(y, lang) for y in table["central_year"]],
        t("median_year", lang): [_year_text(y, lang) for y in table["median_year"]],
        t("p_by_horizon", lang): table["p_by_horizon"].round(3),
    }) if not table.empty else table
    status = t("mc_done", lang, n=result.n_draws, seed=result.seed)
    return snap["total"], max(snap["total"], 1), status, fig, ui.table(shown, lang, table_id="mc-table"), True


# ---------------------------------------------------------------------------------------------------------------
# directions
# ---------------------------------------------------------------------------------------------------------------

def _direction_responses(ctx: WebContext, source: str | None) -> list[Any]:
    from regint.experts.directions import KIND, load_example_survey

    if source == "collected":
        return ctx.responses().responses(kind=KIND)
    return load_example_survey()


def direction_criteria(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every criterion of the directions."""
    from regint.experts.directions import direction_criteria as criteria

    crit = criteria(check_lang(lang))  # type: ignore[arg-type]
    return list(zip(crit["code"], crit["name"], strict=True))


def directions_expert_weights(ctx: WebContext, source: str | None) -> list[float]:
    """The experts' (group AHP) weight of each criterion, in catalogue order; equal weights without answers."""
    from regint.experts.directions import rank_directions

    codes = [c for c, _ in direction_criteria("en")]
    try:
        result = rank_directions(_direction_responses(ctx, source), sensitivity_draws=0)
    except RegintError:
        return [round(1.0 / len(codes), 3)] * len(codes)
    w = result.criteria["weight_experts"].reindex(codes).fillna(0.0)
    return [round(float(x), 3) for x in w]


def directions_view(ctx: WebContext, source: str | None, weights: Sequence[float | None] | None, lang: str
                    ) -> tuple[Any, html.Div]:
    """Ranking of the directions (TOPSIS, VIKOR, weighted sum) with the page's criterion weights."""
    from regint.experts.directions import rank_directions

    lang = check_lang(lang)
    codes = [c for c, _ in direction_criteria(lang)]
    given = None
    if weights is not None and any(w for w in weights):
        given = {c: float(w or 0.0) for c, w in zip(codes, weights, strict=False)}
    try:
        result = rank_directions(_direction_responses(ctx, source), criteria_weights=given, lang=lang,
                                 sensitivity_draws=200)
    except RegintError as exc:
        return figures.empty(t("no_data", lang)), ui.message(str(exc), "error")
    except Exception as exc:  # noqa: BLE001 - shown on the page instead of a failed request
        return figures.empty(t("error", lang)), _failure(exc, "regint.experts.directions", lang)
    ranking = result.ranking.sort_values("rank_topsis")
    fig = figures.weight_bars(list(ranking["name"]), list(ranking["topsis"]), t("closeness", lang))
    rows = pd.DataFrame({t("direction", lang): ranking["name"], "TOPSIS": ranking["rank_topsis"],
                         "VIKOR": ranking["rank_vikor"], "WSM": ranking["rank_wsm"],
                         t("closeness", lang): ranking["topsis"].round(3)})
    crit = result.criteria
    crit_rows = pd.DataFrame({t("criterion", lang): crit["name"], t("weight", lang): crit["weight_used"].round(3),
                              t("status", lang): crit["status"]})
    parts: list[Any] = []
    if result.illustrative:
        parts.append(ui.message(t("illustrative", lang), "warn", msg_id="illustrative-banner"))
    parts += [ui.table(rows, lang, table_id="directions-table"), html.H4(t("weights", lang)),
              ui.table(crit_rows, lang)]
    parts += [ui.message(n, "info") for n in result.notes]
    return fig, html.Div(parts)


# ---------------------------------------------------------------------------------------------------------------
# experts
# ---------------------------------------------------------------------------------------------------------------

def ahp_view(block_code: str | None, positions: Sequence[float | None], lang: str
             ) -> tuple[html.Div, Any, html.Div]:
    """Consistency ratio, priorities and the judgement to revisit, live from the sliders."""
    from regint.experts.ahp import from_judgements, most_inconsistent, priorities, scale_label
    from regint.web import experts_adapter as ea

    blk = ea.block(block_code or "criteria", lang)
    if len(positions) != len(blk.pairs):  # sliders of another block still on the page
        return html.Div(), figures.empty(t("loading", lang)), html.Div()
    res = priorities(from_judgements(ea.judgements(blk, positions), blk.items))
    label = dict(zip(blk.items, blk.labels, strict=True))
    cr = ui.message([html.Span(t("cr", lang, cr=res.cr), id="cr-value"), " — ",
                     t("cr_ok", lang) if res.acceptable else t("cr_bad", lang)],
                    "ok" if res.acceptable else "error", msg_id="cr-box")
    fig = figures.weight_bars([label[x] for x in res.labels], list(res.weights), t("weights", lang))
    first = most_inconsistent(res) if res.n > 2 and res.cr > 0 else None
    if first is None:
        revise = ui.message(t("nothing_to_revise", lang), "info")
    else:
        revise = ui.message(t("revise", lang, a=label[str(first["row"])], b=label[str(first["column"])],
                              now=scale_label(float(first["judgement"])),  # type: ignore[arg-type]
                              suggested=scale_label(float(first["suggested"])),  # type: ignore[arg-type]
                              after=float(first["cr_after"])), "warn")  # type: ignore[arg-type]
    return cr, fig, html.Div(revise, id="revise-box")


def ahp_save(ctx: WebContext, block_code: str | None, positions: Sequence[float | None], respondent: str | None,
             lang: str) -> html.Div:
    """Append the judgements on the page as one response of ``respondent`` (atomic, concurrent-safe)."""
    from regint.experts.ahp import priorities
    from regint.web import experts_adapter as ea

    name = " ".join(str(respondent or "").split())[:120]
    if not name:
        return ui.message(t("need_name", lang), "error")
    blk = ea.block(block_code or "criteria", lang)
    try:
        response = ea.web_response(blk, positions, name, lang)
        res = priorities(response.matrix(blk.code))
        ea.append_response(ctx.responses(), response)
    except RegintError as exc:
        return ui.message(str(exc), "error")
    return ui.message(t("saved", lang, name=name, n=len(blk.pairs), cr=res.cr), "ok")


def questionnaire_upload(ctx: WebContext, contents: str | None, filename: str | None, lang: str) -> html.Div:
    """Read a filled questionnaire (.xlsx, or .json records), validate it and store the responses."""
    from regint.web import experts_adapter as ea
    from regint.web.uploads import QUESTIONNAIRE_TYPES, decode_upload, temporary_file

    if not contents:
        return html.Div()
    try:
        upload = decode_upload(contents, filename, QUESTIONNAIRE_TYPES)
        with temporary_file(upload, ctx.upload_dir) as path:
            responses = _read_responses(path, upload.name)
        lines = []
        store = ctx.responses()
        for resp in responses:
            stored = ea.append_response(store, resp)
            for code, _items in resp.blocks:
                res = resp.ahp(code)
                cr = "n/a" if np.isnan(res.cr) else f"{res.cr:.3f}" + ("" if res.acceptable else " ✗")
                lines.append(t("questionnaire_ok", lang, file=upload.name, who=resp.respondent,
                               n=len(resp.judgements.get(code, {})), missing=len(resp.missing.get(code, ())),
                               cr=cr, stored=t("stored_new" if stored else "stored_dup", lang)))
    except RegintError as exc:
        return ui.error_list(t("validation_report", lang),
                             [_relabel(str(exc), filename)], "error")
    return ui.error_list(t("validation_report", lang), lines, "ok")


def _relabel(text: str, filename: str | None) -> str:
    """Name the user's file instead of the generated temporary one in an error message."""
    import re

    from regint.web.uploads import display_name

    return re.sub(r"upload-[0-9a-f]{24}(\.\w+)?", display_name(filename), text)


def _read_responses(path: Any, name: str) -> list[Any]:
    """Responses from a questionnaire workbook or a JSON file of records (``{"responses": [...]}`` or a list)."""
    import json

    from regint.errors import LoaderError
    from regint.experts.questionnaire import Response, read_questionnaire

    if path.suffix == ".xlsx":
        import zipfile

        try:
            resp = read_questionnaire(path)
        except RegintError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            # read_questionnaire lets the workbook reader's own errors through (not an .xlsx, a damaged _meta)
            raise LoaderError(f"not a readable questionnaire workbook ({type(exc).__name__}: {exc}).", path=path,
                              fix="upload the .xlsx questionnaire as filled in Excel or LibreOffice.") from exc
        return [dataclasses.replace(resp, source=name)]
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoaderError(f"not valid JSON ({exc}).", path=path, fix="upload the file as exported.") from exc
    records = doc.get("responses") if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not records:
        raise LoaderError("no responses found (expected a list of records or {\"responses\": [...]}).", path=path,
                          fix="upload a file of regint response records.")
    out = []
    for k, rec in enumerate(records, start=1):
        try:
            resp = Response.from_record(rec)
            for code, _ in resp.blocks:
                resp.ahp(code)  # validates the scale and reciprocity
        except RegintError as exc:
            raise LoaderError(f"record {k}: {exc}", path=path) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise LoaderError(f"record {k} is not a regint response ({exc!r}).", path=path,
                              fix="each record needs respondent, blocks and judgements.") from exc
        out.append(dataclasses.replace(resp, source=name))
    return out


def collected_view(ctx: WebContext, lang: str) -> html.Div:
    """The responses stored so far (every record; the latest per respondent is used)."""
    try:
        records = ctx.responses().records()
    except RegintError as exc:
        return ui.message(str(exc), "error")
    if not records:
        return html.Div(t("no_data", lang), className="muted")
    frame = pd.DataFrame([{t("respondent", lang): r.get("respondent"), "kind": r.get("kind"),
                           t("period", lang): r.get("date"), t("source", lang): r.get("source"),
                           t("when", lang): r.get("recorded_at")} for r in records])
    return ui.table(frame.iloc[::-1], lang, max_rows=50, table_id="collected-table")


def questionnaire_download(ctx: WebContext, lang: str) -> dict[str, Any]:
    """An empty directions questionnaire (XLSX) written by :mod:`regint.experts.directions`."""
    import secrets

    from regint.experts.directions import directions_questionnaire
    from regint.web.downloads import XLSX_MIME, as_download

    path = ctx.upload_dir / f"questionnaire-{secrets.token_hex(8)}.xlsx"
    try:
        directions_questionnaire(path, check_lang(lang))  # type: ignore[arg-type]
        content = path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
    return as_download(content, f"regint_questionnaire_{check_lang(lang)}.xlsx", XLSX_MIME)


# ---------------------------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------------------------

def sources_view(lang: str) -> html.Div:
    """The source catalog: id, name, status, licence, address."""
    from regint.data.catalogs import sources

    cat = sources()
    lang = check_lang(lang)
    frame = pd.DataFrame({"id": cat["id"], t("source", lang): cat[f"name_{lang}"], t("status", lang): cat["status"],
                          t("licence", lang): cat["licence"], "URL": cat["address"]})
    return ui.table(frame, lang, table_id="sources-table")


def coverage_view(ctx: WebContext, lang: str) -> Any:
    """Heat map of the years with data (2000 to this year) per indicator and region of the pair's area."""
    from regint.data.gaps import coverage

    span = (2000, date.today().year)
    regions = list(COMPARATOR_REGIONS)

    def make() -> pd.DataFrame:
        panel = ctx.panel()
        return coverage(panel[panel["region"].isin(regions)], regions, span)
    cov = ctx.cached("coverage", make)
    if cov.empty:
        return figures.empty(t("no_data", lang))
    grid = cov.pivot(index="indicator", columns="region", values="n_years").reindex(columns=regions)
    return figures.coverage_heatmap(grid, span[1] - span[0] + 1, t("coverage", lang))


def imports_view(ctx: WebContext, lang: str) -> html.Div:
    """The store's import log, latest first."""
    log = ctx.imports()
    if log.empty:
        return html.Div(t("no_data", lang), className="muted")
    frame = pd.DataFrame({"#": log["import_id"], t("file", lang): log["file_name"], t("format", lang): log["format"],
                          t("rows", lang): log["n_rows"], t("when", lang): log["imported_at"].astype(str).str[:19],
                          "SHA-256": log["checksum"].astype(str).str[:12]})
    return ui.table(frame.iloc[::-1], lang, max_rows=100, table_id="imports-table")


def data_import(ctx: WebContext, contents: str | None, filename: str | None, lang: str) -> html.Div:
    """Import an uploaded file into the store, all or nothing, and report what happened."""
    from regint.data.loaders import load_file
    from regint.web.uploads import DATA_TYPES, decode_upload, temporary_file

    if not contents:
        return html.Div()
    try:
        upload = decode_upload(contents, filename, DATA_TYPES)
        checksum = hashlib.sha256(upload.content).hexdigest()
        with ctx.lock:
            if ctx.store().has_checksum(checksum):
                return ui.message(t("unchanged", lang, file=upload.name), "info")
        with temporary_file(upload, ctx.upload_dir) as path:
            result = load_file(path)
        obs = result.observations.copy()
        if "file" in obs:
            obs["file"] = upload.name
        with ctx.lock:
            report = ctx.store().import_frame(obs, file_name=upload.name, checksum=checksum,
                                              format=result.format, warnings=[str(w) for w in result.warnings])
            if report.status == "imported":
                ctx.invalidate()
    except RegintError as exc:
        return ui.error_list(t("validation_report", lang),
                             [_relabel(str(exc), filename), t("store_unchanged", lang)], "error")
    if report.status == "unchanged":
        return ui.message(t("unchanged", lang, file=upload.name), "info")
    lines = [t("imported", lang, file=upload.name, rows=report.rows, id=report.import_id, fmt=report.format)]
    lines += [_relabel(w, filename) for w in report.warnings[:30]]
    return ui.error_list(t("validation_report", lang), lines, "warn" if report.warnings else "ok")


# ---------------------------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------------------------

REPORT_MIME = {"html": "text/html", "pdf": "application/pdf",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def report_start(ctx: WebContext, lang: str, fmt: str | None, quick: bool) -> str:
    """Build the report of the pair in one language and format in the background; returns the job id.

    The report is rendered by the builder the command line gave the app (:attr:`WebContext.report_builder`)
    from the dashboard's study (``quick``: the small Monte Carlo sizes). The files are written to a folder with
    a generated name inside the private upload folder, read into memory when done and the folder removed.
    """
    import secrets
    import shutil

    from regint.study import MonteCarlo
    from regint.study.study import RESULTS

    lang = check_lang(lang)
    fmt = fmt if fmt in REPORT_MIME else "html"
    out = ctx.upload_dir / f"report-{secrets.token_hex(8)}"
    total = len(RESULTS) + 2
    builder = ctx.report_builder

    def work(progress: Any) -> tuple[bytes, str]:
        if builder is None:
            raise RuntimeError("this dashboard was started without the report module; start it with "
                               "`regint serve`")
        done = [0]

        def tick(_name: str) -> None:
            done[0] = min(done[0] + 1, total)
            progress(done[0], total)
        try:
            base = ctx.study()
            study = base.with_settings(mc=MonteCarlo.fast()) if quick else base
            path = builder(study, lang, fmt, out, tick)
            return path.read_bytes(), f"regint_report_{lang}.{fmt}"
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return ctx.jobs.start(work, total=total)


def report_poll(ctx: WebContext, job_id: str | None, lang: str) -> tuple[int, int, Any, dict[str, Any] | None, bool]:
    """Progress of a report job; when finished the download. Returns (done, total, status, download, finished)."""
    from regint.web.downloads import as_download

    job = ctx.jobs.get(job_id)
    if job is None:
        return 0, 1, "", None, True
    snap = job.snapshot()
    if snap["state"] == "running":
        return snap["done"], max(snap["total"], 1), t("report_running", lang, done=snap["done"],
                                                      total=snap["total"]), None, False
    if snap["state"] == "failed":
        return 0, 1, ui.message(f"{t('error', lang)}: {snap['error']}", "error"), None, True
    content, name = job.result
    fmt = name.rsplit(".", 1)[-1]
    return snap["total"], max(snap["total"], 1), ui.message(t("report_done", lang, file=name), "ok"), \
        as_download(content, name, REPORT_MIME.get(fmt)), True


def tables_download(ctx: WebContext, lang: str) -> dict[str, Any]:
    """Preconditions, the index with its intervals and the coverage in one workbook (in memory)."""
    from regint.data.gaps import coverage
    from regint.web.downloads import XLSX_MIME, as_download, xlsx_bytes

    tables: dict[str, pd.DataFrame] = {}
    left_out: list[dict[str, str]] = []  # the workbook holds what could be computed and says what could not
    try:
        pre = ctx.preconditions(lang)
        tables["preconditions"] = pre.to_frame()
        tables["not_computed"] = pre.not_computed_frame()
    except Exception as exc:  # noqa: BLE001
        left_out.append({"table": "preconditions", "reason": str(exc)})
    try:
        tables["index"] = ctx.index_result().to_frame().reset_index()
    except Exception as exc:  # noqa: BLE001
        left_out.append({"table": "index", "reason": str(exc)})
    panel = ctx.panel()
    regions = list(COMPARATOR_REGIONS)
    tables["coverage"] = coverage(panel[panel["region"].isin(regions)], regions, (2000, date.today().year))
    if left_out:
        tables["not_included"] = pd.DataFrame(left_out)
    return as_download(xlsx_bytes(tables), f"regint_tables_{check_lang(lang)}.xlsx", XLSX_MIME)
