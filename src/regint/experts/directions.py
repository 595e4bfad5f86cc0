"""Directions of integration: which sectors and joint projects of the pair to pursue next.

A shipped set of candidate directions (``experts/data/directions.csv``, ru/en) is ranked on criteria of two
kinds (``experts/data/direction_criteria.csv``): criteria computed from data — revealed comparative advantage,
trade complementarity, input-output linkages, unrealised trade potential — which the caller passes in as a
table (directions × criteria), and criteria that need experts' ratings (feasibility, investment required,
employment, strategic importance, risks), read from filled questionnaires. Criterion weights come from the
experts' pairwise comparisons (group AHP, AIJ). A criterion without values for every direction is left out and
reported as *not available*, never filled in. The ranking is made with TOPSIS, VIKOR and the weighted sum, with
the rank correlation between them and the stability of the ranking under changes of the weights.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint._options import check_option
from regint._paths import package_data
from regint.errors import DataError
from regint.experts.group import GroupResult, group_priorities
from regint.experts.mcda import topsis, vikor, weighted_sum
from regint.experts.questionnaire import Response, make_block, write_questionnaire
from regint.experts.sensitivity import SensitivityResult, rank_correlation, weight_sensitivity

Lang = Literal["en", "ru"]
RankMethod = Literal["topsis", "vikor", "wsm"]
BLOCK = "criteria"
KIND = "directions"
ILLUSTRATIVE_BANNER = "ILLUSTRATIVE: uses the shipped fictitious expert answers, not a survey of real experts."


@lru_cache(maxsize=1)
def _directions() -> pd.DataFrame:
    return pd.read_csv(package_data("experts", "data", "directions.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _criteria() -> pd.DataFrame:
    return pd.read_csv(package_data("experts", "data", "direction_criteria.csv"), dtype=str, keep_default_na=False)


def directions(lang: Lang = "en") -> pd.DataFrame:
    """The candidate directions: code, OKVED2 divisions, names and example projects (ru, en); ``name`` in ``lang``."""
    check_option("lang", lang, ("en", "ru"))
    out = _directions().copy()
    out["name"] = out[f"name_{lang}"]
    return out.set_index("code", drop=False).rename_axis(None)


def direction_criteria(lang: Lang = "en") -> pd.DataFrame:
    """The criteria: code, kind ('data' or 'expert'), benefit ('max' or 'min'), names, where the values come from."""
    check_option("lang", lang, ("en", "ru"))
    out = _criteria().copy()
    out["name"] = out[f"name_{lang}"]
    return out.set_index("code", drop=False).rename_axis(None)


def directions_questionnaire(path: str | Path, lang: Lang = "en",
                             pair: tuple[str, str] = DEFAULT_PAIR) -> Path:
    """Write the directions questionnaire of ``pair``: pairwise comparison of all criteria and ratings (1–5) of
    every direction on the expert criteria."""
    from regint._i18n_names import pair_genitive

    crit = direction_criteria(lang)
    dirs = directions(lang)
    regions = pair_genitive(*pair, lang)
    title = (f"Направления интеграции {regions}: важность критериев и оценки направлений" if lang == "ru" else
             f"Directions of integration of {regions}: importance of criteria and ratings of directions")
    block = make_block(BLOCK, "Критерии" if lang == "ru" else "Criteria", crit, lang)
    expert = crit[crit["kind"] == "expert"]
    return write_questionnaire(
        path, [block], title=title, lang=lang, kind=KIND,
        ratings=(list(zip(dirs["code"], dirs["name"], strict=True)),
                 list(zip(expert["code"], expert["name"], strict=True))),
    )


def load_example_survey() -> list[Response]:
    """The shipped example answers of four fictitious experts (every response is flagged ``illustrative``)."""
    doc = json.loads(package_data("experts", "examples", "directions_survey.json").read_text(encoding="utf-8"))
    return [Response.from_record({**rec, "illustrative": True}) for rec in doc["responses"]]


@dataclass(frozen=True)
class DirectionsResult:
    """Ranking of the directions of integration.

    Attributes
    ----------
    values : DataFrame
        Directions × criteria, ``NaN`` where not available.
    criteria : DataFrame
        Per criterion: kind, benefit, weight from the experts, weight used (renormalised over the available
        criteria; 0 when left out), and ``status`` ('available' or 'not available: <reason>').
    ranking : DataFrame
        Per direction: TOPSIS closeness and rank, VIKOR Q and rank, weighted-sum score and rank, compromise flag.
    correlation : DataFrame
        Spearman and Kendall correlations between the methods' rankings.
    sensitivity : SensitivityResult or None
    group : GroupResult or None
        Group AHP of the criteria weights, with each expert's consistency.
    illustrative : bool
        ``True`` when any input is the shipped fictitious example; ``summary()`` says so first.
    """

    values: pd.DataFrame
    criteria: pd.DataFrame
    ranking: pd.DataFrame
    correlation: pd.DataFrame
    sensitivity: SensitivityResult | None
    group: GroupResult | None
    vikor_compromise: tuple[str, ...]
    experts: tuple[str, ...]
    illustrative: bool = False
    lang: str = "en"
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return self.ranking.copy()

    def summary(self) -> str:
        head = "Directions of integration — ranking" if self.lang == "en" else "Направления интеграции — ранжирование"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append(ILLUSTRATIVE_BANNER)
        lines.append(f"Experts: {len(self.experts)}" + (f" ({', '.join(self.experts)})" if self.experts else ""))
        lines.append("Criteria:")
        for code, row in self.criteria.iterrows():
            lines.append(f"  {code:<16} {row['kind']:<6} {row['benefit']:<3} weight {row['weight_used']:.3f}  "
                         f"{row['status']}")
        lines.append("Ranking (TOPSIS | VIKOR | weighted sum):")
        for _code, row in self.ranking.sort_values("rank_topsis").iterrows():
            lines.append(f"  {int(row['rank_topsis']):>2} | {int(row['rank_vikor']):>2} | {int(row['rank_wsm']):>2}  "
                         f"{row['name']}  (C = {row['topsis']:.3f}, Q = {row['vikor_q']:.3f})")
        lines.append(f"VIKOR compromise: {', '.join(self.vikor_compromise)}")
        if not self.correlation.empty:
            pairs = "; ".join(f"{r.method_a}–{r.method_b} ρ = {r.spearman:.2f}" for r in self.correlation.itertuples())
            lines.append(f"Agreement of methods (Spearman): {pairs}")
        if self.sensitivity is not None:
            s = self.sensitivity
            top = s.first_share.sort_values(ascending=False).head(3)
            lines.append("Stability (TOPSIS, Dirichlet weights): " + ", ".join(f"{k} first in {v:.0%}" for k, v in top.items()))
        lines.extend(self.notes)
        return "\n".join(lines)


def rank_directions(
    responses: Sequence[Response] | None = None,
    data: pd.DataFrame | None = None,
    *,
    criteria_weights: Mapping[str, float] | None = None,
    lang: Lang = "en",
    vikor_v: float = 0.5,
    sensitivity_draws: int = 1000,
    seed: int = 20240601,
) -> DirectionsResult:
    """Rank the candidate directions on the criteria that are available.

    Parameters
    ----------
    responses : sequence of Response, optional
        Filled directions questionnaires (criteria comparisons and ratings). Their expert criteria are the mean
        rating over the experts; their criteria weights the group AHP (AIJ, eigenvector) of their comparisons.
    data : DataFrame, optional
        Directions (index: codes of :func:`directions`) × data criteria (columns: ``rca``, ``complementarity``,
        ``linkages``, ``trade_potential``), computed by the caller from the data. Any criterion missing here,
        or missing for some direction, is *not available* and left out.
    criteria_weights : mapping, optional
        Weights to use instead of the experts' (renormalised over the available criteria).

    Returns
    -------
    DirectionsResult
    """
    check_option("lang", lang, ("en", "ru"))
    crit = direction_criteria(lang)
    dirs = directions(lang)
    codes = list(dirs["code"])
    values = pd.DataFrame(np.nan, index=codes, columns=list(crit["code"]))
    reasons: dict[str, str] = {}
    notes: list[str] = []
    if data is not None:
        unknown_cols = [c for c in data.columns if c not in values.columns]
        unknown_rows = [r for r in data.index if r not in values.index]
        if unknown_cols or unknown_rows:
            raise DataError(f"data has unknown criteria {unknown_cols} or directions {unknown_rows}. "
                            f"Fix: use criterion codes {list(crit['code'])} and direction codes {codes}.")
        for c in data.columns:
            values.loc[data.index, c] = pd.to_numeric(data[c], errors="coerce").to_numpy()
    responses = list(responses or [])
    illustrative = any(r.illustrative for r in responses)
    expert_codes = list(crit.loc[crit["kind"] == "expert", "code"])
    rated = [r.ratings for r in responses if r.ratings is not None]
    if rated:
        mean = pd.concat(rated).groupby(level=0).mean()
        for c in expert_codes:
            if c in mean.columns:
                values.loc[values.index.intersection(mean.index), c] = mean.loc[values.index.intersection(mean.index), c]
    for c in values.columns:
        col = values[c]
        kind = crit.loc[c, "kind"]
        if col.isna().all():
            reasons[c] = ("not available: no data given" if kind == "data" else "not available: no expert ratings")
        elif col.isna().any():
            reasons[c] = f"not available: missing for {', '.join(col.index[col.isna()])}"
    available = [c for c in values.columns if c not in reasons]
    if not available:
        raise DataError("no criterion has values for every direction. Fix: pass filled questionnaires "
                        "(ratings) or a data table (directions × criteria).")
    group = None
    comparisons = [r for r in responses if BLOCK in r.judgements and r.judgements[BLOCK]]
    if criteria_weights is not None:
        w_all = pd.Series({c: float(criteria_weights.get(c, 0.0)) for c in values.columns})
        notes.append("Criterion weights given by the caller.")
    elif comparisons:
        group = group_priorities({r.respondent: r.matrix(BLOCK) for r in comparisons}, illustrative=illustrative)
        w_all = group.weights.reindex(values.columns).fillna(0.0)
    else:
        w_all = pd.Series(1.0, index=values.columns)
        notes.append("No expert comparisons of the criteria: equal weights used.")
    w_used = w_all.where(w_all.index.isin(available), 0.0)
    if w_used.sum() <= 0:
        raise DataError("the available criteria all have weight 0. Fix: give weights or more data.")
    w_used = w_used / w_used.sum()
    left_out = [c for c in values.columns if c in reasons and w_all[c] > 0]
    if left_out:
        notes.append(f"Left out for lack of values (weights renormalised over the rest): {', '.join(left_out)}.")
    x = values[available].to_numpy(dtype=float)
    w = w_used[available].to_numpy()
    benefit = list(crit.loc[available, "benefit"])
    t = topsis(x, w, benefit, alternatives=codes, criteria=available)
    v = vikor(x, w, benefit, vikor_v, alternatives=codes, criteria=available)
    s = weighted_sum(x, w, benefit, alternatives=codes, criteria=available)
    ranking = pd.DataFrame({
        "name": dirs["name"], "topsis": t.closeness, "rank_topsis": t.ranks, "vikor_q": v.q, "rank_vikor": v.ranks,
        "wsm": s.scores, "rank_wsm": s.ranks, "vikor_compromise": [c in v.compromise for c in codes],
    }, index=codes)
    corr = rank_correlation(ranking[["rank_topsis", "rank_vikor", "rank_wsm"]].rename(
        columns=lambda c: c.replace("rank_", "")))
    sens = None
    if sensitivity_draws > 0 and len(available) > 1:
        sens = weight_sensitivity(x, w, benefit, "topsis", draws=sensitivity_draws, seed=seed,
                                  alternatives=codes, criteria=available)
        sens = SensitivityResult(**{**sens.__dict__, "illustrative": illustrative})
    table = pd.DataFrame({
        "name": crit["name"], "kind": crit["kind"], "benefit": crit["benefit"], "weight_experts": w_all,
        "weight_used": w_used, "status": [reasons.get(c, "available") for c in crit["code"]],
    })
    return DirectionsResult(values, table, ranking, corr, sens, group, v.compromise,
                            tuple(r.respondent for r in responses), illustrative, lang, tuple(notes))


_DIVISION_SECTIONS: tuple[tuple[range, str], ...] = (
    (range(1, 4), "A"), (range(5, 10), "B"), (range(10, 34), "C"), (range(35, 36), "D"), (range(36, 40), "E"),
    (range(41, 44), "F"), (range(45, 48), "G"), (range(49, 54), "H"), (range(55, 57), "I"), (range(58, 64), "J"),
    (range(64, 67), "K"), (range(68, 69), "L"), (range(69, 76), "M"), (range(77, 83), "N"), (range(84, 85), "O"),
    (range(85, 86), "P"), (range(86, 89), "Q"), (range(90, 94), "R"), (range(94, 97), "S"),
)


def division_section(division: str) -> str | None:
    """The OKVED2 section letter of a two-digit division (``"10"`` → ``"C"``)."""
    try:
        d = int(division)
    except ValueError:
        return None
    return next((s for r, s in _DIVISION_SECTIONS if d in r), None)


def linkages_criterion(multipliers: pd.DataFrame) -> pd.Series:
    """Mean of the backward and forward (Rasmussen) linkage indices over the sections of each direction.

    .. math:: \\ell_d = \\frac{1}{|S_d|} \\sum_{s \\in S_d} \\frac{BL_s + FL_s}{2}

    Directions map to OKVED2 divisions (``experts/data/directions.csv``), divisions to the sections of an input-output
    table aggregated by section; several directions share section C, so they share its value.

    Parameters
    ----------
    multipliers : DataFrame indexed by section letter with columns ``backward`` and ``forward``
        (e.g. :attr:`regint.models.inputoutput.MultiplierResult.frame` of a regional model).

    References
    ----------
    Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
    Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., section 12.2.
    """
    dirs = pd.read_csv(package_data("experts", "data", "directions.csv"), dtype=str)
    link = (multipliers["backward"] + multipliers["forward"]) / 2.0
    out = {}
    for row in dirs.itertuples():
        secs = {s for div in str(row.okved2).split(";") if (s := division_section(div)) is not None}
        vals = [float(link[s]) for s in secs if s in link.index]
        out[row.code] = float(np.mean(vals)) if vals else np.nan
    return pd.Series(out, name="linkages")
