"""SWOT with AHP (A'WOT) and the shipped PESTEL list of integration factors of the pair.

A'WOT compares the four SWOT groups pairwise (their weights), then the factors within each group (local
weights); a factor's global priority is the product of the two. The shipped list of factors
(``experts/data/pestel_factors.csv``, ru/en) classifies integration factors of Smolensk and Vitebsk oblasts by
PESTEL dimension with a default SWOT group that experts may change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint._options import check_option
from regint._paths import package_data
from regint.errors import DataError
from regint.experts.ahp import Judgements, MatrixLike, Method, RandomIndex
from regint.experts.group import aggregate_judgements
from regint.experts.hierarchy import Hierarchy, HierarchyResult
from regint.experts.questionnaire import Response, make_block, write_questionnaire

Lang = Literal["en", "ru"]
SWOT_GROUPS = ("S", "W", "O", "T")
GROUP_NAMES = {
    "en": {"S": "Strengths", "W": "Weaknesses", "O": "Opportunities", "T": "Threats"},
    "ru": {"S": "Сильные стороны", "W": "Слабые стороны", "O": "Возможности", "T": "Угрозы"},
}


@lru_cache(maxsize=1)
def _pestel() -> pd.DataFrame:
    return pd.read_csv(package_data("experts", "data", "pestel_factors.csv"), dtype=str, keep_default_na=False)


def pestel_factors(lang: Lang = "en") -> pd.DataFrame:
    """The shipped PESTEL list of integration factors: code, PESTEL dimension, default SWOT group, name.

    Both names are kept (``name_ru``, ``name_en``); ``name`` is the one in ``lang``.
    """
    check_option("lang", lang, ("en", "ru"))
    out = _pestel().copy()
    out["name"] = out[f"name_{lang}"]
    return out.set_index("code", drop=False)


def swot_factors(group: str, lang: Lang = "en") -> pd.DataFrame:
    """Factors of one SWOT group ('S', 'W', 'O' or 'T') from the shipped list."""
    check_option("group", group, SWOT_GROUPS)
    f = pestel_factors(lang)
    return f[f["swot"] == group]


@dataclass(frozen=True)
class AWOTResult:
    """A'WOT priorities: SWOT group weights, factor local and global priorities.

    Attributes
    ----------
    groups : Series
        Weights of S, W, O, T.
    factors : DataFrame
        Per factor: group, local priority (within its group), global priority (group × local).
    balance : dict
        Strengths − weaknesses and opportunities − threats of the group weights: the quadrant of the strategy
        (SO aggressive, WO turnaround, ST diversification, WT defensive).
    hierarchy : HierarchyResult
    """

    groups: pd.Series
    factors: pd.DataFrame
    balance: dict[str, float | str]
    hierarchy: HierarchyResult
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return self.factors.copy()

    def summary(self, lang: Lang = "en") -> str:
        head = "A'WOT: SWOT factors weighted by AHP"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious example judgements, not a survey of real experts.")
        for g in SWOT_GROUPS:
            if g not in self.groups.index:
                continue
            lines.append(f"{GROUP_NAMES[lang][g]} ({g}): {self.groups[g]:.3f}")
            sub = self.factors[self.factors["group"] == g].sort_values("global", ascending=False)
            for k, row in sub.iterrows():
                lines.append(f"    {k}: local {row['local']:.3f}, global {row['global']:.3f}")
        b = self.balance
        lines.append(f"Balance: S − W = {b['internal']:+.3f}, O − T = {b['external']:+.3f} → {b['strategy']}")
        cons = self.hierarchy.consistency()
        bad = cons.index[~cons["acceptable"]].tolist()
        lines.append("All comparisons consistent (CR < 0.10)" if not bad else f"CR ≥ 0.10 in: {bad}")
        lines.extend(self.notes)
        return "\n".join(lines)


def awot(
    groups: MatrixLike | Judgements,
    factors: Mapping[str, MatrixLike | Judgements | Mapping[str, float]],
    *,
    factor_labels: Mapping[str, list[str]] | None = None,
    method: Method = "eigenvector",
    ri: RandomIndex = "saaty1980",
    illustrative: bool = False,
) -> AWOTResult:
    r"""A'WOT: AHP priorities of the SWOT groups and of the factors within them.

    .. math::

        p_f = w_{g(f)} \, \ell_f

    with :math:`w_g` the priority of SWOT group *g* and :math:`\ell_f` the local priority of factor *f* within
    its group.

    Parameters
    ----------
    groups : 4×4 matrix over S, W, O, T (in that order) or judgements ``{("S", "W"): 3, ...}``
    factors : mapping group → pairwise matrix (or judgements) of its factors; a group with a single factor may
        be given as ``{"code": 1.0}``.
    factor_labels : mapping group → factor codes, for matrices given as arrays.

    References
    ----------
    Kurttila, M., Pesonen, M., Kangas, J. & Kajanus, M. (2000). Utilizing the analytic hierarchy process (AHP)
    in SWOT analysis — a hybrid method and its application to a forest-certification case. *Forest Policy and
    Economics* 1(1): 41–52.
    Kangas, J., Pesonen, M., Kurttila, M. & Kajanus, M. (2001). A'WOT: integrating the AHP with SWOT analysis.
    *Proceedings of the 6th ISAHP*, Berne, pp. 189–198.
    """
    unknown = [g for g in factors if g not in SWOT_GROUPS]
    if unknown:
        raise DataError(f"SWOT groups must be among {SWOT_GROUPS}; got {unknown}.")
    h = Hierarchy("SWOT")
    glabels = None if isinstance(groups, Mapping | pd.DataFrame) else [g for g in SWOT_GROUPS if g in factors]
    h.compare("SWOT", groups, glabels)
    for g, m in factors.items():
        if isinstance(m, Mapping) and all(isinstance(k, str) for k in m):
            h.set_priorities(g, m)  # type: ignore[arg-type]
        else:
            h.compare(g, m, (factor_labels or {}).get(g))  # type: ignore[arg-type]
    res = h.solve(method=method, ri=ri)
    gw = res.local_weights("SWOT")
    rows = res.elements[res.elements["level"] == 2]
    table = pd.DataFrame({"group": rows["parent"].to_numpy(), "local": rows["local_weight"].to_numpy(),
                          "global": rows["global_weight"].to_numpy()}, index=rows["element"].to_list())
    internal = float(gw.get("S", 0.0) - gw.get("W", 0.0))
    external = float(gw.get("O", 0.0) - gw.get("T", 0.0))
    strategy = {(True, True): "SO (aggressive: use strengths to seize opportunities)",
                (False, True): "WO (turnaround: overcome weaknesses using opportunities)",
                (True, False): "ST (diversification: use strengths against threats)",
                (False, False): "WT (defensive: reduce weaknesses, avoid threats)"}[(internal >= 0, external >= 0)]
    return AWOTResult(gw, table, {"internal": internal, "external": external, "strategy": strategy},
                      res, illustrative)


def swot_questionnaire(path: str | Path, lang: Lang = "en", factors: pd.DataFrame | None = None,
                       pair: tuple[str, str] = DEFAULT_PAIR) -> Path:
    """Write an A'WOT questionnaire: the four SWOT groups compared pairwise, then the factors within each group.

    ``factors`` (columns ``code``, ``swot``, ``name_ru``, ``name_en``) defaults to the shipped PESTEL list.
    """
    check_option("lang", lang, ("en", "ru"))
    f = pestel_factors(lang) if factors is None else factors.assign(name=factors[f"name_{lang}"])
    groups = pd.DataFrame({"code": list(SWOT_GROUPS), "name": [GROUP_NAMES[lang][g] for g in SWOT_GROUPS]})
    blocks = [make_block("SWOT", "SWOT", groups, lang)]
    for g in SWOT_GROUPS:
        sub = f[f["swot"] == g]
        if len(sub) >= 2:
            blocks.append(make_block(g, GROUP_NAMES[lang][g], sub[["code", "name"]], lang))
    from regint._i18n_names import pair_genitive

    regions = pair_genitive(*pair, lang)
    title = (f"Факторы интеграции {regions} (SWOT/A'WOT)" if lang == "ru" else
             f"Factors of integration of {regions} (SWOT/A'WOT)")
    return write_questionnaire(path, blocks, title=title, lang=lang, kind="swot")


def awot_from_responses(responses: Sequence[Response], *, method: Method = "eigenvector",
                        ri: RandomIndex = "saaty1980") -> AWOTResult:
    """A'WOT of a group: every block's judgements combined by the geometric mean (AIJ), then :func:`awot`."""
    if not responses:
        raise DataError("no responses given. Fix: pass filled SWOT questionnaires.")
    blocks = dict(responses[0].blocks)
    if "SWOT" not in blocks:
        raise DataError("the responses are not SWOT questionnaires (no 'SWOT' block).")
    merged: dict[str, pd.DataFrame] = {}
    for code, items in blocks.items():
        mats = [r.matrix(code).loc[list(items), list(items)].to_numpy(dtype=float) for r in responses]
        merged[code] = pd.DataFrame(aggregate_judgements(mats), index=list(items), columns=list(items))
    factors: dict[str, MatrixLike | Judgements | Mapping[str, float]] = {
        g: merged[g] for g in SWOT_GROUPS if g in merged}
    return awot(merged["SWOT"], factors, method=method, ri=ri,
                illustrative=any(r.illustrative for r in responses))
