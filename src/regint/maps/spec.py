"""A map as data: areas, lines, points and labels in projected km, drawn by either renderer.

Every map function builds a :class:`MapSpec`; :func:`regint.maps.render_mpl.to_matplotlib` and
:func:`regint.maps.render_plotly.to_plotly` draw the same spec, so the report and the dashboard show the
same map. Colours are hex strings; sizes are in points (matplotlib) and converted for plotly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Dash = Literal["solid", "dash", "dot"]
Marker = Literal["circle", "square", "diamond", "triangle"]
HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "bottom"]


@dataclass(frozen=True)
class Area:
    """A filled shape (a region or a country): its rings in km, fill, edge, hatch and hover text."""

    key: str
    rings: tuple[NDArray[np.float64], ...]
    face: str
    edge: str = "#ffffff"
    width: float = 0.4
    hatch: str | None = None
    hover: str = ""
    zorder: float = 1.0


@dataclass(frozen=True)
class Line:
    """A polyline in km with its style and hover text."""

    key: str
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    color: str
    width: float = 1.0
    dash: Dash = "solid"
    hover: str = ""
    zorder: float = 3.0
    alpha: float = 1.0


@dataclass(frozen=True)
class Point:
    """A symbol at (x, y) km."""

    key: str
    x: float
    y: float
    face: str
    edge: str = "#333333"
    size: float = 5.0
    marker: Marker = "circle"
    hover: str = ""
    zorder: float = 5.0


@dataclass(frozen=True)
class Label:
    """A text at (x, y) km; ``halo`` draws a white outline so it stays legible over colours."""

    text: str
    x: float
    y: float
    size: float = 7.0
    color: str = "#222222"
    ha: HAlign = "center"
    va: VAlign = "center"
    italic: bool = False
    bold: bool = False
    halo: bool = True
    zorder: float = 6.0


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: a patch (fill and hatch), a line (width, dash) or a marker."""

    kind: Literal["patch", "line", "marker"]
    label: str
    color: str
    edge: str = "#666666"
    hatch: str | None = None
    width: float = 1.0
    dash: Dash = "solid"
    marker: Marker = "circle"
    size: float = 6.0


@dataclass(frozen=True)
class MapSpec:
    """Everything a renderer needs to draw one map.

    ``extent`` is (xmin, xmax, ymin, ymax) in km; ``note`` is the source line under the map.
    """

    title: str
    extent: tuple[float, float, float, float]
    lang: str
    areas: tuple[Area, ...] = ()
    lines: tuple[Line, ...] = ()
    points: tuple[Point, ...] = ()
    labels: tuple[Label, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    legend_title: str = ""
    subtitle: str = ""
    note: str = ""
    background: str = "#dbe9f4"
    meta: dict[str, object] = field(default_factory=dict)
