"""Draw a :class:`~regint.maps.spec.MapSpec` with matplotlib: vector paths, so PDF and SVG stay vector.

Each area is one :class:`~matplotlib.patches.PathPatch` of a compound path (holes follow the RFC 7946 winding,
opposite to the exterior, and matplotlib fills by the non-zero rule); its ``gid`` is ``area:<key>`` (for
example ``area:RU-SMO``), lines have ``line:<key>``, so tests and SVG consumers can find them.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from regint.maps.spec import Area, LegendItem, MapSpec

_DASH: dict[str, Any] = {"solid": "-", "dash": (0, (5, 2.5)), "dot": (0, (1, 2))}
_MARKER = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}


def area_path(rings: tuple[np.ndarray, ...]) -> Path:
    """One compound :class:`~matplotlib.path.Path` of closed rings (each ``(n, 2)``)."""
    verts, codes = [], []
    for ring in rings:
        if len(ring) < 3:
            continue
        closed = ring if np.array_equal(ring[0], ring[-1]) else np.vstack([ring, ring[:1]])
        c = np.full(len(closed), Path.LINETO, dtype=Path.code_type)
        c[0], c[-1] = Path.MOVETO, Path.CLOSEPOLY
        verts.append(closed)
        codes.append(c)
    return Path(np.concatenate(verts), np.concatenate(codes))


def _patch(area: Area) -> PathPatch:
    patch = PathPatch(area_path(area.rings), facecolor=area.face, edgecolor=area.edge, linewidth=area.width,
                      hatch=area.hatch, zorder=area.zorder, joinstyle="round")
    if area.hatch and hasattr(patch, "set_hatchcolor"):  # matplotlib >= 3.10; before, the edge colour
        patch.set_hatchcolor(area.edge)
        patch.set_hatch_linewidth(0.5)
    patch.set_gid(f"area:{area.key}")
    return patch


def _legend_handle(item: LegendItem) -> Patch | Line2D:
    label = textwrap.fill(item.label, 34)
    item = LegendItem(item.kind, label, item.color, item.edge, item.hatch, item.width, item.dash, item.marker,
                      item.size)
    if item.kind == "patch":
        return Patch(facecolor=item.color, edgecolor=item.edge, hatch=item.hatch, linewidth=0.5,
                     label=item.label)
    if item.kind == "line":
        return Line2D([], [], color=item.color, linewidth=item.width, linestyle=_DASH[item.dash],
                      label=item.label)
    return Line2D([], [], linestyle="", marker=_MARKER[item.marker], markersize=item.size,
                  markerfacecolor=item.color, markeredgecolor=item.edge, label=item.label)


def to_matplotlib(spec: MapSpec, *, width_in: float = 10.0) -> Figure:
    """A matplotlib :class:`~matplotlib.figure.Figure` of the map (no pyplot state is touched).

    The map keeps its true aspect (1 km = 1 km both ways); the legend sits to the right of the map, the title
    above and the source line below.
    """
    xmin, xmax, ymin, ymax = spec.extent
    map_w = 0.66 * width_in
    map_h = map_w * (ymax - ymin) / (xmax - xmin)
    top, bottom = (0.8 if spec.subtitle else 0.5), 0.6
    fig = Figure(figsize=(width_in, map_h + top + bottom))
    height = map_h + top + bottom
    ax = fig.add_axes((0.015, bottom / height, map_w / width_in, map_h / height))
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_facecolor(spec.background)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_linewidth(0.6)
        side.set_color("#555555")
    for area in spec.areas:  # as add_patch, without its update of the data limits (the view is set above; the
        ax.add_artist(_patch(area))  # update walks every Bézier segment: a second per map)
    for line in spec.lines:
        (art,) = ax.plot(line.x, line.y, color=line.color, linewidth=line.width, linestyle=_DASH[line.dash],
                         zorder=line.zorder, alpha=line.alpha, solid_capstyle="round", solid_joinstyle="round")
        art.set_gid(f"line:{line.key}")
    for pt in spec.points:
        (art,) = ax.plot([pt.x], [pt.y], linestyle="", marker=_MARKER[pt.marker], markersize=pt.size,
                         markerfacecolor=pt.face, markeredgecolor=pt.edge, markeredgewidth=0.6,
                         zorder=pt.zorder)
        art.set_gid(f"point:{pt.key}")
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.85)]
    for lab in spec.labels:
        ax.text(lab.x, lab.y, lab.text, fontsize=lab.size, color=lab.color, ha=lab.ha, va=lab.va,
                style="italic" if lab.italic else "normal", fontweight="bold" if lab.bold else "normal",
                zorder=lab.zorder, path_effects=halo if lab.halo else None, clip_on=True,
                linespacing=0.95)
    fig.text(0.015, 1 - 0.18 / height, spec.title, fontsize=12, fontweight="bold", va="top", ha="left")
    if spec.subtitle:
        fig.text(0.015, 1 - 0.46 / height, spec.subtitle, fontsize=9, va="top", ha="left", color="#333333")
    if spec.legend:
        ax.legend(handles=[_legend_handle(i) for i in spec.legend], title=spec.legend_title or None,
                  loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8, title_fontsize=8.5,
                  alignment="left", handlelength=2.6, handletextpad=0.9, borderaxespad=0.0)
    if spec.note:
        fig.text(0.015, 0.5 / height, spec.note, fontsize=6.5, va="top", ha="left", color="#444444",
                 wrap=True)
    return fig
