"""Preconditions on a small hand-made observation frame (real data come later from the store)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.indicators.preconditions import COLUMNS, preconditions, prepare_panel


def test_byr_is_converted_to_byn(hand_panel):
    prepared = prepare_panel(hand_panel.copy())
    vi = prepared[(prepared.region == "BY-VI") & (prepared.indicator == "wage_nominal")].set_index("year")
    assert vi.loc[2015, "value"] == pytest.approx(620.0)
    assert vi.loc[2016, "value"] == pytest.approx(680.0)
    assert set(vi["currency"]) == {"BYN"}


def test_wage_gap_in_usd_for_the_pair(hand_panel):
    res = preconditions(hand_panel.copy())
    assert tuple(res.table.columns) == COLUMNS
    row = res.table[(res.table.indicator == "wage_ratio_usd") & (res.table.regions == "RU-SMO vs BY-VI")].iloc[0]
    assert row.value == pytest.approx((26000 / 58.35) / (750 / 1.9319))
    assert row.years == "2012-2017"
    assert "Smolensk oblast" in row.meaning and "USD" in row.meaning
    assert "wage_nominal (belstat, rosstat)" in row.data_used and "fx_usd (cbr, nbrb)" in row.data_used
    assert any("BYR" in n for n in res.notes)


def test_mixed_denominations_give_the_same_usd_wage(hand_panel):
    # a wage reported in BYR while the rate of the same year is already in BYN: /10000 makes them consistent
    panel = hand_panel.copy()
    i = panel.index[(panel.region == "BY") & (panel.indicator == "fx_usd") & (panel.period == "2015")][0]
    panel.loc[i, ["value", "currency"]] = [1.5926, "BYN"]
    a = preconditions(hand_panel.copy()).table
    b = preconditions(panel).table
    sel = (a.indicator == "wage_ratio_usd") & (a.regions == "RU-SMO vs BY-VI")
    assert a[sel].value.iloc[0] == pytest.approx(b[sel].value.iloc[0])


def test_other_indicators_and_reasons(hand_panel):
    res = preconditions(hand_panel.copy())
    names = set(res.table.indicator)
    assert {"real_exchange_rate", "exports_cis_share", "industrial_production_index_concordance",
            "wage_sigma_sd_log"} <= names
    cis = res.table[res.table.indicator == "exports_cis_share"].iloc[0]
    assert cis.value == pytest.approx(240 / 450)
    rer = res.table[res.table.indicator == "real_exchange_rate"].iloc[0]
    # RUB per BYN x CPI_BY / CPI_RU, first year = 100, hand-computed from the frame
    fx = hand_panel[hand_panel.indicator == "fx_usd"].pivot(index="period", columns="region", values="value")
    nominal = fx["RU"].to_numpy() / (fx["BY"].to_numpy() / np.array([1e4] * 4 + [1] * 2))
    p_ru = np.cumprod([1.066, 1.065, 1.114, 1.129, 1.054, 1.025])
    p_by = np.cumprod([1.218, 1.165, 1.162, 1.120, 1.106, 1.046])
    q = nominal * p_by / p_ru
    assert rer.value == pytest.approx(100 * q[-1] / q[0])
    skipped = dict(res.not_computed)
    assert skipped["balassa_rca"] == "no product-level trade for the pair: RCA not computable"
    assert "rer_adf_pvalue" in skipped and "at least 10" in skipped["rer_adf_pvalue"]
    assert any(k.startswith("grp_per_capita_ratio_usd") for k in skipped)
    assert "krugman_specialisation" in skipped
    assert "Not computed" in res.summary()
    assert list(res.not_computed_frame().columns) == ["indicator", "reason"]


def test_empty_or_wrong_panel(hand_panel):
    res = preconditions(hand_panel.copy().iloc[0:0])
    assert res.table.empty and len(res.not_computed) > 5
    with pytest.raises(DataError, match="lacks column"):
        preconditions(pd.DataFrame({"region": ["RU"]}))
