"""The study's subjective factors: the ties register, the EDB barometer, the surveys per side and the
institutional dimension of the index, in one results object.

Without filled surveys the result says that no survey has been loaded, lists the instruments and what each
would measure, and draws no finding; synthetic answers (tests, demonstrations) never make a finding either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint.data.ties import BAROMETER_PREFIX, TIE_PREFIX, TiesRegister, read_subjective_facts, ties_register
from regint.experts.survey_aggregate import SurveyResult

#: The instruments and what each measures (ids for the front ends; English text as the fallback).
INSTRUMENTS: dict[str, str] = {
    "officials": "officials of both sides: political will and priorities, trust in the partner's institutions, "
                 "perceived obstacles (Likert 1–5) and AHP weights of the directions of integration",
    "business": "firms of both sides: severity of eleven cross-border obstacles (legal, administrative, border, "
                "logistics, payment, standards, information, trust, language, labour, public support), by side, "
                "size and sector",
    "experts": "experts: AHP of the criteria and ratings of the directions, Delphi rounds with Kendall's W",
}


@dataclass(frozen=True)
class SubjectiveResult:
    """Subjective factors of the pair.

    Attributes
    ----------
    register : TiesRegister
        The dated register of institutional ties.
    barometer : DataFrame
        EDB Integration Barometer figures (``press_edb_*``) with their notes.
    surveys : dict
        Instrument → :class:`~regint.experts.survey_aggregate.SurveyResult` (empty when none loaded).
    institutional : InstitutionalDimension
        The index dimension "institutional and social".
    notes : tuple of str
        Where the facts came from and what is missing.
    pair : (str, str)
        The study's pair.
    """

    register: TiesRegister
    barometer: pd.DataFrame
    surveys: dict[str, SurveyResult]
    institutional: object
    notes: tuple[str, ...] = field(default_factory=tuple)
    pair: tuple[str, str] = DEFAULT_PAIR

    @property
    def survey_loaded(self) -> bool:
        return bool(self.surveys)

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.surveys.values())

    @property
    def findings_allowed(self) -> bool:
        """True only with real (not synthetic) answers."""
        return self.survey_loaded and not self.synthetic

    def to_frame(self) -> pd.DataFrame:
        """The institutional dimension's indicators."""
        return self.institutional.to_frame()  # type: ignore[attr-defined,no-any-return]

    def summary(self) -> str:
        lines = []
        if not self.survey_loaded:
            lines.append("No survey has been loaded: no finding on the subjective factors is drawn. The instruments "
                         "(`regint experts questionnaire --kind officials|business|experts`) would measure:")
            lines += [f"  {k}: {v}" for k, v in INSTRUMENTS.items()]
        for kind, s in self.surveys.items():
            lines.append(f"[{kind}] " + s.summary())
        lines.append(self.register.summary())
        if len(self.barometer):
            lines.append("EDB Integration Barometer: " + "; ".join(
                f"{r['region']} {r['period']} {r['value']:g}% ({r['indicator'].removeprefix(BAROMETER_PREFIX)})"
                for _, r in self.barometer.iterrows()))
        lines.append(self.institutional.summary())  # type: ignore[attr-defined]
        return "\n".join(lines + list(self.notes))


def _survey_means(surveys: dict[str, SurveyResult]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    blocks = {"survey_political_will": ("officials", "will"), "survey_trust": ("officials", "trust")}
    for ind, (kind, block) in blocks.items():
        if kind in surveys:
            t = surveys[kind].table
            out[ind] = t[t["block"] == block].groupby("side")["mean"].mean().to_dict()
    src = "business" if "business" in surveys else ("officials" if "officials" in surveys else "")
    if src:
        t = surveys[src].table
        out["survey_obstacles"] = t[t["block"] == "obstacles"].groupby("side")["mean"].mean().to_dict()
    return out


def run_subjective(panel: pd.DataFrame, files: Sequence[Path], report_year: int,
                   synthetic: bool = False, pair: tuple[str, str] = DEFAULT_PAIR) -> SubjectiveResult:
    """Build :class:`SubjectiveResult` of ``pair`` from the panel and the filled surveys (``files``; none → no
    survey).

    Raises
    ------
    DataError
        A filled form was written for another pair than ``pair``.
    """
    from regint.errors import DataError
    from regint.experts.survey import read_survey
    from regint.experts.survey_aggregate import aggregate_survey
    from regint.index.institutional import institutional_dimension

    notes = []
    ind = panel["indicator"].astype(str) if len(panel) else pd.Series(dtype=str)
    facts = panel[ind.str.startswith(TIE_PREFIX) | ind.str.startswith(BAROMETER_PREFIX)] if len(panel) else panel
    if facts.empty or not facts["indicator"].astype(str).str.startswith(TIE_PREFIX).any():
        facts, _, _ = read_subjective_facts()
        notes.append("The register and the barometer were read from the package files "
                     "(src/regint/data/shipped/subjective/); the store does not hold them yet.")
    register = ties_register(facts)
    barometer = facts[facts["indicator"].astype(str).str.startswith(BAROMETER_PREFIX)].sort_values(
        ["indicator", "region", "period"]).reset_index(drop=True)
    responses = [read_survey(p, synthetic=synthetic) for p in files]
    other = [r.source for r in responses if tuple(r.pair) != tuple(pair)]
    if other:
        raise DataError(f"the survey forms {other} were written for another pair than the study's "
                        f"{pair[0]}:{pair[1]}. Fix: give the forms of this pair, or write them with "
                        f"`regint experts questionnaire --pair {pair[0]}:{pair[1]}`.")
    surveys = {kind: aggregate_survey([r for r in responses if r.kind == kind])
               for kind in dict.fromkeys(r.kind for r in responses)}
    dim = institutional_dimension(facts, register, report_year, _survey_means(surveys),
                                  illustrative_survey=any(s.synthetic for s in surveys.values()), pair=pair)
    if not register.covers(pair):
        notes.append("The register of ties: " + register.gap_note(pair) + ".")
    return SubjectiveResult(register, barometer, surveys, dim, tuple(notes), pair)


__all__ = ["INSTRUMENTS", "SubjectiveResult", "run_subjective"]
