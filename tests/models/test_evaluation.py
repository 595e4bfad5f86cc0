"""Policy evaluation: synthetic control against Abadie & Gardeazabal (2003) and DiD against linearmodels."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.errors import DataError, ModelError, OptionError
from regint.models.evaluation import (
    did,
    event_study,
    predictor_matrix,
    simplex_weights,
    synthetic_control,
    synthetic_control_cv,
)

matplotlib.use("Agg")

BASQUE = "Basque Country (Pais Vasco)"


@pytest.fixture(scope="module")
def basque(reference: Path) -> pd.DataFrame:
    path = reference / "synthetic_control" / "basque.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    data = pd.read_csv(path)
    return data[data["regionno"] != 1]  # drop the Spain aggregate, as R Synth's documented example does


@pytest.fixture(scope="module")
def basque_fit(basque: pd.DataFrame):
    # R Synth's documented example (help(synth)), i.e. Abadie & Gardeazabal (2003): schooling and investment
    # averaged 1964-69, GDP per capita 1960-69, sector shares 1961-69 (odd years), population density 1969;
    # V fitted to GDP per capita 1960-69; treatment (terrorism) from 1970.
    preds = [(c, range(1964, 1970)) for c in
             ["school.illit", "school.prim", "school.med", "school.high", "school.post.high", "invest"]]
    preds += [("gdpcap", range(1960, 1970))]
    preds += [(c, range(1961, 1970, 2)) for c in ["sec.agriculture", "sec.energy", "sec.industry",
                                                   "sec.construction", "sec.services.venta",
                                                   "sec.services.nonventa"]]
    preds += [("popdens", [1969])]
    return synthetic_control(basque, unit="regionname", time="year", outcome="gdpcap", treated=BASQUE,
                             treatment_time=1970, predictors=preds, fit_periods=range(1960, 1970))


def test_basque_weights_abadie_gardeazabal_2003(basque_fit) -> None:
    # Abadie & Gardeazabal (2003, AER 93(1), Table/Sect. II) and R Synth: Cataluna 0.851, Madrid 0.149
    w = basque_fit.weights
    assert w["Cataluna"] == pytest.approx(0.851, abs=0.025)
    assert w["Madrid (Comunidad De)"] == pytest.approx(0.149, abs=0.025)
    assert w.drop(["Cataluna", "Madrid (Comunidad De)"]).max() < 0.025
    assert w.sum() == pytest.approx(1.0)
    assert (w >= 0).all()
    # the economic cost of terrorism (their Fig. 1): actual Basque GDP per capita below the synthetic one from
    # the late 1970s, by about 10 % in the 1980s-90s
    assert (basque_fit.path.loc[1977:1997, "gap"] < 0).all()
    assert basque_fit.loss == pytest.approx(0.00886, abs=5e-4)


def test_results_object_and_charts(basque_fit) -> None:
    frame = basque_fit.to_frame()
    assert list(frame.columns) == ["treated", "synthetic", "gap"]
    assert "Cataluna" in basque_fit.summary()
    assert basque_fit.v.sum() == pytest.approx(1.0)
    fig = basque_fit.plot()
    assert fig.axes[0].get_title().startswith("Synthetic control")
    with pytest.raises(ModelError, match="placebo=True"):
        basque_fit.plot_placebos()
    with pytest.raises(AttributeError):
        basque_fit.ratio = 0.0  # type: ignore[misc]


def _panel(effect: float, n_units: int = 8, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = np.arange(2000, 2016)
    factors = rng.normal(size=(n_units, 2))
    trend = np.column_stack([np.linspace(0, 1, len(years)), np.sin(years / 2.0)])
    y = 10 + factors @ trend.T + rng.normal(scale=0.02, size=(n_units, len(years)))
    y[0] = y[1:4].mean(axis=0) + rng.normal(scale=0.02, size=len(years))  # unit 0 = mixture of 1..3
    y[0, years >= 2010] += effect
    rows = [{"unit": f"u{i}", "year": t, "y": y[i, j], "x": y[i, j] + 0.1 * i} for i in range(n_units)
            for j, t in enumerate(years)]
    return pd.DataFrame(rows)


def test_placebo_inference_finds_a_large_effect() -> None:
    # with a large effect the treated unit has the largest post/pre RMSPE ratio: p = 1 / (J + 1)
    data = _panel(effect=3.0)
    res = synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                            predictors=[("y", range(2000, 2010))], placebo=True)
    assert res.placebos is not None and len(res.placebos) == 8
    assert res.p_value == pytest.approx(1 / 8)
    assert res.average_effect == pytest.approx(3.0, abs=0.2)
    fig = res.plot_placebos()
    assert "p = 0.125" in fig.axes[0].get_title()


def test_synthetic_control_errors_and_gaps() -> None:
    data = _panel(effect=0.0)
    with pytest.raises(OptionError, match="v_method must be one of"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                          predictors=[("y", range(2000, 2010))], v_method="fast")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="treated unit 'zz'"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="zz", treatment_time=2010,
                          predictors=[("y", range(2000, 2010))])
    gappy = data.copy()
    gappy.loc[(gappy.unit == "u5") & (gappy.year == 2003), "y"] = np.nan
    res = synthetic_control(gappy, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                            predictors=[("x", range(2000, 2010))], v_method="equal")
    assert "u5" not in res.weights.index
    assert any("u5" in n for n in res.notes)


@pytest.fixture(scope="module")
def germany(reference: Path) -> pd.DataFrame:
    path = reference / "synthetic_control" / "germany.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return pd.read_csv(path)


def test_germany_cross_validated_v_matches_adh_2015(germany: pd.DataFrame) -> None:
    # Abadie, Diamond & Hainmueller (2015, AJPS 59(2)), Table 2: synthetic West Germany = Austria 0.42,
    # USA 0.22, Japan 0.16, Switzerland 0.11, Netherlands 0.09, every other OECD country 0; V by cross-validation
    # (training predictors 1971-1980, validation 1981-1990, then predictors 1981-1990 with that V), as in their
    # replication code and pysyncon's tests/test_synth_germany.py (weights .2162 .4145 .0984 .1077 .1632 and
    # ATT 1990-2003 = -1555.13). ADH, p. 505: "per capita GDP was reduced by about 1,600 USD per year on average".
    # Before this change regint had no cross-validation and no way to pass V.
    train = [("gdp", range(1971, 1981)), ("trade", range(1971, 1981)), ("infrate", range(1971, 1981)),
             ("industry", range(1971, 1981)), ("schooling", [1970, 1975]), ("invest70", [1980])]
    main = [("gdp", range(1981, 1991)), ("trade", range(1981, 1991)), ("infrate", range(1981, 1991)),
            ("industry", range(1981, 1991)), ("schooling", [1980, 1985]), ("invest80", [1980])]
    res = synthetic_control_cv(germany, unit="country", time="year", outcome="gdp", treated="West Germany",
                               treatment_time=1991, training_predictors=train, validation_periods=range(1981, 1991),
                               predictors=main, fit_periods=range(1960, 1990))
    published = {"Austria": 0.42, "USA": 0.22, "Japan": 0.16, "Switzerland": 0.11, "Netherlands": 0.09}
    for country, weight in published.items():
        assert res.weights[country] == pytest.approx(weight, abs=0.015), country
    assert res.weights.drop(list(published)).max() < 0.01
    att = float(res.path.loc[1990:2003, "gap"].mean())
    assert att == pytest.approx(-1555.13, rel=0.01)
    assert att == pytest.approx(-1600, rel=0.05)
    assert any("cross-validation" in n for n in res.notes)
    # ADH Table 1, synthetic West Germany: GDP per capita 15802.2, trade openness 56.9, industry share 34.4
    assert res.balance.loc["gdp", "synthetic"] == pytest.approx(15802.2, rel=2e-3)
    assert res.balance.loc["trade", "synthetic"] == pytest.approx(56.9, abs=0.3)
    assert res.balance.loc["industry", "synthetic"] == pytest.approx(34.4, abs=0.3)
    # the cross-validated V passed by hand gives the same synthetic unit (R Synth's custom.v)
    again = synthetic_control(germany, unit="country", time="year", outcome="gdp", treated="West Germany",
                              treatment_time=1991, predictors=main, fit_periods=range(1960, 1990), v=res.v)
    np.testing.assert_allclose(again.weights, res.weights, atol=1e-9)
    assert any("given by the caller" in n for n in again.notes)


def test_given_v_is_used_and_checked() -> None:
    data = _panel(effect=0.0)
    preds = [("y", range(2000, 2005)), ("y", range(2005, 2010)), ("x", [2009])]
    res = synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                            predictors=preds, v=[2, 1, 1])
    np.testing.assert_allclose(res.v, [0.5, 0.25, 0.25])
    assert list(res.v.index) == ["y[2000-2004]", "y[2005-2009]", "x"]
    # W*(V) is the constrained least-squares solution for that V (scaled predictors, as R Synth)
    X = predictor_matrix(data, unit="unit", time="year", units=["u0", *res.weights.index], predictors=preds)
    x = X.to_numpy() / X.std(axis=1, ddof=1).to_numpy()[:, None]
    np.testing.assert_allclose(res.weights, simplex_weights(x[:, 0], x[:, 1:], res.v.to_numpy()), atol=1e-12)
    with pytest.raises(DataError, match="the given V has 2 weight"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                          predictors=preds, v=[1, 1])
    with pytest.raises(DataError, match="non-negative with a positive sum"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                          predictors=preds, v=[1, -1, 1])
    with pytest.raises(DataError, match=r"no weight for predictor\(s\) \['x'\]"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                          predictors=preds, v=pd.Series({"y[2000-2004]": 1.0, "y[2005-2009]": 1.0}))
    with pytest.raises(OptionError, match="optimizer must be one of"):
        synthetic_control(data, unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010,
                          predictors=preds, optimizer="bfgs")  # type: ignore[arg-type]


def test_repeated_predictors_all_carry_their_periods() -> None:
    # before: the first occurrence was labelled plain "y", the later ones "y[first-last]"
    data = _panel(effect=0.0)
    X = predictor_matrix(data, unit="unit", time="year", units=["u0", "u1"],
                         predictors=[("y", range(2000, 2004)), ("y", range(2004, 2008)), ("y", [2009]), ("x", [2009])])
    assert list(X.index) == ["y[2000-2003]", "y[2004-2007]", "y[2009]", "x"]
    with pytest.raises(DataError, match=r"predictor 'y\[2009\]' is given twice"):
        predictor_matrix(data, unit="unit", time="year", units=["u0"], predictors=[("y", [2009]), ("y", [2009])])


def test_cross_validation_inputs_are_checked() -> None:
    data = _panel(effect=0.0)
    kw = dict(unit="unit", time="year", outcome="y", treated="u0", treatment_time=2010)
    with pytest.raises(DataError, match="2 training predictors .* but 1 main"):
        synthetic_control_cv(data, **kw, training_predictors=[("y", [2000]), ("x", [2001])],  # type: ignore[arg-type]
                             validation_periods=range(2004, 2010), predictors=[("y", [2005])])
    with pytest.raises(DataError, match="validation periods must precede the treatment"):
        synthetic_control_cv(data, **kw, training_predictors=[("y", [2000])],  # type: ignore[arg-type]
                             validation_periods=range(2005, 2012), predictors=[("y", [2005])])


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 8), st.integers(1, 6), st.integers(0, 10_000))
def test_simplex_weights_are_on_the_simplex(j: int, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x0 = rng.normal(size=(k, j))
    x1 = rng.normal(size=k)
    v = rng.dirichlet(np.ones(k))
    w = simplex_weights(x1, x0, v)
    assert w.min() >= 0 and w.sum() == pytest.approx(1.0)
    # a treated unit equal to one donor gets that donor's full weight when donors are distinct
    w2 = simplex_weights(x0[:, 0], x0, np.ones(k) / k)
    assert (x1 - x0 @ w) @ (v * (x1 - x0 @ w)) <= (x1 - x0[:, 0]) @ (v * (x1 - x0[:, 0])) + 1e-8
    assert np.allclose(x0 @ w2, x0[:, 0], atol=1e-4)


# ---------------------------------------------------------------------------------------------------------
# difference-in-differences


def _did_panel(effect: float = 2.0, n_units: int = 40, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = np.arange(2005, 2017)
    rows = []
    for i in range(n_units):
        a = rng.normal()
        treated = i < 10
        for t in years:
            y = a + 0.3 * (t - 2005) + (effect if treated and t >= 2012 else 0.0) + rng.normal(scale=0.5)
            rows.append({"region": f"r{i}", "year": int(t), "y": y})
    return pd.DataFrame(rows)


def test_did_matches_linearmodels_panelols() -> None:
    # established software: linearmodels PanelOLS with entity and time effects, clustered by entity
    from linearmodels.panel import PanelOLS

    data = _did_panel()
    treated = [f"r{i}" for i in range(10)]
    res = did(data, unit="region", time="year", outcome="y", treated=treated, treatment_time=2012)
    panel = data.assign(d=(data.region.isin(treated) & (data.year >= 2012)).astype(float))
    panel = panel.set_index(["region", "year"])
    lm = PanelOLS(panel["y"], panel[["d"]], entity_effects=True, time_effects=True).fit(
        cov_type="clustered", cluster_entity=True)
    assert res.effect == pytest.approx(lm.params["d"], abs=1e-8)
    assert res.se == pytest.approx(lm.std_errors["d"], rel=0.05)  # small-sample factors differ slightly
    assert res.effect == pytest.approx(2.0, abs=0.3)
    assert res.n_treated == 10 and res.nobs == len(data)
    assert "treated_post" in res.to_frame().index


def test_event_study_leads_are_flat_and_lags_show_the_effect() -> None:
    data = _did_panel()
    res = event_study(data, unit="region", time="year", outcome="y", treated=[f"r{i}" for i in range(10)],
                      treatment_time=2012, leads=4, lags=3)
    table = res.to_frame()
    assert list(table.index) == [-4, -3, -2, -1, 0, 1, 2, 3]
    assert table.loc[-1, "coef"] == 0.0
    assert table.loc[[-4, -3, -2], "coef"].abs().max() < 0.5
    assert (table.loc[[0, 1, 2, 3], "coef"] > 1.3).all()
    f, p = res.pretrend_test()
    assert p > 0.01
    fig = res.plot()
    assert fig.axes[0].get_xlabel() == "periods relative to treatment"


def test_single_treated_unit_is_flagged() -> None:
    data = _did_panel()
    res = did(data, unit="region", time="year", outcome="y", treated=["r0"], treatment_time=2012)
    assert any("Conley and Taber" in n for n in res.notes)
    with pytest.raises(DataError, match="treated unit"):
        did(data, unit="region", time="year", outcome="y", treated=["nowhere"], treatment_time=2012)
    with pytest.raises(DataError, match="must be numeric"):
        did(data.assign(year=data.year.astype(str)), unit="region", time="year", outcome="y",
            treated=["r0"], treatment_time=2012)
