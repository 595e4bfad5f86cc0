"""Tidy readers of CEPII GeoDist, WITS bilateral trade 2009 and the geo_distances folder.

References: cepii_wits/PROVENANCE.md (verbatim RUS→BLR row of dist_cepii; BLR→RUS export 6,299,239.7 thous. USD);
geo_distances/PROVENANCE.md (haversine with R = 6371.0088 km: Smolensk–Vitebsk 126.4 km, Minsk–Moscow 675.2 km).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data import world
from regint.errors import LoaderError


@pytest.fixture()
def aux(fixtures: Path) -> Path:
    return fixtures / "auxiliary"


def test_cepii(sources: Path) -> None:
    path = sources / "cepii_wits" / "dist_cepii.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    d = world.read_cepii_distances(path)
    row = d[(d["iso_o"] == "RUS") & (d["iso_d"] == "BLR")].iloc[0]
    assert (row.contig, row.comlang_off, row.comlang_ethno, row.colony, row.col45) == (1, 0, 1, 1, 1)
    assert (row.dist, row.distcap, row.distw, row.distwces) == (686.9657, 686.9657, 1495.438, 994.2421)
    assert d["dist"].notna().all() and d["distw"].isna().sum() == 2215  # Stata '.' → NaN
    extract = world.read_cepii_distances(sources / "cepii_wits" / "dist_cepii_RUS_BLR_neighbours_extract.csv")
    merged = extract.merge(d, on=["iso_o", "iso_d"], suffixes=("", "_full"))
    assert len(merged) == len(extract) and (merged["distw"] == merged["distw_full"]).all()


def test_cepii_missing_column(aux: Path) -> None:
    with pytest.raises(LoaderError, match=r"cepii_missing_column.csv, row 1: missing column\(s\) \['comlang_off'"):
        world.read_cepii_distances(aux / "cepii_missing_column.csv")


def test_wits(sources: Path) -> None:
    path = sources / "cepii_wits" / "WITS_trade2009.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    w = world.read_wits_trade(path)
    assert set(w["flow"]) == {"export", "import"} and set(w["year"]) == {2009}
    blr = w[(w["reporter"] == "BLR") & (w["partner"] == "RUS")].set_index("flow")["value_usd"]
    assert blr["export"] == pytest.approx(6_299_239_700.0)
    assert blr["import"] == pytest.approx(14_894_177_200.0)
    assert w[(w["reporter"] == "RUS") & (w["partner"] == "BLR")].empty  # absent in this extract (PROVENANCE)


def test_wits_bad_flow(aux: Path) -> None:
    with pytest.raises(LoaderError, match=r"row 3, column TradeFlowName: trade flow 'Re-Export'"):
        world.read_wits_trade(aux / "wits_bad_flow.csv")


def test_geo(sources: Path) -> None:
    folder = sources / "geo_distances"
    if not folder.exists():
        pytest.skip(f"{folder} is absent")
    geo = world.read_geo(folder)
    cities = geo["cities"].set_index("city")
    assert cities.loc["Smolensk", "country"] == "RU" and cities.loc["Vitebsk", "latitude"] == 55.1904
    for r in geo["great_circle"].itertuples(index=False):
        a, b = cities.loc[r[0]], cities.loc[r[1]]
        km = world.great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)
        assert km == pytest.approx(r.km, abs=0.05), (r[0], r[1])
    assert set(geo["great_circle"]["status"]) == {"derived"}
    facts = geo["facts"].set_index("id")
    assert facts.loc["G02", "value_num"] == 440 and facts.loc["G02", "source_url"] == "https://radio-avtodor.ru/m1"
    assert facts.loc["G03", "value"] == "Redki - Krasnoye"


def test_great_circle_known_values() -> None:
    # A quarter of a meridian: pole to equator is pi/2 * R.
    assert world.great_circle_km(90, 0, 0, 0) == pytest.approx(3.141592653589793 / 2 * world.EARTH_RADIUS_KM)
    assert world.great_circle_km(54.0, 32.0, 54.0, 32.0) == 0.0


def test_geo_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="the folder does not exist"):
        world.read_geo(tmp_path / "nope")
    (tmp_path / "city_coordinates_geonames.csv").write_text("city,country\nSmolensk,RU\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"city_coordinates_geonames.csv, row 1: missing column\(s\) \['geonameid'"):
        world.read_geo(tmp_path)
