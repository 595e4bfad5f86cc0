"""The "institutional and social" dimension of the pair index: its named indicators, how thin they are, and
their aggregation where they are not.

The indicators (one row per indicator and side of the pair):

- ``ties_agreements_in_force`` — cross-border co-operation agreements of the side with the other country in force
  (ties register, latest count reported by that side);
- ``ties_pair_entries_recent`` — dated entries of the pair's register of ties in the five years to the report year
  (agreements, visits, forums, joint events), by the side whose sources recorded them; a gap for a pair the
  register was not searched for;
- ``edb_support_eaeu`` — national support for participation in the EAEU (EDB Integration Barometer), a national
  proxy for each side;
- ``survey_political_will``, ``survey_trust`` — officials' mean answers (1–5) per side;
- ``survey_obstacles`` — the mean severity (1–5) of cross-border obstacles named by businesses (else officials).

No value is imputed. The result says whether the dimension is too thin to be aggregated into the composite
index (fewer than three indicators with a value for both sides, or none recent enough). Survey answers made up
for a test or a demonstration are flagged ``illustrative``: they never count towards coverage and a score that
uses them is itself illustrative.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint.data.ties import TiesRegister
from regint.index.aggregate import weighted_arithmetic_mean
from regint.index.normalise import goalpost_scores

INDICATORS: dict[str, str] = {
    "ties_agreements_in_force": "Cross-border co-operation agreements in force (count)",
    "ties_pair_entries_recent": "Dated register entries of the pair in the last five years (count)",
    "edb_support_eaeu": "Support for participation in the EAEU, national (% of respondents)",
    "survey_political_will": "Officials: political will and priorities (mean 1–5)",
    "survey_trust": "Officials: trust in the partner's institutions (mean 1–5)",
    "survey_obstacles": "Severity of cross-border obstacles (mean 1–5; higher = worse)",
}
#: The survey indicators of the dimension.
SURVEY_INDICATORS: tuple[str, ...] = ("survey_political_will", "survey_trust", "survey_obstacles")
#: Fixed goalposts (worst-to-best range in the indicator's units) and direction of each indicator with a natural
#: scale; counts have none and are scored against the leading side (goalposts 0 and the larger count).
GOALPOSTS: dict[str, tuple[float, float, int]] = {
    "edb_support_eaeu": (0.0, 100.0, 1),
    "survey_political_will": (1.0, 5.0, 1),
    "survey_trust": (1.0, 5.0, 1),
    "survey_obstacles": (1.0, 5.0, -1),
}
COLUMNS = ["indicator", "name", "side", "value", "period", "source", "illustrative", "note"]
#: At least this many indicators need a value for both sides before the dimension is aggregated.
MIN_INDICATORS = 3


@dataclass(frozen=True)
class DimensionScore:
    """The dimension aggregated per side (0–100, higher = closer ties), or why it is not.

    Attributes
    ----------
    scores : Series
        Side → score (empty when ``valid`` is False).
    indicators : DataFrame
        The normalised indicators used: one row per indicator, a column per side (0–100).
    valid : bool
    reason : str
    illustrative : bool
        The scores use survey answers made up for a test or a demonstration: never a finding.
    """

    scores: pd.Series
    indicators: pd.DataFrame
    valid: bool
    reason: str
    illustrative: bool = False


@dataclass(frozen=True)
class InstitutionalDimension:
    """The dimension's indicators with their values (gaps as ``NaN``) and the verdict on their coverage."""

    table: pd.DataFrame
    report_year: int
    thin: bool
    reason: str
    pair: tuple[str, str] = DEFAULT_PAIR
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    @property
    def illustrative(self) -> bool:
        """Whether any value of the dimension is illustrative (synthetic survey answers)."""
        return bool(self.table["illustrative"].any())

    def survey_values(self) -> pd.DataFrame:
        """The survey indicators: one row per indicator, a column per side (``NaN`` where no survey is loaded)."""
        t = self.table[self.table["indicator"].isin(SURVEY_INDICATORS)]
        return t.pivot(index="indicator", columns="side", values="value").reindex(
            index=list(SURVEY_INDICATORS), columns=list(self.pair))

    def aggregate(self, include_illustrative: bool = False) -> DimensionScore:
        """The dimension's score per side: the equally weighted arithmetic mean of the indicators with a value for
        both sides, each normalised to 0–100 (higher = better).

        Indicators with a natural scale use fixed goalposts (:data:`GOALPOSTS`: 1–5 Likert means, obstacles
        reversed; shares 0–100 %); counts are scored as the distance to the leading side, :math:`100\\,x/\\max x`
        (goalposts 0 and the larger of the two counts).

        .. math:: s_c = \\frac{1}{k} \\sum_{i=1}^{k} y_{ci}

        Not aggregated (``valid`` False, with the reason) when fewer than :data:`MIN_INDICATORS` indicators have a
        value for both sides, or the newest is older than three years. Illustrative (synthetic) survey values are
        left out unless ``include_illustrative`` — then the score only demonstrates the mechanics and is marked.

        References
        ----------
        OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 5, Table 3 ("distance to a
        reference", the leader), p. 30 and p. 85; step 6, additive aggregation, pp. 31–32 and 102–103. UNDP (2022),
        *Human Development Report 2021/2022*, Technical notes, p. 2 (fixed goalposts).
        """
        rows = self.table[self.table["value"].notna()]
        if not include_illustrative:
            rows = rows[~rows["illustrative"]]
        wide = rows.pivot_table(index="indicator", columns="side", values="value", aggfunc="first")
        wide = wide.reindex(columns=list(self.pair)).dropna()
        used = rows[rows["indicator"].isin(wide.index)]
        periods = used["period"].astype(str).str[:4]
        years = periods[periods.str.fullmatch(r"\d{4}")].astype(int)
        illustrative = bool(used["illustrative"].any())
        empty = DimensionScore(pd.Series(dtype=float), pd.DataFrame(), False, "", illustrative)
        if len(wide) < MIN_INDICATORS:
            return _invalid(empty, f"{len(wide)} indicators with a value for both sides; {MIN_INDICATORS} needed")
        if not len(years) or int(years.max()) < self.report_year - 3:
            return _invalid(empty, "no indicator is newer than three years before the report year")
        normed = {}
        for ind, x in wide.iterrows():
            v = x.to_numpy(dtype=float)
            if ind in GOALPOSTS:
                lo, hi, direction = GOALPOSTS[str(ind)]
                normed[ind] = goalpost_scores(v, lo, hi, direction)
            elif np.nanmax(v) > 0:
                normed[ind] = goalpost_scores(v, 0.0, float(np.nanmax(v)), 1)
        scores = pd.DataFrame(normed, index=list(self.pair)).T
        if len(scores) < MIN_INDICATORS:
            return _invalid(empty, f"{len(scores)} indicators could be scored; {MIN_INDICATORS} needed")
        total = weighted_arithmetic_mean(scores.T.to_numpy(), np.ones(len(scores)))
        reason = f"{len(scores)} indicators, equal weights" + (
            "; ILLUSTRATIVE: uses synthetic survey answers, no finding" if illustrative else "")
        return DimensionScore(pd.Series(total, index=list(self.pair), name="score"), scores, True, reason,
                              illustrative)

    def summary(self) -> str:
        lines = [f"Institutional and social dimension ({len(INDICATORS)} indicators named; report year "
                 f"{self.report_year}; pair {self.pair[0]}:{self.pair[1]}):"]
        for _, r in self.table.iterrows():
            val = "gap" if pd.isna(r["value"]) else f"{r['value']:g} ({r['period']})"
            lines.append(f"  {r['indicator']:<26} {r['side']:<7} {val}" + (" ILLUSTRATIVE" if r["illustrative"]
                                                                            else ""))
        verdict = "too thin to enter the composite index: " if self.thin else "usable: "
        lines.append(verdict + self.reason)
        score = self.aggregate()
        if score.valid:
            lines.append("Score (0-100): " + ", ".join(f"{side} {v:.1f}" for side, v in score.scores.items())
                         + f" ({score.reason})")
        return "\n".join(lines + list(self.notes))


def _invalid(empty: DimensionScore, why: str) -> DimensionScore:
    return DimensionScore(empty.scores, empty.indicators, False, "not aggregated: " + why, empty.illustrative)


def _row(indicator: str, side: str, value: float, period: str = "", source: str = "", note: str = "",
         illustrative: bool = False) -> dict:
    return {"indicator": indicator, "name": INDICATORS[indicator], "side": side, "value": value, "period": period,
            "source": source, "illustrative": illustrative, "note": note}


def _latest(obs: pd.DataFrame, indicator: str, region: str) -> tuple[float, str]:
    if not len(obs):
        return float("nan"), ""
    sel = obs[(obs["indicator"] == indicator) & (obs["region"] == region)]
    if sel.empty:
        return float("nan"), ""
    last = sel.sort_values("period").iloc[-1]
    return float(last["value"]), str(last["period"])


def _register_rows(register: TiesRegister, pair: tuple[str, str], report_year: int, recent_years: int) -> list[dict]:
    span = f"{report_year - recent_years + 1}–{report_year}"
    if not register.covers(pair):
        return [_row("ties_pair_entries_recent", side, float("nan"), note=register.gap_note(pair)) for side in pair]
    e = register.pair_entries(pair)
    recent = e[e["period"].astype(str).str[:4].astype(int) > report_year - recent_years] if len(e) else e
    return [_row("ties_pair_entries_recent", side, float((recent["region"] == side).sum()), span, "ties_register",
                 "entries recorded by this side's sources; a register of what was found") for side in pair]


def institutional_dimension(facts: pd.DataFrame, register: TiesRegister | pd.DataFrame, report_year: int,
                            survey_means: Mapping[str, Mapping[str, float]] | None = None,
                            illustrative_survey: bool = False, recent_years: int = 5,
                            pair: tuple[str, str] = DEFAULT_PAIR) -> InstitutionalDimension:
    """The dimension's indicators of ``pair`` from the shipped facts, the ties register and (optionally) survey
    means.

    Parameters
    ----------
    facts : DataFrame
        Observations holding ``press_tie_agreements_in_force`` and ``press_edb_support_eaeu``.
    register : TiesRegister
        :func:`regint.data.ties.ties_register` (a bare frame of entries is taken as the default pair's register).
        A pair the register was not searched for has its register indicator as a gap, with the reason.
    report_year : int
    survey_means : mapping indicator → {side: mean}, optional
        ``survey_political_will``, ``survey_trust``, ``survey_obstacles`` from the aggregated surveys.
    illustrative_survey : bool
        The survey answers are synthetic: their rows are marked and do not count towards coverage.
    pair : (str, str)
        The Russian region and the Belarusian oblast.
    """
    pair = (str(pair[0]), str(pair[1]))
    if isinstance(register, pd.DataFrame):
        register = TiesRegister(register)
    rows = []
    for side in pair:
        value, period = _latest(facts, "press_tie_agreements_in_force", side)
        rows.append(_row("ties_agreements_in_force", side, value, period, "ties_register" if period else "",
                         "reported by this side's authorities" if period else "not found"))
    rows += _register_rows(register, pair, report_year, recent_years)
    for side in pair:
        value, period = _latest(facts, "press_edb_support_eaeu", side.split("-")[0])
        rows.append(_row("edb_support_eaeu", side, value, period, "edb_barometer" if period else "",
                         "national figure as a proxy" if period else "not found"))
    for ind in SURVEY_INDICATORS:
        means = (survey_means or {}).get(ind, {})
        for side in pair:
            has = side in means and np.isfinite(float(means[side]))
            rows.append(_row(ind, side, float(means[side]) if has else float("nan"), str(report_year) if has else "",
                             "survey" if has else "", "" if has else
                             ("no survey loaded" if not survey_means else "no answers from this side"),
                             illustrative_survey and has))
    table = pd.DataFrame(rows, columns=COLUMNS)
    counted = table[~table["illustrative"] & table["value"].notna()]
    both = [i for i, g in counted.groupby("indicator") if set(pair) <= set(g["side"])]
    periods = counted["period"].astype(str).str[:4]
    fresh = periods[periods.str.fullmatch(r"\d{4}")].astype(int)
    newest = int(fresh.max()) if len(fresh) else None
    thin = len(both) < MIN_INDICATORS or newest is None or newest < report_year - 3
    reason = (f"{len(both)} of {len(INDICATORS)} indicators have a value for both sides ({', '.join(both) or 'none'})"
              f"; newest value {newest if newest is not None else 'none'}"
              + ("; survey answers are illustrative and not counted" if illustrative_survey else ""))
    notes = tuple(n for n in [register.gap_note(pair)] if n)
    return InstitutionalDimension(table, report_year, thin, reason, pair, notes)


__all__ = ["GOALPOSTS", "INDICATORS", "MIN_INDICATORS", "SURVEY_INDICATORS", "DimensionScore",
           "InstitutionalDimension", "institutional_dimension"]
