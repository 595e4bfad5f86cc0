"""The layers every map shares: countries for context, state borders, graticule, scale bar and labels."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from regint.data.catalogs import regions
from regint.errors import CatalogError
from regint.maps.geodata import geography, projected_countries, projected_regions
from regint.maps.i18n import COUNTRY_NAMES, Lang, region_label, text
from regint.maps.projection import BORDER_LCC, projected_extent
from regint.maps.spec import Area, Label, LegendItem, Line

EXTENT = projected_extent()
"""The view of every map in km: the rectangle that holds 23–40° E, 50.5–60° N."""

CONTEXT_FACE = "#f4f3ef"
STATE_BORDER = "#3a3a3a"
REGION_EDGE = "#ffffff"
CITY_UNITS = ("BY-HM", "RU-MOW", "RU-SPE")
"""Cities that are regions; too small for a label of their own (their city point is labelled)."""

#: Region labels moved off their centroid (dx, dy km) where a city point sits there.
REGION_LABEL_NUDGE: dict[str, tuple[float, float]] = {"BY-MI": (0.0, -45.0), "RU-MOS": (20.0, -50.0)}

#: Where country names go (lon, lat): a cartographic choice, not data.
COUNTRY_LABEL_AT: dict[str, tuple[float, float]] = {
    "LV": (25.6, 56.85), "LT": (24.6, 55.35), "EE": (26.0, 58.75), "UA": (29.2, 50.85), "PL": (22.9, 52.6),
}


def xy(lon: float | np.ndarray, lat: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat degrees to map km."""
    return BORDER_LCC.forward(lon, lat)


def region_xy(code: str) -> tuple[float, float]:
    """Map position (km) of a region's centroid from the region catalog (area-weighted, largest polygon)."""
    cat = regions()
    if code not in cat.index or cat.at[code, "lat"] == "":
        raise CatalogError(f"region {code!r} has no centroid in the region catalog. Fix: use a region code "
                           "such as RU-SMO or BY-VI, or a place id of maps/data/geography.csv such as 'orsha'.")
    x, y = xy(float(cat.at[code, "lon"]), float(cat.at[code, "lat"]))
    return float(x), float(y)


def place_xy(key: str) -> tuple[float, float]:
    """Map position of a region code (its centroid) or of a place id of ``geography.csv`` (e.g. ``orsha``)."""
    geo = geography()
    if key in geo.index and geo.at[key, "kind"] in ("city", "crossing"):
        x, y = xy(float(geo.at[key, "lon"]), float(geo.at[key, "lat"]))
        return float(x), float(y)
    return region_xy(key)


def place_name(key: str, lang: Lang) -> str:
    """Name of a region code or a place id, one line."""
    geo = geography()
    if key in geo.index and geo.at[key, "kind"] in ("city", "crossing"):
        return str(geo.at[key, f"name_{lang}"])
    return region_label(key, lang).replace("\n", " ")


def border_regions() -> tuple[str, ...]:
    """Regions on the Russia–Belarus border: catalog neighbours across the state border."""
    cat = regions()
    out = []
    for row in cat.itertuples():
        if row.country not in ("RU", "BY") or not row.neighbours:
            continue
        other = "BY" if row.country == "RU" else "RU"
        if any(n.startswith(other + "-") for n in row.neighbours.split(";")):
            out.append(row.code)
    return tuple(sorted(out))


def in_view(x: float, y: float, margin: float = 0.0) -> bool:
    xmin, xmax, ymin, ymax = EXTENT
    return xmin + margin <= x <= xmax - margin and ymin + margin <= y <= ymax - margin


def country_areas() -> list[Area]:
    """Countries other than Russia and Belarus, lightly, for context (Russia and Belarus are drawn by region)."""
    return [Area(f"country:{c}", rings, face=CONTEXT_FACE, edge="#bdbdbd", width=0.5, zorder=0.5)
            for c, rings in projected_countries().items() if c not in ("RU", "BY")]


def state_border_lines() -> list[Line]:
    """Outlines of every country drawn heavier: where two meet, that is the state border."""
    lines = []
    for c, rings in projected_countries().items():
        for i, ring in enumerate(rings):
            lines.append(Line(f"border:{c}:{i}", ring[:, 0], ring[:, 1], STATE_BORDER,
                              width=1.3 if c in ("RU", "BY") else 0.8, zorder=2.5))
    return lines


def graticule(step: float = 2.0) -> list[Line]:
    """Meridians and parallels every ``step`` degrees, faint."""
    lines = []
    lats = np.linspace(48, 62, 200)
    for lon in np.arange(18, 46 + step / 2, step):
        x, y = xy(np.full_like(lats, lon), lats)
        lines.append(Line(f"graticule:lon{lon:g}", x, y, "#9fb3c8", width=0.3, dash="dot", zorder=0.8))
    lons = np.linspace(16, 46, 200)
    for lat in np.arange(50, 62 + step / 2, step):
        x, y = xy(lons, np.full_like(lons, lat))
        lines.append(Line(f"graticule:lat{lat:g}", x, y, "#9fb3c8", width=0.3, dash="dot", zorder=0.8))
    return lines


def scale_bar(lang: Lang, length_km: float = 200.0) -> tuple[list[Line], list[Label]]:
    """A scale bar of ``length_km`` in the lower-left corner, over Poland and Ukraine where nothing is coloured
    (scale is true within 0.3 % over the view)."""
    xmin, xmax, ymin, ymax = EXTENT
    x0 = xmin + 0.04 * (xmax - xmin)
    y0 = ymin + 0.04 * (ymax - ymin)
    bar = Line("scale", np.array([x0, x0 + length_km]), np.array([y0, y0]), "#222222", width=2.0, zorder=7)
    half = Line("scale:half", np.array([x0 + length_km / 2, x0 + length_km]), np.array([y0, y0]), "#ffffff",
                width=1.0, zorder=7.5)
    label = Label(f"{length_km:g} {text('km', lang)}", x0 + length_km / 2, y0 + 12, size=7, va="bottom",
                  zorder=7)
    return [bar, half], [label]


def country_labels(lang: Lang) -> list[Label]:
    out = []
    for code, (lon, lat) in COUNTRY_LABEL_AT.items():
        x, y = xy(lon, lat)
        if in_view(float(x), float(y), margin=30):
            out.append(Label(COUNTRY_NAMES[code][lang], float(x), float(y), size=8, color="#8a8a8a",
                             italic=False, halo=False, zorder=1.5))
    return out


def region_labels(lang: Lang, codes: Iterable[str] | None = None, *, size: float = 6.0,
                  color: str = "#4d4d4d", skip: Iterable[str] = ()) -> list[Label]:
    """Labels (catalog names) at region centroids in view; city units and ``skip`` are left out."""
    keys = list(projected_regions()) if codes is None else list(codes)
    leave = set(CITY_UNITS) | set(skip)
    out = []
    for code in keys:
        if code in leave:
            continue
        try:
            x, y = region_xy(code)
        except CatalogError:
            continue
        dx, dy = REGION_LABEL_NUDGE.get(code, (0.0, 0.0))
        if in_view(x, y, margin=40):
            out.append(Label(region_label(code, lang), x + dx, y + dy, size=size, color=color, italic=True, zorder=5.5))
    return out


def base_note(lang: Lang, sources: str = "", *, places: bool = False) -> str:
    """The line under a map: data sources first, then boundaries (and places), and the projection."""
    parts = [sources and f"{text('source', lang)}: {sources}", text("boundaries", lang),
             text("places", lang) if places else "", text("projection", lang)]
    return " ".join(p if p.endswith(".") else p + "." for p in parts if p)


def state_border_legend(lang: Lang) -> LegendItem:
    return LegendItem("line", text("state_border", lang), STATE_BORDER, width=1.3)
