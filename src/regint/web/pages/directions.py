"""The directions page: ranking of the directions of cooperation with the criterion weights on the page.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html

from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import failure, graph, loading, page
from regint.web.state import ViewState


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    half = "0,5" if check_lang(lang) == "ru" else "0.5"
    sliders = [html.Div([html.Div([name, html.Div(id={"type": "dir-reason", "crit": code}, className="muted")],
                                  className="lever-name"),
                         html.Div(dcc.Slider(id={"type": "dir-weight", "crit": code}, min=0, max=1, step=0.01,
                                             value=0, marks={0: "0", 0.5: half, 1: "1"}),
                                  className="lever-slider")], className="lever-row lever-row2")
               for code, name in direction_criteria(lang)]
    return page(
        "directions", lang, state,
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
            html.Div([graph("dir-graph", 420), loading(html.Div(id="dir-table"))],
                     className="card scn-results"),
        ], className="grid-scn"),
    )


def _direction_responses(ctx: WebContext, source: str | None) -> list[Any]:
    """The responses the ranking uses. "Collected": the responses saved in this dashboard or uploaded; when
    none of them rates the directions (the comparisons entered in the browser do not), the ratings come from
    the shipped example (its comparisons left out, so the weights are the collected ones) and the result is
    flagged illustrative."""
    import dataclasses

    from regint.experts.directions import KIND, load_example_survey

    if source != "collected":
        return load_example_survey()
    collected = list(ctx.responses().responses(kind=KIND))
    if not collected or any(r.ratings is not None for r in collected):
        return collected
    return collected + [dataclasses.replace(r, judgements={}) for r in load_example_survey()]


def ratings_borrowed(ctx: WebContext, source: str | None) -> int:
    """How many collected responses were ranked on the example's ratings (0 when the collected ones rate)."""
    from regint.experts.directions import KIND

    if source != "collected":
        return 0
    collected = list(ctx.responses().responses(kind=KIND))
    return len(collected) if collected and not any(r.ratings is not None for r in collected) else 0


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


def criterion_status(status: str, lang: str) -> str:
    """The ranking's status of a criterion ("available", "not available: <why>") in words of ``lang``."""
    if status == "available":
        return t("crit_available", lang)
    if status.startswith("not available"):
        why = status.split(":", 1)[1].strip() if ":" in status else ""
        return t("crit_unavailable", lang) + (f" ({t('crit_no_values', lang)})" if "no data" in why or not why
                                               else f" ({why})" if lang == "en" else "")
    return status


def directions_state(ctx: WebContext, source: str | None, weights: Sequence[float | None] | None, lang: str
                     ) -> tuple[list[bool], list[str]]:
    """Per criterion (catalogue order): whether its slider is disabled (no data) and the reason shown under it."""
    from regint.experts.directions import rank_directions

    codes = [c for c, _ in direction_criteria(lang)]
    try:
        result = rank_directions(_direction_responses(ctx, source), sensitivity_draws=0)
    except RegintError:
        return [False] * len(codes), [""] * len(codes)
    status = result.criteria["status"].reindex(codes).fillna("available").astype(str)
    off = [s != "available" for s in status]
    return off, [criterion_status(s, lang) if o else "" for s, o in zip(status, off, strict=True)]


def directions_view(ctx: WebContext, source: str | None, weights: Sequence[float | None] | None, lang: str
                    ) -> tuple[Any, html.Div]:
    """Ranking of the directions (TOPSIS, VIKOR, weighted sum) with the page's criterion weights; the table
    shows the weights the ranking used (renormalised over the criteria with data)."""
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
        return figures.empty(t("error", lang)), failure(exc, "regint.experts.directions", lang)
    ranking = result.ranking.sort_values("rank_topsis")
    fig = figures.weight_bars(list(ranking["name"]), list(ranking["topsis"]), t("closeness", lang))
    fig = figures.finish(fig, lang, unit=t("closeness_unit", lang),
                         source=t("directions_source_ex" if result.illustrative else "directions_source", lang))
    rows = pd.DataFrame({t("direction", lang): ranking["name"], t("rank_topsis", lang): ranking["rank_topsis"],
                         t("rank_vikor", lang): ranking["rank_vikor"], t("rank_wsm", lang): ranking["rank_wsm"],
                         t("closeness", lang): ranking["topsis"].round(3)})
    crit = result.criteria
    crit_rows = pd.DataFrame({t("criterion", lang): crit["name"],
                              t("weight_used", lang): crit["weight_used"].round(3),
                              t("status", lang): [criterion_status(str(x), lang) for x in crit["status"]]})
    parts: list[Any] = []
    borrowed = ratings_borrowed(ctx, source)
    if borrowed:
        parts.append(ui.message(t("ratings_borrowed", lang, n=borrowed), "warn", msg_id="borrowed-banner"))
    elif result.illustrative:
        parts.append(ui.message(t("illustrative", lang), "warn", msg_id="illustrative-banner"))
    parts += [ui.table(rows, lang, table_id="directions-table"), html.H4(t("weights", lang)),
              ui.table(crit_rows, lang)]
    unavailable = [str(n) for n, st in zip(crit["name"], crit["status"], strict=True) if str(st) != "available"]
    if unavailable:
        parts.append(ui.message(t("crit_left_out", lang, names="; ".join(unavailable)), "info"))
    return fig, html.Div(parts)


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    weights = {"type": "dir-weight", "crit": ALL}

    @app.callback(Output(weights, "value"), Input("dir-source", "value"), Input("dir-reset", "n_clicks"))
    def defaults(source: str, _n: int | None) -> list[float]:
        return directions_expert_weights(ctx, source)

    @app.callback(Output("dir-graph", "figure"), Output("dir-table", "children"), Input(weights, "value"),
                  State("dir-source", "value"), State("directions-lang", "data"))
    def view(values: list[float], source: str, lang: str) -> tuple[Any, Any]:
        return directions_view(ctx, source, values, lang)

    @app.callback(Output(weights, "disabled"), Output({"type": "dir-reason", "crit": ALL}, "children"),
                  Input("dir-source", "value"), State("directions-lang", "data"))
    def disabled(source: str, lang: str) -> tuple[list[bool], list[str]]:
        return directions_state(ctx, source, None, lang)
