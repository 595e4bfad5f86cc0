"""Map (1): the locator map of Smolensk Oblast and Vitebsk Region, their neighbours, cities and links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from regint.data.catalogs import region_name, regions
from regint.maps import base
from regint.maps.geodata import geography, link_lonlat, places, projected_regions
from regint.maps.i18n import Lang, check_lang, source_name, status_text, text
from regint.maps.spec import Area, HAlign, Label, LegendItem, Line, MapSpec, Point, VAlign

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

PAIR: tuple[str, str] = ("RU-SMO", "BY-VI")
PAIR_FACE = "#f28e2b"
BORDER_FACE = "#fcd2a7"
RU_FACE = "#ebe5d8"
BY_FACE = "#dfe8d6"
ROAD = "#b2182b"
RAIL = "#1a1a1a"
CITIES: tuple[str, ...] = ("smolensk", "vitebsk", "minsk", "mogilev", "gomel", "orsha", "polotsk", "pskov",
                           "bryansk", "velikiye_luki", "moscow")

#: Label side of each city: (ha, va, dx km, dy km). A cartographic choice, made by looking at the map.
CITY_LABEL: dict[str, tuple[HAlign, VAlign, float, float]] = {
    "smolensk": ("left", "bottom", 8, 6), "vitebsk": ("left", "bottom", 8, 6), "orsha": ("right", "top", -8, -6),
    "mogilev": ("left", "center", 9, 0), "minsk": ("right", "bottom", -8, 6), "polotsk": ("right", "bottom", -8, 6),
    "moscow": ("center", "bottom", 0, 10),
}


def _city_hover(row: pd.Series, lang: Lang) -> str:
    return (f"<b>{row[f'name_{lang}']}</b><br>{text('status', lang)}: {status_text(str(row['status']), lang)}"
            f"<br>{text('source', lang).lower()}: {source_name(str(row['source']), lang)} ({row['url']})")


def _region_areas(lang: Lang) -> list[Area]:
    cat = regions()
    border = set(base.border_regions())
    out = []
    for code, rings in projected_regions().items():
        if code in PAIR:
            face, role, z = PAIR_FACE, text("pair", lang), 1.2
        elif code in border:
            face, role, z = BORDER_FACE, text("border_regions", lang), 1.1
        else:
            face = RU_FACE if cat.at[code, "country"] == "RU" else BY_FACE
            role, z = "", 1.0 + (0.05 if code in base.CITY_UNITS else 0)
        hover = f"<b>{region_name(code, lang)}</b> ({code})" + (f"<br>{role}" if role else "")
        out.append(Area(code, rings, face=face, edge=base.REGION_EDGE, width=0.6, hover=hover, zorder=z))
    return out


def _links(lang: Lang) -> list[Line]:
    geo = geography()
    out = []
    for row in geo[geo["kind"].isin(["road", "rail"])].itertuples():
        x, y = base.xy(*link_lonlat(row.id))
        hover = (f"<b>{getattr(row, f'name_{lang}')}</b><br>{text('status', lang)}: "
                 f"{status_text(row.status, lang)}<br>{row.note}<br>{row.url}")
        if row.kind == "road":
            out.append(Line(row.id, x, y, ROAD, width=2.4, hover=hover, zorder=3.2))
        else:
            out.append(Line(row.id, x, y, RAIL, width=1.1, dash="dash", hover=hover, zorder=3.4))
    return out


def _cities(lang: Lang, cities: Sequence[str]) -> tuple[list[Point], list[Label]]:
    pts, labels = [], []
    rows = places("city")
    for cid in cities:
        row = rows.loc[cid]
        x, y = (float(v) for v in base.xy(row["lon"], row["lat"]))
        if not base.in_view(x, y):
            continue
        pop = float(row["value"])
        size = 7.0 if pop >= 1e6 else 5.5 if pop >= 3e5 else 4.5
        pts.append(Point(cid, x, y, face="#ffffff" if pop < 3e5 else "#222222", size=size,
                         hover=_city_hover(row, lang)))
        ha, va, dx, dy = CITY_LABEL.get(cid, ("left", "bottom", 7, 5))
        labels.append(Label(str(row[f"name_{lang}"]), x + dx, y + dy, size=8 if pop >= 3e5 else 7, ha=ha,
                            va=va, bold=cid in ("smolensk", "vitebsk"), zorder=6.5))
    return pts, labels


def locator_spec(lang: Lang = "en", *, cities: Sequence[str] = CITIES) -> MapSpec:
    """The locator map as a :class:`~regint.maps.spec.MapSpec` (see :func:`locator_map`)."""
    lang = check_lang(lang)
    crossing = places("crossing").iloc[0]
    cx, cy = (float(v) for v in base.xy(crossing["lon"], crossing["lat"]))
    cross_pt = Point("crossing_m1", cx, cy, face="#ffd92f", edge="#222222", size=7.5, marker="diamond",
                     hover=(f"<b>{crossing[f'name_{lang}']}</b><br>{text('status', lang)}: "
                            f"{status_text(crossing['status'], lang)}<br>{crossing['note']}<br>{crossing['url']}"),
                     zorder=5.5)
    city_pts, city_labels = _cities(lang, cities)
    bar, bar_label = base.scale_bar(lang)
    pair_labels = [Label(lb.text, lb.x, lb.y, size=8.5, color="#000000", italic=True, bold=True, zorder=5.6)
                   for lb in base.region_labels(lang, PAIR)]
    nudge = {"RU-SMO": (40, 35), "BY-VI": (-20, -10)}
    pair_labels = [Label(lb.text, lb.x + nudge[c][0], lb.y + nudge[c][1], size=lb.size, color=lb.color,
                         italic=True, bold=True, zorder=lb.zorder) for lb, c in zip(pair_labels, PAIR, strict=True)]
    legend = (
        LegendItem("patch", text("pair", lang), PAIR_FACE, edge="#ffffff"),
        LegendItem("patch", text("border_regions", lang), BORDER_FACE, edge="#ffffff"),
        LegendItem("patch", text("other_ru", lang), RU_FACE, edge="#ffffff"),
        LegendItem("patch", text("other_by", lang), BY_FACE, edge="#ffffff"),
        base.state_border_legend(lang),
        LegendItem("line", text("road", lang), ROAD, width=2.4),
        LegendItem("line", text("rail", lang), RAIL, width=1.1, dash="dash"),
        LegendItem("marker", text("city_big", lang), "#222222", marker="circle", size=5.5),
        LegendItem("marker", text("city_small", lang), "#ffffff", edge="#333333", marker="circle", size=4.5),
        LegendItem("marker", text("crossing", lang), "#ffd92f", edge="#222222", marker="diamond", size=7),
    )
    sources = "radio-avtodor.ru/m1, redigo.ru (" + ("road and rail facts; links schematic" if lang == "en" else
                                                    "сведения о дорогах и ж/д; связи схематично") + ")"
    return MapSpec(
        title=text("locator_title", lang), extent=base.EXTENT, lang=lang,
        areas=tuple(base.country_areas() + _region_areas(lang)),
        lines=tuple(base.graticule() + base.state_border_lines() + _links(lang) + bar),
        points=tuple(city_pts + [cross_pt]),
        labels=tuple(base.country_labels(lang) + base.region_labels(lang, skip=PAIR) + pair_labels
                     + city_labels + bar_label),
        legend=legend, note=base.base_note(lang, sources, places=True),
    )


def locator_map(lang: Lang = "en", *, cities: Sequence[str] = CITIES, width_in: float = 10.0) -> Figure:
    """Locator map of the pair (matplotlib :class:`~matplotlib.figure.Figure`).

    Smolensk Oblast and Vitebsk Region are highlighted, the other regions on the Russia–Belarus border tinted,
    state borders drawn heavier, with the cities, the M1/E30 crossing and the (schematic) M1/E30 road and rail
    links of ``maps/data/geography.csv``.

    Parameters
    ----------
    lang : {"en", "ru"}
        Language of the title, legend and labels.
    cities : sequence of str
        Place ids of ``geography.csv`` to show (those outside the view are skipped).
    width_in : float
        Figure width in inches.
    """
    from regint.maps.render_mpl import to_matplotlib

    return to_matplotlib(locator_spec(lang, cities=cities), width_in=width_in)


def locator_map_plotly(lang: Lang = "en", *, cities: Sequence[str] = CITIES) -> go.Figure:
    """The locator map as a plotly figure for the dashboard (hover on regions, cities, crossing and links)."""
    from regint.maps.render_plotly import to_plotly

    return to_plotly(locator_spec(lang, cities=cities))
