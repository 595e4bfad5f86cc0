"""Reduce the Natural Earth boundaries in ``../shared`` to the border area and ship them in ``regint.maps``.

Reads ``../shared/data/sources/boundaries/{ru_by_admin1,countries_outline}.geojson`` (public domain, see the
PROVENANCE.md there) and writes ``src/regint/maps/data/``:

* ``border_area_admin1.geojson`` — the Russian and Belarusian admin-1 features one of whose polygons has a
  bounding box that meets the clip box :data:`CLIP_BOX`, **whole and unchanged** (geometry and properties as in the shared file);
* ``border_area_countries.geojson`` — the country outlines that meet the clip box, each ring **clipped** to the
  clip box (Sutherland–Hodgman against the four sides of a lon/lat rectangle). Clipping adds straight edges
  along the clip box; the clip box is 2–3° wider than every map's view, so they never show on a map.
  Properties are unchanged.

The clip box holds the projected view of every map (``regint.maps.projection.projected_extent``, whose
corners reach 20.8° E, 42.4° E, 50.1° N and 60.3° N) with a margin. Output is deterministic (sorted keys,
coordinates as in the source, already rounded to 1e-4°). Run: ``python scripts/reduce_boundaries.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from regint._paths import package_data, shared_dir

CLIP_BOX: tuple[float, float, float, float] = (18.0, 45.0, 48.0, 62.5)
"""(west, east, south, north) in degrees."""

Ring = list[list[float]]


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs = [p[0] for poly in polys for ring in poly for p in ring]
    ys = [p[1] for poly in polys for ring in poly for p in ring]
    return min(xs), max(xs), min(ys), max(ys)


def _meets(bbox: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    return not (bbox[1] < box[0] or bbox[0] > box[1] or bbox[3] < box[2] or bbox[2] > box[3])


def _clip_side(ring: Ring, axis: int, bound: float, keep_above: bool) -> Ring:
    """One Sutherland–Hodgman pass: keep the part of an open ring on one side of ``coord[axis] = bound``."""

    def inside(p: list[float]) -> bool:
        return p[axis] >= bound if keep_above else p[axis] <= bound

    def cross(p: list[float], q: list[float]) -> list[float]:
        t = (bound - p[axis]) / (q[axis] - p[axis])
        point = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]
        point[axis] = bound
        return [round(point[0], 4), round(point[1], 4)]

    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring | None:
    """Clip a closed ring to a lon/lat rectangle; ``None`` when nothing is left."""
    west, east, south, north = box
    open_ring = ring[:-1] if ring[0] == ring[-1] else ring
    for axis, bound, above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        open_ring = _clip_side(open_ring, axis, bound, above)
        if len(open_ring) < 3:
            return None
    return open_ring + [open_ring[0]]


def clip_geometry(geometry: dict, box: tuple[float, float, float, float]) -> dict | None:
    """Clip a Polygon or MultiPolygon; returns a MultiPolygon (or ``None`` when it falls outside)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for poly in polys:
        if not _meets(_bbox({"type": "Polygon", "coordinates": poly}), box):
            continue
        exterior = clip_ring(poly[0], box)
        if exterior is None:
            continue
        holes = [h for h in (clip_ring(r, box) for r in poly[1:]) if h is not None]
        kept.append([exterior, *holes])
    return {"type": "MultiPolygon", "coordinates": kept} if kept else None


def _any_part_meets(geometry: dict, box: tuple[float, float, float, float]) -> bool:
    """Whether one polygon of the geometry meets the box (part by part: Chukotka spans the antimeridian)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return any(_meets(_bbox({"type": "Polygon", "coordinates": poly}), box) for poly in polys)


def reduce_admin1(collection: dict, box: tuple[float, float, float, float]) -> dict:
    keep = [f for f in collection["features"]
            if f["properties"]["country"] in ("RU", "BY") and _any_part_meets(f["geometry"], box)]
    keep.sort(key=lambda f: f["properties"]["iso_3166_2"])
    return {"type": "FeatureCollection", "features": keep}


def reduce_countries(collection: dict, box: tuple[float, float, float, float]) -> dict:
    out = []
    for feature in collection["features"]:
        clipped = clip_geometry(feature["geometry"], box)
        if clipped is not None:
            out.append({"type": "Feature", "properties": feature["properties"], "geometry": clipped})
    out.sort(key=lambda f: f["properties"]["country"])
    return {"type": "FeatureCollection", "features": out}


def main() -> None:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is not present: the full boundaries are needed to build the reduced files.")
    src = shared / "data" / "sources" / "boundaries"
    dest = Path(package_data("maps", "data"))
    dest.mkdir(parents=True, exist_ok=True)
    admin1 = reduce_admin1(json.loads((src / "ru_by_admin1.geojson").read_text("utf-8")), CLIP_BOX)
    countries = reduce_countries(json.loads((src / "countries_outline.geojson").read_text("utf-8")), CLIP_BOX)
    for name, data in (("border_area_admin1.geojson", admin1), ("border_area_countries.geojson", countries)):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (dest / name).write_text(text + "\n", encoding="utf-8")
        print(f"{name}: {len(data['features'])} features, {len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
