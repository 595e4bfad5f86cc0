"""The overview page: profile of the pair, locator map, trends and the preconditions of integration.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, html

from regint.data.catalogs import unit_text
from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import PAIR, WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import (
    annual,
    common_units,
    failure,
    fit_map,
    graph,
    indicator_label,
    loading,
    page,
    region_label,
    wide,
)

PROFILE_INDICATORS: tuple[str, ...] = ("population", "grp_per_capita", "wage_nominal", "unemployment_rate",
                                       "exports_usd", "imports_usd", "investment_fixed")


def layout(lang: str) -> html.Div:
    return page(
        "overview", lang,
        html.H2(t("overview_title", lang)),
        html.Div([
            ui.card(t("profile", lang), loading(html.Div(id="overview-profile"))),
            ui.card(t("map", lang), graph("overview-map", 520)),
        ], className="grid2"),
        ui.card(t("trends", lang), graph("overview-trends", 340)),
        ui.card(t("key_indicators", lang), loading(html.Div(id="overview-key"))),
    )


def overview_profile(ctx: WebContext, lang: str) -> html.Div:
    """Latest annual value of the profile indicators for both regions of the pair, with year and unit."""
    panel = annual(ctx.panel())
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
        return failure(exc, "regint.indicators.preconditions", lang)
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

    panel = annual(ctx.panel())
    pair = panel[panel["region"].isin(PAIR)]
    fx = panel[(panel["indicator"] == "fx_usd") & panel["region"].isin(["RU", "BY"])]
    wages = pair[pair["indicator"] == "wage_nominal"]
    panels = []
    if not wages.empty:
        usd = to_usd(wages, fx).dropna(subset=["value"])
        panels.append((f"{indicator_label('wage_nominal', lang).split(' (')[0]}, {unit_text('USD', lang)}",
                       wide(usd)))
    for ind in ("exports_usd", "population"):
        sub = common_units(pair[pair["indicator"] == ind])
        if not sub.empty:
            unit = unit_text(sub["unit"].iloc[-1], lang)
            panels.append((f"{indicator_label(ind, lang).split(' (')[0]}, {unit}", wide(sub)))
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
    return fit_map(fig, 520)


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    # four callbacks, so the browser asks for them at once and the server computes them in parallel
    @app.callback(Output("overview-profile", "children"), Input("overview-lang", "data"))
    def profile(lang: str) -> Any:
        return overview_profile(ctx, lang)

    @app.callback(Output("overview-key", "children"), Input("overview-lang", "data"))
    def key_indicators(lang: str) -> Any:
        return overview_key_indicators(ctx, lang)

    @app.callback(Output("overview-trends", "figure"), Input("overview-lang", "data"))
    def trends(lang: str) -> Any:
        return overview_trends(ctx, lang)

    @app.callback(Output("overview-map", "figure"), Input("overview-lang", "data"))
    def locator(lang: str) -> Any:
        return overview_map(lang)
