r"""Diagnostics of the factor panel: serial correlation, cross-sectional dependence and panel unit roots.

Every test returns a frozen :class:`DiagnosticResult`; a test that does not apply to the data (too few units or
years, a short series) returns ``valid=False`` with the reason instead of raising, so a batch report never dies.
The statistics are computed here from their published formulas (no maintained Python library has them);
they are checked against R ``plm`` (Croissant and Millo 2008) in ``tests/models/test_factors_reference.py``.

References
----------
Wooldridge, J. M. (2010). *Econometric Analysis of Cross Section and Panel Data*, 2nd ed., Sections 10.5.4 and
10.6.3.
Drukker, D. M. (2003). Testing for serial correlation in linear panel-data models. *Stata Journal* 3(2), 168-177.
Pesaran, M. H. (2004). General diagnostic tests for cross section dependence in panels. CESifo WP 1229.
Pesaran, M. H. (2015). Testing weak cross-sectional dependence in large panels. *Econometric Reviews* 34(6-10),
1089-1117.
Im, K. S., Pesaran, M. H. and Shin, Y. (2003). Testing for unit roots in heterogeneous panels. *Journal of
Econometrics* 115(1), 53-74.
Maddala, G. S. and Wu, S. (1999). A comparative study of unit root tests with panel data and a new simple test.
*Oxford Bulletin of Economics and Statistics* 61(S1), 631-652.
Choi, I. (2001). Unit root tests for panel data. *Journal of International Money and Finance* 20(2), 249-272.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from regint._options import check_option
from regint.errors import OptionError

SerialNull = Literal["fe", "fd"]

# Im, Pesaran and Shin (2003), Table 1 (right panel): E and Var of the DF t-statistic, intercept, no lags.
_IPS_T1_T = (6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 100, 500, 1000)
_IPS_T1_MEAN = (-1.520, -1.514, -1.501, -1.501, -1.504, -1.514, -1.522, -1.520, -1.526, -1.523, -1.527, -1.532,
                -1.531, -1.529)
_IPS_T1_VAR = (1.745, 1.414, 1.228, 1.132, 1.069, 0.923, 0.851, 0.809, 0.789, 0.770, 0.760, 0.735, 0.715, 0.707)
# Im, Pesaran and Shin (2003), Table 3: E and Var of the ADF t-statistic, intercept, by lag order (rows 0-8)
# and T (columns); blank cells of the table are NaN.
_IPS_T3_T = (10, 15, 20, 25, 30, 40, 50, 60, 70, 100)
_NA = float("nan")
_IPS_T3_MEAN = np.array([
    [-1.504, -1.514, -1.522, -1.520, -1.526, -1.523, -1.527, -1.519, -1.524, -1.532],
    [-1.488, -1.503, -1.516, -1.514, -1.519, -1.520, -1.524, -1.519, -1.522, -1.530],
    [-1.319, -1.387, -1.428, -1.443, -1.460, -1.476, -1.493, -1.490, -1.498, -1.514],
    [-1.306, -1.366, -1.413, -1.433, -1.453, -1.471, -1.489, -1.486, -1.495, -1.512],
    [-1.171, -1.260, -1.329, -1.363, -1.394, -1.428, -1.454, -1.458, -1.470, -1.495],
    [_NA, _NA, -1.313, -1.351, -1.384, -1.421, -1.451, -1.454, -1.467, -1.494],
    [_NA, _NA, _NA, -1.289, -1.331, -1.380, -1.418, -1.427, -1.444, -1.476],
    [_NA, _NA, _NA, -1.273, -1.319, -1.371, -1.411, -1.423, -1.441, -1.474],
    [_NA, _NA, _NA, -1.212, -1.266, -1.329, -1.377, -1.393, -1.415, -1.456]])
_IPS_T3_VAR = np.array([
    [1.069, 0.923, 0.851, 0.809, 0.789, 0.770, 0.760, 0.749, 0.736, 0.735],
    [1.255, 1.011, 0.915, 0.861, 0.831, 0.803, 0.781, 0.770, 0.753, 0.745],
    [1.421, 1.078, 0.969, 0.905, 0.865, 0.830, 0.798, 0.789, 0.766, 0.754],
    [1.759, 1.181, 1.037, 0.952, 0.907, 0.858, 0.819, 0.802, 0.782, 0.761],
    [2.080, 1.279, 1.097, 1.005, 0.946, 0.886, 0.842, 0.819, 0.801, 0.771],
    [_NA, _NA, 1.171, 1.055, 0.980, 0.912, 0.863, 0.839, 0.814, 0.781],
    [_NA, _NA, _NA, 1.114, 1.023, 0.942, 0.886, 0.858, 0.834, 0.795],
    [_NA, _NA, _NA, 1.164, 1.062, 0.968, 0.910, 0.875, 0.851, 0.806],
    [_NA, _NA, _NA, 1.217, 1.105, 0.996, 0.929, 0.896, 0.871, 0.818]])


@dataclass(frozen=True)
class DiagnosticResult:
    """One diagnostic test (frozen); ``valid=False`` with ``reason`` when it does not apply."""

    test: str
    null: str
    statistic: float = float("nan")
    pvalue: float = float("nan")
    df: tuple[float, ...] = ()
    nobs: int = 0
    valid: bool = True
    reason: str = ""
    notes: tuple[str, ...] = ()

    def reject(self, level: float = 0.05) -> bool:
        return bool(self.valid and self.pvalue < level)

    def summary(self) -> str:
        if not self.valid:
            return f"{self.test}: INVALID: {self.reason}"
        verdict = "rejected" if self.reject() else "not rejected"
        df = f", df {self.df}" if self.df else ""
        return (f"{self.test}: statistic {self.statistic:.4g}{df}, p = {self.pvalue:.4g}; null ({self.null}) "
                f"{verdict} at 5 %" + "".join(f"; {n}" for n in self.notes))

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"test": self.test, "null": self.null, "statistic": self.statistic,
                              "pvalue": self.pvalue, "df": ", ".join(f"{d:g}" for d in self.df),
                              "nobs": self.nobs, "valid": self.valid, "reason": self.reason}])


def _invalid(test: str, null: str, reason: str) -> DiagnosticResult:
    return DiagnosticResult(test=test, null=null, valid=False, reason=reason)


def _cluster_wald_1(y: np.ndarray, x: np.ndarray, groups: np.ndarray, j: int, value: float) -> tuple[float, int]:
    """F (= Wald/1) of beta_j = value with the cluster-robust (Arellano, HC0) covariance; residual df."""
    xtx_inv = np.linalg.inv(x.T @ x)
    b = xtx_inv @ x.T @ y
    u = y - x @ b
    scores = np.vstack([x[groups == g].T @ u[groups == g] for g in np.unique(groups)])
    v = xtx_inv @ (scores.T @ scores) @ xtx_inv
    return float((b[j] - value) ** 2 / v[j, j]), len(y) - x.shape[1]


def _lag_within(s: pd.Series) -> pd.Series:
    t = s.index.get_level_values(1).to_series(index=s.index)
    lag = s.groupby(level=0).shift(1)
    return lag.where(t.groupby(level=0).diff() == 1)


def wooldridge_fe_ar1(resid: pd.Series) -> DiagnosticResult:
    r"""Wooldridge's test for serial correlation of the idiosyncratic errors after fixed effects.

    Under no serial correlation the within residuals satisfy :math:`corr(\hat u_{it}, \hat u_{i,t-1}) =
    -1/(T-1)`; regress :math:`\hat u_{it} = a + \delta \hat u_{i,t-1} + \eta_{it}` (pooled) and test
    :math:`\delta = -1/(T-1)` with a cluster-robust covariance:

    .. math::

        F = \frac{(\hat\delta + 1/(T-1))^2}{\widehat{Var}_{cl}(\hat\delta)} \sim F(1, n - 2)

    Parameters
    ----------
    resid : Series, index (entity, time), shape (n,)
        Residuals of a one-way (entity) fixed-effects regression; :math:`T` is the mean number of periods.

    References
    ----------
    Wooldridge (2010), Section 10.5.4; R ``plm::pwartest`` (Croissant and Millo 2008).
    """
    test, null = "Wooldridge AR(1) test after FE", "no serial correlation of the idiosyncratic errors"
    lag = _lag_within(resid)
    ok = lag.notna()
    n_units = resid.index.get_level_values(0).nunique()
    if ok.sum() < 5 or n_units < 2:
        return _invalid(test, null, f"{int(ok.sum())} residual pairs over {n_units} units; need 5 pairs and 2 units")
    t_bar = float(resid.groupby(level=0).size().mean())
    x = np.column_stack([np.ones(int(ok.sum())), lag[ok].to_numpy()])
    f, dfr = _cluster_wald_1(resid[ok].to_numpy(), x, resid[ok].index.get_level_values(0).to_numpy(), 1,
                             -1.0 / (t_bar - 1))
    return DiagnosticResult(test=test, null=null, statistic=f, pvalue=float(stats.f.sf(f, 1, dfr)), df=(1, dfr),
                            nobs=int(ok.sum()))


def wooldridge_serial(data: pd.DataFrame, outcome: str, regressors: list[str] | tuple[str, ...],
                      h0: SerialNull = "fe") -> DiagnosticResult:
    r"""Wooldridge's first-difference test for serial correlation in panels (Stata ``xtserial``).

    Estimate the first-differenced model :math:`\Delta y_{it} = c + \Delta x_{it}'\beta + e_{it}` by pooled OLS,
    regress its residuals on their lag, :math:`\hat e_{it} = a + \rho \hat e_{i,t-1} + \eta_{it}`, and test with a
    cluster-robust covariance

    .. math::

        H_0^{fe}: \rho = -0.5 \quad (\text{no serial correlation in levels}), \qquad
        H_0^{fd}: \rho = 0 \quad (\text{random walk errors in levels})

    Parameters
    ----------
    data : DataFrame, index (entity, time)
    outcome : str
    regressors : sequence of str
    h0 : {"fe", "fd"}
        ``"fe"`` is Wooldridge's (2010) and Drukker's (2003) test; ``"fd"`` is ``plm::pwfdtest``'s default.

    References
    ----------
    Wooldridge (2010), Section 10.6.3; Drukker (2003).
    """
    check_option("h0", h0, ("fe", "fd"))
    test = f"Wooldridge first-difference test (H0 {h0})"
    null = "no serial correlation in levels" if h0 == "fe" else "no serial correlation of the differenced errors"
    frame = data[[outcome, *regressors]].dropna().astype("float64").sort_index()
    t = frame.index.get_level_values(1).to_series(index=frame.index)
    consecutive = t.groupby(level=0).diff() == 1
    d = frame.groupby(level=0).diff()[consecutive]
    if len(d) < len(regressors) + 5:
        return _invalid(test, null, f"{len(d)} first differences for {len(regressors)} regressors; too few")
    x = np.column_stack([np.ones(len(d)), d[list(regressors)].to_numpy()])
    beta = np.linalg.lstsq(x, d[outcome].to_numpy(), rcond=None)[0]
    e = pd.Series(d[outcome].to_numpy() - x @ beta, index=d.index)
    lag = _lag_within(e)
    ok = lag.notna()
    n_units = e[ok].index.get_level_values(0).nunique()
    if ok.sum() < 5 or n_units < 2:
        return _invalid(test, null, f"{int(ok.sum())} residual pairs over {n_units} units; the test needs three "
                                    "consecutive years in at least two units")
    xr = np.column_stack([np.ones(int(ok.sum())), lag[ok].to_numpy()])
    f, dfr = _cluster_wald_1(e[ok].to_numpy(), xr, e[ok].index.get_level_values(0).to_numpy(), 1,
                             -0.5 if h0 == "fe" else 0.0)
    return DiagnosticResult(test=test, null=null, statistic=f, pvalue=float(stats.f.sf(f, 1, dfr)), df=(1, dfr),
                            nobs=int(ok.sum()))


def pesaran_cd(resid: pd.Series, *, min_common: int = 2) -> DiagnosticResult:
    r"""Pesaran's CD test of cross-sectional dependence (unbalanced form).

    .. math::

        CD = \sqrt{\frac{1}{M}} \sum_{(i,j) \in \mathcal{P}} \sqrt{T_{ij}}\, \hat\rho_{ij} \;\to\; N(0, 1)

    with :math:`\hat\rho_{ij}` the correlation of the residuals of units :math:`i, j` over their
    :math:`T_{ij}` common periods and :math:`\mathcal{P}` the :math:`M` pairs used: pairs with fewer than
    ``min_common`` common periods (or a constant residual over them) are left out, said so in the notes, and
    the sum is divided by the square root of the pairs actually used, as R ``plm::pcdtest`` does. For a balanced
    panel :math:`M = N(N-1)/2` and this is Pesaran's (2004) :math:`\sqrt{2T/(N(N-1))}\sum\hat\rho_{ij}`.

    Parameters
    ----------
    resid : Series, index (entity, time), shape (n,)
        Residuals of unit-by-unit regressions (or of a fixed-effects regression).
    min_common : int
        Fewest common periods for a pair to count (default 2, plm's rule: a correlation needs two points).

    References
    ----------
    Pesaran (2004), eq. (31); Pesaran (2015), eq. (4); R ``plm::pcdtest`` (Croissant and Millo 2008), ``pcdres``:
    ``sqrt(1/elem.num) * sum(sqrt(t.ij) * rho)`` over the pairs with more than one common period.
    """
    test, null = "Pesaran CD", "cross-sectional independence (weak dependence)"
    if isinstance(min_common, bool) or not isinstance(min_common, (int, np.integer)) or min_common < 2:
        raise OptionError(f"pesaran_cd: min_common must be an integer of at least 2 (a correlation needs two "
                         f"common periods); got {min_common!r}.")
    wide = resid.unstack(level=0)
    n = wide.shape[1]
    if n < 3:
        return _invalid(test, null, f"{n} units; the CD test needs at least 3")
    vals = wide.to_numpy()
    total, pairs, short, flat = 0.0, 0, 0, 0
    for i in range(n):
        for j in range(i + 1, n):
            both = ~np.isnan(vals[:, i]) & ~np.isnan(vals[:, j])
            tij = int(both.sum())
            if tij < min_common:
                short += 1
                continue
            a, b = vals[both, i], vals[both, j]
            if a.std() == 0 or b.std() == 0:
                flat += 1
                continue
            total += np.sqrt(tij) * float(np.corrcoef(a, b)[0, 1])
            pairs += 1
    if pairs == 0:
        return _invalid(test, null, f"no pair of units with {min_common} common periods")
    cd = float(total / np.sqrt(pairs))
    all_pairs = n * (n - 1) // 2
    notes = []
    if short:
        notes.append(f"{short} of {all_pairs} pairs left out (fewer than {min_common} common periods)")
    if flat:
        notes.append(f"{flat} of {all_pairs} pairs left out (a residual constant over the common periods)")
    if short or flat:
        notes.append(f"CD is scaled by the {pairs} pairs used, not all {all_pairs}")
    return DiagnosticResult(test=test, null=null, statistic=cd, pvalue=float(2 * stats.norm.sf(abs(cd))),
                            nobs=int(resid.notna().sum()), notes=tuple(notes))


def _adf_t(y: np.ndarray, lags: int) -> tuple[float, int]:
    """t-statistic of rho in dy_t = a + rho y_{t-1} + sum_j g_j dy_{t-j} + e_t (OLS, df-corrected)."""
    dy = np.diff(y)
    rows = len(dy) - lags
    cols = [np.ones(rows), y[lags:-1]] + [dy[lags - j:len(dy) - j] for j in range(1, lags + 1)]
    x = np.column_stack(cols)
    z = dy[lags:]
    xtx_inv = np.linalg.inv(x.T @ x)
    b = xtx_inv @ x.T @ z
    u = z - x @ b
    s2 = float(u @ u) / (rows - x.shape[1])
    return float(b[1] / np.sqrt(s2 * xtx_inv[1, 1])), rows


def _interp(t_obs: int, grid: tuple[int, ...], values: np.ndarray) -> float:
    return float(np.interp(t_obs, grid, values))


def _units(series: pd.Series) -> dict[object, np.ndarray]:
    out = {}
    for unit, s in series.dropna().groupby(level=0):
        years = s.index.get_level_values(1).to_numpy()
        if len(years) and np.all(np.diff(years) == 1):
            out[unit] = s.to_numpy(dtype="float64")
    return out


def ips_test(series: pd.Series, *, lags: int = 0) -> DiagnosticResult:
    r"""Im-Pesaran-Shin panel unit-root test, :math:`W_{\bar t}` statistic (individual intercepts).

    .. math::

        \bar t = \frac{1}{N}\sum_i t_i, \qquad
        W_{\bar t} = \frac{\sqrt N\,\big(\bar t - \tfrac1N\sum_i E[t_{T_i}(p)]\big)}
                          {\sqrt{\tfrac1N \sum_i Var[t_{T_i}(p)]}} \;\to\; N(0,1)

    with :math:`t_i` the (A)DF t-statistics with ``lags`` lags and the moments of IPS (2003) Table 1 (no lags,
    :math:`T \ge 6`) or Table 3 (lags 1-8, :math:`T \ge 10`), linearly interpolated in :math:`T_i`, the number
    of observations in unit :math:`i`'s regression. Left-tailed: small values reject the unit root in all units
    (the alternative: stationarity in some units).

    Parameters
    ----------
    series : Series, index (entity, year)
        Units with gaps inside their span are left out.
    lags : int, 0-8

    References
    ----------
    Im, Pesaran and Shin (2003), eq. (4.10) and Tables 1 and 3.
    """
    test, null = "Im-Pesaran-Shin W_tbar", "unit root in every unit"
    if not 0 <= lags <= 8:
        return _invalid(test, null, f"lags must be 0-8 (the range of IPS Table 3); got {lags}")
    units = _units(series)
    t_min = 6 if lags == 0 else 10
    stats_, means, variances, skipped = [], [], [], 0
    for y in units.values():
        if len(y) - 1 - lags < t_min or np.std(y) == 0:
            skipped += 1
            continue
        t_i, obs = _adf_t(y, lags)
        if lags == 0:
            m, v = _interp(obs, _IPS_T1_T, np.array(_IPS_T1_MEAN)), _interp(obs, _IPS_T1_T, np.array(_IPS_T1_VAR))
        else:
            row_m, row_v = _IPS_T3_MEAN[lags], _IPS_T3_VAR[lags]
            ok = ~np.isnan(row_m)
            grid = tuple(np.array(_IPS_T3_T)[ok])
            if obs < grid[0]:
                skipped += 1
                continue
            m, v = _interp(obs, grid, row_m[ok]), _interp(obs, grid, row_v[ok])
        stats_.append(t_i)
        means.append(m)
        variances.append(v)
    n = len(stats_)
    if n < 2:
        return _invalid(test, null, f"{n} unit(s) with a gapless series of at least {t_min + 1 + lags} years "
                                    f"({skipped} too short); IPS needs 2 units and the T of its tables")
    w = float(np.sqrt(n) * (np.mean(stats_) - np.mean(means)) / np.sqrt(np.mean(variances)))
    notes = (f"{skipped} unit(s) left out (too short or constant)",) if skipped else ()
    return DiagnosticResult(test=test, null=null, statistic=w, pvalue=float(stats.norm.cdf(w)), nobs=n,
                            notes=notes)


def fisher_adf(series: pd.Series, *, lags: int = 0, trend: bool = False) -> DiagnosticResult:
    r"""Fisher-type (Maddala-Wu) panel unit-root test combining the units' ADF p-values.

    .. math::

        P = -2\sum_{i=1}^N \ln p_i \sim \chi^2_{2N}, \qquad
        Z = \frac{1}{\sqrt N}\sum_{i=1}^N \Phi^{-1}(p_i) \sim N(0, 1)

    with :math:`p_i` MacKinnon's (2010) p-values of unit :math:`i`'s ADF test (statsmodels ``adfuller``);
    ``statistic`` is :math:`P`, and Choi's :math:`Z` is in the notes.

    Parameters
    ----------
    series : Series, index (entity, year)
    lags : int
    trend : bool
        Intercept and trend in each ADF regression.

    References
    ----------
    Maddala and Wu (1999); Choi (2001), eq. (9) and (13).
    """
    from statsmodels.tsa.stattools import adfuller

    test, null = "Fisher-ADF (Maddala-Wu)", "unit root in every unit"
    pvals = []
    for y in _units(series).values():
        if len(y) < 6 + lags or np.std(y) == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pvals.append(float(adfuller(y, maxlag=lags, autolag=None, regression="ct" if trend else "c")[1]))
    n = len(pvals)
    if n < 2:
        return _invalid(test, null, f"{n} unit(s) with a gapless series of at least {6 + lags} years; need 2")
    p = np.clip(np.array(pvals), 1e-12, 1 - 1e-12)
    stat = float(-2 * np.log(p).sum())
    z = float(stats.norm.ppf(p).sum() / np.sqrt(n))
    return DiagnosticResult(test=test, null=null, statistic=stat, pvalue=float(stats.chi2.sf(stat, 2 * n)),
                            df=(2 * n,), nobs=n,
                            notes=(f"Choi Z = {z:.3f} (p = {stats.norm.cdf(z):.3g})",
                                   "ADF p-values of short series are approximate (MacKinnon 2010 surfaces)"))
