"""regint.maps: projection, shipped geography, and the maps drawn by matplotlib and plotly.

The observation frames here are HAND-MADE for the tests (not real data).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import PathPatch

from regint.data.catalogs import sources as source_catalog
from regint.errors import DataError, OptionError
from regint.maps import (
    BORDER_LCC,
    LambertConformalConic,
    choropleth_map,
    choropleth_spec,
    flows_spec,
    locator_map,
    locator_spec,
    pairs_spec,
    projected_extent,
    scenario_spec,
)
from regint.maps.classify import class_breaks, diverging_classes, sequential_classes
from regint.maps.geodata import admin1, geography, great_circle_km, projected_countries, projected_regions
from regint.maps.render_mpl import to_matplotlib

PAIRS = ("RU-SMO:BY-VI", "RU-SMO:BY-MA", "RU-PSK:BY-VI", "RU-BRY:BY-HO", "RU-BRY:BY-MA")


@pytest.fixture()
def panel() -> pd.DataFrame:
    """Hand-made GRP per capita: Russian regions only in RUB, so Belarusian regions are gaps."""
    rows = [("RU-SMO", 480_000.0), ("RU-PSK", 379_000.0), ("RU-BRY", 412_000.0), ("RU-TVE", 450_000.0),
            ("RU-KLU", 600_000.0), ("RU-MOS", 800_000.0)]
    frame = pd.DataFrame([dict(region=r, indicator="grp_per_capita", period="2021", value=v, unit="RUB",
                               currency="RUB", price_basis="current", source="rosstat_vrp", status="official")
                          for r, v in rows])
    other_year = frame.assign(period="2020", value=frame["value"] * 0.9)
    return pd.concat([frame, other_year], ignore_index=True)


def _patches(fig) -> dict[str, PathPatch]:
    ax = fig.axes[0]
    return {p.get_gid()[5:]: p for p in ax.patches if str(p.get_gid()).startswith("area:")}


# ---------------------------------------------------------------- projection

def test_snyder_spherical_example() -> None:
    # Snyder (1987), Map Projections - A Working Manual, USGS PP 1395, p. 295 (Lambert conformal conic,
    # sphere): R = 1, phi1 = 33 N, phi2 = 45 N, origin 23 N 96 W; point 35 N 75 W ->
    # n = 0.6304777, F = 1.9550002, rho0 = 1.5071429, x = 0.2966785, y = 0.2462112.
    proj = LambertConformalConic(lat1=33, lat2=45, lat0=23, lon0=-96, radius=1.0)
    n, f, rho0 = proj._constants
    assert (n, f, rho0) == pytest.approx((0.6304777, 1.9550002, 1.5071429), abs=2e-7)
    x, y = proj.forward(-75.0, 35.0)
    assert (float(x), float(y)) == pytest.approx((0.2966785, 0.2462112), abs=2e-7)


def test_round_trip_and_scale() -> None:
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(18, 45, 500), rng.uniform(48, 63, 500)
    back = BORDER_LCC.inverse(*BORDER_LCC.forward(lon, lat))
    np.testing.assert_allclose(back, (lon, lat), atol=1e-9)
    assert BORDER_LCC.scale_factor([52.0, 58.0]) == pytest.approx([1.0, 1.0], abs=1e-12)
    k = BORDER_LCC.scale_factor(np.linspace(50.5, 60, 50))
    assert np.all(np.abs(k - 1) < 0.003)  # true within 0.3 % over the border area


def test_smolensk_vitebsk_distance_matches_great_circle() -> None:
    # Great-circle Smolensk-Vitebsk 126.4 km: maps/data/geography.csv row gc_smolensk_vitebsk, from
    # ../shared/data/sources/geo_distances/great_circle_km_derived.csv (haversine on GeoNames, R = 6371.0088).
    geo = geography()
    reference = float(geo.at["gc_smolensk_vitebsk", "value"])
    assert reference == 126.4
    a, b = geo.loc["smolensk"], geo.loc["vitebsk"]
    assert great_circle_km(a.lon, a.lat, b.lon, b.lat) == pytest.approx(reference, abs=0.05)
    x, y = BORDER_LCC.forward([a.lon, b.lon], [a.lat, b.lat])
    assert float(np.hypot(np.diff(x), np.diff(y))[0]) == pytest.approx(reference, rel=0.01)


def test_all_shipped_distances_within_one_percent() -> None:
    geo = geography()
    for row in geo[geo["kind"] == "distance"].itertuples():
        ids = row.path.split(";")
        x, y = BORDER_LCC.forward(geo.loc[ids, "lon"].to_numpy(), geo.loc[ids, "lat"].to_numpy())
        assert float(np.hypot(np.diff(x), np.diff(y))[0]) == pytest.approx(row.value, rel=0.01), row.id


def test_extent_holds_the_border_area() -> None:
    xmin, xmax, ymin, ymax = projected_extent()
    x, y = BORDER_LCC.forward([23, 40, 23, 40, 31], [50.5, 50.5, 60, 60, 55])
    assert np.all((x >= xmin - 1e-6) & (x <= xmax + 1e-6) & (y >= ymin - 1e-6) & (y <= ymax + 1e-6))


# ---------------------------------------------------------------- shipped geography

def test_every_polygon_projects_to_finite_coordinates() -> None:
    shapes = list(projected_regions().values()) + list(projected_countries().values())
    assert len(shapes) == 41 + 8
    for rings in shapes:
        for ring in rings:
            assert ring.shape[1] == 2 and len(ring) >= 4 and np.isfinite(ring).all()
    codes = set(projected_regions())
    assert {"RU-SMO", "BY-VI", "RU-PSK", "RU-BRY", "BY-MA", "BY-HO", "BY-MI", "BY-HM"} <= codes


def test_geography_rows_have_provenance() -> None:
    geo = geography()
    catalog = set(source_catalog().index)
    assert set(geo["kind"]) == {"city", "crossing", "road", "rail", "distance"}
    assert geo["status"].isin(["secondary", "derived"]).all()
    assert geo["source"].isin(catalog).all()
    assert geo["url"].str.startswith("http").all()
    assert (geo.loc[geo["kind"].isin(["crossing", "road", "rail", "distance"]), "status"] == "derived").all()


def test_shipped_admin1_features_unchanged(sources: Path) -> None:
    full = json.loads((sources / "boundaries" / "ru_by_admin1.geojson").read_text("utf-8"))
    by_code = {f["properties"]["iso_3166_2"]: f for f in full["features"]}
    for feature in admin1():
        code = feature.properties["iso_3166_2"]
        assert feature.properties == by_code[code]["properties"]
        geom = by_code[code]["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        flat = [np.asarray(r) for poly in polys for r in poly]
        assert all(np.array_equal(a, b) for a, b in zip(feature.rings(), flat, strict=True))


def test_shipped_cities_match_shared(sources: Path) -> None:
    with open(sources / "geo_distances" / "city_coordinates_geonames.csv", encoding="utf-8") as fh:
        shared = {r["geonameid"]: r for r in csv.DictReader(fh)}
    cities = geography()[geography()["kind"] == "city"]
    for row in cities.itertuples():
        ref = shared[row.url.rsplit("/", 1)[1]]
        assert (row.lat, row.lon) == (float(ref["latitude"]), float(ref["longitude"]))


def test_geography_agrees_with_shipped_dataset() -> None:
    from regint._paths import package_data

    path = package_data("data", "shipped", "world_geo_cities.parquet")
    if not path.exists():
        pytest.skip("the shipped dataset (regint/data/shipped/world_geo_cities.parquet) is not built")
    shipped = pd.read_parquet(path).set_index("geonameid")
    cities = geography()[geography()["kind"] == "city"]
    for row in cities.itertuples():
        ref = shipped.loc[int(row.url.rsplit("/", 1)[1])]
        assert (row.lat, row.lon, row.value) == (ref["latitude"], ref["longitude"], ref["population"])


# ---------------------------------------------------------------- classes

def test_class_breaks() -> None:
    v = np.arange(1.0, 11.0)
    assert class_breaks(v, 5, "equal") == pytest.approx(np.linspace(1, 10, 6))
    assert class_breaks(v, 2, "quantiles") == pytest.approx([1.0, 5.5, 10.0])
    cls = sequential_classes(v, k=2, scheme="quantiles")
    assert list(cls.assign([1.0, 5.5, 5.6, 10.0, np.nan])) == [0, 0, 1, 1, -1]
    with pytest.raises(OptionError, match=r"classes must be one of \{'quantiles', 'equal'\}; got 'jenks'"):
        class_breaks(v, 3, "jenks")  # type: ignore[arg-type]


def test_diverging_classes_are_centred_on_zero() -> None:
    cls = diverging_classes([-1.0, 0.5, 3.0], k=6)
    assert cls.breaks[3] == 0.0 and cls.breaks[0] == -cls.breaks[-1] == -3.0
    assert list(cls.assign([-0.1, 0.1])) == [2, 3]


# ---------------------------------------------------------------- choropleth

def test_choropleth_colours_data_and_hatches_gaps(panel: pd.DataFrame) -> None:
    fig = choropleth_map(panel, "grp_per_capita", 2021, lang="en")
    patches = _patches(fig)
    smo, vi = patches["RU-SMO"], patches["BY-VI"]
    assert not smo.get_hatch() and smo.get_facecolor()[:3] != pytest.approx((0.851, 0.851, 0.851), abs=0.01)
    assert vi.get_hatch() == "////"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "no data" in legend
    assert "RUB" in fig.axes[0].get_legend().get_title().get_text()
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "GRP per capita, 2021" in texts and "Rosstat" in texts


def test_choropleth_same_class_same_colour(panel: pd.DataFrame) -> None:
    spec = choropleth_spec(panel, "grp_per_capita", 2021, classes="equal", k=2)
    faces = {a.key: a.face for a in spec.areas}
    # equal intervals of [379,000; 800,000]: edge 589,500 -> PSK, BRY, TVE, SMO low; KLU, MOS high
    assert faces["RU-PSK"] == faces["RU-SMO"] != faces["RU-MOS"] == faces["RU-KLU"]


def test_choropleth_refuses_mixed_currencies(panel: pd.DataFrame) -> None:
    by = pd.DataFrame([dict(region="BY-VI", indicator="grp_per_capita", period="2021", value=15_000.0,
                            unit="BYN", currency="BYN", price_basis="current", source="belstat_stranoved",
                            status="official")])
    with pytest.raises(DataError, match=r"more than one unit/currency .*BYN.*RUB|RUB.*BYN"):
        choropleth_spec(pd.concat([panel, by]), "grp_per_capita", 2021)
    with pytest.raises(DataError, match="indicator 'cpi' is not in the frame"):
        choropleth_spec(panel, "cpi", 2021)


def test_choropleth_year_without_data_is_all_gaps(panel: pd.DataFrame) -> None:
    spec = choropleth_spec(panel, "grp_per_capita", 1999)
    assert all(a.hatch for a in spec.areas if a.key in projected_regions())
    assert "no data for this year (2020–2021)" in spec.subtitle


def test_russian_labels(panel: pd.DataFrame) -> None:
    spec = choropleth_spec(panel, "grp_per_capita", 2021, lang="ru")
    assert spec.title == "ВРП на душу населения, 2021"
    assert any(i.label == "нет данных" for i in spec.legend)
    assert any(lb.text == "Смоленская\nобласть" for lb in spec.labels)
    smo = next(a for a in spec.areas if a.key == "RU-SMO")
    assert "480\u202f000" in smo.hover and "официальные" in smo.hover
    with pytest.raises(OptionError, match=r"lang must be one of \{'ru', 'en'\}; got 'de'"):
        locator_spec("de")  # type: ignore[arg-type]


# ---------------------------------------------------------------- output formats

def test_pdf_and_svg_are_vector(panel: pd.DataFrame) -> None:
    fig = choropleth_map(panel, "grp_per_capita", 2021, lang="ru")
    pdf = io.BytesIO()
    fig.savefig(pdf, format="pdf")
    data = pdf.getvalue()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    text = svg.getvalue().decode("utf-8")
    assert "<image" not in text and 'id="area:RU-SMO"' in text and "<path" in text


def test_locator_map_layers() -> None:
    fig = locator_map("en")
    ax = fig.axes[0]
    gids = {str(a.get_gid()) for a in ax.get_children()}
    assert {"area:RU-SMO", "area:BY-VI", "line:m1_e30", "line:rail_smolensk_orsha", "point:crossing_m1",
            "point:moscow", "point:orsha"} <= gids
    patches = _patches(fig)
    assert patches["RU-SMO"].get_facecolor() == patches["BY-VI"].get_facecolor()
    assert patches["RU-SMO"].get_facecolor() != patches["RU-TVE"].get_facecolor()
    labels = {t.get_text() for t in ax.texts}
    assert {"Smolensk", "Vitebsk", "Orsha", "Moscow", "Smolensk\nOblast"} <= labels
    heavy = [ln for ln in ax.lines if str(ln.get_gid()).startswith("line:border:BY")]
    thin = max(p.get_linewidth() for p in ax.patches if str(p.get_gid()).startswith("area:RU-"))
    assert heavy and min(ln.get_linewidth() for ln in heavy) > thin


# ---------------------------------------------------------------- pairs, flows, scenario

def test_pairs_map_labels_value_and_interval() -> None:
    values = pd.DataFrame({"pair": PAIRS, "value": [0.62, 0.55, 0.41, 0.48, 0.37],
                           "lower": [0.55, 0.47, 0.30, 0.40, 0.28], "upper": [0.70, 0.63, 0.52, 0.57, 0.45],
                           "year": 2020, "status": "derived", "source": "regint_derived"})
    spec = pairs_spec(values, label="Index")
    assert any(lb.text == "0.62\n[0.55; 0.70]" for lb in spec.labels)
    line = next(ln for ln in spec.lines if ln.key == "pair:RU-SMO:BY-VI")
    assert "Index: 0.62" in line.hover and "2020" in line.hover and "derived" in line.hover
    with pytest.raises(DataError, match="'RU-SMO-BY-VI' must be written 'REGION_A:REGION_B'"):
        pairs_spec(pd.DataFrame({"pair": ["RU-SMO-BY-VI"], "value": [1.0]}))


def test_flow_widths_follow_values() -> None:
    flows = pd.DataFrame({"origin": ["RU-SMO", "BY-VI", "RU-BRY"], "destination": ["BY-VI", "RU-SMO", "orsha"],
                          "value": [100.0, 400.0, np.nan]})
    spec = flows_spec(flows, max_width=8.0)
    width = {ln.key: ln.width for ln in spec.lines if ln.key.startswith("flow:")}
    assert width == {"flow:BY-VI>RU-SMO": 8.0, "flow:RU-SMO>BY-VI": 2.0}
    assert "No data: Bryansk Oblast → Orsha" in spec.subtitle
    with pytest.raises(DataError, match="negative value"):
        flows_spec(flows.assign(value=[-1.0, 1.0, 1.0]))


def test_scenario_map_diverges_around_zero() -> None:
    results = pd.DataFrame({"region": ["RU-SMO", "BY-VI", "RU-BRY"], "value": [2.0, 1.0, -1.0]})
    spec = scenario_spec(results, regions=["RU-SMO", "BY-VI", "RU-BRY", "BY-MA"])
    faces = {a.key: a for a in spec.areas}
    cls = spec.meta["classes"]
    assert faces["RU-BRY"].face in cls.colors[:3] and faces["RU-SMO"].face in cls.colors[3:]
    assert faces["BY-MA"].hatch and not faces["RU-TVE"].hatch


# ---------------------------------------------------------------- plotly

def test_plotly_hover_has_value_year_status_source(panel: pd.DataFrame) -> None:
    pytest.importorskip("plotly")
    from regint.maps import choropleth_map_plotly, locator_map_plotly

    fig = choropleth_map_plotly(panel, "grp_per_capita", 2021, lang="en")
    smo = next(t for t in fig.data if t.name == "RU-SMO")
    assert smo.fill == "toself" and smo.hoveron == "fills"
    for part in ("480,000 RUB", "year: 2021", "status: official", "source: Rosstat", "rosstat_vrp"):
        assert part in smo.text
    vi = next(t for t in fig.data if t.name == "BY-VI")
    assert "no data" in vi.text and vi.fillpattern.shape == "/"
    assert fig.layout.yaxis.scaleanchor == "x"
    ru = locator_map_plotly("ru")
    assert ru.layout.title.text.startswith("<b>Смоленская и Витебская")
    assert "государственная граница" in [t.name for t in ru.data if t.showlegend]


def test_same_spec_both_renderers(panel: pd.DataFrame) -> None:
    pytest.importorskip("plotly")
    from regint.maps.render_plotly import to_plotly

    spec = choropleth_spec(panel, "grp_per_capita", 2021)
    fig_p = to_plotly(spec)
    fig_m = to_matplotlib(spec)
    areas = {a.key for a in spec.areas}
    assert areas == {t.name for t in fig_p.data if t.fill == "toself" and not t.showlegend}
    assert areas == set(_patches(fig_m))
