"""The scenarios page: levers, the deterministic run against the inertial path and the Monte Carlo.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html, no_update

from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import OUTCOME_LABELS, check_lang, outcome_label, t
from regint.web.pages.base import failure, page
from regint.web.state import ViewState

SUMMARY_OUTCOMES: tuple[str, ...] = ("trade", "grp_gap", "wage_gap", "price_gap", "score", "jobs_ru", "jobs_by",
                                     "cost_ru", "cost_by")


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return page("scenarios", lang, state, html.H2(t("scenarios_title", lang)), ui.unavailable("regint.scenarios", lang))
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
    return page(
        "scenarios", lang, state,
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
                dcc.Graph(id="scn-graph", config=figures.GRAPH_CONFIG),
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
                dcc.Graph(id="scn-mc-graph", config=figures.GRAPH_CONFIG, style={"display": "none"}),
                html.Div(id="scn-mc-table")),
    )


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
        return figures.empty(t("error", lang)), failure(exc, "regint.scenarios", lang)
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


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return
    intensity = {"type": "lever-intensity", "lever": ALL}
    start = {"type": "lever-start", "lever": ALL}

    @app.callback(Output(intensity, "value"), Output(start, "value"), Input("scn-base", "value"),
                  prevent_initial_call=True)
    def controls(base: str) -> tuple[list[float], list[int]]:
        return scenario_controls(base)

    @app.callback(Output("scn-graph", "figure"), Output("scn-summary", "children"),
                  Input(intensity, "value"), Input(start, "value"), Input("scn-outcome", "value"),
                  State("scn-base", "value"), State("scenarios-lang", "data"))
    def run(intensities: list[float], starts: list[int], outcome: str, base: str, lang: str) -> tuple[Any, Any]:
        return scenario_run(base, intensities, starts, outcome, lang)

    @app.callback(Output("scn-mc-job", "data"), Output("scn-mc-interval", "disabled"),
                  Input("scn-mc-run", "n_clicks"), State(intensity, "value"), State(start, "value"),
                  State("scn-base", "value"), State("scn-draws", "value"), prevent_initial_call=True)
    def mc_start(_n: int, intensities: list[float], starts: list[int], base: str, draws: int) -> tuple[str, bool]:
        return scenario_mc_start(ctx, base, intensities, starts, draws), False

    @app.callback(Output("scn-mc-progress", "value"), Output("scn-mc-progress", "max"),
                  Output("scn-mc-status", "children"), Output("scn-mc-graph", "figure"),
                  Output("scn-mc-graph", "style"), Output("scn-mc-table", "children"),
                  Output("scn-mc-interval", "disabled", allow_duplicate=True),
                  Input("scn-mc-interval", "n_intervals"), State("scn-mc-job", "data"),
                  State("scn-outcome", "value"), State("scenarios-lang", "data"), prevent_initial_call=True)
    def mc_poll(_n: int, job: str, outcome: str, lang: str) -> tuple[Any, ...]:
        done, total, status, fig, table, finished = scenario_mc_poll(ctx, job, outcome, lang)
        return (str(done), str(total), status, fig if fig is not None else no_update,
                {"display": "block"} if fig is not None else no_update,
                table if table is not None else no_update, finished)
