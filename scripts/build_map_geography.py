"""Build ``src/regint/maps/data/geography.csv`` (cities, the M1 crossing, road and rail links, distances).

The inputs are the shipped dataset's ``regint/data/shipped/world_geo_{cities,facts,great_circle}.parquet``
(built by ``regint.data.build`` from ``../shared/data/sources/geo_distances``, see its PROVENANCE.md); where
those are absent, the CSV files in ``../shared`` themselves. The crossing position uses the Natural Earth
Belarus outline shipped in ``regint/maps/data/border_area_countries.geojson``.

* cities — GeoNames coordinates and populations (``city_coordinates_geonames.csv``; source ``geonames``,
  status ``secondary``, address ``https://www.geonames.org/<geonameid>``); Russian names typed here;
* the M1/E30 crossing Redki (BY) – Krasnoye (RU), "Krasnaya Gorka" (fact G03 of ``road_and_border_facts.csv``).
  No page gave its coordinates, so its position is DERIVED: the point where the straight line Smolensk–Orsha
  crosses the Belarus outline. It is schematic (a few km off at most), status ``derived``;
* links — M1/E30 Moscow–Smolensk–crossing–Orsha–Minsk (facts G01–G06) and the regional rail links
  Smolensk–Orsha and Smolensk–Vitebsk (fact G11), as SCHEMATIC straight lines between the listed places
  (status ``derived``, source ``regint_derived``); the address is the page of the fact;
* distances — the great-circle distances of ``great_circle_km_derived.csv`` (haversine on the GeoNames
  coordinates, R = 6371.0088 km; NOT road distances), status ``derived``.

Run: ``python scripts/build_map_geography.py``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from regint._paths import package_data, shared_dir

NAMES: dict[str, tuple[str, str, str]] = {
    # GeoNames name -> (id, name_en, name_ru)
    "Smolensk": ("smolensk", "Smolensk", "Смоленск"),
    "Vitebsk": ("vitebsk", "Vitebsk", "Витебск"),
    "Minsk": ("minsk", "Minsk", "Минск"),
    "Mogilev (Mahilyow)": ("mogilev", "Mogilev", "Могилёв"),
    "Gomel (Homyel')": ("gomel", "Gomel", "Гомель"),
    "Orsha": ("orsha", "Orsha", "Орша"),
    "Polotsk": ("polotsk", "Polotsk", "Полоцк"),
    "Novopolotsk": ("novopolotsk", "Novopolotsk", "Новополоцк"),
    "Pskov": ("pskov", "Pskov", "Псков"),
    "Bryansk": ("bryansk", "Bryansk", "Брянск"),
    "Velikiye Luki": ("velikiye_luki", "Velikiye Luki", "Великие Луки"),
    "Roslavl": ("roslavl", "Roslavl", "Рославль"),
    "Moscow": ("moscow", "Moscow", "Москва"),
}
COLUMNS = ("id", "kind", "name_en", "name_ru", "country", "lat", "lon", "path", "value", "unit", "status",
           "source", "url", "note")


def _segment_intersection(p, q, a, b):
    """Intersection point of segments p–q and a–b (2-D), or ``None``."""
    d1 = (q[0] - p[0], q[1] - p[1])
    d2 = (b[0] - a[0], b[1] - a[1])
    den = d1[0] * d2[1] - d1[1] * d2[0]
    if den == 0:
        return None
    t = ((a[0] - p[0]) * d2[1] - (a[1] - p[1]) * d2[0]) / den
    u = ((a[0] - p[0]) * d1[1] - (a[1] - p[1]) * d1[0]) / den
    if 0 <= t <= 1 and 0 <= u <= 1:
        return p[0] + t * d1[0], p[1] + t * d1[1]
    return None


def border_crossing(p: tuple[float, float], q: tuple[float, float], outline: dict) -> tuple[float, float]:
    """Where the segment p–q (lon, lat) crosses the outline's rings; exactly one crossing is expected."""
    geom = outline["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    hits = []
    for poly in polys:
        for ring in poly:
            for a, b in zip(ring[:-1], ring[1:], strict=True):
                hit = _segment_intersection(p, q, a, b)
                if hit is not None:
                    hits.append(hit)
    if len(hits) != 1:
        raise SystemExit(f"expected one border crossing of the line, found {len(hits)}")
    return hits[0]


def _row(**fields: object) -> dict[str, object]:
    return {c: fields.get(c, "") for c in COLUMNS}


def _table(name: str, csv_name: str, rename: dict[str, str]) -> pd.DataFrame:
    """A shipped ``world_geo_<name>.parquet``, else the ``geo_distances`` CSV of ``../shared``."""
    parquet = Path(package_data("data", "shipped", f"world_geo_{name}.parquet"))
    if parquet.exists():
        return pd.read_parquet(parquet)
    shared = shared_dir()
    if shared is None:
        raise SystemExit(f"neither {parquet} nor ../shared is present; build the shipped dataset first.")
    frame = pd.read_csv(shared / "data" / "sources" / "geo_distances" / csv_name, dtype={"value": str})
    return frame.rename(columns=rename)


def build() -> list[dict[str, object]]:
    cities = _table("cities", "city_coordinates_geonames.csv", {"population_geonames": "population"})
    facts = _table("facts", "road_and_border_facts.csv", {}).set_index("id")
    distances = _table("great_circle", "great_circle_km_derived.csv", {"great_circle_km": "km"})
    rows: list[dict[str, object]] = []
    coords: dict[str, tuple[float, float]] = {}
    for rec in cities.itertuples(index=False):
        cid, en, ru = NAMES[rec.city]
        lat, lon = float(rec.latitude), float(rec.longitude)
        coords[cid] = (lon, lat)
        rows.append(_row(id=cid, kind="city", name_en=en, name_ru=ru, country=rec.country, lat=lat, lon=lon,
                         value=int(rec.population), unit="persons", status="secondary", source="geonames",
                         url=f"https://www.geonames.org/{rec.geonameid}",
                         note=f"GeoNames cities15000 via {str(rec.source).split(',')[0]}; name_ru typed"))
    outlines = json.loads(Path(package_data("maps", "data", "border_area_countries.geojson")).read_text("utf-8"))
    belarus = next(f for f in outlines["features"] if f["properties"]["country"] == "BY")
    lon, lat = border_crossing(coords["smolensk"], coords["orsha"], belarus)
    rows.append(_row(id="crossing_m1", kind="crossing", name_en="Redki – Krasnoye (Krasnaya Gorka), M1/E30",
                     name_ru="Редьки – Красное («Красная Горка»), М1/E30", country="RU/BY",
                     lat=round(lat, 4), lon=round(lon, 4), status="derived", source="regint_derived",
                     url=facts.at["G03", "source_url"],
                     note="name: fact G03; position DERIVED (straight line Smolensk–Orsha meets the Natural "
                          "Earth RU/BY border), schematic; no full international checkpoint (G10, 2018)"))
    rows.append(_row(id="m1_e30", kind="road", name_en="M1/E30 Moscow – Smolensk – Orsha – Minsk (schematic)",
                     name_ru="М1/E30 Москва – Смоленск – Орша – Минск (схематично)",
                     path="moscow;smolensk;crossing_m1;orsha;minsk", value=facts.at["G02", "value"],
                     unit="km (M1 in Russia)", status="derived", source="regint_derived",
                     url=facts.at["G02", "source_url"],
                     note="straight lines between the places, not the road's course; M1 (RU) 440 km MKAD–border "
                          "(G02, G05), M1 (BY) continues via Orsha, Borisov, Minsk to Brest (G06)"))
    g11 = facts.loc["G11"]
    for cid, via_en, via_ru, to in (("rail_smolensk_orsha", "Osinovka", "Осиновка", "orsha"),
                                    ("rail_smolensk_vitebsk", "Zaolsha", "Заольша", "vitebsk")):
        to_en, to_ru = next((n[1], n[2]) for n in NAMES.values() if n[0] == to)
        rows.append(_row(id=cid, kind="rail", name_en=f"Rail Smolensk – {via_en} – {to_en} (schematic)",
                         name_ru=f"Ж/д Смоленск – {via_ru} – {to_ru} (схематично)", path=f"smolensk;{to}",
                         status="derived", source="regint_derived", url=g11["source_url"],
                         note=f"regional passenger rail, {g11['value']} (fact G11); straight line, not the track"))
    by_name = {k: v[0] for k, v in NAMES.items()}
    for start, end, km, note in distances[["from", "to", "km", "note"]].itertuples(index=False, name=None):
        a, b = by_name[start], by_name[end]
        rows.append(_row(id=f"gc_{a}_{b}", kind="distance", path=f"{a};{b}", value=float(km), unit="km",
                         status="derived", source="regint_derived", url="https://www.geonames.org", note=note))
    return rows


def main() -> None:
    rows = build()
    out = Path(package_data("maps", "data", "geography.csv"))
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
