"""Charts of the report, drawn twice from one specification: plotly (interactive, HTML) and matplotlib (SVG, PDF).

A :class:`ChartSpec` holds the data, titles and the source line; :func:`to_svg` and :func:`to_plotly_div`
render it. Gaps (NaN) are drawn as breaks in lines and as empty cells in heat-maps, never bridged. A figure that
another module draws itself (the maps) enters the report as a :class:`Figure` with both renderings.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from regint._options import check_option

Kind = Literal["line", "bar", "barh", "scatter", "heatmap"]
KINDS: tuple[str, ...] = ("line", "bar", "barh", "scatter", "heatmap")
PALETTE = ("#1f4e79", "#c0392b", "#2e8b57", "#e67e22", "#7f3c8d", "#11a579", "#3969ac", "#f2b701")


@dataclass(frozen=True)
class Series:
    """One line or bar series; ``lower``/``upper`` draw a band (an interval)."""

    name: str
    x: Sequence[Any]
    y: Sequence[float]
    lower: Sequence[float] | None = None
    upper: Sequence[float] | None = None
    labels: Sequence[str] | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A chart: kind, series (or a heat-map frame), titles, axis labels and the source line under it."""

    key: str
    kind: Kind
    title: str
    xlabel: str = ""
    ylabel: str = ""
    series: tuple[Series, ...] = ()
    heat: pd.DataFrame | None = None
    heat_text: pd.DataFrame | None = None
    hline: float | None = None
    vline: float | None = None
    diagonal: bool = False
    height: float = 4.2
    colorbar: str = ""

    def __post_init__(self) -> None:
        check_option("kind", self.kind, KINDS)


@dataclass(frozen=True)
class Figure:
    """A rendered figure: SVG (PDF), HTML div (interactive), title and the note under it (units, source, years)."""

    key: str
    title: str
    svg: str
    html: str
    note: str = ""
    illustrative: bool = False
    extra: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------- matplotlib
def _mpl() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none",
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


_ID = re.compile(r'\bid="([^"]+)"')


def prefix_ids(svg: str, prefix: str) -> str:
    """Make the ids of an inline SVG unique on the page (``id``, ``url(#…)`` and ``href="#…"`` rewritten).

    Several matplotlib SVGs on one page share ids (``axes_1``, glyph and clip-path ids); prefixed, each figure
    keeps its own definitions.
    """
    ids = set(_ID.findall(svg))
    if not ids:
        return svg

    def swap(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)', swap, svg)
    svg = re.sub(r"(url\(#)([^)]+)", swap, svg)
    return re.sub(r'(href="#)([^"]+)', swap, svg)


def figure_svg(fig: Any, key: str = "fig") -> str:
    """A matplotlib figure as an inline SVG string (vector; text kept as text in DejaVu Sans), then closed."""
    plt = _mpl()
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": key}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return prefix_ids(text[text.index("<svg"):], key)


def _draw_heat(ax: Any, fig: Any, spec: ChartSpec) -> None:
    heat = spec.heat if spec.heat is not None else pd.DataFrame()
    values = heat.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(np.where(values == 0, np.nan, values))
    cmap = _mpl().get_cmap("YlGnBu").copy()
    cmap.set_bad("#f4d6d6")
    im = ax.imshow(masked, aspect="auto", cmap=cmap, vmin=0, vmax=max(1.0, float(np.nanmax(values)) if
                                                                       values.size else 1.0))
    ax.set_xticks(range(heat.shape[1]), [str(c) for c in heat.columns], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(heat.shape[0]), [str(i) for i in heat.index], fontsize=7.5)
    text = spec.heat_text
    for i in range(heat.shape[0]):
        for j in range(heat.shape[1]):
            label = str(text.iat[i, j]) if text is not None else f"{values[i, j]:.0%}"
            ax.text(j, i, label, ha="center", va="center", fontsize=6.5,
                    color="white" if values[i, j] > 0.6 else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.6, label=spec.colorbar)


def tick_text(value: float, lang: str) -> str:
    """A tick label in the language's number format: decimal comma, non-breaking-space thousands and the minus
    sign «−» in Russian (``1 000``, ``0,5``, ``−2``); as few decimals as the value needs (up to three)."""
    from regint.report import fmt

    digits = next((d for d in range(4) if abs(round(value, d) - value) < 1e-9 * max(1.0, abs(value))), 3)
    text = fmt.number(abs(value), lang, digits)
    return ("−" + text) if value < 0 and text.strip("0,. \u00a0") else text


def _year_axis(spec: ChartSpec) -> bool:
    """The x axis of a line chart whose x values are years (written without grouping)."""
    xs = [x for s in spec.series for x in s.x]
    return spec.kind == "line" and bool(xs) and all(isinstance(x, int | np.integer | float) and 1800 <= float(x) <= 2200
                                                   for x in xs)


def _format_axes(ax: Any, spec: ChartSpec, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter

    numbers = FuncFormatter(lambda v, _pos: tick_text(float(v), lang))
    years = FuncFormatter(lambda v, _pos: str(int(round(v))))
    if spec.kind in ("line", "scatter", "bar"):
        ax.yaxis.set_major_formatter(numbers)
    if spec.kind == "barh":
        ax.xaxis.set_major_formatter(numbers)
    if spec.kind == "scatter":
        ax.xaxis.set_major_formatter(numbers)
    if _year_axis(spec):
        ax.xaxis.set_major_formatter(years)


def to_svg(spec: ChartSpec, lang: str = "en") -> str:
    """Render ``spec`` with matplotlib as an SVG string (for the PDF); tick labels in ``lang``'s number format."""
    plt = _mpl()
    height = spec.height if spec.kind != "heatmap" or spec.heat is None else 1.4 + 0.27 * len(spec.heat)
    fig, ax = plt.subplots(figsize=(7.2, height))
    if spec.kind == "heatmap":
        _draw_heat(ax, fig, spec)
    for k, s in enumerate(spec.series):
        color = PALETTE[k % len(PALETTE)]
        x = list(s.x)
        y = np.asarray(s.y, dtype=float)
        if spec.kind == "line":
            ax.plot(x, y, marker="o", ms=3, lw=1.6, color=color, label=s.name)
            if s.lower is not None and s.upper is not None:
                ax.fill_between(x, np.asarray(s.lower, float), np.asarray(s.upper, float), color=color, alpha=0.15,
                                lw=0)
        elif spec.kind == "scatter":
            ax.scatter(x, y, s=28, color=color, label=s.name, zorder=3)
            for xi, yi, lab in zip(x, y, s.labels or [], strict=False):
                ax.annotate(str(lab), (xi, yi), xytext=(3, 3), textcoords="offset points", fontsize=7.5)
        elif spec.kind in ("bar", "barh"):
            n = len(spec.series)
            width = 0.8 / n
            pos = np.arange(len(x)) + (k - (n - 1) / 2) * width
            err = None
            if s.lower is not None and s.upper is not None:
                err = np.vstack([y - np.asarray(s.lower, float), np.asarray(s.upper, float) - y])
            if spec.kind == "bar":
                ax.bar(pos, y, width=width, color=color, label=s.name, yerr=err, capsize=2)
                ax.set_xticks(np.arange(len(x)), [str(v) for v in x], rotation=20, ha="right", fontsize=8)
            else:
                ax.barh(pos, y, height=width, color=color, label=s.name, xerr=err, capsize=2)
                ax.set_yticks(np.arange(len(x)), [str(v) for v in x], fontsize=8)
                ax.invert_yaxis() if k == 0 else None
    if spec.hline is not None:
        ax.axhline(spec.hline, color="grey", lw=0.8, ls="--")
    if spec.vline is not None:
        ax.axvline(spec.vline, color="grey", lw=0.8, ls="--")
    if spec.diagonal:
        lims = [min(ax.get_xlim()[0], ax.get_ylim()[0]), max(ax.get_xlim()[1], ax.get_ylim()[1])]
        ax.plot(lims, lims, color="grey", lw=0.8, ls="--")
    if spec.kind == "line":
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _format_axes(ax, spec, lang)
    ax.set_xlabel(spec.xlabel)
    ax.set_ylabel(spec.ylabel)
    if len(spec.series) > 1:
        ax.legend(fontsize=7.5, frameon=False, loc="best")
    ax.grid(axis="y" if spec.kind != "barh" else "x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout()
    return figure_svg(fig, spec.key)


# --------------------------------------------------------------------------------------------------- plotly
def _plotly_layout(spec: ChartSpec, fig: Any, lang: str) -> None:
    fig.update_layout(template="plotly_white", height=int(spec.height * 95) if spec.kind != "heatmap" else
                      max(320, 60 + 24 * len(spec.heat if spec.heat is not None else [])),
                      margin={"l": 60, "r": 20, "t": 20, "b": 60}, xaxis_title=spec.xlabel, yaxis_title=spec.ylabel,
                      legend={"orientation": "h", "y": -0.2}, font={"family": "DejaVu Sans, Arial, sans-serif",
                                                                     "size": 12},
                      separators=", " if lang == "ru" else ".,")


def to_plotly(spec: ChartSpec, lang: str = "en") -> Any:
    """Render ``spec`` as a plotly figure (for the interactive HTML)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    if spec.kind == "heatmap" and spec.heat is not None:
        h = spec.heat
        text = spec.heat_text.to_numpy() if spec.heat_text is not None else None
        fig.add_trace(go.Heatmap(z=h.where(h > 0).to_numpy(dtype=float), x=[str(c) for c in h.columns],
                                 y=[str(i) for i in h.index], colorscale="YlGnBu", zmin=0, zmax=1, text=text,
                                 texttemplate="%{text}" if text is not None else None, hoverongaps=False,
                                 colorbar={"title": {"text": spec.colorbar}}))
        fig.update_yaxes(autorange="reversed")
        fig.update_layout(plot_bgcolor="#f4d6d6")
    for k, s in enumerate(spec.series):
        color = PALETTE[k % len(PALETTE)]
        x = list(s.x)
        y = [None if pd.isna(v) else float(v) for v in s.y]
        if spec.kind == "line":
            if s.lower is not None and s.upper is not None:
                fig.add_trace(go.Scatter(x=x + x[::-1], y=list(s.upper) + list(s.lower)[::-1], fill="toself",
                                         fillcolor=color, opacity=0.15, line={"width": 0}, hoverinfo="skip",
                                         showlegend=False))
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=s.name, line={"color": color},
                                     connectgaps=False))
        elif spec.kind == "scatter":
            fig.add_trace(go.Scatter(x=x, y=y, mode="markers+text" if s.labels else "markers", name=s.name,
                                     text=list(s.labels) if s.labels else None, textposition="top right",
                                     marker={"color": color, "size": 9}))
        elif spec.kind in ("bar", "barh"):
            err = None
            if s.lower is not None and s.upper is not None:
                err = {"type": "data", "symmetric": False,
                       "array": [float(u) - float(v) for u, v in zip(s.upper, s.y, strict=True)],
                       "arrayminus": [float(v) - float(lo) for v, lo in zip(s.y, s.lower, strict=True)]}
            if spec.kind == "bar":
                fig.add_trace(go.Bar(x=[str(v) for v in x], y=y, name=s.name, marker_color=color, error_y=err))
            else:
                fig.add_trace(go.Bar(y=[str(v) for v in x], x=y, name=s.name, marker_color=color, orientation="h",
                                     error_x=err))
                fig.update_yaxes(autorange="reversed")
    if spec.hline is not None:
        fig.add_hline(y=spec.hline, line_dash="dash", line_color="grey")
    if spec.vline is not None:
        fig.add_vline(x=spec.vline, line_dash="dash", line_color="grey")
    _plotly_layout(spec, fig, lang)
    return fig


def plotly_div(fig: Any, key: str) -> str:
    """A plotly figure as a ``<div>`` for a page that already holds plotly.js (no CDN, no MathJax)."""
    return str(fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False, div_id=f"chart-{key}",
                           config={"displaylogo": False, "responsive": True}))


def render(spec: ChartSpec, lang: str, note: str, *, illustrative: bool = False) -> Figure:
    """Both renderings of ``spec`` with the note (units, source, years) shown under the chart."""
    return Figure(key=spec.key, title=spec.title, svg=to_svg(spec, lang), html=plotly_div(to_plotly(spec, lang), spec.key),
                  note=note, illustrative=illustrative)


def plotly_js() -> str:
    """The plotly.js bundle shipped inside the plotly package (inlined once per HTML page; no network)."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())
