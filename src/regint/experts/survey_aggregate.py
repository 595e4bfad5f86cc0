"""Aggregation of survey answers per side: weighted means with intervals, agreement, the two sides compared.

Takes :class:`~regint.experts.survey.SurveyResponse` objects (read by :func:`regint.experts.survey.read_survey`)
and returns a frozen :class:`SurveyResult`. No file is read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint._i18n_names import region_forms
from regint.errors import DataError
from regint.experts.ahp import from_judgements, priorities
from regint.experts.delphi import kendall_w
from regint.experts.group import aggregate_priorities
from regint.experts.survey import SurveyResponse, survey_items
from regint.experts.survey_stats import difference_ci, icc, weighted_mean_ci


def side_name(side: str) -> str:
    """The region of a side in English (for summaries)."""
    return region_forms(side, "en")["nom"]


@dataclass(frozen=True)
class SurveyResult:
    """Survey answers aggregated per side.

    Attributes
    ----------
    table : DataFrame
        One row per (side, block, item): ``n, mean, se, lower, upper, n_eff`` (weighted; 1–5 scale).
    comparison : DataFrame
        One row per item: the two sides' means (``mean_<side>``), the difference first side − second side of
        :attr:`pair` with its interval and ``differs`` (the interval excludes 0).
    agreement : DataFrame
        One row per (side, block): respondents, Kendall's W of their rankings of the items (with its p value) and
        ICC(2,1) / ICC(2,k) (items as targets, respondents as judges) with intervals; items nobody answered
        are left out, then respondents with a blank answer.
    directions : DataFrame
        Officials' AHP priorities of the directions per side (weighted geometric mean of the individual
        eigenvector priorities, AIP), with the share of respondents whose CR ≤ 0.1; empty for businesses.
    respondents : DataFrame
        One row per respondent: kind, side, weight and profile.
    synthetic : bool
        True when any answer was made up for a test or a demonstration: nothing here is then a finding.
    pair : (str, str)
        The pair the forms were written for (the Russian region first).
    """

    table: pd.DataFrame
    comparison: pd.DataFrame
    agreement: pd.DataFrame
    directions: pd.DataFrame
    respondents: pd.DataFrame
    level: float
    synthetic: bool
    notes: tuple[str, ...] = field(default_factory=tuple)
    pair: tuple[str, str] = DEFAULT_PAIR

    def to_frame(self) -> pd.DataFrame:
        """The per-side table."""
        return self.table.copy()

    def obstacles(self, side: str) -> pd.DataFrame:
        """The obstacles a side names, most serious first."""
        t = self.table
        sel = t[(t["side"] == side) & (t["block"] == "obstacles")]
        return sel.sort_values("mean", ascending=False).reset_index(drop=True)

    def disagreements(self) -> pd.DataFrame:
        """Items on which the two sides' means differ (interval of the difference excludes 0)."""
        return self.comparison[self.comparison["differs"]].reset_index(drop=True)

    def summary(self) -> str:
        n = self.respondents.groupby("side").size().to_dict()
        head = ("SYNTHETIC answers (mechanics only, no finding). " if self.synthetic else "")
        lines = [head + f"Survey: {len(self.respondents)} respondents "
                 f"({', '.join(f'{side_name(s)} {k}' for s, k in n.items())}); means on 1–5 with "
                 f"{self.level:.0%} intervals."]
        for side in self.pair:
            obs = self.obstacles(side).head(3)
            if len(obs):
                lines.append(f"{side_name(side)}: most serious obstacles " + "; ".join(
                    f"{r['item']} {r['mean']:.2f} [{r['lower']:.2f}, {r['upper']:.2f}]" for _, r in obs.iterrows()))
        d = self.disagreements()
        lines.append("Sides differ on: " + (", ".join(f"{r['item']} ({r['difference']:+.2f})"
                                                     for _, r in d.iterrows()) if len(d) else "no item"))
        for _, r in self.agreement.iterrows():
            lines.append(f"Agreement {side_name(r['side'])} / {r['block']}: W = {r['kendall_w']:.3f}"
                         f" (p = {r['w_p']:.3g}), ICC(2,1) = {r['icc2']:.3f} [{r['icc2_lower']:.3f}, "
                         f"{r['icc2_upper']:.3f}] (m = {int(r['respondents'])})")
        return "\n".join(lines + list(self.notes))


def _answers(responses: Sequence[SurveyResponse], codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.answers.get(c, np.nan) for c in codes} for r in responses],
                        index=[r.respondent for r in responses], dtype=float)


def _side_table(side: str, rs: Sequence[SurveyResponse], items: pd.DataFrame, level: float) -> list[dict]:
    frame = _answers(rs, list(items["code"]))
    w = np.array([r.weight for r in rs], dtype=float)
    rows = []
    for _, it in items.iterrows():
        est = weighted_mean_ci(frame[it["code"]].to_numpy(), w, level)
        rows.append({"side": side, "block": it["block"], "item": it["code"], "text": it["text"], "n": est.n,
                     "mean": est.mean, "se": est.se, "lower": est.lower, "upper": est.upper, "n_eff": est.n_eff})
    return rows


def _agreement(side: str, rs: Sequence[SurveyResponse], items: pd.DataFrame, level: float) -> list[dict]:
    out = []
    for block, its in items.groupby("block", sort=False):
        frame = _answers(rs, list(its["code"])).dropna(axis=1, how="all")  # items nobody answered
        w = kendall_w(frame)  # respondents × items
        c = icc(frame.T, level)  # items (targets) × respondents (judges)
        out.append({"side": side, "block": block, "respondents": len(rs), "kendall_w": w.w, "w_p": w.p_value,
                    "icc2": c.value("ICC2"), "icc2_lower": c.table.loc["ICC2", "lower"],
                    "icc2_upper": c.table.loc["ICC2", "upper"], "icc2k": c.value("ICC2k"),
                    "note": w.note or c.reason})
    return out


def _directions(side: str, rs: Sequence[SurveyResponse]) -> pd.DataFrame:
    done = [r for r in rs if r.judgements]
    if not done:
        return pd.DataFrame()
    codes = list(done[0].directions)
    results = [priorities(from_judgements(dict(r.judgements), codes), name=r.respondent) for r in done]
    vectors = [np.asarray([dict(zip(res.labels, res.weights, strict=True))[c] for c in codes]) for res in results]
    group = aggregate_priorities(vectors, [r.weight for r in done])
    ok = float(np.mean([res.cr <= 0.1 for res in results]))
    return pd.DataFrame({"side": side, "direction": codes, "priority": group, "respondents": len(done),
                         "share_consistent": ok})


def aggregate_survey(responses: Sequence[SurveyResponse], level: float = 0.95) -> SurveyResult:
    """Aggregate the answers of one instrument per side (see :class:`SurveyResult`).

    Means and intervals: :func:`regint.experts.survey_stats.weighted_mean_ci` with the respondents' weights;
    differences between the sides: :func:`regint.experts.survey_stats.difference_ci`; agreement within a side:
    Kendall's W (:func:`regint.experts.delphi.kendall_w`) and ICC (:func:`regint.experts.survey_stats.icc`);
    officials' directions: AHP eigenvector priorities aggregated by the weighted geometric mean (AIP,
    Forman & Peniwati 1998).

    Raises
    ------
    DataError
        No responses, or responses of different instruments or of different pairs mixed.
    """
    if not responses:
        raise DataError("no survey responses were given. Fix: read filled forms with regint.experts.read_survey.")
    kinds = {r.kind for r in responses}
    if len(kinds) > 1:
        raise DataError(f"responses of different instruments are mixed: {sorted(kinds)}. Fix: aggregate each "
                        "instrument separately.")
    pairs = {tuple(r.pair) for r in responses}
    if len(pairs) > 1:
        raise DataError(f"forms written for different pairs are mixed: {sorted(':'.join(p) for p in pairs)}. Fix: "
                        "aggregate the forms of each pair separately.")
    kind = kinds.pop()
    pair: tuple[str, str] = pairs.pop()  # type: ignore[assignment]
    items = survey_items(kind, "en")  # type: ignore[arg-type]
    rows, agree, dirs, notes = [], [], [], []
    for side in pair:
        rs = [r for r in responses if r.side == side]
        if not rs:
            notes.append(f"No answers from {side_name(side)}: its column stays empty.")
            continue
        rows += _side_table(side, rs, items, level)
        agree += _agreement(side, rs, items, level)
        dirs.append(_directions(side, rs))
    table = pd.DataFrame(rows)
    comparison = _compare(responses, items, level, pair)
    directions = pd.concat([d for d in dirs if len(d)], ignore_index=True) if any(len(d) for d in dirs) \
        else pd.DataFrame(columns=["side", "direction", "priority", "respondents", "share_consistent"])
    respondents = pd.DataFrame([{"respondent": r.respondent, "kind": r.kind, "side": r.side, "weight": r.weight,
                                 **dict(r.profile), "synthetic": r.synthetic, "source": r.source}
                                for r in responses])
    return SurveyResult(table, comparison, pd.DataFrame(agree), directions, respondents, level,
                        any(r.synthetic for r in responses), tuple(notes), pair)


def _compare(responses: Sequence[SurveyResponse], items: pd.DataFrame, level: float,
             pair: tuple[str, str]) -> pd.DataFrame:
    a, b = pair
    out = []
    by_side = {s: [r for r in responses if r.side == s] for s in pair}
    for _, it in items.iterrows():
        ests = {}
        for side, rs in by_side.items():
            if rs:
                ests[side] = weighted_mean_ci(_answers(rs, [it["code"]])[it["code"]].to_numpy(),
                                              [r.weight for r in rs], level)
        if len(ests) < 2:
            continue
        d, se, lo, hi = difference_ci(ests[a], ests[b], level)
        out.append({"block": it["block"], "item": it["code"], f"mean_{a}": ests[a].mean,
                    f"mean_{b}": ests[b].mean, "difference": d, "se": se, "lower": lo, "upper": hi,
                    "differs": bool(np.isfinite(lo) and (lo > 0 or hi < 0))})
    return pd.DataFrame(out, columns=["block", "item", f"mean_{a}", f"mean_{b}", "difference", "se", "lower",
                                      "upper", "differs"])


__all__ = ["SurveyResult", "aggregate_survey", "side_name"]
