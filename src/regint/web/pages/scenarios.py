"""The scenarios page: levers, the deterministic run against the inertial path and the Monte Carlo.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import dash
import numpy as np
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html, no_update

from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import OUTCOME_LABELS, check_lang, dropdown_labels, outcome_label, t
from regint.web.pages.base import failure, loading, page, pair_name, pair_of, region_label, status_label
from regint.web.state import ViewState, update

if TYPE_CHECKING:
    from regint.scenarios.baseline import Baseline
    from regint.scenarios.results import ScenarioResult

SUMMARY_OUTCOMES: tuple[str, ...] = ("trade", "grp_gap", "wage_gap", "price_gap", "score", "jobs_ru", "jobs_by",
                                     "cost_ru", "cost_by")


def _controls_from(state: ViewState, base: str) -> tuple[list[float], list[int]]:
    """Lever intensities and start years: the URL's levers where it gives them, else the base scenario's."""
    from regint.web import scenario_adapter as sa

    spec = sa.shipped(base, state.pair)
    catalogue = sa.inputs(state.pair).catalogue
    intensity, starts = sa.controls_of(spec, catalogue)
    if state.levers is None:
        return intensity, starts
    given = state.levers
    return ([float(given[i][0]) if i in given else 0.0 for i in catalogue.ids],
            [int(given[i][1]) if i in given else s for i, s in zip(catalogue.ids, starts, strict=True)])


def _mark(x: float, lang: str) -> str:
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "ru" else text


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return page("scenarios", lang, state, html.H2(t("scenarios_title", lang)),
                    ui.unavailable("regint.scenarios", lang))
    lang = check_lang(lang)
    names = sa.shipped_names()
    base = state.scenario if state.scenario in names else "moderate"
    spec = sa.shipped(base, state.pair)
    inputs = sa.inputs(state.pair)
    intensity, starts = _controls_from(state, base)
    marks = {0: "0", 0.5: _mark(0.5, lang), 1: "1"}
    rows = []
    for lever, inten, start in zip(inputs.catalogue, intensity, starts, strict=True):
        # a measure in force is part of the baseline: shown, not proposable (its control is disabled at zero)
        done = lever.in_force
        name = lever.name(lang) + (f" ({t('lever_in_force', lang)})" if done else "")
        rows.append(html.Div([
            html.Div(name, className="lever-name" + (" lever-done" if done else ""),
                     title=lever.description_en if lang == "en" else lever.description_ru),
            html.Div(dcc.Slider(id={"type": "lever-intensity", "lever": lever.id}, min=0, max=1, step=0.1,
                                value=0.0 if done else inten, marks=marks, disabled=done),
                     className="lever-slider"),
            dcc.Input(id={"type": "lever-start", "lever": lever.id}, type="number", step=1, value=start,
                      className="lever-year", debounce=True, disabled=done),
        ], className="lever-row"))
    base_opts = [{"label": sa.shipped(n, state.pair).title(lang), "value": n} for n in names]
    outcome_opts = [{"label": v[lang], "value": k} for k, v in OUTCOME_LABELS.items()]
    outcome = state.outcome if state.outcome in OUTCOME_LABELS else "score"
    a, b = state.pair
    return page(
        "scenarios", lang, state,
        html.H2(t("scenarios_title", lang)),
        html.P(t("scenarios_pair", lang, a=region_label(a, lang), b=region_label(b, lang),
                 start=spec.start, end=spec.end), className="muted"),
        html.Div([
            html.Div([
                html.Label([t("base_scenario", lang),
                            dcc.Dropdown(labels=dropdown_labels(lang), id="scn-base", options=base_opts, value=base, clearable=False,
                                         searchable=False)]),
                html.H4(t("levers", lang)),
                html.Div([html.Span(""), html.Span(t("intensity", lang)), html.Span(t("start_year", lang))],
                         className="lever-row lever-head"),
                *rows,
                html.Div(id="scn-input-msg"),
            ], className="card scn-controls"),
            html.Div([
                html.Div([
                    html.Label([t("outcome", lang), dcc.Dropdown(labels=dropdown_labels(lang), id="scn-outcome", options=outcome_opts,
                                                                 value=outcome, clearable=False)]),
                    html.Label([t("compare_with", lang), dcc.Dropdown(labels=dropdown_labels(lang), id="scn-compare", options=base_opts,
                                                                      value="accelerated" if base != "accelerated"
                                                                      else "moderate", clearable=False,
                                                                      searchable=False)]),
                ], className="grid2"),
                loading(dcc.Graph(id="scn-graph", config=figures.GRAPH_CONFIG)),
                html.Div([html.Button(t("download_xlsx", lang), id="scn-xlsx", className="btn"),
                          html.Button(t("print_brief", lang), id="scn-print", className="btn"),
                          dcc.Download(id="scn-download")], className="buttons no-print"),
                html.Div(id="scn-summary"),
            ], className="card scn-results"),
        ], className="grid-scn"),
        ui.card(t("run_mc", lang),
                html.Div([html.Label([t("draws", lang), dcc.Input(id="scn-draws", type="number", step=100,
                                                                  value=2000)]),
                          html.Button(t("run_mc", lang), id="scn-mc-run", className="btn btn-primary"),
                          html.Progress(id="scn-mc-progress", value="0", max="1"),
                          html.Span(id="scn-mc-status", className="muted")], className="buttons"),
                dcc.Store(id="scn-mc-job"),
                dcc.Interval(id="scn-mc-interval", interval=250, disabled=True),
                dcc.Graph(id="scn-mc-graph", config=figures.GRAPH_CONFIG, style={"display": "none"}),
                html.Div(id="scn-mc-table"), class_name="no-print"),
    )


def scenario_controls(base: str | None, pair: tuple[str, str] | None = None) -> tuple[list[float], list[int]]:
    """Intensities and start years of every lever as the shipped scenario ``base`` sets them for the pair."""
    from regint.web import scenario_adapter as sa

    spec = sa.shipped(base or "moderate", pair)
    return sa.controls_of(spec, sa.inputs(pair).catalogue)


def check_inputs(base: str | None, starts: Sequence[int | None], lang: str,
                 pair: tuple[str, str] | None = None) -> html.Div | None:
    """A message naming the levers whose start year lies outside the pair's horizon (nothing is replaced), or
    ``None``."""
    from regint.web import scenario_adapter as sa

    wrong = sa.out_of_horizon(base or "moderate", starts, pair)
    if not wrong:
        return None
    spec = sa.shipped(base or "moderate", pair)
    names = {lv.id: lv.name(lang) for lv in sa.inputs(pair).catalogue}
    return ui.error_list(t("bad_start", lang, start=spec.start, end=spec.end),
                         [f"{names.get(i, i)}: {y}" for i, y in wrong], "error")


def target_text(text: str, lang: str) -> str:
    """A target ("score>=60") in words of ``lang`` ("Прогнозная оценка интеграции ≥ 60")."""
    from regint.scenarios.targets import parse_target

    tg = parse_target(text)
    op = {">=": "≥", "<=": "≤"}.get(tg.op, tg.op)
    value = f"{tg.value:g}".replace(".", ",") if lang == "ru" else f"{tg.value:g}"
    return f"{outcome_label(tg.outcome, lang)} {op} {value}"


def engine_note(text: str, lang: str) -> Any:
    """A message of the scenario engine, which writes English only: in Russian it is introduced as such and
    marked ``lang="en"``."""
    if lang != "ru":
        return text
    return html.Span([t("engine_note", lang) + " ", html.Span(text, lang="en")])


def scenario_run(base: str | None, intensities: Sequence[float | None], starts: Sequence[int | None],
                 outcome: str | None, lang: str, compare: str | None = None,
                 pair: tuple[str, str] | None = None) -> tuple[Any, html.Div]:
    """Deterministic run of the scenario set on the page for the pair: the chosen outcome against a second
    scenario and the inertial path, values at the horizon for each side, the year each target is first met,
    prerequisite warnings, the baseline's fallbacks. A start year outside the horizon stops the run with a
    message (it is not silently moved)."""
    from regint.web import scenario_adapter as sa

    started = time.perf_counter()
    bad = check_inputs(base, starts, lang, pair)
    if bad is not None:
        return figures.empty(t("bad_inputs", lang)), bad
    try:
        spec = sa.spec_from_controls(base or "moderate", intensities, starts, pair)
        central = sa.run_deterministic(spec, pair)
        inertial = sa.run_deterministic(dataclasses.replace(spec, levers={}), pair)
        other_spec = sa.shipped(compare, pair) if compare in sa.shipped_names() else None
        other = sa.run_deterministic(other_spec, pair) if other_spec is not None else None
    except RegintError as exc:
        return figures.empty(t("error", lang)), ui.message(str(exc), "error")
    except Exception as exc:  # noqa: BLE001 - shown on the page instead of a failed request
        return figures.empty(t("error", lang)), failure(exc, "regint.scenarios", lang)
    out = outcome if outcome in central else "score"
    other_name = other_spec.title(lang) if other_spec is not None else ""
    fig = figures.scenario_paths(spec.years, central[out], inertial.get(out), outcome_label(out, lang), lang,
                                 unit=outcome_unit(out, lang),
                                 other=(other_name, other[out]) if other is not None and out in other else None)
    fig = figures.finish(fig, lang, unit=outcome_unit(out, lang), years=(int(spec.years[0]), int(spec.years[-1])),
                         source=t("scenario_source", lang))
    horizon = int(spec.years[-1])
    base_values = sa.inputs(pair).baseline

    def last(k: str, run: dict[str, np.ndarray]) -> float:
        return float(own_currency(k, run[k][-1:], base_values, lang)[0][0])

    rows = pd.DataFrame([{t("outcome", lang): outcome_label(k, lang),
                          t("unit", lang): own_currency(k, central[k][-1:], base_values, lang)[1],
                          t("scenario_value", lang): last(k, central),
                          **({other_name: last(k, other)} if other is not None and k in other else {}),
                          t("inertial_value", lang): last(k, inertial)}
                         for k in SUMMARY_OUTCOMES if k in central])
    targets = pd.DataFrame([{t("target", lang): target_text(name, lang),
                             t("first_year", lang): str(int(y)) if y else t("never", lang)}
                            for name, y in sa.targets_met(spec, central)])
    inputs = sa.inputs(pair)
    parts: list[Any] = [sides_panel(central, inertial, horizon, pair or DEFAULT_PAIR, lang, base_values),
                        html.H4(t("at_horizon", lang, year=horizon)), ui.table(rows, lang, table_id="scenario-table")]
    parts += [html.H4(t("lever_breakdown", lang, outcome=outcome_label(out, lang))),
              ui.table(lever_breakdown(spec, out, inertial, lang, pair), lang, table_id="breakdown-table"),
              html.Div(t("lever_breakdown_note", lang), className="muted")]
    if not targets.empty:
        parts += [html.H4(t("targets", lang)), ui.table(targets, lang)]
    warnings = spec.check_prerequisites(inputs.catalogue)
    if warnings:
        parts.append(ui.error_list(t("warnings", lang), [engine_note(w, lang) for w in warnings], "warn"))
    baseline = inputs.baseline
    if baseline.fallbacks:
        parts.append(ui.message(t("baseline_note", lang, n=len(baseline.fallbacks), total=len(baseline.values),
                                  keys=""), "info"))
    parts += [ui.message(engine_note(n, lang), "info") for n in baseline.notes]
    parts.append(html.Details([html.Summary(t("assumptions", lang)),
                               ui.table(assumptions(inputs, lang), lang, table_id="assumptions-table")]))
    parts.append(html.Div(t("timing", lang, ms=(time.perf_counter() - started) * 1000), className="muted",
                          id="scenario-timing"))
    return fig, html.Div(parts)


#: Outcomes of each side shown in the "what this means" panel: (Russian side, Belarusian side).
SIDE_OUTCOMES: tuple[tuple[str, str], ...] = (("exports_gain_ru", "exports_gain_by"), ("gva_ru", "gva_by"),
                                              ("jobs_ru", "jobs_by"), ("cost_ru", "cost_by"))


def own_currency(code: str, values: np.ndarray, baseline: Baseline, lang: str) -> tuple[np.ndarray, str]:
    """An outcome's values and unit label for the page: a side's budget cost in its own currency (the
    Belarusian side's in BYN, :func:`regint.scenarios.accounts.cost_in_own_currency`), the rest as the engine
    gives them."""
    from regint.scenarios.accounts import cost_in_own_currency
    from regint.web.i18n import unit_label

    if code in ("cost_ru", "cost_by"):
        converted, cur = cost_in_own_currency(values, code[-2:], baseline)
        return converted, unit_label(f"mln {cur}", lang)
    return np.asarray(values, dtype=float), outcome_unit(code, lang)


def sides_panel(central: dict[str, Any], inertial: dict[str, Any], horizon: int, pair: tuple[str, str],
                lang: str, baseline: Baseline) -> html.Div:
    """What the scenario means for each region at the horizon, against the inertial path, in its own line:
    additional exports and value added, jobs, budget cost (the engine's outcomes; the cost in the side's own
    currency)."""
    cards = []
    for side, region in enumerate(pair):
        items = []
        for pair_codes in SIDE_OUTCOMES:
            code = pair_codes[side]
            if code not in central:
                continue
            delta = float(central[code][-1]) - float(inertial[code][-1]) if code in inertial else float(central[code][-1])
            value, unit = own_currency(code, np.array([delta]), baseline, lang)
            items.append(html.Li(f"{outcome_label(code, lang).split(',')[0]}: "
                                 f"{ui.fmt_value(float(value[0]), 3, lang)} {unit}"))
        cards.append(html.Div([html.H4(t("for_region", lang, region=region_label(region, lang), year=horizon)),
                               html.Ul(items)], className="side"))
    return html.Div([*cards, html.Div(t("sides_note", lang), className="muted")], className="sides", id="sides-panel")


def lever_breakdown(spec: Any, outcome: str, inertial: dict[str, Any], lang: str,
                    pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """Each lever of the scenario run alone: its effect on ``outcome`` at the horizon against the inertial path
    (one-at-a-time runs of the engine; the effects of several levers need not add up)."""
    from regint.web import scenario_adapter as sa

    names = {lv.id: lv.name(lang) for lv in sa.inputs(pair).catalogue}
    rows = []
    for lever, setting in spec.levers.items():
        alone = sa.run_deterministic(dataclasses.replace(spec, levers={lever: setting}), pair)
        if outcome not in alone:
            continue
        rows.append({t("lever", lang): names.get(lever, lever), t("intensity", lang): float(setting[0]),
                     t("start_year", lang): str(int(setting[1])),
                     t("effect_alone", lang): float(alone[outcome][-1] - inertial[outcome][-1])})
    return pd.DataFrame(rows)


def assumptions(inputs: Any, lang: str) -> pd.DataFrame:
    """The parameters of the run with their range and status (cited, derived, data, estimate, assumption)."""
    rows = [{t("parameter", lang): name, t("low", lang): p.low, t("central", lang): p.central, t("high", lang): p.high,
             t("unit", lang): p.unit, t("status", lang): status_label(p.status, lang)}
            for name, p in sorted(inputs.parameters.items())]
    return pd.DataFrame(rows)


def scenario_download(base: str | None, intensities: Sequence[float | None], starts: Sequence[int | None],
                      lang: str, pair: tuple[str, str] | None = None) -> dict[str, Any] | None:
    """The scenario's paths of every outcome (scenario and inertial), its levers and its parameters with their
    status, and a metadata sheet, as one workbook in ``lang``."""
    from datetime import date

    from regint.web import scenario_adapter as sa
    from regint.web.downloads import XLSX_MIME, as_download, safe_filename, xlsx_bytes

    if sa.out_of_horizon(base or "moderate", starts, pair):
        return None
    spec = sa.spec_from_controls(base or "moderate", intensities, starts, pair)
    central = sa.run_deterministic(spec, pair)
    inertial = sa.run_deterministic(dataclasses.replace(spec, levers={}), pair)
    years = [int(y) for y in spec.years]
    paths = []
    for k in central:
        for run, values in ((t("scenario_value", lang), central[k]), (t("inertial_value", lang), inertial.get(k))):
            if values is None:
                continue
            shown, unit = own_currency(k, values, sa.inputs(pair).baseline, lang)
            paths += [{t("outcome", lang): outcome_label(k, lang), t("unit", lang): unit,
                       t("run", lang): run, t("year", lang): y, t("value", lang): float(v)}
                      for y, v in zip(years, shown, strict=True)]
    inputs = sa.inputs(pair)
    names = {lv.id: lv.name(lang) for lv in inputs.catalogue}
    levers = pd.DataFrame([{t("lever", lang): names.get(i, i), t("intensity", lang): v[0],
                            t("start_year", lang): v[1]} for i, v in spec.levers.items()])
    chosen = pair or DEFAULT_PAIR
    meta = pd.DataFrame([
        (t("pair", lang), pair_name(chosen, lang)),
        (t("base_scenario", lang), sa.shipped(base or "moderate", pair).title(lang)),
        (t("years", lang), f"{years[0]}–{years[-1]}"),
        (t("source", lang), t("scenario_source", lang)),
        (t("left_out", lang), t("baseline_note", lang, n=len(inputs.baseline.fallbacks),
                                total=len(inputs.baseline.values),
                                keys=": " + ", ".join(inputs.baseline.fallbacks) if inputs.baseline.fallbacks else "")),
        (t("made", lang), f"regint, {date.today().isoformat()}"),
    ], columns=[t("field", lang), t("value", lang)])
    content = xlsx_bytes({t("sheet_paths", lang): pd.DataFrame(paths), t("levers_sheet", lang): levers,
                          t("assumptions", lang): assumptions(inputs, lang), t("sheet_meta", lang): meta})
    return as_download(content, safe_filename(f"regint_scenario_{spec.name}", ".xlsx"), XLSX_MIME)


def outcome_unit(code: str, lang: str) -> str:
    """The unit of a scenario outcome (from the engine's table), in ``lang``."""
    from regint.scenarios.engine import OUTCOMES
    from regint.web.i18n import unit_label

    return unit_label(OUTCOMES.get(code, ("", ""))[1], lang)


def _year_text(year: float | None, lang: str) -> str:
    return t("never", lang) if year is None or pd.isna(year) else str(int(year))


MIN_DRAWS, MAX_DRAWS = 100, 50_000


def check_draws(n_draws: Any, lang: str) -> str | None:
    """Why a number of draws is refused (below 100, above 50,000, not a whole number), or ``None``."""
    try:
        n = float(n_draws)
    except (TypeError, ValueError):
        return t("bad_draws", lang, lo=MIN_DRAWS, hi=ui.fmt_int(MAX_DRAWS, lang))
    if not n.is_integer() or not MIN_DRAWS <= n <= MAX_DRAWS:
        return t("bad_draws", lang, lo=MIN_DRAWS, hi=ui.fmt_int(MAX_DRAWS, lang))
    return None


def scenario_mc_start(ctx: WebContext, base: str | None, intensities: Sequence[float | None],
                      starts: Sequence[int | None], n_draws: int | None, pair: tuple[str, str] | None = None
                      ) -> str:
    """Start the Monte Carlo of the page's scenario in the background; returns the job id to poll (check the
    draws with :func:`check_draws` and the start years with :func:`check_inputs` first)."""
    from regint.web import scenario_adapter as sa

    n = int(n_draws or 0)
    if not MIN_DRAWS <= n <= MAX_DRAWS:
        raise ValueError(f"draws must be between {MIN_DRAWS} and {MAX_DRAWS}; got {n_draws!r}")
    spec = sa.spec_from_controls(base or "moderate", intensities, starts, pair)
    return ctx.jobs.start(lambda progress: sa.run_monte_carlo(spec, n, progress, pair=pair), total=n)


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
        return snap["done"], max(snap["total"], 1), t("mc_running", lang, done=ui.fmt_int(snap["done"], lang),
                                                  total=ui.fmt_int(snap["total"], lang)), \
            None, None, False
    if snap["state"] == "failed":
        return 0, 1, "", None, ui.message(f"{t('error', lang)}: {snap['error']}", "error"), True
    result = job.result
    out: str = outcome if outcome is not None and outcome in result.outcomes else "score"
    fig = figures.fan(result.quantiles(out), outcome_label(out, lang), lang, unit=outcome_unit(out, lang))
    fig = figures.finish(fig, lang, unit=outcome_unit(out, lang), source=t("scenario_source", lang))
    table = result.target_table()
    shown = pd.DataFrame({
        t("target", lang): [target_text(str(x), lang) for x in table["target"]],
        t("first_year", lang): [_year_text(y, lang) for y in table["central_year"]],
        t("median_year", lang): [_year_text(y, lang) for y in table["median_year"]],
        t("p_by_horizon", lang): table["p_by_horizon"].round(3).to_numpy(),
    }) if not table.empty else table
    status = t("mc_done", lang, n=ui.fmt_int(result.n_draws, lang), seed=result.seed)
    return (snap["total"], max(snap["total"], 1), status, fig,
            html.Div([ui.table(shown, lang, table_id="mc-table"), accounts_view(result, lang)]), True)


def accounts_view(result: ScenarioResult, lang: str) -> html.Div:
    """Each side's benefits and costs in its own currency, summed and discounted (the scenario accounts of
    :func:`regint.scenarios.accounts.side_accounts`, at the study's discount rate, discounted to the year before
    the first new measure)."""
    from regint.scenarios.accounts import side_accounts
    from regint.web import scenario_adapter as sa
    from regint.web.i18n import unit_label

    inp = sa.inputs(tuple(result.baseline.regions) if result.baseline is not None else None)  # type: ignore[arg-type]
    first = inp.first_year or int(result.years[0])
    try:
        acc = side_accounts(result, inp.discount_rate, base=first - 1)
    except RegintError as exc:
        return ui.message(str(exc), "warn")
    own = acc[(acc["currency"] == acc["side"].map({"ru": "RUB", "by": "BYN"})) | (acc["item"] == "bcr")]
    order = ("benefit_sum", "cost_sum", "benefit_pv", "cost_pv", "npv", "bcr")
    rows = []
    for _, r in own.sort_values("item", key=lambda c: c.map(order.index)).sort_values("side", kind="stable",
                                                                                      key=lambda c: c.map({"ru": 0, "by": 1})).iterrows():
        unit = t("acc_ratio", lang) if r["item"] == "bcr" else unit_label(f"mln {r['currency']}", lang)
        rows.append({t("acc_side", lang): region_label(str(r["region"]), lang),
                     t("acc_item", lang): t(f"acc_{r['item']}", lang), t("unit", lang): unit,
                     t("acc_median", lang): float(r["value"]), t("acc_p5", lang): float(r["p5"]),
                     t("acc_p95", lang): float(r["p95"])})
    rates = acc.attrs["rates"]
    fx = t("fx_rates", lang, rub=ui.fmt_value(rates["RUB"], 4, lang), byn=ui.fmt_value(rates["BYN"], 4, lang))
    return html.Div([html.H4(t("accounts_title", lang, first=int(result.years[0]), end=int(result.years[-1]))),
                     ui.table(pd.DataFrame(rows), lang, table_id="accounts-table"),
                     html.Div(t("accounts_note", lang, rate=ui.fmt_value(inp.discount_rate * 100, 3, lang) + " %",
                                base=first - 1, fx=fx), className="muted")])


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return
    intensity = {"type": "lever-intensity", "lever": ALL}
    start = {"type": "lever-start", "lever": ALL}

    @app.callback(Output(intensity, "value"), Output(start, "value"), Input("scn-base", "value"),
                  State("scenarios-pair", "data"), prevent_initial_call=True)
    def controls(base: str, pair: str) -> tuple[list[float], list[int]]:
        return scenario_controls(base, pair_of(pair))

    @app.callback(Output("scn-graph", "figure"), Output("scn-summary", "children"),
                  Input(intensity, "value"), Input(start, "value"), Input("scn-outcome", "value"),
                  Input("scn-compare", "value"), State("scn-base", "value"), State("scenarios-lang", "data"),
                  State("scenarios-pair", "data"))
    def run(intensities: list[float], starts: list[int], outcome: str, compare: str, base: str, lang: str,
            pair: str) -> tuple[Any, Any]:
        return scenario_run(base, intensities, starts, outcome, lang, compare, pair_of(pair))

    @app.callback(Output("url", "search", allow_duplicate=True), Input(intensity, "value"), Input(start, "value"),
                  Input("scn-base", "value"), Input("scn-outcome", "value"), State("url", "search"),
                  State("scenarios-pair", "data"), prevent_initial_call=True)
    def to_url(intensities: list[float], starts: list[int], base: str, outcome: str, search: str,
               pair: str) -> str:
        ids = sa.inputs(pair_of(pair)).catalogue.ids
        levers = {i: (float(v), int(y)) for i, v, y in zip(ids, intensities, starts, strict=True)
                  if v and float(v) > 0 and y is not None and 1990 <= int(y) <= 2100}
        return update(search, scenario=base, outcome=outcome, levers=levers)

    @app.callback(Output("scn-download", "data"), Input("scn-xlsx", "n_clicks"), State(intensity, "value"),
                  State(start, "value"), State("scn-base", "value"), State("scenarios-lang", "data"),
                  State("scenarios-pair", "data"), prevent_initial_call=True)
    def download(_n: int, intensities: list[float], starts: list[int], base: str, lang: str, pair: str) -> Any:
        return scenario_download(base, intensities, starts, lang, pair_of(pair)) or no_update

    app.clientside_callback("function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
                            Output("scn-print", "title"), Input("scn-print", "n_clicks"), prevent_initial_call=True)

    @app.callback(Output("scn-mc-job", "data"), Output("scn-mc-interval", "disabled"),
                  Output("scn-mc-status", "children", allow_duplicate=True),
                  Input("scn-mc-run", "n_clicks"), State(intensity, "value"), State(start, "value"),
                  State("scn-base", "value"), State("scn-draws", "value"), State("scenarios-lang", "data"),
                  State("scenarios-pair", "data"), prevent_initial_call=True)
    def mc_start(_n: int, intensities: list[float], starts: list[int], base: str, draws: int, lang: str,
                 pair: str) -> tuple[Any, Any, Any]:
        problem = check_draws(draws, lang)
        bad = check_inputs(base, starts, lang, pair_of(pair))
        if problem is not None or bad is not None:
            return no_update, True, ui.message(problem, "error", msg_id="draws-msg") if problem else bad
        return scenario_mc_start(ctx, base, intensities, starts, int(draws), pair_of(pair)), False, ""

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
