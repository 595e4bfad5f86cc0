"""The geography that ships with :mod:`regint.maps`: boundaries (GeoJSON) and places, links and distances (CSV).

Files in ``regint/maps/data`` (see the PROVENANCE.md there):

* ``border_area_admin1.geojson`` — Russian and Belarusian regions of the border area (Natural Earth,
  public domain, features unchanged);
* ``border_area_countries.geojson`` — country outlines clipped to the border area;
* ``geography.csv`` — cities (GeoNames), the M1/E30 crossing, schematic road and rail links, great-circle
  distances; every row with status, source id and address.

GeoJSON is read with :mod:`json`: only ``Polygon`` and ``MultiPolygon`` geometries are used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from regint._paths import package_data
from regint.errors import DataError
from regint.maps.projection import BORDER_LCC

Ring = NDArray[np.float64]
"""A closed ring of shape ``(n, 2)``: columns lon, lat (degrees) or x, y (km)."""


@dataclass(frozen=True)
class Feature:
    """One GeoJSON feature: its properties and its polygons, each a tuple of rings (exterior first, holes)."""

    properties: dict[str, Any]
    polygons: tuple[tuple[Ring, ...], ...]

    def rings(self) -> tuple[Ring, ...]:
        """All rings of all polygons, flat (exteriors and holes)."""
        return tuple(r for poly in self.polygons for r in poly)


def _polygons(geometry: dict[str, Any], where: str) -> tuple[tuple[Ring, ...], ...]:
    kind = geometry.get("type")
    if kind == "Polygon":
        raw = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        raw = geometry["coordinates"]
    else:
        raise DataError(f"{where}: geometry type {kind!r} is not a polygon. Fix: pass Polygon or MultiPolygon "
                        "features only.")
    return tuple(tuple(np.asarray(ring, dtype=float)[:, :2] for ring in poly) for poly in raw)


def read_geojson(path: str | Path) -> tuple[Feature, ...]:
    """Read the polygon features of a GeoJSON ``FeatureCollection`` (RFC 7946, lon/lat degrees).

    Raises
    ------
    DataError
        When the file is not a FeatureCollection or a geometry is not a (multi)polygon; names the file and
        the feature.
    """
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise DataError(f"file {path.name}: not a GeoJSON FeatureCollection. Fix: export the layer as one.")
    return tuple(Feature(dict(f.get("properties") or {}), _polygons(f["geometry"], f"file {path.name}, "
                                                                  f"feature {i + 1}"))
                 for i, f in enumerate(data["features"]))


@lru_cache(maxsize=1)
def admin1() -> tuple[Feature, ...]:
    """Regions of Russia and Belarus in the border area (property ``iso_3166_2`` is the catalog code)."""
    return read_geojson(package_data("maps", "data", "border_area_admin1.geojson"))


@lru_cache(maxsize=1)
def countries() -> tuple[Feature, ...]:
    """Country outlines clipped to the border area (property ``country`` is ISO 3166-1 alpha-2)."""
    return read_geojson(package_data("maps", "data", "border_area_countries.geojson"))


def project_rings(rings: tuple[Ring, ...]) -> tuple[Ring, ...]:
    """Rings in lon/lat degrees → rings in km of :data:`~regint.maps.projection.BORDER_LCC`."""
    out = []
    for ring in rings:
        x, y = BORDER_LCC.forward(ring[:, 0], ring[:, 1])
        out.append(np.column_stack([x, y]))
    return tuple(out)


@lru_cache(maxsize=1)
def projected_regions() -> dict[str, tuple[Ring, ...]]:
    """Region code → its rings in projected km (all polygons, exteriors and holes)."""
    return {f.properties["iso_3166_2"]: project_rings(f.rings()) for f in admin1()}


@lru_cache(maxsize=1)
def projected_countries() -> dict[str, tuple[Ring, ...]]:
    """Country code → its clipped outline rings in projected km."""
    return {f.properties["country"]: project_rings(f.rings()) for f in countries()}


@lru_cache(maxsize=1)
def geography() -> pd.DataFrame:
    """The shipped places, links and distances (``maps/data/geography.csv``), indexed by ``id``.

    Columns: id, kind (city, crossing, road, rail, distance), name_en, name_ru, country, lat, lon, path
    (place ids joined by ``;`` for links and distances), value, unit, status, source, url, note.
    """
    frame = pd.read_csv(package_data("maps", "data", "geography.csv"), dtype={"path": str, "country": str},
                        keep_default_na=False, na_values={"lat": [""], "lon": [""], "value": [""]})
    return frame.set_index("id", drop=False)


def places(kind: str | tuple[str, ...] = ("city", "crossing")) -> pd.DataFrame:
    """The rows of :func:`geography` of the given kind(s) that have coordinates."""
    kinds = (kind,) if isinstance(kind, str) else kind
    geo = geography()
    return geo[geo["kind"].isin(kinds) & geo["lat"].notna()]


def link_lonlat(link_id: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lon and lat arrays of the places a link of :func:`geography` passes through, in order."""
    geo = geography()
    ids = str(geo.at[link_id, "path"]).split(";")
    return (geo.loc[ids, "lon"].to_numpy(dtype=float), geo.loc[ids, "lat"].to_numpy(dtype=float))


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float, radius: float = 6371.0088) -> float:
    r"""Great-circle distance in km by the haversine formula.

    .. math:: d = 2R\arcsin\sqrt{\sin^2\frac{\Delta\varphi}{2} + \cos\varphi_1\cos\varphi_2
              \sin^2\frac{\Delta\lambda}{2}}

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope* 68(2), 159.
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlam = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    return float(2 * radius * np.arcsin(np.sqrt(h)))
