"""Comparisons of the pair that need no market exchange rate: at PPP and relative to national averages.

Inputs are the published figures typed in: Rosstat tab4-zpl_2023.xlsx (Smolensk 2023 48,388.1 RUB, Russia
73,709.3 RUB; row 16 and row 2), Belstat's portal series 10218000003 (Vitebsk 2023 1,593.8 BYN, Belarus 1,915.9
BYN) and World Bank PA.NUS.PPP via datahub.io (Russia 2023 27.2391334116049 RUB, Belarus 0.770194142278922 BYN
per international dollar). Expected values are those quotients, worked by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.data.compare import compare_pair, national_relative, ppp_convert
from regint.data.schema import make_observations
from regint.errors import DataError, OptionError


def _obs(rows: list[tuple]) -> pd.DataFrame:
    return make_observations([{"region": r, "indicator": i, "period": p, "value": v, "unit": u, "currency": c,
                               "source": s, "status": "official"} for r, i, p, v, u, c, s in rows])


WAGES = _obs([("RU-SMO", "wage_nominal", "2023", 48388.1, "RUB per month", "RUB", "rosstat_wages_2023"),
              ("RU", "wage_nominal", "2023", 73709.3, "RUB per month", "RUB", "rosstat_wages_2023"),
              ("BY-VI", "wage_nominal", "2023", 1593.8, "BYN per month", "BYN", "belstat_dataportal"),
              ("BY", "wage_nominal", "2023", 1915.9, "BYN per month", "BYN", "belstat_dataportal"),
              ("BY-VI", "wage_nominal", "2024", 1899.6, "BYN per month", "BYN", "belstat_dataportal")])
PPP = _obs([("RU", "ppp", "2023", 27.2391334116049, "RUB per international dollar", "RUB", "wdi_datahub"),
            ("BY", "ppp", "2023", 0.770194142278922, "BYN per international dollar", "BYN", "wdi_datahub")])


def test_pure_functions() -> None:
    assert ppp_convert(np.array([48388.1]), np.array([27.2391334116049]))[0] == pytest.approx(1776.418, rel=1e-6)
    assert np.isnan(ppp_convert(np.array([1.0]), np.array([0.0]))[0])
    assert national_relative(np.array([1593.8]), np.array([1915.9]))[0] == pytest.approx(0.831881, rel=1e-6)


def test_at_ppp() -> None:
    res = compare_pair(WAGES, "wage_nominal", "RU-SMO", "BY-VI", basis="ppp", ppp=PPP)
    row = res.to_frame().iloc[0]
    # 48,388.1 / 27.23913 = 1,776.418 and 1,593.8 / 0.770194 = 2,069.35 international $ a month
    assert row.value_a == pytest.approx(1776.418, rel=1e-6)
    assert row.value_b == pytest.approx(2069.34, rel=1e-5)
    assert row.ratio == pytest.approx(2069.34 / 1776.418, rel=1e-5)
    assert res.basis == "ppp" and res.unit == "international $ per month" and res.latest_year == 2023
    assert res.missing == (2024,)  # no Smolensk figure for 2024 in this input
    assert "at purchasing-power parity" in res.summary() and "2023" in res.summary()
    assert "паритету покупательной способности" in res.summary("ru")
    assert set(res.to_frame()["basis"]) == {"ppp"}


def test_relative_to_national_average() -> None:
    res = compare_pair(WAGES, "wage_nominal", "RU-SMO", "BY-VI", basis="national_average")
    row = res.to_frame().iloc[0]
    assert row.value_a == pytest.approx(48388.1 / 73709.3)  # 0.6565
    assert row.value_b == pytest.approx(1593.8 / 1915.9)  # 0.8319
    assert row.ratio == pytest.approx((1593.8 / 1915.9) / (48388.1 / 73709.3))
    assert res.unit == "ratio to the national average"
    assert res.sources == ("belstat_dataportal", "rosstat_wages_2023")


def test_errors() -> None:
    with pytest.raises(OptionError, match="basis must be one of"):
        compare_pair(WAGES, "wage_nominal", "RU-SMO", "BY-VI", basis="usd")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="basis 'ppp' needs the ppp observations"):
        compare_pair(WAGES, "wage_nominal", "RU-SMO", "BY-VI", basis="ppp")
    byr = PPP.assign(currency=["RUB", "BYR"])
    with pytest.raises(DataError, match=r"BY-VI: values in \['BYN'\] but the ppp factors in \['BYR'\]"):
        compare_pair(WAGES, "wage_nominal", "RU-SMO", "BY-VI", basis="ppp", ppp=byr)
    twice = pd.concat([WAGES, WAGES.iloc[[0]].assign(source="other")])
    with pytest.raises(DataError, match="several values for one year"):
        compare_pair(twice, "wage_nominal", "RU-SMO", "BY-VI", basis="national_average")


def test_on_the_shipped_data_the_pair_reaches_2024(tmp_path) -> None:
    from regint.data.store import Store

    with Store(tmp_path / "s.duckdb") as st:
        wages = st.panel(["wage_nominal"], ["RU-SMO", "BY-VI", "RU", "BY"])
        ppp = st.panel(["ppp"], ["RU", "BY"])
        grp = st.panel(["grp_per_capita"], ["RU-SMO", "BY-VI", "RU", "BY"])
    at_ppp = compare_pair(wages, "wage_nominal", "RU-SMO", "BY-VI", basis="ppp", ppp=ppp)
    assert at_ppp.latest_year == 2024
    relative = compare_pair(grp, "grp_per_capita", "RU-SMO", "BY-VI", basis="national_average")
    assert relative.latest_year == 2023 and 2019 in set(relative.table["year"])
