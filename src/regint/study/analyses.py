"""The study's calls into the analysis modules: frames in, the analysis' own results (or small bundles) out.

Each function takes frames (and paths of reference data where an analysis needs a file) and returns the
analysis' own result object or a small frozen bundle of them. None of them catches errors: the study wraps each
in :func:`regint.study.outcome.attempt`, so every front end says what could not be produced and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from regint.errors import DataError


# ------------------------------------------------------------------------------------------------ preconditions
def run_preconditions(panel: pd.DataFrame, pair: tuple[str, str], comparators: Sequence[tuple[str, str]],
                      lang: str = "en") -> Any:
    """:func:`regint.indicators.preconditions.preconditions` for the pair and its comparator pairs."""
    from regint.indicators.preconditions import preconditions

    regions = {r for p in (pair, *comparators) for r in p}
    return preconditions(panel[panel["region"].isin(regions)], pair=pair,
                         comparators=tuple(c for c in comparators if tuple(c) != tuple(pair)),
                         lang=lang)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ConvergenceBundle:
    """Beta and sigma convergence of GRP per capita across the Russian regions (the Belarusian side lacks GRP)."""

    beta: Any
    sigma: Any
    first_year: int
    last_year: int
    n_regions: int


def run_convergence(panel: pd.DataFrame) -> ConvergenceBundle:
    """Absolute beta convergence and sigma convergence of nominal GRP per capita over the Russian subjects.

    Nominal roubles are comparable across Russian regions within a year (one currency, one price level as a
    first approximation); the span is the longest with values for at least 70 regions at both ends.
    """
    from regint.indicators.convergence import beta_convergence, sigma_convergence

    sub = panel[(panel["indicator"] == "grp_per_capita") & panel["region"].astype(str).str.match(r"^RU-")
                & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    wide = sub.pivot_table(index="region", columns=sub["period"].astype(int), values="value", aggfunc="first")
    counts = wide.notna().sum()
    years = [int(y) for y in counts.index[counts >= 70]]
    if len(years) < 5:
        raise DataError("fewer than five years with GRP per capita for 70 or more Russian regions")
    y0, y1 = min(years), max(years)
    both = wide[[y0, y1]].dropna()
    beta = beta_convergence(both[y0], both[y1], years=float(y1 - y0))
    sigma = sigma_convergence(wide[years].dropna())
    return ConvergenceBundle(beta=beta, sigma=sigma, first_year=y0, last_year=y1, n_regions=len(both))


# ------------------------------------------------------------------------------------------------ input-output
@dataclass(frozen=True)
class IOBundle:
    """The pair's regional input-output models, their multipliers and the example impact."""

    pair: Any
    national: Any
    names: dict[str, str]
    multipliers: dict[str, pd.DataFrame]
    impacts: dict[str, pd.DataFrame]
    shock_sector: str
    shock: float
    year: int
    assumptions: tuple[str, ...]
    key_sectors: dict[str, list[str]] = field(default_factory=dict)
    structure_source: str = "national"
    delta: float = 0.3


def run_io_analysis(panel: pd.DataFrame | None, pair: tuple[str, str], *, year: int, delta: float, shock: float,
                    partner_share: float | None, table: Any = None) -> Any:
    """The pair's input-output analysis: the shipped Rosstat table of domestic products of ``year``, the first
    region's structure from the panel (``grp_structure_*``, else the activity proxies, else national), the
    partner's size (its share of national GDP), FLQ with Flegg's ``delta``, the Russian table standing in for the
    Belarusian technology, ``shock`` mln RUB of final demand for section C.

    ``table`` is a :class:`~regint.models.inputoutput.NationalIOData` to use instead of the shipped table.
    The analysis is :func:`regint.models.inputoutput.pipeline.pair_io_analysis`.
    """
    from regint.models.inputoutput import shipped_concordance, shipped_table
    from regint.models.inputoutput.pipeline import pair_io_analysis

    data = table if table is not None else shipped_table(year, domestic=True)
    return pair_io_analysis(data, panel, concordance=shipped_concordance(), region=pair[0], partner=pair[1],
                            partner_share=partner_share, method="flq", delta=delta, shock=shock)


def io_bundle(res: Any, delta: float) -> IOBundle:
    """The input-output section's view of an analysis made by :func:`run_io_analysis`."""
    return IOBundle(pair=res.pair, national=res.national, names=res.names, multipliers=res.multiplier_frames(),
                    impacts=res.impacts, shock_sector=res.shock_sector, shock=res.shock, year=res.year,
                    assumptions=res.assumptions, key_sectors=res.key_sectors, structure_source=res.structure.source,
                    delta=delta)


def linkages_by_direction(io: IOBundle, region: str) -> pd.Series:
    """The ``linkages`` criterion of the directions from the region's multipliers (see
    :func:`regint.experts.directions.linkages_criterion`)."""
    from regint.experts.directions import linkages_criterion

    return linkages_criterion(io.multipliers[region])


# ------------------------------------------------------------------------------------------------ experts
def run_directions(survey: Sequence[Path] | None, draws: int, data: pd.DataFrame | None = None, *,
                   seed: int = 20240601) -> Any:
    """:func:`regint.experts.directions.rank_directions` on the given questionnaires, else on the data criteria
    alone (the shipped example answers are ILLUSTRATIVE and never drive the study's ranking)."""
    from regint.experts.directions import rank_directions
    from regint.experts.questionnaire import read_questionnaire

    responses = None
    if survey:
        responses = [read_questionnaire(p) for p in survey]
        bad = [str(r.source) for r in responses if r.kind != "directions"]
        if bad:
            raise DataError(f"{bad} are not directions questionnaires (made by `regint experts questionnaire "
                            "--kind directions`)")
    return rank_directions(responses, data=data, lang="en", sensitivity_draws=draws, seed=seed)


def relabel_directions(result: Any, lang: str) -> Any:
    """The ranking with the names of directions and criteria in ``lang`` (numbers unchanged)."""
    import dataclasses

    from regint.experts.directions import direction_criteria, directions

    if getattr(result, "lang", "en") == lang:
        return result
    dirs = directions(lang)  # type: ignore[arg-type]
    names = dirs.set_index("code")["name"] if "code" in dirs.columns else dirs["name"]
    crit = direction_criteria(lang)  # type: ignore[arg-type]
    crit_names = crit.set_index("code")["name"] if "code" in crit.columns else crit["name"]
    ranking = result.ranking.assign(name=names.reindex(result.ranking.index).to_numpy())
    criteria = result.criteria.assign(name=crit_names.reindex(result.criteria.index).to_numpy())
    return dataclasses.replace(result, ranking=ranking, criteria=criteria, lang=lang)


# ------------------------------------------------------------------------------------------------ index
def run_index(panel: pd.DataFrame, pairs: Sequence[tuple[str, str]], n: int) -> Any:
    """The cross-border integration index of the border ``pairs`` with a Monte Carlo of ``n`` runs."""
    from regint.data.catalogs import regions
    from regint.index.pairs import build_pair_index, catalog_distances

    codes = [f"{a}:{b}" for a, b in pairs]
    distances = catalog_distances(regions(), codes)
    return build_pair_index(panel, codes, None, n, distances=distances)


# ------------------------------------------------------------------------------------------------ gravity
@dataclass(frozen=True)
class GravityBundle:
    """Cross-section gravity 2009 of the countries of the pair (as ``regint analyse gravity``)."""

    base: Any
    with_pair: Any
    ols: Any
    potential: pd.DataFrame
    effect: pd.DataFrame
    ave: pd.DataFrame
    sigma: float
    origin: str
    partner: str
    nobs: int
    data_source: str
    data: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    in_pair: pd.Series = field(default_factory=lambda: pd.Series(dtype=bool), repr=False)


def run_gravity(origin: str = "RUS", partner: str = "BLR", sigma: float = 7.0, draws: int = 200,
                files: tuple[Path, Path] | None = None, seed: int = 0) -> GravityBundle:
    """PPML gravity 2009 with exporter and importer effects; the pair's trade against its prediction.

    The data are the shipped CEPII distances and WITS 2009 trade (``regint.data.api.world``), or the user's
    ``files`` (``dist_cepii.csv``, ``WITS_trade2009.csv``; ``;``-separated) as ``regint analyse gravity``
    ``--dist --trade`` reads them.
    """
    from regint.models.gravity import ad_valorem_equivalent, border_effect, ols_log, ppml, trade_potential
    from regint.models.gravity_data import gravity_frame, read_cepii_wits, wits_raw_from_shipped

    if files is not None:
        data = read_cepii_wits(*files)
        label = f"{files[0].name}, {files[1].name}"
    else:
        from regint.data.api import world

        data = gravity_frame(world("distances"), wits_raw_from_shipped(world("trade2009")))
        label = "shipped world_distances / world_trade2009 (CEPII GeoDist, WITS 2009)"
    pair = data["exporter"].isin([origin, partner]) & data["importer"].isin([origin, partner])
    if pair.sum() != 2:
        raise DataError(f"{origin}-{partner} is not a pair of reporting countries in the gravity data")
    data = data.assign(pair_dummy=pair.astype(float))
    regressors = "log_dist + contig + comlang_off + colony"
    base = ppml(data, f"trade ~ {regressors} | exporter + importer")
    with_pair = ppml(data, f"trade ~ {regressors} + pair_dummy | exporter + importer")
    ols = ols_log(data, f"trade ~ {regressors} | exporter + importer")
    potential = trade_potential(base, data, rows=data.index[pair], draws=draws, seed=seed)
    potential["implied_tariff_equivalent"] = np.expm1(-np.log(potential["ratio"]) / (sigma - 1))
    effect = border_effect(with_pair, "pair_dummy")
    ave = ad_valorem_equivalent(with_pair, "pair_dummy", sigma)
    return GravityBundle(base=base, with_pair=with_pair, ols=ols, potential=potential, effect=effect, ave=ave, sigma=sigma,
                         origin=origin, partner=partner, nobs=int(base.nobs), data_source=label, data=data,
                         in_pair=pair)


# ------------------------------------------------------------------------------------------------ evaluation
@dataclass(frozen=True)
class EvaluationBundle:
    """Synthetic control and DiD of the 2012 Single Economic Space on the Russian region of the pair."""

    sc: Any
    did: Any
    outcome: str
    treated: str
    treatment_year: int
    n_donors: int
    first_year: int
    last_year: int
    withdrawn: str = ""

    @property
    def valid(self) -> bool:
        """``False`` when the design cannot identify the effect (:attr:`withdrawn` says why)."""
        return not self.withdrawn


#: Why the synthetic control and the two-way DiD of the 2012 Single Economic Space identify nothing.
SES_WITHDRAWN = ("the Single Economic Space took effect on 1 January 2012 on the whole territory of Russia, so "
                 "every donor region of the synthetic control and every control region of the difference-in-"
                 "differences was treated too; the comparison sets a treated region against treated regions and "
                 "cannot measure the effect. A design with an untreated or less-treated comparison (intensity by "
                 "distance to the Belarusian border, or regions of non-member countries) is needed.")


#: The outcome indicator of the policy evaluation (logged).
EVALUATION_OUTCOME = "grp_per_capita"


def _evaluation_design(panel: pd.DataFrame, treated: str, outcome: str, treatment_year: int,
                       start: int) -> tuple[pd.DataFrame, list[tuple[str, list[int]]]]:
    sub = panel[(panel["indicator"] == outcome) & panel["period"].astype(str).str.fullmatch(r"\d{4}")
                & panel["region"].astype(str).str.match(r"^RU-")]
    frame = pd.DataFrame({"region": sub["region"].astype(str), "year": sub["period"].astype(int),
                          "y": pd.to_numeric(sub["value"], errors="coerce")})
    frame = frame[(frame["year"] >= start) & (frame["y"] > 0)].assign(y=lambda f: np.log(f["y"]))
    frame = frame.dropna().drop_duplicates(["region", "year"]).reset_index(drop=True)
    if treated not in set(frame["region"]):
        raise DataError(f"no {outcome} data for {treated}")
    pre = sorted(y for y in frame["year"].unique() if y < treatment_year)
    if len(pre) < 3:
        raise DataError(f"fewer than three years of {outcome} before {treatment_year}")
    blocks = [list(b) for b in np.array_split(np.asarray(pre), 3)]
    return frame, [("y", b) for b in blocks] + [("y", [pre[-1]])]


def evaluation_synthetic_control(panel: pd.DataFrame, treated: str, placebo: bool,
                                 outcome: str = EVALUATION_OUTCOME, treatment_year: int = 2012,
                                 start: int = 2000) -> Any:
    """The synthetic control of :func:`run_evaluation` alone (its placebos are most of the evaluation's time)."""
    frame, predictors = _evaluation_design(panel, treated, outcome, treatment_year, start)
    return _synthetic_control(frame, predictors, treated, treatment_year, placebo)


def _synthetic_control(frame: pd.DataFrame, predictors: list[tuple[str, list[int]]], treated: str,
                       treatment_year: int, placebo: bool) -> Any:
    from regint.models.evaluation import synthetic_control

    return synthetic_control(frame, unit="region", time="year", outcome="y", treated=treated,
                             treatment_time=treatment_year, predictors=predictors, placebo=placebo)


def run_evaluation(panel: pd.DataFrame, treated: str, placebo: bool, outcome: str = EVALUATION_OUTCOME,
                   treatment_year: int = 2012, start: int = 2000, *, sc: Any = None) -> EvaluationBundle:
    """As ``regint analyse evaluation`` with its defaults (log GRP per capita, Russian donors, 2000 on).

    The estimates are kept for the record, but for the 2012 Single Economic Space the finding is withdrawn
    (:data:`SES_WITHDRAWN`): the Russian donors were all treated in the same year, so the design has no
    untreated comparison (Abadie 2021, *J. Econ. Lit.* 59(2), 391–425, sec. 3: donors must be unaffected by the
    intervention). ``sc``: the :func:`evaluation_synthetic_control` of the same arguments, when already computed
    (in another process).
    """
    from regint.models.evaluation import did

    frame, predictors = _evaluation_design(panel, treated, outcome, treatment_year, start)
    if sc is None:
        sc = _synthetic_control(frame, predictors, treated, treatment_year, placebo)
    dd = did(frame, unit="region", time="year", outcome="y", treated=[treated], treatment_time=treatment_year)
    return EvaluationBundle(sc=sc, did=dd, outcome=outcome, treated=treated, treatment_year=treatment_year,
                            n_donors=int(frame["region"].nunique() - 1), first_year=int(frame["year"].min()),
                            last_year=int(frame["year"].max()),
                            withdrawn=SES_WITHDRAWN if treatment_year == 2012 else "")
