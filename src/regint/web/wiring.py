"""Registration of the Dash callbacks: each one unpacks its inputs and calls :mod:`regint.web.callbacks`."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
from dash import ALL, Input, Output, State, html, no_update

from regint.web import callbacks as cb
from regint.web import pages
from regint.web.context import WebContext
from regint.web.i18n import LANGS, check_lang, t


def nav(active: str, lang: str) -> list[Any]:
    """The navigation links, the active page marked."""
    from dash import dcc

    return [dcc.Link(t(f"nav_{key}", lang), href=f"/{key}", className="active" if key == active else "",
                     id=f"nav-{key}") for key in cb.ROUTES]


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach every callback of the dashboard to ``app``."""
    _shell(app)
    _overview(app, ctx)
    _indicators(app, ctx)
    _index(app, ctx)
    _scenarios(app, ctx)
    _directions(app, ctx)
    _experts(app, ctx)
    _data(app, ctx)
    _report(app, ctx)


def _shell(app: dash.Dash) -> None:
    @app.callback(Output("lang", "value"), Input("url", "search"), State("lang", "value"))
    def lang_from_url(search: str | None, current: str | None) -> Any:
        wanted = parse_qs((search or "").lstrip("?")).get("lang", [None])[0]
        return wanted if wanted in LANGS and wanted != current else no_update

    @app.callback(Output("page", "children"), Output("nav", "children"), Output("title", "children"),
                  Output("subtitle", "children"), Output("lang-label", "children"), Input("url", "pathname"),
                  Input("lang", "value"))
    def render(pathname: str | None, lang: str | None) -> tuple[Any, Any, str, str, str]:
        lang = check_lang(lang)
        key = cb.route(pathname)
        page = pages.PAGES[key](lang) if key else html.Div(t("not_found", lang), className="msg msg-warn")
        return page, nav(key, lang), t("app_title", lang), t("app_subtitle", lang), t("language", lang) + ":"


def _overview(app: dash.Dash, ctx: WebContext) -> None:
    # four callbacks, so the browser asks for them at once and the server computes them in parallel
    @app.callback(Output("overview-profile", "children"), Input("overview-lang", "data"))
    def profile(lang: str) -> Any:
        return cb.overview_profile(ctx, lang)

    @app.callback(Output("overview-key", "children"), Input("overview-lang", "data"))
    def key_indicators(lang: str) -> Any:
        return cb.overview_key_indicators(ctx, lang)

    @app.callback(Output("overview-trends", "figure"), Input("overview-lang", "data"))
    def trends(lang: str) -> Any:
        return cb.overview_trends(ctx, lang)

    @app.callback(Output("overview-map", "figure"), Input("overview-lang", "data"))
    def locator(lang: str) -> Any:
        return cb.overview_map(lang)


def _indicators(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("ind-indicator", "options"), Output("ind-indicator", "value"),
                  Output("ind-regions", "options"), Output("ind-regions", "value"), Output("ind-years", "min"),
                  Output("ind-years", "max"), Output("ind-years", "value"), Output("ind-years", "marks"),
                  Input("indicators-lang", "data"), State("ind-indicator", "value"), State("ind-regions", "value"))
    def options(lang: str, indicator: str | None, regions: list[str] | None) -> tuple[Any, ...]:
        inds, regs, lo, hi = cb.indicator_options(ctx, lang)
        start = max(lo, 2000)
        marks = {y: str(y) for y in range(lo - lo % 10 + 10 if lo % 10 else lo, hi + 1, 10)}
        return (inds, indicator or "wage_nominal", regs, regions or ["RU-SMO", "BY-VI"], lo, hi, [start, hi],
                marks)

    @app.callback(Output("ind-graph", "figure"), Output("ind-table", "children"),
                  Input("ind-indicator", "value"), Input("ind-regions", "value"), Input("ind-years", "value"),
                  Input("ind-usd", "value"), State("indicators-lang", "data"))
    def view(indicator: str, regions: list[str], years: list[int], usd: list[str], lang: str) -> tuple[Any, Any]:
        return cb.indicator_view(ctx, indicator, regions, years, "usd" in (usd or []), lang)

    @app.callback(Output("ind-download", "data"), Input("ind-csv", "n_clicks"), Input("ind-xlsx", "n_clicks"),
                  State("ind-indicator", "value"), State("ind-regions", "value"), State("ind-years", "value"),
                  State("ind-usd", "value"), prevent_initial_call=True)
    def download(_csv: int, _xlsx: int, indicator: str, regions: list[str], years: list[int],
                 usd: list[str]) -> Any:
        fmt = "xlsx" if dash.ctx.triggered_id == "ind-xlsx" else "csv"
        return cb.indicator_download(ctx, indicator, regions, years, "usd" in (usd or []), fmt) or no_update


def _index(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("index-scores", "figure"), Output("index-dims", "figure"),
                  Output("index-table", "children"), Output("index-map", "figure"),
                  Input("index-pairs", "value"), State("index-lang", "data"))
    def index(pairs: list[str], lang: str) -> tuple[Any, ...]:
        return cb.index_view(ctx, pairs, lang)


def _scenarios(app: dash.Dash, ctx: WebContext) -> None:
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return
    intensity = {"type": "lever-intensity", "lever": ALL}
    start = {"type": "lever-start", "lever": ALL}

    @app.callback(Output(intensity, "value"), Output(start, "value"), Input("scn-base", "value"),
                  prevent_initial_call=True)
    def controls(base: str) -> tuple[list[float], list[int]]:
        return cb.scenario_controls(base)

    @app.callback(Output("scn-graph", "figure"), Output("scn-summary", "children"),
                  Input(intensity, "value"), Input(start, "value"), Input("scn-outcome", "value"),
                  State("scn-base", "value"), State("scenarios-lang", "data"))
    def run(intensities: list[float], starts: list[int], outcome: str, base: str, lang: str) -> tuple[Any, Any]:
        return cb.scenario_run(base, intensities, starts, outcome, lang)

    @app.callback(Output("scn-mc-job", "data"), Output("scn-mc-interval", "disabled"),
                  Input("scn-mc-run", "n_clicks"), State(intensity, "value"), State(start, "value"),
                  State("scn-base", "value"), State("scn-draws", "value"), prevent_initial_call=True)
    def mc_start(_n: int, intensities: list[float], starts: list[int], base: str, draws: int) -> tuple[str, bool]:
        return cb.scenario_mc_start(ctx, base, intensities, starts, draws), False

    @app.callback(Output("scn-mc-progress", "value"), Output("scn-mc-progress", "max"),
                  Output("scn-mc-status", "children"), Output("scn-mc-graph", "figure"),
                  Output("scn-mc-graph", "style"), Output("scn-mc-table", "children"),
                  Output("scn-mc-interval", "disabled", allow_duplicate=True),
                  Input("scn-mc-interval", "n_intervals"), State("scn-mc-job", "data"),
                  State("scn-outcome", "value"), State("scenarios-lang", "data"), prevent_initial_call=True)
    def mc_poll(_n: int, job: str, outcome: str, lang: str) -> tuple[Any, ...]:
        done, total, status, fig, table, finished = cb.scenario_mc_poll(ctx, job, outcome, lang)
        return (str(done), str(total), status, fig if fig is not None else no_update,
                {"display": "block"} if fig is not None else no_update,
                table if table is not None else no_update, finished)


def _directions(app: dash.Dash, ctx: WebContext) -> None:
    weights = {"type": "dir-weight", "crit": ALL}

    @app.callback(Output(weights, "value"), Input("dir-source", "value"), Input("dir-reset", "n_clicks"))
    def defaults(source: str, _n: int | None) -> list[float]:
        return cb.directions_expert_weights(ctx, source)

    @app.callback(Output("dir-graph", "figure"), Output("dir-table", "children"), Input(weights, "value"),
                  State("dir-source", "value"), State("directions-lang", "data"))
    def view(values: list[float], source: str, lang: str) -> tuple[Any, Any]:
        return cb.directions_view(ctx, source, values, lang)


def _experts(app: dash.Dash, ctx: WebContext) -> None:
    judged = {"type": "ahp", "index": ALL}

    @app.callback(Output("ahp-pairs", "children"), Input("ahp-block", "value"), State("experts-lang", "data"))
    def pairs(block: str, lang: str) -> list[Any]:
        return pages.ahp_pairs(block, lang)

    @app.callback(Output("ahp-cr", "children"), Output("ahp-weights", "figure"), Output("ahp-revise", "children"),
                  Input(judged, "value"), State("ahp-block", "value"), State("experts-lang", "data"))
    def ahp(positions: list[int], block: str, lang: str) -> tuple[Any, Any, Any]:
        return cb.ahp_view(block, positions, lang)

    @app.callback(Output("ahp-save-msg", "children"), Input("ahp-save", "n_clicks"), State(judged, "value"),
                  State("ahp-block", "value"), State("ahp-respondent", "value"), State("experts-lang", "data"),
                  prevent_initial_call=True)
    def save(_n: int, positions: list[int], block: str, respondent: str, lang: str) -> Any:
        return cb.ahp_save(ctx, block, positions, respondent, lang)

    @app.callback(Output("q-report", "children"), Input("q-upload", "contents"), State("q-upload", "filename"),
                  State("experts-lang", "data"), prevent_initial_call=True)
    def upload(contents: str, filename: str, lang: str) -> Any:
        return cb.questionnaire_upload(ctx, contents, filename, lang)

    @app.callback(Output("collected", "children"), Input("experts-lang", "data"), Input("ahp-save-msg", "children"),
                  Input("q-report", "children"))
    def collected(lang: str, _saved: Any, _uploaded: Any) -> Any:
        return cb.collected_view(ctx, lang)

    @app.callback(Output("q-download", "data"), Input("q-template", "n_clicks"), State("experts-lang", "data"),
                  prevent_initial_call=True)
    def template(_n: int, lang: str) -> Any:
        return cb.questionnaire_download(ctx, lang)


def _data(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("data-sources", "children"), Output("data-coverage", "figure"), Input("data-lang", "data"))
    def view(lang: str) -> tuple[Any, Any]:
        return cb.sources_view(lang), cb.coverage_view(ctx, lang)

    @app.callback(Output("data-report", "children"), Input("data-upload", "contents"),
                  State("data-upload", "filename"), State("data-lang", "data"), prevent_initial_call=True)
    def upload(contents: str, filename: str, lang: str) -> Any:
        return cb.data_import(ctx, contents, filename, lang)

    @app.callback(Output("data-imports", "children"), Input("data-lang", "data"), Input("data-report", "children"))
    def imports(lang: str, _report: Any) -> Any:
        return cb.imports_view(ctx, lang)


def _report(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("rep-job", "data"), Output("rep-interval", "disabled"), Output("rep-generate", "disabled"),
                  Input("rep-generate", "n_clicks"), State("rep-format", "value"), State("rep-quick", "value"),
                  State("report-lang", "data"), prevent_initial_call=True)
    def generate(_n: int, fmt: str, quick: list[str], lang: str) -> tuple[str, bool, bool]:
        return cb.report_start(ctx, lang, fmt, "quick" in (quick or [])), False, True

    @app.callback(Output("rep-progress", "value"), Output("rep-progress", "max"), Output("rep-status", "children"),
                  Output("rep-report-download", "data"),
                  Output("rep-interval", "disabled", allow_duplicate=True),
                  Output("rep-generate", "disabled", allow_duplicate=True),
                  Input("rep-interval", "n_intervals"), State("rep-job", "data"), State("report-lang", "data"),
                  prevent_initial_call=True)
    def poll(_n: int, job: str, lang: str) -> tuple[Any, ...]:
        done, total, status, download, finished = cb.report_poll(ctx, job, lang)
        return str(done), str(total), status, download if download is not None else no_update, finished, \
            not finished

    @app.callback(Output("rep-download", "data"), Input("rep-tables", "n_clicks"), State("report-lang", "data"),
                  prevent_initial_call=True)
    def tables(_n: int, lang: str) -> Any:
        return cb.tables_download(ctx, lang)
