"""Gravity estimation against Yotov, Piermartini, Monteiro & Larch (2016), *An Advanced Guide to Trade Policy
Analysis* (WTO/UNCTAD), on the book's application data (../shared/reference/gravity_yotov2016, see EXPECTED.md).

Sources of the expected numbers:
(A) the authors' Stata log ``Chapter2/.../TradeWithoutBorder.log`` (case G1 in EXPECTED.md);
(B) tradepolicy's rendered replication of Chapter 1 (R capybara), which states that it matches Table 1 of the book
    (case G2) -- and, for Table 3 "RTA effects", the same replication
    (github pachadotdev/tradepolicy, ``_freeze/01-traditional-gravity/execute-results/html.json``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, ModelError, OptionError
from regint.models.gravity import (
    ad_valorem_equivalent,
    border_effect,
    ols_log,
    ppml,
    trade_potential,
)
from regint.models.gravity_effects import percent_effect, poisson_fe_scaling, tariff_equivalent

TABLE1 = "trade ~ log_dist + cntg + lang + clny | exp_year + imp_year"
RTA = "trade ~ rta | exp_year + imp_year + pair_id_2"


@pytest.fixture(scope="session")
def agtpa(reference: Path) -> pd.DataFrame:
    path = reference / "gravity_yotov2016" / "agtpa_applications.csv.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    raw = pd.read_csv(path)
    d = raw[raw["year"].isin(range(1986, 2007, 4))].reset_index(drop=True)
    year = d["year"].astype(int).astype(str)
    d = d.assign(
        log_dist=np.log(d["dist"]),
        exp_year=d["exporter"] + year,
        imp_year=d["importer"] + year,
        pair_id=d["pair_id"].astype(int),
        intl=(d["exporter"] != d["importer"]).astype(float),
    )
    d["pair_id_2"] = np.where(d["exporter"] == d["importer"], "0-intra", d["pair_id"].astype(str))
    d["intl_brdr"] = np.where(d["exporter"] == d["importer"], d["pair_id"].astype(str), "inter")
    for y in range(1986, 2006, 4):
        d[f"intl_border_{y}"] = ((d["year"] == y) & (d["exporter"] != d["importer"])).astype(float)
    return d


@pytest.fixture(scope="session")
def international(agtpa: pd.DataFrame) -> pd.DataFrame:
    return agtpa[agtpa["exporter"] != agtpa["importer"]]


@pytest.fixture(scope="session")
def border2006(agtpa: pd.DataFrame):
    data = agtpa[agtpa["year"] == 2006].reset_index(drop=True)
    return data, ppml(data, "trade ~ log_dist + cntg + intl | exporter + importer")


@pytest.fixture(scope="session")
def table1_ppml(international: pd.DataFrame):
    return ppml(international, TABLE1, cluster="pair_id")


@pytest.fixture(scope="session")
def table3_pair_fe(agtpa: pd.DataFrame):
    return ppml(agtpa, RTA, cluster="pair_id")


# ---------------------------------------------------------------------------------------------------------
# G1: McCallum-style border effect, 2006 cross-section with domestic flows (Yotov et al. 2016, Ch. 2 Appl. 1)


def test_border_model_matches_authors_stata_log(border2006) -> None:
    # (A) TradeWithoutBorder.log: ln_DIST -0.7912879, CNTG 0.6736456, INTL_BRDR -2.47445; N = 4761
    _, res = border2006
    expected = {"log_dist": -0.7912879, "cntg": 0.6736456, "intl": -2.47445}
    for name, value in expected.items():
        assert res.coef[name] == pytest.approx(value, abs=1e-3)
    assert res.nobs == 4761
    assert res.converged
    # Stata ppml "semirobust" SEs have no small-sample factor; pyfixest's HC1 has sqrt(N/(N-k)), k = 140
    factor = np.sqrt(4761 / (4761 - 140))
    stata_se = {"log_dist": 0.0501494, "cntg": 0.1073719, "intl": 0.1193816}
    for name, value in stata_se.items():
        assert res.se[name] / factor == pytest.approx(value, rel=0.02)


def test_border_effect_interpretation(border2006) -> None:
    # EXPECTED.md: exp(-2.47445) = 0.0842 -> international trade about 91.6 % lower than domestic trade
    _, res = border2006
    table = border_effect(res, "intl")
    assert table.loc["intl", "effect"] == pytest.approx(-0.916, abs=1e-3)
    lo, hi = table.loc["intl", ["lower", "upper"]]
    assert -1 < lo < table.loc["intl", "effect"] < hi < 0
    delta = border_effect(res, "intl", method="delta")
    assert delta.loc["intl", "upper"] - delta.loc["intl", "effect"] == pytest.approx(
        delta.loc["intl", "effect"] - delta.loc["intl", "lower"])


# ---------------------------------------------------------------------------------------------------------
# G2: Table 1 "Traditional gravity estimates", columns (3) OLS and (4) PPML with exporter-/importer-year FE


def test_table1_ppml_column4(table1_ppml) -> None:
    # (B) col (4): log_dist -0.841 (0.032), cntg 0.437 (0.083), lang 0.247 (0.077), clny -0.222 (0.116); N 28,152
    res = table1_ppml
    expected = {"log_dist": -0.8409, "cntg": 0.4374, "lang": 0.2475, "clny": -0.2225}
    for name, value in expected.items():
        assert res.coef[name] == pytest.approx(value, abs=1e-3)
    book_se = {"log_dist": 0.032, "cntg": 0.083, "lang": 0.077, "clny": 0.116}
    for name, value in book_se.items():
        assert res.se[name] == pytest.approx(value, rel=0.10)
    assert res.nobs == 28152
    assert res.dropped_counts == {}


def test_table1_ols_column3(international: pd.DataFrame) -> None:
    # (B) col (3): log_dist -1.216 (0.038), cntg 0.223 (0.199), lang 0.661 (0.081), clny 0.670 (0.147); N 25,689
    res = ols_log(international, TABLE1, cluster="pair_id")
    expected = {"log_dist": -1.2156, "cntg": 0.2232, "lang": 0.6609, "clny": 0.6705}
    for name, value in expected.items():
        assert res.coef[name] == pytest.approx(value, abs=1e-3)
    assert res.se["log_dist"] == pytest.approx(0.038, rel=0.10)
    assert res.nobs == 25689
    assert res.dropped_counts == {"zero_trade": 28152 - 25689}
    assert res.nobs_input == 28152


# ---------------------------------------------------------------------------------------------------------
# Table 3 "Estimating the effects of regional trade agreements" (Ch. 1, Application 3), replication (B)


def test_table3_standard_rta(international: pd.DataFrame) -> None:
    # (B) col (1) OLS: rta -0.004 (0.053), N 25,689; col (2) PPML: rta 0.191 (0.066), log_dist -0.822, N 28,152
    f = "trade ~ log_dist + cntg + lang + clny + rta | exp_year + imp_year"
    ols = ols_log(international, f, cluster="pair_id")
    assert ols.coef["rta"] == pytest.approx(-0.0044, abs=1e-3)
    assert ols.nobs == 25689
    pois = ppml(international, f, cluster="pair_id")
    assert pois.coef["rta"] == pytest.approx(0.1907, abs=1e-3)
    assert pois.coef["log_dist"] == pytest.approx(-0.8216, abs=1e-3)
    assert pois.se["rta"] == pytest.approx(0.0658, rel=0.10)
    assert pois.nobs == 28152


def test_table3_domestic_trade_diversion(agtpa: pd.DataFrame) -> None:
    # (B) col (3): intra-national flows and one dummy per country's domestic flow: rta 0.409 (0.069); N 28,566
    f = "trade ~ log_dist + cntg + lang + clny + rta | exp_year + imp_year + intl_brdr"
    res = ppml(agtpa, f, cluster="pair_id")
    assert res.coef["rta"] == pytest.approx(0.4085, abs=1e-3)
    assert res.coef["log_dist"] == pytest.approx(-0.8003, abs=1e-3)
    assert res.nobs == 28566


def test_table3_pair_fixed_effects_and_separation(table3_pair_fe) -> None:
    # (B) col (4): rta 0.557 (0.102), N 28,482: the 84 flows of pairs with zero trade in every year are separated
    res = table3_pair_fe
    assert res.coef["rta"] == pytest.approx(0.5572, abs=1e-3)
    assert res.se["rta"] == pytest.approx(0.1022, rel=0.10)
    assert res.nobs == 28482
    assert res.dropped_counts == {"separation": 84}
    assert res.fixef["pair_id_2"] == 2340


def test_table3_phasing_in_and_total_effect(agtpa: pd.DataFrame) -> None:
    # (B) col (6): rta 0.291, lag4 0.414, lag8 0.169, lag12 0.119; total 0.9926 (se 0.0943, delta method)
    f = "trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12 | exp_year + imp_year + pair_id_2"
    res = ppml(agtpa, f, cluster="pair_id")
    expected = {"rta": 0.2914, "rta_lag4": 0.4135, "rta_lag8": 0.1687, "rta_lag12": 0.1189}
    for name, value in expected.items():
        assert res.coef[name] == pytest.approx(value, abs=1e-3)
    total = border_effect(res, list(expected), combine=True)
    assert total["coef"].iloc[0] == pytest.approx(0.9926, abs=1e-3)
    assert total["se"].iloc[0] == pytest.approx(0.0943, rel=0.10)
    assert res.nobs == 28482


def test_table3_globalisation(agtpa: pd.DataFrame) -> None:
    # (B) col (7): rta 0.116, lag4 0.288, intl_border_1986 -0.706, intl_border_2002 -0.141
    borders = " + ".join(f"intl_border_{y}" for y in range(1986, 2006, 4))
    f = f"trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12 + {borders} | exp_year + imp_year + pair_id_2"
    res = ppml(agtpa, f, cluster="pair_id")
    expected = {"rta": 0.1157, "rta_lag4": 0.2877, "intl_border_1986": -0.7056, "intl_border_2002": -0.1409}
    for name, value in expected.items():
        assert res.coef[name] == pytest.approx(value, abs=1e-3)


# ---------------------------------------------------------------------------------------------------------
# results object, reporting and errors


def test_results_object(table1_ppml) -> None:
    res = table1_ppml
    frame = res.to_frame()
    assert list(frame.columns) == ["coef", "se", "tstat", "pvalue", "lower", "upper"]
    ci = res.conf_int(0.90)
    assert (ci["lower"] < res.coef).all() and (res.coef < ci["upper"]).all()
    text = res.summary()
    assert "PPML" in text and "28,152" in text and "CRV1 by pair_id" in text
    with pytest.raises(AttributeError):
        res.nobs = 1  # type: ignore[misc]
    assert len(res.fitted) == res.nobs


def test_input_frame_is_not_modified(international: pd.DataFrame) -> None:
    data = international.iloc[:3000]
    before = data.copy()
    ppml(data, "trade ~ log_dist + cntg | exporter + importer")
    pd.testing.assert_frame_equal(data, before)


def test_missing_and_singletons_are_reported(agtpa: pd.DataFrame) -> None:
    data = agtpa[agtpa["year"] == 2006].reset_index(drop=True)
    data.loc[3, "log_dist"] = np.nan
    data.loc[10, "trade"] = np.nan
    res = ppml(data, "trade ~ log_dist + cntg | exporter + importer")
    assert res.dropped_counts == {"missing": 2}
    assert set(res.dropped.index) == {3, 10}
    assert res.nobs == 4761 - 2


def test_errors_say_what_to_fix(international: pd.DataFrame) -> None:
    dup = pd.concat([international.iloc[:5], international.iloc[:5]])
    with pytest.raises(DataError, match="duplicate labels.*reset_index"):
        ppml(dup, "trade ~ log_dist | exporter + importer")
    neg = international.iloc[:50].assign(trade=-1.0)
    with pytest.raises(DataError, match="negative"):
        ppml(neg, "trade ~ log_dist | exporter + importer")
    with pytest.raises(OptionError, match=r"separation must be one of \{'fe', 'ir'\}; got 'x'"):
        ppml(international, "trade ~ log_dist | exporter", separation=("x",))  # type: ignore[arg-type]
    with pytest.raises(DataError, match="'flows' is not a column"):
        ppml(international, "flows ~ log_dist | exporter")
    with pytest.raises(ModelError, match="no '~'"):
        ppml(international, "trade log_dist")


# ---------------------------------------------------------------------------------------------------------
# effects


def test_percent_effect_and_tariff_equivalent_by_hand() -> None:
    # beta = -2.47445 -> exp(beta) - 1 = -0.91579; with sigma = 7 the border is a tariff of exp(2.47445/6) - 1
    assert percent_effect(-2.47445) == pytest.approx(np.exp(-2.47445) - 1)
    assert tariff_equivalent(-2.47445, 7.0) == pytest.approx(0.510451, abs=1e-5)
    assert tariff_equivalent(0.0, 5.0) == 0.0
    with pytest.raises(ModelError, match="sigma must exceed 1"):
        tariff_equivalent(-1.0, 1.0)


def test_ad_valorem_equivalent_bounds_swap(border2006) -> None:
    _, res = border2006
    ave = ad_valorem_equivalent(res, "intl", sigma=7.0)
    row = ave.loc["intl"]
    assert row["tau"] == pytest.approx(tariff_equivalent(res.coef["intl"], 7.0))
    assert row["lower"] < row["tau"] < row["upper"]


def test_ad_valorem_equivalent_with_estimated_sigma() -> None:
    # a synthetic panel where ln(1 + tariff) enters with coefficient -sigma = -5 and a border with -1.2
    rng = np.random.default_rng(3)
    n = 30
    pairs = pd.MultiIndex.from_product([range(n), range(n)], names=["exporter", "importer"]).to_frame(index=False)
    pairs = pairs[pairs.exporter != pairs.importer].reset_index(drop=True)
    pairs["ln_tariff"] = np.log1p(rng.uniform(0, 0.3, len(pairs)))
    pairs["border"] = rng.integers(0, 2, len(pairs)).astype(float)
    mu = np.exp(2 + 0.1 * pairs.exporter % 5 - 5 * pairs.ln_tariff - 1.2 * pairs.border)
    pairs["trade"] = rng.poisson(mu * 50) / 50
    res = ppml(pairs, "trade ~ ln_tariff + border | exporter + importer")
    ave = ad_valorem_equivalent(res, "border", sigma="ln_tariff")
    sig = -res.coef["ln_tariff"]
    assert ave.loc["border", "sigma"] == pytest.approx(sig)
    assert ave.loc["border", "tau"] == pytest.approx(np.exp(-res.coef["border"] / (sig - 1)) - 1)
    assert ave.loc["border", "method"] == "delta"


def test_poisson_scaling_reproduces_ppml_fixed_effects(border2006) -> None:
    # at the estimated slopes the PPML fitted values already satisfy every fixed effect's adding-up condition
    data, res = border2006
    y = data.loc[res.fitted.index, "trade"].to_numpy()
    codes = [pd.factorize(data.loc[res.fitted.index, c])[0] for c in ("exporter", "importer")]
    mu, _ = poisson_fe_scaling(res.fitted.to_numpy() * 1.7, y, codes)
    np.testing.assert_allclose(mu, res.fitted.to_numpy(), rtol=1e-4)  # pyfixest IRLS tol 1e-8


def test_trade_potential(border2006) -> None:
    data, res = border2006
    rows = data.index[(data.exporter == "DEU") & data.importer.isin(["FRA", "POL"])]
    tp = trade_potential(res, data, rows=rows, draws=100, seed=1)
    assert list(tp["importer"]) == ["FRA", "POL"]
    np.testing.assert_allclose(tp["predicted"], res.fitted[rows])
    assert ((tp["lower"] < tp["predicted"]) & (tp["predicted"] < tp["upper"])).all()
    np.testing.assert_allclose(tp["ratio"], tp["actual"] / tp["predicted"])
    with pytest.raises(ModelError, match="needs a PPML fit"):
        trade_potential(ols_log(data, "trade ~ log_dist | exporter + importer"), data)


def test_all_singletons_is_refused_not_a_crash(international: pd.DataFrame) -> None:
    # pyfixest 0.60 aborts the process (Rust panic) when no observation survives the singleton drop
    data = international[international["year"] == 2006].reset_index(drop=True)
    data = data.assign(row_id=np.arange(len(data)))
    with pytest.raises(ModelError, match="fixed effect 'row_id' has a separate level for every row"):
        ppml(data, "trade ~ log_dist | exporter + row_id")
