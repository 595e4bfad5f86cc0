"""The overview page: profile of the pair, locator map, trends and the preconditions of integration.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

import re
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from regint.data.catalogs import unit_text
from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import (
    annual,
    common_units,
    failure,
    fit_map,
    freshness,
    graph,
    indicator_label,
    loading,
    page,
    pair_of,
    region_label,
    source_line,
    wide,
)
from regint.web.state import ViewState

#: Rows of the profile table (the study's profile holds more; these are the ones an official reads first).
PROFILE_ROWS: tuple[str, ...] = ("population", "grp_per_capita", "wage_nominal", "unemployment_rate", "exports_usd",
                                 "imports_usd", "investment_fixed")


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    a, b = state.pair
    return page(
        "overview", lang, state,
        html.H2(t("overview_title", lang, a=region_label(a, lang), b=region_label(b, lang))),
        loading(html.Div(id="overview-fresh")),
        loading(html.Div(id="overview-sides")),
        html.Div([
            ui.card(t("profile", lang), loading(html.Div(id="overview-profile"))),
            ui.card(t("map", lang), graph("overview-map", 520)),
        ], className="grid2"),
        ui.card(t("trends", lang), loading(html.Div(id="overview-trends", className="trends"))),
        ui.card(t("key_indicators", lang), loading(html.Div(id="overview-key"))),
    )


def regions_text(text: str, lang: str) -> str:
    """"RU-SMO vs BY-VI" as "Смоленская область — Витебская область" (a qualifier in brackets left out)."""
    plain = re.sub(r"\s*\(.*?\)", "", str(text))
    return " — ".join(region_label(code.strip(), lang) for code in plain.split(" vs "))


def latest_years(ctx: WebContext, pair: tuple[str, str]) -> dict[str, int | None]:
    """Each region's latest year in the study's profile (the freshness badges)."""
    prof = ctx.study(pair).profile.value
    out: dict[str, int | None] = {}
    for region in pair:
        years = prof[prof["region"] == region]["year"].dropna() if prof is not None else pd.Series(dtype=float)
        out[region] = int(years.max()) if len(years) else None
    return out


def overview_fresh(ctx: WebContext, pair: tuple[str, str], lang: str) -> html.Div:
    """The freshness badges: each side's latest year with data."""
    return freshness(latest_years(ctx, pair), lang)


def overview_sides(ctx: WebContext, pair: tuple[str, str], lang: str) -> html.Div:
    """What the numbers mean for each side: its wage in US dollars against the partner's in the latest year both
    have (the study's :attr:`~regint.study.Study.wages_usd`), and its latest exports (the study's profile)."""
    study = ctx.study(pair)
    wages = study.wages_usd.value
    prof = study.profile.value
    cards = []
    common = None
    if wages is not None and set(pair) <= set(wages.index):
        both = wages.reindex(list(pair)).dropna(axis=1, how="any")
        common = int(both.columns.max()) if len(both.columns) else None
    for side, region in enumerate(pair):
        other = pair[1 - side]
        items = []
        if common is not None and wages is not None:
            mine, theirs = float(wages.at[region, common]), float(wages.at[other, common])
            items.append(html.Li(t("side_wage", lang, usd=ui.fmt_value(round(mine), lang=lang), year=common,
                                   ratio=ui.fmt_value(round(mine / theirs, 2), lang=lang),
                                   other=region_label(other, lang))))
        if prof is not None:
            ex = prof[(prof["indicator"] == "exports_usd") & (prof["region"] == region)].dropna(subset=["value"])
            if not ex.empty:
                items.append(html.Li(t("side_exports", lang, value=ui.fmt_value(ex["value"].iloc[0], lang=lang),
                                       unit=unit_text(str(ex["unit"].iloc[0]), lang), year=int(ex["year"].iloc[0]))))
        if not items:
            items.append(html.Li(t("no_data", lang)))
        cards.append(html.Div([html.H4(t("for_region_now", lang, region=region_label(region, lang))), html.Ul(items)],
                              className="side"))
    return html.Div([*cards, html.Div(t("fx_note", lang), className="muted")], className="sides", id="overview-sides-panel")


def overview_profile(ctx: WebContext, pair: tuple[str, str], lang: str) -> html.Div:
    """Latest annual value of the profile indicators for both regions of the pair, with year and unit
    (the study's profile, :func:`regint.study.profile.latest_values`); a gap shows as "—"."""
    out = ctx.study(pair).profile
    if out.value is None:
        return ui.message(out.reason or t("no_data", lang), "error")
    prof = out.value
    rows = []
    for ind in PROFILE_ROWS:
        sub = prof[prof["indicator"] == ind]
        if sub.empty:
            continue
        row: dict[str, str] = {t("indicator", lang): indicator_label(ind, lang)}
        for region in pair:
            r = sub[sub["region"] == region]
            if r.empty or pd.isna(r["value"].iloc[0]):
                row[region_label(region, lang)] = "—"
                continue
            last = r.iloc[0]
            unit = unit_text(str(last["unit"]), lang)
            row[region_label(region, lang)] = f"{ui.fmt_value(last['value'], lang=lang)} {unit} ({int(last['year'])})"
        rows.append(row)
    shown = prof[prof["indicator"].isin(PROFILE_ROWS) & prof["region"].isin(pair)]
    return html.Div([ui.table(pd.DataFrame(rows), lang, table_id="profile-table"),
                     html.Div(source_line(shown["source"], lang), className="muted")])


def overview_key_indicators(ctx: WebContext, pair: tuple[str, str], lang: str) -> html.Div:
    """The preconditions of integration that concern the pair (the study's, in ``lang``), and those not
    computable with the reason."""
    try:
        result = ctx.preconditions(lang, pair)
    except RegintError as exc:
        return ui.message(str(exc), "error")
    except Exception as exc:  # noqa: BLE001 - shown on the page instead of a failed request
        return failure(exc, "regint.indicators.preconditions", lang)
    tab = result.table
    mine = tab[tab["regions"].str.contains(pair[0]) | tab["regions"].str.contains(pair[1])]
    shown = pd.DataFrame({t("regions", lang): [regions_text(x, lang) for x in mine["regions"]],
                          t("years", lang): mine["years"].astype(str).str.replace("-", "–"),
                          t("meaning", lang): mine["meaning"]})
    skipped = result.not_computed_frame()
    skipped = skipped[skipped["indicator"].str.contains(pair[0]) | skipped["indicator"].str.contains(pair[1])
                      | ~skipped["indicator"].str.contains(r"\[")]
    where = [regions_text(m.group(1), lang) if (m := re.search(r"\[(.*)\]", x)) else ""
             for x in skipped["indicator"]]
    not_done = pd.DataFrame({t("regions", lang): where, t("reason", lang): skipped["reason"]})
    return html.Div([
        ui.table(shown, lang, table_id="key-table"),
        html.Details([html.Summary(f"{t('not_computed', lang)} ({len(skipped)})"),
                      ui.table(not_done, lang)]),
    ])


def overview_trends(ctx: WebContext, pair: tuple[str, str], lang: str) -> list[Any]:
    """Wages in USD (the study's :attr:`~regint.study.Study.wages_usd`), exports and population of the pair,
    one chart each (side by side on a wide screen, one under the other on a phone), gaps as gaps, levels from
    zero, each with its unit, years and source drawn into it."""
    study = ctx.study(pair)
    panel = annual(ctx.panel())
    sub_pair = panel[panel["region"].isin(pair)]
    names = {r: region_label(r, lang) for r in pair}
    charts: list[Any] = []
    wages = study.wages_usd.value
    if wages is not None and not wages.dropna(how="all").empty:
        wages = wages.reindex(list(pair)).dropna(axis=1, how="all")
        src = sub_pair[sub_pair["indicator"] == "wage_nominal"]["source"]
        charts.append(_trend(wages, indicator_label("wage_nominal", lang), unit_text("USD", lang), names,
                             source_line(src, lang), t("fx_note", lang), lang))
    for ind in ("exports_usd", "population"):
        sub = common_units(sub_pair[sub_pair["indicator"] == ind])
        if not sub.empty:
            charts.append(_trend(wide(sub), indicator_label(ind, lang), unit_text(sub["unit"].iloc[-1], lang), names,
                                 source_line(sub["source"], lang), "", lang))
    return charts or [figures.empty(t("no_data", lang))]


def _trend(frame: pd.DataFrame, title: str, unit: str, names: dict[str, str], source: str, note: str,
           lang: str) -> Any:
    fig = figures.lines(frame, names, title, unit)
    fig.update_layout(height=330, title={"font": {"size": 13}})
    years = [int(c) for c in frame.columns]
    return figures.finish(fig, lang, unit=unit, years=(min(years), max(years)), source=source, note=note)


def overview_map(pair: tuple[str, str], lang: str) -> Any:
    """The locator map of the pair (:mod:`regint.maps`; drawn for the default pair only), or a note."""
    if tuple(pair) != DEFAULT_PAIR:
        return figures.empty(t("map_default_only", lang))
    try:
        from regint.maps import locator_map_plotly
    except ImportError:
        return figures.empty(t("not_available", lang))
    fig = locator_map_plotly(check_lang(lang))  # type: ignore[arg-type]
    return fit_map(fig, 520)


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    # one callback per part, so the browser asks for them at once and the server computes them in parallel
    inputs = (Input("overview-lang", "data"), Input("overview-pair", "data"))

    @app.callback(Output("overview-fresh", "children"), *inputs)
    def fresh(lang: str, pair: str) -> Any:
        return overview_fresh(ctx, pair_of(pair), lang)

    @app.callback(Output("overview-sides", "children"), *inputs)
    def sides(lang: str, pair: str) -> Any:
        return overview_sides(ctx, pair_of(pair), lang)

    @app.callback(Output("overview-profile", "children"), *inputs)
    def profile(lang: str, pair: str) -> Any:
        return overview_profile(ctx, pair_of(pair), lang)

    @app.callback(Output("overview-key", "children"), *inputs)
    def key_indicators(lang: str, pair: str) -> Any:
        return overview_key_indicators(ctx, pair_of(pair), lang)

    @app.callback(Output("overview-trends", "children"), *inputs)
    def trends(lang: str, pair: str) -> Any:
        return [dcc.Graph(figure=fig, config=figures.GRAPH_CONFIG, id=f"overview-trend-{k}")
                for k, fig in enumerate(overview_trends(ctx, pair_of(pair), lang))]

    @app.callback(Output("overview-map", "figure"), *inputs)
    def locator(lang: str, pair: str) -> Any:
        return overview_map(pair_of(pair), lang)
