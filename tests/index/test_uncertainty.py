"""Monte Carlo over methodological choices and Sobol' indices."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, OptionError
from regint.index import Framework, IndexSpec, UncertaintySpec, uncertainty_analysis
from regint.index.sobol import radial_matrices, saltelli_design, sobol_indices


def test_ishigami_reference_values() -> None:
    """Ishigami function, a = 7, b = 0.1: analytic S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).

    Saltelli, A. et al. (2008), *Global Sensitivity Analysis. The Primer*, Wiley, p. 179; Saltelli et al.
    (2010), Comput. Phys. Commun. 181, Table 3.
    """
    n = 2**14
    a, b = saltelli_design(n, [1, 1, 1], seed=7)

    def ishigami(u: np.ndarray) -> np.ndarray:
        x = np.pi * (2 * u - 1)
        return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

    f_ab = np.stack([ishigami(m) for m in radial_matrices(a, b, [1, 1, 1])])
    s1, st = sobol_indices(ishigami(a), ishigami(b), f_ab)
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=0.02)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=0.02)


def _case() -> tuple[pd.DataFrame, Framework]:
    rng = np.random.default_rng(11)
    idx = pd.MultiIndex.from_product([[f"U{i}" for i in range(8)], [2019, 2020, 2021]], names=["unit", "year"])
    data = pd.DataFrame(rng.lognormal(size=(24, 5)), index=idx, columns=list("abcde"))
    data.iloc[[1, 7, 12], [0, 2, 4]] = np.nan
    fw = Framework.from_frame(pd.DataFrame([
        {"code": "I", "parent": "", "weight": 1}, {"code": "D1", "parent": "I", "weight": 1},
        {"code": "D2", "parent": "I", "weight": 1}, {"code": "a", "parent": "D1", "weight": 1},
        {"code": "b", "parent": "D1", "weight": 1}, {"code": "c", "parent": "D1", "weight": 1},
        {"code": "d", "parent": "D2", "weight": 1, "direction": -1}, {"code": "e", "parent": "D2", "weight": 1}]))
    return data, fw


def test_same_seed_same_result_and_intervals() -> None:
    data, fw = _case()
    spec = IndexSpec(impute="interpolate")
    r1 = uncertainty_analysis(data, fw, spec, UncertaintySpec(n=1000, seed=5))
    r2 = uncertainty_analysis(data, fw, spec, UncertaintySpec(n=1000, seed=5))
    np.testing.assert_array_equal(r1.ranks, r2.ranks)
    pd.testing.assert_frame_equal(r1.sensitivity, r2.sensitivity)
    r3 = uncertainty_analysis(data, fw, spec, UncertaintySpec(n=1000, seed=6))
    assert not np.array_equal(r1.ranks, r3.ranks)
    assert r1.ranks.shape == (24, 6000)
    iv = r1.intervals
    assert (iv["p05_rank"] <= iv["median_rank"]).all() and (iv["median_rank"] <= iv["p95_rank"]).all()
    assert iv["p95_rank"].max() <= 8 and iv["p05_rank"].min() >= 1
    assert list(r1.sensitivity.index) == ["imputation", "normalisation", "aggregation", "weights"]
    assert (r1.sensitivity["ST"] >= -1e-12).all()
    assert "Sobol'" in r1.summary()


def test_only_weights_vary() -> None:
    data, fw = _case()
    res = uncertainty_analysis(data, fw, IndexSpec(impute="interpolate"),
                               UncertaintySpec(n=256, imputations=("interpolate",), normalisations=("minmax",),
                                               aggregations=("arithmetic",), weight_noise=0.2))
    assert res.factors == ("weights",)
    # with only one factor, the first-order and total index are both close to one
    assert res.sensitivity.loc["weights", "ST"] == pytest.approx(1.0, abs=0.1)


def test_errors() -> None:
    data, fw = _case()
    with pytest.raises(OptionError, match="normalisation must be one of"):
        uncertainty_analysis(data, fw, None, UncertaintySpec(n=10, normalisations=("log",)))
    with pytest.raises(DataError, match="nothing to vary"):
        uncertainty_analysis(data, fw, None, UncertaintySpec(n=10, imputations=("mean",),
                                                             normalisations=("minmax",),
                                                             aggregations=("arithmetic",), weight_noise=0))


def test_score_band_on_the_nominal_scale_and_same_indicators() -> None:
    """The score band compares like with like (regression: a band of 1.00 around a nominal score of 51.6).

    With fixed weights, the runs with the nominal normalisation and aggregation reproduce the nominal score
    exactly once mapped back from the simulation's [1, 100] scale; runs whose imputation leaves a row with a
    different set of indicators (here: ``none`` keeps the gaps that interpolation fills) are not in that
    row's band, and the row is flagged.
    """
    data, fw = _case()
    spec = IndexSpec(impute="interpolate")
    res = uncertainty_analysis(data, fw, spec, UncertaintySpec(n=200, imputations=("interpolate", "none"),
                                                               normalisations=("minmax",),
                                                               aggregations=("arithmetic", "geometric"),
                                                               weight_noise=0.0))
    iv = res.intervals
    for col in ("p05_score", "median_score", "p95_score"):
        np.testing.assert_allclose(iv[col], iv["nominal_score"], rtol=1e-9, atol=1e-9)
    varies = set(iv.index[iv["coverage_varies"]])
    assert varies == {("U0", 2020), ("U2", 2020)}  # interpolated; U4 2019 is a leading gap in both
    assert iv.loc[("U0", 2020), "band_runs"] < iv.loc[("U1", 2020), "band_runs"]
