"""The default index of the Union State border pairs, on a small HAND-MADE frame (not real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.index import BORDER_PAIRS, Framework, FrameworkError, build_pair_index, pair_indicators
from regint.index.pairs import catalog_distances, great_circle_km, unit_multiplier


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
    assert gap == pytest.approx(abs(np.log((320_000 / 60) / (10_000 / 2))))
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


def test_build_pair_index(handmade_panel, handmade_distances) -> None:
    res = build_pair_index(handmade_panel, distances=handmade_distances, uncertainty=1000)
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
    d = catalog_distances(regions, ["RU-SMO:BY-VI", "RU-PSK:BY-VI"])
    assert 200 < d.loc[0, "distance_km"] < 300 and np.isnan(d.loc[1, "distance_km"])
