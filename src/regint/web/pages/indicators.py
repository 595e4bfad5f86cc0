"""The indicators page: one indicator for the regions and years chosen, as a chart, a table and a download.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from regint.data.catalogs import unit_text
from regint.web import components as ui
from regint.web import figures
from regint.web.context import COMPARATOR_REGIONS, WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import (
    annual,
    common_units,
    graph,
    indicator_label,
    loading,
    page,
    region_label,
    wide,
)


def layout(lang: str) -> html.Div:
    return page(
        "indicators", lang,
        html.H2(t("indicators_title", lang)),
        html.Div([
            html.Label([t("choose_indicator", lang),
                        dcc.Dropdown(id="ind-indicator", value="wage_nominal", clearable=False)], className="ctl-wide"),
            html.Label([t("choose_regions", lang),
                        dcc.Dropdown(id="ind-regions", value=["RU-SMO", "BY-VI"], multi=True)], className="ctl-wide"),
            html.Label([t("choose_years", lang),
                        dcc.RangeSlider(id="ind-years", min=2000, max=2025, step=1, value=[2000, 2025],
                                        marks=None)],
                       className="ctl-wide"),
            dcc.Checklist(id="ind-usd", options=[{"label": " USD", "value": "usd"}], value=[], inline=True),
        ], className="controls"),
        ui.card("", graph("ind-graph", 380),
                html.Div([html.Button(t("download_csv", lang), id="ind-csv", className="btn"),
                          html.Button(t("download_xlsx", lang), id="ind-xlsx", className="btn"),
                          dcc.Download(id="ind-download")], className="buttons"),
                loading(html.Div(id="ind-table"))),
    )


def indicator_options(ctx: WebContext, lang: str) -> tuple[list[dict[str, str]], list[dict[str, str]], int, int]:
    """Options of the indicator and region pickers (what the store holds) and the range of years."""
    def make() -> tuple[list[str], list[str], int, int]:
        panel = annual(ctx.panel())
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
    sub = annual(panel[(panel["indicator"] == indicator) & panel["region"].isin(list(regions))])
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
    fig = figures.lines(wide(frame), names, indicator_label(str(indicator), lang), ", ".join(units))
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


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    @app.callback(Output("ind-indicator", "options"), Output("ind-indicator", "value"),
                  Output("ind-regions", "options"), Output("ind-regions", "value"), Output("ind-years", "min"),
                  Output("ind-years", "max"), Output("ind-years", "value"), Output("ind-years", "marks"),
                  Input("indicators-lang", "data"), State("ind-indicator", "value"), State("ind-regions", "value"))
    def options(lang: str, indicator: str | None, regions: list[str] | None) -> tuple[Any, ...]:
        inds, regs, lo, hi = indicator_options(ctx, lang)
        start = max(lo, 2000)
        marks = {y: str(y) for y in range(lo - lo % 10 + 10 if lo % 10 else lo, hi + 1, 10)}
        return (inds, indicator or "wage_nominal", regs, regions or ["RU-SMO", "BY-VI"], lo, hi, [start, hi],
                marks)

    @app.callback(Output("ind-graph", "figure"), Output("ind-table", "children"),
                  Input("ind-indicator", "value"), Input("ind-regions", "value"), Input("ind-years", "value"),
                  Input("ind-usd", "value"), State("indicators-lang", "data"))
    def view(indicator: str, regions: list[str], years: list[int], usd: list[str], lang: str) -> tuple[Any, Any]:
        return indicator_view(ctx, indicator, regions, years, "usd" in (usd or []), lang)

    @app.callback(Output("ind-download", "data"), Input("ind-csv", "n_clicks"), Input("ind-xlsx", "n_clicks"),
                  State("ind-indicator", "value"), State("ind-regions", "value"), State("ind-years", "value"),
                  State("ind-usd", "value"), prevent_initial_call=True)
    def download(_csv: int, _xlsx: int, indicator: str, regions: list[str], years: list[int],
                 usd: list[str]) -> Any:
        fmt = "xlsx" if dash.ctx.triggered_id == "ind-xlsx" else "csv"
        return indicator_download(ctx, indicator, regions, years, "usd" in (usd or []), fmt) or no_update
