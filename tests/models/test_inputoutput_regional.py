"""Location-quotient regionalisation (Flegg & Webber 1997/2000; Flegg & Tohmo 2013) and the pair model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from regint.errors import DataError, ModelError, OptionError
from regint.models.inputoutput import (
    IOTable,
    aflq,
    cilq,
    flegg_lambda,
    flq,
    pair_model,
    regional_model,
    regionalise,
    slq,
    structure_from_proxies,
)

LAB = ["a", "b", "c"]


@pytest.fixture()
def national() -> IOTable:
    Z = pd.DataFrame([[10.0, 20, 5], [15, 40, 10], [5, 30, 20]], index=LAB, columns=LAB)
    return IOTable(Z, pd.Series([100.0, 200, 150], index=LAB), value_added=pd.Series([60.0, 90, 60], index=LAB),
                   compensation=pd.Series([30.0, 50, 40], index=LAB), household=pd.Series([30.0, 80, 90], index=LAB))


def test_formulas_by_hand() -> None:
    # Worked by hand: regional (10, 30, 60) of national (100, 200, 700); TRE/TNE = 0.1.
    s = slq(np.array([10.0, 30, 60]), np.array([100.0, 200, 700]))
    np.testing.assert_allclose(s, [1.0, 1.5, 0.6 / 0.7])  # (10/100)/(100/1000), (30/100)/(200/1000), ...
    q = cilq(s)
    assert q[0, 1] == pytest.approx(1.0 / 1.5) and q[1, 0] == pytest.approx(1.5) and q[2, 2] == pytest.approx(0.6 / 0.7)
    lam = flegg_lambda(0.1, 0.3)
    assert lam == pytest.approx(np.log2(1.1) ** 0.3)  # Flegg & Webber (1997) eq. (3): [log2(1 + TRE/TNE)]^δ
    np.testing.assert_allclose(flq(s, 0.1, 0.3), q * lam)
    # AFLQ (Flegg & Webber 2000): columns with SLQ_j > 1 multiplied by log2(1 + SLQ_j).
    a = aflq(s, 0.1, 0.3)
    np.testing.assert_allclose(a[:, 1], q[:, 1] * lam * np.log2(2.5))
    np.testing.assert_allclose(a[:, [0, 2]], q[:, [0, 2]] * lam)


def test_lambda_bounds() -> None:
    assert flegg_lambda(1.0, 0.3) == pytest.approx(1.0)
    with pytest.raises(ModelError, match=r"delta must be in \[0, 1\); got 1.2"):
        flegg_lambda(0.1, 1.2)
    with pytest.raises(ModelError, match=r"share of the nation must be in \(0, 1\]"):
        flegg_lambda(0.0, 0.3)


def test_regionalise_caps_and_assumptions(national: IOTable) -> None:
    reg = pd.Series([5.0, 30.0, 10.0], index=LAB)
    nat = pd.Series([60.0, 90.0, 60.0], index=LAB)
    r = regionalise(national.A, reg, nat, method="flq", delta=0.3)
    assert (r.A.to_numpy() <= national.A.to_numpy() + 1e-15).all()
    assert r.size == pytest.approx(45 / 210)
    assert any("δ = 0.3" in a for a in r.assumptions)
    assert "FLQ" in r.summary()
    with pytest.raises(OptionError, match=r"method must be one of \{'slq', 'cilq', 'flq', 'aflq'\}; got 'lq'"):
        regionalise(national.A, reg, nat, method="lq")  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"lacks sector\(s\) \['c'\]"):
        regionalise(national.A, reg.drop("c"), nat)


def test_regional_model_and_sensitivity(national: IOTable) -> None:
    m = regional_model(national, pd.Series([5.0, 30.0, 10.0], index=LAB), region="RU-SMO")
    res = m.multipliers()
    assert (res.frame["output"] <= national.output_multipliers + 1e-12).all()
    assert "RU-SMO" in res.summary()
    sens = m.sensitivity()
    assert sorted(sens["delta"].unique()) == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]
    # larger δ → smaller regional coefficients → smaller multipliers
    piv = sens.pivot(index="sector", columns="delta", values="output")
    assert (piv.diff(axis=1).iloc[:, 1:] <= 1e-12).all().all()
    imp = m.impact({"b": 100.0})
    assert any("RU-SMO" in a for a in imp.assumptions) and "RU-SMO" in imp.summary()


def test_pair_names_the_proxy(national: IOTable) -> None:
    p = pair_model(national, None, first_size=0.01, proxy_label="the Russian 2021")
    text = p.summary()
    assert "BY-VI: no Belarusian input-output table given → the Russian 2021 technical coefficients" in text
    assert "national structure is assumed" in text
    frame = p.to_frame()
    assert set(frame.columns.get_level_values(0)) == {"RU-SMO", "BY-VI"}
    assert any("proxy" in a for a in frame.attrs["assumptions"])
    # a user-supplied Belarusian table replaces the proxy
    q = pair_model(national, None, national_second=national, first_size=0.01, second_size=0.1)
    assert not any("proxy" in a for a in q.assumptions)


# -- regional structure from activity proxies -------------------------------------------------------------


def test_structure_from_proxies_by_hand() -> None:
    # National output (100, 200, 700); proxies: a 3 of 100 (3 %), b 10 of 1000 (1 %); c has none → GRP share 2 %.
    x = pd.Series([100.0, 200, 700], index=LAB)
    f = structure_from_proxies(pd.Series({"a": 3.0, "b": 10.0}), pd.Series({"a": 100.0, "b": 1000.0}), x, 0.02)
    np.testing.assert_allclose(f["region_share"], [0.03, 0.01, 0.02])
    np.testing.assert_allclose(f["output"], [3.0, 2.0, 14.0])  # x^r_j = s_j x^n_j
    np.testing.assert_allclose(f["structure"], [3 / 19, 2 / 19, 14 / 19])
    # LQ_j = (x^r_j / 19) / (x^n_j / 1000): c, unmeasured, gets g / s̄ = 0.02 / 0.019
    np.testing.assert_allclose(f["lq"], [(3 / 19) / 0.1, (2 / 19) / 0.2, 0.02 / 0.019])
    assert f["measured"].tolist() == [True, True, False]


def test_structure_from_proxies_without_proxies_is_the_national_structure() -> None:
    x = pd.Series([100.0, 200, 700], index=LAB)
    f = structure_from_proxies(pd.Series(dtype=float), pd.Series(dtype=float), x, 0.004)
    np.testing.assert_allclose(f["lq"], 1.0)
    np.testing.assert_allclose(f["output"], 0.004 * x.to_numpy())


def test_structure_from_proxies_errors() -> None:
    x = pd.Series([100.0, 200, 700], index=LAB)
    with pytest.raises(DataError, match=r"Proxies for sector\(s\) \['z'\] that the table does not have"):
        structure_from_proxies(pd.Series({"z": 1.0}), pd.Series({"z": 2.0}), x, 0.01)
    with pytest.raises(DataError, match=r"Regional proxy above the national one for \['a'\]: check that both"):
        structure_from_proxies(pd.Series({"a": 5.0}), pd.Series({"a": 4.0}), x, 0.01)
    with pytest.raises(DataError, match=r"national value not positive for \['a'\]"):
        structure_from_proxies(pd.Series({"a": 0.0}), pd.Series({"a": 0.0}), x, 0.01)
    with pytest.raises(DataError, match=r"share of national GRP must be in \(0, 1\]; got 0"):
        structure_from_proxies(pd.Series({"a": 1.0}), pd.Series({"a": 4.0}), x, 0)
    with pytest.raises(DataError, match=r"no output in any sector"):
        structure_from_proxies(pd.Series({k: 0.0 for k in LAB}), pd.Series({k: 1.0 for k in LAB}), x, 0.01)
    with pytest.raises(DataError, match=r"different sectors"):
        structure_from_proxies(pd.Series({"a": 1.0}), pd.Series({"a": 4.0, "b": 3.0}), x, 0.01)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n=st.integers(2, 8), g=st.floats(1e-4, 1.0))
def test_structure_from_proxies_properties(data: st.DataObject, n: int, g: float) -> None:
    labels = [f"s{i}" for i in range(n)]
    x = pd.Series(data.draw(st.lists(st.floats(1.0, 1e6), min_size=n, max_size=n)), index=labels)
    measured = data.draw(st.lists(st.sampled_from(labels), unique=True, max_size=n))
    nat = pd.Series({k: data.draw(st.floats(1.0, 1e6)) for k in measured}, dtype=float)
    reg = pd.Series({k: nat[k] * data.draw(st.floats(0.0, 1.0)) for k in measured}, dtype=float)
    assume(len(measured) < n or reg.sum() > 0)  # a region with no output at all is an error (tested above)
    f = structure_from_proxies(reg, nat, x, g)
    assert f["structure"].sum() == pytest.approx(1.0)
    for k in labels:
        expected = reg[k] / nat[k] if k in measured else g
        assert f.at[k, "region_share"] == pytest.approx(expected)
        assert f.at[k, "output"] == pytest.approx(expected * x[k])
        assert bool(f.at[k, "measured"]) == (k in measured)
