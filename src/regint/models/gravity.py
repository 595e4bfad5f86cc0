"""Structural gravity estimation: PPML with high-dimensional fixed effects, and OLS on log trade for comparison.

Both estimators are thin, typed wrappers around :func:`pyfixest.fepois` and :func:`pyfixest.feols`; what regint
adds is a frozen results object that says which observations were dropped and why (missing values, singleton
fixed effects, Poisson separation, zero trade under logs), the convergence of the IRLS iterations, and tables.

Post-estimation quantities (border effects, tariff equivalents, trade potential) live in
:mod:`regint.models.gravity_effects`; the general-equilibrium counterfactual in :mod:`regint.models.gravity_ge`.
Both are re-exported here.

References
----------
Santos Silva, J. M. C. and Tenreyro, S. (2006). The log of gravity. *Review of Economics and Statistics* 88(4),
641–658.
Yotov, Y. V., Piermartini, R., Monteiro, J.-A. and Larch, M. (2016). *An Advanced Guide to Trade Policy Analysis:
The Structural Gravity Model*. WTO/UNCTAD. Chapter 1 (Table 1, pp. 41–44 with the note on p. 42; Table 3) and Chapter 2.
Correia, S., Guimarães, P. and Zylkin, T. (2020). Fast Poisson estimation with high-dimensional fixed effects.
*Stata Journal* 20(1), 95–115 (separation checks, as implemented in pyfixest).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ModelError
from regint.models.gravity_effects import ad_valorem_equivalent, border_effect, trade_potential
from regint.models.gravity_ge import GEResults, ge_counterfactual
from regint.models.gravity_results import GravityResults

Separation = Literal["fe", "ir"]
_SEPARATION: tuple[str, ...] = ("fe", "ir")

__all__ = [
    "GravityResults",
    "ppml",
    "ols_log",
    "border_effect",
    "ad_valorem_equivalent",
    "trade_potential",
    "ge_counterfactual",
    "GEResults",
]


# ----------------------------------------------------------------------------------------------------------
# estimation


def ppml(
    data: pd.DataFrame,
    formula: str,
    cluster: str | None = None,
    *,
    separation: Sequence[Separation] = ("fe",),
    tol: float = 1e-8,
    maxiter: int = 25,
) -> GravityResults:
    r"""Poisson pseudo-maximum-likelihood gravity with high-dimensional fixed effects.

    Solves the PPML first-order conditions

    .. math::

        \sum_{ij} \left(X_{ij} - \exp(x_{ij}'\beta + \pi_i + \chi_j + \dots)\right) z_{ij} = 0

    by iteratively re-weighted least squares with the fixed effects partialled out (pyfixest ``fepois``).
    PPML is consistent under heteroskedasticity of the multiplicative error and keeps zero flows
    (Santos Silva and Tenreyro 2006); with exporter(-time) and importer(-time) fixed effects its fitted
    values reproduce each exporter's output and each importer's expenditure, which is the structural
    adding-up property used by :func:`regint.models.gravity_ge.ge_counterfactual` (Yotov et al. 2016, Ch. 1,
    Sect. B, and Ch. 2).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per flow (exporter, importer[, year]); must have a unique index. Not copied by regint.
    formula : str
        pyfixest syntax, e.g. ``"trade ~ log_dist + cntg + rta | exp_year + imp_year + pair_id"``.
    cluster : str, optional
        Column to cluster standard errors by (CRV1, e.g. ``"pair_id"`` as Yotov et al. 2016 recommend, p. 42).
        Without it, heteroskedasticity-robust (HC1) standard errors.
    separation : sequence of {'fe', 'ir'}
        Separation checks run before estimation (``'fe'``: observations whose fixed-effect group has only
        zero flows; ``'ir'``: the iterative rectifier of Correia, Guimarães and Zylkin 2021). Dropped
        observations are reported in :attr:`GravityResults.dropped`.
    tol, maxiter : float, int
        IRLS convergence tolerance and iteration limit.

    Returns
    -------
    GravityResults

    Raises
    ------
    DataError
        Non-unique index or negative flows.
    OptionError
        Unknown separation check.

    References
    ----------
    Santos Silva and Tenreyro (2006), *Rev. Econ. Stat.* 88(4), 641–658.
    Yotov et al. (2016), *An Advanced Guide to Trade Policy Analysis*, Chapter 1, Sect. C (pp. 41–55).
    """
    import pyfixest as pf

    for s in separation:
        check_option("separation", s, _SEPARATION)
    depvar = _depvar(formula)
    _check_frame(data, depvar)
    if (data[depvar] < 0).any():
        raise DataError(f"column {depvar!r} has negative values; PPML needs flows >= 0. "
                        "Fix: correct or drop the negative rows.")
    vcov: Any = {"CRV1": cluster} if cluster else "hetero"
    frame = _model_frame(data, formula, cluster)
    with _quiet() as caught:
        fit = pf.fepois(formula, data=frame, vcov=vcov, separation_check=list(separation),
                        iwls_tol=tol, iwls_maxiter=maxiter, copy_data=False)
    return _results(fit, "ppml", formula, depvar, data, data.index, _vcov_name(cluster), caught,
                    extra_dropped=None, tol=tol, maxiter=maxiter)


def ols_log(data: pd.DataFrame, formula: str, cluster: str | None = None) -> GravityResults:
    r"""OLS on the log of trade with fixed effects (the "traditional" log-linear gravity, for comparison).

    .. math::

        \ln X_{ij} = x_{ij}'\beta + \pi_i + \chi_j + \varepsilon_{ij}, \qquad X_{ij} > 0

    Rows with zero trade have no logarithm: they are dropped and reported as ``'zero_trade'`` in
    :attr:`GravityResults.dropped`. The formula names the dependent variable in levels (``"trade ~ ..."``);
    its log is taken here.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per flow, unique index.
    formula : str
        pyfixest syntax with the dependent variable in levels.
    cluster : str, optional
        Column for CRV1 clustered standard errors; otherwise HC1.

    Returns
    -------
    GravityResults

    References
    ----------
    Yotov et al. (2016), Table 1 column (3), p. 42 note and Box 1, pp. 43–44.
    Santos Silva and Tenreyro (2006): why OLS on logs is biased under heteroskedasticity.
    """
    import pyfixest as pf

    depvar = _depvar(formula)
    _check_frame(data, depvar)
    y = data[depvar]
    positive = (y > 0).to_numpy()
    log_name = f"log_{depvar}"
    zero_labels = data.index[~positive & y.notna().to_numpy()]
    frame = _model_frame(data, formula, cluster).loc[positive].drop(columns=depvar)
    frame[log_name] = np.log(y.to_numpy()[positive])
    labels = frame.index
    log_formula = re.sub(rf"^\s*{re.escape(depvar)}\s*~", f"{log_name} ~", formula)
    vcov: Any = {"CRV1": cluster} if cluster else "hetero"
    with _quiet() as caught:
        fit = pf.feols(log_formula, data=frame, vcov=vcov, copy_data=False)
    extra = pd.concat([pd.Series("zero_trade", index=zero_labels, dtype="object"),
                       pd.Series("missing", index=data.index[y.isna().to_numpy()], dtype="object")])
    res = _results(fit, "ols_log", log_formula, depvar, data, labels, _vcov_name(cluster), caught,
                   extra_dropped=extra, tol=0.0, maxiter=0)
    return _replace(res, nobs_input=len(data))


# ----------------------------------------------------------------------------------------------------------
# helpers


def _depvar(formula: str) -> str:
    if "~" not in formula:
        raise ModelError(f"formula {formula!r} has no '~'. Fix: write 'trade ~ regressors | fixed effects'.")
    return formula.split("~", 1)[0].strip()


def _check_frame(data: pd.DataFrame, depvar: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise DataError(f"data must be a pandas DataFrame; got {type(data).__name__}")
    if depvar not in data.columns:
        raise DataError(f"dependent variable {depvar!r} is not a column of the data. "
                        "Fix: name a column on the left of '~'.")
    if not data.index.is_unique:
        raise DataError("the data index has duplicate labels, so dropped rows cannot be reported. "
                        "Fix: data.reset_index(drop=True).")


def _model_frame(data: pd.DataFrame, formula: str, cluster: str | None) -> pd.DataFrame:
    """The columns the model uses, as a new frame object sharing memory with ``data`` (copy-on-write, no copy).

    pyfixest 0.60 resets the index of the frame it is given *in place* when ``copy_data=False``; handing it this
    frame keeps the caller's frame untouched without copying the data.
    """
    cols = _formula_columns(formula, data.columns)
    if cluster:
        if cluster not in data.columns:
            raise DataError(f"cluster column {cluster!r} is not in the data")
        if cluster not in cols:
            cols.append(cluster)
    frame = data[cols]
    _guard_all_singletons(frame, formula)
    return frame


def _guard_all_singletons(frame: pd.DataFrame, formula: str) -> None:
    """Refuse a fixed effect with one level per row: pyfixest 0.60 then aborts the interpreter (a Rust panic in
    its demeaning) instead of raising, because no observation survives the singleton drop."""
    if "|" not in formula:
        return
    for name in (c.strip() for c in formula.split("|")[1].split("+")):
        if name in frame.columns and len(frame) > 0 and frame[name].nunique() >= len(frame):
            raise ModelError(f"fixed effect {name!r} has a separate level for every row, so every observation "
                             "is a singleton and nothing is left to estimate. Fix: drop that fixed effect or use "
                             "a panel with repeated observations per level.")


def _formula_columns(formula: str, columns: pd.Index) -> list[str]:
    tokens = set(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", formula))
    return [c for c in columns if c in tokens]


def _vcov_name(cluster: str | None) -> str:
    return f"CRV1 by {cluster}" if cluster else "hetero (HC1)"


@contextmanager
def _quiet() -> Iterator[list[str]]:
    """Collect pyfixest's warnings (reported in the results) and silence pandas-3 deprecations inside pyfixest."""
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield messages
    for w in caught:
        text = str(w.message).strip()
        if issubclass(w.category, DeprecationWarning | FutureWarning) and "inplace" in text:
            continue  # pyfixest 0.60 with pandas >= 3.1 (reported upstream issue; harmless)
        if text not in messages:
            messages.append(text)


def _replace(res: GravityResults, **changes: Any) -> GravityResults:
    from dataclasses import replace

    return replace(res, **changes)


def _results(
    fit: Any,
    method: str,
    formula: str,
    depvar: str,
    data: pd.DataFrame,
    labels: pd.Index,
    vcov_type: str,
    messages: list[str],
    *,
    extra_dropped: pd.Series | None,
    tol: float,
    maxiter: int,
) -> GravityResults:
    names = list(fit._coefnames)
    coef = pd.Series(np.asarray(fit._beta_hat, dtype=float), index=names, name="coef")
    se = pd.Series(np.asarray(fit._se, dtype=float), index=names, name="se")
    vcov = pd.DataFrame(np.asarray(fit._vcov, dtype=float), index=names, columns=names)
    pre, sep = _dropped_positions(fit)
    dropped = _dropped_reasons(data, labels, pre, sep, formula)
    if extra_dropped is not None and len(extra_dropped):
        dropped = pd.concat([extra_dropped, dropped])
    keep = np.ones(len(labels), dtype=bool)
    keep[np.asarray([*pre, *sep], dtype=int)] = False
    used = labels[keep]
    if method == "ppml":
        fitted_values = np.asarray(fit._Y_hat_response, dtype=float).ravel()
        r2 = float(fit._pseudo_r2)
        deviance: float | None = float(fit.deviance)
        converged = bool(fit.convergence)
        df_t: int | None = None
    else:
        fitted_values = np.asarray(fit._Y_hat_link, dtype=float).ravel()
        r2 = float(fit._r2)
        deviance = None
        converged = True
        df_t = int(fit._df_t)
    if len(used) != len(fitted_values):
        raise ModelError(f"pyfixest reported {len(fitted_values)} fitted values for {len(used)} kept rows; "
                         "this pyfixest version reports dropped rows differently. Fix: pin pyfixest 0.60.")
    fixef = {}
    if fit._fixef:
        fe_cols = [c.strip() for c in str(fit._fixef).split("+") if c.strip() in data.columns]
        fixef = {c: int(data.loc[used, c].nunique()) for c in fe_cols}
    if method == "ppml" and not converged:
        messages = [*messages, f"IRLS did not converge in {maxiter} iterations; increase maxiter."]
    return GravityResults(
        method=method,
        formula=formula,
        depvar=depvar,
        coef=coef,
        se=se,
        vcov=vcov,
        vcov_type=vcov_type,
        df_t=df_t,
        nobs=int(fit._N),
        nobs_input=len(data),
        dropped=dropped,
        converged=converged,
        tol=tol,
        maxiter=maxiter,
        deviance=deviance,
        r2=r2,
        fixef=fixef,
        fitted=pd.Series(fitted_values, index=used, name="fitted"),
        messages=tuple(messages),
        model=fit,
    )


def _dropped_positions(fit: Any) -> tuple[list[int], list[int]]:
    """Positions (pyfixest resets the index to 0..n-1) dropped before fitting (missing, singleton) and for separation."""
    pre = sorted(int(i) for i in (getattr(fit, "_na_index", ()) or ()))
    n_sep = int(getattr(fit, "n_separation_na", 0) or 0)
    sep = sorted(int(i) for i in np.asarray(fit.na_index)[len(np.asarray(fit.na_index)) - n_sep:]) if n_sep else []
    return pre, sep


def _dropped_reasons(
    data: pd.DataFrame, labels: pd.Index, pre: list[int], sep: list[int], formula: str
) -> pd.Series:
    """Reason for each row pyfixest dropped: a missing/non-finite value, a singleton fixed effect, separation."""
    reasons = pd.Series("singleton", index=labels[pre], dtype="object")
    if pre:
        cols = _formula_columns(formula, data.columns)
        sub = data.loc[labels[pre], cols]
        bad = sub.isna().any(axis=1).to_numpy()
        numeric = sub.select_dtypes("number")
        if numeric.shape[1]:
            bad = bad | ~np.isfinite(numeric.to_numpy(dtype=float)).all(axis=1)
        reasons[bad] = "missing"
    if sep:
        reasons = pd.concat([reasons, pd.Series("separation", index=labels[sep], dtype="object")])
    return reasons.rename("reason")
