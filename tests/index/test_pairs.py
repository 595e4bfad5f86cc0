"""The default index of the Union State border pairs, on a small HAND-MADE frame (not real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, OptionError
from regint.index import BORDER_PAIRS, Framework, FrameworkError, build_pair_index, pair_indicators
from regint.index.pairs import (
    PAIR_DEFAULT_SPEC,
    catalog_distances,
    data_window,
    full_framework,
    great_circle_km,
    parse_years,
    unit_multiplier,
)


def _value(frame: pd.DataFrame, pair: str, year: int, indicator: str) -> pd.Series:
    m = (frame["pair"] == pair) & (frame["year"] == year) & (frame["indicator"] == indicator)
    return frame.loc[m].iloc[0]


def test_pair_indicator_values_by_hand(handmade_panel, handmade_distances) -> None:
    out = pair_indicators(handmade_panel, distances=handmade_distances)
    assert set(out["pair"]) == set(BORDER_PAIRS)
    row = _value(out, "RU-SMO:BY-VI", 2015, "cis_trade_openness")
    # (500 + 600 + 1500 + 1200) mln USD / (300,000 mln RUB / 60 + 12,000 mln BYN / 2) = 3800 / 11000
    assert row["value"] == pytest.approx(100 * 3800 / 11000)
    assert row["coverage"] == 1.0 and row["missing"] == ""
    gap = _value(out, "RU-SMO:BY-VI", 2015, "income_gap")["value"]
    a, b = 320_000 / 60, 10_000 / 2  # GRP per capita in USD of the two sides
    assert gap == pytest.approx(abs(a - b) / max(a, b))  # relative_gap, the one definition of a gap
    assert _value(out, "RU-BRY:BY-HO", 2015, "distance_km")["value"] == 280.0


def test_gaps_are_reported_not_filled(handmade_panel, handmade_distances) -> None:
    out = pair_indicators(handmade_panel, distances=handmade_distances)
    row = _value(out, "RU-PSK:BY-VI", 2016, "freight_per_capita")
    assert np.isnan(row["value"]) and row["coverage"] == pytest.approx(0.75)
    assert row["missing"] == "RU-PSK freight"
    assert np.isnan(_value(out, "RU-SMO:BY-VI", 2015, "partner_trade_share")["value"])
    first = _value(out, "RU-SMO:BY-VI", 2015, "population_growth")
    assert np.isnan(first["value"])  # no previous year
    no_dist = pair_indicators(handmade_panel)
    assert no_dist.loc[no_dist["indicator"] == "distance_km", "value"].isna().all()


def test_redenomination_and_units(handmade_panel) -> None:
    assert unit_multiplier("mln USD") == 1e6 and unit_multiplier("thous. persons") == 1e3
    assert unit_multiplier("%") == 1.0
    byr = handmade_panel.copy()
    sel = (byr["region"] == "BY-VI") & (byr["indicator"] == "grp")
    byr.loc[sel, "value"] *= 10_000
    byr.loc[sel, "currency"] = "BYR"
    a = pair_indicators(handmade_panel, ["RU-SMO:BY-VI"])
    b = pair_indicators(byr, ["RU-SMO:BY-VI"])
    pd.testing.assert_frame_equal(a, b)


def test_new_measures_by_hand(handmade_panel, handmade_distances) -> None:
    out = pair_indicators(handmade_panel, distances=handmade_distances)
    row = _value(out, "RU-SMO:BY-VI", 2015, "trade_per_capita")
    assert row["value"] == pytest.approx((900 + 1100 + 2500 + 2000) * 1e6 / (940_000 + 1_170_000))
    assert row["basis"] == "symmetric"
    assert "RU-SMO exports_usd: handmade" in row["sources"]
    cis = _value(out, "RU-SMO:BY-VI", 2015, "cis_share_ru")
    assert cis["value"] == pytest.approx(100 * 1100 / 2000) and cis["basis"] == "one-sided RU"
    assert "BY-VI" not in cis["sources"]
    wage = _value(out, "RU-SMO:BY-VI", 2015, "wage_gap_ppp")
    a, b = 30_000 / 25.0, 1_000 / 0.8  # wages at PPP of the two sides
    assert wage["value"] == pytest.approx(abs(a - b) / max(a, b))  # relative_gap, the one definition of a gap
    assert "BY-VI ppp: BY national: handmade" in wage["sources"]  # the national series, labelled
    infl = _value(out, "RU-SMO:BY-VI", 2015, "inflation_gap_by_national")
    assert infl["value"] == pytest.approx(abs((105.0 - 100.0) - 10.0)) and infl["basis"] == "national proxy BY"
    emp = _value(out, "RU-BRY:BY-HO", 2016, "employment_rate_gap")["value"]
    assert emp == pytest.approx(100 * abs(560 / 1_200_000 - 660 / 1_400_000) * 1e3)
    nx_a, nx_b = (600 - 900) / 1500, (4000 - 3000) / 7000
    assert _value(out, "RU-BRY:BY-HO", 2015, "trade_balance_complementarity")["value"] == pytest.approx(
        0.5 * abs(nx_a - nx_b))
    ent = _value(out, "RU-PSK:BY-VI", 2015, "enterprise_density_by")["value"]
    assert ent == pytest.approx(1000 * 9_000 / 1_170_000)  # the Belarusian side, whatever the order
    swapped = pair_indicators(handmade_panel, ["BY-VI:RU-PSK"], codes=["enterprise_density_by"])
    assert swapped.loc[swapped["year"] == 2015, "value"].iloc[0] == pytest.approx(ent)
    assert _value(out, "RU-SMO:BY-MA", 2015, "shared_border")["value"] == 1.0


def test_window_from_data_and_explicit(handmade_panel, handmade_distances) -> None:
    assert parse_years("2005-2016") == (2005, 2016) and parse_years("2010") == (2010, 2010)
    with pytest.raises(DataError, match="must be written as 'YYYY-YYYY'"):
        parse_years("2005 to 2016")
    long = pair_indicators(handmade_panel, distances=handmade_distances)
    assert data_window(long) == (2015, 2018)
    res = build_pair_index(handmade_panel, distances=handmade_distances, uncertainty=0, years="2016-2017")
    assert res.window == (2016, 2017) and "given by the user" in res.summary()
    assert set(res.scores.index.get_level_values("year")) == {2016, 2017}
    assert set(res.indicators["year"]) == {2016, 2017}
    wide = build_pair_index(handmade_panel, distances=handmade_distances, uncertainty=0, years=(2014, 2019))
    assert set(wide.indicators["year"]) == set(range(2014, 2020))  # years without data are shown as gaps
    assert wide.indicators.loc[wide.indicators["year"] == 2019, "value"].isna().all()


def test_default_framework_on_handmade(handmade_panel, handmade_distances) -> None:
    res = build_pair_index(handmade_panel, distances=handmade_distances, uncertainty=200)
    assert res.constant == ("shared_border",)  # every default pair shares a border: no information
    assert res.dropped == ()
    assert res.index.spec == PAIR_DEFAULT_SPEC and res.index.spec.imputations() == ("interpolate",)
    assert res.window == (2015, 2018) and "window 2015–2018" in res.summary()
    cov = res.indicator_coverage().set_index("indicator")
    assert cov.loc["cis_share_ru", "basis"] == "one-sided RU"
    assert (res.to_frame()["coverage"] > 0.9).all()


def test_no_carry_forward_by_default(handmade_panel, handmade_distances) -> None:
    late = handmade_panel[~((handmade_panel["indicator"] == "wage_nominal") & (handmade_panel["period"] == "2018")
                            & handmade_panel["region"].str.startswith("BY"))]
    res = build_pair_index(late, distances=handmade_distances, uncertainty=0)
    imputed = res.index.stages["Imputed"]["wage_gap_ppp"]
    assert imputed.xs(2018, level="year").isna().all()  # not carried forward beyond the last observation


def test_build_pair_index(handmade_panel, handmade_distances) -> None:
    res = build_pair_index(handmade_panel, framework=full_framework(), distances=handmade_distances,
                           uncertainty=1000)
    assert set(res.dropped) == {"partner_trade_share", "structural_dissimilarity"}
    ranks = res.ranks.unstack("year")
    for year in ranks.columns:
        assert sorted(ranks[year]) == [1, 2, 3, 4, 5]
    frame = res.to_frame()
    assert {"score", "rank", "trade", "connectivity", "median_rank", "p05_rank", "p95_rank"} <= set(frame.columns)
    assert res.uncertainty is not None and res.uncertainty.ranks.shape[1] == 6000
    assert (frame["p05_rank"] <= frame["p95_rank"]).all()
    assert res.index.imputed.to_numpy().sum() > 0  # the explicit, labelled imputation stage
    assert "left out for lack of data" in res.summary()


def test_pair_errors(handmade_panel) -> None:
    with pytest.raises(DataError, match="must be written as 'REGION_A:REGION_B'"):
        pair_indicators(handmade_panel, ["RU-SMO-BY-VI"])
    with pytest.raises(DataError, match="lacks columns"):
        pair_indicators(handmade_panel.drop(columns=["unit"]))
    with pytest.raises(DataError, match="the observation panel is empty"):
        build_pair_index(handmade_panel.iloc[:0], uncertainty=0)
    fw = Framework.from_frame(pd.DataFrame([{"code": "I", "parent": "", "weight": 1},
                                            {"code": "magic", "parent": "I", "weight": 1}]))
    with pytest.raises(FrameworkError, match=r"indicators \['magic'\] are not pair measures"):
        build_pair_index(handmade_panel, framework=fw, uncertainty=0)


def test_distances() -> None:
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    regions = pd.DataFrame({"code": ["RU-SMO", "BY-VI"], "lat": [54.95, 55.21], "lon": [32.99, 28.90]})
    d = catalog_distances(regions, ["RU-SMO:BY-VI", "RU-PSK:BY-VI"], points="catalog")
    assert 200 < d.loc[0, "distance_km"] < 300 and np.isnan(d.loc[1, "distance_km"])
    # administrative centres: Smolensk–Vitebsk 126.4 km great circle (GeoNames coordinates; the value derived
    # in ../shared/data/sources/geo_distances/great_circle_km_derived.csv with R = 6371.0088 km)
    c = catalog_distances(regions, ["RU-SMO:BY-VI", "RU-PSK:BY-VI"])
    assert c.loc[0, "distance_km"] == pytest.approx(126.4, abs=0.1)
    assert c.loc[1, "distance_km"] == pytest.approx(314.1, abs=0.1) and c.loc[1, "points"] == "centre Pskov – centre Vitebsk"
    with pytest.raises(OptionError, match="points must be one of"):
        catalog_distances(regions, ["RU-SMO:BY-VI"], points="capitals")  # type: ignore[arg-type]
