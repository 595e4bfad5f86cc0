"""The index page: the border-pair integration index over time, by dimension, ranked and mapped.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html

from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import check_lang, dimension_label, t
from regint.web.pages.base import failure, fit_map, graph, loading, page, pair_name, pair_of
from regint.web.state import ViewState, pair_key, update


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    pairs = index_pairs(state.pair)
    chosen = [p for p in state.index_pairs if p in pairs] or pairs
    return page(
        "index", lang, state,
        html.H2(t("index_title", lang)),
        html.Div([html.Label([t("pairs", lang),
                              dcc.Checklist(id="index-pairs", value=chosen, inline=False, className="pair-checks",
                                            options=[{"label": " " + pair_name(p, lang), "value": p}
                                                     for p in pairs])])],
                 className="controls"),
        ui.card("", graph("index-scores", 420)),
        html.Div([ui.card("", graph("index-dims")), ui.card(t("ranks", lang),
                                                             loading(html.Div(id="index-table")))],
                 className="grid2"),
        ui.card(t("pairs_map", lang), graph("index-map", 480)),
    )


def index_pairs(pair: tuple[str, str] = DEFAULT_PAIR) -> list[str]:
    """The border pairs of the pair's study (its pair first) as ``"RU-SMO:BY-VI"`` keys."""
    from regint.study import Settings

    return [pair_key(p) for p in Settings(pair=pair).all_border_pairs]


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


def index_view(ctx: WebContext, pairs: Sequence[str] | None, lang: str, pair: tuple[str, str] = DEFAULT_PAIR
               ) -> tuple[Any, Any, html.Div, Any]:
    """Scores with their Monte Carlo band, the dimension breakdown, the rank table and the pairs map of the
    pair's study (pairs named, never coded)."""
    try:
        result = ctx.index_result(pair)
    except Exception as exc:  # noqa: BLE001 - a RegintError (no data) or a fault of the index module
        blank = figures.empty(t("no_data", lang))
        msg = ui.message(str(exc), "error") if isinstance(exc, RegintError) else failure(exc, "regint.index", lang)
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
    labels = {p: pair_name(p, lang) for p in chosen}
    fig_scores = figures.index_scores(scores, unc.intervals if unc is not None else None, chosen, lang,
                                      unc.n if unc is not None else 0, labels)
    fig_scores = figures.finish(fig_scores, lang, unit=t("score_unit", lang), years=(first, last_year),
                                source=t("index_source", lang))
    names = {c: dimension_label(c, str(n), lang) for c, n in result.index.framework.table["name"].items()}
    dim_cols = [d for d in result.index.framework.dimensions if d in dims.columns]
    years = dims.index.get_level_values("year")
    latest = dims[dim_cols][years <= last_year].groupby(level=0).last().reindex(chosen)
    latest.index = [labels[p] for p in latest.index]
    fig_dims = figures.dimension_bars(latest, {c: str(names.get(c, c)) for c in dim_cols}, lang)
    fig_dims = figures.finish(fig_dims, lang, unit=t("score_unit", lang), source=t("index_source", lang))
    frame = result.to_frame().reset_index()
    frame = frame[frame["pair"].isin(chosen) & (frame["year"] <= last_year)].dropna(subset=["score"])
    last = frame.sort_values("year").groupby("pair").last()
    rows = pd.DataFrame({
        t("pair", lang): [labels[p] for p in last.index], t("year", lang): last["year"].astype(int).astype(str).to_numpy(),
        t("score", lang): last["score"].round(1).to_numpy(), t("rank", lang): last["rank"].to_numpy(),
    })
    if "p05_rank" in last:
        rows[t("rank_interval", lang)] = [f"{a:.0f}–{b:.0f}" for a, b in zip(last["p05_rank"], last["p95_rank"],
                                                                              strict=True)]
    parts: list[Any] = [ui.table(rows, lang, table_id="index-table")]
    if result.dropped:
        parts.append(ui.message(t("dropped", lang, codes=", ".join(str(names.get(c, c)) for c in result.dropped)),
                                "info"))
    try:
        from regint.maps import pairs_map_plotly

        values = pd.DataFrame({"pair": last.index, "value": last["score"].to_numpy(),
                               "year": last["year"].astype(int).to_numpy()})
        if "p05_score" in last:
            values["lower"], values["upper"] = last["p05_score"].to_numpy(), last["p95_score"].to_numpy()
        fig_map = fit_map(pairs_map_plotly(values, lang=check_lang(lang), label=t("score", lang)),  # type: ignore[arg-type]
                           480)
    except ImportError:
        fig_map = figures.empty(t("not_available", lang))
    except RegintError as exc:
        fig_map = figures.empty(str(exc))
    return fig_scores, fig_dims, html.Div(parts), fig_map


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    @app.callback(Output("index-scores", "figure"), Output("index-dims", "figure"),
                  Output("index-table", "children"), Output("index-map", "figure"),
                  Input("index-pairs", "value"), State("index-lang", "data"), State("index-pair", "data"))
    def index(pairs: list[str], lang: str, pair: str) -> tuple[Any, ...]:
        return index_view(ctx, pairs, lang, pair_of(pair))

    @app.callback(Output("url", "search", allow_duplicate=True), Input("index-pairs", "value"),
                  State("url", "search"), prevent_initial_call=True)
    def to_url(pairs: list[str], search: str) -> str:
        return update(search, index_pairs=tuple(pairs or ()))
