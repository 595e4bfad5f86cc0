"""Trade indicators: reference tests (economiccomplexity RCA), hand-computed examples, properties."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.errors import DataError, OptionError
from regint.indicators import trade

positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
flows = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e9))


@pytest.fixture(scope="module")
def world_trade(reference):
    path = reference / "trade_rca" / "world_trade_avg_1998_to_2000.csv.gz"
    return pd.read_csv(path, dtype={"country": str, "product": str, "value": float})


def test_rca_binary_matches_economiccomplexity_in_every_cell(world_trade, reference):
    # Reference: R package economiccomplexity (pachadotdev/economiccomplexity, commit 423d5b4), stored output
    # economiccomplexity_output$balassa_index (discrete = TRUE, cutoff = 1); ../shared/reference/trade_rca.
    got = trade.balassa_rca(world_trade, binary=True, layout="long")
    with gzip.open(reference / "trade_rca" / "reference_balassa_binary_ones_economiccomplexity.csv.gz") as fh:
        ones = pd.read_csv(fh, dtype=str)
    expected = pd.DataFrame(0, index=got.index, columns=got.columns)
    for c, p in ones.itertuples(index=False):
        expected.loc[c, p] = 1
    assert got.shape == (226, 785)
    assert int(got.to_numpy().sum()) == 31_951
    assert (got.to_numpy() == expected.to_numpy()).all()


def test_rca_continuous_spot_values(world_trade):
    # Spot values listed in ../shared/reference/trade_rca/EXPECTED.md (same data, same formula), tolerance 1e-6.
    rca = trade.balassa_rca(world_trade, layout="long")
    for country, product, value in [("chl", "6821", 39.400009), ("bra", "0711", 8.183344),
                                    ("jpn", "7810", 4.206734), ("deu", "7810", 4.072818),
                                    ("usa", "7924", 2.822665), ("chl", "0571", 0.350067)]:
        assert rca.loc[country, product] == pytest.approx(value, abs=1e-6)


def test_rca_wide_and_long_agree():
    long = pd.DataFrame({"country": ["a", "a", "b", "b", "a"], "product": ["x", "y", "x", "y", "x"],
                         "value": [1.0, 3.0, 2.0, 2.0, 1.0]})
    wide = pd.DataFrame({"x": [2.0, 2.0], "y": [3.0, 2.0]}, index=["a", "b"])
    pd.testing.assert_frame_equal(trade.balassa_rca(long, layout="long"), trade.balassa_rca(wide),
                                  check_names=False)
    # hand: world x share 4/9; a's x share 2/5 -> RCA 0.9
    assert trade.balassa_rca(wide).loc["a", "x"] == pytest.approx((2 / 5) / (4 / 9))


@settings(max_examples=40, deadline=None)
@given(arrays(float, (4, 5), elements=positive), st.floats(min_value=1e-4, max_value=1e4))
def test_rca_invariant_to_currency_units(matrix, rate):
    frame = pd.DataFrame(matrix)
    pd.testing.assert_frame_equal(trade.balassa_rca(frame), trade.balassa_rca(frame * rate), rtol=1e-9)


def test_rca_rejects_bad_layout_and_negative_values():
    with pytest.raises(OptionError, match=r"layout must be one of \{'wide', 'long'\}; got 'tall'"):
        trade.balassa_rca(pd.DataFrame([[1.0]]), layout="tall")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="negative export values"):
        trade.balassa_rca(pd.DataFrame([[1.0, -1.0]]))


def test_openness_share_balance_intensity_hand_examples():
    assert trade.openness(30.0, 20.0, 100.0) == pytest.approx(0.5)
    assert np.isnan(trade.openness(30.0, 20.0, 0.0))
    assert trade.partner_share(25.0, 100.0) == pytest.approx(0.25)
    assert trade.trade_balance(30.0, 20.0) == pytest.approx(10.0)
    assert trade.trade_balance(30.0, 20.0, normalised=True) == pytest.approx(0.2)
    # (20/100) / (50/1000) = 4: i sends 20 % of its exports to j, the world only 5 %
    assert trade.trade_intensity(20.0, 100.0, 50.0, 1000.0) == pytest.approx(4.0)
    s = trade.openness(pd.Series([1.0, 2.0], index=[2020, 2021]), pd.Series([1.0, 2.0], index=[2020, 2021]),
                       pd.Series([4.0, 8.0], index=[2020, 2021]))
    assert s.tolist() == [0.5, 0.5]


def test_grubel_lloyd_hand_example_with_aquino_adjustment():
    # Hand-computed: X = (10, 6, 5), M = (10, 2, 15). Aquino-balanced flows: X * 24/21, M * 24/27.
    res = trade.grubel_lloyd([10.0, 6.0, 5.0], [10.0, 2.0, 15.0])
    assert res.per_product.tolist() == pytest.approx([1.0, 0.5, 0.5])
    assert res.aggregate == pytest.approx(1 - 14 / 48)
    assert res.corrected == pytest.approx(34 / 42)
    adj = trade.grubel_lloyd([10.0, 6.0, 5.0], [10.0, 2.0, 15.0], adjustment="aquino")
    assert adj.per_product.tolist() == pytest.approx([0.875, 224 / 544, 0.6])
    assert adj.aggregate == pytest.approx(43 / 63)
    assert "aquino" in adj.summary()
    assert list(adj.to_frame().columns) == ["gl"]


@settings(max_examples=50, deadline=None)
@given(arrays(float, 6, elements=flows), arrays(float, 6, elements=flows))
def test_grubel_lloyd_in_unit_interval(x, m):
    if x.sum() + m.sum() == 0:
        return
    res = trade.grubel_lloyd(x, m)
    gl = res.per_product.dropna()
    assert ((gl >= -1e-12) & (gl <= 1 + 1e-12)).all()
    assert -1e-12 <= res.aggregate <= 1 + 1e-12
    if x.sum() > 0 and m.sum() > 0:
        adj = trade.grubel_lloyd(x, m, adjustment="aquino")
        assert -1e-12 <= adj.aggregate <= 1 + 1e-12


def test_complementarity_similarity_hhi_hand_examples():
    # shares (0.5, 0.5, 0) against (0.25, 0.25, 0.5): sum |diff| = 1 -> TC = 50; sum min = 0.5 -> FK = 50
    assert trade.complementarity([50.0, 50.0, 0.0], [1.0, 1.0, 2.0]) == pytest.approx(50.0)
    assert trade.export_similarity([50.0, 50.0, 0.0], [1.0, 1.0, 2.0]) == pytest.approx(50.0)
    a = pd.Series({"wood": 3.0, "milk": 1.0})
    b = pd.Series({"milk": 1.0, "cars": 3.0})  # aligned on product codes, absent = 0
    assert trade.export_similarity(a, b) == pytest.approx(25.0)
    assert trade.herfindahl([50.0, 30.0, 20.0]) == pytest.approx(0.38)
    assert trade.herfindahl([50.0, 30.0, 20.0], kind="normalised") == pytest.approx((0.38 - 1 / 3) / (2 / 3))
    assert trade.herfindahl([50.0, 30.0, 20.0], kind="unctad") == pytest.approx(
        (np.sqrt(0.38) - np.sqrt(1 / 3)) / (1 - np.sqrt(1 / 3)))
    assert trade.herfindahl([1.0, 1.0, 1.0, 1.0], kind="normalised") == pytest.approx(0.0)


@settings(max_examples=40, deadline=None)
@given(arrays(float, 5, elements=positive), arrays(float, 5, elements=positive))
def test_complementarity_and_similarity_ranges(x, m):
    assert -1e-9 <= trade.complementarity(x, m) <= 100 + 1e-9
    assert -1e-9 <= trade.export_similarity(x, m) <= 100 + 1e-9
    assert trade.complementarity(x, x * 3.7) == pytest.approx(100.0)
    assert trade.export_similarity(x, x) == pytest.approx(100.0)


def test_novy_trade_costs_hand_example_and_units():
    # tau = (100*100 / (1*1))^(1/(2*7)) - 1 = 10^(2/7) - 1 (Novy 2013 formula, sigma = 8)
    assert trade.novy_trade_costs(1.0, 1.0, 100.0, 100.0) == pytest.approx(10 ** (2 / 7) - 1)
    assert trade.novy_trade_costs(1e3, 1e3, 1e5, 1e5) == pytest.approx(10 ** (2 / 7) - 1)
    assert np.isnan(trade.novy_trade_costs(0.0, 1.0, 100.0, 100.0))
    assert trade.intranational_trade(100.0, 30.0) == 70.0
    with pytest.raises(OptionError, match="sigma must be greater than 1; got 1"):
        trade.novy_trade_costs(1.0, 1.0, 1.0, 1.0, sigma=1)
