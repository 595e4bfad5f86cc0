"""Reference tests of the factor regressions and diagnostics against published tables and R ``plm`` output.

Data: Grunfeld (1958) investment data as in Baltagi's textbooks (the first 10 firms of
``statsmodels.datasets.grunfeld``, 1935-1954, = ``plm::Grunfeld``) and the Vella & Verbeek (1998) wage panel
(``linearmodels.datasets.wage_panel`` = Wooldridge's WAGEPAN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import OptionError
from regint.models.factors import fit_panel
from regint.models.factors_diagnostics import (
    fisher_adf,
    ips_test,
    pesaran_cd,
    wooldridge_fe_ar1,
    wooldridge_serial,
)


@pytest.fixture(scope="module")
def grunfeld() -> pd.DataFrame:
    from statsmodels.datasets import grunfeld as g

    d = g.load_pandas().data
    d = d[d["firm"] != "American Steel"].copy()
    d["year"] = d["year"].astype(int)
    return d.set_index(["firm", "year"]).sort_index()


def test_grunfeld_two_way_within_matches_baltagi(grunfeld: pd.DataFrame) -> None:
    # Baltagi, B. H. (2013). Econometric Analysis of Panel Data, 5th ed., Table 3.1 (two-way within):
    # value 0.118 (0.014), capital 0.358 (0.023); R plm::plm(model="within", effect="twoways"):
    # 0.117716, 0.357916.
    res = fit_panel(grunfeld, "invest", ["value", "capital"], effects="twoways", cov_type="unadjusted",
                    bootstrap=0)
    np.testing.assert_allclose(res.params[["value", "capital"]], [0.117716, 0.357916], atol=5e-6)
    np.testing.assert_allclose(res.std_errors[["value", "capital"]], [0.014, 0.023], atol=6e-4)


def test_grunfeld_one_way_within_matches_baltagi(grunfeld: pd.DataFrame) -> None:
    # Baltagi (2013), Table 2.1 (within): value 0.110 (0.012), capital 0.310 (0.017);
    # plm::plm(model="within"): 0.110124, 0.310065.
    res = fit_panel(grunfeld, "invest", ["value", "capital"], effects="entity", cov_type="unadjusted",
                    bootstrap=0)
    np.testing.assert_allclose(res.params[["value", "capital"]], [0.110124, 0.310065], atol=5e-6)
    np.testing.assert_allclose(res.std_errors[["value", "capital"]], [0.012, 0.017], atol=6e-4)


def test_wage_panel_fixed_effects_with_year_dummies_matches_wooldridge() -> None:
    # Wooldridge, J. M. (2020). Introductory Econometrics, 7th ed., Example 14.4, Table 14.2, column "Fixed
    # Effects" (WAGEPAN, year dummies included): expersq -.0052 (.0007), married .047 (.018), union .080 (.019).
    from linearmodels.datasets import wage_panel

    w = wage_panel.load().set_index(["nr", "year"])
    res = fit_panel(w, "lwage", ["expersq", "married", "union"], effects="twoways", cov_type="unadjusted",
                    bootstrap=0)
    np.testing.assert_allclose(res.params[["expersq", "married", "union"]], [-0.0052, 0.047, 0.080], atol=6e-4)
    np.testing.assert_allclose(res.std_errors[["expersq", "married", "union"]], [0.0007, 0.018, 0.019],
                               atol=6e-4)


def test_wooldridge_first_difference_test_matches_plm(grunfeld: pd.DataFrame) -> None:
    # R plm 2.6, inst/tests/test_pwfdtest_pwartest.Rout.save: pwfdtest(inv ~ value + capital, Grunfeld)
    # F = 16.483, df1 = 1, df2 = 178, p-value = 7.345e-05 (h0 = "fd", rho = 0).
    d = wooldridge_serial(grunfeld, "invest", ["value", "capital"], h0="fd")
    assert d.valid and d.df == (1, 178)
    assert d.statistic == pytest.approx(16.483, abs=5e-4)
    assert d.pvalue == pytest.approx(7.345e-05, rel=1e-3)


def test_wooldridge_fe_ar1_test_matches_plm(grunfeld: pd.DataFrame) -> None:
    # Same file: pwartest(fe_grun): F = 76.929, df1 = 1, df2 = 188, p-value = 1.057e-15.
    fe = fit_panel(grunfeld, "invest", ["value", "capital"], effects="entity", bootstrap=0)
    d = wooldridge_fe_ar1(fe.resids)
    assert d.df == (1, 188)
    assert d.statistic == pytest.approx(76.929, abs=5e-4)


def test_pesaran_cd_matches_plm(grunfeld: pd.DataFrame) -> None:
    # R plm, inst/tests/test_pcdtest.Rout.save: pcdtest(value ~ 1, data = Grunfeld): z = 13.843
    # (heterogeneous unit-by-unit regressions on a constant: residuals are the demeaned values).
    resid = grunfeld["value"] - grunfeld["value"].groupby(level=0).transform("mean")
    d = pesaran_cd(resid)
    assert d.statistic == pytest.approx(13.843, abs=5e-4)


def test_pesaran_cd_hand_computation_three_units() -> None:
    idx = pd.MultiIndex.from_product([["a", "b", "c"], range(4)])
    e = pd.Series([1, -1, 2, -2, 1, -1, 2, -2, -1, 1, -2, 2], index=idx, dtype=float)
    # rho_ab = 1, rho_ac = rho_bc = -1, T = 4: CD = sqrt(2*4/(3*2)) * (1 - 1 - 1) = -sqrt(4/3)
    assert pesaran_cd(e).statistic == pytest.approx(-np.sqrt(4 / 3))


def test_ips_matches_plm_gretl_eviews(grunfeld: pd.DataFrame) -> None:
    # R plm, inst/tests/test_purtest.Rout.save (dfcor = TRUE, "matches gretl 2017c and EViews 9.5"):
    # purtest(value, test = "ips", exo = "intercept", lags = 2): Wtbar = 1.496, p = 0.933;
    # lags = 0: Wtbar = -1.419, p = 0.078.
    two = ips_test(grunfeld["value"], lags=2)
    zero = ips_test(grunfeld["value"], lags=0)
    assert two.statistic == pytest.approx(1.496, abs=1e-3) and two.pvalue == pytest.approx(0.933, abs=1e-3)
    assert zero.statistic == pytest.approx(-1.419, abs=1e-3) and zero.pvalue == pytest.approx(0.078, abs=1e-3)


def test_fisher_adf_against_plm_unit_pvalues(grunfeld: pd.DataFrame) -> None:
    # The ADF p-values of plm's purtest(value, lags = 2) (MacKinnon 1996) give P = -2 sum ln p = 15.127;
    # statsmodels uses MacKinnon (1994, 2010) surfaces, so the statistic agrees to about 0.05.
    p_plm = np.array([0.5685499, 0.3626320, 0.4906848, 0.2218810, 0.9492112, 0.9999971, 0.4031653, 0.9969373,
                      0.2554070, 0.2373267])
    d = fisher_adf(grunfeld["value"], lags=2)
    assert d.df == (20,)
    assert d.statistic == pytest.approx(-2 * np.log(p_plm).sum(), abs=0.05)


def test_diagnostics_that_do_not_apply_are_invalid_with_reason() -> None:
    idx = pd.MultiIndex.from_product([["a", "b"], range(5)])
    s = pd.Series(np.arange(10.0), index=idx)
    assert not pesaran_cd(s).valid and "at least 3" in pesaran_cd(s).reason
    short = ips_test(s, lags=1)
    assert not short.valid and "IPS needs" in short.reason
    assert not ips_test(s, lags=9).valid
    assert "INVALID" in short.summary()


@pytest.mark.parametrize(("effects", "expected"), [
    # one-way within, no time dummies: Gretl 2016b "Robust (HAC) standard errors" (Arellano, Stata's
    # adjustment), printed in R plm 2.6, inst/tests/test_pwaldtest.R ("Gretl uses Stata's small sample
    # adjustment"): value 0.0151945, capital 0.0527518; Stata 18 xtreg invest mvalue kstock, fe
    # vce(cluster company) on webuse grunfeld prints the same. Before the fix regint gave 0.0144144, 0.0500435.
    ("entity", [0.0151945, 0.0527518]),
    # two-way (Gretl's Model 6, time dummies dt_2..dt_20): value 0.0108244, capital 0.0478484.
    # Before the fix: 0.0105653, 0.0467029.
    ("twoways", [0.0108244, 0.0478484]),
])
def test_grunfeld_clustered_se_match_stata_gretl(grunfeld: pd.DataFrame, effects: str,
                                                 expected: list[float]) -> None:
    res = fit_panel(grunfeld, "invest", ["value", "capital"], effects=effects, bootstrap=0)  # type: ignore[arg-type]
    np.testing.assert_allclose(res.std_errors[["value", "capital"]], expected, atol=6e-8)
    assert res.df_resid == 9


def test_grunfeld_pooled_clustered_se_match_gretl(grunfeld: pd.DataFrame) -> None:
    # Same file, Gretl Model 5 (pooled OLS, clustered by firm): value 0.0158943, capital 0.0849671.
    res = fit_panel(grunfeld, "invest", ["value", "capital"], effects="pooled", bootstrap=0)
    np.testing.assert_allclose(res.std_errors[["value", "capital"]], [0.0158943, 0.0849671], atol=6e-8)


_PLM_FIRMS = ["General Motors", "US Steel", "General Electric", "Chrysler", "Atlantic Refining", "IBM",
              "Union Oil", "Westinghouse", "Goodyear", "Diamond Match"]  # plm::Grunfeld firms 1..10


def _grunfeld_unbalanced(grunfeld: pd.DataFrame) -> pd.DataFrame:
    """Grunfeld made unbalanced as in plm's inst/tests/test_pcdtest.R, plus firm 3 cut to 1943-1946.

    R 4.2.2, plm 2.6-2 (Debian r-cran-plm), run for this test::

        drop <- (G$firm==1 & G$year>=1945) | (G$firm==2 & G$year<=1944) |
                (G$firm==3 & !(G$year %in% 1943:1946)) | (G$firm==5 & G$year %in% c(1939,1940,1945)) |
                (G$firm==7 & G$year %in% 1937:1944)
        U <- Grunfeld[!drop, ]                                      # 153 rows
        pcdtest(value ~ 1, data = U)                                # z = 11.017994
        pcdtest(inv ~ value + capital, data = U, model = "within")  # z = 2.3809691, p-value = 0.01726716
    """
    f = grunfeld.index.get_level_values(0)
    y = grunfeld.index.get_level_values(1)
    firm = {k + 1: f == name for k, name in enumerate(_PLM_FIRMS)}
    drop = ((firm[1] & (y >= 1945)) | (firm[2] & (y <= 1944)) | (firm[3] & ~y.isin(range(1943, 1947)))
            | (firm[5] & y.isin([1939, 1940, 1945])) | (firm[7] & y.isin(range(1937, 1945))))
    return grunfeld[~drop]


def test_pesaran_cd_unbalanced_matches_plm(grunfeld: pd.DataFrame) -> None:
    # Reference values in _grunfeld_unbalanced's docstring. Before the fix (min_common=3, scaled by all 45
    # pairs) regint gave 10.473247 and 1.932728 (p = 0.053, on the other side of 5 %).
    u = _grunfeld_unbalanced(grunfeld)
    assert len(u) == 153
    demeaned = u["value"] - u["value"].groupby(level=0).transform("mean")
    het = pesaran_cd(demeaned)
    assert het.statistic == pytest.approx(11.017994, abs=1e-6)
    assert any("pairs used, not all 45" in n for n in het.notes)
    fe = fit_panel(u, "invest", ["value", "capital"], effects="entity", bootstrap=0)
    within = pesaran_cd(fe.resids)
    assert within.statistic == pytest.approx(2.3809691, abs=1e-6)
    assert within.pvalue == pytest.approx(0.01726716, abs=1e-7)


def test_pesaran_cd_rejects_min_common_below_two() -> None:
    idx = pd.MultiIndex.from_product([["a", "b", "c"], range(4)])
    with pytest.raises(OptionError, match="min_common must be an integer of at least 2"):
        pesaran_cd(pd.Series(np.arange(12.0), index=idx), min_common=1)
