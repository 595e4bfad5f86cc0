"""The indicators page: one indicator for the regions and years chosen, as a chart, a table and a download.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from regint.data.catalogs import unit_text
from regint.web import components as ui
from regint.web import figures
from regint.web.context import COMPARATOR_REGIONS, WebContext
from regint.web.i18n import check_lang, dropdown_labels, t
from regint.web.pages.base import (
    annual,
    common_units,
    graph,
    indicator_label,
    loading,
    page,
    pair_of,
    region_label,
    source_line,
    status_label,
    wide,
    year_span,
)
from regint.web.state import ViewState, update

_MONEY = ("RUB", "BYN", "BYR")


def default_regions(pair: tuple[str, str]) -> list[str]:
    """The regions shown when the URL names none: the pair."""
    return list(pair)


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    years = list(state.years) if state.years else None
    return page(
        "indicators", lang, state,
        html.H2(t("indicators_title", lang)),
        dcc.Store(id="ind-url-years", data=years),
        html.Div([
            html.Label([t("choose_indicator", lang),
                        dcc.Dropdown(labels=dropdown_labels(lang), id="ind-indicator", value=state.indicator or "wage_nominal", clearable=False)],
                       className="ctl-wide"),
            html.Label([t("choose_regions", lang),
                        dcc.Dropdown(labels=dropdown_labels(lang), id="ind-regions", value=list(state.regions) or default_regions(state.pair),
                                     multi=True)], className="ctl-wide"),
            html.Label([t("choose_years", lang),
                        dcc.RangeSlider(id="ind-years", min=2000, max=2025, step=1, value=years or [2000, 2025],
                                        marks=None, tooltip={"placement": "bottom"})],
                       className="ctl-wide"),
            dcc.Checklist(id="ind-usd", options=[{"label": t("in_usd", lang), "value": "usd"}],
                          value=["usd"] if state.usd else [], inline=True),
        ], className="controls"),
        ui.card("", graph("ind-graph", 400),
                html.Div([html.Button(t("download_csv", lang), id="ind-csv", className="btn"),
                          html.Button(t("download_xlsx", lang), id="ind-xlsx", className="btn"),
                          dcc.Download(id="ind-download")], className="buttons"),
                loading(html.Div(id="ind-table"))),
    )


def indicator_options(ctx: WebContext, lang: str) -> tuple[list[dict[str, str]], list[dict[str, str]], int, int]:
    """Options of the indicator and region pickers (what the store holds, by name) and the range of years."""
    def make() -> tuple[list[str], list[str], int, int]:
        panel = annual(ctx.panel())
        years = panel["period"].astype(int)
        return sorted(panel["indicator"].unique()), sorted(panel["region"].unique()), int(years.min()), int(years.max())
    inds, regs, lo, hi = ctx.cached("indicator_options", make)
    ind_opts = [{"label": indicator_label(c, lang), "value": c} for c in inds]
    first = [r for r in COMPARATOR_REGIONS if r in regs]
    reg_opts = [{"label": region_label(c, lang), "value": c} for c in first + [r for r in regs if r not in first]]
    return sorted(ind_opts, key=lambda o: o["label"].lower()), reg_opts, lo, hi


@dataclass(frozen=True)
class Selection:
    """One indicator × regions × years as the page shows it: the observations, and what the conversion to US
    dollars left out (rows without a rate, with the country-years missing)."""

    frame: pd.DataFrame
    usd: bool
    dropped: int = 0
    missing_rates: tuple[str, ...] = ()


def indicator_selection(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                        years: Sequence[int] | None, usd: bool = False) -> Selection:
    """Annual observations of one indicator for the regions and years chosen, in US dollars on request
    (:func:`regint.data.harmonise.to_usd`; a value without a rate is left out and counted)."""
    panel = ctx.panel()
    if not indicator or not regions:
        return Selection(panel.iloc[0:0], usd)
    sub = annual(panel[(panel["indicator"] == indicator) & panel["region"].isin(list(regions))])
    if years:
        yr = sub["period"].astype(int)
        sub = sub[(yr >= int(min(years))) & (yr <= int(max(years)))]
    dropped = 0
    missing: tuple[str, ...] = ()
    converted = False
    if usd and not sub.empty and sub["currency"].isin(_MONEY).any():
        from regint.data.harmonise import country_of, to_usd

        countries = sorted({country_of(r) for r in sub["region"]})
        fx = panel[(panel["indicator"] == "fx_usd") & panel["region"].isin(countries)]
        out = to_usd(sub, fx)
        lost = out["value"].isna() & sub["value"].notna().to_numpy()
        dropped = int(lost.sum())
        missing = tuple(sorted({f"{country_of(r)} {p}" for r, p in zip(out.loc[lost, "region"],
                                                                       out.loc[lost, "period"], strict=True)}))
        sub = out.dropna(subset=["value"])
        converted = True
    sub = common_units(sub)
    cols = ["region", "indicator", "period", "value", "unit", "currency", "source", "status", "vintage", "note",
            "derived_from"]
    frame = sub[[c for c in cols if c in sub.columns]].sort_values(["region", "period"]).reset_index(drop=True)
    return Selection(frame, converted, dropped, missing)


def indicator_frame(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                    years: Sequence[int] | None, usd: bool = False) -> pd.DataFrame:
    """The observations of :func:`indicator_selection`."""
    return indicator_selection(ctx, indicator, regions, years, usd).frame


def indicator_view(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                   years: Sequence[int] | None, usd: bool, lang: str) -> tuple[Any, html.Div]:
    """Chart and table of one indicator × regions × years, with the series breaks that touch them.

    Different currencies (roubles and Belarusian roubles) are drawn in separate panels, never on one axis;
    the chart carries its unit, years and source, and says how many values a conversion left out.
    """
    sel = indicator_selection(ctx, indicator, regions, years, usd)
    frame = sel.frame
    if frame.empty:
        return figures.empty(t("no_data", lang)), ui.message(t("no_data", lang), "info")
    frame = frame.assign(unit=frame["unit"].map(lambda u: unit_text(u, lang)))  # units in the page's language
    units = sorted(frame["unit"].astype(str).unique())
    names = {r: region_label(r, lang) for r in frame["region"].unique()}
    span = year_span(frame)
    notes = [t("fx_note", lang)] if sel.usd else []
    if sel.dropped:
        notes.append(t("fx_dropped", lang, n=sel.dropped, what=", ".join(sel.missing_rates)))
    title = indicator_label(str(indicator), lang)
    if len(units) > 1:  # different units (e.g. RUB and BYN): one panel each
        unit_of = {str(r): str(u) for r, u in frame.groupby("region")["unit"].first().items()}
        fig = figures.panels_by_unit(wide(frame), names, unit_of)
        fig.update_layout(title={"text": title})
        fig = figures.finish(fig, lang, years=span, source=source_line(frame["source"], lang), note=" ".join(notes))
    else:
        fig = figures.lines(wide(frame), names, title, units[0])
        fig = figures.finish(fig, lang, unit=units[0], years=span, source=source_line(frame["source"], lang),
                             note=" ".join(notes))
    parts: list[Any] = []
    if len(units) > 1:
        parts.append(ui.message(t("two_panels", lang), "info"))
    if sel.dropped:
        parts.append(ui.message(t("fx_dropped", lang, n=sel.dropped, what=", ".join(sel.missing_rates)), "warn",
                                msg_id="fx-dropped"))
    from regint.data.harmonise import series_breaks

    yrs = frame["period"].astype(int)
    brk = series_breaks(str(indicator), sorted(frame["region"].unique()), (int(yrs.min()), int(yrs.max())))
    if not brk.empty:
        col = f"description_{check_lang(lang)}"
        parts.append(ui.error_list(t("breaks", lang), [str(x) for x in brk.get(col, brk.iloc[:, 0])], "warn"))
    shown = readable(frame, lang)
    shown[t("year", lang)] = shown[t("year", lang)].astype(str)  # a year, not a number with a thousands space
    parts.append(ui.table(shown, lang, table_id="indicator-table"))
    return fig, html.Div(parts)


def readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The observations as the page shows them: region and source names, numeric years, status in words,
    column names in ``lang``."""
    from regint.data.catalogs import sources

    cat = sources().set_index("id")[f"name_{check_lang(lang)}"]
    return pd.DataFrame({
        t("region", lang): [region_label(r, lang) for r in frame["region"]],
        t("year", lang): frame["period"].astype(int).to_numpy(),
        t("value", lang): frame["value"].to_numpy(),
        t("unit", lang): [unit_text(str(u), lang) for u in frame["unit"]],
        t("source", lang): [str(cat.get(s, s)) for s in frame["source"]],
        t("status", lang): [status_label(str(s), lang) for s in frame["status"]],
    })


def indicator_download(ctx: WebContext, indicator: str | None, regions: Sequence[str] | None,
                       years: Sequence[int] | None, usd: bool, fmt: str, lang: str = "en") -> dict[str, Any] | None:
    """The selection as CSV or XLSX for ``dcc.Download``, in ``lang``: readable names, numeric years, values
    rounded as the table shows them and (XLSX) a metadata sheet: definition, unit, sources with their status
    and address, conversion, what was left out and why."""
    from regint.web.downloads import XLSX_MIME, as_download, csv_bytes, safe_filename, xlsx_bytes

    sel = indicator_selection(ctx, indicator, regions, years, usd)
    if sel.frame.empty:
        return None
    data = readable(sel.frame, lang)
    data[t("value", lang)] = [round_shown(v) for v in data[t("value", lang)]]
    stem = f"regint_{indicator}" + ("_usd" if usd else "")
    if fmt == "xlsx":
        meta = metadata(sel, str(indicator), lang)
        return as_download(xlsx_bytes({t("sheet_data", lang): data, t("sheet_meta", lang): meta}),
                           safe_filename(stem, ".xlsx"), XLSX_MIME)
    return as_download(csv_bytes(data), safe_filename(stem, ".csv"), "text/csv")


def metadata(sel: Selection, indicator: str, lang: str) -> pd.DataFrame:
    """The metadata sheet of a download: one (field, value) row per fact about the selection."""
    from datetime import date

    from regint.data.catalogs import indicator_info, sources

    info = indicator_info(indicator)
    frame = sel.frame
    span = year_span(frame)
    cat = sources().set_index("id")
    rows: list[tuple[str, str]] = [
        (t("indicator", lang), indicator_label(indicator, lang)),
        (t("definition", lang), str(info.get(f"definition_{check_lang(lang)}")
                                    or (info.get("name_ru") if check_lang(lang) == "ru" else info.get("definition_en"))
                                    or "")),
        (t("unit", lang), ", ".join(sorted({unit_text(str(u), lang) for u in frame["unit"]}))),
        (t("regions", lang), ", ".join(region_label(r, lang) for r in dict.fromkeys(frame["region"]))),
        (t("years", lang), f"{span[0]}–{span[1]}" if span else ""),
    ]
    for sid in dict.fromkeys(frame["source"]):
        sid = str(sid)
        name = str(cat.at[sid, f"name_{check_lang(lang)}"]) if sid in cat.index else sid
        address = str(cat.at[sid, "address"]) if sid in cat.index else ""
        statuses = ", ".join(status_label(s, lang) for s in sorted(set(frame[frame["source"] == sid]["status"])))
        rows.append((t("source", lang), f"{name} ({statuses}); {address}"))
    if sel.usd:
        rows.append((t("conversion", lang), t("fx_note", lang)))
    rows.append((t("left_out", lang), t("fx_dropped", lang, n=sel.dropped, what=", ".join(sel.missing_rates))
                 if sel.dropped else t("nothing_left_out", lang)))
    rows.append((t("rounding", lang), t("rounding_text", lang)))
    rows.append((t("made", lang), f"regint, {date.today().isoformat()}"))
    return pd.DataFrame(rows, columns=[t("field", lang), t("value", lang)])


def round_shown(value: Any) -> Any:
    """A value rounded as the table shows it (four significant figures below 1,000, whole numbers above)."""
    if value is None or not isinstance(value, int | float) or pd.isna(value):
        return value
    x = float(value)
    if abs(x) >= 1000 or x.is_integer():
        return round(x)
    return float(f"{x:.4g}")


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    @app.callback(Output("ind-indicator", "options"), Output("ind-indicator", "value"),
                  Output("ind-regions", "options"), Output("ind-regions", "value"), Output("ind-years", "min"),
                  Output("ind-years", "max"), Output("ind-years", "value"), Output("ind-years", "marks"),
                  Input("indicators-lang", "data"), State("ind-indicator", "value"), State("ind-regions", "value"),
                  State("ind-url-years", "data"), State("indicators-pair", "data"))
    def options(lang: str, indicator: str | None, regions: list[str] | None, url_years: list[int] | None,
                pair: str | None) -> tuple[Any, ...]:
        inds, regs, lo, hi = indicator_options(ctx, lang)
        start = max(lo, 2000)
        years = [max(lo, int(url_years[0])), min(hi, int(url_years[1]))] if url_years else [start, hi]
        marks = {y: str(y) for y in range(lo - lo % 10 + 10 if lo % 10 else lo, hi + 1, 10)}
        return (inds, indicator or "wage_nominal", regs, regions or default_regions(pair_of(pair)), lo, hi, years,
                marks)

    @app.callback(Output("ind-graph", "figure"), Output("ind-table", "children"),
                  Input("ind-indicator", "value"), Input("ind-regions", "value"), Input("ind-years", "value"),
                  Input("ind-usd", "value"), State("indicators-lang", "data"))
    def view(indicator: str, regions: list[str], years: list[int], usd: list[str], lang: str) -> tuple[Any, Any]:
        return indicator_view(ctx, indicator, regions, years, "usd" in (usd or []), lang)

    @app.callback(Output("url", "search", allow_duplicate=True), Input("ind-indicator", "value"),
                  Input("ind-regions", "value"), Input("ind-years", "value"), Input("ind-usd", "value"),
                  State("url", "search"), prevent_initial_call=True)
    def to_url(indicator: str, regions: list[str], years: list[int], usd: list[str], search: str) -> str:
        return update(search, indicator=indicator or None, regions=tuple(regions or ()),
                      years=(int(years[0]), int(years[1])) if years else None, usd="usd" in (usd or []))

    @app.callback(Output("ind-download", "data"), Input("ind-csv", "n_clicks"), Input("ind-xlsx", "n_clicks"),
                  State("ind-indicator", "value"), State("ind-regions", "value"), State("ind-years", "value"),
                  State("ind-usd", "value"), State("indicators-lang", "data"), prevent_initial_call=True)
    def download(_csv: int, _xlsx: int, indicator: str, regions: list[str], years: list[int],
                 usd: list[str], lang: str) -> Any:
        fmt = "xlsx" if dash.ctx.triggered_id == "ind-xlsx" else "csv"
        return indicator_download(ctx, indicator, regions, years, "usd" in (usd or []), fmt, lang) or no_update
