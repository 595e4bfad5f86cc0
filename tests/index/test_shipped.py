"""The default border-pair index on the REAL shipped dataset (Rosstat, Belstat, WDI figures shipped with regint).

Checks the promises of the default framework: a window chosen from the data, every dimension computable for
the five Union State border pairs in every year of it, and nothing outside it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from regint.data.catalogs import regions
from regint.data.store import shipped_dataset_path
from regint.index import BORDER_PAIRS, build_pair_index
from regint.index.pairs import catalog_distances, default_framework


@pytest.fixture(scope="module")
def shipped_result():
    path = shipped_dataset_path()
    if not path.exists():
        pytest.skip(f"the shipped dataset {path} is not built")
    panel = pd.read_parquet(path)
    return build_pair_index(panel, BORDER_PAIRS, None, 64, distances=catalog_distances(regions(), BORDER_PAIRS))


def test_window_is_where_the_pair_data_exist(shipped_result) -> None:
    first, last = shipped_result.window
    assert 2000 <= first <= 2005 and last == 2016  # Belstat oblast series in the shipped data end in 2016
    years = set(range(first, last + 1))
    assert set(shipped_result.indicators["year"]) == years
    assert set(shipped_result.scores.index.get_level_values("year")) == years
    assert shipped_result.uncertainty is not None
    assert set(shipped_result.uncertainty.intervals.index.get_level_values("year")) == years
    assert f"window {first}–{last}" in shipped_result.summary()


def test_every_dimension_has_an_indicator_for_all_pairs(shipped_result) -> None:
    fw = default_framework()
    first, last = shipped_result.window
    t = shipped_result.indicators
    full = (t[t["value"].notna()].groupby(["indicator", "year"])["pair"].nunique() == len(BORDER_PAIRS))
    for dim in fw.dimensions:
        codes = [c for c in fw.indicators if fw.table.at[c, "parent"] == dim]
        for year in range(first, last + 1):
            ok = [c for c in codes if full.get((c, year), False)]
            assert ok, f"dimension {dim!r} has no indicator with data for all five pairs in {year}"
    assert shipped_result.dropped == ()


def test_scores_are_complete_and_bands_contain_the_nominal(shipped_result) -> None:
    frame = shipped_result.to_frame()
    assert frame["score"].notna().all() and frame.index.get_level_values("pair").nunique() == 5
    iv = shipped_result.uncertainty.intervals
    inside = (iv["p05_score"] <= iv["nominal_score"] + 10) & (iv["nominal_score"] - 10 <= iv["p95_score"])
    assert inside.all()  # no band collapsed to the bottom of the scale (the former 1.00 bands)
