"""Plotly figures of the dashboard, drawn from frames and results the analysis modules return."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from regint.web.i18n import t

#: Colours of the Russian and the Belarusian side and of further series.
PALETTE: tuple[str, ...] = ("#1f4e79", "#2e8540", "#c05621", "#6b46c1", "#b83280", "#2c7a7b", "#975a16",
                            "#4a5568", "#c53030", "#2b6cb0")
_LAYOUT = {"template": "plotly_white", "margin": {"l": 60, "r": 20, "t": 50, "b": 45},
           "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
           "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0}}


#: ``dcc.Graph`` configuration: no Plotly logo, no "send to cloud"/"edit in Chart Studio" (nothing leaves the
#: machine); the PNG/SVG export keeps the title, units and source line, which are drawn into the figure.
GRAPH_CONFIG: Any = {
    "displaylogo": False, "showSendToCloud": False, "showEditInChartStudio": False, "showLink": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "filename": "regint_chart", "scale": 2},
}
#: Decimal and thousands separators of plotly's number formats: "1 234,5" in Russian, "1,234.5" in English.
SEPARATORS: dict[str, str] = {"ru": ", ", "en": ".,"}


def styled(fig: go.Figure, title: str = "", height: int = 380) -> go.Figure:
    """Apply the dashboard's layout (white template, legend below, compact margins)."""
    fig.update_layout(**_LAYOUT, height=height, title={"text": title, "x": 0, "font": {"size": 14}})
    return fig


def finish(fig: go.Figure, lang: str, *, unit: str = "", years: tuple[int, int] | None = None,
           source: str = "", note: str = "") -> go.Figure:
    """Draw what a chart must say into the figure itself (so an exported PNG/SVG keeps it): a second title line
    with the unit and the years shown, and a source line (and ``note``) below the legend; numbers in the page's
    format (decimal comma in Russian)."""
    import textwrap

    title = fig.layout.title.text or ""
    has_panels = bool(fig.layout.annotations)  # subplot titles sit above the panels
    sub = " · ".join(x for x in (unit, f"{years[0]}–{years[1]}" if years else "") if x)
    if sub:
        fig.update_layout(title={"text": f"{title}<br><span style='font-size:12px;color:#5a6473'>{sub}</span>"})
    lines = [w for x in (source, note) if x for w in textwrap.wrap(x, 120)]
    bottom = fig.layout.margin.b or 45
    if lines:
        entries = sum(1 for tr in fig.data if tr.showlegend is not False and tr.name)
        shift = bottom + 40 + 20 * max(0, -(-entries // 3) - 1)  # below the tick labels and the legend's rows
        fig.add_annotation(text="<br>".join(lines), showarrow=False, xref="paper", yref="paper", x=0, y=0,
                           yshift=-shift, xanchor="left", yanchor="top", align="left",
                           font={"size": 10, "color": "#5a6473"})
        fig.update_layout(margin={"b": shift + 14 * len(lines) + 10},
                          height=(fig.layout.height or 380) + 14 * len(lines) + 40)
    top = (95 if has_panels else 75) if sub or title else 40
    fig.update_layout(separators=SEPARATORS.get(lang, ".,"), margin={"t": top})
    if lang == "ru":  # "1 000 000", not plotly's SI suffixes ("1M", "0,5k") that a Russian reader does not use
        fig.update_yaxes(exponentformat="none", separatethousands=True)
    return fig


def full_years(frame: pd.DataFrame) -> pd.DataFrame:
    """A region × year table with every year between its first and last column, so a missing year is a gap."""
    if frame.empty:
        return frame
    years = [int(c) for c in frame.columns]
    return frame.reindex(columns=range(min(years), max(years) + 1))


def _tozero(fig: go.Figure, values: np.ndarray) -> None:
    """Levels start at zero (an axis cut above zero exaggerates differences); series with negatives do not."""
    finite = values[np.isfinite(values)]
    if finite.size and finite.min() >= 0:
        fig.update_yaxes(rangemode="tozero")


def empty(text: str, height: int = 300) -> go.Figure:
    """A blank figure with a centred note (no data, not available)."""
    fig = go.Figure()
    fig.add_annotation(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, height=height)


def lines(frame: pd.DataFrame, names: Mapping[str, str], title: str, unit: str) -> go.Figure:
    """One line per row of a region × year table."""
    fig = go.Figure()
    frame = full_years(frame)
    for k, (code, row) in enumerate(frame.iterrows()):
        fig.add_trace(go.Scatter(x=[int(x) for x in row.index], y=row.to_numpy(dtype=float), mode="lines+markers",
                                 name=names.get(str(code), str(code)), line={"color": PALETTE[k % len(PALETTE)]},
                                 marker={"size": 5}, connectgaps=False))
    _tozero(fig, frame.to_numpy(dtype=float))
    fig.update_yaxes(title_text=unit)
    fig.update_xaxes(dtick=None, tickformat="d")
    return styled(fig, title)


def small_multiples(panels: Sequence[tuple[str, pd.DataFrame]], names: Mapping[str, str]) -> go.Figure:
    """Several region × year tables side by side, one colour per region across panels."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[0] for p in panels], horizontal_spacing=0.08)
    colours: dict[str, str] = {}
    for col, (_, frame) in enumerate(panels, start=1):
        frame = full_years(frame)
        for code, row in frame.iterrows():
            key = str(code)
            first = key not in colours
            colours.setdefault(key, PALETTE[len(colours) % len(PALETTE)])
            fig.add_trace(go.Scatter(x=[int(x) for x in row.index], y=row.to_numpy(dtype=float), mode="lines",
                                     name=names.get(key, key), legendgroup=key, showlegend=first, connectgaps=False,
                                     line={"color": colours[key], "width": 2}), row=1, col=col)
        values = frame.to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size and finite.min() >= 0:
            fig.update_yaxes(rangemode="tozero", row=1, col=col)
    fig.update_xaxes(tickformat="d")
    fig.update_annotations(font_size=12)
    return styled(fig, height=340)


def panels_by_unit(frame: pd.DataFrame, names: Mapping[str, str], unit_of: Mapping[str, str]) -> go.Figure:
    """One panel per unit (roubles and Belarusian roubles never share an axis): the regions of each unit."""
    groups: dict[str, list[str]] = {}
    for region in frame.index:
        groups.setdefault(unit_of[str(region)], []).append(str(region))
    return small_multiples([(unit, frame.loc[regions]) for unit, regions in groups.items()], names)


def index_scores(scores: pd.DataFrame, intervals: pd.DataFrame | None, pairs: Sequence[str], lang: str,
                 n_runs: int, labels: Mapping[str, str] | None = None) -> go.Figure:
    """Index over time per pair: the Monte Carlo median with its 5–95 % band, the nominal score dashed."""
    fig = go.Figure()
    labels = labels or {}
    for k, pair in enumerate(pairs):
        colour = PALETTE[k % len(PALETTE)]
        if pair not in scores.columns:
            continue
        name = labels.get(pair, pair)
        nominal = scores[pair].dropna()
        if intervals is not None and pair in intervals.index.get_level_values(0):
            iv = intervals.xs(pair, level=0).reindex(nominal.index)
            years = [int(y) for y in iv.index]
            fig.add_trace(go.Scatter(x=years + years[::-1],
                                     y=list(iv["p95_score"]) + list(iv["p05_score"])[::-1],
                                     fill="toself", fillcolor=_rgba(colour, 0.08), line={"width": 0},
                                     hoverinfo="skip", showlegend=False, legendgroup=pair))
            fig.add_trace(go.Scatter(x=years, y=iv["median_score"], mode="lines", name=name, legendgroup=pair,
                                     line={"color": colour, "width": 2}))
            fig.add_trace(go.Scatter(x=years, y=nominal.to_numpy(), mode="lines", showlegend=False,
                                     legendgroup=pair, line={"color": colour, "width": 1, "dash": "dot"},
                                     hovertemplate=f"{name}: {t('nominal', lang)} %{{y:.1f}}<extra></extra>"))
        else:
            fig.add_trace(go.Scatter(x=[int(y) for y in nominal.index], y=nominal.to_numpy(), mode="lines",
                                     name=name, line={"color": colour, "width": 2}))
    fig.update_yaxes(title_text=t("score", lang), rangemode="tozero")
    fig.update_xaxes(tickformat="d")
    fig = styled(fig, t("index_chart_title", lang), height=440)
    fig.add_annotation(text=t("score_band", lang, n=n_runs), showarrow=False, xref="paper", yref="paper", x=1, y=1,
                       xanchor="right", yanchor="bottom", font={"size": 10, "color": "#5a6473"})
    return fig


def dimension_bars(latest: pd.DataFrame, names: Mapping[str, str], lang: str) -> go.Figure:
    """Grouped bars: the latest score of each dimension per pair."""
    import textwrap

    labels = ["<br>".join(textwrap.wrap(names.get(c, c), 12)) for c in latest.columns]
    fig = go.Figure()
    for k, (pair, row) in enumerate(latest.iterrows()):
        fig.add_trace(go.Bar(x=labels, y=row.to_numpy(dtype=float), name=str(pair),
                             marker_color=PALETTE[k % len(PALETTE)]))
    fig.update_layout(barmode="group")
    styled(fig, t("dimensions", lang), height=420)
    fig.update_xaxes(tickangle=0)
    fig.update_layout(legend={"y": -0.3})
    return fig


def scenario_paths(years: np.ndarray, central: np.ndarray, inertial: np.ndarray | None, label: str,
                   lang: str, unit: str = "", other: tuple[str, np.ndarray] | None = None) -> go.Figure:
    """The scenario's central path of one outcome against the inertial path and (``other``) a second scenario;
    the scenario's path is the last trace."""
    fig = go.Figure()
    x = [int(y) for y in years]
    if inertial is not None:
        fig.add_trace(go.Scatter(x=x, y=inertial, mode="lines", name=t("inertial_run", lang),
                                 line={"color": "#888", "dash": "dash"}))
    if other is not None:
        fig.add_trace(go.Scatter(x=x, y=other[1], mode="lines", name=other[0],
                                 line={"color": PALETTE[2], "dash": "dot", "width": 2}))
    fig.add_trace(go.Scatter(x=x, y=central, mode="lines+markers", name=t("central_run", lang),
                             line={"color": PALETTE[0], "width": 3}, marker={"size": 5}))
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(title_text=unit)
    _tozero(fig, np.concatenate([np.asarray(central, dtype=float), np.asarray(inertial if inertial is not None
                                                                               else central, dtype=float)]))
    return styled(fig, label, height=400)


def fan(quantiles: pd.DataFrame, label: str, lang: str, unit: str = "") -> go.Figure:
    """Monte Carlo fan: 5–95 % and 25–75 % bands, median and central run."""
    x = [int(y) for y in quantiles.index]
    fig = go.Figure()
    for lo, hi, alpha in (("p5", "p95", 0.15), ("p25", "p75", 0.3)):
        fig.add_trace(go.Scatter(x=x + x[::-1], y=list(quantiles[hi]) + list(quantiles[lo])[::-1], fill="toself",
                                 fillcolor=_rgba(PALETTE[0], alpha), line={"width": 0}, hoverinfo="skip",
                                 name=t("mc_band", lang) if lo == "p5" else "50 %"))
    fig.add_trace(go.Scatter(x=x, y=quantiles["p50"], mode="lines", name=t("mc_median", lang),
                             line={"color": PALETTE[0], "width": 2}))
    fig.add_trace(go.Scatter(x=x, y=quantiles["central"], mode="lines", name=t("central_run", lang),
                             line={"color": PALETTE[2], "dash": "dot"}))
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(title_text=unit)
    _tozero(fig, quantiles.to_numpy(dtype=float).ravel())
    return styled(fig, label, height=400)


def weight_bars(labels: Sequence[str], weights: Sequence[float], title: str) -> go.Figure:
    """Horizontal bars of priorities, largest on top."""
    order = np.argsort(np.asarray(weights, dtype=float))
    fig = go.Figure(go.Bar(x=[float(weights[i]) for i in order], y=[labels[i] for i in order], orientation="h",
                           marker_color=PALETTE[0], text=[f"{weights[i]:.3f}" for i in order],
                           textposition="auto"))
    fig.update_layout(margin={"l": 260})
    styled(fig, title, height=max(260, 36 * len(labels) + 90))
    fig.update_layout(margin={"l": 10, "r": 20, "t": 50, "b": 40}, showlegend=False)
    fig.update_yaxes(automargin=True)
    return fig


def coverage_heatmap(grid: pd.DataFrame, span: int, title: str) -> go.Figure:
    """Indicator × region heat map of the number of years with data (0 shown as a gap)."""
    z = grid.to_numpy(dtype=float)
    text = [[("–" if (np.isnan(v) or v == 0) else str(int(v))) for v in row] for row in z]
    fig = go.Figure(go.Heatmap(z=np.where(np.isnan(z) | (z == 0), np.nan, z) / span, hoverongaps=False, x=list(grid.columns), y=list(grid.index),
                               text=text, texttemplate="%{text}", colorscale="YlGnBu", zmin=0, zmax=1,
                               showscale=False, hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return styled(fig, title, height=max(320, 18 * len(grid) + 120))


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
