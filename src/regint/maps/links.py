"""Maps (3) and (4): values of the Union State border pairs with their intervals, and flows between regions.

Both draw on a light base map of the regions (the pair and border regions tinted as in the locator map).
Pairs and flow ends are region codes (drawn at the catalog centroid) or place ids of ``geography.csv``.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from regint.data.catalogs import region_name, regions
from regint.errors import DataError
from regint.maps import base
from regint.maps.classify import sequential_classes
from regint.maps.geodata import projected_regions
from regint.maps.i18n import (
    Lang,
    auto_decimals,
    check_lang,
    fmt_number,
    region_label,
    source_name,
    status_text,
    text,
)
from regint.maps.locator import BY_FACE, RU_FACE
from regint.maps.spec import Area, HAlign, Label, LegendItem, Line, MapSpec, Point, VAlign

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

KM_PER_PT = 2.5
"""About how many km one typographic point spans on a 10-inch-wide map (for arrowheads sized in points)."""


def _light_base(lang: Lang) -> list[Area]:
    cat = regions()
    out = base.country_areas()
    for code, rings in projected_regions().items():
        face = RU_FACE if cat.at[code, "country"] == "RU" else BY_FACE
        out.append(Area(code, rings, face=face, edge="#ffffff", width=0.6, hover=f"<b>{region_name(code, lang)}</b>",
                        zorder=1.05 if code in base.CITY_UNITS else 1.0))
    return out


def _info_lines(row: pd.Series, lang: Lang) -> str:
    out = ""
    if "year" in row and str(row["year"]):
        out += f"<br>{text('year', lang)}: {row['year']}"
    if "status" in row and str(row["status"]):
        out += f"<br>{text('status', lang)}: {status_text(str(row['status']), lang)}"
    if "source" in row and str(row["source"]):
        out += f"<br>{text('source', lang).lower()}: {source_name(str(row['source']), lang)} ({row['source']})"
    return out


def _sources(frame: pd.DataFrame, lang: Lang) -> str:
    if "source" not in frame:
        return ""
    return "; ".join(source_name(s, lang) for s in sorted({str(s) for s in frame["source"] if str(s)}))


def end_labels(ends: set[str], lang: Lang, offset_km: float = 22.0) -> list[Label]:
    """Names of the line ends, each pushed away from the centre of all ends so lines and arrows stay clear."""
    keys = sorted(ends)
    pos = np.array([base.place_xy(k) for k in keys])
    centre = pos.mean(axis=0)
    out = []
    for key, (x, y) in zip(keys, pos, strict=True):
        d = np.array([x, y]) - centre
        d = d / (np.linalg.norm(d) or 1.0)
        ha: HAlign = "left" if d[0] > 0.35 else "right" if d[0] < -0.35 else "center"
        va: VAlign = "bottom" if d[1] > 0.35 else "top" if d[1] < -0.35 else "center"
        out.append(Label(region_label(key, lang) if key in regions().index else base.place_name(key, lang),
                         float(x + offset_km * d[0]), float(y + offset_km * d[1]), size=7, italic=True,
                         ha=ha, va=va, color="#333333", zorder=5.5))
    return out


def _split_pair(pair: str) -> tuple[str, str]:
    parts = str(pair).split(":")
    if len(parts) != 2 or not all(parts):
        raise DataError(f"pair {pair!r} must be written 'REGION_A:REGION_B', e.g. 'RU-SMO:BY-VI'.")
    return parts[0], parts[1]


def pairs_spec(values: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
               title: str | None = None, decimals: int | None = None, cmap: str = "YlGnBu",
               k: int = 4) -> MapSpec:
    """The border-pair map of :func:`pairs_map` as a :class:`~regint.maps.spec.MapSpec`."""
    lang = check_lang(lang)
    if not {"pair", "value"} <= set(values):
        raise DataError("pairs map: the frame needs columns 'pair' and 'value' (optional: lower, upper, year, "
                        "status, source). Fix: one row per pair such as 'RU-SMO:BY-VI'.")
    rows = values.copy()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    finite = rows["value"].to_numpy(dtype=float)
    cls = sequential_classes(finite, k=min(k, max(1, int(np.isfinite(finite).sum()))), scheme="equal",
                             cmap=cmap, lang=lang, lightest=0.4)
    top = float(np.nanmax(np.abs(finite))) if np.isfinite(finite).any() else 1.0
    dec = decimals if decimals is not None else auto_decimals(top, significant=2)
    name = label or text("value", lang)
    lines: list[Line] = []
    points: list[Point] = []
    labels: list[Label] = []
    ends: set[str] = set()
    for row in rows.itertuples(index=False):
        r = pd.Series(row._asdict())
        a, b = _split_pair(r["pair"])
        ends |= {a, b}
        (xa, ya), (xb, yb) = base.place_xy(a), base.place_xy(b)
        v = float(r["value"])
        color = cls.color_of([v])[0] or "#9e9e9e"
        interval = ""
        if {"lower", "upper"} <= set(r.index) and np.isfinite(r["lower"]) and np.isfinite(r["upper"]):
            interval = f"[{fmt_number(float(r['lower']), lang, dec)}; {fmt_number(float(r['upper']), lang, dec)}]"
        shown = fmt_number(v, lang, dec) if np.isfinite(v) else text("no_data", lang)
        hover = (f"<b>{base.place_name(a, lang)} – {base.place_name(b, lang)}</b><br>{name}: {shown}"
                 + (f" {unit}" if unit and np.isfinite(v) else "")
                 + (f"<br>{text('interval', lang)}: {interval}" if interval else "") + _info_lines(r, lang))
        x, y = np.array([xa, xb]), np.array([ya, yb])
        lines.append(Line(f"pair:{r['pair']}:casing", x, y, "#ffffff", width=6.5, zorder=3.0))
        lines.append(Line(f"pair:{r['pair']}", x, y, color, width=4.0, hover=hover, zorder=3.1,
                          dash="solid" if np.isfinite(v) else "dot"))
        mx, my = (xa + xb) / 2, (ya + yb) / 2
        points.append(Point(f"pair:{r['pair']}", mx, my, face=color, edge="#222222", size=9, hover=hover))
        nx, ny = -(yb - ya), xb - xa
        norm = float(np.hypot(nx, ny)) or 1.0
        side = 1 if nx >= 0 else -1  # the label goes to the east side of the line
        lx, ly = mx + side * 14 * nx / norm, my + side * 14 * ny / norm
        labels.append(Label(f"{shown}\n{interval}" if interval else shown, lx, ly, size=7.5, bold=True,
                            ha="left" if side * nx >= 0 else "right", zorder=6.5))
    bar, bar_label = base.scale_bar(lang)
    legend = [LegendItem("line", lab, col, width=4.0) for lab, col in zip(cls.labels, cls.colors, strict=True)]
    legend.append(base.state_border_legend(lang))
    head = f"{name}, {unit}" if unit else name
    explain = "value [interval]" if lang == "en" else "значение [интервал]"
    return MapSpec(
        title=title or text("pairs_title", lang), extent=base.EXTENT, lang=lang, areas=tuple(_light_base(lang)),
        lines=tuple(base.graticule() + base.state_border_lines() + lines + bar), points=tuple(points),
        labels=tuple(base.country_labels(lang) + end_labels(ends, lang) + labels + bar_label),
        legend=tuple(legend), legend_title=textwrap.fill(head, 34) + f"\n({explain})",
        note=base.base_note(lang, _sources(rows, lang)),
    )


def pairs_map(values: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
              title: str | None = None, decimals: int | None = None, cmap: str = "YlGnBu", k: int = 4,
              width_in: float = 10.0) -> Figure:
    """The Union State border pairs with a value per pair and its interval (matplotlib figure).

    Each pair is a line between the two regions' catalog centroids, coloured by class (equal intervals), with a
    symbol at its middle labelled "value [lower; upper]".

    Parameters
    ----------
    values : DataFrame
        One row per pair: ``pair`` (``"RU-SMO:BY-VI"``; region codes or place ids), ``value``; optional
        ``lower``, ``upper`` (e.g. the 5th and 95th percentiles of an index's Monte Carlo), ``year``,
        ``status``, ``source``.
    label, unit : str
        What the value is (e.g. "Integration index") and its unit, for legend and hover.
    decimals : int, optional
        Decimals of the labels (default: three significant digits of the largest value).
    cmap : str
        A sequential matplotlib colour map; k : number of equal-interval classes.
    """
    from regint.maps.render_mpl import to_matplotlib

    return to_matplotlib(pairs_spec(values, lang=lang, label=label, unit=unit, title=title, decimals=decimals,
                                    cmap=cmap, k=k), width_in=width_in)


def pairs_map_plotly(values: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
                     title: str | None = None, decimals: int | None = None, cmap: str = "YlGnBu",
                     k: int = 4) -> go.Figure:
    """:func:`pairs_map` as a plotly figure."""
    from regint.maps.render_plotly import to_plotly

    return to_plotly(pairs_spec(values, lang=lang, label=label, unit=unit, title=title, decimals=decimals,
                                cmap=cmap, k=k))


def flow_curve(xa: float, ya: float, xb: float, yb: float, bend: float = 0.18,
               n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    r"""A quadratic Bézier arc from A to B bending to the right of the direction A → B.

    .. math:: P(t) = (1-t)^2 A + 2t(1-t) C + t^2 B,\qquad C = \tfrac{A+B}{2} + \beta\,|AB|\,\hat r

    with :math:`\hat r` the unit normal to the right of AB and :math:`\beta` = ``bend``, so A → B and B → A
    never overlap. Returns x and y of ``n`` points.
    """
    dx, dy = xb - xa, yb - ya
    cx, cy = (xa + xb) / 2 + bend * dy, (ya + yb) / 2 - bend * dx
    t = np.linspace(0.0, 1.0, n)
    x = (1 - t) ** 2 * xa + 2 * t * (1 - t) * cx + t**2 * xb
    y = (1 - t) ** 2 * ya + 2 * t * (1 - t) * cy + t**2 * yb
    return x, y


def _arrowhead(x: np.ndarray, y: np.ndarray, width_pt: float) -> np.ndarray:
    """A triangle (km) at the end of a curve, as wide as the line plus a margin."""
    tip = np.array([x[-1], y[-1]])
    back = np.array([x[-4], y[-4]])
    d = tip - back
    d /= np.linalg.norm(d) or 1.0
    normal = np.array([-d[1], d[0]])
    half = (width_pt / 2 + 3.0) * KM_PER_PT
    length = max(2.2 * half, 25.0)
    base_pt = tip - length * d
    return np.array([tip, base_pt + half * normal, base_pt - half * normal, tip])


def _nice(value: float) -> float:
    """Round to two significant digits."""
    if value <= 0 or not np.isfinite(value):
        return value
    mag = 10 ** np.floor(np.log10(value) - 1)
    return float(np.round(value / mag) * mag)


def flows_spec(flows: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
               title: str | None = None, color: str = "#2c7fb8", max_width: float = 10.0,
               shorten_km: float = 25.0) -> MapSpec:
    """The flow map of :func:`flows_map` as a :class:`~regint.maps.spec.MapSpec`."""
    lang = check_lang(lang)
    if not {"origin", "destination", "value"} <= set(flows):
        raise DataError("flows map: the frame needs columns 'origin', 'destination' and 'value' (optional: "
                        "year, status, source). Fix: one row per directed link.")
    rows = flows.copy()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    if (rows["value"] < 0).any():
        bad = rows.loc[rows["value"] < 0].iloc[0]
        raise DataError(f"flows map: negative value {bad['value']} for {bad['origin']} → {bad['destination']}; "
                        "a line width cannot be negative. Fix: map net flows as two directed rows.")
    gaps = rows[rows["value"].isna()]
    rows = rows[rows["value"].notna()].sort_values("value", ascending=False)
    vmax = float(rows["value"].max()) if len(rows) else 1.0
    name = label or text("flow", lang)
    lines: list[Line] = []
    heads: list[Area] = []
    ends: set[str] = set()
    for row in rows.itertuples(index=False):
        r = pd.Series(row._asdict())
        a, b = str(r["origin"]), str(r["destination"])
        ends |= {a, b}
        (xa, ya), (xb, yb) = base.place_xy(a), base.place_xy(b)
        x, y = flow_curve(xa, ya, xb, yb)
        keep = np.hypot(x - xb, y - yb) >= shorten_km
        x, y = x[keep], y[keep]
        width = max(0.8, max_width * float(r["value"]) / vmax)
        hover = (f"<b>{base.place_name(a, lang)} → {base.place_name(b, lang)}</b><br>{name}: "
                 f"{fmt_number(float(r['value']), lang)}{' ' + unit if unit else ''}" + _info_lines(r, lang))
        lines.append(Line(f"flow:{a}>{b}", x, y, color, width=width, hover=hover, zorder=3.3, alpha=0.85))
        heads.append(Area(f"arrow:{a}>{b}", (_arrowhead(x, y, width),), face=color, edge=color, width=0.3,
                          hover=hover, zorder=3.35))
    legend = [LegendItem("line", fmt_number(v, lang), color,
                         width=max(0.8, max_width * v / vmax)) for v in (_nice(vmax), _nice(vmax / 2),
                                                                         _nice(vmax / 4)) if len(rows)]
    legend.append(base.state_border_legend(lang))
    subtitle = text("flows_note", lang)
    if len(gaps):
        listed = ", ".join(f"{base.place_name(str(g.origin), lang)} → {base.place_name(str(g.destination), lang)}"
                           for g in gaps.itertuples())
        subtitle += f" {text('no_data', lang).capitalize()}: {listed}."
    bar, bar_label = base.scale_bar(lang)
    return MapSpec(
        title=title or text("flows_title", lang), subtitle=subtitle, extent=base.EXTENT, lang=lang,
        areas=tuple(_light_base(lang) + heads),
        lines=tuple(base.graticule() + base.state_border_lines() + lines + bar),
        labels=tuple(base.country_labels(lang) + end_labels(ends, lang) + bar_label),
        legend=tuple(legend), legend_title=textwrap.fill(f"{name}, {unit}" if unit else name, 34),
        note=base.base_note(lang, _sources(rows, lang)),
    )


def flows_map(flows: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
              title: str | None = None, color: str = "#2c7fb8", max_width: float = 10.0,
              width_in: float = 10.0) -> Figure:
    """Trade (or other) links between regions as curved arrows whose width follows the value.

    Parameters
    ----------
    flows : DataFrame
        One row per directed link: ``origin``, ``destination`` (region codes or place ids of
        ``geography.csv``), ``value`` (≥ 0; NaN = no data, listed under the title); optional ``year``,
        ``status``, ``source``.
    label, unit : str
        What the value is ("Exports") and its unit ("mln USD").
    max_width : float
        Line width in points of the largest flow; widths are proportional to the value (at least 0.8 pt).
    """
    from regint.maps.render_mpl import to_matplotlib

    return to_matplotlib(flows_spec(flows, lang=lang, label=label, unit=unit, title=title, color=color,
                                    max_width=max_width), width_in=width_in)


def flows_map_plotly(flows: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
                     title: str | None = None, color: str = "#2c7fb8",
                     max_width: float = 10.0) -> go.Figure:
    """:func:`flows_map` as a plotly figure."""
    from regint.maps.render_plotly import to_plotly

    return to_plotly(flows_spec(flows, lang=lang, label=label, unit=unit, title=title, color=color,
                                max_width=max_width))
