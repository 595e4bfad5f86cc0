"""Draw a :class:`~regint.maps.spec.MapSpec` with plotly for the dashboard: projected ``go.Scatter`` traces.

No tiles and no geo projection of plotly: areas are ``go.Scatter(fill="toself")`` traces in the same km as
the matplotlib map, with equal axis scales. Hovering an area shows its ``hover`` text (region, value, year,
status, source). plotly is imported here only, so the rest of regint does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from regint.errors import RegintError
from regint.maps.spec import Area, LegendItem, MapSpec

if TYPE_CHECKING:
    import plotly.graph_objects as go

_DASH = {"solid": "solid", "dash": "dash", "dot": "dot"}
_MARKER = {"circle": "circle", "square": "square", "diamond": "diamond", "triangle": "triangle-up"}
_PT_TO_PX = 1.33


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RegintError("plotly is not installed. Fix: pip install plotly (needed for the dashboard maps "
                          "only; matplotlib maps work without it).") from exc
    return go


def _text_position(ha: str, va: str) -> str:
    """plotly's side of the point for matplotlib's alignment (``ha="left"`` = text to the right)."""
    vertical = {"bottom": "top", "top": "bottom", "center": "middle"}[va]
    horizontal = {"left": "right", "right": "left", "center": "center"}[ha]
    return f"{vertical} {horizontal}"


def ring_xy(rings: tuple[np.ndarray, ...]) -> tuple[list[float | None], list[float | None]]:
    """Rings joined into one x and one y list, separated by ``None`` (plotly draws them as separate shapes)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(np.round(ring[:, 0], 1).tolist())
        ys.extend(np.round(ring[:, 1], 1).tolist())
    return xs, ys


def _area_trace(go: Any, area: Area) -> Any:
    xs, ys = ring_xy(area.rings)
    pattern = dict(shape="/", fgcolor=area.edge, bgcolor=area.face, size=6, solidity=0.25) if area.hatch else None
    return go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=area.face, fillpattern=pattern,
        line=dict(color=area.edge, width=area.width * _PT_TO_PX), name=area.key, showlegend=False,
        hoveron="fills", text=area.hover or None, hoverinfo="text" if area.hover else "skip",
    )


def _legend_trace(go: Any, item: LegendItem, rank: int) -> Any:
    common = dict(x=[None], y=[None], name=item.label, showlegend=True, hoverinfo="skip", legendrank=rank)
    if item.kind == "patch":
        pattern = dict(shape="/", fgcolor=item.edge, bgcolor=item.color, size=6) if item.hatch else None
        return go.Scatter(mode="lines", fill="toself", fillcolor=item.color, fillpattern=pattern,
                          line=dict(color=item.edge, width=0.5), **common)
    if item.kind == "line":
        return go.Scatter(mode="lines", line=dict(color=item.color, width=item.width * _PT_TO_PX,
                                                  dash=_DASH[item.dash]), **common)
    return go.Scatter(mode="markers", marker=dict(symbol=_MARKER[item.marker], size=item.size * _PT_TO_PX,
                                                  color=item.color, line=dict(color=item.edge, width=0.8)),
                      **common)


def to_plotly(spec: MapSpec, *, width_px: int = 900) -> go.Figure:
    """A plotly :class:`~plotly.graph_objects.Figure` of the map in projected km (equal axis scales)."""
    go = _plotly()
    xmin, xmax, ymin, ymax = spec.extent
    traces = [_area_trace(go, area) for area in sorted(spec.areas, key=lambda a: a.zorder)]
    for line in sorted(spec.lines, key=lambda ln: ln.zorder):
        hover = line.hover or None
        traces.append(go.Scatter(
            x=np.round(line.x, 2), y=np.round(line.y, 2), mode="lines", name=line.key, showlegend=False,
            opacity=line.alpha, line=dict(color=line.color, width=line.width * _PT_TO_PX, dash=_DASH[line.dash]),
            text=[hover] * len(line.x) if hover else None, hoverinfo="text" if hover else "skip"))
    if spec.points:
        traces.append(go.Scatter(
            x=[p.x for p in spec.points], y=[p.y for p in spec.points], mode="markers", showlegend=False,
            name="points", text=[p.hover for p in spec.points], hoverinfo="text",
            marker=dict(symbol=[_MARKER[p.marker] for p in spec.points], size=[p.size * _PT_TO_PX for p in
                                                                              spec.points],
                        color=[p.face for p in spec.points], line=dict(color="#333333", width=0.8))))
    if spec.labels:
        traces.append(go.Scatter(
            x=[lb.x for lb in spec.labels], y=[lb.y for lb in spec.labels], mode="text", showlegend=False,
            name="labels", hoverinfo="skip", text=[lb.text.replace("\n", "<br>") for lb in spec.labels],
            textposition=[_text_position(lb.ha, lb.va) for lb in spec.labels],
            textfont=dict(size=[lb.size * _PT_TO_PX for lb in spec.labels],
                          color=[lb.color for lb in spec.labels])))
    traces += [_legend_trace(go, item, 1000 + rank) for rank, item in enumerate(spec.legend)]
    fig = go.Figure(data=traces)  # one validation of the whole list (add_trace re-validates the figure each time)
    title = f"<b>{spec.title}</b>" + (f"<br><sup>{spec.subtitle}</sup>" if spec.subtitle else "")
    height = int(width_px * 0.72 * (ymax - ymin) / (xmax - xmin)) + 170
    fig.update_layout(
        title=dict(text=title, x=0.01), width=width_px, height=height, plot_bgcolor=spec.background,
        paper_bgcolor="white", hovermode="closest", margin=dict(l=10, r=10, t=70, b=80),
        legend=dict(title=dict(text=spec.legend_title.replace("\n", "<br>")), x=1.01, y=1, xanchor="left",
                    yanchor="top", font=dict(size=11)),
        annotations=[dict(text=spec.note, xref="paper", yref="paper", x=0, y=-0.02, xanchor="left",
                          yanchor="top", showarrow=False, font=dict(size=10, color="#444444"), align="left")]
        if spec.note else [],
    )
    fig.update_xaxes(range=[xmin, xmax], visible=False, showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(range=[ymin, ymax], visible=False, showgrid=False, zeroline=False, scaleanchor="x",
                     scaleratio=1, constrain="domain")
    return fig
