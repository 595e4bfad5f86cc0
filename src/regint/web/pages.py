"""Layouts of the pages: controls and empty places that the callbacks fill (no data is read here).

Each page carries a ``dcc.Store`` ``<page>-lang`` holding its language; the page's callbacks fire when it
appears. Components are built from labels and catalogs only, so every layout is cheap to build (the router
builds one on each navigation; :func:`all_pages` is the validation layout).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import dcc, html

from regint.web import components as ui
from regint.web.i18n import OUTCOME_LABELS, check_lang, t
from regint.web.uploads import MAX_BYTES


def _page(name: str, lang: str, *children: Any) -> html.Div:
    return html.Div([dcc.Store(id=f"{name}-lang", data=check_lang(lang)), *children], id=f"page-{name}",
                    className="page")


def _loading(child: Any) -> dcc.Loading:
    """A spinner over ``child`` while its callback runs (shown after 300 ms)."""
    return dcc.Loading(child, type="dot", delay_show=300)


def _graph(graph_id: str, height: int = 380) -> dcc.Loading:
    return _loading(dcc.Graph(id=graph_id, config={"displaylogo": False}, style={"minHeight": f"{height}px"}))


def overview(lang: str) -> html.Div:
    return _page(
        "overview", lang,
        html.H2(t("overview_title", lang)),
        html.Div([
            ui.card(t("profile", lang), _loading(html.Div(id="overview-profile"))),
            ui.card(t("map", lang), _graph("overview-map", 520)),
        ], className="grid2"),
        ui.card(t("trends", lang), _graph("overview-trends", 340)),
        ui.card(t("key_indicators", lang), _loading(html.Div(id="overview-key"))),
    )


def indicators(lang: str) -> html.Div:
    return _page(
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
        ui.card("", _graph("ind-graph", 380),
                html.Div([html.Button(t("download_csv", lang), id="ind-csv", className="btn"),
                          html.Button(t("download_xlsx", lang), id="ind-xlsx", className="btn"),
                          dcc.Download(id="ind-download")], className="buttons"),
                _loading(html.Div(id="ind-table"))),
    )


def index(lang: str) -> html.Div:
    from regint.web.callbacks import index_pairs

    pairs = index_pairs()
    return _page(
        "index", lang,
        html.H2(t("index_title", lang)),
        html.Div([html.Label([t("pairs", lang),
                              dcc.Checklist(id="index-pairs", options=pairs, value=pairs, inline=True)])],
                 className="controls"),
        ui.card("", _graph("index-scores", 420)),
        html.Div([ui.card("", _graph("index-dims")), ui.card(t("ranks", lang),
                                                             _loading(html.Div(id="index-table")))],
                 className="grid2"),
        ui.card(t("pairs_map", lang), _graph("index-map", 480)),
    )


def scenarios(lang: str) -> html.Div:
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return _page("scenarios", lang, html.H2(t("scenarios_title", lang)), ui.unavailable("regint.scenarios", lang))
    lang = check_lang(lang)
    inputs = sa.inputs()
    spec = sa.shipped("moderate")
    intensity, starts = sa.controls_of(spec, inputs.catalogue)
    rows = []
    for lever, inten, start in zip(inputs.catalogue, intensity, starts, strict=True):
        rows.append(html.Div([
            html.Div(lever.name(lang), className="lever-name", title=lever.description_en if lang == "en"
                     else lever.description_ru),
            html.Div(dcc.Slider(id={"type": "lever-intensity", "lever": lever.id}, min=0, max=1, step=0.1,
                                value=inten, marks={0: "0", 0.5: "0.5", 1: "1"}), className="lever-slider"),
            dcc.Input(id={"type": "lever-start", "lever": lever.id}, type="number", min=spec.start, max=spec.end,
                      step=1, value=start, className="lever-year", debounce=True),
        ], className="lever-row"))
    base_opts = [{"label": sa.shipped(n).title(lang), "value": n} for n in sa.shipped_names()]
    outcome_opts = [{"label": v[lang], "value": k} for k, v in OUTCOME_LABELS.items()]
    return _page(
        "scenarios", lang,
        html.H2(t("scenarios_title", lang)),
        html.Div([
            html.Div([
                html.Label([t("base_scenario", lang),
                            dcc.Dropdown(id="scn-base", options=base_opts, value="moderate", clearable=False)]),
                html.H4(t("levers", lang)),
                html.Div([html.Span(""), html.Span(t("intensity", lang)), html.Span(t("start_year", lang))],
                         className="lever-row lever-head"),
                *rows,
            ], className="card scn-controls"),
            html.Div([
                html.Label([t("outcome", lang), dcc.Dropdown(id="scn-outcome", options=outcome_opts, value="score",
                                                             clearable=False)]),
                dcc.Graph(id="scn-graph", config={"displaylogo": False}),
                html.Div(id="scn-summary"),
            ], className="card scn-results"),
        ], className="grid-scn"),
        ui.card(t("run_mc", lang),
                html.Div([html.Label([t("draws", lang), dcc.Input(id="scn-draws", type="number", min=100, max=50000,
                                                                  step=100, value=2000)]),
                          html.Button(t("run_mc", lang), id="scn-mc-run", className="btn btn-primary"),
                          html.Progress(id="scn-mc-progress", value="0", max="1"),
                          html.Span(id="scn-mc-status", className="muted")], className="buttons"),
                dcc.Store(id="scn-mc-job"),
                dcc.Interval(id="scn-mc-interval", interval=250, disabled=True),
                dcc.Graph(id="scn-mc-graph", config={"displaylogo": False}, style={"display": "none"}),
                html.Div(id="scn-mc-table")),
    )


def directions(lang: str) -> html.Div:
    from regint.web.callbacks import direction_criteria

    sliders = [html.Div([html.Div(name, className="lever-name"),
                         html.Div(dcc.Slider(id={"type": "dir-weight", "crit": code}, min=0, max=1, step=0.01,
                                             value=0, marks={0: "0", 0.5: "0.5", 1: "1"}),
                                  className="lever-slider")], className="lever-row lever-row2")
               for code, name in direction_criteria(lang)]
    return _page(
        "directions", lang,
        html.H2(t("directions_title", lang)),
        html.Div([
            html.Div([
                html.Label([t("responses_source", lang),
                            dcc.RadioItems(id="dir-source", value="example", options=[
                                {"label": " " + t("example_answers", lang), "value": "example"},
                                {"label": " " + t("collected_answers", lang), "value": "collected"}])]),
                html.H4(t("weights", lang)), *sliders,
                html.Button(t("reset_weights", lang), id="dir-reset", className="btn"),
            ], className="card scn-controls"),
            html.Div([_graph("dir-graph", 420), _loading(html.Div(id="dir-table"))],
                     className="card scn-results"),
        ], className="grid-scn"),
    )


def experts(lang: str) -> html.Div:
    mb = MAX_BYTES // (1024 * 1024)
    return _page(
        "experts", lang,
        html.H2(t("experts_title", lang)),
        html.Div([
            html.Div([
                html.H3(t("ahp_entry", lang)),
                html.Label([t("block", lang), dcc.Dropdown(id="ahp-block", value="criteria", clearable=False, options=[
                    {"label": t("block_criteria", lang), "value": "criteria"},
                    {"label": t("block_score", lang), "value": "score"}])]),
                html.P(t("ahp_help", lang), className="muted"),
                html.Div(id="ahp-pairs"),
                html.Div([dcc.Input(id="ahp-respondent", type="text", placeholder=t("respondent", lang),
                                    maxLength=120, className="text-input"),
                          html.Button(t("save", lang), id="ahp-save", className="btn btn-primary")],
                         className="buttons"),
                html.Div(id="ahp-save-msg"),
            ], className="card scn-controls"),
            html.Div([html.Div(id="ahp-cr"), html.Div(id="ahp-revise"),
                      dcc.Graph(id="ahp-weights", config={"displaylogo": False})], className="card ahp-results"),
        ], className="grid-ahp"),
        html.Div([
            ui.card(t("upload_questionnaire", lang),
                    dcc.Upload(id="q-upload", children=html.Div(t("drop_here", lang, mb=mb)), className="upload",
                               accept=".xlsx,.json", multiple=False),
                    _loading(html.Div(id="q-report")),
                    html.Div([html.Button(t("download_questionnaire", lang), id="q-template", className="btn"),
                              dcc.Download(id="q-download")], className="buttons")),
            ui.card(t("collected", lang), html.Div(id="collected")),
        ], className="grid2"),
    )


def ahp_pairs(block_code: str, lang: str) -> list[html.Div]:
    """One slider per pair of the block: left item, slider (-8 … 8), right item."""
    from regint.web import experts_adapter as ea

    blk = ea.block(block_code, lang)
    marks = {-8: "9", -6: "7", -4: "5", -2: "3", 0: "1", 2: "3", 4: "5", 6: "7", 8: "9"}
    return [html.Div([
        html.Div(blk.labels[i], className="ahp-left"),
        html.Div(dcc.Slider(id={"type": "ahp", "index": k}, min=-ea.MAX_STEP, max=ea.MAX_STEP, step=1, value=0,
                            marks=marks, included=False, allow_direct_input=False), className="ahp-slider"),
        html.Div(blk.labels[j], className="ahp-right"),
    ], className="ahp-row") for k, (i, j) in enumerate(blk.pairs)]


def data(lang: str) -> html.Div:
    mb = MAX_BYTES // (1024 * 1024)
    return _page(
        "data", lang,
        html.H2(t("data_title", lang)),
        ui.card(t("import_file", lang),
                dcc.Upload(id="data-upload", children=html.Div(t("drop_here", lang, mb=mb)), className="upload",
                           accept=".csv,.xlsx,.xml,.json", multiple=False),
                _loading(html.Div(id="data-report"))),
        ui.card("", _graph("data-coverage", 600)),
        ui.card(t("imports", lang), html.Div(id="data-imports")),
        ui.card(t("sources", lang), html.Div(id="data-sources")),
    )


def report(lang: str) -> html.Div:
    generate: list[Any] = [
        html.Div([
            dcc.RadioItems(id="rep-format", value="html", inline=True, options=[
                {"label": " HTML", "value": "html"}, {"label": " PDF", "value": "pdf"},
                {"label": " XLSX", "value": "xlsx"}]),
            dcc.Checklist(id="rep-quick", value=[], options=[{"label": t("report_quick", lang), "value": "quick"}]),
        ], className="buttons"),
        html.Div([html.Button(t("report_generate", lang), id="rep-generate", className="btn btn-primary"),
                  html.Progress(id="rep-progress", value="0", max="1")], className="buttons"),
        html.Div(id="rep-status"),
        dcc.Store(id="rep-job"),
        dcc.Interval(id="rep-interval", interval=500, disabled=True),
        dcc.Download(id="rep-report-download"),
    ]
    return _page(
        "report", lang,
        html.H2(t("report_title", lang)),
        ui.card(t("report_generate", lang), *generate),
        ui.card(t("report_tables", lang), html.P(t("report_tables_text", lang)),
                html.Button(t("report_tables", lang), id="rep-tables", className="btn btn-primary"),
                _loading(dcc.Download(id="rep-download"))),
    )


PAGES: dict[str, Callable[[str], html.Div]] = {
    "overview": overview, "indicators": indicators, "index": index, "scenarios": scenarios,
    "directions": directions, "experts": experts, "data": data, "report": report,
}


def all_pages(lang: str = "en") -> list[html.Div]:
    """Every page (for Dash's validation layout)."""
    return [make(lang) for make in PAGES.values()]
